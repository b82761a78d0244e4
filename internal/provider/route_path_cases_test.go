package provider

import (
	"strings"
	"testing"

	"github.com/kongform/terraform-provider-kong/internal/routepath"
)

// TestRoutePathCases runs the route paths of routepath.Cases through the provider's plan-time rules: the
// attribute rule every flavor shares (a path Kong accepts passes, one it refuses carries Kong's exact
// message), then the rule of each router flavor ModifyPlan applies. Under traditional_compatible (and
// expressions) a path the ATC router refuses fails with the Rust regex error that ends Kong's message;
// traditional and an unknown flavor add nothing. The test double answers the same table over HTTP
// (internal/kongtest/routepath_test.go).
func TestRoutePathCases(t *testing.T) {
	for _, tc := range routepath.Cases {
		got := routePathProblem(tc.Path)
		switch {
		case tc.Kong == "" && got != "":
			t.Errorf("routePathProblem(%q) = %q, want valid", tc.Path, got)
		case tc.Kong != "" && !strings.HasSuffix(got, ": "+tc.Kong):
			t.Errorf("routePathProblem(%q) = %q, want Kong's %q", tc.Path, got, tc.Kong)
		}
		for _, flavor := range []string{routepath.FlavorTraditionalCompatible, routepath.FlavorExpressions} {
			got := routePathFlavorProblem(flavor, tc.Path)
			_, detail, _ := strings.Cut(got, "\n")
			switch {
			case tc.ATC == "" && got != "":
				t.Errorf("%s: routePathFlavorProblem(%q) = %q, want valid", flavor, tc.Path, got)
			case tc.ATC != "" && (detail == "" || !strings.HasSuffix(tc.ATC, "  = "+detail)):
				t.Errorf("%s: routePathFlavorProblem(%q) = %q, want the end of Kong's\n%s", flavor, tc.Path, got, tc.ATC)
			}
		}
		for _, flavor := range []string{routepath.FlavorTraditional, ""} {
			if got := routePathFlavorProblem(flavor, tc.Path); got != "" {
				t.Errorf("flavor %q: routePathFlavorProblem(%q) = %q, want nothing", flavor, tc.Path, got)
			}
		}
	}
}

func TestRouteFlavorRules(t *testing.T) {
	compat, trad := routepath.FlavorTraditionalCompatible, routepath.FlavorTraditional
	for _, tc := range []struct {
		flavor, value string
		check         func(flavor, v string) string
		refused       bool
	}{
		{compat, `~*^v(\d)\1$`, routeHeaderFlavorProblem, true},
		{compat, `~*^V\d+$`, routeHeaderFlavorProblem, false},
		{compat, `(?=literal)`, routeHeaderFlavorProblem, false}, // not a regex without ~*
		{trad, `~*^v(\d)\1$`, routeHeaderFlavorProblem, false},
		{trad, "*.example.com", routeSNIFlavorProblem, true},
		{trad, "example.*", routeSNIFlavorProblem, true},
		{trad, "a.example.com", routeSNIFlavorProblem, false},
		{compat, "*.example.com", routeSNIFlavorProblem, false},
		{"", "*.example.com", routeSNIFlavorProblem, false},
	} {
		if got := tc.check(tc.flavor, tc.value); (got != "") != tc.refused {
			t.Errorf("%s %q: %q, refused = %v", tc.flavor, tc.value, got, tc.refused)
		}
	}
}
