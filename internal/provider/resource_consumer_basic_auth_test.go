package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

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

func TestBasicAuthHash(t *testing.T) {
	// sha1("pass123" .. "id123"), Kong's rule (kong/plugins/basic-auth/crypto.lua).
	if got := basicAuthHash("id123", "pass123"); got != "fc4f9b44781125d2ebd9c08e402d78501c59535b" {
		t.Errorf("got %s", got)
	}
}

func TestPlannedPasswordHash(t *testing.T) {
	const consumer = "0b1f7c52-5d6a-4f0e-9c1a-2f3e4d5c6b7a"
	current := types.StringValue(basicAuthHash(consumer, "pw"))
	tests := []struct {
		name                  string
		consumer, pass, prior types.String
		want                  types.String
	}{
		{"create", types.StringValue(consumer), types.StringValue("pw"), types.StringNull(), types.StringUnknown()},
		{"unchanged", types.StringValue(consumer), types.StringValue("pw"), current, current},
		{"new password", types.StringValue(consumer), types.StringValue("pw2"), current, types.StringUnknown()},
		{"changed in Kong", types.StringValue(consumer), types.StringValue("pw"), types.StringValue("0000"), types.StringUnknown()},
		{"consumer known at apply", types.StringUnknown(), types.StringValue("pw"), current, types.StringUnknown()},
		{"password known at apply", types.StringValue(consumer), types.StringUnknown(), current, types.StringUnknown()},
	}
	for _, tt := range tests {
		if got := plannedPasswordHash(tt.consumer, tt.pass, tt.prior); !got.Equal(tt.want) {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}

func getBasicAuth(ctx context.Context, c *kong.Client, id string) error {
	_, err := c.BasicAuths.GetByID(ctx, kong.String(id))
	return err
}

func kongBasicAuth(t *testing.T, id string) *kong.BasicAuth {
	t.Helper()
	got, err := testKong(t).BasicAuths.GetByID(context.Background(), kong.String(id))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestAccConsumerBasicAuth_lifecycle: the password reaches Kong (as Kong's hash) but never the state, rotates
// in place, a password or username changed outside Terraform is drift that the apply reverts, removed tags
// reset, import by id and by consumer/username, and an out-of-band delete is planned as a create.
func TestAccConsumerBasicAuth_lifecycle(t *testing.T) {
	name := randomName("basic")
	const addr = "kong_consumer_basic_auth.test"
	config := func(password string, version int, extra string) string {
		return fmt.Sprintf(`
resource "kong_consumer" "c" {
  username = %[1]q
}

resource "kong_consumer_basic_auth" "test" {
  consumer_id         = kong_consumer.c.id
  username            = "%[1]s-user"
  password_wo         = %[2]q
  password_wo_version = %[3]d
  %[4]s
}
`, name, password, version, extra)
	}
	var id, consumerID string
	hashIs := func(password string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			rs := s.RootModule().Resources[addr].Primary
			id, consumerID = rs.ID, rs.Attributes["consumer_id"]
			got := kong.StringValue(kongBasicAuth(t, id).Password)
			if got != basicAuthHash(consumerID, password) || rs.Attributes["password_hash"] != got {
				return fmt.Errorf("Kong's hash %s, state's %s: not the hash of the configured password", got, rs.Attributes["password_hash"])
			}
			return nil
		}
	}
	noPassword := checkStateHoldsNone(addr, "first-pass-", "second-pass-", "third-pass-")
	sameID := statecheck.CompareValue(compare.ValuesSame())
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)}}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_consumer_basic_auth", getBasicAuth),
		Steps: []resource.TestStep{
			{
				Config: config("first-pass-0123", 1, `tags = ["a"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("password_wo"), knownvalue.Null()),
					statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("password_hash")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(noPassword, hashIs("first-pass-0123")),
			},
			{
				// Tags change in place; the password stays.
				Config:            config("first-pass-0123", 1, `tags = ["a", "b"]`),
				ConfigPlanChecks:  update,
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(addr, tfjsonpath.New("id"))},
				Check:             resource.ComposeAggregateTestCheckFunc(noPassword, hashIs("first-pass-0123")),
			},
			{
				// Rotation with the version.
				Config:           config("second-pass-0123", 2, `tags = ["a", "b"]`),
				ConfigPlanChecks: update,
				Check:            resource.ComposeAggregateTestCheckFunc(noPassword, hashIs("second-pass-0123")),
			},
			{
				// A new password without a new version shows too: Kong's hash would differ.
				Config:           config("third-pass-0123", 2, `tags = ["a", "b"]`),
				ConfigPlanChecks: update,
				Check:            resource.ComposeAggregateTestCheckFunc(noPassword, hashIs("third-pass-0123")),
			},
			{
				ResourceName: addr, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"password_wo_version"},
			},
			{
				ResourceName: addr, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"password_wo_version"},
				ImportStateIdFunc:       func(*terraform.State) (string, error) { return name + "/" + name + "-user", nil },
			},
			{
				ResourceName: addr, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"password_wo_version"},
				ImportStateIdFunc:       func(*terraform.State) (string, error) { return consumerID + "/" + id, nil },
			},
			{
				// A password and username changed outside Terraform are drift, and the apply writes the configured ones.
				PreConfig: func() {
					cred := &kong.BasicAuth{ID: kong.String(id), Username: kong.String(name + "-other"), Password: kong.String("intruder")}
					if _, err := testKong(t).BasicAuths.Update(context.Background(), kong.String(consumerID), cred); err != nil {
						t.Fatal(err)
					}
				},
				Config: config("third-pass-0123", 2, `tags = ["a", "b"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(addr, tfjsonpath.New("password_hash")),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("username"), knownvalue.StringExact(name+"-user")),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(hashIs("third-pass-0123"), func(*terraform.State) error {
					if got := kong.StringValue(kongBasicAuth(t, id).Username); got != name+"-user" {
						return fmt.Errorf("username not reverted: %s", got)
					}
					return nil
				}),
			},
			{
				// Removing the tags resets them in Kong.
				Config:           config("third-pass-0123", 2, ""),
				ConfigPlanChecks: update,
				Check: func(*terraform.State) error {
					if got := kongBasicAuth(t, id); len(got.Tags) != 0 {
						return fmt.Errorf("tags not reset: %v", got.Tags)
					}
					return nil
				},
			},
			{
				PreConfig: func() {
					if err := testKong(t).BasicAuths.Delete(context.Background(), kong.String(consumerID), kong.String(id)); err != nil {
						t.Fatal(err)
					}
				},
				Config: config("third-pass-0123", 2, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
				Check: hashIs("third-pass-0123"),
			},
		},
	})
}

// A username another consumer's credential holds is not taken over: the create fails naming the holder
// with the import block, and the holder is unchanged.
func TestAccConsumerBasicAuth_takenUsername(t *testing.T) {
	name := randomName("basic-own")
	ctx := context.Background()
	theirs, err := testKong(t).Consumers.Create(ctx, &kong.Consumer{Username: kong.String(name + "-theirs")})
	if err != nil {
		t.Fatal(err)
	}
	defer testKong(t).Consumers.Delete(ctx, theirs.ID) //nolint:errcheck
	held, err := testKong(t).BasicAuths.Create(ctx, theirs.ID, &kong.BasicAuth{Username: kong.String(name), Password: kong.String("theirs")})
	if err != nil {
		t.Fatal(err)
	}
	shorten(t, &conflictGrace, 0)
	config := fmt.Sprintf(`
resource "kong_consumer" "c" {
  username = %[1]q
}

resource "kong_consumer_basic_auth" "test" {
  consumer_id         = kong_consumer.c.id
  username            = %[1]q
  password_wo         = "ours-0123"
  password_wo_version = 1
}
`, name)
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ExpectError: regexp.MustCompile(loosely(`Kong already has a basic-auth credential with username = "`+name+`"`) +
				`[\s\S]*to = kong_consumer_basic_auth\.<name of this resource>[\s\S]*id = "` + *held.ID + `"`),
		}},
	})
	got := kongBasicAuth(t, *held.ID)
	if kong.StringValue(got.Consumer.ID) != *theirs.ID || kong.StringValue(got.Password) != basicAuthHash(*theirs.ID, "theirs") {
		t.Errorf("the holder was changed: %+v", got)
	}
}

func TestAccConsumerBasicAuth_invalidFailsAtPlan(t *testing.T) {
	const consumer = `consumer_id = "9b2e6f2a-3f59-4b9c-8a3b-0d7b1c1e2f3a"`
	cases := []struct{ name, body, want string }{
		{"empty username", consumer + "\n  username = \"\"\n  password_wo = \"p\"", `(?s)username.*at least 1`},
		{"empty password", consumer + "\n  username = \"u\"\n  password_wo = \"\"", `(?s)password_wo.*at least 1`},
		{"no password", consumer + "\n  username = \"u\"", `The argument "password_wo" is required`},
		{"bad consumer", "consumer_id = \"bob\"\n  username = \"u\"\n  password_wo = \"p\"", `(?s)consumer_id.*not a UUID`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectPlanError(t, "resource \"kong_consumer_basic_auth\" \"test\" {\n  "+tc.body+"\n}\n", tc.want)
		})
	}
	t.Run("one username twice", func(t *testing.T) {
		two := "resource \"kong_consumer_basic_auth\" \"a\" {\n  " + consumer + "\n  username = \"same\"\n  password_wo = \"p\"\n}\n"
		expectPlanError(t, two+strings.Replace(two, `"a"`, `"b"`, 1), `Two resources would be the same Kong entity`)
	})
}
