package kongtest

import (
	"fmt"
	"net/url"
	"testing"
)

func TestFieldValidators(t *testing.T) {
	cases := []struct {
		name  string
		check func(string) string
		in    string
		want  string
	}{
		{"uuid ok", func(s string) string { return fmt.Sprint(isUUID(s)) }, svcID, "true"},
		{"uuid upper ok", func(s string) string { return fmt.Sprint(isUUID(s)) }, "ABCDEF00-0000-4000-8000-000000000000", "true"},
		{"uuid short", func(s string) string { return fmt.Sprint(isUUID(s)) }, "1234", "false"},
		{"uuid dashes", func(s string) string { return fmt.Sprint(isUUID(s)) }, "11111111111111111111111111111111111x", "false"},
		{"utf8 name ok", checkUTF8Name, "a.b-c_d~é", ""},
		{"utf8 name space", checkUTF8Name, "a b", "invalid value 'a b': the only accepted ascii characters are alphanumerics or ., -, _, and ~"},
		{"tag ok", checkTag, "env: prod", ""},
		{"tag slash", checkTag, "a/b", "invalid tag 'a/b': expected printable ascii (except `,` and `/`) or valid utf-8 sequences"},
		{"tag control", checkTag, "a\x01", "invalid tag 'a\x01': expected printable ascii (except `,` and `/`) or valid utf-8 sequences"},
		{"host ok", checkHost, "example.com", ""},
		{"host ip", checkHost, "10.0.0.1", ""},
		{"host ipv6", checkHost, "::1", ""},
		{"host port", checkHost, "example.com:80", "must not have a port"},
		{"host bad", checkHost, "exa mple", "invalid value: exa mple"},
		{"route host port ok", func(s string) string { return checkWildcardHost(s, false) }, "*.example.com:8443", ""},
		{"route host right wildcard", func(s string) string { return checkWildcardHost(s, false) }, "example.*", ""},
		{"sni port", func(s string) string { return checkWildcardHost(s, true) }, "a.test:443", "must not have a port"},
		{"sni ip", func(s string) string { return checkWildcardHost(s, true) }, "10.0.0.1", "must not be an IP"},
		{"path ok", checkPath, "/a/b%20c", ""},
		{"route regex ok", checkRoutePath, `~/users/\d+$`, ""},
		{"route regex bad", checkRoutePath, "~/a(", `invalid regex: '/a(' (PCRE returned: pcre2_compile() failed: missing closing parenthesis in "/a(")`},
		{"route regex no slash", checkRoutePath, "~a", "should start with: / (fixed path) or ~/ (regex path)"},
		{"route path dot segment", checkRoutePath, "/a/./b", "non-normalized path, consider use '/a/b' instead"},
		{"route path lower escape", checkRoutePath, "/a%2fb", "non-normalized path, consider use '/a%2Fb' instead"},
		{"route path reserved escape kept", checkRoutePath, "/a%2Fb", ""},
		{"method", checkMethod, "PURGE", ""},
		{"method lowercase", checkMethod, "Get", "invalid value: Get"},
		{"header name", checkHeaderName, "X-Api_Key1", ""},
		{"ip cidr", checkIPOrCIDR, "10.0.0.0/8", ""},
		{"ip cidr bad", checkIPOrCIDR, "10.0.0.0/33", "invalid ip or cidr range: '10.0.0.0/33'"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.check(tc.in); got != tc.want {
				t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseServiceURL(t *testing.T) {
	cases := []struct {
		url  string
		want string
	}{
		{"http://h", "http h 80 <nil>"},
		{"https://user:pw@h:8443/p/q?x=1#f", "https h 8443 /p/q"},
		{"https://h", "https h 443 <nil>"},
		{"tcp://h:9000", "tcp h 9000 <nil>"},
		{"http://[::1]:81/", "http ::1 81 /"},
		{"invalid url", "http <nil> 80 invalid url"},
	}
	for _, tc := range cases {
		protocol, host, port, path := parseServiceURL(tc.url)
		if got := fmt.Sprint(protocol, " ", host, " ", port, " ", path); got != tc.want {
			t.Errorf("parseServiceURL(%q) = %s, want %s", tc.url, got, tc.want)
		}
	}
}

func TestParseTagsFilter(t *testing.T) {
	cases := []struct {
		raw      string
		tags     string
		matchAll bool
		message  string
	}{
		{"a", "[a]", false, ""},
		{"a,b", "[a b]", true, ""},
		{"a/b", "[a b]", false, ""},
		{"a,b/c", "[]", false, "invalid filter syntax"},
		{"a,,b", "[]", false, "invalid filter syntax"},
		{"", "[]", false, "cannot be null"},
		{"a/b/c/d/e/f", "[]", false, "cannot query more than 5 tags"},
	}
	for _, tc := range cases {
		tags, matchAll, message := parseTagsFilter(tc.raw)
		if fmt.Sprint(tags) != tc.tags || matchAll != tc.matchAll || message != tc.message {
			t.Errorf("parseTagsFilter(%q) = %v %v %q, want %s %v %q", tc.raw, tags, matchAll, message, tc.tags, tc.matchAll, tc.message)
		}
	}
}

func TestOffsetTokenRoundTrip(t *testing.T) {
	token := encodeOffset(svcID)
	if token != "WyIxMTExMTExMS0xMTExLTQxMTEtODExMS0xMTExMTExMTExMTEiXQ" {
		t.Errorf("token %s is not the unpadded base64 of [\"<id>\"]", token)
	}
	if id, err := decodeOffset(token); err != nil || id != svcID {
		t.Errorf("decodeOffset = %q, %v", id, err)
	}
}

func TestLuaKey(t *testing.T) {
	got := luaKey(map[string]any{"service": map[string]any{"id": "x"}, "name": "key-auth", "consumer": nil, "route": nil})
	if want := `{consumer=null,name="key-auth",route=null,service={id="x"}}`; got != want {
		t.Errorf("luaKey = %s, want %s", got, want)
	}
}

func TestMergeRecord(t *testing.T) {
	stored := map[string]any{"config": map[string]any{"redis": map[string]any{"host": "a", "port": int64(1)}, "list": []any{"x"}},
		"service": map[string]any{"id": "s"}}
	patch := map[string]any{"config": map[string]any{"redis": map[string]any{"port": int64(2)}, "list": []any{"y"}}, "service": nil}
	shape := recordShape{"config": recordShape{"redis": recordShape{}}}
	got := mergeRecord(stored, patch, shape)
	if want := "map[config:map[list:[y] redis:map[host:a port:2]] service:<nil>]"; fmt.Sprint(got) != want {
		t.Errorf("mergeRecord = %v, want %s (records merged, arrays and foreign keys replaced)", got, want)
	}
	if fmt.Sprint(stored["config"]) != "map[list:[x] redis:map[host:a port:1]]" {
		t.Errorf("mergeRecord changed the stored row: %v", stored)
	}
}

func TestNestForm(t *testing.T) {
	form := url.Values{
		"config.a[10]": {"ten"}, "config.a[2]": {"two"}, "config.a[1]": {"one"},
		"tags[]": {"x", "y"}, "methods": {"GET", "POST"}, "name": {"n"}, "config.r.b": {"true"},
	}
	got := fmt.Sprint(nestForm(form))
	if want := "map[config:map[a:[one two ten] r:map[b:true]] methods:[GET POST] name:n tags:[x y]]"; got != want {
		t.Errorf("nestForm = %s, want %s", got, want)
	}
}
