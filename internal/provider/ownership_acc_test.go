package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongtest"
)

// A service renamed in place keeps its id; a new service that takes the old name in the same apply is a new
// entity. With ids derived from names, the new service's create overwrote the renamed one.
func TestAccOwnership_renameThenReuseTheOldName(t *testing.T) {
	old, renamed := randomName("own-old"), randomName("own-new")
	one := fmt.Sprintf(`
resource "kong_service" "a" {
  name = %q
  host = "a.example"
}
`, old)
	both := fmt.Sprintf(`
resource "kong_service" "a" {
  name = %q
  host = "a.example"
}

resource "kong_service" "b" {
  name = %q
  host = "b.example"
}
`, renamed, old)
	var firstID string
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_service", getService),
		Steps: []resource.TestStep{
			{
				Config: one,
				Check: func(s *terraform.State) error {
					firstID = s.RootModule().Resources["kong_service.a"].Primary.ID
					return nil
				},
			},
			{
				Config: both,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("kong_service.a", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("kong_service.b", plancheck.ResourceActionCreate),
				}},
				Check: func(s *terraform.State) error {
					a, b := s.RootModule().Resources["kong_service.a"].Primary.ID, s.RootModule().Resources["kong_service.b"].Primary.ID
					if a != firstID || a == b {
						return fmt.Errorf("ids: a %s (was %s), b %s", a, firstID, b)
					}
					for id, want := range map[string]string{a: "a.example", b: "b.example"} {
						got, err := testKong(t).Services.Get(context.Background(), kong.String(id))
						if err != nil {
							return err
						}
						if kong.StringValue(got.Host) != want {
							return fmt.Errorf("service %s holds host %s, want %s: one overwrote the other", id, kong.StringValue(got.Host), want)
						}
					}
					return nil
				},
			},
		},
	})
}

// Two resource blocks that would be one Kong entity fail at plan, naming what they share; nothing is written.
func TestAccOwnership_duplicatesInOneConfigurationFailAtPlan(t *testing.T) {
	name := randomName("own-dup")
	cases := map[string]struct {
		config string
		want   string
	}{
		"service name": {fmt.Sprintf(`
resource "kong_service" "a" {
  name = %[1]q
  host = "a.example"
}
resource "kong_service" "b" {
  name = %[1]q
  host = "b.example"
}
`, name), `name = "` + name + `"`},
		"route name through count": {fmt.Sprintf(`
resource "kong_route" "r" {
  count = 2
  name  = %q
  paths = ["/r${count.index}"]
}
`, name), `name = "` + name + `"`},
		"consumer custom_id": {fmt.Sprintf(`
resource "kong_consumer" "a" {
  username  = "%[1]s-a"
  custom_id = %[1]q
}
resource "kong_consumer" "b" {
  username  = "%[1]s-b"
  custom_id = %[1]q
}
`, name), `custom_id = "` + name + `"`},
		"ACL group of one consumer": {fmt.Sprintf(`
resource "kong_consumer" "c" {
  username = %q
}
resource "kong_consumer_acl" "a" {
  consumer_id = "6e0c8b1a-2f4d-4c3b-9a8e-7d6c5b4a3f21"
  group       = "admins"
}
resource "kong_consumer_acl" "b" {
  consumer_id = "6e0c8b1a-2f4d-4c3b-9a8e-7d6c5b4a3f21"
  group       = "admins"
}
`, name), `group = "admins" for consumer`},
		"plugin scope across resource types": {fmt.Sprintf(`
resource "kong_service" "s" {
  name = %q
  host = "a.example"
}
resource "kong_plugin_key_auth" "a" {
  service_id = "6e0c8b1a-2f4d-4c3b-9a8e-7d6c5b4a3f21"
}
resource "kong_plugin" "b" {
  name       = "key-auth"
  service_id = "6e0c8b1a-2f4d-4c3b-9a8e-7d6c5b4a3f21"
}
`, name), `the key-auth plugin on service_id`},
		"plugin instance_name": {fmt.Sprintf(`
resource "kong_plugin" "a" {
  name          = "cors"
  instance_name = %[1]q
}
resource "kong_plugin" "b" {
  name          = "key-auth"
  instance_name = %[1]q
}
`, name), `instance_name = "` + name + `"`},
	}
	for label, tc := range cases {
		t.Run(label, func(t *testing.T) {
			before := countServices(t)
			testCase(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      tc.config,
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(`Two resources would be the same Kong entity[\s\S]*` + loosely(tc.want)),
				}},
			})
			if after := countServices(t); after != before {
				t.Fatalf("the failed plan wrote to Kong: %d services, was %d", after, before)
			}
		})
	}
}

// A name taken by an entity this configuration does not manage (another state's, another tool's) is never
// overwritten: the create fails with the holder's id and the import block, and the holder is untouched.
// After the import, the resource manages it.
func TestAccOwnership_takenNameFailsWithTheImportBlock(t *testing.T) {
	name := randomName("own-taken")
	theirs, err := testKong(t).Services.Create(context.Background(), &kong.Service{
		Name: kong.String(name), Host: kong.String("theirs.example"), Tags: kong.StringSlice("team-b"),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer testKong(t).Services.Delete(context.Background(), theirs.ID) //nolint:errcheck
	config := fmt.Sprintf(`
resource "kong_service" "ours" {
  name = %q
  host = "ours.example"
}
`, name)
	shorten(t, &conflictGrace, 0)
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ExpectError: regexp.MustCompile(loosely(`Kong already has a service with name = "`+name+`"`) +
					`[\s\S]*import \{[\s\S]*to = kong_service\.<name of this resource>[\s\S]*id = "` + *theirs.ID + `"`),
			},
			{
				// The other team's service is exactly as it was.
				Config:   config,
				PlanOnly: true, ExpectNonEmptyPlan: true,
				Check: func(*terraform.State) error {
					got, err := testKong(t).Services.Get(context.Background(), theirs.ID)
					if err != nil {
						return err
					}
					if kong.StringValue(got.Host) != "theirs.example" || len(got.Tags) != 1 {
						return fmt.Errorf("the holder was changed: %+v", got)
					}
					return nil
				},
			},
			{
				// Following the hint adopts it.
				Config: config + fmt.Sprintf("\nimport {\n  to = kong_service.ours\n  id = %q\n}\n", *theirs.ID),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("kong_service.ours", tfjsonpath.New("id"), knownvalue.StringExact(*theirs.ID)),
					statecheck.ExpectKnownValue("kong_service.ours", tfjsonpath.New("host"), knownvalue.StringExact("ours.example")),
				},
			},
		},
	})
}

// A create whose answer is lost after Kong stored the entity leaves no orphan: the id is kept in the state
// (tainted), and the next apply replaces it. Three such failures in a row still end with one credential.
func TestAccOwnership_lostAnswersLeaveNoOrphans(t *testing.T) {
	srv := requireTestServer(t)
	name := randomName("own-lost")
	config := fmt.Sprintf(`
provider "kong" {
  max_retries = 0
}

resource "kong_consumer" "c" {
  username = %[1]q
}

resource "kong_consumer_key_auth" "k" {
  consumer_id = kong_consumer.c.id
}

resource "kong_service" "s" {
  name = %[1]q
  host = "a.example"
}
`, name)
	lose := func() {
		srv.SetFaults(kongtest.Faults{ServerErrorRate: 1, ServerErrorAfterWrite: true, OnlyWrites: true})
	}
	heal := func() { srv.SetFaults(kongtest.Faults{}) }
	defer heal()
	var consumerID string
	steps := []resource.TestStep{{
		Config: fmt.Sprintf("resource \"kong_consumer\" \"c\" {\n  username = %q\n}\n", name),
		Check: func(s *terraform.State) error {
			consumerID = s.RootModule().Resources["kong_consumer.c"].Primary.ID
			lose()
			return nil
		},
	}}
	for range 3 {
		steps = append(steps, resource.TestStep{Config: config, ExpectError: regexp.MustCompile(`Kong may have stored the entity|HTTP 503`)})
	}
	steps = append(steps, resource.TestStep{
		PreConfig: heal,
		Config:    config,
		Check: func(*terraform.State) error {
			creds, _, err := testKong(t).KeyAuths.ListForConsumer(context.Background(), kong.String(consumerID), nil)
			if err != nil {
				return err
			}
			if len(creds) != 1 {
				return fmt.Errorf("the consumer has %d key-auth credentials, want 1: interrupted creates left orphans", len(creds))
			}
			services, err := testKong(t).Services.ListAll(context.Background())
			if err != nil {
				return err
			}
			n := 0
			for _, s := range services {
				if kong.StringValue(s.Name) == name {
					n++
				}
			}
			if n != 1 {
				return fmt.Errorf("%d services named %s", n, name)
			}
			return nil
		},
	})
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_service", getService),
		Steps:                    steps,
	})
}

func countServices(t *testing.T) int {
	t.Helper()
	all, err := testKong(t).Services.ListAll(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(all)
}

// shorten sets *v for the duration of the test.
func shorten[T any](t *testing.T, v *T, to T) {
	t.Helper()
	was := *v
	*v = to
	t.Cleanup(func() { *v = was })
}

// loosely matches text however Terraform wraps it: any run of spaces may be a line break.
func loosely(text string) string {
	return strings.Join(strings.Fields(regexp.QuoteMeta(text)), `\s+`)
}

// When the shared value is only known during apply (the consumer is created in the same apply), the duplicate
// is found when Terraform plans the resources again during apply: the apply fails before the second
// membership is written, and Kong holds one.
func TestAccOwnership_duplicatesKnownOnlyAtApply(t *testing.T) {
	name := randomName("own-late")
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "kong_consumer" "c" {
  username = %q
}
resource "kong_consumer_acl" "a" {
  consumer_id = kong_consumer.c.id
  group       = "admins"
}
resource "kong_consumer_acl" "b" {
  consumer_id = kong_consumer.c.id
  group       = "admins"
}
`, name),
			ExpectError: regexp.MustCompile(`Two resources would be the same Kong entity`),
		}, {
			PreConfig: func() {
				acls, _, err := testKong(t).ACLs.ListForConsumer(context.Background(), kong.String(name), nil)
				if err != nil || len(acls) != 1 {
					t.Errorf("after the failed apply Kong holds %d memberships (%v), want 1", len(acls), err)
				}
			},
			Config: fmt.Sprintf("resource \"kong_consumer\" \"c\" {\n  username = %q\n}\n", name),
		}},
	})
}

// Moving a route to a new service while deleting the old service in the same apply: Terraform deletes a
// resource removed from the configuration before it updates the resources that used it, so Kong refuses to
// delete a service a route still uses. With create_before_destroy on the services (as the kong_route docs
// advise), Terraform updates the route first, and one apply does it.
func TestAccOwnership_moveRouteAndDeleteItsOldService(t *testing.T) {
	name := randomName("own-move")
	config := func(service string) string {
		return fmt.Sprintf(`
resource "kong_service" %[2]q {
  name = "%[1]s-%[2]s"
  host = "%[2]s.example"
  lifecycle {
    create_before_destroy = true
  }
}
resource "kong_route" "r" {
  name       = %[1]q
  service_id = kong_service.%[2]s.id
  paths      = ["/move"]
}
`, name, service)
	}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_service", getService),
		Steps: []resource.TestStep{
			{Config: config("old")},
			{
				Config: config("new"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("kong_route.r", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("kong_service.old", plancheck.ResourceActionDestroy),
				}},
				Check: testCheckKongRoute(t, name, func(r *kong.Route) error {
					svc, err := testKong(t).Services.Get(context.Background(), kong.String(name+"-new"))
					if err != nil {
						return err
					}
					if r.Service == nil || *r.Service.ID != *svc.ID {
						return fmt.Errorf("the route did not move")
					}
					return nil
				}),
			},
		},
	})
}
