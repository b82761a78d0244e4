package kongtest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/kongform/terraform-provider-kong/internal/kongtest/schemafacts"
)

// TestEntitySchemasMatchFacts compares GET /schemas/{entity} with Kong 3.9.1's definition of the entity
// (../shared/reference/kong-3.9.1-schemas/entities, outside the repository) field by field, entity checks
// included. Each row is an entity whose served schema is complete; add an entity here once it is.
func TestEntitySchemasMatchFacts(t *testing.T) {
	dir := schemafacts.Dir(t, "entities")
	for _, entity := range []string{"upstreams", "targets"} {
		t.Run(entity, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, entity+".json"))
			if err != nil {
				t.Fatal(err)
			}
			var facts map[string]any
			if err := json.Unmarshal(raw, &facts); err != nil {
				t.Fatal(err)
			}
			s, _ := newTestServer(t)
			w, served := request(t, s, "GET", "/schemas/"+entity, "", "")
			if w.Code != 200 {
				t.Fatalf("GET /schemas/%s: %d %s", entity, w.Code, w.Body.String())
			}
			for _, d := range schemafacts.Compare(entity, facts, served) {
				t.Error(d)
			}
		})
	}
}
