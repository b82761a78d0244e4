package pluginschema

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kongform/terraform-provider-kong/internal/kongtest/schemafacts"
)

// TestSchemasMatchFacts compares every bundled plugin's GET /schemas/plugins/{name} answer with Kong
// 3.9.1's schema definitions in ../shared/reference/kong-3.9.1-schemas (outside the repository; CI has
// it) and reports each difference by plugin and field. Every plugin the facts hold must be served.
func TestSchemasMatchFacts(t *testing.T) {
	dir := schemafacts.Dir(t, "plugins")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		t.Run(name, func(t *testing.T) {
			p, ok := Lookup(name, false)
			if !ok {
				t.Fatalf("%s: Kong bundles it, the test double does not serve it", name)
			}
			raw, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var facts map[string]any
			if err := json.Unmarshal(raw, &facts); err != nil {
				t.Fatal(err)
			}
			served := canonical(p.SchemaJSON()).(map[string]any)
			for _, d := range schemafacts.Compare(name, facts, served) {
				if !factGaps[d] {
					t.Error(d)
				}
			}
		})
	}
}

// factGaps are differences where the facts, not the test double, miss what Kong has.
var factGaps = map[string]bool{
	// STRATEGY_TYPES (kong/plugins/proxy-cache/strategies/init.lua) is required at run time, so the
	// facts dropped the one_of it feeds.
	`proxy-cache: config.strategy: one_of: served ["memory"], Kong has none`: true,
}
