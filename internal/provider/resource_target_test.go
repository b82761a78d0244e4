package provider

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/kong/go-kong/kong"
)

func targetConfig(upstream, target, extra string) string {
	return fmt.Sprintf(`
resource "kong_upstream" "pool" {
  name = %q
}

resource "kong_target" "test" {
  upstream_id = kong_upstream.pool.id
  target      = %q
%s
}
`, upstream, target, extra)
}

// kongTarget reads a target from Kong under its upstream, nil when Kong has none.
func kongTarget(t *testing.T, upstream, target string) map[string]any {
	t.Helper()
	c := testKong(t)
	req, err := c.NewRequest(http.MethodGet, "/upstreams/"+url.PathEscape(upstream)+"/targets/"+url.PathEscape(target), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if _, err := c.Do(context.Background(), req, &got); err != nil {
		if kong.IsNotFoundErr(err) {
			return nil
		}
		t.Fatal(err)
	}
	return got
}

func TestAccTarget_lifecycle(t *testing.T) {
	upstream := randomName("tgt") + ".internal"
	const addr = "kong_target.test"
	minimal := targetConfig(upstream, "10.0.0.5:8080", "")
	var firstID string
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_upstream", getUpstream),
		Steps: []resource.TestStep{
			{
				Config: minimal,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("weight"), knownvalue.Int64Exact(100)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(randomIDPattern)),
					statecheck.CompareValuePairs(addr, tfjsonpath.New("upstream_id"), "kong_upstream.pool", tfjsonpath.New("id"), compareEqual{}),
				},
				Check: func(s *terraform.State) error {
					firstID = s.RootModule().Resources[addr].Primary.ID
					if got := kongTarget(t, upstream, "10.0.0.5:8080"); got == nil || got["id"] != firstID || got["weight"] != float64(100) {
						return fmt.Errorf("Kong holds %v", got)
					}
					return nil
				},
			},
			{
				// Weight, tags and even the address change in place, keeping the id.
				Config: targetConfig(upstream, "[2001:0db8:0000:0000:0000:0000:0000:0001]:443", `  weight = 0
  tags   = ["blue"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error {
					got := kongTarget(t, upstream, "[2001:0db8:0000:0000:0000:0000:0000:0001]:443")
					if got == nil || got["id"] != firstID || got["weight"] != float64(0) || fmt.Sprint(got["tags"]) != "[blue]" {
						return fmt.Errorf("Kong holds %v", got)
					}
					if old := kongTarget(t, upstream, "10.0.0.5:8080"); old != nil {
						return fmt.Errorf("the old address is still there: %v", old)
					}
					return nil
				},
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true,
				ImportStateId: upstream + "/[2001:0db8:0000:0000:0000:0000:0000:0001]:443"},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					rs := s.RootModule().Resources[addr]
					return rs.Primary.Attributes["upstream_id"] + "/" + rs.Primary.ID, nil
				}},
			{
				// Removing attributes resets them in Kong.
				Config: minimal,
				Check: func(*terraform.State) error {
					got := kongTarget(t, upstream, "10.0.0.5:8080")
					if got == nil || got["id"] != firstID || got["weight"] != float64(100) || got["tags"] != nil {
						return fmt.Errorf("not reset: %v", got)
					}
					return nil
				},
			},
			{
				// A weight changed outside Terraform shows in the plan and is put right.
				PreConfig: func() {
					kongJSON(t, http.MethodPatch, "/upstreams/"+upstream+"/targets/10.0.0.5:8080", map[string]any{"weight": 7})
				},
				Config: minimal,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("weight"), knownvalue.Int64Exact(100)),
					},
				},
			},
			outOfBandDeleteStep(t, addr, minimal, func(context.Context, *kong.Client) error {
				kongJSON(t, http.MethodDelete, "/upstreams/"+upstream+"/targets/10.0.0.5:8080", nil)
				return nil
			}),
			{
				// Deleting the upstream outside Terraform takes its targets along: both are created again.
				PreConfig: func() { kongJSON(t, http.MethodDelete, "/upstreams/"+upstream, nil) },
				Config:    minimal,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("kong_upstream.pool", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
					},
				},
			},
		},
	})
}

func TestAccTarget_invalidInputFailsAtPlan(t *testing.T) {
	const upstreamID = "00000000-0000-4000-8000-000000000001"
	cases := map[string]struct{ target, extra, want string }{
		"no port":             {"app.internal", "", `(?s)Invalid target.*has no port.*app.internal:8000`},
		"leading zeros":       {"010.0.0.1:80", "", `(?s)Invalid target.*10.0.0.1:80`},
		"port with zeros":     {"app.internal:0080", "", `(?s)Invalid target.*app.internal:80`},
		"short IPv6":          {"[::1]:80", "", `(?s)Invalid target.*0000:0000:0000:0000:0000:0000:0000:0001`},
		"IPv6 without port":   {"::1", "", `(?s)Invalid target.*has no port`},
		"port above 65535":    {"app.internal:65536", "", `(?s)Invalid target.*invalid port number`},
		"space":               {"app internal:80", "", `(?s)Invalid target.*not a valid target`},
		"bad IPv4":            {"300.0.0.1:80", "", `(?s)Invalid target`},
		"weight above 65535":  {"app.internal:80", "weight = 65536", `(?s)Attribute weight value must be between 0 and 65535`},
		"negative weight":     {"app.internal:80", "weight = -1", `(?s)Attribute weight value must be between 0 and 65535`},
		"fractional weight":   {"app.internal:80", "weight = 1.5", `(?s)weight must be a whole number`},
		"empty tag":           {"app.internal:80", `tags = [""]`, `(?s)Invalid tag`},
		"upstream id not id":  {"app.internal:80", "", ``},
		"IPv4 mapped in IPv6": {"[::ffff:1.2.3.4]:80", "", `(?s)Invalid target`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			upstream := upstreamID
			want := tc.want
			if want == "" {
				upstream, want = "billing", `(?s)is not a UUID`
			}
			expectPlanError(t, fmt.Sprintf("resource \"kong_target\" \"bad\" {\n  upstream_id = %q\n  target = %q\n  %s\n}\n",
				upstream, tc.target, tc.extra), want)
		})
	}
}

// An address another target of the upstream already holds fails with the holder's id and the import block.
func TestAccTarget_addressTaken(t *testing.T) {
	upstream := randomName("tgt-taken") + ".internal"
	up := kongJSON(t, http.MethodPost, "/upstreams", map[string]any{"name": upstream})
	defer kongJSON(t, http.MethodDelete, "/upstreams/"+upstream, nil)
	theirs := kongJSON(t, http.MethodPost, "/upstreams/"+upstream+"/targets", map[string]any{"target": "10.1.1.1:80", "weight": 5})
	shorten(t, &conflictGrace, 0)
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf("resource \"kong_target\" \"ours\" {\n  upstream_id = %q\n  target = \"10.1.1.1:80\"\n}\n", up["id"]),
			ExpectError: regexp.MustCompile(loosely(`Kong already has a target with target = "10.1.1.1:80" in upstream `+up["id"].(string)) +
				`[\s\S]*import \{[\s\S]*to = kong_target\.<name of this resource>[\s\S]*id = "` + theirs["id"].(string) + `"`),
		}},
	})
	if got := kongTarget(t, upstream, "10.1.1.1:80"); got["weight"] != float64(5) || got["id"] != theirs["id"] {
		t.Fatalf("the holder was changed: %v", got)
	}
}

// The chain a load-balanced API needs: an upstream, its targets, and a service whose host is the
// upstream's name. Kong is checked directly: the service points at the upstream, the targets are under it.
func TestAccTarget_upstreamTargetServiceChain(t *testing.T) {
	upstream := randomName("chain") + ".internal"
	config := fmt.Sprintf(`
resource "kong_upstream" "api" {
  name = %q
  healthchecks = {
    active = { http_path = "/health", healthy = { interval = 5 }, unhealthy = { interval = 5, http_failures = 2 } }
  }
}

resource "kong_target" "a" {
  upstream_id = kong_upstream.api.id
  target      = "10.0.1.10:8080"
}

resource "kong_target" "b" {
  upstream_id = kong_upstream.api.id
  target      = "10.0.2.10:8080"
  weight      = 50
}

resource "kong_service" "api" {
  name = %q
  host = kong_upstream.api.name
  port = 8080
}

data "kong_target" "b" {
  upstream = kong_upstream.api.name
  target   = kong_target.b.target
}
`, upstream, randomName("chain-svc"))
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_upstream", getUpstream),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.CompareValuePairs("data.kong_target.b", tfjsonpath.New("id"), "kong_target.b", tfjsonpath.New("id"), compareEqual{}),
				statecheck.ExpectKnownValue("data.kong_target.b", tfjsonpath.New("weight"), knownvalue.Int64Exact(50)),
			},
			Check: func(s *terraform.State) error {
				up := kongJSON(t, http.MethodGet, "/upstreams/"+upstream, nil)
				svc := kongJSON(t, http.MethodGet, "/services/"+s.RootModule().Resources["kong_service.api"].Primary.ID, nil)
				if svc["host"] != upstream || at(up, "healthchecks", "active", "http_path") != "/health" ||
					at(up, "healthchecks", "active", "unhealthy", "http_failures") != float64(2) {
					return fmt.Errorf("service %v, upstream %v", svc, up)
				}
				list := kongJSON(t, http.MethodGet, "/upstreams/"+upstream+"/targets", nil)
				weights := map[string]any{}
				for _, e := range list["data"].([]any) {
					tg := e.(map[string]any)
					if at(tg, "upstream", "id") != up["id"] {
						return fmt.Errorf("target under the wrong upstream: %v", tg)
					}
					weights[tg["target"].(string)] = tg["weight"]
				}
				if len(weights) != 2 || weights["10.0.1.10:8080"] != float64(100) || weights["10.0.2.10:8080"] != float64(50) {
					return fmt.Errorf("targets of the upstream: %v", weights)
				}
				return nil
			},
		}, {
			Config:   config,
			PlanOnly: true,
		}},
	})
}

// Two resources of one configuration that would be one Kong entity fail at plan: the same upstream name, or
// the same address within one upstream (the same address in two upstreams is fine).
func TestAccTarget_duplicatesInOneConfigurationFailAtPlan(t *testing.T) {
	name := randomName("dup") + ".internal"
	expectPlanError(t, fmt.Sprintf(`
resource "kong_upstream" "a" {
  name = %q
}
resource "kong_upstream" "b" {
  name = %q
}
`, name, name), `(?s)Two resources would be the same Kong entity.*name = "`+regexp.QuoteMeta(name)+`"`)
	expectPlanError(t, `
resource "kong_target" "a" {
  upstream_id = "00000000-0000-4000-8000-000000000001"
  target      = "10.0.0.1:80"
}
resource "kong_target" "b" {
  upstream_id = "00000000-0000-4000-8000-000000000001"
  target      = "10.0.0.1:80"
  weight      = 5
}
`, `(?s)Two resources would be the same Kong entity.*target = "10.0.0.1:80" in upstream`)
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
resource "kong_target" "a" {
  upstream_id = "00000000-0000-4000-8000-000000000001"
  target      = "10.0.0.1:80"
}
resource "kong_target" "b" {
  upstream_id = "00000000-0000-4000-8000-000000000002"
  target      = "10.0.0.1:80"
}
`,
			PlanOnly: true, ExpectNonEmptyPlan: true,
		}},
	})
}
