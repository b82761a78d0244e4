package kongtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"testing"
)

const (
	setID  = "77777777-7777-4777-8777-777777777777"
	set2ID = "88888888-8888-4888-8888-888888888888"
)

// testECKey is a P-256 key as a PEM pair and as a public JWK with the given kid.
func testECKey(t *testing.T, kid string) (privatePEM, publicPEM, jwk string) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := k.PublicKey.ECDH()
	if err != nil {
		t.Fatal(err)
	}
	point := raw.Bytes() // 0x04 || x || y
	b64 := base64.RawURLEncoding.EncodeToString
	doc, _ := json.Marshal(map[string]any{"kty": "EC", "crv": "P-256", "kid": kid, "x": b64(point[1:33]), "y": b64(point[33:])})
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub})), string(doc)
}

// TestKeySetsAndKeys follows Kong 3.9's key rules: kid required and unique within a set (and among keys
// without a set), name unique, exactly one of jwk and pem, a jwk whose kid is the key's and that loads, a
// pem pair that belongs together; keys live under /key-sets/{set}/keys too and go with their set.
func TestKeySetsAndKeys(t *testing.T) {
	s, _ := newTestServer(t)
	priv, pub, jwk := testECKey(t, "k1")
	otherPriv, _, _ := testECKey(t, "k2")
	js := func(v string) string { return jsonString(t, v) }
	pemBody := func(kid, extra string) string {
		return `{"kid":"` + kid + `","pem":{"private_key":` + js(priv) + `,"public_key":` + js(pub) + `}` + extra + `}`
	}
	runSteps(t, s, []step{
		{name: "key set by id", method: "PUT", path: "/key-sets/" + setID, body: `{"name":"signing"}`, status: 200,
			want: `{"id":"` + setID + `","name":"signing","tags":null,"created_at":1700000000,"updated_at":1700000000}`},
		{method: "PUT", path: "/key-sets/" + set2ID, body: `{}`, status: 200, want: `{"name":null}`},
		{name: "key set name unique", method: "POST", path: "/key-sets", body: `{"name":"signing"}`, status: 409},
		{name: "jwk key in a set", method: "PUT", path: "/keys/" + keyID, body: `{"kid":"k1","name":"first","set":{"id":"` + setID + `"},"jwk":` + js(jwk) + `}`,
			status: 200, want: `{"kid":"k1","name":"first","set":{"id":"` + setID + `"},"pem":null,"tags":null}`},
		{name: "(kid, set) unique", method: "POST", path: "/key-sets/signing/keys", body: pemBody("k1", ""), status: 409,
			want: `{"code":5,"fields":{"kid":"k1","set":{"id":"` + setID + `"}}}`},
		{name: "same kid in another set", method: "POST", path: "/key-sets/" + set2ID + "/keys", body: pemBody("k1", ""), status: 201,
			want: `{"set":{"id":"` + set2ID + `"},"jwk":null}`},
		{name: "same kid without a set", method: "POST", path: "/keys", body: pemBody("k1", ""), status: 201, want: `{"set":null}`},
		{name: "kid unique among keys without a set", method: "POST", path: "/keys", body: pemBody("k1", ""), status: 409},
		{name: "name unique", method: "POST", path: "/keys", body: pemBody("k9", `,"name":"first"`), status: 409,
			want: `{"fields":{"name":"first"}}`},
		{name: "GET by name", method: "GET", path: "/keys/first", status: 200, want: `{"id":"` + keyID + `"}`},
		{name: "nested GET by name", method: "GET", path: "/key-sets/signing/keys/first", status: 200, want: `{"id":"` + keyID + `"}`},
		{name: "nested GET under another set", method: "GET", path: "/key-sets/" + set2ID + "/keys/first", status: 404},
		{name: "the key's set", method: "GET", path: "/keys/first/set", status: 200, want: `{"name":"signing"}`},
		{name: "kid required", method: "POST", path: "/keys", body: `{"jwk":` + js(jwk) + `}`, status: 400,
			want: `{"fields":{"kid":"required field missing"}}`},
		{name: "jwk or pem needed", method: "POST", path: "/keys", body: `{"kid":"x"}`, status: 400,
			want: `{"message":"schema violation (at least one of these fields must be non-empty: 'jwk', 'pem')"}`},
		{name: "not both", method: "POST", path: "/keys", body: `{"kid":"k1","jwk":` + js(jwk) + `,"pem":{"public_key":` + js(pub) + `}}`, status: 400,
			want: `{"fields":{"@entity":["only one or none of these fields must be set: 'jwk', 'pem'"]}}`},
		{name: "jwk not JSON", method: "POST", path: "/keys", body: `{"kid":"x","jwk":"{"}`, status: 400,
			want: `{"message":"schema violation (could not json decode jwk string)"}`},
		{name: "jwk kid differs", method: "POST", path: "/keys", body: `{"kid":"x","jwk":` + js(jwk) + `}`, status: 400,
			want: `{"fields":{"@entity":["kid in jwk.kid must be equal to keys.kid"]}}`},
		{name: "jwk that is no key (Kong's spec)", method: "POST", path: "/keys", body: `{"kid":"36","jwk":"{\"kid\": \"36\"}"}`, status: 400,
			want: `{"message":"schema violation (could not load JWK, likely not a valid key)"}`},
		{name: "jwk with a member Kong does not know", method: "POST", path: "/keys",
			body: `{"kid":"k1","jwk":` + js(jwk[:len(jwk)-1]+`,"ext":true}`) + `}`, status: 400,
			want: `{"fields":{"@entity":["Validation error: ext: unknown field"]}}`},
		{name: "a vault reference is not checked", method: "POST", path: "/keys", body: `{"kid":"ref","jwk":"{vault://env/jwk}"}`, status: 201,
			want: `{"jwk":"{vault://env/jwk}"}`},
		{name: "empty pem", method: "POST", path: "/keys", body: `{"kid":"p","pem":{}}`, status: 400,
			want: `{"fields":{"pem":{"@entity":["at least one of these fields must be non-empty: 'private_key', 'public_key'"]}}}`},
		{name: "public key that is no key", method: "POST", path: "/keys", body: `{"kid":"p","pem":{"public_key":"nope"}}`, status: 400,
			want: `{"fields":{"pem":"could not load public key"}}`},
		{name: "private key given as public", method: "POST", path: "/keys", body: `{"kid":"p","pem":{"public_key":` + js(priv) + `}}`, status: 400,
			want: `{"fields":{"pem":"could not load public key"}}`},
		{name: "public key given as private", method: "POST", path: "/keys", body: `{"kid":"p","pem":{"private_key":` + js(pub) + `}}`, status: 400,
			want: `{"fields":{"pem":"could not load private key"}}`},
		{name: "pair of two keys", method: "POST", path: "/keys", body: `{"kid":"p","pem":{"private_key":` + js(otherPriv) + `,"public_key":` + js(pub) + `}}`, status: 400,
			want: `{"fields":{"pem":"public key does not match private key"}}`},
		{name: "private key alone", method: "POST", path: "/keys", body: `{"kid":"p","pem":{"private_key":` + js(priv) + `}}`, status: 201,
			want: `{"pem":{"private_key":` + js(priv) + `,"public_key":null}}`},
		{name: "unknown set", method: "POST", path: "/keys", body: `{"kid":"q","set":{"id":"` + missing + `"},"pem":{"public_key":` + js(pub) + `}}`, status: 400,
			want: `{"code":4}`},
		{name: "PATCH merges pem", method: "PATCH", path: "/keys/" + keyID, body: `{"name":"renamed"}`, status: 200, want: `{"name":"renamed","kid":"k1"}`},
		{name: "entity checks on the schema", method: "GET", path: "/schemas/keys", status: 200,
			want: `{"entity_checks":[{"mutually_exclusive":["jwk","pem"]},{"at_least_one_of":["jwk","pem"]},{"custom_entity_check":{"field_sources":["jwk","pem","kid"]}}]}`},
		{name: "deleting a set deletes its keys", method: "DELETE", path: "/key-sets/signing", status: 204},
		{method: "GET", path: "/keys/" + keyID, status: 404},
		{method: "GET", path: "/key-sets/" + set2ID + "/keys", status: 200},
	})
	_, got := request(t, s, "GET", "/keys", "", "")
	if n := len(got["data"].([]any)); n != 4 {
		t.Errorf("%d keys left after the cascade, want 4 (one in the other set, three without a set)", n)
	}
}
