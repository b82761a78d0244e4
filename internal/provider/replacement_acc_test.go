package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/kong/go-kong/kong"
)

// Terraform plans the create half of a replacement on its own, after the plan that found the replacement.
// Both plans claim the entity's unique keys; these tests show the two halves are taken for one resource,
// not two that would be the same Kong entity.

// TestAccReplacement_keyAuthWriteOnlyKey replaces a credential with a write-only key (a claimed key) by
// removing its ttl, then by moving it to another consumer.
func TestAccReplacement_keyAuthWriteOnlyKey(t *testing.T) {
	name := randomName("key-repl")
	const addr = "kong_consumer_key_auth.test"
	config := func(consumer, extra string) string {
		return fmt.Sprintf(`
resource "kong_consumer" "a" {
  username = "%[1]s-a"
}

resource "kong_consumer" "b" {
  username = "%[1]s-b"
}

resource "kong_consumer_key_auth" "test" {
  consumer_id    = kong_consumer.%[2]s.id
  key_wo         = "replaced-key-0123456789"
  key_wo_version = 1
  %[3]s
}
`, name, consumer, extra)
	}
	keyOf := func(consumer string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			id, err := stateID(s, addr)
			if err != nil {
				return err
			}
			k, err := testKong(t).KeyAuths.Get(context.Background(), kong.String(name+"-"+consumer), kong.String("replaced-key-0123456789"))
			if err != nil {
				return fmt.Errorf("the key is not consumer %s's: %w", consumer, err)
			}
			if *k.ID != id || k.TTL != nil {
				return fmt.Errorf("Kong holds %s with ttl %v, want %s without expiry", *k.ID, k.TTL, id)
			}
			return nil
		}
	}
	replace := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)}}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_consumer_key_auth", getKeyAuth),
		Steps: []resource.TestStep{
			{Config: config("a", "ttl = 3600")},
			{Config: config("a", ""), ConfigPlanChecks: replace, Check: keyOf("a")},
			{Config: config("b", ""), ConfigPlanChecks: replace, Check: keyOf("b")},
		},
	})
}

// TestAccReplacement_pluginName replaces a plugin by changing its name, keeping its scope and instance
// name (both claimed keys).
func TestAccReplacement_pluginName(t *testing.T) {
	name := randomName("plugin-repl")
	const addr = "kong_plugin.test"
	config := func(plugin string) string {
		return fmt.Sprintf(`
resource "kong_service" "svc" {
  name = %[1]q
  host = "example.com"
}

resource "kong_plugin" "test" {
  name          = %[2]q
  instance_name = %[1]q
  service_id    = kong_service.svc.id
}
`, name, plugin)
	}
	isPlugin := func(want string) resource.TestCheckFunc {
		return checkKongPlugin(t, func() *kong.Client { return testKong(t) }, addr, func(p *kong.Plugin) error {
			if *p.Name != want || *p.InstanceName != name {
				return fmt.Errorf("Kong holds plugin %s named %s, want %s named %s", *p.Name, *p.InstanceName, want, name)
			}
			return nil
		})
	}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_plugin", getPlugin),
		Steps: []resource.TestStep{
			{Config: config("cors"), Check: isPlugin("cors")},
			{
				Config:           config("correlation-id"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)}},
				Check:            isPlugin("correlation-id"),
			},
		},
	})
}

// TestAccReplacement_credentialsMoveConsumer moves credentials whose unique keys are claimed (a basic-auth
// and an hmac-auth username, an OAuth2 client_id) to another consumer, which replaces each.
func TestAccReplacement_credentialsMoveConsumer(t *testing.T) {
	name := randomName("cred-move")
	config := func(consumer string) string {
		return fmt.Sprintf(`
resource "kong_consumer" "a" {
  username = "%[1]s-a"
}

resource "kong_consumer" "b" {
  username = "%[1]s-b"
}

resource "kong_consumer_basic_auth" "test" {
  consumer_id         = kong_consumer.%[2]s.id
  username            = "%[1]s-basic"
  password_wo         = "a-password"
  password_wo_version = 1
}

resource "kong_consumer_hmac_auth" "test" {
  consumer_id       = kong_consumer.%[2]s.id
  username          = "%[1]s-hmac"
  secret_wo         = "a-secret"
  secret_wo_version = 1
}

resource "kong_consumer_oauth2" "test" {
  consumer_id   = kong_consumer.%[2]s.id
  name          = "%[1]s-app"
  client_id     = "%[1]s-client"
  redirect_uris = ["https://example.com/cb"]
}
`, name, consumer)
	}
	var replace []plancheck.PlanCheck
	for _, addr := range []string{"kong_consumer_basic_auth.test", "kong_consumer_hmac_auth.test", "kong_consumer_oauth2.test"} {
		replace = append(replace, plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace))
	}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config("a")},
			{
				Config:           config("b"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: replace},
				Check: func(*terraform.State) error {
					_, err := testKong(t).BasicAuths.Get(context.Background(), kong.String(name+"-b"), kong.String(name+"-basic"))
					return err
				},
			},
		},
	})
}
