package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

var (
	_ resource.ResourceWithConfigure   = (*sniResource)(nil)
	_ resource.ResourceWithImportState = (*sniResource)(nil)
)

// NewSNIResource is the kong_sni resource.
func NewSNIResource() resource.Resource {
	return &sniResource{lifecycleResource[sniModel, kong.SNI]{lifecycle: sniLifecycle}}
}

type sniResource struct {
	lifecycleResource[sniModel, kong.SNI]
}

type sniModel struct {
	ID            types.String `tfsdk:"id"`
	Name          types.String `tfsdk:"name"`
	CertificateID types.String `tfsdk:"certificate_id"`
	Tags          types.Set    `tfsdk:"tags"`
	CreatedAt     types.Int64  `tfsdk:"created_at"`
}

func (r *sniResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sni"
}

func (r *sniResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "A server name (SNI) Kong serves a certificate for. The alternative to a `kong_certificate`'s `snis` list, " +
			"for names managed apart from the certificate (another team's, or one per `for_each` entry); use one or the other for a certificate.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("SNI"),
			"name": schema.StringAttribute{
				Required:   true,
				Validators: []validator.String{routeSNIRule},
				Description: "The server name, unique in Kong: a host name with at most one `*` as its first or last character " +
					"(`*.example.com`, `example.*`), no IP address and no port.",
			},
			"certificate_id": schema.StringAttribute{
				Required:    true,
				Validators:  []validator.String{uuidRule},
				Description: "Id of the certificate Kong serves for this name. Changing it moves the name in place.",
			},
			"tags":       tagsAttribute(),
			"created_at": createdAtAttribute(),
		},
	}
}

var sniLifecycle = &entityLifecycle[sniModel, kong.SNI]{
	collection: kongclient.SNIs,
	typeName:   "kong_sni",
	noun:       "SNI",
	id:         func(m sniModel) types.String { return m.ID },
	withID:     func(m sniModel, id string) sniModel { m.ID = types.StringValue(id); return m },
	uniques:    func(m sniModel) []uniqueKey { return nameKey(kongclient.SNIs, m.Name) },
	describe:   func(m sniModel) string { return describe(m.Name, m.ID) },
	expand: func(ctx context.Context, m sniModel, defaultTags []string, diags *diag.Diagnostics) *kong.SNI {
		return &kong.SNI{
			ID:          strPtr(m.ID),
			Name:        strPtr(m.Name),
			Certificate: &kong.Certificate{ID: strPtr(m.CertificateID)},
			Tags:        expandTags(ctx, m.Tags, defaultTags, diags),
		}
	},
	flatten: flattenSNI,
	put: func(ctx context.Context, c *kong.Client, _ sniModel, e *kong.SNI) (*kong.SNI, error) {
		return c.SNIs.Create(ctx, e)
	},
	remove: func(ctx context.Context, c *kong.Client, m sniModel) error {
		return c.SNIs.Delete(ctx, m.ID.ValueStringPointer())
	},
}

func flattenSNI(s *kong.SNI, prior sniModel, defaultTags []string) sniModel {
	m := sniModel{
		ID:            types.StringPointerValue(s.ID),
		Name:          types.StringPointerValue(s.Name),
		CertificateID: types.StringNull(),
		Tags:          flattenTags(s.Tags, defaultTags, prior.Tags),
		CreatedAt:     types.Int64PointerValue(s.CreatedAt),
	}
	if s.Certificate != nil {
		m.CertificateID = types.StringPointerValue(s.Certificate.ID)
	}
	return m
}
