package kongtest

import (
	"testing"
	"time"
)

// Expected bodies and messages below are quoted from the Kong 3.9 facts (§2, §3.1, §4, §5).

func TestServiceDefaultsAndNulls(t *testing.T) {
	s, _ := newTestServer(t)
	runSteps(t, s, []step{{
		name: "POST fills every field with its default or null (facts §5)", method: "POST", path: "/services",
		body: `{"host":"example.com"}`, status: 201,
		want: `{"name":null,"retries":5,"protocol":"http","host":"example.com","port":80,"path":null,
			"connect_timeout":60000,"write_timeout":60000,"read_timeout":60000,"tags":null,"client_certificate":null,
			"tls_verify":null,"tls_verify_depth":null,"ca_certificates":null,"enabled":true,
			"created_at":1700000000,"updated_at":1700000000}`,
		absent: []string{"url", "ws_id"},
	}, {
		name: "explicit null keeps null instead of the default", method: "POST", path: "/services",
		body: `{"host":"example.com","retries":null}`, status: 201, want: `{"retries":null}`,
	}})
}

func TestServiceURLShorthand(t *testing.T) {
	cases := []struct {
		url  string
		want string
	}{
		{"http://h", `{"protocol":"http","host":"h","port":80,"path":null}`},
		{"http://h/", `{"protocol":"http","host":"h","port":80,"path":"/"}`},
		{"https://example.com/api?x=1", `{"protocol":"https","host":"example.com","port":443,"path":"/api"}`},
		{"http://x:443", `{"protocol":"http","host":"x","port":443,"path":null}`},
		{"https://x:80/", `{"protocol":"https","host":"x","port":80,"path":"/"}`},
	}
	for _, tc := range cases {
		t.Run(tc.url, func(t *testing.T) {
			s, _ := newTestServer(t)
			runSteps(t, s, []step{{method: "POST", path: "/services",
				body: `{"url":"` + tc.url + `","protocol":"grpc","path":"/overridden"}`, status: 201, want: tc.want, absent: []string{"url"}}})
		})
	}
	t.Run("invalid url", func(t *testing.T) {
		s, _ := newTestServer(t)
		runSteps(t, s, []step{{method: "POST", path: "/services", body: `{"url":"invalid url"}`, status: 400,
			want: `{"code":2,"name":"schema violation","message":"2 schema violations (host: required field missing; path: should start with: /)","fields":{"host":"required field missing","path":"should start with: /"}}`}})
	})
	t.Run("PATCH url re-derives all four fields", func(t *testing.T) {
		s, _ := newTestServer(t)
		runSteps(t, s, []step{
			{method: "PUT", path: "/services/" + svcID, body: `{"url":"https://a.test:8443/x"}`, status: 200},
			{method: "PATCH", path: "/services/" + svcID, body: `{"url":"http://b.test"}`, status: 200,
				want: `{"protocol":"http","host":"b.test","port":80,"path":null}`},
		})
	})
}

func TestServiceValidation(t *testing.T) {
	cases := []struct {
		name, body, want string
	}{
		{"missing host", `{}`, `{"message":"schema violation (host: required field missing)","fields":{"host":"required field missing"}}`},
		{"host with port", `{"host":"a.test:80"}`, `{"message":"schema violation (host: must not have a port)"}`},
		{"invalid host", `{"host":"a b"}`, `{"message":"schema violation (host: invalid value: a b)"}`},
		{"port out of range", `{"host":"a","port":70000}`, `{"message":"schema violation (port: value should be between 0 and 65535)"}`},
		{"JSON strings are not coerced", `{"host":"a","port":"80"}`, `{"message":"schema violation (port: expected an integer)"}`},
		{"float is not an integer", `{"host":"a","retries":1.5}`, `{"message":"schema violation (retries: expected an integer)"}`},
		{"timeout lower bound", `{"host":"a","connect_timeout":0}`, `{"message":"schema violation (connect_timeout: value should be between 1 and 2147483646)"}`},
		{"protocol one_of", `{"host":"a","protocol":"ftp"}`, `{"message":"schema violation (protocol: expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp)"}`},
		{"utf8 name", `{"host":"a","name":"a b"}`, `{"message":"schema violation (name: invalid value 'a b': the only accepted ascii characters are alphanumerics or ., -, _, and ~)"}`},
		{"path start", `{"host":"a","path":"x"}`, `{"message":"schema violation (path: should start with: /)"}`},
		{"path empty segment", `{"host":"a","path":"/a//b"}`, `{"message":"schema violation (path: must not have empty segments)"}`},
		{"path characters", `{"host":"a","path":"/a b"}`, `{"message":"schema violation (path: invalid path: '/a b' (characters outside of the reserved list of RFC 3986 found))"}`},
		{"path percent encoding", `{"host":"a","path":"/a%zz"}`, `{"message":"schema violation (path: invalid url-encoded value: '%zz')"}`},
		{"unknown field", `{"host":"a","foo":1}`, `{"message":"schema violation (foo: unknown field)","fields":{"foo":"unknown field"}}`},
		{"empty string", `{"host":""}`, `{"message":"schema violation (host: length must be at least 1)"}`},
		{"invalid id", `{"host":"a","id":"nope"}`, `{"message":"schema violation (id: expected a valid UUID)"}`},
		{"tag characters", `{"host":"a","tags":["a,b"]}`, "{\"message\":\"schema violation (tags.1: invalid tag 'a,b': expected printable ascii (except `,` and `/`) or valid utf-8 sequences)\"}"},
		{"conditional path on tcp", `{"host":"a","protocol":"tcp","path":"/x"}`,
			`{"message":"2 schema violations (failed conditional validation given value of field 'protocol'; path: value must be null)",
			  "fields":{"@entity":["failed conditional validation given value of field 'protocol'"],"path":"value must be null"}}`},
		{"sorted fields", `{"port":-1,"host":"a","retries":-1}`, `{"message":"2 schema violations (port: value should be between 0 and 65535; retries: value should be between 0 and 32767)"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newTestServer(t)
			runSteps(t, s, []step{{method: "POST", path: "/services", body: tc.body, status: 400, want: tc.want}})
			w, got := request(t, s, "POST", "/services", tc.body, "application/json")
			if got["code"] != float64(2) || got["name"] != "schema violation" || w.Code != 400 {
				t.Errorf("want a code-2 schema violation, got %d %v", w.Code, got)
			}
		})
	}
}

func TestServiceLifecycle(t *testing.T) {
	s, clock := newTestServer(t)
	runSteps(t, s, []step{
		{name: "PUT by id creates with 200, never 201", method: "PUT", path: "/services/" + svcID,
			body: `{"name":"svc","host":"a.test","id":"` + missing + `"}`, status: 200, want: `{"id":"` + svcID + `","name":"svc"}`},
		{name: "duplicate id on POST is 400 code 3", method: "POST", path: "/services", body: `{"id":"` + svcID + `","host":"b"}`, status: 400,
			want: `{"code":3,"name":"primary key violation","message":"primary key violation on key '{id=\"` + svcID + `\"}'","fields":{"id":"` + svcID + `"}}`},
		{name: "unique name is 409", method: "POST", path: "/services", body: `{"name":"svc","host":"b"}`, status: 409,
			want: `{"code":5,"name":"unique constraint violation","message":"UNIQUE violation detected on '{name=\"svc\"}'","fields":{"name":"svc"}}`},
		{name: "GET by name", method: "GET", path: "/services/svc", status: 200, want: `{"id":"` + svcID + `"}`},
		{name: "trailing slash tolerated", method: "GET", path: "/services/svc/", status: 200, want: `{"id":"` + svcID + `"}`},
		{name: "PATCH merges", method: "PATCH", path: "/services/svc", body: `{"retries":3}`, status: 200, want: `{"retries":3,"host":"a.test","name":"svc"}`},
		{name: "PUT is a full replacement: omitted fields go back to defaults", method: "PUT", path: "/services/svc",
			body: `{"host":"c.test"}`, status: 200, want: `{"id":"` + svcID + `","retries":5,"host":"c.test","name":"svc"}`},
		{name: "GET missing is the plain 404", method: "GET", path: "/services/" + missing, status: 404, want: `{"message":"Not found"}`, absent: []string{"code"}},
		{name: "PATCH missing by id is the code-6 object", method: "PATCH", path: "/services/" + missing, body: `{"retries":1}`, status: 404,
			want: `{"code":6,"name":"not found","message":"could not find the entity with primary key '{id=\"` + missing + `\"}'","fields":{"id":"` + missing + `"}}`},
		{name: "PATCH missing by name is the code-6 object", method: "PATCH", path: "/services/foo", body: `{}`, status: 404,
			want: `{"code":6,"name":"not found","message":"could not find the entity with '{name=\"foo\"}'","fields":{"name":"foo"}}`},
		{name: "invalid endpoint key is 400 code 10", method: "GET", path: "/services/a%20b", status: 400,
			want: `{"code":10,"name":"invalid unique name","message":"invalid value 'a b': the only accepted ascii characters are alphanumerics or ., -, _, and ~"}`},
		{name: "DELETE missing is 204", method: "DELETE", path: "/services/" + missing, status: 204},
		{name: "unknown path", method: "GET", path: "/nothing", status: 404, want: `{"message":"Not found"}`},
		{name: "wrong method", method: "POST", path: "/services/svc", body: `{}`, status: 405, want: `{"message":"Method not allowed"}`},
		{name: "malformed JSON", method: "POST", path: "/services", body: `{`, status: 400, want: `{"message":"Cannot parse JSON body"}`},
	})
	clock.t = clock.t.Add(time.Hour)
	runSteps(t, s, []step{{name: "PUT resets created_at", method: "PUT", path: "/services/svc", body: `{"host":"c.test"}`, status: 200,
		want: `{"created_at":1700003600,"updated_at":1700003600}`}})
}
