package provider

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kongform/terraform-provider-kong/internal/kongtest"
)

func TestRouteHostProblem(t *testing.T) {
	cases := []struct {
		host string
		want string
	}{
		{"api.example.com", ""},
		{"api.example.com:8443", ""},
		{"*.example.com", ""},
		{"example.*", ""},
		{"10.0.1.5", ""},
		{"10.0.1.5:80", ""},
		{"[::1]:8000", ""},
		{"fe80::1", ""},
		{"internal-alb.eu-west-1.elb.amazonaws.com.", ""},
		{"*.example.*", "more than one wildcard"},
		{"api.*.com", "leftmost or rightmost label"},
		{"*example.com", "leftmost or rightmost label"},
		{"api.example.com:70000", "invalid port number"},
		{"bad-.example.com", "invalid host name"},
		{".example.com", "invalid host name"},
		{"exa mple.com", "invalid host name"},
		{"300.1.1.1", "invalid IPv4 address"},
		{"[::1", "invalid IPv6 address"},
		{"[::1]x", "invalid IPv6 address"},
	}
	for _, tc := range cases {
		t.Run(tc.host, func(t *testing.T) {
			got := routeHostProblem(tc.host)
			if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
				t.Fatalf("routeHostProblem(%q) = %q, want %q", tc.host, got, tc.want)
			}
		})
	}
}

// TestSNIProblem holds Kong's messages for route snis under its default router (typedefs.wildcard_host);
// the test double must answer the same, which the test asks it over HTTP.
func TestSNIProblem(t *testing.T) {
	double := kongtest.NewUnstartedServer(kongtest.Options{})
	doubleSays := func(sni string) string {
		body, _ := json.Marshal(map[string]any{"protocols": []string{"https"}, "snis": []string{sni}})
		w := httptest.NewRecorder()
		r := httptest.NewRequest("POST", "/schemas/routes/validate", strings.NewReader(string(body)))
		r.Header.Set("Content-Type", "application/json")
		double.ServeHTTP(w, r)
		var got struct {
			Fields struct {
				SNIs []string `json:"snis"`
			} `json:"fields"`
		}
		_ = json.Unmarshal(w.Body.Bytes(), &got)
		if len(got.Fields.SNIs) != 1 {
			return ""
		}
		return got.Fields.SNIs[0]
	}
	cases := []struct {
		sni  string
		want string
	}{
		{"api.example.com", ""},
		{"*.example.com", ""},
		{"*example.com", ""}, // Kong only requires the wildcard to be the first or last character
		{"*foo.example.com", ""},
		{"api.example.*", ""},
		{"api.*.com", "wildcard must be leftmost or rightmost character"},
		{"foo*.test", "wildcard must be leftmost or rightmost character"},
		{"*.example.*", "only one wildcard must be specified"},
		{"10.0.0.1", "must not be an IP"},
		{"fe80::1", "must not be an IP"},
		{"api.example.com:443", "must not have a port"},
		{"api.example.com:99999", "must not have a port"},
		{"bad_host!", "invalid value: bad_host!"},
		{"*.bad host", "invalid value: wildcard.bad host"},
	}
	for _, tc := range cases {
		t.Run(tc.sni, func(t *testing.T) {
			got := sniProblem(tc.sni)
			if tc.want == "" && got != "" || tc.want != "" && got != fmt.Sprintf("Kong rejects %q: %s", tc.sni, tc.want) {
				t.Fatalf("sniProblem(%q) = %q, want Kong's %q", tc.sni, got, tc.want)
			}
			if kong := doubleSays(tc.sni); kong != tc.want {
				t.Fatalf("the test double answers %q for %q, want %q", kong, tc.sni, tc.want)
			}
		})
	}
}

func TestParseKongAddress(t *testing.T) {
	cases := []struct {
		addr    string
		kind    addressKind
		hasPort bool
		bad     bool
	}{
		{"example.com", addressName, false, false},
		{"example.com:8080", addressName, true, false},
		{"1.2.3.4", addressIPv4, false, false},
		{"1.2.3.4:99999", addressIPv4, true, true},
		{"1.2.3", addressIPv4, false, true},
		{"::1", addressIPv6, false, false},
		{"[2001:db8::1]:443", addressIPv6, true, false},
		{"a..b", addressName, false, true},
	}
	for _, tc := range cases {
		kind, hasPort, problem := parseKongAddress(tc.addr)
		if kind != tc.kind || hasPort != tc.hasPort || (problem != "") != tc.bad {
			t.Errorf("parseKongAddress(%q) = %v, %v, %q; want %v, %v, bad=%v", tc.addr, kind, hasPort, problem, tc.kind, tc.hasPort, tc.bad)
		}
	}
}

func TestHeaderNameAndIPProblems(t *testing.T) {
	for name, want := range map[string]string{
		"x-api-version": "",
		"X_Client":      "",
		"Host":          `"Host" cannot be matched in headers; use the hosts attribute`,
		"HOST":          "use the hosts attribute",
		"x api":         "not a valid header name",
		"x:y":           "not a valid header name",
	} {
		if got := headerNameProblem(name); (want == "") != (got == "") || !strings.Contains(got, want) {
			t.Errorf("headerNameProblem(%q) = %q, want %q", name, got, want)
		}
	}
	for ip, valid := range map[string]bool{
		"10.0.0.1": true, "10.0.0.0/16": true, "2001:db8::/32": true, "::1": true,
		"10.0.0.256": false, "10.0.0.0/33": false, "example.com": false,
	} {
		if got := ipOrCIDRProblem(ip); (got == "") != valid {
			t.Errorf("ipOrCIDRProblem(%q) = %q, want valid=%v", ip, got, valid)
		}
	}
}
