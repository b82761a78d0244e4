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
func NewConsumerKeyAuthResource() resource.Resource {
	return &consumerKeyAuthResource{lifecycleResource[consumerKeyAuthModel, kong.KeyAuth]{lifecycle: keyAuthLifecycle}}
}

// consumerKeyAuthResource adds to the shared lifecycle only the plan of the generated key.
type consumerKeyAuthResource struct {
	lifecycleResource[consumerKeyAuthModel, kong.KeyAuth]
}

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
			"id":          idAttribute("credential"),
			"consumer_id": consumerIDAttribute("Id of the consumer the key identifies. Changing it replaces the credential."),
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
				Validators: []validator.Int64{int64validator.Between(0, 100000000)},
				PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplaceIf(ttlRemoved,
					"Kong cannot take the expiry off a credential, so removing ttl replaces the credential.",
					"Kong cannot take the expiry off a credential, so removing `ttl` replaces the credential.")},
				Description: "Seconds the key stays valid, counted from the last write of the credential; Kong then deletes it, and the next plan creates it again. " +
					"Default: no expiry, which `0` also means, as in Kong. Changing it restarts the count in place; removing it (or setting `0`) " +
					"replaces the credential, as Kong cannot take an expiry off. " +
					"Kong's remaining time is not shown, so it never makes a difference.",
			},
			"tags":       tagsAttribute(),
			"created_at": createdAtAttribute(),
		},
	}
	resp.Schema.Attributes = wholeNumbers(resp.Schema.Attributes)
}

// ModifyPlan claims the write-only key (see claimUniqueKeys) and plans `key`: null with a write-only key,
// kept while Kong's generated key stays, and unknown when Kong will generate a new one (on create, or when
// leaving the write-only key).
func (r *consumerKeyAuthResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	r.lifecycleResource.ModifyPlan(ctx, req, resp)
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
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("key"), plannedKey(plan, prior))...)
}

// ttlRemoved is true when a ttl is taken off: Kong keeps a credential's expiry on writes without ttl or
// with ttl 0 (its "no expiry").
func ttlRemoved(_ context.Context, req planmodifier.Int64Request, resp *int64planmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = expires(req.StateValue) && !expires(req.PlanValue)
}

// expires reports whether a ttl as written sets an expiry: null and 0 do not.
func expires(ttl types.Int64) bool { return !ttl.IsNull() && !ttl.IsUnknown() && ttl.ValueInt64() > 0 }

func plannedKey(plan consumerKeyAuthModel, prior *consumerKeyAuthModel) types.String {
	switch {
	case plan.writeOnly():
		return types.StringNull()
	case prior != nil && !prior.writeOnly() && !prior.Key.IsNull():
		return prior.Key
	}
	return types.StringUnknown()
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

// keyAuthLifecycle writes credentials with one PUT under their consumer. The key sent is the write-only
// key from the configuration, else the generated key being kept, else none, and Kong generates one.
var keyAuthLifecycle = &entityLifecycle[consumerKeyAuthModel, kong.KeyAuth]{
	collection: kongclient.KeyAuths,
	typeName:   "kong_consumer_key_auth",
	noun:       "key-auth credential",
	id:         func(m consumerKeyAuthModel) types.String { return m.ID },
	withID:     func(m consumerKeyAuthModel, id string) consumerKeyAuthModel { m.ID = types.StringValue(id); return m },
	uniques:    keyAuthKeys,
	describe: func(m consumerKeyAuthModel) string {
		return describe(types.StringNull(), m.ID) + " of consumer " + m.ConsumerID.ValueString()
	},
	expand:  expandKeyAuth,
	flatten: flattenKeyAuth,
	put: func(ctx context.Context, c *kong.Client, m consumerKeyAuthModel, e *kong.KeyAuth) (*kong.KeyAuth, error) {
		return c.KeyAuths.Create(ctx, m.ConsumerID.ValueStringPointer(), e)
	},
	remove: func(ctx context.Context, c *kong.Client, m consumerKeyAuthModel) error {
		return c.KeyAuths.Delete(ctx, m.ConsumerID.ValueStringPointer(), m.ID.ValueStringPointer())
	},
	writeOnly: func(ctx context.Context, config tfsdk.Config, m consumerKeyAuthModel, diags *diag.Diagnostics) consumerKeyAuthModel {
		diags.Append(config.GetAttribute(ctx, path.Root("key_wo"), &m.KeyWO)...)
		return m
	},
	keep: func(_ context.Context, _ *providerData, prior, plan consumerKeyAuthModel, _ *diag.Diagnostics) consumerKeyAuthModel {
		plan.Key = types.StringNull()
		if !prior.writeOnly() && !plan.writeOnly() {
			plan.Key = prior.Key // a PUT without a key would make Kong generate a new one
		}
		return plan
	},
	importID: func(ctx context.Context, data *providerData, importID string, diags *diag.Diagnostics) string {
		return importConsumerChild(importID, "credential id", diags, func(consumer, credential string) (*string, error) {
			got, err := data.client.Kong.KeyAuths.Get(ctx, kong.String(consumer), kong.String(credential))
			if err != nil {
				return nil, err
			}
			return got.ID, nil
		})
	},
}

// expandKeyAuth is the whole credential: Key is the generated key kept by an update (null on create, when
// Kong generates one), unless the key is write-only.
func expandKeyAuth(ctx context.Context, m consumerKeyAuthModel, defaultTags []string, diags *diag.Diagnostics) *kong.KeyAuth {
	cred := &kong.KeyAuth{
		ID:   strPtr(m.ID),
		Key:  strPtr(m.Key),
		TTL:  intPtr(m.TTL),
		Tags: expandTags(ctx, m.Tags, defaultTags, diags),
	}
	if m.writeOnly() {
		cred.Key = strPtr(m.KeyWO)
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
	if !expires(prior.TTL) && c.TTL != nil && *c.TTL > 0 {
		m.TTL = types.Int64Value(int64(*c.TTL))
	}
	return m
}

// importConsumerChild resolves the import id of an entity that belongs to a consumer, given either its id
// or "<consumer>/<child>", which lookup resolves to the id through Kong.
func importConsumerChild(importID, child string, diags *diag.Diagnostics, lookup func(consumer, child string) (*string, error)) string {
	consumer, id, err := splitCredentialImportID(importID, child)
	if err != nil {
		diags.AddError("Invalid import id", err.Error())
		return ""
	}
	if consumer != "" {
		found, err := lookup(consumer, id)
		if err != nil {
			addKongError(diags, "Cannot import "+importID, err)
			return ""
		}
		id = kong.StringValue(found)
	}
	return id
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
