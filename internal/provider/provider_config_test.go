package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/kongform/terraform-provider-kong/internal/kongtest"
)

func TestParseHeaderList(t *testing.T) {
	got, err := parseHeaderList("X-Team=infra, X-Trace = on ,,")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got["X-Team"] != "infra" || got["X-Trace"] != "on" {
		t.Fatalf("got %v", got)
	}
	_, err = parseHeaderList("X-Secret: hunter2")
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("err = %v; want an error that does not repeat the value", err)
	}
}

// gatewayConfig reads the kong_gateway data source through a provider block pointed at srv.
func gatewayConfig(url, extra string) string {
	return fmt.Sprintf(`
provider "kong" {
  admin_url = %q
  %s
}

data "kong_gateway" "this" {}
`, url, extra)
}

func TestAccProvider_connection(t *testing.T) {
	secured := kongtest.NewServer(kongtest.Options{AdminToken: "s3cr3t-token"})
	defer secured.Close()
	dbless := kongtest.NewServer(kongtest.Options{DBLess: true})
	defer dbless.Close()
	enterprise := kongtest.NewServer(kongtest.Options{Enterprise: true})
	defer enterprise.Close()

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      gatewayConfig(dbless.URL, ""),
				ExpectError: regexp.MustCompile(`(?s)DB-less.*database-backed`),
			},
			{
				Config:      gatewayConfig(secured.URL, `admin_token = "wrong"`),
				ExpectError: regexp.MustCompile(`(?s)Cannot use the Kong Admin API.*401`),
			},
			{
				Config:      gatewayConfig("localhost:8001", ""),
				ExpectError: regexp.MustCompile(`admin_url must be an http:// or https:// URL`),
			},
			{
				Config:      gatewayConfig(secured.URL, `timeout = "soon"`),
				ExpectError: regexp.MustCompile(`Invalid duration`),
			},
			{
				Config: gatewayConfig(secured.URL, `admin_token = "x"
  admin_token_ssm_parameter = "/kong/token"`),
				ExpectError: regexp.MustCompile(`Conflicting admin token settings`),
			},
			{
				Config: gatewayConfig(secured.URL, `admin_token = "s3cr3t-token"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.kong_gateway.this", tfjsonpath.New("edition"), knownvalue.StringExact("oss")),
				},
			},
			{
				Config: gatewayConfig(enterprise.URL, `headers = { "X-Team" = "infra" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.kong_gateway.this", tfjsonpath.New("edition"), knownvalue.StringExact("enterprise")),
				},
			},
		},
	})
}
