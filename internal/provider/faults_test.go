package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongtest"
)

// TestAccFaults_applyConvergesThroughServerErrors applies 50 services with 2 routes each while the server
// fails 20% of requests with 503 — half of those after the write was stored, so the provider's retry
// repeats a write Kong already made. The apply must converge: no duplicate, nothing missing, and an empty
// plan afterwards (terraform-plugin-testing checks that after every step).
func TestAccFaults_applyConvergesThroughServerErrors(t *testing.T) {
	srv := requireTestServer(t)
	const services = 50
	config := fmt.Sprintf(`
provider "kong" {
  max_retries = 12
}

resource "kong_service" "api" {
  count = %d
  name  = "fault-svc-${count.index}"
  host  = "api${count.index}.lambda.invalid"
}

resource "kong_route" "read" {
  count      = %[1]d
  name       = "fault-read-${count.index}"
  service_id = kong_service.api[count.index].id
  methods    = ["GET"]
  paths      = ["/api/fault/${count.index}"]
}

resource "kong_route" "write" {
  count      = %[1]d
  name       = "fault-write-${count.index}"
  service_id = kong_service.api[count.index].id
  methods    = ["POST", "PUT"]
  paths      = ["/api/fault/${count.index}"]
}
`, services)

	withFaults := func(f kongtest.Faults) func() {
		return func() { srv.SetFaults(f) }
	}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			srv.SetFaults(kongtest.Faults{})
			return countFaultEntities(0, 0)(s)
		},
		Steps: []resource.TestStep{
			{
				PreConfig: withFaults(kongtest.Faults{ServerErrorRate: 0.2, Seed: 7}),
				Config:    config,
				Check: func(s *terraform.State) error {
					srv.SetFaults(kongtest.Faults{})
					return countFaultEntities(services, 2*services)(s)
				},
			},
			{
				// The same again with the errors injected after Kong stored the write.
				PreConfig: withFaults(kongtest.Faults{ServerErrorRate: 0.2, ServerErrorAfterWrite: true, Seed: 11}),
				Config:    strings.ReplaceAll(config, `"api${count.index}.lambda.invalid"`, `"v2-api${count.index}.lambda.invalid"`),
				Check: func(s *terraform.State) error {
					srv.SetFaults(kongtest.Faults{})
					return countFaultEntities(services, 2*services)(s)
				},
			},
		},
	})
}

// countFaultEntities checks that Kong holds exactly the expected number of the test's services and routes.
func countFaultEntities(wantServices, wantRoutes int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		c, err := kong.NewClient(kong.String(testServer.URL), nil)
		if err != nil {
			return err
		}
		ctx := context.Background()
		svcs, err := c.Services.ListAll(ctx)
		if err != nil {
			return err
		}
		routes, err := c.Routes.ListAll(ctx)
		if err != nil {
			return err
		}
		gotServices, gotRoutes := 0, 0
		for _, s := range svcs {
			if strings.HasPrefix(kong.StringValue(s.Name), "fault-svc-") {
				gotServices++
			}
		}
		for _, r := range routes {
			if strings.HasPrefix(kong.StringValue(r.Name), "fault-") {
				gotRoutes++
			}
		}
		if gotServices != wantServices || gotRoutes != wantRoutes {
			return fmt.Errorf("Kong holds %d services and %d routes of the test, want %d and %d", gotServices, gotRoutes, wantServices, wantRoutes)
		}
		return nil
	}
}
