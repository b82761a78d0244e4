package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/kongform/terraform-provider-kong/internal/keymaterial"
	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

// Kong's checks of a key's material (internal/keymaterial), made at plan so that a bad key fails on the
// attribute that holds it. Messages never repeat the key.

var keyPrivatePEMRule = stringRule{"Invalid private key", "an unencrypted private key in PEM", func(v string) string {
	if keymaterial.IsVaultReference(v) || keymaterial.ParsePrivateKey(v) != nil {
		return ""
	}
	return "Kong cannot load this private key: it must be an unencrypted private key in PEM " +
		"(-----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY), or a vault reference."
}}

var keyPublicPEMRule = stringRule{"Invalid public key", "a public key in PEM", func(v string) string {
	if keymaterial.IsVaultReference(v) || keymaterial.ParsePublicKey(v) != nil {
		return ""
	}
	return "Kong cannot load this public key: it must be a public key in PEM (-----BEGIN PUBLIC KEY----- or RSA PUBLIC KEY), or a vault reference."
}}

// ConfigValidators: a key is a jwk (kept or write-only) or a pem, exactly one (Kong's mutually_exclusive
// and at_least_one_of on jwk and pem).
func (r *keyResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{resourcevalidator.ExactlyOneOf(
		path.MatchRoot("jwk"), path.MatchRoot("jwk_wo"), path.MatchRoot("pem"))}
}

// ValidateConfig makes Kong's checks of the material: a pem with at least one key, whose halves belong
// together, and a jwk that is a key whose kid is the key's.
func (r *keyResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var kid, jwk, jwkWO types.String
	var pemObject types.Object
	for name, target := range map[string]any{"kid": &kid, "jwk": &jwk, "jwk_wo": &jwkWO, "pem": &pemObject} {
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(name), target)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	for name, v := range map[string]types.String{"jwk": jwk, "jwk_wo": jwkWO} {
		if !hasValue(v) || kid.IsUnknown() {
			continue
		}
		if msg := keymaterial.JWKProblem(v.ValueString(), kid.ValueString()); msg != "" {
			resp.Diagnostics.AddAttributeError(path.Root(name), "Invalid JSON Web Key", jwkProblemDetail(name, msg))
		}
	}
	if pemObject.IsNull() || pemObject.IsUnknown() {
		return
	}
	p := pemOf(ctx, pemObject)
	if p.privateKey.IsNull() && p.privateKeyWO.IsNull() && p.publicKey.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("pem"), "Empty pem",
			"pem needs a private_key (or private_key_wo), a public_key, or both.")
		return
	}
	private := p.privateKey
	if hasValue(p.privateKeyWO) {
		private = p.privateKeyWO
	}
	if private.IsUnknown() || p.publicKey.IsUnknown() {
		return
	}
	if keymaterial.PEMProblem(private.ValueString(), p.publicKey.ValueString()) == keymaterial.MsgKeysDiffer {
		resp.Diagnostics.AddAttributeError(path.Root("pem").AtName("public_key"), "Keys do not belong together",
			"pem.public_key is not the public half of the private key; Kong refuses the pair ("+keymaterial.MsgKeysDiffer+").")
	}
}

// jwkProblemDetail explains Kong's refusal of a jwk.
func jwkProblemDetail(attribute, msg string) string {
	switch msg {
	case keymaterial.MsgJWKJSON:
		return attribute + " must be a JSON object (a JSON Web Key); build it with jsonencode."
	case keymaterial.MsgJWKKid:
		return attribute + " must have a \"kid\" member equal to the key's kid attribute."
	case keymaterial.MsgJWKNotLoaded:
		return attribute + " is not a key Kong can load: an RSA key needs n and e, an EC key crv (P-256, P-384, P-521), x and y " +
			"on that curve, an OKP key crv and x; symmetric (\"oct\") keys are not accepted."
	}
	return "Kong refuses " + attribute + ": " + msg + "."
}

// keyKeys are what Kong keeps unique among keys: the name, and the kid within the key set (or among the keys
// without one). The second is unknown while the set's id is.
func keyKeys(m keyModel) []uniqueKey {
	keys := nameKey(kongclient.Keys, m.Name)
	if !hasValue(m.KID) || m.SetID.IsUnknown() {
		return keys
	}
	kid, set := m.KID.ValueString(), m.SetID.ValueString()
	k := uniqueKey{
		attribute: path.Root("kid"),
		what:      fmt.Sprintf("kid = %q and no set_id", kid),
		identity:  entityKey(kongclient.Keys, "kid", kid, set),
		holder:    holderIn("/"+kongclient.Keys, kidIn(kid, "")),
	}
	if set != "" {
		k.what = fmt.Sprintf("kid = %q in set_id %q", kid, set)
		k.holder = holderIn("/"+kongclient.KeySets+"/"+url.PathEscape(set)+"/"+kongclient.Keys, kidIn(kid, set))
	}
	return append(keys, k)
}

// kidIn matches a key of a listing by its kid and set ("" for none).
func kidIn(kid, set string) func(raw json.RawMessage) bool {
	return func(raw json.RawMessage) bool {
		var k struct {
			KID string `json:"kid"`
			Set *struct {
				ID string `json:"id"`
			} `json:"set"`
		}
		if json.Unmarshal(raw, &k) != nil || k.KID != kid {
			return false
		}
		if k.Set == nil {
			return set == ""
		}
		return k.Set.ID == set
	}
}

// keyFieldAttribute maps Kong's field errors: the set is set_id, the rest are the attributes' names.
func keyFieldAttribute(fe kongclient.FieldError) (path.Path, bool) {
	if !fe.Entity && len(fe.Path) > 0 && fe.Path[0] == "set" {
		return path.Root("set_id"), true
	}
	return coreFieldAttribute(fe)
}
