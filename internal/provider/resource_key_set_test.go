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

// TestAccKeySet_lifecycle: renamed in place, a name and tags set by hand on a set whose configuration has
// none show as drift and are reverted, removed attributes reset, a name another set of the configuration
// also uses fails at plan, and an out-of-band delete is planned as a create.
func TestAccKeySet_lifecycle(t *testing.T) {
	name := randomName("keyset")
	const addr = "kong_key_set.test"
	config := func(body string) string {
		return "resource \"kong_key_set\" \"test\" {\n  " + body + "\n}\n"
	}
	named := config(fmt.Sprintf("name = %q\n  tags = [\"a\"]", name))
	sameID := statecheck.CompareValue(compare.ValuesSame())
	var id string
	kongSet := func() *kong.KeySet {
		got, err := testKong(t).KeySets.Get(context.Background(), kong.String(id))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_key_set", getKeySet),
		Steps: []resource.TestStep{
			{
				Config:            named,
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(addr, tfjsonpath.New("id"))},
				Check: func(s *terraform.State) error {
					id, _ = stateID(s, addr)
					return nil
				},
			},
			{
				Config: config(fmt.Sprintf("name = %q\n  tags = [\"a\", \"b\"]", name+"-2")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(addr, tfjsonpath.New("id"))},
				Check: func(*terraform.State) error {
					if got := kongSet(); kong.StringValue(got.Name) != name+"-2" || len(got.Tags) != 2 {
						return fmt.Errorf("Kong holds %+v", got)
					}
					return nil
				},
			},
			{
				Config: config(""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.Null()),
				},
				Check: func(*terraform.State) error {
					if got := kongSet(); got.Name != nil || len(got.Tags) != 0 {
						return fmt.Errorf("not reset: %+v", got)
					}
					return nil
				},
			},
			{
				PreConfig: func() {
					if _, err := testKong(t).KeySets.Create(context.Background(), &kong.KeySet{ID: kong.String(id), Name: kong.String(name + "-oob"),
						Tags: kong.StringSlice("oob")}); err != nil {
						t.Fatal(err)
					}
				},
				Config: config(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.Null()),
					},
				},
				Check: func(*terraform.State) error {
					if got := kongSet(); got.Name != nil || len(got.Tags) != 0 {
						return fmt.Errorf("drift not reverted: %+v", got)
					}
					return nil
				},
			},
			{
				Config:      named + fmt.Sprintf("resource \"kong_key_set\" \"again\" {\n  name = %q\n}\n", name),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Two resources would be the same Kong entity[\s\S]*` + loosely(`name = "`+name+`"`)),
			},
			{
				PreConfig: func() {
					if err := testKong(t).KeySets.Delete(context.Background(), kong.String(id)); err != nil {
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
