package provider

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
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
	_ resource.ResourceWithConfigure      = (*consumerJWTResource)(nil)
	_ resource.ResourceWithImportState    = (*consumerJWTResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*consumerJWTResource)(nil)
	_ resource.ResourceWithValidateConfig = (*consumerJWTResource)(nil)
)

// NewConsumerJWTResource is the kong_consumer_jwt resource.
func NewConsumerJWTResource() resource.Resource {
	return &consumerJWTResource{lifecycleResource[consumerJWTModel, kong.JWTAuth]{lifecycle: jwtLifecycle}}
}

// consumerJWTResource adds to the shared lifecycle only the check of the algorithm against the key.
type consumerJWTResource struct {
	lifecycleResource[consumerJWTModel, kong.JWTAuth]
}

type consumerJWTModel struct {
	ID              types.String `tfsdk:"id"`
	ConsumerID      types.String `tfsdk:"consumer_id"`
	Key             types.String `tfsdk:"key"`
	Algorithm       types.String `tfsdk:"algorithm"`
	RSAPublicKey    types.String `tfsdk:"rsa_public_key"`
	SecretWO        types.String `tfsdk:"secret_wo"`
	SecretWOVersion types.Int64  `tfsdk:"secret_wo_version"`
	Tags            types.Set    `tfsdk:"tags"`
	CreatedAt       types.Int64  `tfsdk:"created_at"`
}

// writeOnly reports whether the HMAC secret is the user's write-only secret rather than one Kong generated.
func (m consumerJWTModel) writeOnly() bool { return !m.SecretWOVersion.IsNull() }

// jwtAlgorithms are the algorithms Kong 3.9 accepts for a jwt credential.
var jwtAlgorithms = []string{"HS256", "HS384", "HS512", "RS256", "RS384", "RS512",
	"ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "EdDSA"}

func (r *consumerJWTResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_consumer_jwt"
}

func (r *consumerJWTResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "A JWT credential of a consumer, checked by the jwt plugin (`kong_plugin_jwt`): Kong picks the credential whose `key` equals the token's " +
			"key claim (the plugin's `key_claim_name`, `iss` by default) and verifies the token's signature with its public key (RS*, PS*, ES*, EdDSA) " +
			"or HMAC secret (HS*). For tokens of an OpenID Connect provider, make one credential per signing key with `provider::kong::jwks_to_pem` " +
			"and `for_each`: Kong keeps `key` unique, so give each credential the key's `kid` and set the plugin's `key_claim_name = \"kid\"`; " +
			"a key rotation then shows in the plan as one credential created and one destroyed.",
		Attributes: map[string]schema.Attribute{
			"id":          idAttribute("credential"),
			"consumer_id": consumerIDAttribute("Id of the consumer the token identifies. Changing it replaces the credential."),
			"key": schema.StringAttribute{
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Description: "The value of the token's key claim that selects this credential: the issuer (`iss`), or the signing key's `kid` with " +
					"`key_claim_name = \"kid\"`. Unique in Kong. Unset, Kong generates one, which stays until you set another; " +
					"removing it from the configuration keeps the current key, since a new random key would match no token.",
			},
			"algorithm": schema.StringAttribute{
				Optional:    true,
				Computed:    true,
				Default:     stringdefault.StaticString("HS256"),
				Validators:  []validator.String{stringvalidator.OneOf(jwtAlgorithms...)},
				Description: "Signature algorithm tokens must use: " + quoteList(jwtAlgorithms) + ". Default `HS256`. All but HS256/384/512 need `rsa_public_key`.",
			},
			"rsa_public_key": schema.StringAttribute{
				Optional:   true,
				Validators: []validator.String{publicKeyPEMRule},
				Description: "Public key that verifies the signatures, in PEM (`-----BEGIN PUBLIC KEY-----`): RSA for RS* and PS*, EC on the matching curve " +
					"for ES256/384/512 (P-256, P-384, P-521), Ed25519 for EdDSA. Required by those algorithms; checked at plan. " +
					"`provider::kong::jwks_to_pem` turns an identity provider's JWKS into these.",
			},
			"secret_wo": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				WriteOnly: true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1),
					stringvalidator.AlsoRequires(path.MatchRoot("secret_wo_version"))},
				Description: "HMAC secret for HS256/384/512, write-only: sent to Kong on every write but never stored in the plan or state (Terraform 1.11 or later). " +
					"Set `secret_wo_version` with it. Unset, Kong generates a secret, which the provider keeps on updates but never shows.",
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

// ValidateConfig refuses, at plan, an asymmetric algorithm without a public key, and a key that cannot
// verify the algorithm's signatures (an RSA key for ES256). Kong 3.9 itself demands the key only for RS*,
// PS* and EdDSA, but its handler cannot verify ES* tokens without one either.
func (r *consumerJWTResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var algorithm, pemKey types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("algorithm"), &algorithm)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("rsa_public_key"), &pemKey)...)
	if resp.Diagnostics.HasError() || algorithm.IsUnknown() || pemKey.IsUnknown() {
		return
	}
	alg := algorithm.ValueString()
	if algorithm.IsNull() {
		alg = "HS256"
	}
	if strings.HasPrefix(alg, "HS") {
		return
	}
	if pemKey.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("rsa_public_key"), "Missing public key",
			fmt.Sprintf("algorithm = %q verifies signatures with a public key: set rsa_public_key to it in PEM.", alg))
		return
	}
	pub, err := parsePublicKeyPEM(pemKey.ValueString())
	if err != nil {
		return // the attribute's validator reports it
	}
	if problem := keyFitsAlgorithm(pub, alg); problem != "" {
		resp.Diagnostics.AddAttributeError(path.Root("rsa_public_key"), "Public key does not fit the algorithm", problem)
	}
}

// jwtLifecycle writes credentials with one PUT under their consumer and reads them through the bulk reader.
var jwtLifecycle = &entityLifecycle[consumerJWTModel, kong.JWTAuth]{
	collection: kongclient.JWTs,
	typeName:   "kong_consumer_jwt",
	noun:       "jwt credential",
	id:         func(m consumerJWTModel) types.String { return m.ID },
	withID:     func(m consumerJWTModel, id string) consumerJWTModel { m.ID = types.StringValue(id); return m },
	// A credential moved to another consumer is replaced; the create half claims its keys.
	uniques: func(m consumerJWTModel) []uniqueKey {
		if !hasValue(m.Key) {
			return nil
		}
		key := m.Key.ValueString()
		return []uniqueKey{{
			attribute: path.Root("key"),
			what:      fmt.Sprintf("key = %q", key),
			identity:  entityKey(kongclient.JWTs, key),
			holder:    holderAt("/jwts/" + url.PathEscape(key)),
		}}
	},
	describe: describeJWT,
	expand:   expandJWT,
	flatten:  flattenJWT,
	put: func(ctx context.Context, c *kong.Client, m consumerJWTModel, e *kong.JWTAuth) (*kong.JWTAuth, error) {
		return c.JWTAuths.Create(ctx, m.ConsumerID.ValueStringPointer(), e)
	},
	remove: func(ctx context.Context, c *kong.Client, m consumerJWTModel) error {
		return c.JWTAuths.Delete(ctx, m.ConsumerID.ValueStringPointer(), m.ID.ValueStringPointer())
	},
	writeOnly: func(ctx context.Context, config tfsdk.Config, m consumerJWTModel, diags *diag.Diagnostics) consumerJWTModel {
		diags.Append(config.GetAttribute(ctx, path.Root("secret_wo"), &m.SecretWO)...)
		return m
	},
	keep:     keepJWTSecret,
	importID: importJWT,
}

// expandJWT is the whole credential. SecretWO carries the secret to send: the write-only secret from the
// configuration, or the one Kong has, kept (keepJWTSecret); null lets Kong generate one.
func expandJWT(ctx context.Context, m consumerJWTModel, defaultTags []string, diags *diag.Diagnostics) *kong.JWTAuth {
	return &kong.JWTAuth{
		ID:           strPtr(m.ID),
		Key:          strPtr(m.Key),
		Algorithm:    strPtr(m.Algorithm),
		RSAPublicKey: strPtr(m.RSAPublicKey),
		Secret:       strPtr(m.SecretWO),
		Tags:         expandTags(ctx, m.Tags, defaultTags, diags),
	}
}

// flattenJWT maps Kong's answer onto the model. The secret never reaches the state; prior supplies the
// write-only version and whether an empty tag set was written as [].
func flattenJWT(c *kong.JWTAuth, prior consumerJWTModel, defaultTags []string) consumerJWTModel {
	m := consumerJWTModel{
		ID:              types.StringPointerValue(c.ID),
		ConsumerID:      prior.ConsumerID,
		Key:             types.StringPointerValue(c.Key),
		Algorithm:       types.StringPointerValue(c.Algorithm),
		RSAPublicKey:    types.StringPointerValue(c.RSAPublicKey),
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

// importJWT accepts the credential's id, or `<consumer username or id>/<key or id>`, looked up in Kong.
// Everything after the first slash is the key, so issuer URLs work as keys.
func importJWT(ctx context.Context, data *providerData, importID string, diags *diag.Diagnostics) string {
	importID = strings.TrimSpace(importID)
	consumer, key, found := strings.Cut(importID, "/")
	if !found {
		if !isUUID(importID) {
			diags.AddError("Invalid import id",
				fmt.Sprintf("%q is neither an id nor <consumer username or id>/<key or id>", importID))
		}
		return importID
	}
	if consumer == "" || key == "" {
		diags.AddError("Invalid import id", fmt.Sprintf("%q is not of the form <consumer username or id>/<key or id>", importID))
		return ""
	}
	id, err := holderAt("/consumers/"+url.PathEscape(consumer)+"/jwt/"+url.PathEscape(key))(ctx, data.client)
	if err == nil && id == "" {
		err = fmt.Errorf("consumer %q has no jwt credential with key or id %q", consumer, key)
	}
	if err != nil {
		addKongError(diags, "Cannot import "+importID, err)
	}
	return id
}

func describeJWT(m consumerJWTModel) string {
	return describe(m.Key, m.ID) + " of consumer " + m.ConsumerID.ValueString()
}

// keepJWTSecret is the update's secret. A PUT without a secret makes Kong generate a new one, so while no
// write-only secret was ever given, the secret Kong generated is read and sent back: an update of the
// tags must not invalidate tokens signed with it. Leaving the write-only secret does let Kong generate a
// new one, so the old secret stops working.
func keepJWTSecret(ctx context.Context, data *providerData, prior, plan consumerJWTModel, diags *diag.Diagnostics) consumerJWTModel {
	if !plan.writeOnly() && !prior.writeOnly() {
		plan.SecretWO = generatedSecret(ctx, data, kongclient.JWTs, prior.ID.ValueString(), "secret", "jwt credential "+describeJWT(prior), diags)
	}
	return plan
}
