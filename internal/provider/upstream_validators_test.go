package provider

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestTargetProblem(t *testing.T) {
	cases := map[string]string{ // target → "" when valid, else a part of the problem
		"10.0.0.5:8080":    "",
		"app.internal:80":  "",
		"app.internal.:0":  "",
		"APP.Internal:443": "",
		"[2001:0db8:0000:0000:0000:0000:0000:0001]:443": "",
		"app.internal":        `has no port. Kong would store it as "app.internal:8000"`,
		"10.0.0.5":            `"10.0.0.5:8000"`,
		"010.0.0.5:80":        `as "10.0.0.5:80"`,
		"10.0.0.5:0080":       `as "10.0.0.5:80"`,
		"[::1]:80":            `as "[0000:0000:0000:0000:0000:0000:0000:0001]:80"`,
		"[2001:DB8::1]:443":   `as "[2001:0db8:0000:0000:0000:0000:0000:0001]:443"`,
		"::1":                 `has no port`,
		"[::ffff:1.2.3.4]:80": "hexadecimal groups only",
		"a.internal:65536":    "invalid port number",
		"300.1.1.1:80":        "not a valid target",
		"a b:80":              "not a valid target",
		"a-.internal:80":      "not a valid target",
		"":                    "not a valid target",
	}
	for target, want := range cases {
		got := targetProblem(target)
		if want == "" && got != "" || want != "" && !strings.Contains(got, want) {
			t.Errorf("targetProblem(%q) = %q, want %q", target, got, want)
		}
	}
}

func TestUpstreamNameProblem(t *testing.T) {
	for name, want := range map[string]string{
		"orders.internal": "", "-lead.internal.": "", "under_score": "",
		"10.0.0.1": "is an IP address", "::1": "is an IP address", "orders.internal:80": "has a port",
		"a..b": "not a valid host name", "a b": "not a valid host name", "123": "not a valid host name", "": "not a valid host name",
	} {
		got := upstreamNameProblem(name)
		if want == "" && got != "" || want != "" && !strings.Contains(got, want) {
			t.Errorf("upstreamNameProblem(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestCookieNameProblem(t *testing.T) {
	for name, bad := range map[string]bool{"session": false, "a.b-c_d!#": false, "a b": true, "a;b": true, "é": true, "a\x7f": true, "a=b": true} {
		if got := cookieNameProblem(name) != ""; got != bad {
			t.Errorf("cookieNameProblem(%q) bad = %v, want %v", name, got, bad)
		}
	}
}

// checkUpstream's verdicts, by the attribute it blames ("" when the upstream is fine).
func TestCheckUpstream(t *testing.T) {
	s := func(v string) types.String { return types.StringValue(v) }
	base := func() upstreamModel {
		return upstreamModel{Algorithm: types.StringNull(), HashOn: types.StringNull(), HashFallback: types.StringNull(),
			HashOnHeader: types.StringNull(), HashFallbackHeader: types.StringNull(), HashOnCookie: types.StringNull(),
			HashOnQueryArg: types.StringNull(), HashFallbackQueryArg: types.StringNull(),
			HashOnURICapture: types.StringNull(), HashFallbackURICapture: types.StringNull()}
	}
	cases := map[string]struct {
		edit  func(*upstreamModel)
		blame string
	}{
		"defaults":                {func(*upstreamModel) {}, ""},
		"least-connections":       {func(m *upstreamModel) { m.Algorithm = s("least-connections") }, ""},
		"hash on ip":              {func(m *upstreamModel) { m.Algorithm, m.HashOn = s("consistent-hashing"), s("ip") }, ""},
		"hash on ip, round-robin": {func(m *upstreamModel) { m.HashOn = s("ip") }, "algorithm"},
		"latency and hash_on":     {func(m *upstreamModel) { m.Algorithm, m.HashOn = s("latency"), s("ip") }, "hash_on"},
		"consistent without hash": {func(m *upstreamModel) { m.Algorithm = s("consistent-hashing") }, "hash_on"},
		"fallback with hash none": {func(m *upstreamModel) { m.HashFallback = s("ip") }, "hash_fallback"},
		"fallback with cookie": {func(m *upstreamModel) {
			m.Algorithm, m.HashOn, m.HashOnCookie, m.HashFallback = s("consistent-hashing"), s("cookie"), s("c"), s("ip")
		}, "hash_fallback"},
		"cookie fallback no name": {func(m *upstreamModel) {
			m.Algorithm, m.HashOn, m.HashFallback = s("consistent-hashing"), s("ip"), s("cookie")
		}, "hash_on_cookie"},
		"uri capture without name": {func(m *upstreamModel) { m.Algorithm, m.HashOn = s("consistent-hashing"), s("uri_capture") }, "hash_on_uri_capture"},
		"same query arg": {func(m *upstreamModel) {
			m.Algorithm, m.HashOn, m.HashFallback, m.HashOnQueryArg, m.HashFallbackQueryArg = s("consistent-hashing"), s("query_arg"), s("query_arg"), s("q"), s("q")
		}, "hash_fallback_query_arg"},
		"unknown algorithm": {func(m *upstreamModel) { m.Algorithm, m.HashOn = types.StringUnknown(), s("ip") }, ""},
	}
	for name, tc := range cases {
		m := base()
		tc.edit(&m)
		var diags diag.Diagnostics
		checkUpstream(m, &diags)
		blamed := ""
		for _, d := range diags.Errors() {
			if p, ok := d.(diag.DiagnosticWithPath); ok {
				blamed = p.Path().String()
			}
		}
		if blamed != tc.blame || tc.blame == "" && diags.HasError() {
			t.Errorf("%s: blamed %q (%v), want %q", name, blamed, diags, tc.blame)
		}
	}
}

// The healthchecks record survives Kong's JSON both ways, fractions, empty lists and headers included, and
// its default is Kong's default record.
func TestHealthchecksJSONRoundTrip(t *testing.T) {
	ctx := context.Background()
	kongAnswer := `{"active":{"concurrency":10,"http_path":"/","https_sni":"probe.internal","https_verify_certificate":true,
		"headers":{"X-A":["1","2"]},"healthy":{"successes":0,"interval":2.5,"http_statuses":[200,302]},
		"unhealthy":{"tcp_failures":0,"timeouts":3,"http_failures":0,"http_statuses":[],"interval":0},"type":"http","timeout":0.5},
		"passive":{"unhealthy":{"http_failures":0,"timeouts":0,"tcp_failures":0,"http_statuses":[429,500,503]},
		"healthy":{"successes":0,"http_statuses":[200]},"type":"https"},"threshold":33.3}`
	d := json.NewDecoder(strings.NewReader(kongAnswer))
	d.UseNumber()
	var in map[string]any
	if err := d.Decode(&in); err != nil {
		t.Fatal(err)
	}
	v, diags := hcFromJSON(healthchecksType, in)
	if diags.HasError() {
		t.Fatal(diags)
	}
	out, diags := hcToJSON(ctx, v)
	if diags.HasError() {
		t.Fatal(diags)
	}
	var want any
	_ = json.Unmarshal([]byte(kongAnswer), &want)
	if got, _ := json.Marshal(out); string(got) != mustJSON(t, want) {
		t.Errorf("round trip:\n got %s\nwant %s", got, mustJSON(t, want))
	}

	def := healthchecksPart.attr.(schema.SingleNestedAttribute).Default
	var resp defaults.ObjectResponse
	def.DefaultObject(ctx, defaults.ObjectRequest{}, &resp)
	got, _ := hcToJSON(ctx, resp.PlanValue)
	m := got.(map[string]any)
	if at(m, "active", "timeout") != float64(1) || at(m, "threshold") != float64(0) || at(m, "active", "https_sni") != nil ||
		len(at(m, "passive", "healthy", "http_statuses").([]any)) != 19 || at(m, "active", "unhealthy", "http_statuses").([]any)[1] != int64(404) {
		t.Errorf("default record: %v", got)
	}
	if null, _ := hcToJSON(ctx, types.ObjectNull(healthchecksType.AttrTypes)); null != nil {
		t.Errorf("a null record gives %v", null)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestFlattenTargetKeepsWholeSeconds(t *testing.T) {
	created := 1700000000.999
	m := flattenTarget(&targetEntity{ID: strPtrOf("x"), Target: strPtrOf("a:1"), CreatedAt: &created,
		Upstream: &foreignKey{ID: "u"}}, targetModel{UpstreamID: types.StringValue("prior")}, nil)
	if m.CreatedAt.ValueInt64() != 1700000000 || m.UpstreamID.ValueString() != "u" || !m.Weight.IsNull() || !m.Tags.IsNull() {
		t.Errorf("got %+v", m)
	}
	if e := expandTarget(context.Background(), m, []string{"managed"}, &diag.Diagnostics{}); len(e.Tags) != 1 || e.Weight != nil {
		t.Errorf("expand: %+v", e)
	}
}

func strPtrOf(s string) *string { return &s }
