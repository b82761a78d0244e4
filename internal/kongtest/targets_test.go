package kongtest

import (
	"testing"
	"time"
)

// Expected answers follow kong/api/routes/upstreams.lua and kong/db/dao/targets.lua in Kong 3.9.1.

const (
	tgtID  = "88888888-8888-4888-8888-888888888888"
	tgt2ID = "88888888-8888-4888-8888-888888888889"
)

func newUpstreamServer(t *testing.T) (*Server, *fixedClock) {
	t.Helper()
	s, clock := newTestServer(t)
	runSteps(t, s, []step{
		{method: "PUT", path: "/upstreams/" + upID, body: `{"name":"pool"}`, status: 200},
		{method: "POST", path: "/upstreams", body: `{"name":"other"}`, status: 201},
	})
	return s, clock
}

func TestTargetLifecycle(t *testing.T) {
	s, clock := newUpstreamServer(t)
	clock.t = time.UnixMilli(1700000000123)
	runSteps(t, s, []step{{
		name: "POST normalises the address with Kong's default port 8000", method: "POST", path: "/upstreams/pool/targets",
		body: `{"id":"` + tgtID + `","target":"a.test"}`, status: 201,
		want: `{"id":"` + tgtID + `","target":"a.test:8000","weight":100,"tags":null,"upstream":{"id":"` + upID + `"},
			"created_at":1700000000.123,"updated_at":1700000000.123}`,
	}, {
		name: "IPv4 loses leading zeros, IPv6 is expanded and bracketed", method: "POST", path: "/upstreams/" + upID + "/targets",
		body: `{"target":"010.000.0.1:0080","weight":0}`, status: 201, want: `{"target":"10.0.0.1:80","weight":0}`,
	}, {
		method: "POST", path: "/upstreams/pool/targets", body: `{"target":"::1"}`, status: 201,
		want: `{"target":"[0000:0000:0000:0000:0000:0000:0000:0001]:8000"}`,
	}, {
		name: "an address is unique within its upstream", method: "POST", path: "/upstreams/pool/targets",
		body: `{"target":"a.test:8000","weight":5}`, status: 409,
		want: `{"code":5,"message":"UNIQUE violation detected on '{target=\"a.test:8000\",upstream={id=\"` + upID + `\"}}'",
			"fields":{"target":"a.test:8000","upstream":{"id":"` + upID + `"}}}`,
	}, {
		name: "but not across upstreams", method: "POST", path: "/upstreams/other/targets", body: `{"target":"a.test:8000"}`, status: 201,
	}, {
		name: "GET by address needs the port", method: "GET", path: "/upstreams/pool/targets/a.test", status: 404,
		want: `{"message":"Not found"}`,
	}, {
		method: "GET", path: "/upstreams/pool/targets/a.test:8000", status: 200, want: `{"id":"` + tgtID + `"}`,
	}, {
		name: "an id under another upstream is not found", method: "GET", path: "/upstreams/other/targets/" + tgtID, status: 404,
	}, {
		name: "PUT of a target that does not exist is 404, not an upsert", method: "PUT", path: "/upstreams/pool/targets/" + tgt2ID,
		body: `{"target":"b.test:80"}`, status: 404, want: `{"message":"Not found"}`,
	}, {
		name: "PUT updates like PATCH: what it leaves out is kept", method: "PUT", path: "/upstreams/pool/targets/" + tgtID,
		body: `{"weight":7,"tags":["x"]}`, status: 200, want: `{"target":"a.test:8000","weight":7,"tags":["x"],"created_at":1700000000.123}`,
	}, {
		name: "PATCH stores the address as sent and answers it so", method: "PATCH", path: "/upstreams/pool/targets/a.test:8000",
		body: `{"target":"c.test"}`, status: 200, want: `{"target":"c.test","weight":7}`,
	}, {
		name: "a read shows it normalised", method: "GET", path: "/upstreams/pool/targets/" + tgtID, status: 200,
		want: `{"target":"c.test:8000"}`,
	}, {
		name: "PATCH onto a taken address", method: "PATCH", path: "/upstreams/pool/targets/" + tgtID,
		body: `{"target":"10.0.0.1:80"}`, status: 409,
	}, {
		name: "PATCH validates the address", method: "PATCH", path: "/upstreams/pool/targets/" + tgtID,
		body: `{"target":"bad host"}`, status: 400,
		want: `{"fields":{"target":"Invalid target ('bad host'); not a valid hostname or ip address"}}`,
	}, {
		name: "DELETE of a missing target is 404", method: "DELETE", path: "/upstreams/pool/targets/" + tgt2ID, status: 404,
	}, {
		method: "DELETE", path: "/upstreams/pool/targets/c.test:8000", status: 204,
	}, {
		method: "GET", path: "/upstreams/pool/targets/" + tgtID, status: 404,
	}, {
		name: "a missing upstream is a plain 404", method: "GET", path: "/upstreams/nope/targets", status: 404,
		want: `{"message":"Not found"}`,
	}, {
		name: "the upstream name in the URL is checked", method: "POST", path: "/upstreams/10.0.0.1/targets",
		body: `{"target":"a.test"}`, status: 400, want: `{"code":10}`,
	}, {
		name: "/targets is disabled", method: "GET", path: "/targets", status: 404, want: `{"message":"Not found"}`,
	}, {
		method: "GET", path: "/targets/" + tgtID, status: 404,
	}, {
		method: "POST", path: "/targets", body: `{"target":"a.test"}`, status: 404,
	}, {
		method: "PUT", path: "/targets", status: 405,
	}})
}

func TestTargetValidation(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"target is required", `{"weight":5}`, `{"fields":{"target":"required field missing"}}`},
		{"an invalid address fails before anything else", `{"target":"some invalid host name","weight":70000}`,
			`{"message":"schema violation (target: Invalid target; not a valid hostname or ip address)","fields":{"target":"Invalid target; not a valid hostname or ip address"}}`},
		{"port above 65535", `{"target":"a.test:65536"}`, `{"fields":{"target":"Invalid target; not a valid hostname or ip address"}}`},
		{"bad IPv4", `{"target":"300.0.0.1"}`, `{"fields":{"target":"Invalid target; not a valid hostname or ip address"}}`},
		{"bad IPv6", `{"target":"[::g]:80"}`, `{"fields":{"target":"Invalid target; not a valid hostname or ip address"}}`},
		{"weight above 65535", `{"target":"a.test","weight":65536}`, `{"fields":{"weight":"value should be between 0 and 65535"}}`},
		{"weight below 0", `{"target":"a.test","weight":-1}`, `{"fields":{"weight":"value should be between 0 and 65535"}}`},
		{"weight not a whole number", `{"target":"a.test","weight":1.5}`, `{"fields":{"weight":"expected an integer"}}`},
		{"null tag", `{"target":"a.test","tags":[null]}`, `{"fields":{"tags":["required field missing"]}}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newUpstreamServer(t)
			runSteps(t, s, []step{{method: "POST", path: "/upstreams/pool/targets", body: tc.body, status: 400, want: tc.want}})
		})
	}
}

func TestTargetListAndCascade(t *testing.T) {
	s, clock := newUpstreamServer(t)
	for i, target := range []string{"a.test:1", "b.test:2", "c.test:3"} {
		clock.t = time.Unix(1700000000+int64(i), 0)
		runSteps(t, s, []step{{method: "POST", path: "/upstreams/pool/targets", body: `{"target":"` + target + `"}`, status: 201}})
	}
	w, got := request(t, s, "GET", "/upstreams/pool/targets?size=2", "", "")
	if w.Code != 200 {
		t.Fatalf("list: %d %s", w.Code, w.Body.String())
	}
	data := got["data"].([]any)
	if len(data) != 2 || data[0].(map[string]any)["target"] != "c.test:3" || data[1].(map[string]any)["target"] != "b.test:2" {
		t.Errorf("first page is not newest first: %v", data)
	}
	if got["offset"] != "2" || got["next"] != "/upstreams/pool/targets?offset=2" {
		t.Errorf("offset %v, next %v", got["offset"], got["next"])
	}
	_, got = request(t, s, "GET", "/upstreams/pool/targets?size=2&offset=2", "", "")
	if data := got["data"].([]any); len(data) != 1 || data[0].(map[string]any)["target"] != "a.test:1" || got["next"] != nil {
		t.Errorf("second page: %v", got)
	}
	if _, has := got["offset"]; has {
		t.Errorf("last page has an offset: %v", got)
	}
	runSteps(t, s, []step{
		{method: "GET", path: "/upstreams/pool/targets?size=x", status: 400, want: `{"code":9,"message":"size must be a number"}`},
		{method: "GET", path: "/upstreams/pool/targets?offset=x", status: 500},
		{method: "GET", path: "/upstreams/other/targets", status: 200, want: `{"data":[],"next":null}`},
	})
	_, got = request(t, s, "GET", "/upstreams/pool/targets/all", "", "")
	if len(got["data"].([]any)) != 3 {
		t.Errorf("targets/all: %v", got)
	}
	runSteps(t, s, []step{
		{name: "deleting the upstream deletes its targets", method: "DELETE", path: "/upstreams/pool", status: 204},
		{method: "PUT", path: "/upstreams/" + upID, body: `{"name":"pool"}`, status: 200},
		{method: "GET", path: "/upstreams/pool/targets", status: 200, want: `{"data":[]}`},
	})
	if n := len(s.tables[targetsTable].rows); n != 0 {
		t.Errorf("%d targets left after the cascade", n)
	}
}

func TestParseAddress(t *testing.T) {
	cases := []struct{ in, formatted, err string }{
		{"a.test", "a.test:8000", ""},
		{"A.Test:80", "A.Test:80", ""},
		{"a.test.", "a.test.:8000", ""},
		{"1.2.3.4:0", "1.2.3.4:0", ""},
		{"[::]", "[0000:0000:0000:0000:0000:0000:0000:0000]:8000", ""},
		{"fe80::1:2", "[fe80:0000:0000:0000:0000:0000:0001:0002]:8000", ""},
		{"[FE80::1]:443", "[fe80:0000:0000:0000:0000:0000:0000:0001]:443", ""},
		{"1.2.3", "", "invalid ipv4 address: 1.2.3"},
		{"1.2.3.4:99999", "", "invalid port number"},
		{"[::1]x", "", "invalid ipv6 address"},
		{"[::1]:", "", "invalid ipv6 address"},
		{"1:2:3:4:5:6:7:8:9", "", "invalid ipv6 address: 1:2:3:4:5:6:7:8:9"},
		{"a.test:x", "", "invalid hostname: a.test:x"},
		{"a_b-.c", "", "invalid hostname: a_b-.c"},
		{".a", "", "invalid hostname: .a"},
		{"é.test", "", "invalid hostname: é.test"},
	}
	for _, tc := range cases {
		a, msg := parseAddress(tc.in)
		if msg != tc.err {
			t.Errorf("%q: error %q, want %q", tc.in, msg, tc.err)
			continue
		}
		if msg == "" && a.format(targetDefaultPort) != tc.formatted {
			t.Errorf("%q: formatted %q, want %q", tc.in, a.format(targetDefaultPort), tc.formatted)
		}
	}
}
