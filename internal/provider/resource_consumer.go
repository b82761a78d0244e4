package provider

import (
	"context"
	"fmt"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

var (
	_ resource.ResourceWithConfigure      = (*consumerResource)(nil)
	_ resource.ResourceWithImportState    = (*consumerResource)(nil)
	_ resource.ResourceWithValidateConfig = (*consumerResource)(nil)
)

// NewConsumerResource is the kong_consumer resource.
func NewConsumerResource() resource.Resource {
	return &consumerResource{lifecycleResource[consumerModel, kong.Consumer]{lifecycle: consumerLifecycle}}
}

type consumerResource struct {
	lifecycleResource[consumerModel, kong.Consumer]
}

type consumerModel struct {
	ID        types.String `tfsdk:"id"`
	Username  types.String `tfsdk:"username"`
	CustomID  types.String `tfsdk:"custom_id"`
	Tags      types.Set    `tfsdk:"tags"`
	CreatedAt types.Int64  `tfsdk:"created_at"`
}

func (r *consumerResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_consumer"
}

func (r *consumerResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "A Kong consumer: a client of the gateway, such as a front end, that credentials and ACL groups belong to.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("consumer"),
			"username": schema.StringAttribute{
				Optional:    true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
				Description: "Unique user name. At least one of `username` and `custom_id` must be set.",
			},
			"custom_id": schema.StringAttribute{
				Optional:    true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
				Description: "Unique id from another system, for mapping consumers to your own users.",
			},
			"tags":       tagsAttribute(),
			"created_at": createdAtAttribute(),
		},
	}
}

// ValidateConfig is Kong's rule that a consumer needs a username or a custom_id.
func (r *consumerResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	m, diags := getModel[consumerModel](ctx, req.Config.Schema, req.Config.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if m.Username.IsNull() && m.CustomID.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("username"), "Missing consumer identity",
			"A consumer needs a username, a custom_id, or both.")
	}
}

// consumerKeys are a consumer's username and custom_id, each unique in Kong.
func consumerKeys(m consumerModel) []uniqueKey {
	var keys []uniqueKey
	if hasValue(m.Username) {
		name := m.Username.ValueString()
		keys = append(keys, uniqueKey{
			attribute: path.Root("username"),
			what:      fmt.Sprintf("username = %q", name),
			identity:  entityKey(kongclient.Consumers, "username", name),
			holder:    holderAt("/consumers/" + url.PathEscape(name)),
		})
	}
	if hasValue(m.CustomID) {
		id := m.CustomID.ValueString()
		keys = append(keys, uniqueKey{
			attribute: path.Root("custom_id"),
			what:      fmt.Sprintf("custom_id = %q", id),
			identity:  entityKey(kongclient.Consumers, "custom_id", id),
			holder:    holderAt("/consumers?custom_id=" + url.QueryEscape(id)),
		})
	}
	return keys
}

// consumerLifecycle writes consumers with one PUT each and reads them through the bulk reader.
var consumerLifecycle = &entityLifecycle[consumerModel, kong.Consumer]{
	collection: kongclient.Consumers,
	typeName:   "kong_consumer",
	noun:       "consumer",
	id:         func(m consumerModel) types.String { return m.ID },
	withID:     func(m consumerModel, id string) consumerModel { m.ID = types.StringValue(id); return m },
	uniques:    consumerKeys,
	describe:   describeConsumer,
	expand:     expandConsumer,
	flatten:    flattenConsumer,
	put: func(ctx context.Context, c *kong.Client, _ consumerModel, e *kong.Consumer) (*kong.Consumer, error) {
		return c.Consumers.Create(ctx, e)
	},
	remove: func(ctx context.Context, c *kong.Client, m consumerModel) error {
		return c.Consumers.Delete(ctx, m.ID.ValueStringPointer())
	},
}

// describeConsumer names a consumer in messages by its username, else its custom_id, else its id.
func describeConsumer(m consumerModel) string {
	if m.Username.IsNull() && !m.CustomID.IsNull() {
		return "with custom_id " + describe(m.CustomID, m.ID)
	}
	return describe(m.Username, m.ID)
}

func expandConsumer(ctx context.Context, m consumerModel, defaultTags []string, diags *diag.Diagnostics) *kong.Consumer {
	return &kong.Consumer{
		ID:       strPtr(m.ID),
		Username: strPtr(m.Username),
		CustomID: strPtr(m.CustomID),
		Tags:     expandTags(ctx, m.Tags, defaultTags, diags),
	}
}

func flattenConsumer(c *kong.Consumer, prior consumerModel, defaultTags []string) consumerModel {
	return consumerModel{
		ID:        types.StringPointerValue(c.ID),
		Username:  types.StringPointerValue(c.Username),
		CustomID:  types.StringPointerValue(c.CustomID),
		Tags:      flattenTags(c.Tags, defaultTags, prior.Tags),
		CreatedAt: types.Int64PointerValue(c.CreatedAt),
	}
}
