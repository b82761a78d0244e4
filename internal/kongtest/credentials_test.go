package kongtest

import (
	"testing"
	"time"
)

func TestKeyAuthCredentials(t *testing.T) {
	s, clock := newTestServer(t)
	runSteps(t, s, []step{
		{method: "PUT", path: "/consumers/" + consID, body: `{"username":"bob"}`, status: 200},
		{name: "without consumer", method: "POST", path: "/key-auths", body: `{"key":"x"}`, status: 400,
			want: `{"message":"schema violation (consumer: required field missing)"}`},
		{name: "nested POST on a missing consumer", method: "POST", path: "/consumers/nobody/key-auth", body: `{}`, status: 404, want: `{"message":"Not found"}`},
		{name: "PUT with an id creates (facts §5 credential example)", method: "PUT", path: "/consumers/bob/key-auth/" + keyID,
			body: `{"key":"secret-1","ttl":60}`, status: 200,
			want:   `{"id":"` + keyID + `","consumer":{"id":"` + consID + `"},"key":"secret-1","tags":null,"ttl":60,"created_at":1700000000}`,
			absent: []string{"updated_at"}},
		{name: "PUT again is idempotent", method: "PUT", path: "/consumers/bob/key-auth/" + keyID, body: `{"key":"secret-1"}`, status: 200,
			want: `{"id":"` + keyID + `","key":"secret-1"}`},
		{name: "duplicate key", method: "POST", path: "/consumers/bob/key-auth", body: `{"key":"secret-1"}`, status: 409,
			want: `{"code":5,"message":"UNIQUE violation detected on '{key=\"secret-1\"}'","fields":{"key":"secret-1"}}`},
		{name: "GET by key", method: "GET", path: "/key-auths/secret-1", status: 200, want: `{"id":"` + keyID + `"}`},
		{name: "nested GET by key", method: "GET", path: "/consumers/bob/key-auth/secret-1", status: 200, want: `{"id":"` + keyID + `"}`},
		{name: "bad ttl", method: "POST", path: "/consumers/bob/key-auth", body: `{"ttl":-1}`, status: 400,
			want: `{"code":11,"message":"invalid option (ttl: must be an integer between 0 and 100000000)"}`},
		{name: "credential owner", method: "GET", path: "/key-auths/secret-1/consumer", status: 200, want: `{"username":"bob"}`},
	})
	_, got := request(t, s, "POST", "/consumers/bob/key-auth", `{}`, "application/json")
	if key, _ := got["key"].(string); len(key) != 32 || !isAlnumString(key) {
		t.Errorf("generated key %q, want 32 alphanumerics", key)
	}
	clock.t = clock.t.Add(20 * time.Second)
	runSteps(t, s, []step{{name: "ttl counts down", method: "GET", path: "/key-auths/" + keyID, status: 200, want: `{"ttl":40}`}})
	clock.t = clock.t.Add(40 * time.Second)
	runSteps(t, s, []step{{name: "expired credential disappears", method: "GET", path: "/key-auths/" + keyID, status: 404}})
}

func isAlnumString(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isAlnum(s[i]) {
			return false
		}
	}
	return true
}

func TestACLs(t *testing.T) {
	s, _ := newTestServer(t)
	runSteps(t, s, []step{
		{method: "PUT", path: "/consumers/bob", body: `{}`, status: 200},
		{method: "PUT", path: "/consumers/ann", body: `{}`, status: 200},
		{method: "POST", path: "/consumers/bob/acls", body: `{"group":"admins"}`, status: 201, want: `{"group":"admins","tags":null}`, absent: []string{"updated_at"}},
		{name: "(consumer, group) unique", method: "POST", path: "/consumers/bob/acls", body: `{"group":"admins"}`, status: 409},
		{name: "same group on another consumer", method: "POST", path: "/consumers/ann/acls", body: `{"group":"admins"}`, status: 201},
		{name: "group required", method: "POST", path: "/consumers/bob/acls", body: `{}`, status: 400, want: `{"message":"schema violation (group: required field missing)"}`},
		{name: "nested lookup by group", method: "GET", path: "/consumers/bob/acls/admins", status: 200, want: `{"group":"admins"}`},
		{name: "nested DELETE by group", method: "DELETE", path: "/consumers/bob/acls/admins", status: 204},
		{method: "GET", path: "/consumers/bob/acls/admins", status: 404},
		{method: "GET", path: "/consumers/ann/acls/admins", status: 200},
	})
}
