package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/kong/go-kong/kong"
)

func TestExpandFlattenACL(t *testing.T) {
	var diags diag.Diagnostics
	m := consumerACLModel{ID: types.StringValue("id"), ConsumerID: types.StringValue("c1"), Group: types.StringValue("api1"),
		Tags: types.SetValueMust(types.StringType, nil), CreatedAt: types.Int64Value(1700000000)}
	acl := expandACL(context.Background(), m, []string{"managed"}, &diags)
	keepCreatedAt(acl, m.CreatedAt) // as the lifecycle's update does
	if kong.StringValue(acl.Group) != "api1" || deref(acl.CreatedAt) != 1700000000 || len(acl.Tags) != 1 || diags.HasError() {
		t.Fatalf("expanded %+v (%v)", acl, diags)
	}
	got := flattenACL(&kong.ACLGroup{ID: kong.String("id"), Group: kong.String("api2"), Consumer: &kong.Consumer{ID: kong.String("c2")},
		Tags: kong.StringSlice("managed")}, m, []string{"managed"})
	if got.Group.ValueString() != "api2" || got.ConsumerID.ValueString() != "c2" || got.Tags.IsNull() || len(got.Tags.Elements()) != 0 {
		t.Errorf("flattened %+v", got)
	}
}

func getACL(ctx context.Context, c *kong.Client, id string) error {
	_, err := c.ACLs.GetByID(ctx, kong.String(id))
	return err
}

func TestAccConsumerACL_lifecycle(t *testing.T) {
	name := randomName("acl")
	const addr = "kong_consumer_acl.test"
	config := func(group, extra string) string {
		return fmt.Sprintf(`
resource "kong_consumer" "c" {
  username = %q
}

resource "kong_consumer_acl" "test" {
  consumer_id = kong_consumer.c.id
  group       = %q
  %s
}
`, name, group, extra)
	}
	sameID := statecheck.CompareValue(compare.ValuesSame())
	var id string
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_consumer_acl", getACL),
		Steps: []resource.TestStep{
			{
				Config:            config("api1", ""),
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(addr, tfjsonpath.New("id"))},
				Check: func(s *terraform.State) error {
					id, _ = stateID(s, addr)
					return nil
				},
			},
			{
				// A new group and tags update the membership in place.
				Config: config("api2", `tags = ["orders"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(addr, tfjsonpath.New("id"))},
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateId:     name + "/api2",
				ImportStateVerify: true,
			},
			{
				Config: config("api2", ""),
				Check: func(*terraform.State) error {
					acl, err := testKong(t).ACLs.GetByID(context.Background(), kong.String(id))
					if err != nil {
						return err
					}
					if len(acl.Tags) != 0 || kong.StringValue(acl.Group) != "api2" {
						return fmt.Errorf("not reset: %+v", acl)
					}
					return nil
				},
			},
			{
				// A group renamed outside Terraform is drift.
				PreConfig: func() {
					acl := &kong.ACLGroup{ID: kong.String(id), Group: kong.String("other")}
					if _, err := testKong(t).ACLs.Create(context.Background(), kong.String(name), acl); err != nil {
						t.Fatal(err)
					}
				},
				Config: config("api2", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
			},
			{
				PreConfig: func() {
					if err := testKong(t).ACLs.Delete(context.Background(), kong.String(name), kong.String(id)); err != nil {
						t.Fatal(err)
					}
				},
				Config: config("api2", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// A membership moved to another consumer is replaced, and its create half does not collide with it at plan.
func TestAccConsumerACL_moveToAnotherConsumer(t *testing.T) {
	a, b := randomName("acl-a"), randomName("acl-b")
	config := func(to string) string {
		return fmt.Sprintf(`
resource "kong_consumer" "a" {
  username = %q
}
resource "kong_consumer" "b" {
  username = %q
}
resource "kong_consumer_acl" "m" {
  consumer_id = kong_consumer.%s.id
  group       = "g1"
}
`, a, b, to)
	}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{Config: config("a")}, {
			Config: config("b"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("kong_consumer_acl.m", plancheck.ResourceActionReplace)},
			},
		}},
	})
}
