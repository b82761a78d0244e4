package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/kong/go-kong/kong"
)

func getService(ctx context.Context, c *kong.Client, id string) error {
	_, err := c.Services.Get(ctx, kong.String(id))
	return err
}

func TestAccService_lifecycle(t *testing.T) {
	name := randomName("svc")
	const addr = "kong_service.test"
	full := fmt.Sprintf(`
resource "kong_service" "test" {
  name            = %q
  protocol        = "https"
  host            = "lambda.eu-west-1.amazonaws.com"
  port            = 443
  path            = "/api"
  retries         = 2
  connect_timeout = 5000
  read_timeout    = 29000
  write_timeout   = 29000
  tls_verify      = true
  tags            = ["team-a", "api1"]
}
`, name)
	minimal := fmt.Sprintf(`
resource "kong_service" "test" {
  name = %q
  host = "lambda.eu-west-1.amazonaws.com"
}
`, name)

	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_service", getService),
		Steps: slices.Concat([]resource.TestStep{
			{
				Config: minimal,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("port"), knownvalue.Int64Exact(80)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("protocol"), knownvalue.StringExact("http")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("path"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(randomIDPattern)),
				},
			},
			{
				// Update in place: every attribute set.
				Config: full,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testCheckKongService(t, name, func(s *kong.Service) error {
						if deref(s.Port) != 443 || kong.StringValue(s.Path) != "/api" || !deref(s.TLSVerify) || len(s.Tags) != 2 {
							return fmt.Errorf("Kong holds %+v", s)
						}
						return nil
					}),
				),
			},
		}, importSteps(addr, name), []resource.TestStep{
			{
				// Removing attributes resets them in Kong, not just in state.
				Config: minimal,
				Check: testCheckKongService(t, name, func(s *kong.Service) error {
					if deref(s.Port) != 80 || s.Path != nil || s.TLSVerify != nil || len(s.Tags) != 0 ||
						deref(s.ReadTimeout) != 60000 || kong.StringValue(s.Protocol) != "http" {
						return fmt.Errorf("attributes were not reset: %+v", s)
					}
					return nil
				}),
			},
			{
				// A change made outside Terraform shows in the plan and is put right.
				PreConfig: func() {
					svc, err := testKong(t).Services.Get(context.Background(), kong.String(name))
					if err != nil {
						t.Fatal(err)
					}
					svc.Port = kong.Int(8080)
					if _, err := testKong(t).Services.Update(context.Background(), svc); err != nil {
						t.Fatal(err)
					}
				},
				Config: minimal,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("port"), knownvalue.Int64Exact(80)),
					},
				},
			},
			{
				// A service deleted outside Terraform is planned for creation, not an error.
				PreConfig: func() {
					if err := testKong(t).Services.Delete(context.Background(), kong.String(name)); err != nil {
						t.Fatal(err)
					}
				},
				Config: minimal,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
			},
		}),
	})
}

func TestAccService_invalidInputFailsAtPlan(t *testing.T) {
	cases := map[string]struct {
		body string
		want string
	}{
		"port out of range":     {`host = "example.com"` + "\n" + `port = 70000`, `(?s)Attribute port value must be between 0 and 65535`},
		"path without slash":    {`host = "example.com"` + "\n" + `path = "api"`, `(?s)Invalid path.*path = "api".*must start with /`},
		"host with port":        {`host = "example.com:8080"`, `(?s)Invalid host.*must not have a port`},
		"unknown protocol":      {`host = "example.com"` + "\n" + `protocol = "ftp"`, `(?s)Attribute protocol value must be one of`},
		"path on tcp":           {`host = "example.com"` + "\n" + `protocol = "tcp"` + "\n" + `path = "/x"`, `(?s)Path not allowed`},
		"tls_verify over http":  {`host = "example.com"` + "\n" + `tls_verify = true`, `(?s)Setting needs TLS.*tls_verify`},
		"bad name":              {`host = "example.com"` + "\n" + `name = "a b"`, `(?s)Attribute name may contain only`},
		"timeout zero":          {`host = "example.com"` + "\n" + `read_timeout = 0`, `(?s)Attribute read_timeout value must be between 1`},
		"tag with a comma":      {`host = "example.com"` + "\n" + `tags = ["a,b"]`, `(?s)Invalid tag`},
		"ca certificate not id": {`host = "example.com"` + "\n" + `protocol = "https"` + "\n" + `ca_certificates = ["x"]`, `(?s)is not a UUID`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			expectPlanError(t, fmt.Sprintf("resource \"kong_service\" \"bad\" {\n%s\n}\n", tc.body), tc.want)
		})
	}
}

// expectPlanError runs a plan that must fail with an error matching want, and (on the in-repo server)
// proves that no request other than reads reached Kong.
func expectPlanError(t *testing.T, config, want string) {
	t.Helper()
	var writesBefore int
	if testServer != nil {
		writesBefore = writeCount(testServer.Stats().ByRoute)
	}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      config,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(want),
		}},
	})
	if testServer != nil {
		if after := writeCount(testServer.Stats().ByRoute); after != writesBefore {
			t.Fatalf("a plan that failed validation sent %d write request(s) to Kong", after-writesBefore)
		}
	}
}

// writeCount counts requests that could change Kong. POSTs to /schemas only validate, so they do not count.
func writeCount(byRoute map[string]int) int {
	n := 0
	for route, count := range byRoute {
		method, target, _ := strings.Cut(route, " ")
		if method == "PUT" || method == "PATCH" || method == "DELETE" || (method == "POST" && !strings.HasPrefix(target, "/schemas/")) {
			n += count
		}
	}
	return n
}

func testCheckKongService(t *testing.T, name string, check func(*kong.Service) error) resource.TestCheckFunc {
	return func(_ *terraform.State) error {
		svc, err := testKong(t).Services.Get(context.Background(), kong.String(name))
		if err != nil {
			return err
		}
		return check(svc)
	}
}
