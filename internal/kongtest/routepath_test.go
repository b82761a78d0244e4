package kongtest

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/kongform/terraform-provider-kong/internal/routepath"
)

// TestRoutePathCases sends every route path of routepath.Cases to POST /schemas/routes/validate under both
// router flavors and expects Kong's verdict: 200, 400 with Kong's message under fields.paths[1], or, with
// traditional_compatible only, 400 with the ATC router's message under fields["@entity"]. The provider's
// plan-time validation runs the same table (internal/provider/route_path_cases_test.go).
func TestRoutePathCases(t *testing.T) {
	for _, flavor := range []string{routepath.FlavorTraditionalCompatible, routepath.FlavorTraditional} {
		s := NewUnstartedServer(Options{RouterFlavor: flavor})
		for _, tc := range routepath.Cases {
			body, _ := json.Marshal(map[string]any{"paths": []string{tc.Path}})
			w, got := request(t, s, "POST", "/schemas/routes/validate", string(body), "application/json")
			var want map[string]any
			switch {
			case tc.Kong != "":
				want = map[string]any{"paths": []any{tc.Kong}}
			case tc.ATC != "" && routepath.UsesATC(flavor):
				want = map[string]any{"@entity": []any{tc.ATC}}
			}
			if want == nil {
				if w.Code != 200 {
					t.Errorf("%s %q: status %d, want 200: %s", flavor, tc.Path, w.Code, w.Body.String())
				}
				continue
			}
			if w.Code != 400 || !reflect.DeepEqual(got["fields"], want) {
				t.Errorf("%s %q: status %d, body %s; want 400 with fields %v", flavor, tc.Path, w.Code, w.Body.String(), want)
			}
		}
	}
}
