package kongtest

import "testing"

// Expected bodies and messages follow Kong 3.9.1's upstreams.lua (defaults, entity checks, shorthands).

const upID = "77777777-7777-4777-8777-777777777777"

const defaultHealthchecks = `{"active":{"concurrency":10,"http_path":"/","https_sni":null,"https_verify_certificate":true,
	"headers":null,"healthy":{"successes":0,"interval":0,"http_statuses":[200,302]},
	"unhealthy":{"tcp_failures":0,"timeouts":0,"http_failures":0,"http_statuses":[429,404,500,501,502,503,504,505],"interval":0},
	"type":"http","timeout":1},
	"passive":{"unhealthy":{"http_failures":0,"timeouts":0,"tcp_failures":0,"http_statuses":[429,500,503]},
	"healthy":{"successes":0,"http_statuses":[200,201,202,203,204,205,206,207,208,226,300,301,302,303,304,305,306,307,308]},
	"type":"http"},"threshold":0}`

func TestUpstreamDefaults(t *testing.T) {
	s, _ := newTestServer(t)
	runSteps(t, s, []step{{
		name: "POST fills every default, the whole healthchecks record included", method: "POST", path: "/upstreams",
		body: `{"name":"backend.internal"}`, status: 201,
		want: `{"name":"backend.internal","algorithm":"round-robin","hash_on":"none","hash_fallback":"none",
			"hash_on_header":null,"hash_fallback_header":null,"hash_on_cookie":null,"hash_on_cookie_path":"/",
			"hash_on_query_arg":null,"hash_fallback_query_arg":null,"hash_on_uri_capture":null,"hash_fallback_uri_capture":null,
			"slots":10000,"tags":null,"host_header":null,"client_certificate":null,"use_srv_name":false,
			"created_at":1700000000,"updated_at":1700000000,"healthchecks":` + defaultHealthchecks + `}`,
	}, {
		name: "a partial healthchecks record gets the defaults of what it leaves out", method: "PUT", path: "/upstreams/" + upID,
		body: `{"name":"partial","healthchecks":{"active":{"timeout":2.5,"healthy":{"interval":5}},"threshold":25}}`, status: 200,
		want: `{"healthchecks":{"active":{"concurrency":10,"http_path":"/","https_sni":null,"https_verify_certificate":true,
			"headers":null,"healthy":{"successes":0,"interval":5,"http_statuses":[200,302]},
			"unhealthy":{"tcp_failures":0,"timeouts":0,"http_failures":0,"http_statuses":[429,404,500,501,502,503,504,505],"interval":0},
			"type":"http","timeout":2.5},
			"passive":{"unhealthy":{"http_failures":0,"timeouts":0,"tcp_failures":0,"http_statuses":[429,500,503]},
			"healthy":{"successes":0,"http_statuses":[200,201,202,203,204,205,206,207,208,226,300,301,302,303,304,305,306,307,308]},
			"type":"http"},"threshold":25}}`,
	}, {
		name: "PATCH merges into the stored record", method: "PATCH", path: "/upstreams/partial",
		body: `{"healthchecks":{"active":{"unhealthy":{"timeouts":3}}}}`, status: 200,
		want: `{"healthchecks":{"active":{"concurrency":10,"http_path":"/","https_sni":null,"https_verify_certificate":true,
			"headers":null,"healthy":{"successes":0,"interval":5,"http_statuses":[200,302]},
			"unhealthy":{"tcp_failures":0,"timeouts":3,"http_failures":0,"http_statuses":[429,404,500,501,502,503,504,505],"interval":0},
			"type":"http","timeout":2.5},
			"passive":{"unhealthy":{"http_failures":0,"timeouts":0,"tcp_failures":0,"http_statuses":[429,500,503]},
			"healthy":{"successes":0,"http_statuses":[200,201,202,203,204,205,206,207,208,226,300,301,302,303,304,305,306,307,308]},
			"type":"http"},"threshold":25}}`,
	}, {
		name: "PUT replaces: what it leaves out goes back to the default", method: "PUT", path: "/upstreams/partial",
		body: `{"slots":20}`, status: 200, want: `{"id":"` + upID + `","slots":20,"healthchecks":` + defaultHealthchecks + `}`,
	}, {
		name: "an empty status list is kept", method: "PATCH", path: "/upstreams/partial",
		body: `{"healthchecks":{"passive":{"unhealthy":{"http_statuses":[]}}}}`, status: 200,
		want: `{"healthchecks":{"active":{"concurrency":10,"http_path":"/","https_sni":null,"https_verify_certificate":true,
			"headers":null,"healthy":{"successes":0,"interval":0,"http_statuses":[200,302]},
			"unhealthy":{"tcp_failures":0,"timeouts":0,"http_failures":0,"http_statuses":[429,404,500,501,502,503,504,505],"interval":0},
			"type":"http","timeout":1},
			"passive":{"unhealthy":{"http_failures":0,"timeouts":0,"tcp_failures":0,"http_statuses":[]},
			"healthy":{"successes":0,"http_statuses":[200,201,202,203,204,205,206,207,208,226,300,301,302,303,304,305,306,307,308]},
			"type":"http"},"threshold":0}}`,
	}, {
		name: "GET by name", method: "GET", path: "/upstreams/partial", status: 200, want: `{"id":"` + upID + `"}`,
	}, {
		name: "the name is unique", method: "POST", path: "/upstreams", body: `{"name":"partial"}`, status: 409,
		want: `{"code":5,"name":"unique constraint violation","message":"UNIQUE violation detected on '{name=\"partial\"}'","fields":{"name":"partial"}}`,
	}})
}

func TestUpstreamShorthands(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"hash_on other than none sets consistent-hashing", `{"algorithm":"round-robin","hash_on":"ip"}`,
			`{"algorithm":"consistent-hashing","hash_on":"ip"}`},
		{"hash_on none sets round-robin", `{"algorithm":"consistent-hashing","hash_on":"none"}`,
			`{"algorithm":"round-robin","hash_on":"none"}`},
		{"least-connections clears hash_on", `{"algorithm":"least-connections","hash_on":"ip"}`,
			`{"algorithm":"least-connections","hash_on":"none"}`},
		{"latency clears hash_on", `{"algorithm":"latency"}`, `{"algorithm":"latency","hash_on":"none"}`},
		{"null hash_on is none", `{"hash_on":null,"algorithm":"consistent-hashing"}`,
			`{"algorithm":"consistent-hashing","hash_on":"none"}`},
		{"algorithm alone is kept", `{"algorithm":"consistent-hashing"}`, `{"algorithm":"consistent-hashing","hash_on":"none"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newTestServer(t)
			body := `{"name":"u",` + tc.body[1:]
			runSteps(t, s, []step{{method: "POST", path: "/upstreams", body: body, status: 201, want: tc.want}})
		})
	}
	t.Run("PATCH applies them too", func(t *testing.T) {
		s, _ := newTestServer(t)
		runSteps(t, s, []step{
			{method: "POST", path: "/upstreams", body: `{"name":"u","algorithm":"least-connections"}`, status: 201},
			{method: "PATCH", path: "/upstreams/u", body: `{"hash_on":"none"}`, status: 200, want: `{"algorithm":"round-robin"}`},
		})
	})
}

func TestUpstreamValidation(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"name is required", `{}`, `{"message":"schema violation (name: required field missing)"}`},
		{"name with a port", `{"name":"a.test:80"}`, `{"fields":{"name":"Invalid name ('a.test:80'); no port allowed"}}`},
		{"name that is an IP", `{"name":"10.0.0.1"}`, `{"fields":{"name":"Invalid name ('10.0.0.1'); no ip addresses allowed"}}`},
		{"name that is an IPv6", `{"name":"::1"}`, `{"fields":{"name":"Invalid name ('::1'); no ip addresses allowed"}}`},
		{"name with a space", `{"name":"a b"}`, `{"fields":{"name":"Invalid name ('a b'); must be a valid hostname"}}`},
		{"name label ending in a dash", `{"name":"a-.test"}`, `{"fields":{"name":"Invalid name ('a-.test'); must be a valid hostname"}}`},
		{"name with an empty label", `{"name":"a..test"}`, `{"fields":{"name":"Invalid name ('a..test'); must be a valid hostname"}}`},
		{"name of digits is an invalid IPv4", `{"name":"123"}`, `{"fields":{"name":"Invalid name ('123'); must be a valid hostname"}}`},
		{"algorithm", `{"name":"u","algorithm":"random"}`,
			`{"fields":{"algorithm":"expected one of: consistent-hashing, least-connections, round-robin, latency"}}`},
		{"slots below 10", `{"name":"u","slots":9}`, `{"fields":{"slots":"value should be between 10 and 65536"}}`},
		{"slots above 65536", `{"name":"u","slots":65537}`, `{"fields":{"slots":"value should be between 10 and 65536"}}`},
		{"hash_on header needs hash_on_header", `{"name":"u","hash_on":"header"}`,
			`{"message":"2 schema violations (failed conditional validation given value of field 'hash_on'; hash_on_header: required field missing)"}`},
		{"hash_fallback cookie needs hash_on_cookie", `{"name":"u","hash_on":"ip","hash_fallback":"cookie"}`,
			`{"fields":{"@entity":["failed conditional validation given value of field 'hash_fallback'"],"hash_on_cookie":"required field missing"}}`},
		{"hash_fallback must be none when hash_on is none", `{"name":"u","hash_fallback":"ip"}`,
			`{"fields":{"@entity":["failed conditional validation given value of field 'hash_on'"],"hash_fallback":"expected one of: none"}}`},
		{"hash_fallback may not repeat hash_on", `{"name":"u","hash_on":"ip","hash_fallback":"ip"}`,
			`{"fields":{"@entity":["failed conditional validation given value of field 'hash_on'"],"hash_fallback":"expected one of: none, consumer, header, cookie, path, query_arg, uri_capture"}}`},
		{"same header twice", `{"name":"u","hash_on":"header","hash_fallback":"header","hash_on_header":"X-A","hash_fallback_header":"X-A"}`,
			`{"fields":{"@entity":["values of these fields must be distinct: 'hash_on_header', 'hash_fallback_header'"]}}`},
		{"query arg needs a name", `{"name":"u","hash_on":"query_arg"}`, `{"fields":{"@entity":["failed conditional validation given value of field 'hash_on'"],"hash_on_query_arg":"required field missing"}}`},
		{"explicit null hash_fallback triggers its conditions (as in Kong)", `{"name":"u","hash_fallback":null}`,
			`{"fields":{"@entity":["failed conditional validation given value of field 'hash_fallback'","failed conditional validation given value of field 'hash_fallback'","failed conditional validation given value of field 'hash_fallback'","failed conditional validation given value of field 'hash_fallback'"],
			"hash_fallback_header":"required field missing","hash_on_cookie":"required field missing","hash_fallback_query_arg":"required field missing","hash_fallback_uri_capture":"required field missing"}}`},
		{"bad header name", `{"name":"u","hash_on":"header","hash_on_header":"X A"}`,
			`{"fields":{"hash_on_header":"bad header name 'X A', allowed characters are A-Z, a-z, 0-9, '_', and '-'"}}`},
		{"bad cookie name", `{"name":"u","hash_on":"cookie","hash_on_cookie":"a;b"}`,
			`{"fields":{"hash_on_cookie":"contains one or more invalid characters. ASCII control characters (0-31;127), space, tab and the characters ()<>@,;:\\\"/?={}[] are not allowed."}}`},
		{"cookie path", `{"name":"u","hash_on_cookie_path":"x"}`, `{"fields":{"hash_on_cookie_path":"should start with: /"}}`},
		{"cookie path with empty segment", `{"name":"u","hash_on_cookie_path":"/a//b"}`, `{"fields":{"hash_on_cookie_path":"must not have empty segments"}}`},
		{"host_header with a bad port", `{"name":"u","host_header":"a.test:70000"}`, `{"fields":{"host_header":"invalid port number"}}`},
		{"host_header", `{"name":"u","host_header":"a b"}`, `{"fields":{"host_header":"invalid hostname: a b"}}`},
		{"healthchecks null", `{"name":"u","healthchecks":null}`, `{"fields":{"healthchecks":"required field missing"}}`},
		{"a null required healthcheck field", `{"name":"u","healthchecks":{"active":{"https_verify_certificate":null}}}`,
			`{"fields":{"healthchecks":{"active":{"https_verify_certificate":"required field missing"}}}}`},
		{"healthcheck ranges", `{"name":"u","healthchecks":{"active":{"concurrency":0,"timeout":65535.5,"healthy":{"http_statuses":[99]}},"threshold":101}}`,
			`{"fields":{"healthchecks":{"active":{"concurrency":"value should be between 1 and 2147483648","timeout":"value should be between 0 and 65535","healthy":{"http_statuses":["value should be between 100 and 999"]}},"threshold":"value should be between 0 and 100"}}}`},
		{"healthcheck type", `{"name":"u","healthchecks":{"passive":{"type":"udp"}}}`,
			`{"fields":{"healthchecks":{"passive":{"type":"expected one of: tcp, http, https, grpc, grpcs"}}}}`},
		{"https_sni is a host name", `{"name":"u","healthchecks":{"active":{"https_sni":"10.0.0.1"}}}`,
			`{"fields":{"healthchecks":{"active":{"https_sni":"must not be an IP"}}}}`},
		{"probe header names", `{"name":"u","healthchecks":{"active":{"headers":{"x y":["1"]}}}}`,
			`{"fields":{"healthchecks":{"active":{"headers":"bad header name 'x y', allowed characters are A-Z, a-z, 0-9, '_', and '-'"}}}}`},
		{"unknown healthcheck field", `{"name":"u","healthchecks":{"active":{"nope":1}}}`,
			`{"fields":{"healthchecks":{"active":{"nope":"unknown field"}}}}`},
		{"client certificate that does not exist", `{"name":"u","client_certificate":{"id":"` + missing + `"}}`,
			`{"code":4,"fields":{"client_certificate":{"id":"` + missing + `"}}}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newTestServer(t)
			status := 400
			runSteps(t, s, []step{{method: "POST", path: "/upstreams", body: tc.body, status: status, want: tc.want}})
		})
	}
	t.Run("valid odd names and addresses", func(t *testing.T) {
		s, _ := newTestServer(t)
		runSteps(t, s, []step{
			{method: "POST", path: "/upstreams", body: `{"name":"-lead.test."}`, status: 201},
			{method: "POST", path: "/upstreams", body: `{"name":"under_score","host_header":"[::1]:8080"}`, status: 201},
			{method: "POST", path: "/upstreams", body: `{"name":"h","hash_on":"header","hash_on_header":"X-A","hash_fallback":"header","hash_fallback_header":"X-B"}`, status: 201},
		})
	})
	t.Run("the name in the URL is checked", func(t *testing.T) {
		s, _ := newTestServer(t)
		runSteps(t, s, []step{{method: "GET", path: "/upstreams/10.0.0.1", status: 400,
			want: `{"code":10,"name":"invalid unique name","message":"Invalid name ('10.0.0.1'); no ip addresses allowed"}`}})
	})
}
