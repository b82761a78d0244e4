package provider

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongtest"
)

// testServer is the in-repo Kong-compatible server the resource tests use when KONG_ADMIN_URL does not
// point at a real Kong. It is nil when the tests run against a real Kong.
var testServer *kongtest.Server

// TestMain starts the in-process server unless KONG_ADMIN_URL names a Kong: then every resource's create,
// read, update, delete and import runs under plain `go test` (make unit), and the same tests run against a
// real Kong when KONG_ADMIN_URL is set.
func TestMain(m *testing.M) {
	if os.Getenv("KONG_ADMIN_URL") == "" {
		testServer = kongtest.NewServer(kongtest.Options{})
		os.Setenv("KONG_ADMIN_URL", testServer.URL)
	}
	code := m.Run()
	if testServer != nil {
		testServer.Close()
	}
	os.Exit(code)
}

var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"kong": providerserver.NewProtocol6WithError(New("test")()),
}

func testAccPreCheck(t *testing.T) {
	t.Helper()
	if os.Getenv("KONG_ADMIN_URL") == "" {
		t.Fatal("KONG_ADMIN_URL must point at a Kong Admin API (the tests start the in-repo server when it is unset)")
	}
}

// testCase runs a Terraform-driven test. Against the in-process server it is a unit test (resource.UnitTest:
// no TF_ACC needed, so `make unit` runs it); against a Kong named by KONG_ADMIN_URL it is an acceptance
// test (resource.Test: only with TF_ACC, as terraform-plugin-testing expects of tests that touch real
// infrastructure).
func testCase(t *testing.T, tc resource.TestCase) {
	t.Helper()
	if testServer != nil {
		resource.UnitTest(t, tc)
		return
	}
	resource.Test(t, tc)
}

// parallelTestCase is testCase run in parallel with the other parallel tests.
func parallelTestCase(t *testing.T, tc resource.TestCase) {
	t.Helper()
	t.Parallel()
	testCase(t, tc)
}

// requireKong skips a test unless the Kong under test (GET /) is of the edition given ("oss" or
// "enterprise"; "" for either) and at least version minVersion ("3.10"; "" for any). The in-process server
// answers as Kong OSS 3.9, or as Enterprise when started so; the real-Kong CI matrix runs both.
func requireKong(t *testing.T, edition, minVersion string) {
	t.Helper()
	info, err := testKong(t).Root(context.Background())
	if err != nil {
		t.Fatalf("reading the version of the Kong under test: %v", err)
	}
	v, err := kong.ParseSemanticVersion(kong.VersionFromInfo(info))
	if err != nil {
		t.Fatalf("the version of the Kong under test: %v", err)
	}
	got := "oss"
	if v.IsKongGatewayEnterprise() {
		got = "enterprise"
	}
	if edition != "" && edition != got {
		t.Skipf("needs Kong %s; the Kong under test is %s %s", edition, got, v)
	}
	if minVersion != "" {
		want, err := kong.ParseSemanticVersion(minVersion)
		if err != nil {
			t.Fatalf("requireKong: %v", err)
		}
		if v.Major() < want.Major() || v.Major() == want.Major() && v.Minor() < want.Minor() {
			t.Skipf("needs Kong %s or later; the Kong under test is %s", minVersion, v)
		}
	}
}

// requireTestServer skips a test that inspects or steers the in-repo server (request counts, faults)
// when the suite runs against a real Kong.
func requireTestServer(t *testing.T) *kongtest.Server {
	t.Helper()
	if testServer == nil {
		t.Skip("needs the in-repo Kong-compatible server; KONG_ADMIN_URL points at another Kong")
	}
	return testServer
}

// testKong is a plain go-kong client for checks and out-of-band changes, bypassing the provider.
func testKong(t *testing.T) *kong.Client {
	t.Helper()
	if testServer == nil && os.Getenv("TF_ACC") == "" {
		// Like resource.Test: against a real Kong, tests and the fixtures they create first run only with TF_ACC.
		t.Skip("acceptance test against KONG_ADMIN_URL: set TF_ACC=1")
	}
	c, err := kong.NewClient(kong.String(os.Getenv("KONG_ADMIN_URL")), nil)
	if err != nil {
		t.Fatal(err)
	}
	if tok := os.Getenv("KONG_ADMIN_TOKEN"); tok != "" {
		c = mustWithToken(c, tok)
	}
	return c
}

func mustWithToken(c *kong.Client, token string) *kong.Client {
	c.SetDoer(func(ctx context.Context, hc *http.Client, req *http.Request) (*http.Response, error) {
		req.Header.Set("Kong-Admin-Token", token)
		return hc.Do(req.WithContext(ctx))
	})
	return c
}

func randomName(prefix string) string { return acctest.RandomWithPrefix("tf-acc-" + prefix) }

// testCheckGone is a CheckDestroy that asserts no resource of the given type is left in Kong.
func testCheckGone(resourceType string, get func(ctx context.Context, c *kong.Client, id string) error) func(*terraform.State) error {
	return func(s *terraform.State) error {
		c, err := kong.NewClient(kong.String(os.Getenv("KONG_ADMIN_URL")), nil)
		if err != nil {
			return err
		}
		for _, rs := range s.RootModule().Resources {
			if rs.Type != resourceType {
				continue
			}
			err := get(context.Background(), c, rs.Primary.ID)
			if err == nil {
				return fmt.Errorf("%s %s still exists in Kong", resourceType, rs.Primary.ID)
			}
			if !kong.IsNotFoundErr(err) {
				return err
			}
		}
		return nil
	}
}

// deref reads an optional go-kong field, the zero value when Kong left it null.
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
