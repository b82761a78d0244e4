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

func getPlugin(ctx context.Context, c *kong.Client, id string) error {
	_, err := c.Plugins.Get(ctx, kong.String(id))
	return err
}

// kongPlugin reads a plugin straight from Kong, bypassing the provider.
func kongPlugin(t *testing.T, kc *kong.Client, id string) *kong.Plugin {
	t.Helper()
	p, err := kc.Plugins.Get(context.Background(), kong.String(id))
	if err != nil {
		t.Fatalf("reading plugin %s: %v", id, err)
	}
	return p
}

// patchPlugin changes a plugin outside Terraform (PATCH merges config records).
func patchPlugin(t *testing.T, kc *kong.Client, id string, body map[string]any) {
	t.Helper()
	req, err := kc.NewRequest("PATCH", "/plugins/"+id, nil, body)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kc.Do(context.Background(), req, nil); err != nil {
		t.Fatalf("patching plugin %s: %v", id, err)
	}
}

// stateID reads a resource's id from the state of the last step.
func stateID(s *terraform.State, addr string) (string, error) {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return "", fmt.Errorf("%s not in state", addr)
	}
	return rs.Primary.ID, nil
}

// checkKongPlugin runs a check on the plugin as Kong holds it.
func checkKongPlugin(t *testing.T, kc func() *kong.Client, addr string, check func(p *kong.Plugin) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id, err := stateID(s, addr)
		if err != nil {
			return err
		}
		return check(kongPlugin(t, kc(), id))
	}
}

func TestAccPlugin_lifecycle(t *testing.T) {
	name := randomName("plugin")
	const addr = "kong_plugin.test"
	service := fmt.Sprintf(`
resource "kong_service" "svc" {
  name = %[1]q
  host = "example.com"
}

resource "kong_route" "r" {
  service_id = kong_service.svc.id
  paths      = ["/%[1]s"]
}
`, name)
	minimal := service + `
resource "kong_plugin" "test" {
  name       = "rate-limiting"
  service_id = kong_service.svc.id
  config = {
    minute = 10
  }
}
`
	full := service + fmt.Sprintf(`
resource "kong_plugin" "test" {
  name          = "rate-limiting"
  instance_name = %q
  service_id    = kong_service.svc.id
  route_id      = kong_route.r.id
  protocols     = ["https"]
  enabled       = false
  tags          = ["team-a"]
  config = {
    minute   = 10
    hour     = 500
    limit_by = "ip"
    redis = {
      timeout = 3000
    }
  }
}
`, name)
	var id string
	kc := func() *kong.Client { return testKong(t) }

	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_plugin", getPlugin),
		Steps: []resource.TestStep{
			{
				Config: minimal,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("config"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"minute": knownvalue.Int64Exact(10),
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("protocols"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("grpc"), knownvalue.StringExact("grpcs"), knownvalue.StringExact("http"), knownvalue.StringExact("https"),
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
				},
				Check: func(s *terraform.State) error {
					id, _ = stateID(s, addr)
					return checkKongPlugin(t, kc, addr, func(p *kong.Plugin) error {
						if p.Config["minute"] != 10.0 || p.Config["policy"] != "local" {
							return fmt.Errorf("Kong holds config %v", p.Config)
						}
						return nil
					})(s)
				},
			},
			{
				// Update in place: nested record, scope (now also the route), switches, tags and instance name.
				Config: full,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: checkKongPlugin(t, kc, addr, func(p *kong.Plugin) error {
					redis, _ := p.Config["redis"].(map[string]any)
					if kong.StringValue(p.ID) != id || p.Route == nil || p.Config["limit_by"] != "ip" || redis["timeout"] != 3000.0 ||
						redis["port"] != 6379.0 || deref(p.Enabled) || len(p.Protocols) != 1 {
						return fmt.Errorf("Kong holds %+v with config %v", p, p.Config)
					}
					return nil
				}),
			},
			{
				// Import by id and by instance name: only the non-default fields come back, as written.
				ResourceName:      addr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateId:     name,
				ImportStateVerify: true,
			},
			{
				// Removing fields and attributes resets them to Kong's defaults.
				Config: minimal,
				Check: checkKongPlugin(t, kc, addr, func(p *kong.Plugin) error {
					redis, _ := p.Config["redis"].(map[string]any)
					if p.Config["limit_by"] != "consumer" || p.Config["hour"] != nil || redis["timeout"] != 2000.0 ||
						!deref(p.Enabled) || len(p.Protocols) != 4 || len(p.Tags) != 0 || p.InstanceName != nil || p.Route != nil {
						return fmt.Errorf("not reset: %+v with config %v", p, p.Config)
					}
					return nil
				}),
			},
			{
				// A written field changed outside Terraform is drift; a default changed outside is not shown.
				PreConfig: func() {
					patchPlugin(t, kc(), id, map[string]any{"config": map[string]any{"minute": 20}})
				},
				Config: minimal,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("config").AtMapKey("minute"), knownvalue.Int64Exact(10)),
					},
				},
				Check: checkKongPlugin(t, kc, addr, func(p *kong.Plugin) error {
					if p.Config["minute"] != 10.0 {
						return fmt.Errorf("drift not put right: %v", p.Config)
					}
					return nil
				}),
			},
			{
				// A plugin deleted outside Terraform is planned for creation, not an error.
				PreConfig: func() {
					if err := kc().Plugins.Delete(context.Background(), kong.String(id)); err != nil {
						t.Fatal(err)
					}
				},
				Config: minimal,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// TestAccPlugin_invalidConfigFailsAtPlan shows that Kong's validator runs during the plan: a misspelt field,
// a wrong type and a plugin the node lacks all fail `terraform plan`, before anything is written.
func TestAccPlugin_invalidConfigFailsAtPlan(t *testing.T) {
	cases := map[string]struct {
		plugin string
		want   string
	}{
		"misspelt field": {`name = "rate-limiting"
  config = { minuet = 10 }`, `config\.minuet: unknown field`},
		"wrong type": {`name = "rate-limiting"
  config = { minute = "ten" }`, `config\.minute: expected a number`},
		"entity check": {`name = "acl"
  config = { hide_groups_header = true }`, `at least one of these fields must be non-empty`},
		"unknown plugin": {`name = "no-such-plugin"`, `does not have the "no-such-plugin" plugin`},
		"field set twice": {`name = "rate-limiting"
  config = { minute = 1, redis = { host = "a" } }
  sensitive_config = { redis = { host = "b" } }`, `config\.redis\.host is set in both`},
		"consumer forbidden": {`name = "key-auth"
  consumer_id = "9b2e6f2a-3f59-4b9c-8a3b-0d7b1c1e2f3a"`, `consumer: value must be null`},
	}
	for name, tc := range cases {
		t.Run(strings.ReplaceAll(name, " ", "_"), func(t *testing.T) {
			testCase(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: fmt.Sprintf(`
resource "kong_plugin" "test" {
  %s
}
`, tc.plugin),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(strings.ReplaceAll(tc.want, " ", `\s+`)), // messages are wrapped
				}},
			})
		})
	}
}

// TestAccPlugin_unknownValuesAreNotErrors shows that config values known only during apply do not make the
// plan fail, even for a required field, while the known rest is still validated.
func TestAccPlugin_unknownValuesAreNotErrors(t *testing.T) {
	name := randomName("plugin-unknown")
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_plugin", getPlugin),
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "kong_service" "svc" {
  name = %q
  host = "example.com"
}

resource "kong_plugin" "log" {
  name       = "http-log"
  service_id = kong_service.svc.id
  config = {
    http_endpoint = "http://logs.example.com/${kong_service.svc.id}"
    queue         = { max_batch_size = 10 }
  }
}
`, name),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("kong_plugin.log", tfjsonpath.New("config").AtMapKey("queue").AtMapKey("max_batch_size"), knownvalue.Int64Exact(10)),
			},
		}},
	})
}

// TestAccPlugin_requiredFieldsOnlyGiveEmptyPlans applies every plugin of the node with only its required
// fields; the test framework then demands an empty plan, which shows none of Kong's defaults leaks into a
// plan.
func TestAccPlugin_requiredFieldsOnlyGiveEmptyPlans(t *testing.T) {
	srv := kongtest.NewServer(kongtest.Options{Enterprise: true})
	defer srv.Close()
	required := map[string]string{
		"acl":                   `{ allow = ["api1"] }`,
		"aws-lambda":            `{}`,
		"correlation-id":        `{}`,
		"cors":                  `{}`,
		"file-log":              `{ path = "/tmp/kong.log" }`,
		"http-log":              `{ http_endpoint = "http://logs.example.com" }`,
		"ip-restriction":        `{ allow = ["10.0.0.0/8"] }`,
		"key-auth":              `{}`,
		"rate-limiting":         `{ minute = 10 }`,
		"request-size-limiting": `{}`,
		"request-termination":   `{}`,
		"request-transformer":   `{}`,
		"request-validator":     `{ body_schema = "[]" }`,
	}
	var b strings.Builder
	fmt.Fprintf(&b, "provider \"kong\" {\n  admin_url = %q\n}\n", srv.URL)
	for _, plugin := range sortedKeys(required) {
		fmt.Fprintf(&b, "\nresource \"kong_plugin\" %q {\n  name   = %q\n  config = %s\n}\n",
			strings.ReplaceAll(plugin, "-", "_"), plugin, required[plugin])
	}
	typed := `
resource "kong_consumer" "c" {
  username = "typed-required-only"
}

resource "kong_plugin_aws_lambda" "typed" {
  consumer_id = kong_consumer.c.id
}

resource "kong_plugin_key_auth" "typed" {
  instance_name = "typed-key-auth"
  route_id      = kong_route.r.id
}

resource "kong_plugin_cors" "typed" {
  route_id = kong_route.r.id
}

resource "kong_plugin_request_validator" "typed" {
  route_id         = kong_route.r.id
  parameter_schema = [{ in = "query", name = "page", required = false }]
}

resource "kong_service" "s" {
  name = "typed-required-only"
  host = "example.com"
}

resource "kong_route" "r" {
  service_id = kong_service.s.id
  paths      = ["/typed"]
}
`
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: b.String() + typed}},
	})
}

// TestAccPlugin_schemaFetchedOncePerRun counts the Admin API requests: however many plugins of one kind a
// configuration has, each Terraform run (one provider configuration, one GET /) fetches that plugin's
// schema at most once; and plugins that do not change are not validated again.
func TestAccPlugin_schemaFetchedOncePerRun(t *testing.T) {
	requireTestServer(t)
	srv := kongtest.NewServer(kongtest.Options{})
	defer srv.Close()
	var b strings.Builder
	fmt.Fprintf(&b, "provider \"kong\" {\n  admin_url = %q\n}\n", srv.URL)
	for i := range 3 {
		fmt.Fprintf(&b, `
resource "kong_service" "s%[1]d" {
  name = "schema-count-%[1]d"
  host = "example.com"
}

resource "kong_plugin" "p%[1]d" {
  name       = "rate-limiting"
  service_id = kong_service.s%[1]d.id
  config     = { minute = %[1]d + 1, redis = { timeout = 100 } }
}
`, i)
	}
	counts := func() (runs, schemaGets int) {
		st := srv.Stats()
		return st.ByRoute["GET /"], st.ByRoute["GET /schemas/plugins/{plugin_name}"]
	}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: b.String(),
			// Creating the plugins needs no schema: Kong fills in their default protocols.
			Check: func(*terraform.State) error {
				if runs, schemaGets := counts(); schemaGets > runs {
					return fmt.Errorf("%d schema requests in %d provider runs, want at most one per run", schemaGets, runs)
				}
				return nil
			},
		}, {
			// Planning the existing plugins needs their default protocols: one schema request per run for the
			// three plugins. Nothing changes, so nothing is sent to Kong's validator: plans of large
			// configurations stay cheap.
			PreConfig: srv.ResetStats,
			Config:    b.String(),
			Check: func(*terraform.State) error {
				if runs, schemaGets := counts(); schemaGets == 0 || schemaGets > runs {
					return fmt.Errorf("%d schema requests in %d provider runs, want between 1 and one per run", schemaGets, runs)
				}
				if n := srv.Stats().ByRoute["POST /schemas/plugins/validate"]; n != 0 {
					return fmt.Errorf("%d validation requests for an unchanged configuration", n)
				}
				return nil
			},
		}},
	})
}

// TestAccPlugin_sensitiveConfig shows secrets kept apart from config: merged into one config in Kong, marked
// sensitive in the state, imported into sensitive_config, and drift detected in them too.
func TestAccPlugin_sensitiveConfig(t *testing.T) {
	name := randomName("plugin-secret")
	const addr = "kong_plugin.test"
	config := func(sensitive string) string {
		return fmt.Sprintf(`
resource "kong_service" "svc" {
  name = %q
  host = "example.com"
}

resource "kong_plugin" "test" {
  name       = "rate-limiting"
  service_id = kong_service.svc.id
  config = {
    minute = 10
    policy = "redis"
    redis  = { host = "redis.internal" }
  }
  sensitive_config = %s
}
`, name, sensitive)
	}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_plugin", getPlugin),
		Steps: []resource.TestStep{
			{
				Config: config(`{ redis = { password = "s3cret" } }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("sensitive_config")),
				},
				Check: checkKongPlugin(t, func() *kong.Client { return testKong(t) }, addr, func(p *kong.Plugin) error {
					redis, _ := p.Config["redis"].(map[string]any)
					if redis["host"] != "redis.internal" || redis["password"] != "s3cret" {
						return fmt.Errorf("Kong holds config %v", p.Config)
					}
					return nil
				}),
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				// Out-of-band change of a secret is drift too.
				PreConfig: func() {
					id := kongPluginIDByService(t, name)
					patchPlugin(t, testKong(t), id, map[string]any{"config": map[string]any{"redis": map[string]any{"password": "changed"}}})
				},
				Config: config(`{ redis = { password = "s3cret" } }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
			},
		},
	})
}

// kongPluginIDByService finds the one plugin of a service, by the service's name.
func kongPluginIDByService(t *testing.T, service string) string {
	t.Helper()
	plugins, err := testKong(t).Plugins.ListAllForService(context.Background(), kong.String(service))
	if err != nil || len(plugins) != 1 {
		t.Fatalf("plugins of service %s: %v (%v)", service, plugins, err)
	}
	return kong.StringValue(plugins[0].ID)
}

// TestAccPlugin_defaultTags shows the provider's default_tags reach Kong without showing in the plugin's tags.
func TestAccPlugin_defaultTags(t *testing.T) {
	srv := kongtest.NewServer(kongtest.Options{})
	defer srv.Close()
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "kong" {
  admin_url    = %q
  default_tags = ["managed-by:terraform"]
}

resource "kong_plugin_cors" "test" {
  tags = ["ui"]
}
`, srv.URL),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("kong_plugin_cors.test", tfjsonpath.New("tags"),
					knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("ui")})),
			},
			Check: checkKongPlugin(t, func() *kong.Client {
				c, err := kong.NewClient(kong.String(srv.URL), nil)
				if err != nil {
					t.Fatal(err)
				}
				return c
			}, "kong_plugin_cors.test", func(p *kong.Plugin) error {
				if fmt.Sprint(derefStrings(p.Tags)) != "[managed-by:terraform ui]" {
					return fmt.Errorf("Kong holds tags %v", derefStrings(p.Tags))
				}
				return nil
			}),
		}},
	})
}

// A map field (free-form keys, here http-log's headers) that the user wrote reads back whole: the plan after the
// apply, which the test framework runs, is empty (it showed every written key changing from null).
func TestAccPlugin_mapFieldsReadBackWhole(t *testing.T) {
	srv := kongtest.NewServer(kongtest.Options{})
	defer srv.Close()
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "kong" {
  admin_url = %q
}

resource "kong_plugin" "log" {
  name = "http-log"
  config = {
    http_endpoint = "http://logs.example.com"
    headers       = { X-Env = "dev", X-Team = "payments" }
  }
}
`, srv.URL),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("kong_plugin.log", tfjsonpath.New("config").AtMapKey("headers").AtMapKey("X-Team"),
					knownvalue.StringExact("payments")),
			},
		}},
	})
}
