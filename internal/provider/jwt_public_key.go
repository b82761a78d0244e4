package provider

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"errors"
	"fmt"
	"strings"

	"github.com/kongform/terraform-provider-kong/internal/keymaterial"
)

// parsePublicKeyPEM reads the public key of a jwt credential the way Kong's OpenSSL does (see
// keymaterial.ParsePublicKey), and says what is wrong with a text that is not one. Private keys are refused
// even though OpenSSL would read them: they have no place in a Terraform configuration or in Kong.
func parsePublicKeyPEM(s string) (any, error) {
	typ := keymaterial.FirstBlockType(s)
	switch {
	case typ == "":
		return nil, errors.New("it is not PEM: expected a block starting with -----BEGIN PUBLIC KEY-----")
	case strings.Contains(typ, "PRIVATE KEY"):
		return nil, errors.New("it is a private key: give the public key only, and keep the private key out of Terraform and Kong")
	case typ != "PUBLIC KEY" && typ != "RSA PUBLIC KEY":
		return nil, fmt.Errorf("the PEM block is a %q; expected PUBLIC KEY", typ)
	}
	if k := keymaterial.ParsePublicKey(s); k != nil {
		return k, nil
	}
	return nil, fmt.Errorf("the %s block is not a key Kong can use", typ)
}

// keyFitsAlgorithm says why pub cannot verify alg's signatures ("" when it can).
func keyFitsAlgorithm(pub any, alg string) string {
	want := ""
	switch alg {
	case "RS256", "RS384", "RS512", "PS256", "PS384", "PS512":
		if _, ok := pub.(*rsa.PublicKey); !ok {
			want = "an RSA key"
		}
	case "ES256", "ES384", "ES512":
		curve := map[string]string{"ES256": "P-256", "ES384": "P-384", "ES512": "P-521"}[alg]
		if k, ok := pub.(*ecdsa.PublicKey); !ok || k.Curve.Params().Name != curve {
			want = "an EC key on " + curve
		}
	case "EdDSA":
		if _, ok := pub.(ed25519.PublicKey); !ok {
			want = "an Ed25519 key"
		}
	}
	if want == "" {
		return ""
	}
	return fmt.Sprintf("algorithm = %q verifies signatures with %s, but rsa_public_key holds %s.", alg, want, describeKey(pub))
}

func describeKey(pub any) string {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return fmt.Sprintf("a %d-bit RSA key", k.N.BitLen())
	case *ecdsa.PublicKey:
		return "an EC key on " + k.Curve.Params().Name
	case ed25519.PublicKey:
		return "an Ed25519 key"
	}
	return fmt.Sprintf("a %T", pub)
}

// publicKeyPEMRule refuses at plan an rsa_public_key that is not a PEM public key.
var publicKeyPEMRule = stringRule{"Invalid rsa_public_key", "a public key in PEM", func(v string) string {
	if _, err := parsePublicKeyPEM(v); err != nil {
		return "rsa_public_key must be a public key in PEM, but " + err.Error() + "."
	}
	return ""
}}
