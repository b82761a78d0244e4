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

	testCase(t, resource.TestCase{
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

// badEnvCorpus: settings from the environment are refused at plan exactly as the same value in the provider
// block would be, and the error names the variable. Each value used to pass plan, or failed without naming it.
var badEnvCorpus = []struct{ env, value, attr, detail string }{
	{"KONG_DEFAULT_TAGS", "team-a,c/d", "default_tags", `"c/d"`},
	{"KONG_DEFAULT_TAGS", "ok,a\tb", "default_tags", ``},
	{"KONG_MAX_RETRIES", "100", "max_retries", `between 0 and 20`},
	{"KONG_MAX_RETRIES", "2.5", "max_retries", `whole number`},
	{"KONG_MAX_CONCURRENT_REQUESTS", "0", "max_concurrent_requests", ``},
	{"KONG_REQUESTS_PER_SECOND", "NaN", "requests_per_second", `not a number`},
	{"KONG_REQUESTS_PER_SECOND", "0.01", "requests_per_second", ``},
	{"KONG_TIMEOUT", "-5s", "timeout", ``},
	{"KONG_WORKSPACE", "team/a", "workspace", ``},
	{"KONG_ADMIN_URL", "localhost:8001", "admin_url", ``},
	{"KONG_ADMIN_TOKEN", "line1\nline2", "admin_token", `line break`},
	{"KONG_ADMIN_HEADERS", "X Team=infra", "headers", `not an HTTP header name`},
	{"KONG_ADMIN_HEADERS", "X-Team=in\x01fra", "headers", `control character`},
}

func TestAccProviderConfig_badEnvironment(t *testing.T) {
	for _, tc := range badEnvCorpus {
		t.Run(tc.env+"="+tc.value, func(t *testing.T) {
			t.Setenv(tc.env, tc.value) // the provider runs in this process, so Configure sees it
			testCase(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:   `resource "kong_consumer" "c" { username = "env-check" }`,
					PlanOnly: true,
					// Terraform wraps long messages, so any space may be a line break.
					ExpectError: regexp.MustCompile(strings.ReplaceAll(`(?s)Invalid `+tc.env+`.*because `+tc.attr+` is not set.*`+tc.detail, " ", `\s+`)),
				}},
			})
		})
	}
}

// The provider block's own odd inputs fail at plan on the attribute, in the provider's words.
func TestAccProviderConfig_badAttributes(t *testing.T) {
	cases := map[string]struct{ setting, want string }{
		"max_retries fraction":       {`max_retries = 2.5`, `max_retries must be a whole number`},
		"concurrency beyond int64":   {`max_concurrent_requests = 1e19`, `max_concurrent_requests must be a whole number`},
		"default tag null":           {`default_tags = ["a", null]`, `contains a null value`},
		"header null":                {`headers = { X-Team = null }`, `contains a null value`},
		"header name with space":     {`headers = { "X Team" = "infra" }`, `not an HTTP header name`},
		"header value with new line": {`headers = { X-Team = "a\nb" }`, `line break`},
		"token with new line":        {`admin_token = "a\nb"`, `admin_token cannot be sent`},
		"workspace with slash":       {`workspace = "team/a"`, `not a workspace name`},
		"admin url without scheme":   {`admin_url = "kong.internal:8001"`, `admin_url must be an http:// or https:// URL`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			parallelTestCase(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      "provider \"kong\" {\n" + tc.setting + "\n}\n" + `resource "kong_consumer" "c" { username = "attr-check" }`,
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(strings.ReplaceAll(`(?s)Error: .*`+tc.want, " ", `\s+`)),
				}},
			})
		})
	}
}
