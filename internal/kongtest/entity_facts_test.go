package kongtest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/kongform/terraform-provider-kong/internal/kongtest/schemafacts"
)

// TestEntitySchemasMatchFacts compares GET /schemas/{entity} for every entity the double serves with Kong
// 3.9.1's schema definitions in ../shared/reference/kong-3.9.1-schemas
// (outside the repository) and reports each difference by entity and field. The facts were taken from a
// node with the default router flavor, traditional_compatible, which is also the double's default.
func TestEntitySchemasMatchFacts(t *testing.T) {
	dir := schemafacts.Dir(t, "entities")
	for _, name := range []string{"services", "routes", "consumers", "plugins", "keyauth_credentials", "acls", "jwt_secrets",
		"upstreams", "targets", "certificates", "ca_certificates", "snis"} {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			var facts map[string]any
			if err := json.Unmarshal(raw, &facts); err != nil {
				t.Fatal(err)
			}
			s, _ := newTestServer(t)
			w, served := request(t, s, "GET", "/schemas/"+name, "", "")
			if w.Code != 200 {
				t.Fatalf("GET /schemas/%s: status %d: %s", name, w.Code, w.Body.String())
			}
			for _, d := range schemafacts.Compare(name, facts, served) {
				t.Error(d)
			}
		})
	}
}
