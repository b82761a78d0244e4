package provider

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/kong/go-kong/kong"
)

// Validation must not be stricter than Kong: odd values Kong accepts apply, and the next plan is empty (the
// testing framework plans again after each apply and fails on any change).
func TestAccBadInput_validEdgesApplyAndConverge(t *testing.T) {
	suffix := randomName("edge")
	config := fmt.Sprintf(`
resource "kong_service" "edge" {
  name = "dienst-ü-%[1]s" # names may hold non-ASCII characters
  host = "edge.example"
  port = 8.08e3 # a whole number, written as a float
  tags = []
}

resource "kong_route" "edge" {
  service_id     = kong_service.edge.id
  hosts          = ["edge.example:8080"]
  paths          = []
  methods        = []
  regex_priority = -5 # Kong sets no bounds
  tags           = [" ", "a b", "ü", "~!@#$%%^&*()"]
}

resource "kong_consumer" "edge" {
  username  = " %[1]s " # Kong has no rule for usernames beyond being non-empty
  custom_id = "ü-%[1]s"
}

resource "kong_consumer_acl" "edge" {
  consumer_id = kong_consumer.edge.id
  group       = " orders and more "
  tags        = []
}
`, suffix)
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("kong_service.edge", tfjsonpath.New("port"), knownvalue.Int64Exact(8080)),
				statecheck.ExpectKnownValue("kong_service.edge", tfjsonpath.New("tags"), knownvalue.SetSizeExact(0)),
				statecheck.ExpectKnownValue("kong_route.edge", tfjsonpath.New("regex_priority"), knownvalue.Int64Exact(-5)),
				statecheck.ExpectKnownValue("kong_consumer.edge", tfjsonpath.New("username"), knownvalue.StringExact(" "+suffix+" ")),
			},
		}},
	})
}

// A resource tag that is also one of the provider's default_tags used to give "Provider produced inconsistent
// result" and taint the resource. It now stays in the resource's tags, and taking it out converges while Kong
// keeps the tag for default_tags.
func TestAccBadInput_resourceTagAlsoDefaultTag(t *testing.T) {
	name := randomName("deftag")
	config := func(tags string) string {
		return fmt.Sprintf(`
provider "kong" {
  default_tags = ["team-x"]
}

resource "kong_service" "s" {
  name = %[1]q
  host = "deftag.example"
  tags = %[2]s
}

resource "kong_consumer" "c" {
  username = %[1]q
  tags     = %[2]s
}
`, name, tags)
	}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config(`["team-x", "own"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("kong_service.s", tfjsonpath.New("tags"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("own"), knownvalue.StringExact("team-x")})),
					statecheck.ExpectKnownValue("kong_consumer.c", tfjsonpath.New("tags"), knownvalue.SetSizeExact(2)),
				},
				Check: testServiceTagsInKong(t, "kong_service.s", "own", "team-x"),
			},
			{
				Config: config(`["own"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("kong_service.s", tfjsonpath.New("tags"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("own")})),
				},
				Check: testServiceTagsInKong(t, "kong_service.s", "own", "team-x"),
			},
		},
	})
}

// testServiceTagsInKong checks the tags Kong holds for the service at address.
func testServiceTagsInKong(t *testing.T, address string, want ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[address]
		if !ok {
			return fmt.Errorf("%s is not in the state", address)
		}
		got, err := testKong(t).Services.Get(context.Background(), kong.String(rs.Primary.ID))
		if err != nil {
			return err
		}
		tags := derefStrings(got.Tags)
		slices.Sort(tags)
		if !slices.Equal(tags, want) {
			return fmt.Errorf("Kong holds tags %q for %s, want %q", tags, address, want)
		}
		return nil
	}
}
