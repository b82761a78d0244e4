package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

var (
	_ resource.ResourceWithConfigure   = (*consumerHMACAuthResource)(nil)
	_ resource.ResourceWithImportState = (*consumerHMACAuthResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*consumerHMACAuthResource)(nil)
)

// NewConsumerHMACAuthResource is the kong_consumer_hmac_auth resource.
func NewConsumerHMACAuthResource() resource.Resource {
	return &consumerHMACAuthResource{lifecycleResource[consumerHMACAuthModel, kong.HMACAuth]{lifecycle: hmacAuthLifecycle}}
}

// consumerHMACAuthResource is the shared lifecycle with the hmac-auth schema.
type consumerHMACAuthResource struct {
	lifecycleResource[consumerHMACAuthModel, kong.HMACAuth]
}

type consumerHMACAuthModel struct {
	ID              types.String `tfsdk:"id"`
	ConsumerID      types.String `tfsdk:"consumer_id"`
	Username        types.String `tfsdk:"username"`
	SecretWO        types.String `tfsdk:"secret_wo"`
	SecretWOVersion types.Int64  `tfsdk:"secret_wo_version"`
	Tags            types.Set    `tfsdk:"tags"`
	CreatedAt       types.Int64  `tfsdk:"created_at"`
}

// writeOnly reports whether the secret is the user's write-only secret rather than one Kong generated.
func (m consumerHMACAuthModel) writeOnly() bool { return !m.SecretWOVersion.IsNull() }

func (r *consumerHMACAuthResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_consumer_hmac_auth"
}

func (r *consumerHMACAuthResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "An HMAC credential of a consumer, checked by the hmac-auth plugin: clients sign requests with the shared secret and name the " +
			"credential by `username`. Give the secret write-only (`secret_wo`, Terraform 1.11 or later), for example from `random_password` " +
			"or a secret store, so it is never in the plan or state.",
		Attributes: map[string]schema.Attribute{
			"id":          idAttribute("credential"),
			"consumer_id": consumerIDAttribute("Id of the consumer the credential identifies. Changing it replaces the credential."),
			"username": schema.StringAttribute{
				Required:    true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
				Description: "The name clients put in the signature's `username`. Unique in Kong across all consumers.",
			},
			"secret_wo": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				WriteOnly: true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1),
					stringvalidator.AlsoRequires(path.MatchRoot("secret_wo_version"))},
				Description: "The shared secret, write-only: sent to Kong on every write but never stored in the plan or state (Terraform 1.11 or later). " +
					"Set `secret_wo_version` with it. Unset, Kong generates a secret, which the provider keeps on updates but never shows. " +
					"Kong's value is not compared with it, so a secret changed outside Terraform shows only when you change the version.",
			},
			"secret_wo_version": schema.Int64Attribute{
				Optional:    true,
				Validators:  []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("secret_wo"))},
				Description: "Any number you change to rotate the secret to a new `secret_wo`: the credential is rewritten in place. Removing it lets Kong generate a new secret.",
			},
			"tags":       tagsAttribute(),
			"created_at": createdAtAttribute(),
		},
	}
}

// hmacAuthLifecycle writes credentials with one PUT under their consumer. The secret sent is the write-only
// secret from the configuration, else the one Kong generated, kept (keep), else none, and Kong generates one.
var hmacAuthLifecycle = &entityLifecycle[consumerHMACAuthModel, kong.HMACAuth]{
	collection: kongclient.HMACAuths,
	typeName:   "kong_consumer_hmac_auth",
	noun:       "hmac-auth credential",
	id:         func(m consumerHMACAuthModel) types.String { return m.ID },
	withID:     func(m consumerHMACAuthModel, id string) consumerHMACAuthModel { m.ID = types.StringValue(id); return m },
	uniques: func(m consumerHMACAuthModel) []uniqueKey {
		return endpointKey(kongclient.HMACAuths, "username", m.Username)
	},
	describe: describeHMACAuth,
	expand:   expandHMACAuth,
	flatten:  flattenHMACAuth,
	put: func(ctx context.Context, c *kong.Client, m consumerHMACAuthModel, e *kong.HMACAuth) (*kong.HMACAuth, error) {
		return c.HMACAuths.Create(ctx, m.ConsumerID.ValueStringPointer(), e)
	},
	remove: func(ctx context.Context, c *kong.Client, m consumerHMACAuthModel) error {
		return c.HMACAuths.Delete(ctx, m.ConsumerID.ValueStringPointer(), m.ID.ValueStringPointer())
	},
	writeOnly: func(ctx context.Context, config tfsdk.Config, m consumerHMACAuthModel, diags *diag.Diagnostics) consumerHMACAuthModel {
		diags.Append(config.GetAttribute(ctx, path.Root("secret_wo"), &m.SecretWO)...)
		return m
	},
	// While no write-only secret was ever given, the secret Kong generated is sent back: an update of the
	// tags must not invalidate the clients' signatures. Leaving the write-only secret lets Kong generate a
	// new one, so the old secret stops working.
	keep: func(ctx context.Context, data *providerData, prior, plan consumerHMACAuthModel, diags *diag.Diagnostics) consumerHMACAuthModel {
		if !plan.writeOnly() && !prior.writeOnly() {
			plan.SecretWO = generatedSecret(ctx, data, kongclient.HMACAuths, prior.ID.ValueString(), "secret", "hmac-auth credential "+describeHMACAuth(prior), diags)
		}
		return plan
	},
	importID: func(ctx context.Context, data *providerData, importID string, diags *diag.Diagnostics) string {
		return importConsumerChild(importID, "username or id", diags, func(consumer, credential string) (*string, error) {
			got, err := data.client.Kong.HMACAuths.Get(ctx, kong.String(consumer), kong.String(credential))
			if err != nil {
				return nil, err
			}
			return got.ID, nil
		})
	},
}

func describeHMACAuth(m consumerHMACAuthModel) string {
	return describe(m.Username, m.ID) + " of consumer " + m.ConsumerID.ValueString()
}

// expandHMACAuth is the whole credential; SecretWO carries the secret to send (null: Kong generates one).
func expandHMACAuth(ctx context.Context, m consumerHMACAuthModel, defaultTags []string, diags *diag.Diagnostics) *kong.HMACAuth {
	return &kong.HMACAuth{
		ID:       strPtr(m.ID),
		Username: strPtr(m.Username),
		Secret:   strPtr(m.SecretWO),
		Tags:     expandTags(ctx, m.Tags, defaultTags, diags),
	}
}

// flattenHMACAuth maps Kong's answer onto the model; the secret never reaches the state.
func flattenHMACAuth(c *kong.HMACAuth, prior consumerHMACAuthModel, defaultTags []string) consumerHMACAuthModel {
	m := consumerHMACAuthModel{
		ID:              types.StringPointerValue(c.ID),
		ConsumerID:      prior.ConsumerID,
		Username:        types.StringPointerValue(c.Username),
		SecretWO:        types.StringNull(),
		SecretWOVersion: prior.SecretWOVersion,
		Tags:            flattenTags(c.Tags, defaultTags, prior.Tags),
		CreatedAt:       int64FromPtr(c.CreatedAt),
	}
	if c.Consumer != nil && c.Consumer.ID != nil {
		m.ConsumerID = types.StringValue(*c.Consumer.ID)
	}
	return m
}
