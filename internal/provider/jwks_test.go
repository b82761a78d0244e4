package provider

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
	"math/big"
	"reflect"
	"strings"
	"sync"
	"testing"
)

var b64 = base64.RawURLEncoding.EncodeToString

// testRSAKeys are generated once per test binary: 2048-bit generation is the slow part of these tests.
var testRSAKeys = sync.OnceValue(func() []*rsa.PrivateKey {
	keys := make([]*rsa.PrivateKey, 3)
	for i := range keys {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		keys[i] = k
	}
	return keys
})

func rsaJWK(kid string, k *rsa.PublicKey) map[string]any {
	return map[string]any{"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256",
		"n": b64(k.N.Bytes()), "e": b64(big.NewInt(int64(k.E)).Bytes())}
}

func jwksDoc(t *testing.T, keys ...map[string]any) string {
	t.Helper()
	b, err := json.Marshal(map[string]any{"keys": keys})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// pemKey parses what jwksToPEM produced back into a key.
func pemKey(t *testing.T, s string) any {
	t.Helper()
	block, rest := pem.Decode([]byte(s))
	if block == nil || block.Type != "PUBLIC KEY" || len(rest) != 0 {
		t.Fatalf("not one PUBLIC KEY block: %q", s)
	}
	k, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestJWKSToPEMKeys(t *testing.T) {
	rsaKeys := testRSAKeys()
	ec, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	ed, _, _ := ed25519.GenerateKey(rand.Reader)
	size := 48
	pad := func(b []byte) []byte { return append(make([]byte, size-len(b)), b...) }
	doc := jwksDoc(t,
		rsaJWK("2024-a", &rsaKeys[0].PublicKey),
		rsaJWK("2024-b", &rsaKeys[1].PublicKey),
		map[string]any{"kty": "EC", "kid": "ec", "crv": "P-384", "x": b64(pad(ec.X.Bytes())), "y": b64(pad(ec.Y.Bytes()))},
		map[string]any{"kty": "OKP", "kid": "ed", "crv": "Ed25519", "x": b64(ed)},
		// Encryption keys are not for Kong; kid and contents are not even checked.
		map[string]any{"kty": "RSA", "use": "enc", "n": "AQAB", "e": "AQAB"},
	)
	got, err := jwksToPEM(doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 {
		t.Fatalf("got %d keys, want 4: %v", len(got), got)
	}
	for kid, want := range map[string]any{"2024-a": &rsaKeys[0].PublicKey, "2024-b": &rsaKeys[1].PublicKey, "ec": &ec.PublicKey, "ed": ed} {
		if k := pemKey(t, got[kid]); !reflect.DeepEqual(k, want) {
			t.Errorf("kid %s: got %v, want %v", kid, k, want)
		}
	}
	again, _ := jwksToPEM(doc)
	if !reflect.DeepEqual(again, got) {
		t.Error("the same document gave a different map")
	}
}

// A rotation replaces one kid: the map differs in exactly that key, so for_each plans one create and one
// destroy and leaves the other credential alone.
func TestJWKSToPEMRotation(t *testing.T) {
	k := testRSAKeys()
	before, err := jwksToPEM(jwksDoc(t, rsaJWK("a", &k[0].PublicKey), rsaJWK("b", &k[1].PublicKey)))
	if err != nil {
		t.Fatal(err)
	}
	after, err := jwksToPEM(jwksDoc(t, rsaJWK("b", &k[1].PublicKey), rsaJWK("c", &k[2].PublicKey)))
	if err != nil {
		t.Fatal(err)
	}
	if before["b"] != after["b"] {
		t.Error("the key kept across the rotation changed its PEM")
	}
	if _, ok := after["a"]; ok {
		t.Error("the retired key is still there")
	}
	if after["c"] == "" || after["c"] == before["a"] {
		t.Error("the new key is missing or wrong")
	}
}

func TestJWKSToPEMErrors(t *testing.T) {
	k := &testRSAKeys()[0].PublicKey
	good := rsaJWK("a", k)
	with := func(changes map[string]any) map[string]any {
		out := map[string]any{}
		for n, v := range good {
			out[n] = v
		}
		for n, v := range changes {
			if v == nil {
				delete(out, n)
			} else {
				out[n] = v
			}
		}
		return out
	}
	small, _ := rsa.GenerateKey(rand.Reader, 1024)
	cases := []struct{ name, doc, want string }{
		{"not JSON", `{"keys":[`, "not a JSON object"},
		{"array", `[]`, "not a JSON object"},
		{"no keys", `{"issuer":"x"}`, `no "keys" array`},
		{"trailing text", `{"keys":[]} {}`, "text after"},
		{"key not an object", `{"keys":[1]}`, "keys[0] is not a JSON Web Key"},
		{"no kid", jwksDoc(t, with(map[string]any{"kid": nil})), "keys[0] has no kid"},
		{"duplicate kid", jwksDoc(t, good, rsaJWK("a", &testRSAKeys()[1].PublicKey)), `keys[0] and keys[1] both have kid "a"`},
		{"bad base64url", jwksDoc(t, with(map[string]any{"n": "ab+/"})), `keys[0] (kid "a"): n is not base64url`},
		{"missing e", jwksDoc(t, with(map[string]any{"e": nil})), `keys[0] (kid "a"): e is missing`},
		{"even exponent", jwksDoc(t, with(map[string]any{"e": b64([]byte{2})})), "exponent e must be an odd number"},
		{"small modulus", jwksDoc(t, rsaJWK("old", &small.PublicKey)), `keys[0] (kid "old"): the RSA modulus n has 1024 bits; at least 2048`},
		{"no kty", jwksDoc(t, with(map[string]any{"kty": nil})), "kty is missing"},
		{"symmetric key", jwksDoc(t, map[string]any{"kty": "oct", "kid": "h", "k": "c2VjcmV0"}), `kty "oct" is not supported`},
		{"unknown curve", jwksDoc(t, map[string]any{"kty": "EC", "kid": "e", "crv": "secp256k1", "x": "AA", "y": "AA"}), `crv "secp256k1"`},
		{"short coordinates", jwksDoc(t, map[string]any{"kty": "EC", "kid": "e", "crv": "P-256", "x": "AAAA", "y": "AAAA"}), "must be 32 bytes each"},
		{"off the curve", jwksDoc(t, map[string]any{"kty": "EC", "kid": "e", "crv": "P-256", "x": b64(make([]byte, 32)), "y": b64(make([]byte, 32))}), "not a point on P-256"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := jwksToPEM(tc.doc)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, %v; want an error containing %q", got, err, tc.want)
			}
		})
	}
}
