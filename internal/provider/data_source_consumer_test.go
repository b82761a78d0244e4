package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

func TestAccDataSourceConsumer_lookups(t *testing.T) {
	username := randomName("ds-ui")
	config := fmt.Sprintf(`
resource "kong_consumer" "test" {
  username  = %q
  custom_id = "%[1]s-custom"
  tags      = ["frontend"]
}

data "kong_consumer" "by_id" {
  id = kong_consumer.test.id
}

data "kong_consumer" "by_username" {
  username = kong_consumer.test.username
}

data "kong_consumer" "by_custom_id" {
  custom_id = kong_consumer.test.custom_id
}
`, username)
	attrs := []string{"id", "username", "custom_id", "tags.#", "tags.0", "created_at"}
	testAccOneStep(t, resource.TestStep{
		Config: config,
		Check: resource.ComposeAggregateTestCheckFunc(
			testCheckSameAttributes("data.kong_consumer.by_id", "kong_consumer.test", attrs...),
			testCheckSameAttributes("data.kong_consumer.by_username", "kong_consumer.test", attrs...),
			testCheckSameAttributes("data.kong_consumer.by_custom_id", "kong_consumer.test", attrs...),
		),
	})
}

func TestAccDataSourceConsumer_notFound(t *testing.T) {
	for key, want := range map[string]string{
		"username":  `(?s)Kong consumer not found.*Kong has no consumer with username\s+"nobody"`,
		"custom_id": `(?s)Kong consumer not found.*Kong has no consumer with custom_id\s+"nobody"`,
	} {
		t.Run(key, func(t *testing.T) {
			testAccDataSourceError(t, fmt.Sprintf("data \"kong_consumer\" \"missing\" {\n  %s = \"nobody\"\n}\n", key), want)
		})
	}
}
