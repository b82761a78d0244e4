package provider

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

var (
	_ resource.ResourceWithConfigure      = (*consumerOAuth2Resource)(nil)
	_ resource.ResourceWithImportState    = (*consumerOAuth2Resource)(nil)
	_ resource.ResourceWithModifyPlan     = (*consumerOAuth2Resource)(nil)
	_ resource.ResourceWithValidateConfig = (*consumerOAuth2Resource)(nil)
)

// NewConsumerOAuth2Resource is the kong_consumer_oauth2 resource.
func NewConsumerOAuth2Resource() resource.Resource {
	return &consumerOAuth2Resource{lifecycleResource[consumerOAuth2Model, kong.Oauth2Credential]{lifecycle: oauth2Lifecycle}}
}

// consumerOAuth2Resource adds to the shared lifecycle only the check that a hashed secret is given.
type consumerOAuth2Resource struct {
	lifecycleResource[consumerOAuth2Model, kong.Oauth2Credential]
}

type consumerOAuth2Model struct {
	ID                    types.String `tfsdk:"id"`
	ConsumerID            types.String `tfsdk:"consumer_id"`
	Name                  types.String `tfsdk:"name"`
	ClientID              types.String `tfsdk:"client_id"`
	ClientSecretWO        types.String `tfsdk:"client_secret_wo"`
	ClientSecretWOVersion types.Int64  `tfsdk:"client_secret_wo_version"`
	HashSecret            types.Bool   `tfsdk:"hash_secret"`
	RedirectURIs          types.List   `tfsdk:"redirect_uris"`
	ClientType            types.String `tfsdk:"client_type"`
	Tags                  types.Set    `tfsdk:"tags"`
	CreatedAt             types.Int64  `tfsdk:"created_at"`
}

// writeOnly reports whether the client secret is the user's write-only secret rather than one Kong generated.
func (m consumerOAuth2Model) writeOnly() bool { return !m.ClientSecretWOVersion.IsNull() }

var oauth2ClientTypes = []string{"confidential", "public"}

func (r *consumerOAuth2Resource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_consumer_oauth2"
}

func (r *consumerOAuth2Resource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "An OAuth 2.0 client application of a consumer, used by the oauth2 plugin: clients identify themselves with `client_id` and " +
			"authenticate with the client secret. Give the secret write-only (`client_secret_wo`, Terraform 1.11 or later) so it is never in the " +
			"plan or state, and set `hash_secret = true` so that Kong stores only a PBKDF2 hash of it.",
		Attributes: map[string]schema.Attribute{
			"id":          idAttribute("credential"),
			"consumer_id": consumerIDAttribute("Id of the consumer the application belongs to. Changing it replaces the credential."),
			"name": schema.StringAttribute{
				Required:    true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
				Description: "The application's name, shown to users on the authorization page.",
			},
			"client_id": schema.StringAttribute{
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Description: "The client id. Unique in Kong. Unset, Kong generates one, which stays until you set another; removing it from the " +
					"configuration keeps the current id, since a new random id would lock the application out.",
			},
			"client_secret_wo": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				WriteOnly: true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1),
					stringvalidator.AlsoRequires(path.MatchRoot("client_secret_wo_version"))},
				Description: "The client secret, write-only: sent to Kong on every write but never stored in the plan or state (Terraform 1.11 or later). " +
					"Set `client_secret_wo_version` with it. Unset, Kong generates a secret, which the provider keeps on updates but never shows. " +
					"Kong's value is not compared with it, so a secret changed outside Terraform shows only when you change the version.",
			},
			"client_secret_wo_version": schema.Int64Attribute{
				Optional:    true,
				Validators:  []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("client_secret_wo"))},
				Description: "Any number you change to rotate the secret to a new `client_secret_wo`: the credential is rewritten in place. Removing it lets Kong generate a new secret.",
			},
			"hash_secret": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
				Description: "Whether Kong stores only a PBKDF2 hash of the client secret. Default `false`. Needs `client_secret_wo`: Kong would hash a " +
					"secret it generated before anyone saw it.",
			},
			"redirect_uris": schema.ListAttribute{
				ElementType: types.StringType,
				Optional:    true,
				Validators:  []validator.List{listvalidator.NoNullValues(), listvalidator.ValueStringsAre(redirectURIRule)},
				Description: "The URIs Kong may redirect users to after authorization: absolute, with a scheme and a host, without a fragment.",
			},
			"client_type": schema.StringAttribute{
				Optional:    true,
				Computed:    true,
				Default:     stringdefault.StaticString("confidential"),
				Validators:  []validator.String{stringvalidator.OneOf(oauth2ClientTypes...)},
				Description: "The OAuth 2.0 client type: " + quoteList(oauth2ClientTypes) + ". Default `confidential`.",
			},
			"tags":       tagsAttribute(),
			"created_at": createdAtAttribute(),
		},
	}
}

// redirectURIRule is Kong's check of an oauth2 redirect URI: a scheme, a host, no fragment.
var redirectURIRule = stringRule{"Invalid redirect URI", "an absolute URI with a host and without a fragment", func(v string) string {
	if strings.Contains(v, "#") {
		return fmt.Sprintf("%q has a fragment (#), which Kong does not allow in a redirect URI.", v)
	}
	if u, err := url.Parse(v); err != nil || u.Scheme == "" || u.Hostname() == "" {
		return fmt.Sprintf("%q is not an absolute URI with a host, such as https://app.example.com/callback.", v)
	}
	return ""
}}

// ValidateConfig refuses hash_secret without a write-only secret: Kong would store the hash of a secret it
// generated and answers only the hash, so no client could ever know the secret.
func (r *consumerOAuth2Resource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var hash types.Bool
	var secret types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("hash_secret"), &hash)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("client_secret_wo"), &secret)...)
	if resp.Diagnostics.HasError() || !hash.ValueBool() || !secret.IsNull() {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("hash_secret"), "hash_secret needs client_secret_wo",
		"With hash_secret = true Kong stores only a hash of the client secret, so a secret Kong generated could never be known. "+
			"Set client_secret_wo (and client_secret_wo_version) to the secret the application uses.")
}

// oauth2Lifecycle writes credentials with one PUT under their consumer. The secret sent is the write-only
// secret from the configuration, else the one Kong generated, kept (keep), else none, and Kong generates one.
var oauth2Lifecycle = &entityLifecycle[consumerOAuth2Model, kong.Oauth2Credential]{
	collection: kongclient.OAuth2Credentials,
	typeName:   "kong_consumer_oauth2",
	noun:       "oauth2 credential",
	id:         func(m consumerOAuth2Model) types.String { return m.ID },
	withID:     func(m consumerOAuth2Model, id string) consumerOAuth2Model { m.ID = types.StringValue(id); return m },
	uniques: func(m consumerOAuth2Model) []uniqueKey {
		return endpointKey(kongclient.OAuth2Credentials, "client_id", m.ClientID)
	},
	describe: describeOAuth2,
	expand:   expandOAuth2,
	flatten:  flattenOAuth2,
	put: func(ctx context.Context, c *kong.Client, m consumerOAuth2Model, e *kong.Oauth2Credential) (*kong.Oauth2Credential, error) {
		return c.Oauth2Credentials.Create(ctx, m.ConsumerID.ValueStringPointer(), e)
	},
	remove: func(ctx context.Context, c *kong.Client, m consumerOAuth2Model) error {
		return c.Oauth2Credentials.Delete(ctx, m.ConsumerID.ValueStringPointer(), m.ID.ValueStringPointer())
	},
	writeOnly: func(ctx context.Context, config tfsdk.Config, m consumerOAuth2Model, diags *diag.Diagnostics) consumerOAuth2Model {
		diags.Append(config.GetAttribute(ctx, path.Root("client_secret_wo"), &m.ClientSecretWO)...)
		return m
	},
	// While no write-only secret was ever given, the secret Kong generated is sent back, so that an update
	// does not lock the application out. (A hashed secret is always write-only: see ValidateConfig.)
	keep: func(ctx context.Context, data *providerData, prior, plan consumerOAuth2Model, diags *diag.Diagnostics) consumerOAuth2Model {
		if !plan.writeOnly() && !prior.writeOnly() && !prior.HashSecret.ValueBool() {
			plan.ClientSecretWO = generatedSecret(ctx, data, kongclient.OAuth2Credentials, prior.ID.ValueString(), "client_secret", "oauth2 credential "+describeOAuth2(prior), diags)
		}
		return plan
	},
	importID: func(ctx context.Context, data *providerData, importID string, diags *diag.Diagnostics) string {
		return importConsumerChild(importID, "client_id or id", diags, func(consumer, credential string) (*string, error) {
			got, err := data.client.Kong.Oauth2Credentials.Get(ctx, kong.String(consumer), kong.String(credential))
			if err != nil {
				return nil, err
			}
			return got.ID, nil
		})
	},
}

func describeOAuth2(m consumerOAuth2Model) string {
	return describe(m.ClientID, m.ID) + " of consumer " + m.ConsumerID.ValueString()
}

// expandOAuth2 is the whole credential; ClientSecretWO carries the secret to send (null: Kong generates one).
func expandOAuth2(ctx context.Context, m consumerOAuth2Model, defaultTags []string, diags *diag.Diagnostics) *kong.Oauth2Credential {
	return &kong.Oauth2Credential{
		ID:           strPtr(m.ID),
		Name:         strPtr(m.Name),
		ClientID:     strPtr(m.ClientID),
		ClientSecret: strPtr(m.ClientSecretWO),
		HashSecret:   boolPtr(m.HashSecret),
		RedirectURIs: expandStrings(ctx, m.RedirectURIs, diags),
		ClientType:   strPtr(m.ClientType),
		Tags:         expandTags(ctx, m.Tags, defaultTags, diags),
	}
}

// flattenOAuth2 maps Kong's answer onto the model; the client secret (or its hash) never reaches the state.
func flattenOAuth2(c *kong.Oauth2Credential, prior consumerOAuth2Model, defaultTags []string) consumerOAuth2Model {
	m := consumerOAuth2Model{
		ID:                    types.StringPointerValue(c.ID),
		ConsumerID:            prior.ConsumerID,
		Name:                  types.StringPointerValue(c.Name),
		ClientID:              types.StringPointerValue(c.ClientID),
		ClientSecretWO:        types.StringNull(),
		ClientSecretWOVersion: prior.ClientSecretWOVersion,
		HashSecret:            types.BoolValue(c.HashSecret != nil && *c.HashSecret),
		RedirectURIs:          flattenStringList(c.RedirectURIs, prior.RedirectURIs),
		ClientType:            types.StringPointerValue(c.ClientType),
		Tags:                  flattenTags(c.Tags, defaultTags, prior.Tags),
		CreatedAt:             int64FromPtr(c.CreatedAt),
	}
	if c.Consumer != nil && c.Consumer.ID != nil {
		m.ConsumerID = types.StringValue(*c.Consumer.ID)
	}
	return m
}
