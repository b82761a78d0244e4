package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

const oasTestDoc = `openapi: 3.1.0
info: {title: api2, version: "1"}
servers: [{url: "https://api.example.com/v1"}]
paths:
  /pets/{petId}:
    get:
      operationId: showPet
      parameters:
        - {name: petId, in: path, required: true, schema: {type: integer}}
        - {name: X-Tenant, in: header, required: true, schema: {type: string}}
`

// runOpenAPIOperations calls the function as Terraform does, without Terraform.
func runOpenAPIOperations(t *testing.T, doc string, options map[string]attr.Value) function.RunResponse {
	t.Helper()
	f := NewOpenAPIOperationsFunction()
	var def function.DefinitionResponse
	f.Definition(context.Background(), function.DefinitionRequest{}, &def)
	resp := function.RunResponse{Result: function.NewResultData(types.MapNull(oasOperationType))}
	f.Run(context.Background(), function.RunRequest{Arguments: function.NewArgumentsData([]attr.Value{
		types.StringValue(doc), types.MapValueMust(types.StringType, options),
	})}, &resp)
	return resp
}

func TestOpenAPIOperationsFunctionRun(t *testing.T) {
	resp := runOpenAPIOperations(t, oasTestDoc, map[string]attr.Value{"base_path": types.StringValue("/dev/api2/v1")})
	if resp.Error != nil {
		t.Fatal(resp.Error)
	}
	m := resp.Result.Value().(types.Map).Elements()
	op := m["showPet"].(types.Object).Attributes()
	route := op["route"].(types.Object).Attributes()
	validation := op["validation"].(types.Object).Attributes()
	if got := route["paths"].String(); got != `["~/dev/api2/v1/pets/(?<petId>[^/]+)$"]` {
		t.Errorf("paths %s", got)
	}
	if got := route["required_headers"].String(); got != `["X-Tenant"]` {
		t.Errorf("required_headers %s", got)
	}
	wantConfig := `{"operation_id":"showPet","path_pattern":"/dev/api2/v1/pets/(?\u003cpetId\u003e[^/]+)$","parameter_schema":[` +
		`{"name":"petId","in":"path","required":true,"style":"simple","explode":false,"schema":"{\"type\":\"integer\"}"},` +
		`{"name":"X-Tenant","in":"header","required":true,"style":"simple","explode":false,"schema":"{\"type\":\"string\"}"}],` +
		`"body_schemas":null,"body_required":false}`
	if got := validation["config"].(types.String).ValueString(); got != wantConfig {
		t.Errorf("config\n got %s\nwant %s", got, wantConfig)
	}
	if !validation["body_schema"].IsNull() {
		t.Errorf("body_schema %s, want null without a body", validation["body_schema"])
	}

	resp = runOpenAPIOperations(t, oasTestDoc, map[string]attr.Value{"prefix": types.StringValue("/x")})
	if resp.Error == nil || !strings.Contains(resp.Error.Error(), "Unknown option prefix") {
		t.Errorf("unknown option: %v", resp.Error)
	}
	resp = runOpenAPIOperations(t, strings.Replace(oasTestDoc, "in: header", "in: cookie", 1), map[string]attr.Value{})
	if resp.Error == nil || !strings.Contains(resp.Error.Error(), `operation "showPet" (#/paths/~1pets~1{petId}/get/parameters/1): cookie parameter "X-Tenant"`) {
		t.Errorf("cookie: %v", resp.Error)
	}
}

// TestAccOpenAPIOperations calls the function through Terraform: the value in an output, and a document the
// gateway cannot express failing the plan.
func TestAccOpenAPIOperations(t *testing.T) {
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
output "ops" {
  value = provider::kong::openapi_operations(%q, {})
}
`, oasTestDoc),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValueAtPath("ops", tfjsonpath.New("showPet").AtMapKey("route").AtMapKey("paths"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(`~/v1/pets/(?<petId>[^/]+)$`)})),
					statecheck.ExpectKnownOutputValueAtPath("ops", tfjsonpath.New("showPet").AtMapKey("route").AtMapKey("methods"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("GET")})),
				},
			},
			{
				Config: fmt.Sprintf(`
output "ops" {
  value = provider::kong::openapi_operations(%q, {})
}
`, strings.Replace(oasTestDoc, "in: header", "in: cookie", 1)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`cookie\s+parameter\s+"X-Tenant"\s+cannot\s+be\s+validated`),
			},
		},
	})
}
