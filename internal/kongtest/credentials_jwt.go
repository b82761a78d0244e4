package kongtest

import (
	"regexp"
	"strings"

	"github.com/kongform/terraform-provider-kong/internal/keymaterial"
)

const jwtTable = "jwt_secrets"

// jwtAlgorithms are the algorithms Kong 3.9's jwt_secrets schema accepts (kong/plugins/jwt/daos.lua).
var jwtAlgorithms = []any{"HS256", "HS384", "HS512", "RS256", "RS384", "RS512",
	"ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "EdDSA"}

// jwtNeedsPublicKey is the if_match of Kong's conditional entity check: these algorithms require an
// rsa_public_key that OpenSSL can load. Kong 3.9 leaves the ES* algorithms out of the check, so an ES256
// credential without a key is stored (and fails only when a token is verified).
var jwtNeedsPublicKey = regexp.MustCompile(`^(RS256|RS384|RS512|PS256|PS384|PS512|EdDSA)$`)

func newJWTType() *entityType {
	sc := newSchema(jwtTable, credentialFields(
		stringField("key").autoFilled(),
		stringField("secret").autoFilled(),
		stringField("rsa_public_key"),
		stringField("algorithm").dflt("HS256").one(jwtAlgorithms...),
	)...)
	sc.entityCheck = checkJWTSecret
	patterns := []any{}
	for _, alg := range strings.Split(strings.Trim(jwtNeedsPublicKey.String(), "^()$"), "|") {
		patterns = append(patterns, "^"+alg+"$")
	}
	sc.checks = []any{map[string]any{"conditional": map[string]any{
		"if_field": "algorithm", "if_match": map[string]any{"match_any": map[string]any{"patterns": patterns}},
		"then_field": "rsa_public_key", "then_match": map[string]any{"required": true}}}}
	return &entityType{
		table: jwtTable, schema: sc,
		endpointKey: "key",
		uniques:     []uniqueConstraint{{"key"}},
		foreignKeys: []foreignKey{{field: "consumer", table: "consumers", onDelete: onDeleteCascade}},
	}
}

// checkJWTSecret is Kong's conditional check on algorithm: rsa_public_key is required and must be a
// public key OpenSSL reads (PEM) for the asymmetric algorithms it lists.
func checkJWTSecret(e map[string]any, errs fieldErrors, _ bool) {
	algorithm, _ := e["algorithm"].(string)
	if errs["algorithm"] != nil || errs["rsa_public_key"] != nil || !jwtNeedsPublicKey.MatchString(algorithm) {
		return
	}
	key, _ := e["rsa_public_key"].(string)
	switch {
	case e["rsa_public_key"] == nil:
		errs.set("rsa_public_key", "required field missing")
	case !loadablePublicKey(key):
		errs.set("rsa_public_key", "invalid key")
	default:
		return
	}
	errs.entity("failed conditional validation given value of field 'algorithm'")
}

// loadablePublicKey approximates OpenSSL's pkey.new: a public key, a private key (from which OpenSSL
// derives the public key) or a certificate.
func loadablePublicKey(s string) bool {
	if keymaterial.PublicPart(s) != nil {
		return true
	}
	_, _, err := keymaterial.FirstCertificate(s)
	return err == nil
}
