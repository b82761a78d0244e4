package kongtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"testing"
)

const jwtID = "6f0f5a36-8d2e-4c61-9b7a-3a2f3f3f9a01"

func testPublicKeyPEM(t *testing.T) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

func jsonString(t *testing.T, s string) string {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Kong 3.9's jwt credentials (kong/plugins/jwt/daos.lua): nested under /consumers/{c}/jwt and top-level
// /jwts, addressable by key, key unique, key and secret generated, rsa_public_key required by the
// asymmetric algorithms, deleted with their consumer.
func TestJWTCredentials(t *testing.T) {
	s, _ := newTestServer(t)
	pub := jsonString(t, testPublicKeyPEM(t))
	runSteps(t, s, []step{
		{method: "PUT", path: "/consumers/" + consID, body: `{"username":"bob"}`, status: 200},
		{name: "PUT with an id creates, defaults filled", method: "PUT", path: "/consumers/bob/jwt/" + jwtID,
			body: `{"key":"https://idp.example.com/","rsa_public_key":` + pub + `,"algorithm":"RS256"}`, status: 200,
			want:   `{"id":"` + jwtID + `","consumer":{"id":"` + consID + `"},"key":"https://idp.example.com/","algorithm":"RS256","tags":null,"created_at":1700000000}`,
			absent: []string{"updated_at", "ttl"}},
		{name: "GET by key", method: "GET", path: "/jwts/https:%2F%2Fidp.example.com%2F", status: 200, want: `{"id":"` + jwtID + `"}`},
		{name: "nested GET by id", method: "GET", path: "/consumers/bob/jwt/" + jwtID, status: 200, want: `{"algorithm":"RS256"}`},
		{name: "key unique across consumers", method: "POST", path: "/consumers/bob/jwt", body: `{"key":"https://idp.example.com/"}`, status: 409,
			want: `{"code":5,"message":"UNIQUE violation detected on '{key=\"https://idp.example.com/\"}'"}`},
		{name: "RS256 needs a key", method: "POST", path: "/consumers/bob/jwt", body: `{"algorithm":"RS256"}`, status: 400,
			want: `{"code":2,"fields":{"rsa_public_key":"required field missing","@entity":["failed conditional validation given value of field 'algorithm'"]}}`},
		{name: "PS512 key must load", method: "POST", path: "/consumers/bob/jwt", body: `{"algorithm":"PS512","rsa_public_key":"not a key"}`, status: 400,
			want: `{"code":2,"fields":{"rsa_public_key":"invalid key","@entity":["failed conditional validation given value of field 'algorithm'"]}}`},
		{name: "ES256 is outside Kong 3.9's check", method: "POST", path: "/consumers/bob/jwt", body: `{"algorithm":"ES256","key":"es"}`, status: 201},
		{name: "unknown algorithm", method: "POST", path: "/consumers/bob/jwt", body: `{"algorithm":"none"}`, status: 400,
			want: `{"fields":{"algorithm":"expected one of: HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384, ES512, PS256, PS384, PS512, EdDSA"}}`},
		{name: "credential owner", method: "GET", path: "/jwts/" + jwtID + "/consumer", status: 200, want: `{"username":"bob"}`},
	})
	_, got := request(t, s, "POST", "/consumers/bob/jwt", `{}`, "application/json")
	for _, f := range []string{"key", "secret"} {
		if v, _ := got[f].(string); len(v) != 32 {
			t.Errorf("generated %s %q, want 32 characters", f, v)
		}
	}
	if got["algorithm"] != "HS256" {
		t.Errorf("algorithm %v, want the default HS256", got["algorithm"])
	}
	id := got["id"].(string)
	secret := got["secret"]
	_, patched := request(t, s, "PATCH", "/jwts/"+id, `{"tags":["a"]}`, "application/json")
	if patched["secret"] != secret {
		t.Errorf("PATCH changed the secret to %v", patched["secret"])
	}
	_, put := request(t, s, "PUT", "/consumers/bob/jwt/"+id, `{"key":"k2"}`, "application/json")
	if put["secret"] == secret || put["secret"] == nil {
		t.Errorf("a PUT without secret kept %v; Kong generates a new one", put["secret"])
	}
	runSteps(t, s, []step{
		{name: "cascade delete with the consumer", method: "DELETE", path: "/consumers/bob", status: 204},
		{method: "GET", path: "/jwts/" + jwtID, status: 404},
		{method: "GET", path: "/jwts/k2", status: 404},
	})
}
