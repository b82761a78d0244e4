package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// testCheckSameAttributes checks that a data source shows each attribute exactly as the resource holds it.
func testCheckSameAttributes(dataSource, managed string, attrs ...string) resource.TestCheckFunc {
	checks := make([]resource.TestCheckFunc, len(attrs))
	for i, a := range attrs {
		checks[i] = resource.TestCheckResourceAttrPair(dataSource, a, managed, a)
	}
	return resource.ComposeAggregateTestCheckFunc(checks...)
}

// testAccOneStep runs a test case of a single step, as the data source tests are.
func testAccOneStep(t *testing.T, step resource.TestStep) {
	t.Helper()
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    []resource.TestStep{step},
	})
}

// testAccDataSourceError runs a configuration of data sources that must fail with an error matching want.
func testAccDataSourceError(t *testing.T, config, want string) {
	t.Helper()
	testAccOneStep(t, resource.TestStep{Config: config, ExpectError: regexp.MustCompile(want)})
}

func TestAccDataSourceService_lookups(t *testing.T) {
	name := randomName("ds-svc")
	config := fmt.Sprintf(`
resource "kong_service" "test" {
  name            = %q
  protocol        = "https"
  host            = "lambda.eu-west-1.amazonaws.com"
  port            = 443
  path            = "/2015-03-31"
  read_timeout    = 29000
  tags            = ["team-a"]
}

data "kong_service" "by_id" {
  id = kong_service.test.id
}

data "kong_service" "by_name" {
  name = kong_service.test.name
}
`, name)
	attrs := []string{"id", "name", "protocol", "host", "port", "path", "retries", "connect_timeout", "read_timeout",
		"write_timeout", "enabled", "tags.#", "tags.0", "created_at"}
	testAccOneStep(t, resource.TestStep{
		Config: config,
		Check: resource.ComposeAggregateTestCheckFunc(
			testCheckSameAttributes("data.kong_service.by_id", "kong_service.test", attrs...),
			testCheckSameAttributes("data.kong_service.by_name", "kong_service.test", attrs...),
		),
	})
}

func TestAccDataSourceService_notFound(t *testing.T) {
	testAccDataSourceError(t, `
data "kong_service" "missing" {
  name = "no-such-service"
}
`, `(?s)Kong service not found.*Kong has no service with name "no-such-service"`)
}

func TestAccDataSourceService_needsExactlyOneKey(t *testing.T) {
	testAccDataSourceError(t, `
data "kong_service" "ambiguous" {
  id   = "0f6e4c1d-2b3a-4c5d-8e9f-a0b1c2d3e4f5"
  name = "api"
}
`, `(?s)Invalid Attribute Combination`)
}
