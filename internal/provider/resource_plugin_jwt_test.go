package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/kong/go-kong/kong"
)

// TestAccPluginJWT_lifecycle: create with Kong's defaults, update to the browser settings, import, drift
// and removal reset, through the shared typed plugin lifecycle.
func TestAccPluginJWT_lifecycle(t *testing.T) {
	name := randomName("jwt")
	minimal := serviceAndRoute(name) + `
resource "kong_plugin_jwt" "test" {
  route_id         = kong_route.api.id
  claims_to_verify = ["exp"]
}
`
	full := serviceAndRoute(name) + `
resource "kong_plugin_jwt" "test" {
  route_id           = kong_route.api.id
  claims_to_verify   = ["exp", "nbf"]
  maximum_expiration = 3600
  key_claim_name     = "kid"
  uri_param_names    = []
  cookie_names       = ["session"]
  header_names       = ["authorization", "x-token"]
  secret_is_base64   = true
  run_on_preflight   = false
  anonymous          = "9b2e6f2a-3f59-4b9c-8a3b-0d7b1c1e2f3a"
  realm              = "ui"
}
`
	typedPluginLifecycle{
		addr:    "kong_plugin_jwt.test",
		kong:    func() *kong.Client { return testKong(t) },
		minimal: minimal, full: full,
		checkMinimal: func(p *kong.Plugin) error {
			c := p.Config
			if fmt.Sprint(c["claims_to_verify"]) != "[exp]" || fmt.Sprint(c["uri_param_names"]) != "[jwt]" ||
				c["key_claim_name"] != "iss" || c["run_on_preflight"] != true || c["maximum_expiration"] != 0.0 ||
				fmt.Sprint(c["header_names"]) != "[authorization]" || c["realm"] != nil {
				return fmt.Errorf("Kong holds config %v", c)
			}
			return nil
		},
		checkFull: func(p *kong.Plugin) error {
			c := p.Config
			if fmt.Sprint(c["uri_param_names"]) != "[]" || c["key_claim_name"] != "kid" || c["maximum_expiration"] != 3600.0 ||
				c["secret_is_base64"] != true || c["run_on_preflight"] != false || c["realm"] != "ui" ||
				fmt.Sprint(c["cookie_names"]) != "[session]" {
				return fmt.Errorf("Kong holds config %v", c)
			}
			return nil
		},
		drift: map[string]any{"uri_param_names": []any{"token"}},
	}.run(t)
}

func TestAccPluginJWT_invalidFailsAtPlan(t *testing.T) {
	cases := []struct{ body, want string }{
		{`maximum_expiration = 60`, `maximum_expiration needs exp`},
		{"maximum_expiration = 60\n  claims_to_verify = [\"nbf\"]", `maximum_expiration needs exp`},
		{`claims_to_verify = ["iat"]`, `value must be one of`},
		{"maximum_expiration = 31536001\n  claims_to_verify = [\"exp\"]", `must be between 0`},
		{`consumer_id = "9b2e6f2a-3f59-4b9c-8a3b-0d7b1c1e2f3a"`, `consumer_id`},
	}
	for _, tc := range cases {
		t.Run(tc.want, func(t *testing.T) {
			testCase(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      "resource \"kong_plugin_jwt\" \"test\" {\n  " + tc.body + "\n}\n",
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}
