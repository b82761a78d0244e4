package provider

import (
	"context"
	"crypto/sha1" //nolint:gosec // Kong's basic-auth hash is SHA-1; the provider computes the same value to compare.
	"encoding/hex"

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
	_ resource.ResourceWithConfigure   = (*consumerBasicAuthResource)(nil)
	_ resource.ResourceWithImportState = (*consumerBasicAuthResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*consumerBasicAuthResource)(nil)
)

// NewConsumerBasicAuthResource is the kong_consumer_basic_auth resource.
func NewConsumerBasicAuthResource() resource.Resource {
	return &consumerBasicAuthResource{lifecycleResource[consumerBasicAuthModel, kong.BasicAuth]{lifecycle: basicAuthLifecycle}}
}

// consumerBasicAuthResource adds to the shared lifecycle the fingerprint of the password written
// (resource_consumer_basic_auth_fingerprint.go) and the plan of password_in_sync.
type consumerBasicAuthResource struct {
	lifecycleResource[consumerBasicAuthModel, kong.BasicAuth]
}

type consumerBasicAuthModel struct {
	ID                types.String `tfsdk:"id"`
	ConsumerID        types.String `tfsdk:"consumer_id"`
	Username          types.String `tfsdk:"username"`
	PasswordWO        types.String `tfsdk:"password_wo"`
	PasswordWOVersion types.Int64  `tfsdk:"password_wo_version"`
	PasswordInSync    types.Bool   `tfsdk:"password_in_sync"`
	Tags              types.Set    `tfsdk:"tags"`
	CreatedAt         types.Int64  `tfsdk:"created_at"`
}

func (r *consumerBasicAuthResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_consumer_basic_auth"
}

func (r *consumerBasicAuthResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "A username and password of a consumer, checked by the basic-auth plugin. The password is write-only (`password_wo`, " +
			"Terraform 1.11 or later): never in the plan or state. Kong's hash of it (an unsalted SHA-1 of the password and the consumer id) is " +
			"not kept either, as anyone reading the state could test password guesses against it quickly. The provider keeps, in the resource's " +
			"private state, only a slow salted fingerprint of Kong's hash (PBKDF2-HMAC-SHA256, 600,000 iterations, a random 16-byte salt per write). " +
			"A refresh compares Kong's current hash with it, so a password changed outside Terraform shows in the plan (`password_in_sync`), and a " +
			"plan compares the configured password with it, so a new `password_wo` shows by itself.",
		Attributes: map[string]schema.Attribute{
			"id":          idAttribute("credential"),
			"consumer_id": consumerIDAttribute("Id of the consumer the credential identifies. Changing it replaces the credential."),
			"username": schema.StringAttribute{
				Required:    true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
				Description: "The username clients send. Unique in Kong across all consumers.",
			},
			"password_wo": schema.StringAttribute{
				Required:    true,
				Sensitive:   true,
				WriteOnly:   true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
				Description: "The password, write-only: sent to Kong on every write but never stored in the plan or state (Terraform 1.11 or later).",
			},
			"password_wo_version": schema.Int64Attribute{
				Optional: true,
				Description: "Any number; changing it rewrites the credential with the current `password_wo`. A new `password_wo` shows in the plan " +
					"by itself (through `password_in_sync`), so the version is only needed to force a rewrite.",
			},
			"password_in_sync": schema.BoolAttribute{
				Computed: true,
				Description: "Whether Kong holds the password Terraform last wrote. A refresh sets it to `false` when the password was changed outside " +
					"Terraform, and after an import, when the provider cannot know the password Kong holds; the plan then shows it going back to `true` " +
					"and the apply writes the configured password. Unknown in a plan that writes a new `password_wo`.",
			},
			"tags":       tagsAttribute(),
			"created_at": createdAtAttribute(),
		},
	}
}

// ModifyPlan claims the username (see claimUniqueKeys) and plans password_in_sync (see plannedInSync).
func (r *consumerBasicAuthResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	r.lifecycleResource.ModifyPlan(ctx, req, resp)
	planned := types.BoolValue(true)
	if !req.State.Raw.IsNull() {
		var consumerID, password types.String
		var inSync types.Bool
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("consumer_id"), &consumerID)...)
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("password_wo"), &password)...)
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("password_in_sync"), &inSync)...)
		planned = plannedInSync(inSync, consumerID, password, loadFingerprint(ctx, req.Private))
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("password_in_sync"), planned)...)
}

func (r *consumerBasicAuthResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.lifecycleResource.Create(ctx, req, resp)
	r.remember(ctx, req.Config, resp.State, resp.Private, &resp.Diagnostics)
}

func (r *consumerBasicAuthResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.lifecycleResource.Update(ctx, req, resp)
	r.remember(ctx, req.Config, resp.State, resp.Private, &resp.Diagnostics)
}

// remember keeps the fingerprint of the password a successful write sent.
func (r *consumerBasicAuthResource) remember(ctx context.Context, config tfsdk.Config, state tfsdk.State, private privateWriter, diags *diag.Diagnostics) {
	if diags.HasError() {
		return
	}
	var consumerID, password types.String
	diags.Append(state.GetAttribute(ctx, path.Root("consumer_id"), &consumerID)...)
	diags.Append(config.GetAttribute(ctx, path.Root("password_wo"), &password)...)
	if !diags.HasError() {
		rememberPassword(ctx, private, consumerID.ValueString(), password.ValueString(), diags)
	}
}

// basicAuthHash is Kong's hash of a basic-auth password (kong/plugins/basic-auth/crypto.lua): the hex SHA-1
// of the password followed by the consumer's id.
func basicAuthHash(consumerID, password string) string {
	sum := sha1.Sum([]byte(password + consumerID)) //nolint:gosec // Kong's own rule
	return hex.EncodeToString(sum[:])
}

// basicAuthLifecycle writes credentials with one PUT under their consumer, always with the password from the
// configuration: Kong requires it on every PUT and hashes it again.
var basicAuthLifecycle = &entityLifecycle[consumerBasicAuthModel, kong.BasicAuth]{
	collection: kongclient.BasicAuths,
	typeName:   "kong_consumer_basic_auth",
	noun:       "basic-auth credential",
	id:         func(m consumerBasicAuthModel) types.String { return m.ID },
	withID: func(m consumerBasicAuthModel, id string) consumerBasicAuthModel {
		m.ID = types.StringValue(id)
		return m
	},
	uniques: func(m consumerBasicAuthModel) []uniqueKey {
		return endpointKey(kongclient.BasicAuths, "username", m.Username)
	},
	describe: func(m consumerBasicAuthModel) string {
		return describe(m.Username, m.ID) + " of consumer " + m.ConsumerID.ValueString()
	},
	expand:  expandBasicAuth,
	flatten: flattenBasicAuth,
	readState: func(ctx context.Context, data *providerData, got *kong.BasicAuth, prior consumerBasicAuthModel, req resource.ReadRequest, resp *resource.ReadResponse) {
		m := flattenBasicAuth(got, prior, data.defaultTags)
		f := loadFingerprint(ctx, req.Private)
		m.PasswordInSync = types.BoolValue(f != nil && f.matches(kong.StringValue(got.Password)))
		setState(ctx, &resp.State, m, &resp.Diagnostics)
	},
	put: func(ctx context.Context, c *kong.Client, m consumerBasicAuthModel, e *kong.BasicAuth) (*kong.BasicAuth, error) {
		return c.BasicAuths.Create(ctx, m.ConsumerID.ValueStringPointer(), e)
	},
	remove: func(ctx context.Context, c *kong.Client, m consumerBasicAuthModel) error {
		return c.BasicAuths.Delete(ctx, m.ConsumerID.ValueStringPointer(), m.ID.ValueStringPointer())
	},
	writeOnly: func(ctx context.Context, config tfsdk.Config, m consumerBasicAuthModel, diags *diag.Diagnostics) consumerBasicAuthModel {
		diags.Append(config.GetAttribute(ctx, path.Root("password_wo"), &m.PasswordWO)...)
		return m
	},
	importID: func(ctx context.Context, data *providerData, importID string, diags *diag.Diagnostics) string {
		return importConsumerChild(importID, "username or id", diags, func(consumer, credential string) (*string, error) {
			got, err := data.client.Kong.BasicAuths.Get(ctx, kong.String(consumer), kong.String(credential))
			if err != nil {
				return nil, err
			}
			return got.ID, nil
		})
	},
}

func expandBasicAuth(ctx context.Context, m consumerBasicAuthModel, defaultTags []string, diags *diag.Diagnostics) *kong.BasicAuth {
	return &kong.BasicAuth{
		ID:       strPtr(m.ID),
		Username: strPtr(m.Username),
		Password: strPtr(m.PasswordWO),
		Tags:     expandTags(ctx, m.Tags, defaultTags, diags),
	}
}

// flattenBasicAuth maps Kong's answer onto the model after a write of the configured password, so that it is
// in sync; neither the password nor Kong's hash of it go into the model.
func flattenBasicAuth(c *kong.BasicAuth, prior consumerBasicAuthModel, defaultTags []string) consumerBasicAuthModel {
	m := consumerBasicAuthModel{
		ID:                types.StringPointerValue(c.ID),
		ConsumerID:        prior.ConsumerID,
		Username:          types.StringPointerValue(c.Username),
		PasswordWO:        types.StringNull(),
		PasswordWOVersion: prior.PasswordWOVersion,
		PasswordInSync:    types.BoolValue(true),
		Tags:              flattenTags(c.Tags, defaultTags, prior.Tags),
		CreatedAt:         int64FromPtr(c.CreatedAt),
	}
	if c.Consumer != nil && c.Consumer.ID != nil {
		m.ConsumerID = types.StringValue(*c.Consumer.ID)
	}
	return m
}
