package keymaterial

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"testing"
)

func pemOf(t *testing.T, typ string, der []byte, err error) string {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
}

func TestPEMProblem(t *testing.T) {
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	other, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	pkcs8, _ := x509.MarshalPKCS8PrivateKey(ec)
	sec1, _ := x509.MarshalECPrivateKey(ec)
	pub, _ := x509.MarshalPKIXPublicKey(&ec.PublicKey)
	otherPub, _ := x509.MarshalPKIXPublicKey(&other.PublicKey)
	private := pemOf(t, "PRIVATE KEY", pkcs8, nil)
	public := pemOf(t, "PUBLIC KEY", pub, nil)
	cases := []struct {
		name, private, public, want string
	}{
		{"PKCS #8 pair", private, public, ""},
		{"SEC 1 private key alone", pemOf(t, "EC PRIVATE KEY", sec1, nil), "", ""},
		{"PKCS #1 RSA private key", pemOf(t, "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rsaKey), nil), "", ""},
		{"PKCS #1 RSA public key", "", pemOf(t, "RSA PUBLIC KEY", x509.MarshalPKCS1PublicKey(&rsaKey.PublicKey), nil), ""},
		{"public key alone", "", public, ""},
		{"halves of two keys", private, pemOf(t, "PUBLIC KEY", otherPub, nil), MsgKeysDiffer},
		{"public key not PEM", "", "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE", MsgPublicKey},
		{"private key as public key", "", private, MsgPublicKey},
		{"public key as private key", public, "", MsgPrivateKey},
		{"PEM of garbage", pemOf(t, "PRIVATE KEY", []byte("garbage"), nil), "", MsgPrivateKey},
		{"a reference skips the check", "{vault://env/key}", "not a key", ""},
		{"reference to a public key", "not a key", "{vault://env/pub}", ""},
	}
	for _, tc := range cases {
		if got := PEMProblem(tc.private, tc.public); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestJWKProblem(t *testing.T) {
	b64 := base64.RawURLEncoding.EncodeToString
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	point, _ := ec.PublicKey.ECDH()
	edPub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	jwk := func(m map[string]any) string {
		b, _ := json.Marshal(m)
		return string(b)
	}
	ecJWK := map[string]any{"kty": "EC", "crv": "P-256", "kid": "k", "x": b64(point.Bytes()[1:33]), "y": b64(point.Bytes()[33:])}
	with := func(extra map[string]any) string {
		m := map[string]any{}
		for k, v := range ecJWK {
			m[k] = v
		}
		for k, v := range extra {
			if v == nil {
				delete(m, k)
			} else {
				m[k] = v
			}
		}
		return jwk(m)
	}
	cases := []struct {
		name, jwk, want string
	}{
		{"EC public key", jwk(ecJWK), ""},
		{"with key_ops and x5c", with(map[string]any{"key_ops": []string{"verify"}, "x5c": []string{}, "alg": "ES256", "use": "sig"}), ""},
		{"RSA (RFC 7517 example modulus shortened)", jwk(map[string]any{"kty": "RSA", "kid": "k", "n": "0vx7agoebGcQSuuPiLJXZpt", "e": "AQAB"}), ""},
		{"Ed25519", jwk(map[string]any{"kty": "OKP", "crv": "Ed25519", "kid": "k", "x": b64(edPub)}), ""},
		{"not JSON", "{", MsgJWKJSON},
		{"kid differs", with(map[string]any{"kid": "other"}), MsgJWKKid},
		{"kid missing", with(map[string]any{"kid": nil}), MsgJWKKid},
		{"kid not a string", with(map[string]any{"kid": 5}), MsgJWKKid},
		{"a JSON array", `["k"]`, MsgJWKKid},
		{"no kty (Kong's own test)", `{"kid": "k"}`, MsgJWKNotLoaded},
		{"symmetric", jwk(map[string]any{"kty": "oct", "kid": "k", "k": "c2VjcmV0"}), MsgJWKNotLoaded},
		{"point off the curve", with(map[string]any{"y": b64(make([]byte, 32))}), MsgJWKNotLoaded},
		{"unknown curve", with(map[string]any{"crv": "P-192"}), MsgJWKNotLoaded},
		{"Ed25519 of the wrong size", jwk(map[string]any{"kty": "OKP", "crv": "Ed25519", "kid": "k", "x": b64(edPub[:16])}), MsgJWKNotLoaded},
		{"RSA without e", jwk(map[string]any{"kty": "RSA", "kid": "k", "n": "0vx7"}), MsgJWKNotLoaded},
		{"unknown member", with(map[string]any{"ext": true}), "Validation error: ext: unknown field"},
		{"two problems, sorted", with(map[string]any{"use": 1, "key_ops": "sign"}), "Validation error: key_ops: expected an array; use: expected a string"},
		{"x5c with a number", with(map[string]any{"x5c": []any{1}}), "Validation error: x5c: Validation error: expected a string"},
		{"a reference", "{vault://env/jwk}", ""},
	}
	for _, tc := range cases {
		if got := JWKProblem(tc.jwk, "k"); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
