package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/kong/go-kong/kong"
)

func getVault(ctx context.Context, c *kong.Client, id string) error {
	_, err := c.Vaults.Get(ctx, kong.String(id))
	return err
}

func kongVault(t *testing.T, prefix string) *kong.Vault {
	t.Helper()
	got, err := testKong(t).Vaults.Get(context.Background(), kong.String(prefix))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func vaultConfig(prefix, body string) string {
	return fmt.Sprintf(`
resource "kong_vault" "test" {
  prefix = %q
  %s
}
`, prefix, body)
}

// TestAccVault_lifecycle: created with every attribute, updated in place, imported by id and by prefix, drift
// in fields the configuration leaves unset shown and reverted, removed attributes reset in Kong, and an
// out-of-band delete planned as a create.
func TestAccVault_lifecycle(t *testing.T) {
	prefix := randomName("vault")
	const addr = "kong_vault.test"
	full := vaultConfig(prefix, `description = "secrets of the billing API"
  config = { prefix = "BILLING_" }
  tags   = ["billing"]`)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_vault", getVault),
		Steps: []resource.TestStep{
			{
				Config: full,
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("env")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("config").AtMapKey("prefix"), knownvalue.StringExact("BILLING_")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
				},
				Check: func(*terraform.State) error {
					got := kongVault(t, prefix)
					if kong.StringValue(got.Name) != "env" || got.Config["prefix"] != "BILLING_" || kong.StringValue(got.Description) == "" {
						return fmt.Errorf("Kong holds %+v", got)
					}
					return nil
				},
			},
			{
				Config: vaultConfig(prefix, `description = "renamed"
  config = { prefix = "PAY_" }
  tags   = ["billing", "pay"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(addr, tfjsonpath.New("id"))},
				Check: func(*terraform.State) error {
					if got := kongVault(t, prefix); got.Config["prefix"] != "PAY_" || len(got.Tags) != 2 {
						return fmt.Errorf("Kong holds %+v", got)
					}
					return nil
				},
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
			{
				ResourceName: addr, ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return prefix, nil },
			},
			{
				// Removing description, config and tags resets them in Kong.
				Config: vaultConfig(prefix, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("config").AtMapKey("prefix"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("description"), knownvalue.Null()),
				},
				Check: func(*terraform.State) error {
					if got := kongVault(t, prefix); got.Config["prefix"] != nil || got.Description != nil || len(got.Tags) != 0 {
						return fmt.Errorf("not reset: %+v", got)
					}
					return nil
				},
			},
			{
				// Fields the configuration leaves unset still show drift, and the apply reverts it.
				PreConfig: func() {
					v := kongVault(t, prefix)
					v.Config = kong.Configuration{"prefix": "OOB_"}
					v.Description = kong.String("set by hand")
					if _, err := testKong(t).Vaults.Update(context.Background(), v); err != nil {
						t.Fatal(err)
					}
				},
				Config: vaultConfig(prefix, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("config").AtMapKey("prefix"), knownvalue.Null()),
					},
				},
				Check: func(*terraform.State) error {
					if got := kongVault(t, prefix); got.Config["prefix"] != nil || got.Description != nil {
						return fmt.Errorf("drift not reverted: %+v", got)
					}
					return nil
				},
			},
			{
				PreConfig: func() {
					if err := testKong(t).Vaults.Delete(context.Background(), kong.String(prefix)); err != nil {
						t.Fatal(err)
					}
				},
				Config: vaultConfig(prefix, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// Bad vault input fails at plan on the attribute, and nothing reaches Kong.
func TestAccVault_badInputFailsAtPlan(t *testing.T) {
	cases := map[string]struct{ config, want string }{
		"a vault's name as prefix": {vaultConfig("env", ""), `prefix "env" is the name of a vault`},
		"upper case prefix":        {vaultConfig("My-vault", ""), `prefix "My-vault" must start with a lower-case letter`},
		"one character":            {vaultConfig("a", ""), `prefix "a" must start with a lower-case letter`},
		"trailing dash":            {vaultConfig("ab-", ""), `prefix "ab-" must start`},
		"env prefix with a dot":    {vaultConfig("ok-vault", `config = { prefix = "A.B" }`), `must start with a letter, '_' or '-'`},
		"a vault OSS lacks":        {vaultConfig("ok-vault", `name = "aws"`), `(?s)name.*value must be one of`},
		"empty description":        {vaultConfig("ok-vault", `description = ""`), `(?s)description.*at least 1`},
	}
	for label, tc := range cases {
		t.Run(label, func(t *testing.T) { expectPlanError(t, tc.config, tc.want) })
	}
}

// A prefix held by a vault this configuration does not manage is not taken over; two vaults of one
// configuration with one prefix fail at plan.
func TestAccVault_ownership(t *testing.T) {
	prefix := randomName("vault-own")
	theirs, err := testKong(t).Vaults.Create(context.Background(), &kong.Vault{Name: kong.String("env"), Prefix: kong.String(prefix),
		Config: kong.Configuration{"prefix": "THEIRS_"}})
	if err != nil {
		t.Fatal(err)
	}
	defer testKong(t).Vaults.Delete(context.Background(), theirs.ID) //nolint:errcheck
	shorten(t, &conflictGrace, 0)
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: vaultConfig(prefix, `config = { prefix = "OURS_" }`),
				ExpectError: regexp.MustCompile(loosely(`Kong already has a vault with prefix = "`+prefix+`"`) +
					`[\s\S]*to = kong_vault\.<name of this resource>[\s\S]*id = "` + *theirs.ID + `"`),
			},
			{
				Config: vaultConfig(prefix, "") + fmt.Sprintf(`
resource "kong_vault" "again" {
  prefix = %q
}
`, prefix),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Two resources would be the same Kong entity[\s\S]*` + loosely(`prefix = "`+prefix+`"`)),
			},
		},
	})
	if got := kongVault(t, prefix); got.Config["prefix"] != "THEIRS_" {
		t.Fatalf("the holder was changed: %+v", got)
	}
}

func TestAccDataSourceVault_lookups(t *testing.T) {
	prefix := randomName("ds-vault")
	config := vaultConfig(prefix, `config = { prefix = "APP_" }
  tags   = ["a"]`) + `
data "kong_vault" "by_id" {
  id = kong_vault.test.id
}

data "kong_vault" "by_prefix" {
  prefix = kong_vault.test.prefix
}
`
	attrs := []string{"id", "prefix", "name", "description", "config.prefix", "tags.#", "tags.0", "created_at"}
	testAccOneStep(t, resource.TestStep{
		Config: config,
		Check: resource.ComposeAggregateTestCheckFunc(
			testCheckSameAttributes("data.kong_vault.by_id", "kong_vault.test", attrs...),
			testCheckSameAttributes("data.kong_vault.by_prefix", "kong_vault.test", attrs...),
			resource.TestCheckResourceAttr("data.kong_vault.by_prefix", "config.prefix", "APP_"),
		),
	})
	testAccDataSourceError(t, `
data "kong_vault" "missing" {
  prefix = "no-such-vault"
}
`, `Kong has no vault with prefix "no-such-vault"`)
}
