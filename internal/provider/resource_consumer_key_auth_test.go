package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/kong/go-kong/kong"
)

func TestPlannedKey(t *testing.T) {
	generated := consumerKeyAuthModel{Key: types.StringValue("kong-made"), KeyWOVersion: types.Int64Null()}
	writeOnly := consumerKeyAuthModel{Key: types.StringNull(), KeyWOVersion: types.Int64Value(1)}
	tests := []struct {
		name  string
		plan  consumerKeyAuthModel
		prior *consumerKeyAuthModel
		want  types.String
	}{
		{"create, generated", consumerKeyAuthModel{KeyWOVersion: types.Int64Null()}, nil, types.StringUnknown()},
		{"create, write-only", writeOnly, nil, types.StringNull()},
		{"update keeps the generated key", consumerKeyAuthModel{KeyWOVersion: types.Int64Null()}, &generated, types.StringValue("kong-made")},
		{"switch to write-only", writeOnly, &generated, types.StringNull()},
		{"leave write-only: Kong generates", consumerKeyAuthModel{KeyWOVersion: types.Int64Null()}, &writeOnly, types.StringUnknown()},
		{"version unknown still write-only", consumerKeyAuthModel{KeyWOVersion: types.Int64Unknown()}, &generated, types.StringNull()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := plannedKey(tt.plan, tt.prior); !got.Equal(tt.want) {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestExpandFlattenKeyAuth(t *testing.T) {
	ctx := context.Background()
	m := consumerKeyAuthModel{
		ID: types.StringValue("0b1f7c52-5d6a-4f0e-9c1a-2f3e4d5c6b7a"), ConsumerID: types.StringValue("c1"),
		KeyWO: types.StringValue("user-key"), KeyWOVersion: types.Int64Value(3), TTL: types.Int64Value(3600),
		Tags: types.SetNull(types.StringType), CreatedAt: types.Int64Value(1700000000),
	}
	var diags diag.Diagnostics
	m.Key = types.StringValue("ignored")
	cred := expandKeyAuth(ctx, m, []string{"managed"}, &diags)
	if kong.StringValue(cred.Key) != "user-key" || deref(cred.TTL) != 3600 ||
		len(cred.Tags) != 1 || diags.HasError() {
		t.Fatalf("expanded %+v (%v)", cred, diags)
	}
	m.KeyWOVersion, m.KeyWO = types.Int64Null(), types.StringNull()
	m.Key = types.StringValue("kept")
	if cred := expandKeyAuth(ctx, m, nil, &diags); kong.StringValue(cred.Key) != "kept" {
		t.Errorf("a generated key must be sent back unchanged, got %v", cred.Key)
	}
	m.Key = types.StringNull()
	if cred := expandKeyAuth(ctx, m, nil, &diags); cred.Key != nil {
		t.Errorf("no key means Kong generates one, got %v", *cred.Key)
	}

	answer := &kong.KeyAuth{ID: kong.String("id"), Key: kong.String("secret"), TTL: kong.Int(12),
		Consumer: &kong.Consumer{ID: kong.String("c2")}, Tags: kong.StringSlice("managed", "own")}
	got := flattenKeyAuth(answer, consumerKeyAuthModel{KeyWOVersion: types.Int64Value(1), TTL: types.Int64Value(3600)}, []string{"managed"})
	if !got.Key.IsNull() || got.TTL.ValueInt64() != 3600 || got.ConsumerID.ValueString() != "c2" || len(got.Tags.Elements()) != 1 {
		t.Errorf("write-only: %+v", got)
	}
	got = flattenKeyAuth(answer, consumerKeyAuthModel{KeyWOVersion: types.Int64Null()}, nil)
	// An expiry Kong holds where none was written is drift: it shows.
	if got.Key.ValueString() != "secret" || got.TTL.ValueInt64() != 12 {
		t.Errorf("generated: %+v", got)
	}
}

func TestSplitCredentialImportID(t *testing.T) {
	const id = "0b1f7c52-5d6a-4f0e-9c1a-2f3e4d5c6b7a"
	tests := []struct {
		in, consumer, id string
		ok               bool
	}{
		{id, "", id, true},
		{"alice/" + id, "alice", id, true},
		{"alice/api1", "alice", "api1", true},
		{"not-an-id", "", "", false},
		{"/x", "", "", false},
		{"alice/", "", "", false},
		{"a/b/c", "", "", false},
	}
	for _, tt := range tests {
		consumer, got, err := splitCredentialImportID(tt.in, "credential id")
		if (err == nil) != tt.ok || consumer != tt.consumer || got != tt.id {
			t.Errorf("split(%q) = %q, %q, %v", tt.in, consumer, got, err)
		}
	}
}

func getKeyAuth(ctx context.Context, c *kong.Client, id string) error {
	_, err := c.KeyAuths.GetByID(ctx, kong.String(id))
	return err
}

func TestAccConsumerKeyAuth_generatedKey(t *testing.T) {
	name := randomName("key-gen")
	const addr = "kong_consumer_key_auth.test"
	config := func(extra string) string {
		return fmt.Sprintf(`
resource "kong_consumer" "c" {
  username = %q
}

resource "kong_consumer_key_auth" "test" {
  consumer_id = kong_consumer.c.id
  %s
}
`, name, extra)
	}
	sameKey := statecheck.CompareValue(compare.ValuesSame())
	sameID := statecheck.CompareValue(compare.ValuesSame())
	var id string
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_consumer_key_auth", getKeyAuth),
		Steps: []resource.TestStep{
			{
				Config: config(""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("key")),
					sameKey.AddStateValue(addr, tfjsonpath.New("key")),
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
				},
				Check: func(s *terraform.State) error {
					id, _ = stateID(s, addr)
					if len(s.RootModule().Resources[addr].Primary.Attributes["key"]) != 32 {
						return fmt.Errorf("Kong's generated key is not in the state")
					}
					return nil
				},
			},
			{
				// Changing tags and ttl rewrites the credential in place and keeps the generated key.
				Config: config(`tags = ["orders"]
  ttl  = 86400`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					sameKey.AddStateValue(addr, tfjsonpath.New("key")),
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
				},
			},
			{
				ResourceName:            addr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"ttl"}, // Kong tells the remaining time only
			},
			{
				ResourceName:            addr,
				ImportState:             true,
				ImportStateIdFunc:       func(*terraform.State) (string, error) { return name + "/" + id, nil },
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"ttl"},
			},
			{
				// Removing attributes resets them. Kong cannot take an expiry off, so that replaces the credential.
				Config: config(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)},
				},
				Check: func(s *terraform.State) error {
					id, _ = stateID(s, addr)
					k, err := testKong(t).KeyAuths.GetByID(context.Background(), kong.String(id))
					if err != nil {
						return err
					}
					if len(k.Tags) != 0 || k.TTL != nil {
						return fmt.Errorf("not reset: %+v", k)
					}
					return nil
				},
			},
			{
				// Tags added outside Terraform are drift.
				PreConfig: func() {
					cred := &kong.KeyAuth{ID: kong.String(id), Tags: kong.StringSlice("added-by-hand")}
					if _, err := testKong(t).KeyAuths.Update(context.Background(), kong.String(name), cred); err != nil {
						t.Fatal(err)
					}
				},
				Config: config(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
			},
			{
				PreConfig: func() {
					if err := testKong(t).KeyAuths.Delete(context.Background(), kong.String(name), kong.String(id)); err != nil {
						t.Fatal(err)
					}
				},
				Config: config(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// TestAccConsumerKeyAuth_writeOnlyKey shows a write-only key works in Kong, never reaches the state, and
// rotates in place: same credential, old key gone, new key valid.
func TestAccConsumerKeyAuth_writeOnlyKey(t *testing.T) {
	name := randomName("key-wo")
	const addr = "kong_consumer_key_auth.test"
	config := func(key string, version int) string {
		return fmt.Sprintf(`
resource "kong_consumer" "c" {
  username = %q
}

resource "kong_consumer_key_auth" "test" {
  consumer_id    = kong_consumer.c.id
  key_wo         = %q
  key_wo_version = %d
}
`, name, key, version)
	}
	keyWorks := func(key string, want bool) resource.TestCheckFunc {
		return func(*terraform.State) error {
			_, err := testKong(t).KeyAuths.Get(context.Background(), kong.String(name), kong.String(key))
			if works := err == nil; works != want {
				return fmt.Errorf("key %q valid = %v, want %v (%v)", key[:4]+"...", works, want, err)
			}
			return nil
		}
	}
	noKeyInState := checkStateHoldsNone(addr, "first-key-", "second-key-")
	sameID := statecheck.CompareValue(compare.ValuesSame())
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_consumer_key_auth", getKeyAuth),
		Steps: []resource.TestStep{
			{
				Config: config("first-key-0123456789", 1),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("key"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("key_wo"), knownvalue.Null()),
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(noKeyInState, keyWorks("first-key-0123456789", true)),
			},
			{
				Config: config("second-key-0123456789", 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(addr, tfjsonpath.New("id"))},
				Check: resource.ComposeAggregateTestCheckFunc(noKeyInState,
					keyWorks("second-key-0123456789", true), keyWorks("first-key-0123456789", false)),
			},
		},
	})
}

func TestAccConsumerKeyAuth_invalidFailsAtPlan(t *testing.T) {
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
resource "kong_consumer_key_auth" "test" {
  consumer_id = "9b2e6f2a-3f59-4b9c-8a3b-0d7b1c1e2f3a"
  key_wo      = "no-version-given"
}
`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`key_wo_version`),
		}},
	})
}

// TestAccConsumerKeyAuth_ttlZeroIsNoExpiry: Kong reads ttl 0 as "no expiry", so the provider does too;
// going from an expiry to 0 replaces the credential, as removing ttl does.
func TestAccConsumerKeyAuth_ttlZeroIsNoExpiry(t *testing.T) {
	name := randomName("key-ttl0")
	const addr = "kong_consumer_key_auth.test"
	config := func(ttl int) string {
		return fmt.Sprintf(`
resource "kong_consumer" "c" {
  username = %q
}

resource "kong_consumer_key_auth" "test" {
  consumer_id = kong_consumer.c.id
  ttl         = %d
}
`, name, ttl)
	}
	expiry := func(want bool) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			id, err := stateID(s, addr)
			if err != nil {
				return err
			}
			k, err := testKong(t).KeyAuths.GetByID(context.Background(), kong.String(id))
			if err != nil {
				return err
			}
			if got := k.TTL != nil && *k.TTL > 0; got != want {
				return fmt.Errorf("Kong's credential expires: %v, want %v (ttl %v)", got, want, k.TTL)
			}
			return nil
		}
	}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_consumer_key_auth", getKeyAuth),
		Steps: []resource.TestStep{
			{Config: config(0), Check: expiry(false)},
			{
				Config:           config(3600),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)}},
				Check:            expiry(true),
			},
			{
				Config:           config(0),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)}},
				Check:            expiry(false),
			},
		},
	})
}
