package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ function.Function = jwksToPEMFunction{}

// NewJWKSToPEMFunction is provider::kong::jwks_to_pem.
func NewJWKSToPEMFunction() function.Function { return jwksToPEMFunction{} }

// jwksToPEMFunction is pure: the same document gives the same map, so a plan shows a key rotation at the
// identity provider as credentials created and destroyed, and nothing otherwise.
type jwksToPEMFunction struct{}

func (jwksToPEMFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "jwks_to_pem"
}

func (jwksToPEMFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The PEM public keys of a JWKS document, by kid",
		MarkdownDescription: "Turns a JSON Web Key Set (an identity provider's `jwks_uri` document) into a map from each key's `kid` to its " +
			"public key in PEM, the form `kong_consumer_jwt.rsa_public_key` takes. Use the map in `for_each`, so each signing key is one " +
			"credential and a key rotation at the identity provider shows in `terraform plan` as one credential created and one destroyed.\n\n" +
			"RSA keys (at least 2048 bits), EC keys on P-256, P-384 and P-521, and Ed25519 keys are converted; keys with `use = \"enc\"` are " +
			"left out, as Kong only verifies signatures. Malformed JSON, a key without `kid`, two keys with one `kid`, members that are not " +
			"base64url, an RSA modulus under 2048 bits or an unsupported key type fail the plan with a message naming the key.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:        "jwks",
				Description: "The JWKS document as JSON text, for example `data.http.jwks.response_body`.",
			},
		},
		Return: function.MapReturn{ElementType: types.StringType},
	}
}

func (jwksToPEMFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var document string
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &document))
	if resp.Error != nil {
		return
	}
	keys, err := jwksToPEM(document)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, "Invalid JWKS: "+err.Error())
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, keys))
}
