package provider

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/kong/go-kong/kong"
)

func TestConsumerKeys(t *testing.T) {
	byName := consumerKeys(consumerModel{Username: types.StringValue("x"), CustomID: types.StringNull()})
	byCustomID := consumerKeys(consumerModel{Username: types.StringNull(), CustomID: types.StringValue("x")})
	both := consumerKeys(consumerModel{Username: types.StringValue("x"), CustomID: types.StringValue("y")})
	unknown := consumerKeys(consumerModel{Username: types.StringUnknown(), CustomID: types.StringNull()})
	if len(byName) != 1 || len(byCustomID) != 1 || len(both) != 2 || len(unknown) != 0 {
		t.Fatalf("keys: %d, %d, %d, %d; want 1, 1, 2, 0", len(byName), len(byCustomID), len(both), len(unknown))
	}
	if byName[0].identity == byCustomID[0].identity {
		t.Error("a username and an equal custom_id of two consumers are the same key")
	}
	if both[0].attribute.String() != "username" || both[1].attribute.String() != "custom_id" {
		t.Errorf("keys are reported on %s and %s", both[0].attribute, both[1].attribute)
	}
}

func TestExpandFlattenConsumer(t *testing.T) {
	cases := map[string]consumerModel{
		"all set": {ID: types.StringValue("8c1f5e2a-3b4d-4e6f-9a0b-1c2d3e4f5a6b"), Username: types.StringValue("angular-ui"),
			CustomID: types.StringValue("ui-42"), Tags: stringSetOf("frontend"), CreatedAt: types.Int64Value(1700000000)},
		"custom_id only": {ID: types.StringValue("8c1f5e2a-3b4d-4e6f-9a0b-1c2d3e4f5a6b"), Username: types.StringNull(),
			CustomID: types.StringValue("ui-42"), Tags: types.SetNull(types.StringType), CreatedAt: types.Int64Value(1700000000)},
		"empty tags kept": {ID: types.StringValue("8c1f5e2a-3b4d-4e6f-9a0b-1c2d3e4f5a6b"), Username: types.StringValue("a"),
			CustomID: types.StringNull(), Tags: stringSetOf(), CreatedAt: types.Int64Value(1700000000)},
	}
	for name, m := range cases {
		t.Run(name, func(t *testing.T) {
			var diags diag.Diagnostics
			c := expandConsumer(context.Background(), m, []string{"managed"}, &diags)
			keepCreatedAt(c, m.CreatedAt) // as the lifecycle's update does
			if diags.HasError() {
				t.Fatal(diags)
			}
			if got := flattenConsumer(c, m, []string{"managed"}); !reflect.DeepEqual(got, m) {
				t.Errorf("flatten(expand(m)) = %+v, want %+v", got, m)
			}
		})
	}
	var diags diag.Diagnostics
	if c := expandConsumer(context.Background(), consumerModel{CreatedAt: types.Int64Unknown()}, nil, &diags); c.CreatedAt != nil {
		t.Errorf("an unknown created_at was sent as %d", *c.CreatedAt)
	}
}

func getConsumer(ctx context.Context, c *kong.Client, id string) error {
	_, err := c.Consumers.Get(ctx, kong.String(id))
	return err
}

func testCheckKongConsumer(t *testing.T, username string, check func(*kong.Consumer) error) resource.TestCheckFunc {
	return func(_ *terraform.State) error {
		c, err := testKong(t).Consumers.Get(context.Background(), kong.String(username))
		if err != nil {
			return err
		}
		return check(c)
	}
}

func TestAccConsumer_lifecycle(t *testing.T) {
	username := randomName("ui")
	const addr = "kong_consumer.test"
	minimal := fmt.Sprintf(`
resource "kong_consumer" "test" {
  username = %q
}
`, username)
	full := fmt.Sprintf(`
resource "kong_consumer" "test" {
  username  = %q
  custom_id = "%[1]s-custom"
  tags      = ["frontend", "angular"]
}
`, username)

	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_consumer", getConsumer),
		Steps: slices.Concat([]resource.TestStep{
			{
				Config: minimal,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(randomIDPattern)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("custom_id"), knownvalue.Null()),
				},
			},
			{
				Config: full,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: testCheckKongConsumer(t, username, func(c *kong.Consumer) error {
					if kong.StringValue(c.CustomID) != username+"-custom" || len(c.Tags) != 2 {
						return fmt.Errorf("Kong holds %+v", c)
					}
					return nil
				}),
			},
		}, importSteps(addr, username), []resource.TestStep{
			{
				// Removing attributes resets them in Kong, not just in state.
				Config: minimal,
				Check: testCheckKongConsumer(t, username, func(c *kong.Consumer) error {
					if c.CustomID != nil || len(c.Tags) != 0 {
						return fmt.Errorf("attributes were not reset: %+v", c)
					}
					return nil
				}),
			},
			{
				// A change made outside Terraform shows in the plan and is put right.
				PreConfig: func() {
					c, err := testKong(t).Consumers.Get(context.Background(), kong.String(username))
					if err != nil {
						t.Fatal(err)
					}
					c.CustomID = kong.String("set-by-hand")
					if _, err := testKong(t).Consumers.Update(context.Background(), c); err != nil {
						t.Fatal(err)
					}
				},
				Config: minimal,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("custom_id"), knownvalue.Null()),
					},
				},
			},
			outOfBandDeleteStep(t, addr, minimal, func(ctx context.Context, c *kong.Client) error {
				return c.Consumers.Delete(ctx, kong.String(username))
			}),
		}),
	})
}

// TestAccConsumer_customIDOnly covers a consumer known only by custom_id: its id comes from the custom_id.
func TestAccConsumer_customIDOnly(t *testing.T) {
	customID := randomName("cid")
	const addr = "kong_consumer.test"
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_consumer", getConsumer),
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf("resource \"kong_consumer\" \"test\" {\n  custom_id = %q\n}\n", customID),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(randomIDPattern)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("username"), knownvalue.Null()),
				},
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccConsumer_invalidInputFailsAtPlan(t *testing.T) {
	cases := map[string]struct {
		body string
		want string
	}{
		"neither username nor custom_id": {`tags = ["a"]`, `(?s)Missing consumer identity.*needs a username, a custom_id, or both`},
		"empty username":                 {`username = ""`, `(?s)Attribute username string length must be at least 1`},
		"empty custom_id":                {`username = "a"` + "\n" + `custom_id = ""`, `(?s)Attribute custom_id string length must be at least 1`},
		"tag with a slash":               {`username = "a"` + "\n" + `tags = ["a/b"]`, `(?s)Invalid tag.*may not contain '/'`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			expectPlanError(t, fmt.Sprintf("resource \"kong_consumer\" \"bad\" {\n%s\n}\n", tc.body), tc.want)
		})
	}
}
