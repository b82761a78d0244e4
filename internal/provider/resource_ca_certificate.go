package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/keymaterial"
	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

var (
	_ resource.ResourceWithConfigure   = (*caCertificateResource)(nil)
	_ resource.ResourceWithImportState = (*caCertificateResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*caCertificateResource)(nil)
)

// NewCACertificateResource is the kong_ca_certificate resource.
func NewCACertificateResource() resource.Resource {
	return &caCertificateResource{lifecycleResource[caCertificateModel, kong.CACertificate]{lifecycle: caCertificateLifecycle}}
}

// caCertificateResource adds to the shared lifecycle the planned digest and the expiry check.
type caCertificateResource struct {
	lifecycleResource[caCertificateModel, kong.CACertificate]
}

type caCertificateModel struct {
	ID         types.String `tfsdk:"id"`
	Cert       types.String `tfsdk:"cert"`
	CertDigest types.String `tfsdk:"cert_digest"`
	Tags       types.Set    `tfsdk:"tags"`
	CreatedAt  types.Int64  `tfsdk:"created_at"`
}

func (r *caCertificateResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ca_certificate"
}

func (r *caCertificateResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "A CA certificate Kong trusts, for example to verify upstream certificates (a service's `ca_certificates`). " +
			"Kong keeps each certificate once: a second entity with the same certificate is refused.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("CA certificate"),
			"cert": schema.StringAttribute{
				Required:   true,
				Validators: []validator.String{caCertificatePEMRule},
				Description: "One CA certificate in PEM (basic constraint CA:TRUE). Checked at plan; an expired one fails the plan " +
					"of any change to it, since Kong refuses to store it.",
			},
			"cert_digest": schema.StringAttribute{
				Computed:    true,
				Description: "Lowercase hex SHA-256 of the certificate, which Kong computes and keeps unique.",
			},
			"tags":       tagsAttribute(),
			"created_at": createdAtAttribute(),
		},
	}
}

// ModifyPlan claims the certificate's digest (see claimUniqueKeys), plans the digest Kong will compute,
// and refuses to write an expired certificate, which Kong would refuse. An unchanged expired certificate
// plans nothing: Kong keeps it, and so does the plan.
func (r *caCertificateResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	r.lifecycleResource.ModifyPlan(ctx, req, resp)
	var cert types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("cert"), &cert)...)
	if resp.Diagnostics.HasError() || !hasValue(cert) {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("cert_digest"), types.StringValue(keymaterial.CertificateDigest(cert.ValueString())))...)
	if req.State.Raw.IsNull() || !req.State.Raw.Equal(resp.Plan.Raw) {
		if problem := caCertificateExpired(cert.ValueString(), time.Now()); problem != "" {
			resp.Diagnostics.AddAttributeError(path.Root("cert"), "Expired CA certificate", problem)
		}
	}
}

var caCertificateLifecycle = &entityLifecycle[caCertificateModel, kong.CACertificate]{
	collection: kongclient.CACertificates,
	typeName:   "kong_ca_certificate",
	noun:       "CA certificate",
	id:         func(m caCertificateModel) types.String { return m.ID },
	withID:     func(m caCertificateModel, id string) caCertificateModel { m.ID = types.StringValue(id); return m },
	uniques:    caCertificateKeys,
	describe:   func(m caCertificateModel) string { return describe(types.StringNull(), m.ID) },
	expand: func(ctx context.Context, m caCertificateModel, defaultTags []string, diags *diag.Diagnostics) *kong.CACertificate {
		return &kong.CACertificate{ID: strPtr(m.ID), Cert: strPtr(m.Cert), Tags: expandTags(ctx, m.Tags, defaultTags, diags)}
	},
	flatten: flattenCACertificate,
	put: func(ctx context.Context, c *kong.Client, _ caCertificateModel, e *kong.CACertificate) (*kong.CACertificate, error) {
		return c.CACertificates.Create(ctx, e)
	},
	remove: func(ctx context.Context, c *kong.Client, m caCertificateModel) error {
		return c.CACertificates.Delete(ctx, m.ID.ValueStringPointer())
	},
	importID: func(_ context.Context, _ *providerData, id string, diags *diag.Diagnostics) string {
		if id = strings.TrimSpace(id); !isUUID(id) {
			diags.AddError("Invalid import id", fmt.Sprintf("%q is not an id: Kong addresses a CA certificate by its id (a UUID) only.", id))
		}
		return id
	},
}

// caCertificateKeys is the certificate's digest, which Kong keeps unique. Kong has no lookup by digest, so
// the holder is found in the listing.
func caCertificateKeys(m caCertificateModel) []uniqueKey {
	if !hasValue(m.Cert) {
		return nil
	}
	digest := keymaterial.CertificateDigest(m.Cert.ValueString())
	if digest == "" {
		return nil
	}
	return []uniqueKey{{
		attribute: path.Root("cert"),
		what:      "this certificate (cert_digest " + digest + ")",
		identity:  entityKey(kongclient.CACertificates, "cert_digest", digest),
		holder:    holderIn("/"+kongclient.CACertificates, digestIs(digest)),
	}}
}

// digestIs matches a CA certificate in a listing by its digest.
func digestIs(digest string) func(raw json.RawMessage) bool {
	return func(raw json.RawMessage) bool {
		var c struct {
			CertDigest string `json:"cert_digest"`
		}
		return json.Unmarshal(raw, &c) == nil && c.CertDigest == digest
	}
}

func flattenCACertificate(c *kong.CACertificate, prior caCertificateModel, defaultTags []string) caCertificateModel {
	return caCertificateModel{
		ID:         types.StringPointerValue(c.ID),
		Cert:       types.StringPointerValue(c.Cert),
		CertDigest: types.StringPointerValue(c.CertDigest),
		Tags:       flattenTags(c.Tags, defaultTags, prior.Tags),
		CreatedAt:  types.Int64PointerValue(c.CreatedAt),
	}
}
