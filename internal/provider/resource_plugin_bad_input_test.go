package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/kong/go-kong/kong"
)

// pluginBadInput is the plugin part of issue 12's corpus: odd numbers, nulls inside lists, empty strings,
// floats where Kong wants integers and malformed write-only config. Each fails at plan with an error that
// names the attribute (or, for kong_plugin's config, the field: config.minute). Values Kong accepts and
// keeps are not here: they converge (TestAccPlugin_oddInputConverges).
var pluginBadInput = map[string]badInput{
	"integer above 2^53":              {"kong_plugin", `name = "rate-limiting"` + "\n" + `config = { minute = 9007199254740993 }`, "config.minute"},
	"integer below -2^53 in a record": {"kong_plugin", `name = "rate-limiting"` + "\n" + `config = { minute = 10, redis = { timeout = -9007199254740995 } }`, "config.redis.timeout"},
	"number beyond a double":          {"kong_plugin", `name = "rate-limiting"` + "\n" + `config = { minute = 1e400 }`, "config.minute"},
	"secret integer above 2^64":       {"kong_plugin", `name = "rate-limiting"` + "\n" + `config = { minute = 10 }` + "\n" + `sensitive_config = { redis = { port = 18446744073709551617 } }`, "config.redis.port"},
	"null in a config list":           {"kong_plugin", `name = "key-auth"` + "\n" + `config = { key_names = [null] }`, "config.key_names"},
	"null among acl groups":           {"kong_plugin", `name = "acl"` + "\n" + `config = { allow = ["orders", null] }`, "config.allow"},
	"null in key names":               {"kong_plugin_key_auth", `key_names = [null]`, "key_names"},
	"null among origins":              {"kong_plugin_cors", `origins = ["https://ui.example.com", null]`, "origins"},
	"empty realm":                     {"kong_plugin_key_auth", `realm = ""`, "realm"},
	"empty anonymous":                 {"kong_plugin_key_auth", `anonymous = ""`, "anonymous"},
	"empty allowed header":            {"kong_plugin_cors", `headers = [""]`, "headers"},
	"empty config string":             {"kong_plugin", `name = "rate-limiting"` + "\n" + `config = { minute = 10, limit_by = "" }`, "config.limit_by"},
	"empty protocol":                  {"kong_plugin", `name = "cors"` + "\n" + `protocols = [""]`, "protocols"},
	"no protocols on a route plugin":  {"kong_plugin", `name = "cors"` + "\n" + `route_id = "` + wellFormedID + `"` + "\n" + `protocols = []`, "protocols"},
	"fraction for an integer":         {"kong_plugin", `name = "http-log"` + "\n" + `config = { http_endpoint = "http://logs.internal/kong", queue = { max_batch_size = 1.5 } }`, "config.queue.max_batch_size"},
	"fraction for a status code":      {"kong_plugin", `name = "request-termination"` + "\n" + `config = { status_code = 404.5 }`, "config.status_code"},
	"write-only config not JSON":      {"kong_plugin", `name = "rate-limiting"` + "\n" + `config = { minute = 10 }` + "\n" + `config_wo = "password=x"` + "\n" + `config_wo_version = 1`, "config_wo"},
	"write-only config a list":        {"kong_plugin", `name = "rate-limiting"` + "\n" + `config = { minute = 10 }` + "\n" + `config_wo = jsonencode(["x"])` + "\n" + `config_wo_version = 1`, "config_wo"},
	"write-only field set twice":      {"kong_plugin", `name = "rate-limiting"` + "\n" + `config = { minute = 10 }` + "\n" + `config_wo = jsonencode({ minute = 5 })` + "\n" + `config_wo_version = 1`, "config_wo"},
	"write-only config unversioned":   {"kong_plugin", `name = "rate-limiting"` + "\n" + `config = { minute = 10 }` + "\n" + `config_wo = jsonencode({ redis = { password = "x" } })`, "config_wo_version"},
	"write-only huge number":          {"kong_plugin", `name = "rate-limiting"` + "\n" + `config = { minute = 10 }` + "\n" + `config_wo = "{\"hour\": 9007199254740993}"` + "\n" + `config_wo_version = 1`, "config.hour"},
}

func TestAccPluginBadInput(t *testing.T) {
	var writesBefore int
	if testServer != nil {
		writesBefore = writeCount(testServer.Stats().ByRoute)
	}
	t.Run("cases", func(t *testing.T) {
		for name, tc := range pluginBadInput {
			t.Run(name, func(t *testing.T) {
				config := fmt.Sprintf("resource %q \"bad\" {\n%s\n}\n", tc.resource, tc.body)
				parallelTestCase(t, resource.TestCase{
					PreCheck:                 func() { testAccPreCheck(t) },
					ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
					Steps: []resource.TestStep{{
						Config:      config,
						PlanOnly:    true,
						ExpectError: regexp.MustCompile(`(?s)Error: .*\b` + regexp.QuoteMeta(tc.attr) + `\b`),
					}},
				})
			})
		}
	})
	if testServer != nil {
		if after := writeCount(testServer.Stats().ByRoute); after != writesBefore {
			t.Fatalf("invalid configurations sent %d write request(s) to Kong", after-writesBefore)
		}
	}
}

// TestAccPlugin_oddInputConverges covers inputs Kong accepts and keeps, so the provider must not refuse
// them: [] for a record (Kong fills its defaults) or for a map, an empty protocol set, duplicates in an
// array, a decimal that is no exact double, and 2^53 itself. Each applies and the next plan is empty.
func TestAccPlugin_oddInputConverges(t *testing.T) {
	name := randomName("odd-input")
	const logAddr, aclAddr = "kong_plugin.log", "kong_plugin.acl"
	config := serviceAndRoute(name) + `
resource "kong_service" "bare" {
  name = "${kong_service.api.name}-bare"
  host = "lambda.invalid"
}

resource "kong_plugin" "log" {
  name       = "http-log"
  service_id = kong_service.bare.id # a service without routes: Kong takes an empty protocol set
  protocols  = []
  config = {
    http_endpoint = "http://logs.internal/kong"
    queue         = []
    headers       = []
    timeout       = 0.1
  }
}

resource "kong_plugin" "acl" {
  name     = "acl"
  route_id = kong_route.api.id
  config   = { allow = ["orders", "orders"] }
}

resource "kong_plugin" "limits" {
  name     = "rate-limiting"
  route_id = kong_route.api.id
  config   = { minute = 9007199254740992 }
}
`
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(logAddr, tfjsonpath.New("protocols"), knownvalue.SetExact(nil)),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				checkKongPlugin(t, func() *kong.Client { return testKong(t) }, logAddr, func(p *kong.Plugin) error {
					queue, _ := p.Config["queue"].(map[string]any)
					if len(p.Protocols) != 0 || queue["max_batch_size"] != 1.0 {
						return fmt.Errorf("Kong holds protocols %v, config %v", p.Protocols, p.Config)
					}
					return nil
				}),
				checkKongPlugin(t, func() *kong.Client { return testKong(t) }, aclAddr, func(p *kong.Plugin) error {
					if len(p.Config["allow"].([]any)) == 0 {
						return fmt.Errorf("Kong holds config %v", p.Config)
					}
					return nil
				}),
			),
		}},
	})
}

// Typed plugins' Int64 attributes refuse fractions and overflow at plan with the attribute named, like every
// other resource's (wholeNumberType).
func TestAccPluginBadInput_wholeNumbers(t *testing.T) {
	for name, body := range map[string]string{
		"port fraction":             `port = 443.5`,
		"port beyond int64":         `port = 9223372036854775808`,
		"unhandled_status fraction": `unhandled_status = 500.5`,
	} {
		t.Run(name, func(t *testing.T) {
			expectPlanError(t, fmt.Sprintf(`
resource "kong_plugin_aws_lambda" "bad" {
  function_name = "arn:aws:lambda:eu-west-1:123456789012:function:api1:live"
  %s
}
`, body), `(?s)must be a whole number|out of that range`)
		})
	}
}

// A request validator needs something to validate: the framework's AtLeastOneOf on body_schema.
func TestAccPluginBadInput_requestValidatorWithNothingToValidate(t *testing.T) {
	expectPlanError(t, `
resource "kong_plugin_request_validator" "bad" {
  verbose_response = true
}
`, `(?s)At least one attribute out of \[.*parameter_schema.*\] must\s+be\s+specified`)
}
