package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

func TestAccDataSourceRoute_lookups(t *testing.T) {
	name := randomName("ds-route")
	config := routeTestServices(name) + fmt.Sprintf(`
resource "kong_route" "test" {
  name       = %q
  service_id = kong_service.a.id
  methods    = ["GET"]
  paths      = ["/api/dev/api1"]
  headers    = { x-api-version = ["1"] }
  strip_path = false
}

data "kong_route" "by_id" {
  id = kong_route.test.id
}

data "kong_route" "by_name" {
  name = kong_route.test.name
}
`, name)
	attrs := []string{"id", "name", "service_id", "protocols.#", "methods.#", "methods.0", "paths.#", "paths.0",
		"headers.%", "headers.x-api-version.0", "strip_path", "preserve_host", "https_redirect_status_code",
		"regex_priority", "path_handling", "created_at"}
	testAccOneStep(t, resource.TestStep{
		Config: config,
		Check: resource.ComposeAggregateTestCheckFunc(
			testCheckSameAttributes("data.kong_route.by_id", "kong_route.test", attrs...),
			testCheckSameAttributes("data.kong_route.by_name", "kong_route.test", attrs...),
			resource.TestCheckNoResourceAttr("data.kong_route.by_name", "hosts.#"),
		),
	})
}

func TestAccDataSourceRoute_notFound(t *testing.T) {
	testAccDataSourceError(t, `
data "kong_route" "missing" {
  id = "0f6e4c1d-2b3a-4c5d-8e9f-a0b1c2d3e4f5"
}
`, `(?s)Kong route not found.*Kong has no route with id\s+"0f6e4c1d-2b3a-4c5d-8e9f-a0b1c2d3e4f5"`)
}
