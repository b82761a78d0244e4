package kongtest

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// TestRouteKongRules holds the route rules where the test double used to differ from Kong 3.9.
func TestRouteKongRules(t *testing.T) {
	s, _ := newTestServer(t)
	runSteps(t, s, []step{
		{name: "sources need ip or port", method: "POST", path: "/schemas/routes/validate",
			body: `{"protocols":["tcp"],"sources":[{}]}`, status: 400,
			want: `{"fields":{"sources":[{"@entity":["at least one of these fields must be non-empty: 'ip', 'port'"]}]}}`},
		{name: "destinations with a port", method: "POST", path: "/schemas/routes/validate",
			body: `{"protocols":["tcp"],"destinations":[{"port":80}]}`, status: 200},
		{name: "sni wildcard glued to a label", method: "POST", path: "/schemas/routes/validate",
			body: `{"protocols":["https"],"snis":["*foo.example.com"]}`, status: 200},
		{name: "sni wildcard in the middle", method: "POST", path: "/schemas/routes/validate",
			body: `{"protocols":["https"],"snis":["foo.*.com"]}`, status: 400,
			want: `{"fields":{"snis":["wildcard must be leftmost or rightmost character"]}}`},
		{name: "sni with two wildcards", method: "POST", path: "/schemas/routes/validate",
			body: `{"protocols":["https"],"snis":["*.foo.*"]}`, status: 400,
			want: `{"fields":{"snis":["only one wildcard must be specified"]}}`},
	})
	r := httptest.NewRequest("POST", "/routes", nil)
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	if w.Code != 400 || !strings.Contains(w.Body.String(), `"Cannot parse JSON body"`) {
		t.Errorf("empty JSON body: %d %s, want 400 Cannot parse JSON body", w.Code, w.Body.String())
	}
}
