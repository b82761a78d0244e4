package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

func TestFlattenGateway(t *testing.T) {
	got := flattenGateway(kongclient.Gateway{Version: "3.9.1", Edition: "oss", Database: "postgres", Hostname: "kong-1",
		RouterFlavor: "traditional_compatible", PluginsAvailable: []string{"aws-lambda", "key-auth"}})
	if got.Version.ValueString() != "3.9.1" || got.RouterFlavor.ValueString() != "traditional_compatible" ||
		got.Hostname.ValueString() != "kong-1" || got.Database.ValueString() != "postgres" || got.Edition.ValueString() != "oss" ||
		!got.PluginsAvailable.Equal(stringListOf("aws-lambda", "key-auth")) {
		t.Errorf("flattenGateway = %+v", got)
	}
	if empty := flattenGateway(kongclient.Gateway{}); empty.PluginsAvailable.IsNull() || len(empty.PluginsAvailable.Elements()) != 0 {
		t.Errorf("a node without plugins gives %v, want an empty list", empty.PluginsAvailable)
	}
}

func TestAccDataSourceGateway_describesTheNode(t *testing.T) {
	const addr = "data.kong_gateway.this"
	testAccOneStep(t, resource.TestStep{
		Config: `data "kong_gateway" "this" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.StringRegexp(regexp.MustCompile(`^3\.\d+\.\d+`))),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("database"), knownvalue.StringExact("postgres")),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("edition"), knownvalue.StringRegexp(regexp.MustCompile(`^(oss|enterprise)$`))),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("router_flavor"), knownvalue.NotNull()),
		},
		Check: resource.TestCheckTypeSetElemAttr(addr, "plugins_available.*", "aws-lambda"),
	})
}
