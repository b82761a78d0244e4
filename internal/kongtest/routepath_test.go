package kongtest

import (
	"encoding/json"
	"testing"

	"github.com/kongform/terraform-provider-kong/internal/routepath"
)

// TestRoutePathCases sends every route path of routepath.Cases to POST /schemas/routes/validate and
// expects Kong's verdict: 200, or 400 with Kong's message under fields.paths[1]. The provider's
// plan-time validation runs the same table (internal/provider/route_path_cases_test.go).
func TestRoutePathCases(t *testing.T) {
	s, _ := newTestServer(t)
	for _, tc := range routepath.Cases {
		body, _ := json.Marshal(map[string]any{"paths": []string{tc.Path}})
		w, got := request(t, s, "POST", "/schemas/routes/validate", string(body), "application/json")
		if tc.Kong == "" {
			if w.Code != 200 {
				t.Errorf("%q: status %d, want 200: %s", tc.Path, w.Code, w.Body.String())
			}
			continue
		}
		fields, _ := got["fields"].(map[string]any)
		paths, _ := fields["paths"].([]any)
		if w.Code != 400 || len(paths) != 1 || paths[0] != tc.Kong {
			t.Errorf("%q: status %d, body %s; want 400 with paths[1] = %q", tc.Path, w.Code, w.Body.String(), tc.Kong)
		}
	}
}
