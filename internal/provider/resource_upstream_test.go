package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/kong/go-kong/kong"
)

func getUpstream(ctx context.Context, c *kong.Client, id string) error {
	_, err := c.Upstreams.Get(ctx, kong.String(id))
	return err
}

// kongJSON makes an Admin API request outside the provider and decodes the answer (nil for none).
func kongJSON(t *testing.T, method, endpoint string, body any) map[string]any {
	t.Helper()
	c := testKong(t)
	req, err := c.NewRequest(method, endpoint, nil, body)
	if err != nil {
		t.Fatal(err)
	}
	var raw json.RawMessage
	var into any = &raw
	if method == http.MethodDelete {
		into = nil // 204, no body to decode
	}
	if _, err := c.Do(context.Background(), req, into); err != nil {
		t.Fatalf("%s %s: %v", method, endpoint, err)
	}
	var out map[string]any
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &out); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// at reads a nested value of a decoded JSON object by its keys.
func at(v any, keys ...string) any {
	for _, k := range keys {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}

func testCheckKongUpstream(t *testing.T, name string, check func(u map[string]any) error) resource.TestCheckFunc {
	return func(*terraform.State) error { return check(kongJSON(t, http.MethodGet, "/upstreams/"+name, nil)) }
}

func TestAccUpstream_lifecycle(t *testing.T) {
	name := randomName("up") + ".internal"
	const addr = "kong_upstream.test"
	minimal := fmt.Sprintf(`
resource "kong_upstream" "test" {
  name = %q
}
`, name)
	full := fmt.Sprintf(`
resource "kong_upstream" "test" {
  name                 = %q
  algorithm            = "consistent-hashing"
  hash_on              = "header"
  hash_on_header       = "X-Tenant"
  hash_fallback        = "cookie"
  hash_on_cookie       = "tenant"
  hash_on_cookie_path  = "/app"
  slots                = 1024
  host_header          = "app.internal:8443"
  use_srv_name         = true
  tags                 = ["team-a"]
  healthchecks = {
    threshold = 25.5
    active = {
      type      = "https"
      timeout   = 2.5
      https_sni = "probe.internal"
      headers   = { X-Probe = ["1", "2"] }
      healthy   = { interval = 5, successes = 2 }
      unhealthy = { http_statuses = [] }
    }
    passive = {
      unhealthy = { http_failures = 3 }
    }
  }
}
`, name)
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_upstream", getUpstream),
		Steps: slices.Concat([]resource.TestStep{
			{
				Config: minimal,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("algorithm"), knownvalue.StringExact("round-robin")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("slots"), knownvalue.Int64Exact(10000)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("healthchecks").AtMapKey("active").AtMapKey("timeout"), knownvalue.Float64Exact(1)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("healthchecks").AtMapKey("passive").AtMapKey("unhealthy").AtMapKey("http_statuses"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.Int64Exact(429), knownvalue.Int64Exact(500), knownvalue.Int64Exact(503)})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("healthchecks").AtMapKey("active").AtMapKey("https_sni"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(randomIDPattern)),
				},
			},
			{
				Config: full,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: testCheckKongUpstream(t, name, func(u map[string]any) error {
					hc := u["healthchecks"]
					if u["algorithm"] != "consistent-hashing" || u["hash_on_header"] != "X-Tenant" || u["hash_fallback"] != "cookie" ||
						u["slots"] != float64(1024) || u["host_header"] != "app.internal:8443" || u["use_srv_name"] != true ||
						at(hc, "threshold") != 25.5 || at(hc, "active", "timeout") != 2.5 || at(hc, "active", "type") != "https" ||
						at(hc, "active", "concurrency") != float64(10) || at(hc, "active", "healthy", "interval") != float64(5) ||
						len(at(hc, "active", "unhealthy", "http_statuses").([]any)) != 0 ||
						len(at(hc, "active", "healthy", "http_statuses").([]any)) != 2 ||
						at(hc, "passive", "unhealthy", "http_failures") != float64(3) ||
						fmt.Sprint(at(hc, "active", "headers")) != "map[X-Probe:[1 2]]" {
						return fmt.Errorf("Kong holds %v", u)
					}
					return nil
				}),
			},
		}, importSteps(addr, name), []resource.TestStep{
			{
				// Removing attributes resets them in Kong, the healthchecks record included.
				Config: minimal,
				Check: testCheckKongUpstream(t, name, func(u map[string]any) error {
					hc := u["healthchecks"]
					if u["algorithm"] != "round-robin" || u["hash_on"] != "none" || u["hash_on_header"] != nil || u["slots"] != float64(10000) ||
						u["tags"] != nil || u["host_header"] != nil || at(hc, "threshold") != float64(0) || at(hc, "active", "timeout") != float64(1) ||
						at(hc, "active", "headers") != nil || at(hc, "active", "https_sni") != nil ||
						len(at(hc, "active", "unhealthy", "http_statuses").([]any)) != 8 {
						return fmt.Errorf("attributes were not reset: %v", u)
					}
					return nil
				}),
			},
			{
				// Changes outside Terraform in fields the configuration leaves out show in the plan.
				PreConfig: func() {
					kongJSON(t, http.MethodPatch, "/upstreams/"+name, map[string]any{"slots": 20,
						"healthchecks": map[string]any{"active": map[string]any{"concurrency": 3}, "threshold": 50}})
				},
				Config: minimal,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("slots"), knownvalue.Int64Exact(10000)),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("healthchecks").AtMapKey("active").AtMapKey("concurrency"), knownvalue.Int64Exact(10)),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("healthchecks").AtMapKey("threshold"), knownvalue.Float64Exact(0)),
					},
				},
				Check: testCheckKongUpstream(t, name, func(u map[string]any) error {
					if u["slots"] != float64(10000) || at(u, "healthchecks", "active", "concurrency") != float64(10) {
						return fmt.Errorf("drift was not put right: %v", u)
					}
					return nil
				}),
			},
			outOfBandDeleteStep(t, addr, minimal, func(ctx context.Context, c *kong.Client) error {
				return c.Upstreams.Delete(ctx, kong.String(name))
			}),
		}),
	})
}

func TestAccUpstream_invalidInputFailsAtPlan(t *testing.T) {
	cases := map[string]struct{ body, want string }{
		"name with a port":      {`name = "a.internal:80"`, `(?s)Invalid upstream name.*has a port`},
		"name that is an IP":    {`name = "10.0.0.1"`, `(?s)Invalid upstream name.*is an IP address`},
		"name with a space":     {`name = "a b"`, `(?s)Invalid upstream name.*not a valid host name`},
		"name with empty label": {`name = "a..b"`, `(?s)Invalid upstream name`},
		"unknown algorithm":     {`name = "u"` + "\n" + `algorithm = "random"`, `(?s)Attribute algorithm value must be one of`},
		"hash_on without consistent-hashing": {`name = "u"` + "\n" + `hash_on = "ip"`,
			`(?s)Hashing needs consistent-hashing.*algorithm`},
		"least-connections with hash_on": {`name = "u"` + "\n" + `algorithm = "least-connections"` + "\n" + `hash_on = "ip"`,
			`(?s)Hashing needs consistent-hashing.*ignores hash_on`},
		"consistent-hashing without hash_on": {`name = "u"` + "\n" + `algorithm = "consistent-hashing"`,
			`(?s)Consistent hashing needs hash_on`},
		"header hashing without a header": {`name = "u"` + "\n" + `algorithm = "consistent-hashing"` + "\n" + `hash_on = "header"`,
			`(?s)Missing hash_on_header`},
		"fallback equal to hash_on": {`name = "u"` + "\n" + `algorithm = "consistent-hashing"` + "\n" + `hash_on = "ip"` + "\n" + `hash_fallback = "ip"`,
			`(?s)Invalid hash_fallback`},
		"fallback when hash_on is none": {`name = "u"` + "\n" + `hash_fallback = "ip"`, `(?s)Invalid hash_fallback`},
		"same header twice": {`name = "u"` + "\n" + `algorithm = "consistent-hashing"` + "\n" + `hash_on = "header"` + "\n" +
			`hash_fallback = "header"` + "\n" + `hash_on_header = "X-A"` + "\n" + `hash_fallback_header = "X-A"`, `(?s)Same value twice`},
		"bad header name":     {`name = "u"` + "\n" + `hash_on_header = "X A"`, `(?s)Invalid header name`},
		"bad cookie name":     {`name = "u"` + "\n" + `hash_on_cookie = "a;b"`, `(?s)Invalid cookie name`},
		"slots too small":     {`name = "u"` + "\n" + `slots = 9`, `(?s)Attribute slots value must be between 10 and 65536`},
		"slots too large":     {`name = "u"` + "\n" + `slots = 65537`, `(?s)Attribute slots value must be between 10 and 65536`},
		"slots not whole":     {`name = "u"` + "\n" + `slots = 100.5`, `(?s)slots must be a whole number`},
		"cookie path":         {`name = "u"` + "\n" + `hash_on_cookie_path = "x"`, `(?s)Invalid path`},
		"host header port":    {`name = "u"` + "\n" + `host_header = "a:70000"`, `(?s)Invalid host.*invalid port number`},
		"empty query arg":     {`name = "u"` + "\n" + `hash_on_query_arg = ""`, `(?s)hash_on_query_arg string length must be at least 1`},
		"probe concurrency":   {`name = "u"` + "\n" + `healthchecks = { active = { concurrency = 0 } }`, `(?s)concurrency value must be between 1`},
		"probe timeout":       {`name = "u"` + "\n" + `healthchecks = { active = { timeout = 65536 } }`, `(?s)timeout value must be between 0`},
		"threshold":           {`name = "u"` + "\n" + `healthchecks = { threshold = 100.5 }`, `(?s)threshold value must be between 0`},
		"status out of range": {`name = "u"` + "\n" + `healthchecks = { passive = { healthy = { http_statuses = [99] } } }`, `(?s)http_statuses\[0\] value must be between\s+100\s+and\s+999`},
		"failures above 255":  {`name = "u"` + "\n" + `healthchecks = { passive = { unhealthy = { tcp_failures = 256 } } }`, `(?s)tcp_failures value must be between 0\s+and\s+255`},
		"probe type":          {`name = "u"` + "\n" + `healthchecks = { active = { type = "udp" } }`, `(?s)type value must be one of`},
		"probe sni is an IP":  {`name = "u"` + "\n" + `healthchecks = { active = { https_sni = "10.0.0.1" } }`, `(?s)Invalid SNI`},
		"probe header name":   {`name = "u"` + "\n" + `healthchecks = { active = { headers = { "X A" = ["1"] } } }`, `(?s)Invalid header name`},
		"probe path":          {`name = "u"` + "\n" + `healthchecks = { active = { http_path = "//x" } }`, `(?s)Invalid path`},
		"client certificate":  {`name = "u"` + "\n" + `client_certificate_id = "x"`, `(?s)is not a UUID`},
		"tag with a slash":    {`name = "u"` + "\n" + `tags = ["a/b"]`, `(?s)Invalid tag`},
		"status not whole": {`name = "u"` + "\n" + `healthchecks = { passive = { healthy = { http_statuses = [200, 200.5] } } }`,
			`(?s)Not a whole number.*http_statuses\[1\] must be a whole number; 200.5 is not`},
		"successes not whole":  {`name = "u"` + "\n" + `healthchecks = { active = { healthy = { successes = 1.5 } } }`, `(?s)successes must be a whole number`},
		"null probe header":    {`name = "u"` + "\n" + `healthchecks = { active = { headers = { X-A = null } } }`, `(?s)null`},
		"null element in list": {`name = "u"` + "\n" + `healthchecks = { active = { headers = { X-A = ["1", null] } } }`, `(?s)null`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			expectPlanError(t, fmt.Sprintf("resource \"kong_upstream\" \"bad\" {\n%s\n}\n", tc.body), tc.want)
		})
	}
}

// An upstream name another team's upstream holds fails with the holder's id and the import block, and
// leaves that upstream as it was.
func TestAccUpstream_nameTaken(t *testing.T) {
	name := randomName("up-taken") + ".internal"
	theirs := kongJSON(t, http.MethodPost, "/upstreams", map[string]any{"name": name, "slots": 20})
	defer kongJSON(t, http.MethodDelete, "/upstreams/"+name, nil)
	shorten(t, &conflictGrace, 0)
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf("resource \"kong_upstream\" \"ours\" {\n  name = %q\n}\n", name),
			ExpectError: regexp.MustCompile(loosely(`Kong already has a upstream with name = "`+name+`"`) +
				`[\s\S]*import \{[\s\S]*to = kong_upstream\.<name of this resource>[\s\S]*id = "` + theirs["id"].(string) + `"`),
		}},
	})
	if got := kongJSON(t, http.MethodGet, "/upstreams/"+name, nil); got["slots"] != float64(20) || got["id"] != theirs["id"] {
		t.Fatalf("the holder was changed: %v", got)
	}
}

func TestAccUpstream_dataSource(t *testing.T) {
	name := randomName("up-ds") + ".internal"
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "kong_upstream" "test" {
  name = %q
  slots = 64
  healthchecks = { active = { timeout = 3.5 } }
}
data "kong_upstream" "by_name" {
  name = kong_upstream.test.name
}
data "kong_upstream" "by_id" {
  id = kong_upstream.test.id
}
`, name),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.CompareValuePairs("data.kong_upstream.by_name", tfjsonpath.New("id"), "kong_upstream.test", tfjsonpath.New("id"), compareEqual{}),
				statecheck.CompareValuePairs("data.kong_upstream.by_id", tfjsonpath.New("healthchecks"), "kong_upstream.test", tfjsonpath.New("healthchecks"), compareEqual{}),
				statecheck.ExpectKnownValue("data.kong_upstream.by_id", tfjsonpath.New("slots"), knownvalue.Int64Exact(64)),
				statecheck.ExpectKnownValue("data.kong_upstream.by_name", tfjsonpath.New("healthchecks").AtMapKey("active").AtMapKey("timeout"), knownvalue.Float64Exact(3.5)),
			},
		}, {
			Config:      `data "kong_upstream" "missing" { name = "no-such-upstream.internal" }`,
			ExpectError: regexp.MustCompile(`Kong upstream not found`),
		}},
	})
}
