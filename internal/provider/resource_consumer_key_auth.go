package provider

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

var (
	_ resource.ResourceWithConfigure   = (*consumerKeyAuthResource)(nil)
	_ resource.ResourceWithImportState = (*consumerKeyAuthResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*consumerKeyAuthResource)(nil)
)

// NewConsumerKeyAuthResource is the kong_consumer_key_auth resource.
func NewConsumerKeyAuthResource() resource.Resource { return &consumerKeyAuthResource{} }

type consumerKeyAuthResource struct{ data *providerData }

type consumerKeyAuthModel struct {
	ID           types.String `tfsdk:"id"`
	ConsumerID   types.String `tfsdk:"consumer_id"`
	Key          types.String `tfsdk:"key"`
	KeyWO        types.String `tfsdk:"key_wo"`
	KeyWOVersion types.Int64  `tfsdk:"key_wo_version"`
	TTL          types.Int64  `tfsdk:"ttl"`
	Tags         types.Set    `tfsdk:"tags"`
	CreatedAt    types.Int64  `tfsdk:"created_at"`
}

// writeOnly reports whether the key is the user's write-only key rather than one Kong generated.
func (m consumerKeyAuthModel) writeOnly() bool { return !m.KeyWOVersion.IsNull() }

func (r *consumerKeyAuthResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_consumer_key_auth"
}

func (r *consumerKeyAuthResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "An API key of a consumer, checked by the key-auth plugin (`kong_plugin_key_auth`). " +
			"Either you supply the key write-only (`key_wo`, Terraform 1.11 or later), and it is never stored in the plan or state, " +
			"or Kong generates one and it is exposed once in the sensitive `key` attribute. " +
			"Rotating the key rewrites the same credential in place, so the consumer always has exactly one valid key.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:      true,
				Description:   idDescription("credential"),
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"consumer_id": schema.StringAttribute{
				Required:      true,
				Validators:    []validator.String{uuidValidator{}},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Description:   "Id of the consumer the key identifies. Changing it replaces the credential.",
			},
			"key": schema.StringAttribute{
				Computed:    true,
				Sensitive:   true,
				Description: "The key Kong generated, when `key_wo` is not used; null otherwise. Hand it to the API client through a secret store rather than outputs.",
			},
			"key_wo": schema.StringAttribute{
				Optional:    true,
				Sensitive:   true,
				WriteOnly:   true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1), stringvalidator.AlsoRequires(path.MatchRoot("key_wo_version"))},
				Description: "The key, write-only: sent to Kong on every write but never stored in the plan or state (Terraform 1.11 or later). Set `key_wo_version` with it.",
			},
			"key_wo_version": schema.Int64Attribute{
				Optional:    true,
				Validators:  []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("key_wo"))},
				Description: "Any number you change to rotate the key to a new `key_wo`: the credential is rewritten in place, so the old key stops working at the moment the new one starts.",
			},
			"ttl": schema.Int64Attribute{
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(1, 100000000)},
				PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplaceIf(ttlRemoved,
					"Kong cannot take the expiry off a credential, so removing ttl replaces the credential.",
					"Kong cannot take the expiry off a credential, so removing `ttl` replaces the credential.")},
				Description: "Seconds the key stays valid, counted from the last write of the credential; Kong then deletes it, and the next plan creates it again. " +
					"Default: no expiry. Changing it restarts the count in place; removing it replaces the credential, as Kong cannot take an expiry off. " +
					"Kong's remaining time is not shown, so it never makes a difference.",
			},
			"tags":       tagsAttribute(),
			"created_at": createdAtAttribute(),
		},
	}
	resp.Schema.Attributes = wholeNumbers(resp.Schema.Attributes)
}

func (r *consumerKeyAuthResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan plans `key`: null with a write-only key, kept while Kong's generated key stays, and unknown
// when Kong will generate a new one (on create, or when leaving the write-only key).
func (r *consumerKeyAuthResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	plan, diags := getModel[consumerKeyAuthModel](ctx, req.Plan.Schema, req.Plan.Raw)
	resp.Diagnostics.Append(diags...)
	var prior *consumerKeyAuthModel
	if !req.State.Raw.IsNull() {
		state, diags := getModel[consumerKeyAuthModel](ctx, req.State.Schema, req.State.Raw)
		resp.Diagnostics.Append(diags...)
		prior = &state
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("key_wo"), &plan.KeyWO)...)
	priorID := ""
	if prior != nil {
		priorID = prior.ID.ValueString()
	}
	claimUniqueKeys(r.data, "kong_consumer_key_auth", priorID, keyAuthKeys(plan), &resp.Diagnostics)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("key"), plannedKey(plan, prior))...)
}

// ttlRemoved is true when a ttl is taken off: Kong keeps a credential's expiry on writes without ttl.
func ttlRemoved(_ context.Context, req planmodifier.Int64Request, resp *int64planmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !req.StateValue.IsNull() && req.PlanValue.IsNull()
}

func plannedKey(plan consumerKeyAuthModel, prior *consumerKeyAuthModel) types.String {
	switch {
	case plan.writeOnly():
		return types.StringNull()
	case prior != nil && !prior.writeOnly() && !prior.Key.IsNull():
		return prior.Key
	}
	return types.StringUnknown()
}

func (r *consumerKeyAuthResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, diags := getModel[consumerKeyAuthModel](ctx, req.Plan.Schema, req.Plan.Raw)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("key_wo"), &plan.KeyWO)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.ID = types.StringValue(newEntityID())
	cred := expandKeyAuth(ctx, plan, types.StringNull(), r.data.defaultTags, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	var got *kong.KeyAuth
	owned := ownedEntity{typeName: "kong_consumer_key_auth", noun: "key-auth credential", keys: keyAuthKeys(plan)}
	if putNew(ctx, r.data, owned, plan.ID.ValueString(), req.Plan, &resp.State, &resp.Diagnostics, func() (err error) {
		got, err = r.data.client.Kong.KeyAuths.Create(ctx, kong.String(plan.ConsumerID.ValueString()), cred)
		return err
	}) {
		setState(ctx, &resp.State, flattenKeyAuth(got, plan, r.data.defaultTags), &resp.Diagnostics)
	}
}

// keyAuthKeys is a write-only key, which Kong keeps unique. Its identity in the claim registry is a hash,
// and the holder is found by listing the consumer's credentials, never by putting the key in a URL (paths
// are logged).
func keyAuthKeys(m consumerKeyAuthModel) []uniqueKey {
	if !m.writeOnly() || !hasValue(m.KeyWO) {
		return nil
	}
	sum := sha256.Sum256([]byte(m.KeyWO.ValueString()))
	consumer := m.ConsumerID.ValueString()
	return []uniqueKey{{
		attribute: path.Root("key_wo"),
		what:      "this key_wo",
		identity:  entityKey(kongclient.KeyAuths, hex.EncodeToString(sum[:])),
		holder: holderIn("/consumers/"+url.PathEscape(consumer)+"/key-auths", func(raw json.RawMessage) bool {
			var c struct {
				Key string `json:"key"`
			}
			return json.Unmarshal(raw, &c) == nil && subtle.ConstantTimeCompare([]byte(c.Key), []byte(m.KeyWO.ValueString())) == 1
		}),
	}}
}

func (r *consumerKeyAuthResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, diags := getModel[consumerKeyAuthModel](ctx, req.Plan.Schema, req.Plan.Raw)
	resp.Diagnostics.Append(diags...)
	prior, diags := getModel[consumerKeyAuthModel](ctx, req.State.Schema, req.State.Raw)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("key_wo"), &plan.KeyWO)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.CreatedAt = prior.CreatedAt
	keep := types.StringNull()
	if !prior.writeOnly() && !plan.writeOnly() {
		keep = prior.Key // a PUT without a key would make Kong generate a new one
	}
	r.put(ctx, plan, keep, &resp.State, &resp.Diagnostics)
}

// put writes the whole credential with one PUT on its id. The key sent is the write-only key, else the
// generated key being kept, else none, and Kong generates one.
func (r *consumerKeyAuthResource) put(ctx context.Context, plan consumerKeyAuthModel, keep types.String, state *tfsdk.State, diags *diag.Diagnostics) {
	cred := expandKeyAuth(ctx, plan, keep, r.data.defaultTags, diags)
	if diags.HasError() {
		return
	}
	got, err := r.data.client.Kong.KeyAuths.Create(ctx, kong.String(plan.ConsumerID.ValueString()), cred)
	if err != nil {
		addKongError(diags, "Cannot write key-auth credential "+describe(types.StringNull(), plan.ID)+" of consumer "+plan.ConsumerID.ValueString(), err)
		return
	}
	setState(ctx, state, flattenKeyAuth(got, plan, r.data.defaultTags), diags)
}

func expandKeyAuth(ctx context.Context, m consumerKeyAuthModel, keep types.String, defaultTags []string, diags *diag.Diagnostics) *kong.KeyAuth {
	cred := &kong.KeyAuth{
		ID:   strPtr(m.ID),
		Key:  strPtr(keep),
		TTL:  intPtr(m.TTL),
		Tags: expandTags(ctx, m.Tags, defaultTags, diags),
	}
	if m.writeOnly() {
		cred.Key = strPtr(m.KeyWO)
	}
	if !m.CreatedAt.IsNull() && !m.CreatedAt.IsUnknown() {
		// Kong resets created_at on every PUT unless the body carries it.
		cred.CreatedAt = intPtr(m.CreatedAt)
	}
	return cred
}

// flattenKeyAuth maps Kong's answer onto the model. prior supplies what Kong does not say: the key mode,
// the ttl as written (Kong answers the remaining time) and whether an empty tag set was written as [].
// A write-only key is never put into the state.
func flattenKeyAuth(c *kong.KeyAuth, prior consumerKeyAuthModel, defaultTags []string) consumerKeyAuthModel {
	m := consumerKeyAuthModel{
		ID:           types.StringPointerValue(c.ID),
		ConsumerID:   prior.ConsumerID,
		Key:          types.StringNull(),
		KeyWO:        types.StringNull(),
		KeyWOVersion: prior.KeyWOVersion,
		TTL:          prior.TTL,
		Tags:         flattenTags(c.Tags, defaultTags, prior.Tags),
		CreatedAt:    int64FromPtr(c.CreatedAt),
	}
	if c.Consumer != nil && c.Consumer.ID != nil {
		m.ConsumerID = types.StringValue(*c.Consumer.ID)
	}
	if !prior.writeOnly() {
		m.Key = types.StringPointerValue(c.Key)
	}
	// Kong answers the remaining time, so only an expiry where none was written is drift: it shows, and is
	// planned as a replacement, since Kong cannot take an expiry off.
	if prior.TTL.IsNull() && c.TTL != nil && *c.TTL > 0 {
		m.TTL = types.Int64Value(int64(*c.TTL))
	}
	return m
}

// keyAuthReads reads and deletes credentials like every other entity; writes are the resource's own, because
// the key may come from a write-only attribute that only the configuration holds.
var keyAuthReads = &entityLifecycle[consumerKeyAuthModel, kong.KeyAuth]{
	collection: kongclient.KeyAuths,
	noun:       "key-auth credential",
	id:         func(m consumerKeyAuthModel) types.String { return m.ID },
	describe:   func(m consumerKeyAuthModel) string { return m.ID.ValueString() },
	flatten:    flattenKeyAuth,
	remove: func(ctx context.Context, c *kong.Client, m consumerKeyAuthModel) error {
		return c.KeyAuths.Delete(ctx, m.ConsumerID.ValueStringPointer(), m.ID.ValueStringPointer())
	},
}

func (r *consumerKeyAuthResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	keyAuthReads.read(ctx, r.data, req, resp)
}

func (r *consumerKeyAuthResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	keyAuthReads.delete(ctx, r.data, req, resp)
}

// ImportState accepts the credential's id, or `<consumer username or id>/<credential id>`, which is checked
// against Kong. The key itself is never an import id: ids end up in logs and shell history.
func (r *consumerKeyAuthResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importConsumerChild(ctx, req, resp, "credential id", func(consumer, credential string) (*string, error) {
		got, err := r.data.client.Kong.KeyAuths.Get(ctx, kong.String(consumer), kong.String(credential))
		if err != nil {
			return nil, err
		}
		return got.ID, nil
	})
}

// importConsumerChild imports an entity that belongs to a consumer, given either its id or
// "<consumer>/<child>", which lookup resolves to the id through Kong.
func importConsumerChild(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse,
	child string, lookup func(consumer, child string) (*string, error)) {
	consumer, id, err := splitCredentialImportID(req.ID, child)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import id", err.Error())
		return
	}
	if consumer != "" {
		found, err := lookup(consumer, id)
		if err != nil {
			addKongError(&resp.Diagnostics, "Cannot import "+req.ID, err)
			return
		}
		id = kong.StringValue(found)
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}

// splitCredentialImportID reads "<consumer>/<child>" or a plain id (consumer then empty).
func splitCredentialImportID(importID, child string) (consumer, id string, err error) {
	importID = strings.TrimSpace(importID)
	consumer, id, found := strings.Cut(importID, "/")
	if !found {
		if !isUUID(importID) {
			return "", "", fmt.Errorf("%q is neither an id nor <consumer username or id>/<%s>", importID, child)
		}
		return "", importID, nil
	}
	if consumer == "" || id == "" || strings.Contains(id, "/") {
		return "", "", fmt.Errorf("%q is not of the form <consumer username or id>/<%s>", importID, child)
	}
	return consumer, id, nil
}
