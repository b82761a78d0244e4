package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

var (
	_ resource.ResourceWithConfigure   = (*keySetResource)(nil)
	_ resource.ResourceWithImportState = (*keySetResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*keySetResource)(nil)
)

// NewKeySetResource is the kong_key_set resource.
func NewKeySetResource() resource.Resource {
	return &keySetResource{lifecycleResource[keySetModel, kong.KeySet]{lifecycle: keySetLifecycle}}
}

type keySetResource struct {
	lifecycleResource[keySetModel, kong.KeySet]
}

type keySetModel struct {
	ID        types.String `tfsdk:"id"`
	Name      types.String `tfsdk:"name"`
	Tags      types.Set    `tfsdk:"tags"`
	CreatedAt types.Int64  `tfsdk:"created_at"`
}

func (r *keySetResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_key_set"
}

func (r *keySetResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "A Kong key set: a group of keys (`kong_key`) for one purpose, such as the keys a plugin signs or " +
			"verifies tokens with. Deleting a key set deletes its keys in Kong.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("key set"),
			"name": schema.StringAttribute{
				Optional:    true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
				Description: "Unique name of the key set.",
			},
			"tags":       tagsAttribute(),
			"created_at": createdAtAttribute(),
		},
	}
}

// keySetLifecycle writes key sets with one PUT each and reads them through the bulk reader.
var keySetLifecycle = &entityLifecycle[keySetModel, kong.KeySet]{
	collection: kongclient.KeySets,
	typeName:   "kong_key_set",
	noun:       "key set",
	id:         func(m keySetModel) types.String { return m.ID },
	withID:     func(m keySetModel, id string) keySetModel { m.ID = types.StringValue(id); return m },
	uniques:    func(m keySetModel) []uniqueKey { return nameKey(kongclient.KeySets, m.Name) },
	describe:   func(m keySetModel) string { return describe(m.Name, m.ID) },
	expand:     expandKeySet,
	flatten:    flattenKeySet,
	put: func(ctx context.Context, c *kong.Client, _ keySetModel, e *kong.KeySet) (*kong.KeySet, error) {
		return c.KeySets.Create(ctx, e)
	},
	remove: func(ctx context.Context, c *kong.Client, m keySetModel) error {
		return c.KeySets.Delete(ctx, m.ID.ValueStringPointer())
	},
}

func expandKeySet(ctx context.Context, m keySetModel, defaultTags []string, diags *diag.Diagnostics) *kong.KeySet {
	return &kong.KeySet{
		ID:   strPtr(m.ID),
		Name: strPtr(m.Name),
		Tags: expandTags(ctx, m.Tags, defaultTags, diags),
	}
}

func flattenKeySet(s *kong.KeySet, prior keySetModel, defaultTags []string) keySetModel {
	return keySetModel{
		ID:        types.StringPointerValue(s.ID),
		Name:      types.StringPointerValue(s.Name),
		Tags:      flattenTags(s.Tags, defaultTags, prior.Tags),
		CreatedAt: types.Int64PointerValue(s.CreatedAt),
	}
}
