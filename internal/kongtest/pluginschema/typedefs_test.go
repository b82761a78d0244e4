package pluginschema

import "testing"

func TestTypedefValidators(t *testing.T) {
	cases := []struct {
		name     string
		validate func(any) string
		value    string
		want     string
	}{
		{"host name", validateHost, "lambda.eu-west-1.amazonaws.com", ""},
		{"host trailing dot", validateHost, "example.com.", ""},
		{"host IPv4", validateHost, "10.1.2.3", ""},
		{"host IPv6", validateHost, "::1", ""},
		{"host with port", validateHost, "example.com:443", "must not have a port"},
		{"host IPv4 with port", validateHost, "10.1.2.3:80", "must not have a port"},
		{"host bracketed IPv6 with port", validateHost, "[::1]:80", "must not have a port"},
		{"host port too large", validateHost, "example.com:70000", "must not have a port"},
		{"host bad characters", validateHost, "exa mple", "invalid value: exa mple"},
		{"host label ending in dash", validateHost, "a-.example", "invalid value: a-.example"},
		{"host empty label", validateHost, "a..b", "invalid value: a..b"},
		{"host bad IPv4", validateHost, "300.1.1.1", "invalid value: 300.1.1.1"},
		{"host bad IPv6", validateHost, "1:2:3:zz::", "invalid value: 1:2:3:zz::"},
		{"sni name", validateSNI, "redis.internal", ""},
		{"sni IP", validateSNI, "10.0.0.1", "must not be an IP"},
		{"sni port", validateSNI, "redis.internal:6379", "must not have a port"},
		{"url", validateURL, "https://user:pw@sts.amazonaws.com:443/path?q=1", ""},
		{"url without host", validateURL, "http:///path", "missing host in url"},
		{"url without scheme", validateURL, "//example.com", "missing scheme in url"},
		{"url plain word", validateURL, "example", "missing host in url"},
		{"header name", validateHeaderName, "X-Api_Key9", ""},
		{"header name with space", validateHeaderName, "X Key",
			"bad header name 'X Key', allowed characters are A-Z, a-z, 0-9, '_', and '-'"},
		{"path", validatePath, "/v1/orders/%20x;a=b", ""},
		{"path bad character", validatePath, "/v1/<x>",
			"invalid path: '/v1/<x>' (characters outside of the reserved list of RFC 3986 found)"},
		{"path bad percent-encoding", validatePath, "/a%zzb", "invalid url-encoded value: '%zz'"},
		{"ip", validateIPOrCIDR, "192.168.0.1", ""},
		{"cidr", validateIPOrCIDR, "fd00::/8", ""},
		{"bad cidr", validateIPOrCIDR, "10.0.0.0/40", "invalid ip or cidr range: '10.0.0.0/40'"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.validate(tc.value); got != tc.want {
				t.Errorf("%q: got %q, want %q", tc.value, got, tc.want)
			}
		})
	}
}

func TestURLUserInfo(t *testing.T) {
	cases := map[string]bool{
		"http://u:p@logs.internal/x": true,
		"http://logs.internal/a@b":   false,
		"logs.internal":              false,
	}
	for raw, want := range cases {
		if got := urlUserInfo(raw); got != want {
			t.Errorf("urlUserInfo(%q) = %v, want %v", raw, got, want)
		}
	}
}
