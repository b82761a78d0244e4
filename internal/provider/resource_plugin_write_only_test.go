package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/kong/go-kong/kong"
)

// TestAccPlugin_writeOnlyConfig shows kong_plugin's config_wo: the secret reaches Kong but not the state,
// the plan or Terraform's debug log; the second plan is empty although Kong holds a field the state does not;
// a new version rewrites it.
func TestAccPlugin_writeOnlyConfig(t *testing.T) {
	logPath := filepath.Join(t.TempDir(), "terraform.log")
	t.Setenv("TF_LOG", "DEBUG")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	name := randomName("plugin-wo")
	const addr = "kong_plugin.test"
	// The secret is assembled in HCL, so the configuration text never holds it: only an evaluated value
	// written somewhere could put it in the log.
	config := func(n, version int) string {
		return serviceAndRoute(name) + fmt.Sprintf(`
resource "kong_plugin" "test" {
  name       = "rate-limiting"
  service_id = kong_service.api.id
  config = {
    minute = 10
    policy = "redis"
    redis  = { host = "redis.internal" }
  }
  config_wo         = jsonencode({ redis = { password = join("-", ["wo", "secret", "%d"]) } })
  config_wo_version = %d
}
`, n, version)
	}
	kongSecret := func(want string) resource.TestCheckFunc {
		return checkKongPlugin(t, func() *kong.Client { return testKong(t) }, addr, func(p *kong.Plugin) error {
			redis, _ := p.Config["redis"].(map[string]any)
			if redis["password"] != want || redis["host"] != "redis.internal" {
				return fmt.Errorf("Kong holds config %v", p.Config)
			}
			return nil
		})
	}
	noSecret := checkStateHoldsNone(addr, "wo-secret-1", "wo-secret-2")
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_plugin", getPlugin),
		Steps: []resource.TestStep{
			{
				Config: config(1, 1),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("config_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("sensitive_config"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("config_wo_fields"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("redis.password"),
					})),
				},
				Check: resource.ComposeAggregateTestCheckFunc(noSecret, kongSecret("wo-secret-1")),
			},
			{
				Config: config(2, 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(noSecret, kongSecret("wo-secret-2"), checkLogHoldsNone(logPath, "wo-secret-1", "wo-secret-2")),
			},
		},
	})
}

// checkLogHoldsNone fails when Terraform's log holds one of the secrets.
func checkLogHoldsNone(logPath string, secrets ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		b, err := os.ReadFile(logPath)
		if err != nil {
			return err
		}
		if !strings.Contains(string(b), "kong_plugin") {
			return fmt.Errorf("the log at %s is not Terraform's debug log of this test", logPath)
		}
		for _, s := range secrets {
			if strings.Contains(string(b), s) {
				return fmt.Errorf("Terraform's log holds a secret")
			}
		}
		return nil
	}
}
