package provider

import (
	"strings"
	"testing"

	"github.com/kongform/terraform-provider-kong/internal/routepath"
)

// TestRoutePathCases runs the route paths of routepath.Cases through the provider's plan-time rule: a path
// Kong accepts passes, and for one it rejects the diagnostic carries Kong's exact message. The test double
// answers the same table over HTTP (internal/kongtest/routepath_test.go).
func TestRoutePathCases(t *testing.T) {
	for _, tc := range routepath.Cases {
		got := routePathProblem(tc.Path)
		switch {
		case tc.Kong == "" && got != "":
			t.Errorf("routePathProblem(%q) = %q, want valid", tc.Path, got)
		case tc.Kong != "" && !strings.HasSuffix(got, ": "+tc.Kong):
			t.Errorf("routePathProblem(%q) = %q, want Kong's %q", tc.Path, got, tc.Kong)
		}
	}
}
