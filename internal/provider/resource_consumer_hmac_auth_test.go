package provider

import (
	"context"
	"fmt"
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

func getHMACAuth(ctx context.Context, c *kong.Client, id string) error {
	_, err := c.HMACAuths.GetByID(ctx, kong.String(id))
	return err
}

func kongHMACAuth(t *testing.T, id string) *kong.HMACAuth {
	t.Helper()
	got, err := testKong(t).HMACAuths.GetByID(context.Background(), kong.String(id))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestAccConsumerHMACAuth_lifecycle: the write-only secret reaches Kong but never the state and rotates with
// its version; leaving it lets Kong generate one, which updates keep; a username changed outside Terraform
// is drift; removed tags reset; import by id and consumer/username; an out-of-band delete plans a create.
func TestAccConsumerHMACAuth_lifecycle(t *testing.T) {
	name := randomName("hmac")
	const addr = "kong_consumer_hmac_auth.test"
	config := func(secret string, version int, tags string) string {
		wo := ""
		if secret != "" {
			wo = fmt.Sprintf("secret_wo = %q\n  secret_wo_version = %d", secret, version)
		}
		return fmt.Sprintf(`
resource "kong_consumer" "c" {
  username = %[1]q
}

resource "kong_consumer_hmac_auth" "test" {
  consumer_id = kong_consumer.c.id
  username    = "%[1]s-user"
  %[2]s
  %[3]s
}
`, name, tags, wo)
	}
	var id, consumerID, generated string
	secretIs := func(want string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			rs := s.RootModule().Resources[addr].Primary
			id, consumerID = rs.ID, rs.Attributes["consumer_id"]
			if got := kong.StringValue(kongHMACAuth(t, id).Secret); got != want {
				return fmt.Errorf("Kong's secret is %.4s..., want %.4s...", got, want)
			}
			return nil
		}
	}
	noSecret := checkStateHoldsNone(addr, "first-secret-", "second-secret-")
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)}}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_consumer_hmac_auth", getHMACAuth),
		Steps: []resource.TestStep{
			{
				Config:            config("first-secret-0123456789", 1, `tags = ["a"]`),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("secret_wo"), knownvalue.Null())},
				Check:             resource.ComposeAggregateTestCheckFunc(noSecret, secretIs("first-secret-0123456789")),
			},
			{
				Config:           config("second-secret-0123456789", 2, `tags = ["a"]`),
				ConfigPlanChecks: update,
				Check:            resource.ComposeAggregateTestCheckFunc(noSecret, secretIs("second-secret-0123456789")),
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"secret_wo_version"}},
			{
				ResourceName: addr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"secret_wo_version"},
				ImportStateIdFunc: func(*terraform.State) (string, error) { return name + "/" + name + "-user", nil },
			},
			{
				// A username changed outside Terraform is drift; the secret stays the configured one.
				PreConfig: func() {
					cred := &kong.HMACAuth{ID: kong.String(id), Username: kong.String(name + "-other")}
					if _, err := testKong(t).HMACAuths.Update(context.Background(), kong.String(consumerID), cred); err != nil {
						t.Fatal(err)
					}
				},
				Config: config("second-secret-0123456789", 2, `tags = ["a"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("username"), knownvalue.StringExact(name+"-user")),
				}},
				Check: secretIs("second-secret-0123456789"),
			},
			{
				// Leaving the write-only secret: Kong generates a new one; removed tags reset.
				Config:           config("", 0, ""),
				ConfigPlanChecks: update,
				Check: func(s *terraform.State) error {
					got := kongHMACAuth(t, id)
					generated = kong.StringValue(got.Secret)
					if generated == "" || generated == "second-secret-0123456789" || len(got.Tags) != 0 {
						return fmt.Errorf("Kong holds %+v", got)
					}
					return nil
				},
			},
			{
				// An update keeps the secret Kong generated.
				Config:           config("", 0, `tags = ["c"]`),
				ConfigPlanChecks: update,
				Check:            func(s *terraform.State) error { return secretIs(generated)(s) },
			},
			{
				PreConfig: func() {
					if err := testKong(t).HMACAuths.Delete(context.Background(), kong.String(consumerID), kong.String(id)); err != nil {
						t.Fatal(err)
					}
				},
				Config: config("", 0, `tags = ["c"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// Two credentials of one configuration with the same username fail at plan; one held in Kong by another
// consumer fails the create naming the holder.
func TestAccConsumerHMACAuth_ownership(t *testing.T) {
	name := randomName("hmac-own")
	expectPlanError(t, fmt.Sprintf(`
resource "kong_consumer_hmac_auth" "a" {
  consumer_id = "9b2e6f2a-3f59-4b9c-8a3b-0d7b1c1e2f3a"
  username    = %[1]q
}

resource "kong_consumer_hmac_auth" "b" {
  consumer_id = "0b1f7c52-5d6a-4f0e-9c1a-2f3e4d5c6b7a"
  username    = %[1]q
}
`, name), `Two resources would be the same Kong entity`)

	ctx := context.Background()
	theirs, err := testKong(t).Consumers.Create(ctx, &kong.Consumer{Username: kong.String(name + "-theirs")})
	if err != nil {
		t.Fatal(err)
	}
	defer testKong(t).Consumers.Delete(ctx, theirs.ID) //nolint:errcheck
	held, err := testKong(t).HMACAuths.Create(ctx, theirs.ID, &kong.HMACAuth{Username: kong.String(name), Secret: kong.String("theirs-secret")})
	if err != nil {
		t.Fatal(err)
	}
	shorten(t, &conflictGrace, 0)
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "kong_consumer" "c" {
  username = %[1]q
}

resource "kong_consumer_hmac_auth" "test" {
  consumer_id = kong_consumer.c.id
  username    = %[1]q
}
`, name),
			ExpectError: regexp.MustCompile(loosely(`Kong already has a hmac-auth credential with username = "`+name+`"`) +
				`[\s\S]*id = "` + *held.ID + `"`),
		}},
	})
	if got := kongHMACAuth(t, *held.ID); kong.StringValue(got.Secret) != "theirs-secret" || kong.StringValue(got.Consumer.ID) != *theirs.ID {
		t.Errorf("the holder was changed: %+v", got)
	}
}

func TestAccConsumerHMACAuth_invalidFailsAtPlan(t *testing.T) {
	const consumer = `consumer_id = "9b2e6f2a-3f59-4b9c-8a3b-0d7b1c1e2f3a"`
	cases := []struct{ name, body, want string }{
		{"no username", consumer, `The argument "username" is required`},
		{"empty username", consumer + "\n  username = \"\"", `(?s)username.*at least 1`},
		{"secret without version", consumer + "\n  username = \"u\"\n  secret_wo = \"s\"", `secret_wo_version`},
		{"version without secret", consumer + "\n  username = \"u\"\n  secret_wo_version = 1", `(?s)secret_wo_version.*secret_wo`},
		{"empty secret", consumer + "\n  username = \"u\"\n  secret_wo = \"\"\n  secret_wo_version = 1", `(?s)secret_wo.*at least 1`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectPlanError(t, "resource \"kong_consumer_hmac_auth\" \"test\" {\n  "+tc.body+"\n}\n", tc.want)
		})
	}
}
