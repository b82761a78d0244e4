package kongtest

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/kongform/terraform-provider-kong/internal/kongtest/schemafacts"
)

// TestCertificateSchemasMatchFacts compares GET /schemas/{entity} of certificates, ca_certificates and snis
// with Kong 3.9.1's schemas (../shared/reference, outside the repository; skipped without it).
func TestCertificateSchemasMatchFacts(t *testing.T) {
	dir := schemafacts.Dir(t, "entities")
	s, _ := newTestServer(t)
	for _, name := range []string{certificatesTable, caCertificatesTable, snisTable} {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			var facts map[string]any
			if err := json.Unmarshal(raw, &facts); err != nil {
				t.Fatal(err)
			}
			w, served := request(t, s, http.MethodGet, "/schemas/"+name, "", "")
			if w.Code != http.StatusOK {
				t.Fatalf("GET /schemas/%s: %d", name, w.Code)
			}
			for _, d := range schemafacts.Compare(name, facts, served) {
				t.Error(d)
			}
		})
	}
}
