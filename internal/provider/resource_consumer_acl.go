package provider

import (
	"context"
	"fmt"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"net/url"

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
	_ resource.ResourceWithConfigure   = (*consumerACLResource)(nil)
	_ resource.ResourceWithImportState = (*consumerACLResource)(nil)
)

// NewConsumerACLResource is the kong_consumer_acl resource.
func NewConsumerACLResource() resource.Resource {
	return &consumerACLResource{lifecycleResource[consumerACLModel, kong.ACLGroup]{lifecycle: aclLifecycle}}
}

type consumerACLResource struct {
	lifecycleResource[consumerACLModel, kong.ACLGroup]
}

type consumerACLModel struct {
	ID         types.String `tfsdk:"id"`
	ConsumerID types.String `tfsdk:"consumer_id"`
	Group      types.String `tfsdk:"group"`
	Tags       types.Set    `tfsdk:"tags"`
	CreatedAt  types.Int64  `tfsdk:"created_at"`
}

func (r *consumerACLResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_consumer_acl"
}

func (r *consumerACLResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Membership of a consumer in an ACL group. The acl plugin on an API lets through only consumers of its `allow` groups (or refuses its `deny` groups), " +
			"after an authentication plugin such as key-auth has identified the consumer: one group per API gives per-API authorization.",
		Attributes: map[string]schema.Attribute{
			"id":          idAttribute("membership"),
			"consumer_id": consumerIDAttribute("Id of the consumer. Changing it replaces the membership."),
			"group": schema.StringAttribute{
				Required:    true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
				Description: "Name of the group, as listed in the acl plugin's `allow` or `deny`. A consumer belongs to each group once. Changing it updates the membership in place.",
			},
			"tags":       tagsAttribute(),
			"created_at": createdAtAttribute(),
		},
	}
}

// aclLifecycle writes memberships with one PUT under their consumer and reads them through the bulk reader.
var aclLifecycle = &entityLifecycle[consumerACLModel, kong.ACLGroup]{
	collection: kongclient.ACLs,
	typeName:   "kong_consumer_acl",
	noun:       "ACL group membership",
	id:         func(m consumerACLModel) types.String { return m.ID },
	withID:     func(m consumerACLModel, id string) consumerACLModel { m.ID = types.StringValue(id); return m },
	// A membership moved to another consumer is replaced; the create half claims its keys.
	uniques: func(m consumerACLModel) []uniqueKey {
		if !hasValue(m.ConsumerID) || !hasValue(m.Group) {
			return nil
		}
		consumer, group := m.ConsumerID.ValueString(), m.Group.ValueString()
		return []uniqueKey{{
			attribute: path.Root("group"),
			what:      fmt.Sprintf("group = %q for consumer %s", group, consumer),
			identity:  entityKey(kongclient.ACLs, consumer, group),
			holder:    holderAt("/consumers/" + url.PathEscape(consumer) + "/acls/" + url.PathEscape(group)),
		}}
	},
	describe: func(m consumerACLModel) string {
		return describe(m.Group, m.ID) + " of consumer " + m.ConsumerID.ValueString()
	},
	expand:   expandACL,
	flatten:  flattenACL,
	importID: importACL,
	put: func(ctx context.Context, c *kong.Client, m consumerACLModel, e *kong.ACLGroup) (*kong.ACLGroup, error) {
		return c.ACLs.Create(ctx, m.ConsumerID.ValueStringPointer(), e)
	},
	remove: func(ctx context.Context, c *kong.Client, m consumerACLModel) error {
		return c.ACLs.Delete(ctx, m.ConsumerID.ValueStringPointer(), m.ID.ValueStringPointer())
	},
}

func expandACL(ctx context.Context, m consumerACLModel, defaultTags []string, diags *diag.Diagnostics) *kong.ACLGroup {
	return &kong.ACLGroup{
		ID:    strPtr(m.ID),
		Group: strPtr(m.Group),
		Tags:  expandTags(ctx, m.Tags, defaultTags, diags),
	}
}

// flattenACL maps Kong's answer onto the model; prior says only whether an empty tag set was written as [].
func flattenACL(a *kong.ACLGroup, prior consumerACLModel, defaultTags []string) consumerACLModel {
	m := consumerACLModel{
		ID:         types.StringPointerValue(a.ID),
		ConsumerID: prior.ConsumerID,
		Group:      types.StringPointerValue(a.Group),
		Tags:       flattenTags(a.Tags, defaultTags, prior.Tags),
		CreatedAt:  int64FromPtr(a.CreatedAt),
	}
	if a.Consumer != nil && a.Consumer.ID != nil {
		m.ConsumerID = types.StringValue(*a.Consumer.ID)
	}
	return m
}

// importACL accepts the membership's id, or `<consumer username or id>/<group>`, looked up in Kong.
func importACL(ctx context.Context, data *providerData, importID string, diags *diag.Diagnostics) string {
	return importConsumerChild(importID, "group", diags, func(consumer, group string) (*string, error) {
		got, err := data.client.Kong.ACLs.Get(ctx, kong.String(consumer), kong.String(group))
		if err != nil {
			return nil, err
		}
		return got.ID, nil
	})
}
