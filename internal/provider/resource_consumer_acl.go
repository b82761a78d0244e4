package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
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
func NewConsumerACLResource() resource.Resource { return &consumerACLResource{} }

type consumerACLResource struct{ data *providerData }

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
			"id": schema.StringAttribute{
				Computed:      true,
				Description:   "The membership's UUID, derived from the consumer and the group, so an interrupted create is adopted by the next apply.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"consumer_id": schema.StringAttribute{
				Required:      true,
				Validators:    []validator.String{uuidValidator{}},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Description:   "Id of the consumer. Changing it replaces the membership.",
			},
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

func (r *consumerACLResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *consumerACLResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan consumerACLModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.ID = types.StringValue(newEntityID(r.data.client.Workspace(), "acls", plan.ConsumerID.ValueString()+"\x00"+plan.Group.ValueString()))
	r.put(ctx, plan, &resp.State, &resp.Diagnostics)
}

func (r *consumerACLResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior consumerACLModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.CreatedAt = prior.CreatedAt
	r.put(ctx, plan, &resp.State, &resp.Diagnostics)
}

// put writes the whole membership with one PUT on its id.
func (r *consumerACLResource) put(ctx context.Context, plan consumerACLModel, state stateSetter, diags *diag.Diagnostics) {
	acl := expandACL(ctx, plan, r.data.defaultTags, diags)
	if diags.HasError() {
		return
	}
	got, err := r.data.client.Kong.ACLs.Create(ctx, kong.String(plan.ConsumerID.ValueString()), acl)
	if err != nil {
		diags.AddError("Cannot write ACL group "+describe(plan.Group, plan.ID)+" of consumer "+plan.ConsumerID.ValueString(), kongErrorDetail(err))
		return
	}
	diags.Append(state.Set(ctx, flattenACL(got, plan, r.data.defaultTags))...)
}

func expandACL(ctx context.Context, m consumerACLModel, defaultTags []string, diags *diag.Diagnostics) *kong.ACLGroup {
	acl := &kong.ACLGroup{
		ID:    strPtr(m.ID),
		Group: strPtr(m.Group),
		Tags:  expandTags(ctx, m.Tags, defaultTags, diags),
	}
	if !m.CreatedAt.IsNull() && !m.CreatedAt.IsUnknown() {
		// Kong resets created_at on every PUT unless the body carries it.
		acl.CreatedAt = intPtr(m.CreatedAt)
	}
	return acl
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

func (r *consumerACLResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var prior consumerACLModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	got := &kong.ACLGroup{}
	err := r.data.client.Get(ctx, kongclient.ACLs, prior.ID.ValueString(), got)
	if kong.IsNotFoundErr(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read ACL group membership "+prior.ID.ValueString(), kongErrorDetail(err))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, flattenACL(got, prior, r.data.defaultTags))...)
}

func (r *consumerACLResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var prior consumerACLModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.data.client.Kong.ACLs.Delete(ctx, kong.String(prior.ConsumerID.ValueString()), kong.String(prior.ID.ValueString()))
	if err != nil && !kong.IsNotFoundErr(err) {
		resp.Diagnostics.AddError("Cannot delete ACL group membership "+prior.ID.ValueString(), kongErrorDetail(err))
	}
}

// ImportState accepts the membership's id, or `<consumer username or id>/<group>`, looked up in Kong.
func (r *consumerACLResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importConsumerChild(ctx, req, resp, "group", func(consumer, group string) (*string, error) {
		got, err := r.data.client.Kong.ACLs.Get(ctx, kong.String(consumer), kong.String(group))
		if err != nil {
			return nil, err
		}
		return got.ID, nil
	})
}
