package kongtest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/kongform/terraform-provider-kong/internal/kongtest/schemafacts"
)

// TestSecretCredentialSchemasMatchFacts compares GET /schemas/{entity} of the basic-auth, hmac-auth and
// oauth2 credentials with Kong 3.9.1's schema definitions (see schemafacts), field by field.
func TestSecretCredentialSchemasMatchFacts(t *testing.T) {
	dir := schemafacts.Dir(t, "entities")
	s, _ := newTestServer(t)
	for _, name := range []string{basicAuthTable, hmacAuthTable, oauth2Table} {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			var facts map[string]any
			if err := json.Unmarshal(raw, &facts); err != nil {
				t.Fatal(err)
			}
			w, served := request(t, s, "GET", "/schemas/"+name, "", "")
			if w.Code != 200 {
				t.Fatalf("GET /schemas/%s: %d", name, w.Code)
			}
			for _, d := range schemafacts.Compare(name, facts, served) {
				t.Error(d)
			}
		})
	}
}
