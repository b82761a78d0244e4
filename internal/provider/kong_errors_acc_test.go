package provider

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongtest"
)

// TestAccKongErrors_referencedService: deleting a service that a route outside Terraform still uses. Kong
// refuses with 400 code 4 and names only the kind of the referencing entities; the error says so and how
// to find them.
func TestAccKongErrors_referencedService(t *testing.T) {
	name := randomName("referenced")
	var routeID string
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: fmt.Sprintf(`
resource "kong_service" "s" {
  name = %q
  host = "example.com"
}
`, name)},
			{
				PreConfig: func() {
					kc := testKong(t)
					svc, err := kc.Services.Get(context.Background(), kong.String(name))
					if err != nil {
						t.Fatal(err)
					}
					route, err := kc.Routes.Create(context.Background(), &kong.Route{Service: &kong.Service{ID: svc.ID}, Paths: kong.StringSlice("/" + name)})
					if err != nil {
						t.Fatal(err)
					}
					routeID = *route.ID
				},
				Config: `provider "kong" {}`,
				ExpectError: regexp.MustCompile(`(?s)Cannot delete Kong service.*HTTP 400 \(foreign key violation\).*` +
					`an\s+existing\s+'routes'\s+entity\s+references\s+this\s+'services'\s+entity.*GET\s+/services/[0-9a-f-]{36}/routes\s+lists\s+them`),
			},
			{
				PreConfig: func() {
					if err := testKong(t).Routes.Delete(context.Background(), kong.String(routeID)); err != nil {
						t.Fatal(err)
					}
				},
				Config: `provider "kong" {}`,
			},
		},
	})
}

// TestAccKongErrors_missingForeignKey: a route whose service does not exist. Kong's reason is shown, on
// the service_id attribute (Terraform quotes the line that sets it).
func TestAccKongErrors_missingForeignKey(t *testing.T) {
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "kong_route" "r" {
  name       = %q
  service_id = "00000000-0000-4000-8000-00000000dead"
  paths      = ["/missing-fk"]
}
`, randomName("missing-fk")),
			ExpectError: regexp.MustCompile(`(?s)Cannot (?:create|write) Kong route.*service_id\s+=\s+"00000000-0000-4000-8000-00000000dead".*` +
				`the\s+foreign\s+key\s+'\{id="00000000-0000-4000-8000-00000000dead"\}'\s+does\s+not\s+reference\s+an\s+existing\s+'services'\s+entity\.\n`),
		}},
	})
}

// notContaining matches any text without the rune r: a stand-in for a negative match, which Go's regular
// expressions lack. Secrets in these tests contain a rune nothing else in Terraform's output has.
func notContaining(r rune, required string) *regexp.Regexp {
	class := "[^" + regexp.QuoteMeta(string(r)) + "]*"
	return regexp.MustCompile(`(?s)\A` + class + required + class + `\z`)
}

// TestAccKongErrors_duplicateKeyIsRedacted: Kong's 409 on a duplicate key-auth key quotes the key; the
// error shows Kong's reason with the key redacted, and the key nowhere.
func TestAccKongErrors_duplicateKeyIsRedacted(t *testing.T) {
	key := "§dup-" + randomName("key") + "§"
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() {
				kc := testKong(t)
				owner, err := kc.Consumers.Create(context.Background(), &kong.Consumer{Username: kong.String(randomName("key-owner"))})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := kc.KeyAuths.Create(context.Background(), owner.ID, &kong.KeyAuth{Key: kong.String(key)}); err != nil {
					t.Fatal(err)
				}
			},
			Config: fmt.Sprintf(`
variable "key" {
  type      = string
  sensitive = true
  default   = %q
}

resource "kong_consumer" "c" {
  username = %q
}

resource "kong_consumer_key_auth" "k" {
  consumer_id    = kong_consumer.c.id
  key_wo         = var.key
  key_wo_version = 1
}
`, key, randomName("key-taker")),
			ExpectError: notContaining('§', `HTTP\s+409\s+\(unique\s+constraint\s+violation\).*`+
				`UNIQUE\s+violation\s+detected\s+on\s+'\{key=\(redacted\)\}'`),
		}},
	})
}

// TestAccKongErrors_importOutsideTheCollection: an import id that is a path fails instead of importing
// Kong's status page as an empty service.
func TestAccKongErrors_importOutsideTheCollection(t *testing.T) {
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
resource "kong_service" "s" {
  host = "example.com"
}
`,
			ResourceName:  "kong_service.s",
			ImportState:   true,
			ImportStateId: "../../status",
			ExpectError:   regexp.MustCompile(`(?s)Invalid import id.*"\.\./\.\./status" is neither an id \(a UUID\) nor a\s+name`),
		}},
	})
}

// TestAccKongErrors_answerThatIsNotTheEntity: a 200 answering a read with {"message": ...} (a proxy's or a
// status page's answer) is an error, not an empty resource.
func TestAccKongErrors_answerThatIsNotTheEntity(t *testing.T) {
	kongSrv := kongtest.NewUnstartedServer(kongtest.Options{})
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && r.URL.Path == "/services/api1" {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"message":"OK"}`))
			return
		}
		kongSrv.ServeHTTP(w, r)
	}))
	defer front.Close()
	testCase(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "kong" {
  admin_url = %q
}

resource "kong_service" "s" {
  name = "api1"
  host = "example.com"
}
`, front.URL),
			ResourceName:  "kong_service.s",
			ImportState:   true,
			ImportStateId: "api1",
			ExpectError: regexp.MustCompile(`(?s)answer\s+to\s+GET\s+/services/api1\s+is\s+not\s+what\s+was\s+asked\s+for:\s+` +
				`an\s+entity\s+without\s+an\s+id\s+\(it\s+says\s+"OK"\)`),
		}},
	})
}

// TestAccKongErrors_redirectKeepsTheToken: an Admin API that redirects to another origin (another port)
// gets an error naming the target, and the admin token and headers never arrive there.
func TestAccKongErrors_redirectKeepsTheToken(t *testing.T) {
	var leaked atomic.Int32
	kongSrv := kongtest.NewUnstartedServer(kongtest.Options{})
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Kong-Admin-Token") != "" || r.Header.Get("X-Team") != "" {
			leaked.Add(1)
		}
		kongSrv.ServeHTTP(w, r)
	}))
	defer elsewhere.Close()
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer redirector.Close()
	testCase(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: gatewayConfig(redirector.URL, `admin_token = "s3cr3t-token"
  headers = { "X-Team" = "infra" }`),
			ExpectError: regexp.MustCompile(`(?s)Cannot use the Kong Admin API.*redirect\s+to\s+` +
				regexp.QuoteMeta(elsewhere.URL) + `/,\s+which\s+the\s+provider\s+does\s+not\s+follow`),
		}},
	})
	if n := leaked.Load(); n != 0 {
		t.Fatalf("%d requests reached the redirect target with the admin token or headers", n)
	}
}

// TestAccKongErrors_adminURLPasswordIsNotShown: a password in admin_url (here from KONG_ADMIN_URL, so
// Terraform does not quote the configuration line) appears in no error.
func TestAccKongErrors_adminURLPasswordIsNotShown(t *testing.T) {
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close() // the port refuses connections from now on
	t.Setenv("KONG_ADMIN_URL", strings.Replace(down.URL, "http://", "http://admin:pa!ss@", 1))
	testCase(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      `data "kong_gateway" "this" {}`,
			ExpectError: notContaining('!', `Cannot\s+use\s+the\s+Kong\s+Admin\s+API.*admin:xxxxx@127\.0\.0\.1`),
		}},
	})
}

// warningRecorder wraps the provider to keep the warnings of every plan, which resource.Test cannot assert.
type warningRecorder struct {
	tfprotov6.ProviderServer
	mu       sync.Mutex
	warnings []string
}

func (w *warningRecorder) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := w.ProviderServer.PlanResourceChange(ctx, req)
	if resp != nil {
		w.mu.Lock()
		for _, d := range resp.Diagnostics {
			if d.Severity == tfprotov6.DiagnosticSeverityWarning {
				w.warnings = append(w.warnings, d.Summary+": "+d.Detail)
			}
		}
		w.mu.Unlock()
	}
	return resp, err
}

// TestAccPlugin_readOnlyTokenPlansWithAWarning: a plan made with a token that may only read (Enterprise
// RBAC refuses POST /schemas/plugins/validate with 403, as for an Atlantis plan) succeeds, with a
// warning that Kong-side validation was skipped.
func TestAccPlugin_readOnlyTokenPlansWithAWarning(t *testing.T) {
	srv := kongtest.NewServer(kongtest.Options{Enterprise: true, AdminToken: "admin", ReadOnlyToken: "reader"})
	defer srv.Close()
	rec := &warningRecorder{}
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"kong": func() (tfprotov6.ProviderServer, error) {
			server, err := providerserver.NewProtocol6WithError(New("test")())()
			rec.ProviderServer = server
			return rec, err
		},
	}
	testCase(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "kong" {
  admin_url   = %q
  admin_token = "reader"
}

resource "kong_plugin" "rate" {
  name   = "rate-limiting"
  config = { minute = 10 }
}
`, srv.URL),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		}},
	})
	rec.mu.Lock()
	defer rec.mu.Unlock()
	for _, w := range rec.warnings {
		if strings.Contains(w, "Kong-side validation of the rate-limiting plugin configuration was skipped") &&
			strings.Contains(w, "you do not have permissions to create this resource") {
			return
		}
	}
	t.Fatalf("no warning that validation was skipped; warnings: %q", rec.warnings)
}
