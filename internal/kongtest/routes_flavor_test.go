package kongtest

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/kongform/terraform-provider-kong/internal/routepath"
)

// TestRouteRouterFlavors writes the same routes to a traditional_compatible node (Kong's default) and a
// traditional one and expects each flavor's answer: snis are wildcard hosts or plain server names, and only
// traditional_compatible runs the ATC router's check, on paths and header regexes alike.
func TestRouteRouterFlavors(t *testing.T) {
	atcHeader := "Router Expression failed validation:  --> 1:33\n  |\n" +
		`1 | (any(lower(http.headers.x_v)) ~ r#"^v(\d)\1$"#)` + "\n" +
		"  |                                 ^------------^\n  |\n" +
		"  = regex parse error:\n    ^v(\\d)\\1$\n          ^^\nerror: backreferences are not supported"
	cases := []struct {
		name, body          string
		compat, traditional any // the fields of Kong's 400, or nil for a 201
	}{
		{"leftmost wildcard sni", `{"protocols":["https"],"snis":["*.example.com"]}`,
			nil, map[string]any{"snis": []any{"invalid value: *.example.com"}}},
		{"rightmost wildcard sni", `{"protocols":["https"],"snis":["example.*"]}`,
			nil, map[string]any{"snis": []any{"invalid value: example.*"}}},
		{"inner wildcard sni", `{"protocols":["https"],"snis":["foo.*.com"]}`,
			map[string]any{"snis": []any{"wildcard must be leftmost or rightmost character"}},
			map[string]any{"snis": []any{"invalid value: foo.*.com"}}},
		{"two wildcards", `{"protocols":["https"],"snis":["*.a.*"]}`,
			map[string]any{"snis": []any{"only one wildcard must be specified"}},
			map[string]any{"snis": []any{"invalid value: *.a.*"}}},
		{"plain sni", `{"protocols":["https"],"snis":["a.test"]}`, nil, nil},
		{"header regex with a back-reference", `{"headers":{"X-V":["~*^V(\\d)\\1$"]}}`,
			map[string]any{"@entity": []any{atcHeader}}, nil},
		{"a field error skips the ATC check", `{"paths":["~/(?=a)"],"methods":["get"]}`,
			map[string]any{"methods": []any{"invalid value: get"}}, map[string]any{"methods": []any{"invalid value: get"}}},
	}
	for _, flavor := range []string{routepath.FlavorTraditionalCompatible, routepath.FlavorTraditional} {
		s := NewUnstartedServer(Options{RouterFlavor: flavor})
		_, root := request(t, s, "GET", "/", "", "")
		if conf, _ := root["configuration"].(map[string]any); conf["router_flavor"] != flavor {
			t.Errorf("GET / configuration.router_flavor = %v, want %s", conf["router_flavor"], flavor)
		}
		for _, tc := range cases {
			want := tc.compat
			if flavor == routepath.FlavorTraditional {
				want = tc.traditional
			}
			w, got := request(t, s, "POST", "/routes", tc.body, "application/json")
			switch {
			case want == nil && w.Code != 201:
				t.Errorf("%s: %s: status %d, want 201: %s", flavor, tc.name, w.Code, w.Body.String())
			case want != nil && (w.Code != 400 || !reflect.DeepEqual(got["fields"], want)):
				wj, _ := json.Marshal(want)
				t.Errorf("%s: %s: status %d, body %s; want 400 with fields %s", flavor, tc.name, w.Code, w.Body.String(), wj)
			}
		}
	}
}

// TestRouteSchemaFollowsTheFlavor checks GET /schemas/routes: the ATC router's entity check is listed only
// under traditional_compatible, as Kong lists it.
func TestRouteSchemaFollowsTheFlavor(t *testing.T) {
	for flavor, checks := range map[string]int{routepath.FlavorTraditionalCompatible: 3, routepath.FlavorTraditional: 2} {
		_, got := request(t, NewUnstartedServer(Options{RouterFlavor: flavor}), "GET", "/schemas/routes", "", "")
		if list, _ := got["entity_checks"].([]any); len(list) != checks {
			t.Errorf("%s: entity_checks = %v, want %d of them", flavor, got["entity_checks"], checks)
		}
	}
}
