package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongtest"
)

// typedPluginLifecycle is the lifecycle every typed plugin resource goes through: create with a minimal
// configuration, update to a full one, import by id, reset by removal, drift of a written field, and
// out-of-band delete. The empty plan after each apply is checked by the test framework.
type typedPluginLifecycle struct {
	addr             string
	kong             func() *kong.Client
	minimal, full    string
	checkMinimal     func(p *kong.Plugin) error // after create, and again after the reset
	checkFull        func(p *kong.Plugin) error
	drift            map[string]any // config fields changed outside Terraform, all written by minimal
	importIgnore     []string
	extraStateChecks []statecheck.StateCheck // after create
}

func (l typedPluginLifecycle) run(t *testing.T) {
	var id string
	check := func(f func(p *kong.Plugin) error) resource.TestCheckFunc {
		return checkKongPlugin(t, l.kong, l.addr, f)
	}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            l.minimal,
				ConfigStateChecks: l.extraStateChecks,
				Check: func(s *terraform.State) error {
					id, _ = stateID(s, l.addr)
					return check(l.checkMinimal)(s)
				},
			},
			{
				Config: l.full,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(l.addr, plancheck.ResourceActionUpdate)},
				},
				Check: check(l.checkFull),
			},
			{
				ResourceName:            l.addr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: l.importIgnore,
			},
			{
				Config: l.minimal,
				Check:  check(l.checkMinimal),
			},
			{
				PreConfig: func() { patchPlugin(t, l.kong(), id, map[string]any{"config": l.drift}) },
				Config:    l.minimal,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(l.addr, plancheck.ResourceActionUpdate)},
				},
				Check: check(l.checkMinimal),
			},
			{
				PreConfig: func() {
					if err := l.kong().Plugins.Delete(context.Background(), kong.String(id)); err != nil {
						t.Fatal(err)
					}
				},
				Config: l.minimal,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(l.addr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// checkStateHoldsNone fails when any attribute of the resource's state contains one of the secrets.
func checkStateHoldsNone(addr string, secrets ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for k, v := range s.RootModule().Resources[addr].Primary.Attributes {
			for _, secret := range secrets {
				if strings.Contains(v, secret) {
					return fmt.Errorf("state attribute %s holds a secret", k)
				}
			}
		}
		return nil
	}
}

// serviceAndRoute is the API the typed plugin tests attach their plugins to.
func serviceAndRoute(name string) string {
	return fmt.Sprintf(`
resource "kong_service" "api" {
  name = %[1]q
  host = "lambda.invalid"
}

resource "kong_route" "api" {
  name       = %[1]q
  service_id = kong_service.api.id
  paths      = ["/%[1]s"]
}
`, name)
}

func TestAccPluginAWSLambda_lifecycle(t *testing.T) {
	name := randomName("lambda")
	const arn = "arn:aws:lambda:eu-west-1:123456789012:function:orders:live"
	minimal := serviceAndRoute(name) + fmt.Sprintf(`
resource "kong_plugin_aws_lambda" "test" {
  route_id                  = kong_route.api.id
  function_name             = %q
  host                      = "vpce-0a1b2c3d4e5f67890-abcdefgh.lambda.eu-west-1.vpce.amazonaws.com"
  aws_imds_protocol_version = "v2"
  awsgateway_compatible     = true
  is_proxy_integration      = true
}
`, arn)
	full := serviceAndRoute(name) + fmt.Sprintf(`
resource "kong_plugin_aws_lambda" "test" {
  route_id                  = kong_route.api.id
  function_name             = %q
  host                      = "vpce-0a1b2c3d4e5f67890-abcdefgh.lambda.eu-west-1.vpce.amazonaws.com"
  aws_imds_protocol_version = "v2"
  awsgateway_compatible     = true
  is_proxy_integration      = true
  timeout                   = 29000
  keepalive                 = 30000.5
  log_type                  = "None"
  empty_arrays_mode         = "correct"
  aws_key                   = "AKIAEXAMPLEEXAMPLE00"
  aws_secret_wo             = "not-a-real-secret"
  aws_secret_wo_version     = 1
  tags                      = ["orders"]
}
`, arn)
	lifecycle := typedPluginLifecycle{
		addr:    "kong_plugin_aws_lambda.test",
		kong:    func() *kong.Client { return testKong(t) },
		minimal: minimal, full: full,
		checkMinimal: func(p *kong.Plugin) error {
			c := p.Config
			if c["aws_region"] != "eu-west-1" || c["qualifier"] != "live" || c["timeout"] != 60000.0 ||
				c["aws_key"] != nil || c["aws_secret"] != nil || c["log_type"] != "Tail" || c["aws_imds_protocol_version"] != "v2" {
				return fmt.Errorf("Kong holds config %v", c)
			}
			return nil
		},
		checkFull: func(p *kong.Plugin) error {
			c := p.Config
			if c["aws_secret"] != "not-a-real-secret" || c["timeout"] != 29000.0 || c["keepalive"] != 30000.5 || c["log_type"] != "None" {
				return fmt.Errorf("Kong holds config %v", c)
			}
			return nil
		},
		drift:        map[string]any{"host": "lambda.eu-west-1.amazonaws.com"},
		importIgnore: []string{"aws_secret_wo_version"},
		extraStateChecks: []statecheck.StateCheck{
			// The ARN's region and qualifier are sent, not written into the attributes.
			statecheck.ExpectKnownValue("kong_plugin_aws_lambda.test", tfjsonpath.New("aws_region"), knownvalue.Null()),
			statecheck.ExpectKnownValue("kong_plugin_aws_lambda.test", tfjsonpath.New("qualifier"), knownvalue.Null()),
			statecheck.ExpectKnownValue("kong_plugin_aws_lambda.test", tfjsonpath.New("timeout"), knownvalue.Null()),
		},
	}
	lifecycle.run(t)
}

// TestAccPluginAWSLambda_secretNeverInState shows the write-only secret reaches Kong but not the state or
// the plan, and that a new version rewrites it in place.
func TestAccPluginAWSLambda_secretNeverInState(t *testing.T) {
	name := randomName("lambda-secret")
	config := func(secret string, version int) string {
		return serviceAndRoute(name) + fmt.Sprintf(`
resource "kong_plugin_aws_lambda" "test" {
  route_id              = kong_route.api.id
  function_name         = "orders"
  aws_region            = "eu-west-1"
  aws_key               = "AKIAEXAMPLEEXAMPLE00"
  aws_secret_wo         = %q
  aws_secret_wo_version = %d
}
`, secret, version)
	}
	const addr = "kong_plugin_aws_lambda.test"
	noSecret := checkStateHoldsNone(addr, "first-secret", "second-secret")
	kongSecret := func(want string) resource.TestCheckFunc {
		return checkKongPlugin(t, func() *kong.Client { return testKong(t) }, addr, func(p *kong.Plugin) error {
			if p.Config["aws_secret"] != want {
				return fmt.Errorf("Kong holds a different secret")
			}
			return nil
		})
	}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config("first-secret", 1),
				Check:  resource.ComposeAggregateTestCheckFunc(noSecret, kongSecret("first-secret")),
			},
			{
				Config: config("second-secret", 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("aws_secret"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("aws_secret_wo"), knownvalue.Null()),
				},
				Check: resource.ComposeAggregateTestCheckFunc(noSecret, kongSecret("second-secret")),
			},
		},
	})
}

func TestAccPluginAWSLambda_invalidFailsAtPlan(t *testing.T) {
	cases := map[string]struct{ attrs, want string }{
		"region contradicts ARN": {`function_name = "arn:aws:lambda:eu-west-1:123456789012:function:orders"
  aws_region = "us-east-1"`, `aws_region is "us-east-1" but function_name is in "eu-west-1"`},
		"malformed ARN": {`function_name = "arn:aws:lambda:eu-west-1:12345:function:orders"`, `is not a Lambda function ARN`},
		"secret twice": {`aws_secret = "a"
  aws_secret_wo = "b"
  aws_secret_wo_version = 1`, `cannot be specified when`},
		"key without secret": {`aws_key = "AKIAEXAMPLEEXAMPLE00"`, `all or none of these fields must be set`},
	}
	for name, tc := range cases {
		t.Run(strings.ReplaceAll(name, " ", "_"), func(t *testing.T) {
			testCase(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      fmt.Sprintf("resource \"kong_plugin_aws_lambda\" \"test\" {\n  %s\n}\n", tc.attrs),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(strings.ReplaceAll(regexp.QuoteMeta(tc.want), " ", `\s+`)),
				}},
			})
		})
	}
}

func TestAccPluginKeyAuth_lifecycle(t *testing.T) {
	name := randomName("key-auth")
	minimal := serviceAndRoute(name) + `
resource "kong_plugin_key_auth" "test" {
  service_id       = kong_service.api.id
  hide_credentials = true
}
`
	full := serviceAndRoute(name) + `
resource "kong_plugin_key_auth" "test" {
  service_id       = kong_service.api.id
  hide_credentials = true
  key_names        = ["x-api-key"]
  key_in_query     = false
  run_on_preflight = false
  realm            = "orders"
}
`
	typedPluginLifecycle{
		addr:    "kong_plugin_key_auth.test",
		kong:    func() *kong.Client { return testKong(t) },
		minimal: minimal, full: full,
		checkMinimal: func(p *kong.Plugin) error {
			c := p.Config
			if c["hide_credentials"] != true || c["key_in_query"] != true || fmt.Sprint(c["key_names"]) != "[apikey]" {
				return fmt.Errorf("Kong holds config %v", c)
			}
			return nil
		},
		checkFull: func(p *kong.Plugin) error {
			c := p.Config
			if c["key_in_query"] != false || c["run_on_preflight"] != false || fmt.Sprint(c["key_names"]) != "[x-api-key]" {
				return fmt.Errorf("Kong holds config %v", c)
			}
			return nil
		},
		drift: map[string]any{"hide_credentials": false},
	}.run(t)
}

func TestAccPluginCORS_lifecycle(t *testing.T) {
	name := randomName("cors")
	minimal := serviceAndRoute(name) + `
resource "kong_plugin_cors" "test" {
  route_id = kong_route.api.id
  origins  = ["https://ui.example.com"]
}
`
	full := serviceAndRoute(name) + `
resource "kong_plugin_cors" "test" {
  route_id        = kong_route.api.id
  origins         = ["https://ui.example.com", "https://admin.example.com"]
  methods         = ["GET", "POST", "OPTIONS"]
  headers         = ["Authorization", "Content-Type", "x-api-key"]
  exposed_headers = ["X-Request-Id"]
  credentials     = true
  max_age         = 3600
}
`
	typedPluginLifecycle{
		addr:    "kong_plugin_cors.test",
		kong:    func() *kong.Client { return testKong(t) },
		minimal: minimal, full: full,
		checkMinimal: func(p *kong.Plugin) error {
			c := p.Config
			if fmt.Sprint(c["origins"]) != "[https://ui.example.com]" || c["credentials"] != false || len(c["methods"].([]any)) != 9 {
				return fmt.Errorf("Kong holds config %v", c)
			}
			return nil
		},
		checkFull: func(p *kong.Plugin) error {
			c := p.Config
			if c["credentials"] != true || c["max_age"] != 3600.0 || fmt.Sprint(c["methods"]) != "[GET POST OPTIONS]" {
				return fmt.Errorf("Kong holds config %v", c)
			}
			return nil
		},
		drift: map[string]any{"origins": []any{"*"}},
	}.run(t)
}

func TestAccPluginRequestValidator_lifecycle(t *testing.T) {
	srv := kongtest.NewServer(kongtest.Options{Enterprise: true})
	defer srv.Close()
	name := randomName("validator")
	base := fmt.Sprintf("provider \"kong\" {\n  admin_url = %q\n}\n", srv.URL) + serviceAndRoute(name)
	minimal := base + `
resource "kong_plugin_request_validator" "test" {
  route_id = kong_route.api.id
  body_schema = jsonencode([
    { name = { type = "string", required = true } },
  ])
}
`
	full := base + `
resource "kong_plugin_request_validator" "test" {
  route_id = kong_route.api.id
  body_schema = jsonencode([
    { name = { type = "string", required = true } },
  ])
  parameter_schema = [
    { in = "query", name = "page", required = false },
    {
      in       = "path"
      name     = "id"
      required = true
      style    = "simple"
      explode  = false
      schema   = jsonencode({ type = "string", pattern = "^[0-9]+$" })
    },
  ]
  allowed_content_types = ["application/json", "application/json; charset=utf-8"]
  verbose_response      = true
}
`
	typedPluginLifecycle{
		addr: "kong_plugin_request_validator.test",
		kong: func() *kong.Client {
			c, err := kong.NewClient(kong.String(srv.URL), nil)
			if err != nil {
				t.Fatal(err)
			}
			return c
		},
		minimal: minimal, full: full,
		checkMinimal: func(p *kong.Plugin) error {
			c := p.Config
			if c["parameter_schema"] != nil || c["verbose_response"] != false || c["version"] != "kong" {
				return fmt.Errorf("Kong holds config %v", c)
			}
			return nil
		},
		checkFull: func(p *kong.Plugin) error {
			params, _ := p.Config["parameter_schema"].([]any)
			if len(params) != 2 || p.Config["verbose_response"] != true {
				return fmt.Errorf("Kong holds config %v", p.Config)
			}
			return nil
		},
		drift: map[string]any{"body_schema": `[{"name":{"type":"integer"}}]`},
	}.run(t)
}

// TestAccPluginRequestValidator_ossFailsAtPlan shows the plan on Kong OSS explains that the plugin needs
// Kong Enterprise.
func TestAccPluginRequestValidator_ossFailsAtPlan(t *testing.T) {
	requireKong(t, "oss", "")
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
resource "kong_plugin_request_validator" "test" {
  body_schema = jsonencode([{ name = { type = "string" } }])
}
`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`part\s+of\s+Kong\s+Enterprise`),
		}},
	})
}

// TestAccPluginTyped_importOfAnotherPluginFails shows a typed resource refuses to adopt a plugin of another
// kind instead of rewriting it.
func TestAccPluginTyped_importOfAnotherPluginFails(t *testing.T) {
	name := randomName("wrong-kind")
	base := serviceAndRoute(name) + `
resource "kong_plugin_key_auth" "test" {
  service_id = kong_service.api.id
}
`
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: base},
			{
				Config:            base + "\nresource \"kong_plugin_cors\" \"wrong\" {}\n",
				ResourceName:      "kong_plugin_cors.wrong",
				ImportState:       true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) { return stateID(s, "kong_plugin_key_auth.test") },
				ExpectError:       regexp.MustCompile(`is\s+a\s+"key-auth"\s+plugin`),
			},
		},
	})
}
