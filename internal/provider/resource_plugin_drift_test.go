package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/kong/go-kong/kong"
)

// Drift in fields the configuration leaves unset: each test applies, changes unset fields outside
// Terraform, expects a plan that puts them back to Kong's defaults, applies it and expects an empty plan.

// expectReset checks that the plan changes a resource from the value Kong was given out of band (before)
// back to unset (after). A path is attribute names from the resource down: "config", "redis", "database".
type expectReset struct {
	addr  string
	path  []string
	drift any // the out-of-band value, compared as JSON
	want  any // the planned value: nil for unset, or the default of an attribute with a planned default
}

func (e expectReset) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != e.addr {
			continue
		}
		before, _ := lookupPlanValue(rc.Change.Before, e.path)
		after, _ := lookupPlanValue(rc.Change.After, e.path)
		if !jsonEqual(normalizePlanValue(before), normalizePlanValue(e.drift)) {
			resp.Error = fmt.Errorf("%s: %v before the plan is %v, want the out-of-band %v", e.addr, e.path, before, e.drift)
		} else if !jsonEqual(normalizePlanValue(after), normalizePlanValue(e.want)) {
			resp.Error = fmt.Errorf("%s: %v is planned as %v, want %v (Kong's default)", e.addr, e.path, after, e.want)
		}
		return
	}
	resp.Error = fmt.Errorf("%s not in the plan", e.addr)
}

func lookupPlanValue(v any, p []string) (any, bool) {
	for _, step := range p {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[step]; !ok {
			return nil, false
		}
	}
	return v, true
}

// normalizePlanValue turns Go literals of a test into the JSON shapes a plan holds (numbers as float64).
func normalizePlanValue(v any) any {
	switch v := v.(type) {
	case int:
		return float64(v)
	case []string:
		out := make([]any, len(v))
		for i, s := range v {
			out[i] = s
		}
		return out
	}
	return v
}

// driftSteps are the steps after the first apply: the out-of-band change, a plan that shows each change
// going back, and the apply after which the plan is empty and Kong holds the defaults again.
func driftSteps(t *testing.T, config, addr string, patch map[string]any, resets []expectReset, check func(p *kong.Plugin) error) []resource.TestStep {
	checks := []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)}
	for _, r := range resets {
		checks = append(checks, r)
	}
	return []resource.TestStep{
		{
			PreConfig: func() {
				id := kongPluginIDByAddr(t, addr)
				patchPlugin(t, testKong(t), id, patch)
			},
			Config:             config,
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
			ConfigPlanChecks:   resource.ConfigPlanChecks{PostApplyPostRefresh: checks},
		},
		{
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: checks},
			Check:            checkKongPlugin(t, func() *kong.Client { return testKong(t) }, addr, check),
		},
	}
}

// lastPluginIDs remembers each resource's id from the last checked state, for PreConfig functions (which
// see no state).
var lastPluginIDs = map[string]string{}

func rememberID(addr string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id, err := stateID(s, addr)
		lastPluginIDs[addr] = id
		return err
	}
}

func kongPluginIDByAddr(t *testing.T, addr string) string {
	t.Helper()
	id, ok := lastPluginIDs[addr]
	if !ok {
		t.Fatalf("no id remembered for %s", addr)
	}
	return id
}

func TestAccPluginKeyAuth_driftOfUnsetFields(t *testing.T) {
	name := randomName("key-auth-drift")
	const addr = "kong_plugin_key_auth.test"
	config := serviceAndRoute(name) + `
resource "kong_plugin_key_auth" "test" {
  service_id       = kong_service.api.id
  hide_credentials = true
}
`
	const anonymous = "8f0e5d1c-0000-4000-8000-000000000001"
	patch := map[string]any{"config": map[string]any{"anonymous": anonymous, "key_in_query": false, "key_in_body": true, "realm": "x"}}
	resets := []expectReset{
		{addr, []string{"anonymous"}, anonymous, nil},
		{addr, []string{"key_in_query"}, false, nil},
		{addr, []string{"key_in_body"}, true, nil},
		{addr, []string{"realm"}, "x", nil},
	}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: append([]resource.TestStep{{Config: config, Check: rememberID(addr)}},
			driftSteps(t, config, addr, patch, resets, func(p *kong.Plugin) error {
				c := p.Config
				if c["anonymous"] != nil || c["key_in_query"] != true || c["key_in_body"] != false || c["realm"] != nil || c["hide_credentials"] != true {
					return fmt.Errorf("not reset: %v", c)
				}
				return nil
			})...),
	})
}

func TestAccPluginCORS_driftOfUnsetFields(t *testing.T) {
	name := randomName("cors-drift")
	const addr = "kong_plugin_cors.test"
	config := serviceAndRoute(name) + `
resource "kong_plugin_cors" "test" {
  route_id = kong_route.api.id
  origins  = ["https://ui.example.com"]
}
`
	patch := map[string]any{"config": map[string]any{"credentials": true, "max_age": 600, "methods": []string{"GET", "POST"}}}
	resets := []expectReset{
		{addr, []string{"credentials"}, true, nil},
		{addr, []string{"max_age"}, 600, nil},
		{addr, []string{"methods"}, []string{"GET", "POST"}, nil},
	}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: append([]resource.TestStep{{Config: config, Check: rememberID(addr)}},
			driftSteps(t, config, addr, patch, resets, func(p *kong.Plugin) error {
				c := p.Config
				if c["credentials"] != false || c["max_age"] != nil || len(c["methods"].([]any)) != 9 {
					return fmt.Errorf("not reset: %v", c)
				}
				return nil
			})...),
	})
}

// TestAccPluginAWSLambda_driftOfUnsetFields covers a field the provider derives (the region of the ARN):
// unset, it is expected to hold the derived value, not Kong's default.
func TestAccPluginAWSLambda_driftOfUnsetFields(t *testing.T) {
	name := randomName("lambda-drift")
	const addr = "kong_plugin_aws_lambda.test"
	config := serviceAndRoute(name) + `
resource "kong_plugin_aws_lambda" "test" {
  route_id      = kong_route.api.id
  function_name = "arn:aws:lambda:eu-west-1:123456789012:function:orders"
  aws_key       = "AKIAEXAMPLEEXAMPLE00"
  aws_secret_wo         = "never-in-state"
  aws_secret_wo_version = 1
}
`
	patch := map[string]any{"config": map[string]any{"aws_region": "us-east-1", "timeout": 1000, "forward_request_body": true}}
	resets := []expectReset{
		{addr, []string{"aws_region"}, "us-east-1", nil},
		{addr, []string{"timeout"}, 1000, nil},
		{addr, []string{"forward_request_body"}, true, nil},
	}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: append([]resource.TestStep{{Config: config, Check: resource.ComposeAggregateTestCheckFunc(
			rememberID(addr), checkStateHoldsNone(addr, "never-in-state"))}},
			driftSteps(t, config, addr, patch, resets, func(p *kong.Plugin) error {
				c := p.Config
				if c["aws_region"] != "eu-west-1" || c["timeout"] != 60000.0 || c["forward_request_body"] != false || c["aws_secret"] != "never-in-state" {
					return fmt.Errorf("not reset: %v", c)
				}
				return nil
			})...),
	})
}

// TestAccPlugin_driftOfUnsetFields covers kong_plugin, whose config is dynamic: Kong's schema gives the
// defaults. A field of a record the user wrote part of, a secret (planned in sensitive_config, never in
// config) and scope attributes are compared too.
func TestAccPlugin_driftOfUnsetFields(t *testing.T) {
	name := randomName("plugin-drift")
	const acl, limits = "kong_plugin.acl", "kong_plugin.limits"
	config := serviceAndRoute(name) + `
resource "kong_plugin" "acl" {
  name       = "acl"
  service_id = kong_service.api.id
  config     = { allow = ["admins"] }
}

resource "kong_plugin" "limits" {
  name     = "rate-limiting"
  route_id = kong_route.api.id
  config = {
    minute = 10
    redis  = { timeout = 3000 }
  }
}
`
	aclResets := []expectReset{
		{acl, []string{"config", "always_use_authenticated_groups"}, true, nil},
		{acl, []string{"config", "hide_groups_header"}, true, nil},
		{acl, []string{"enabled"}, false, true},
	}
	limitResets := []expectReset{
		{limits, []string{"config", "hour"}, 100, nil},
		{limits, []string{"config", "redis", "database"}, 3, nil},
		{limits, []string{"sensitive_config", "redis", "password"}, "leaked", nil},
	}
	steps := []resource.TestStep{{Config: config, Check: resource.ComposeAggregateTestCheckFunc(rememberID(acl), rememberID(limits))}}
	steps = append(steps, driftSteps(t, config, acl,
		map[string]any{"enabled": false, "config": map[string]any{"always_use_authenticated_groups": true, "hide_groups_header": true}},
		aclResets, func(p *kong.Plugin) error {
			if p.Config["always_use_authenticated_groups"] != false || p.Config["hide_groups_header"] != false || !deref(p.Enabled) {
				return fmt.Errorf("not reset: %v", p.Config)
			}
			return nil
		})...)
	steps = append(steps, driftSteps(t, config, limits,
		map[string]any{"config": map[string]any{"hour": 100, "redis": map[string]any{"database": 3, "password": "leaked"}}},
		limitResets, func(p *kong.Plugin) error {
			redis, _ := p.Config["redis"].(map[string]any)
			if p.Config["hour"] != nil || redis["database"] != 0.0 || redis["password"] != nil || redis["timeout"] != 3000.0 {
				return fmt.Errorf("not reset: %v", p.Config)
			}
			return nil
		})...)
	steps = append(steps, resource.TestStep{
		// The secret is planned in sensitive_config only: config never shows it.
		PreConfig: func() {
			patchPlugin(t, testKong(t), lastPluginIDs[limits], map[string]any{"config": map[string]any{"redis": map[string]any{"password": "leaked"}}})
		},
		Config:             config,
		PlanOnly:           true,
		ExpectNonEmptyPlan: true,
		ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
			expectNoneInConfig{limits, "leaked"},
		}},
	})
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	})
}

// expectNoneInConfig fails when the plan's config attribute, before or after, contains the text.
type expectNoneInConfig struct{ addr, text string }

func (e expectNoneInConfig) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != e.addr {
			continue
		}
		for _, side := range []any{rc.Change.Before, rc.Change.After} {
			v, _ := lookupPlanValue(side, []string{"config"})
			if b, _ := json.Marshal(v); strings.Contains(string(b), e.text) {
				resp.Error = fmt.Errorf("%s: config holds %q", e.addr, e.text)
			}
		}
	}
}

// TestAccCredentials_driftOfUnsetFields covers credentials: an expiry given outside Terraform to a key
// written without one (planned as a replacement, as Kong cannot take an expiry off), tags added outside
// Terraform and an ACL group changed outside Terraform.
func TestAccCredentials_driftOfUnsetFields(t *testing.T) {
	name := randomName("cred-drift")
	const key, acl = "kong_consumer_key_auth.test", "kong_consumer_acl.test"
	config := fmt.Sprintf(`
resource "kong_consumer" "c" {
  username = %q
}

resource "kong_consumer_key_auth" "test" {
  consumer_id = kong_consumer.c.id
}

resource "kong_consumer_acl" "test" {
  consumer_id = kong_consumer.c.id
  group       = "orders"
}
`, name)
	var consumer, keyID, aclID string
	remember := func(s *terraform.State) error {
		consumer = s.RootModule().Resources[key].Primary.Attributes["consumer_id"]
		keyID = s.RootModule().Resources[key].Primary.Attributes["id"]
		aclID = s.RootModule().Resources[acl].Primary.Attributes["id"]
		return nil
	}
	patch := func(collection, id string, body map[string]any) {
		kc := testKong(t)
		req, err := kc.NewRequest("PATCH", "/consumers/"+consumer+"/"+collection+"/"+id, nil, body)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := kc.Do(context.Background(), req, nil); err != nil {
			t.Fatalf("patching %s %s: %v", collection, id, err)
		}
	}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config, Check: remember},
			{
				PreConfig: func() {
					patch("key-auth", keyID, map[string]any{"ttl": 3600, "tags": []string{"intruder"}})
					patch("acls", aclID, map[string]any{"group": "admins", "tags": []string{"intruder"}})
				},
				Config:             config,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(key, plancheck.ResourceActionReplace),
					plancheck.ExpectKnownValue(key, tfjsonpath.New("ttl"), knownvalue.Null()), // Kong answers the remaining seconds
					expectReset{acl, []string{"group"}, "admins", "orders"},
					expectReset{acl, []string{"tags"}, []string{"intruder"}, nil},
				}},
			},
			{Config: config, Check: remember},
		},
	})
}
