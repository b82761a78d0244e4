package provider

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// minRSABits is the smallest RSA modulus jwksToPEM accepts: NIST SP 800-131A has disallowed shorter keys
// for signatures since 2013, and an identity provider publishing one is misconfigured or not the one meant.
const minRSABits = 2048

// jwk is the part of a JSON Web Key (RFC 7517, 7518, 8037) that jwksToPEM reads.
type jwk struct {
	Kty string `json:"kty"`
	Kid string `json:"kid"`
	Use string `json:"use"`
	N   string `json:"n"`
	E   string `json:"e"`
	Crv string `json:"crv"`
	X   string `json:"x"`
	Y   string `json:"y"`
}

// jwksToPEM turns a JWKS document into the PEM public keys Kong's jwt credentials take, by kid. Keys
// published for encryption (use = "enc") are left out: Kong only verifies signatures. Anything else it
// cannot turn into a key is an error naming the key, never skipped, so a rotation to a key type Kong could
// not verify fails the plan instead of dropping the credential.
func jwksToPEM(document string) (map[string]string, error) {
	dec := json.NewDecoder(strings.NewReader(document))
	dec.UseNumber()
	var set struct {
		Keys []json.RawMessage `json:"keys"`
	}
	if err := dec.Decode(&set); err != nil {
		return nil, fmt.Errorf("the JWKS is not a JSON object with a \"keys\" array: %w", err)
	}
	if dec.More() {
		return nil, errors.New("the JWKS has text after its JSON object")
	}
	if set.Keys == nil {
		return nil, errors.New(`the JWKS has no "keys" array`)
	}
	out := make(map[string]string, len(set.Keys))
	seen := make(map[string]int, len(set.Keys))
	for i, raw := range set.Keys {
		var k jwk
		if err := json.Unmarshal(raw, &k); err != nil {
			return nil, fmt.Errorf("keys[%d] is not a JSON Web Key: %w", i, err)
		}
		if k.Use == "enc" {
			continue
		}
		where := fmt.Sprintf("keys[%d] (kid %q)", i, k.Kid)
		if k.Kid == "" {
			return nil, fmt.Errorf("keys[%d] has no kid: every key needs one to name its credential", i)
		}
		if j, dup := seen[k.Kid]; dup {
			return nil, fmt.Errorf("keys[%d] and keys[%d] both have kid %q: a kid must name one key", j, i, k.Kid)
		}
		seen[k.Kid] = i
		der, err := k.publicKeyDER()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		out[k.Kid] = string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	}
	return out, nil
}

// publicKeyDER is the key as a DER SubjectPublicKeyInfo, the form OpenSSL (and so Kong) reads from PEM.
func (k jwk) publicKeyDER() ([]byte, error) {
	var pub any
	var err error
	switch k.Kty {
	case "RSA":
		pub, err = k.rsaKey()
	case "EC":
		pub, err = k.ecKey()
	case "OKP":
		pub, err = k.ed25519Key()
	case "":
		return nil, errors.New("kty is missing")
	default:
		return nil, fmt.Errorf("kty %q is not supported; Kong verifies RSA, EC (P-256, P-384, P-521) and OKP (Ed25519) keys", k.Kty)
	}
	if err != nil {
		return nil, err
	}
	return x509.MarshalPKIXPublicKey(pub)
}

func (k jwk) rsaKey() (*rsa.PublicKey, error) {
	n, err := decodeB64URL("n", k.N)
	if err != nil {
		return nil, err
	}
	e, err := decodeB64URL("e", k.E)
	if err != nil {
		return nil, err
	}
	modulus := new(big.Int).SetBytes(n)
	if bits := modulus.BitLen(); bits < minRSABits {
		return nil, fmt.Errorf("the RSA modulus n has %d bits; at least %d are required", bits, minRSABits)
	}
	exponent := new(big.Int).SetBytes(e)
	if !exponent.IsInt64() || exponent.Int64() < 3 || exponent.Int64() > 1<<31-1 || exponent.Bit(0) == 0 {
		return nil, errors.New("the RSA exponent e must be an odd number from 3 to 2^31-1")
	}
	return &rsa.PublicKey{N: modulus, E: int(exponent.Int64())}, nil
}

func (k jwk) ecKey() (*ecdsa.PublicKey, error) {
	curves := map[string]elliptic.Curve{"P-256": elliptic.P256(), "P-384": elliptic.P384(), "P-521": elliptic.P521()}
	curve, ok := curves[k.Crv]
	if !ok {
		return nil, fmt.Errorf("crv %q is not supported; use P-256, P-384 or P-521", k.Crv)
	}
	size := (curve.Params().BitSize + 7) / 8
	x, err := decodeB64URL("x", k.X)
	if err != nil {
		return nil, err
	}
	y, err := decodeB64URL("y", k.Y)
	if err != nil {
		return nil, err
	}
	if len(x) != size || len(y) != size {
		return nil, fmt.Errorf("x and y of a %s key must be %d bytes each, not %d and %d", k.Crv, size, len(x), len(y))
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(curve, append(append([]byte{4}, x...), y...))
	if err != nil {
		return nil, fmt.Errorf("x and y are not a point on %s", k.Crv)
	}
	return pub, nil
}

func (k jwk) ed25519Key() (ed25519.PublicKey, error) {
	if k.Crv != "Ed25519" {
		return nil, fmt.Errorf("crv %q is not supported for OKP keys; use Ed25519", k.Crv)
	}
	x, err := decodeB64URL("x", k.X)
	if err != nil {
		return nil, err
	}
	if len(x) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("x of an Ed25519 key must be %d bytes, not %d", ed25519.PublicKeySize, len(x))
	}
	return ed25519.PublicKey(x), nil
}

// decodeB64URL decodes a JWK member, base64url without padding (RFC 7515 section 2); padding some
// publishers add anyway is accepted.
func decodeB64URL(member, s string) ([]byte, error) {
	if s == "" {
		return nil, fmt.Errorf("%s is missing", member)
	}
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	if err != nil {
		return nil, fmt.Errorf("%s is not base64url: %w", member, err)
	}
	return b, nil
}
