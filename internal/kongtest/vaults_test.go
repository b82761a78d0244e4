package kongtest

import "testing"

// TestVaults follows Kong 3.9's vault rules: the prefix is the endpoint key, unique, a lower-case DNS-like
// label that is not a vault's name; name must be an installed vault (env), whose own schema validates
// config and fills its defaults; PATCH merges config.
func TestVaults(t *testing.T) {
	s, _ := newTestServer(t)
	runSteps(t, s, []step{
		{name: "PUT by prefix creates, config defaulted", method: "PUT", path: "/vaults/env-1", body: `{"name":"env"}`, status: 200,
			want: `{"prefix":"env-1","name":"env","description":null,"config":{"prefix":null},"tags":null,"created_at":1700000000,"updated_at":1700000000}`},
		{name: "GET by prefix", method: "GET", path: "/vaults/env-1", status: 200, want: `{"prefix":"env-1"}`},
		{name: "PUT by id", method: "PUT", path: "/vaults/" + keyID, body: `{"name":"env","prefix":"put-env-id","description":"d","config":{"prefix":"SECRETS_"}}`,
			status: 200, want: `{"id":"` + keyID + `","config":{"prefix":"SECRETS_"},"description":"d"}`},
		{name: "config prefix may end with a dash", method: "PUT", path: "/vaults/put-env-id", body: `{"name":"env","config":{"prefix":"secrets-"}}`, status: 200,
			want: `{"id":"` + keyID + `","config":{"prefix":"secrets-"},"description":null}`},
		{name: "prefix taken", method: "POST", path: "/vaults", body: `{"name":"env","prefix":"env-1"}`, status: 409,
			want: `{"code":5,"message":"UNIQUE violation detected on '{prefix=\"env-1\"}'"}`},
		{name: "a vault's name is no prefix", method: "PUT", path: "/vaults/" + missing, body: `{"name":"env","prefix":"env"}`, status: 400,
			want: `{"code":2,"name":"schema violation","message":"schema violation (prefix: must not be one of: env)","fields":{"prefix":"must not be one of: env"}}`},
		{name: "in the URL, code 10", method: "PUT", path: "/vaults/env", body: `{"name":"env"}`, status: 400,
			want: `{"code":10,"name":"invalid unique prefix","message":"must not be one of: env"}`},
		{name: "upper case", method: "POST", path: "/vaults", body: `{"name":"env","prefix":"My-vault"}`, status: 400,
			want: `{"fields":{"prefix":"invalid value: My-vault"}}`},
		{name: "one character", method: "POST", path: "/vaults", body: `{"name":"env","prefix":"a"}`, status: 400,
			want: `{"fields":{"prefix":"invalid value: a"}}`},
		{name: "trailing dash", method: "POST", path: "/vaults", body: `{"name":"env","prefix":"ab-"}`, status: 400,
			want: `{"fields":{"prefix":"invalid value: ab-"}}`},
		{name: "leading digit", method: "POST", path: "/vaults", body: `{"name":"env","prefix":"1ab"}`, status: 400},
		{name: "double dash inside is fine", method: "POST", path: "/vaults", body: `{"name":"env","prefix":"a--b9"}`, status: 201},
		{name: "prefix required", method: "POST", path: "/vaults", body: `{"name":"env"}`, status: 400,
			want: `{"fields":{"prefix":"required field missing"}}`},
		{name: "a vault that is not installed is the only error", method: "POST", path: "/vaults", body: `{"name":"aws","prefix":"BAD","config":{"x":1}}`, status: 400,
			want: `{"message":"schema violation (name: vault 'aws' is not installed)","fields":{"name":"vault 'aws' is not installed"}}`},
		{name: "name required", method: "POST", path: "/vaults", body: `{"prefix":"BAD"}`, status: 400,
			want: `{"fields":{"name":"required field missing"}}`},
		{name: "config by the vault's schema", method: "POST", path: "/vaults", body: `{"name":"env","prefix":"cfg","config":{"prefix":"1x","region":"eu"}}`, status: 400,
			want: `{"fields":{"config":{"prefix":"invalid value: 1x","region":"unknown field"}}}`},
		{name: "PATCH merges config", method: "PATCH", path: "/vaults/env-1", body: `{"config":{"prefix":"CERT_"},"tags":["a"]}`, status: 200,
			want: `{"config":{"prefix":"CERT_"},"tags":["a"]}`},
		{name: "PATCH validates", method: "PATCH", path: "/vaults/env-1", body: `{"prefix":"env"}`, status: 400,
			want: `{"fields":{"prefix":"must not be one of: env"}}`},
		{name: "PATCH of a missing vault", method: "PATCH", path: "/vaults/" + missing, body: `{"description":"x"}`, status: 404},
		{name: "PUT replaces: config back to its default", method: "PUT", path: "/vaults/env-1", body: `{"name":"env"}`, status: 200,
			want: `{"config":{"prefix":null},"tags":null}`},
		{name: "collection refuses DELETE", method: "DELETE", path: "/vaults", status: 405, want: `{"message":"Method not allowed"}`},
		{name: "DELETE by prefix", method: "DELETE", path: "/vaults/env-1", status: 204},
		{method: "GET", path: "/vaults/env-1", status: 404},
		{name: "DELETE of a missing vault", method: "DELETE", path: "/vaults/" + missing, status: 204},
		{name: "the env vault's schema", method: "GET", path: "/schemas/vaults/env", status: 200,
			want: `{"fields":[{"config":{"type":"record","required":true,"fields":[{"prefix":{"type":"string","match":"^[%a_-][%a%d_-]*$"}}]}}]}`},
		{name: "no such vault schema", method: "GET", path: "/schemas/vaults/aws", status: 404, want: `{"message":"No vault named 'aws'"}`},
		{name: "validate endpoint", method: "POST", path: "/schemas/vaults/validate", body: `{"name":"env","prefix":"ok-1"}`, status: 200,
			want: `{"message":"schema validation successful"}`},
	})
}
