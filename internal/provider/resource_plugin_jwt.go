package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// NewPluginJWTResource is the kong_plugin_jwt resource.
func NewPluginJWTResource() resource.Resource { return newPluginResource(jwtPlugin) }

// jwtMaxExpiration is the upper bound of maximum_expiration in Kong's schema: 365 days.
const jwtMaxExpiration = 31536000

var jwtPlugin = &pluginDefinition{
	typeSuffix: "_plugin_jwt",
	pluginName: "jwt",
	description: "Kong's jwt plugin: requests must carry a JSON Web Token signed with the secret or public key of a consumer's jwt credential " +
		"(`kong_consumer_jwt`); Kong finds the credential by the token's `key_claim_name` claim (by default `iss`, the issuer) and answers 401 otherwise. " +
		"For browser users signed in with an OpenID Connect provider, verify RS256 access tokens with one credential per signing key " +
		"(`provider::kong::jwks_to_pem`), check `exp`, and leave `uri_param_names` empty. " +
		"Kong does not allow this plugin on a consumer, so there is no `consumer_id`.\n\n" +
		"Kong Enterprise's openid-connect plugin goes further: it fetches and rotates the identity provider's keys at run time " +
		"(no plan per rotation), introspects opaque or revoked tokens, authorizes by scopes, audiences and other claims, and can run " +
		"the login flow and sessions itself. The jwt plugin only checks a token's signature, its `exp` and `nbf`, and its key claim.",
	forbidsConsumer: true,
	configAttributes: map[string]schema.Attribute{
		"uri_param_names": optionalStringSet("Query parameters Kong reads a token from. Tokens in URLs end up in access logs, browser history and Referer headers, " +
			"so for browsers set `[]` and send the token in the `Authorization` header. Default `[\"jwt\"]`."),
		"cookie_names":   optionalStringSet("Cookies Kong reads a token from. Default `[]`: none."),
		"header_names":   optionalStringSet("Request headers Kong reads a token from, as `Bearer <token>` or the bare token. Default `[\"authorization\"]`."),
		"key_claim_name": optionalString("Claim whose value names the credential (`kong_consumer_jwt.key`), read from the payload, then the header. Default `iss`; `kid` picks the credential by signing key.", stringvalidator.LengthAtLeast(1)),
		"claims_to_verify": optionalStringSet("Registered claims Kong checks besides the signature: `exp` (not expired) and `nbf` (already valid). Default: none, so set `[\"exp\"]` at least.",
			setvalidator.ValueStringsAre(stringvalidator.OneOf("exp", "nbf"))),
		"maximum_expiration": schema.Float64Attribute{Optional: true,
			Validators: []validator.Float64{float64validator.Between(0, jwtMaxExpiration)},
			Description: "Longest lifetime in seconds a token may have left (its `exp` at most this far ahead); from 0 to 31536000 (365 days), " +
				"0 for no limit. Above 0 it needs `exp` in `claims_to_verify`. Default `0`."},
		"secret_is_base64": optionalBool("Treat the credentials' HMAC secrets as base64: Kong decodes them before verifying HS256/384/512 signatures. Default `false`."),
		"anonymous": optionalString("Id or username of a consumer that requests without a valid token are treated as, instead of being refused with 401. " +
			"Use it to let another authentication plugin or the acl plugin decide. Default: refuse."),
		"run_on_preflight": optionalBool("Demand a token on CORS preflight requests (OPTIONS) too. Browsers send preflights without credentials, so set `false` for APIs called from web pages. Default `true`."),
		"realm":            optionalString("Realm Kong names in the `WWW-Authenticate` header of its 401 answers. Default: unset."),
	},
	validateConfig: requireExpForMaximumExpiration,
}

func optionalStringSet(description string, validators ...validator.Set) schema.SetAttribute {
	return schema.SetAttribute{ElementType: types.StringType, Optional: true, Description: description, Validators: validators}
}

// requireExpForMaximumExpiration is Kong's conditional check: a limit on a token's lifetime means nothing
// unless its expiry is checked.
func requireExpForMaximumExpiration(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) {
	var limit types.Float64
	var claims types.Set
	diags.Append(config.GetAttribute(ctx, path.Root("maximum_expiration"), &limit)...)
	diags.Append(config.GetAttribute(ctx, path.Root("claims_to_verify"), &claims)...)
	if diags.HasError() || !hasValue(limit) || limit.ValueFloat64() <= 0 || claims.IsUnknown() {
		return
	}
	for _, c := range claims.Elements() {
		s, ok := c.(types.String)
		if !ok || s.IsUnknown() || s.ValueString() == "exp" {
			return
		}
	}
	diags.AddAttributeError(path.Root("claims_to_verify"), "maximum_expiration needs exp",
		"Kong limits a token's lifetime only while it checks the token's expiry: with maximum_expiration above 0, claims_to_verify must contain \"exp\".")
}
