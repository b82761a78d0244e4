package awsschemaprovider

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/kongform/terraform-provider-kong/internal/testing/awsschemaprovider/schema"
)

// TestEmbeddedSubsetMatchesTypeList fails when types.txt was edited without
// re-running scripts/extract-aws-schema.sh, or the subset was edited by hand.
func TestEmbeddedSubsetMatchesTypeList(t *testing.T) {
	selectors, err := ParseSelectors(schema.TypeList)
	if err != nil {
		t.Fatal(err)
	}
	file, err := DecodeSchemaFile(schema.AWSSubsetJSON)
	if err != nil {
		t.Fatal(err)
	}
	embedded, err := file.AWS()
	if err != nil {
		t.Fatal(err)
	}
	reselected, err := Subset(embedded, selectors)
	if err != nil {
		t.Fatalf("types.txt selects types missing from the embedded subset: %v", err)
	}
	for kind, pair := range map[SelectorKind][2]map[string]*Schema{
		KindResource: {embedded.ResourceSchemas, reselected.ResourceSchemas},
		KindData:     {embedded.DataSourceSchemas, reselected.DataSourceSchemas},
	} {
		for name := range pair[0] {
			if _, ok := pair[1][name]; !ok {
				t.Errorf("embedded subset has %s %s, which types.txt does not select", kind, name)
			}
		}
	}
}

func TestServerServesEmbeddedSchema(t *testing.T) {
	ctx := context.Background()
	server := NewServer(schema.AWSSubsetJSON)
	resp, err := server.GetProviderSchema(ctx, &tfprotov5.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) > 0 {
		t.Fatalf("diagnostics: %v", resp.Diagnostics[0])
	}
	if !resp.ServerCapabilities.GetProviderSchemaOptional {
		t.Error("GetProviderSchemaOptional is off: Terraform would re-fetch the schema for every provider instance")
	}
	rule, ok := resp.ResourceSchemas["aws_lb_listener_rule"]
	if !ok {
		t.Fatal("aws_lb_listener_rule is not served")
	}
	var blocks []string
	for _, b := range rule.Block.BlockTypes {
		blocks = append(blocks, b.TypeName)
	}
	if !slices.Contains(blocks, "action") || !slices.Contains(blocks, "condition") {
		t.Errorf("aws_lb_listener_rule blocks = %v, want action and condition", blocks)
	}
	if _, ok := resp.DataSourceSchemas["aws_partition"]; !ok {
		t.Error("data source aws_partition is not served")
	}
	if resp.Provider == nil || len(resp.Provider.Block.Attributes) == 0 {
		t.Error("provider configuration schema is empty")
	}

	meta, err := server.GetMetadata(ctx, &tfprotov5.GetMetadataRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(meta.Resources) != len(resp.ResourceSchemas) || len(meta.DataSources) != len(resp.DataSourceSchemas) {
		t.Errorf("metadata lists %d resources and %d data sources, schema has %d and %d",
			len(meta.Resources), len(meta.DataSources), len(resp.ResourceSchemas), len(resp.DataSourceSchemas))
	}
	if !slices.IsSortedFunc(meta.Resources, func(a, b tfprotov5.ResourceMetadata) int { return strings.Compare(a.TypeName, b.TypeName) }) {
		t.Error("metadata resources are not sorted")
	}
}

func TestServerReportsBrokenSchema(t *testing.T) {
	ctx := context.Background()
	tests := map[string]string{
		"not JSON":        `{`,
		"no aws provider": `{"format_version":"1.0","provider_schemas":{}}`,
		"bad type":        `{"provider_schemas":{"registry.terraform.io/hashicorp/aws":{"provider":{"block":{"attributes":{"a":{"type":"text"}}}}}}}`,
	}
	for _, name := range slices.Sorted(maps.Keys(tests)) {
		t.Run(name, func(t *testing.T) {
			server := NewServer([]byte(tests[name]))
			resp, err := server.GetProviderSchema(ctx, &tfprotov5.GetProviderSchemaRequest{})
			if err != nil {
				t.Fatal(err)
			}
			if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Severity != tfprotov5.DiagnosticSeverityError {
				t.Fatalf("diagnostics = %v, want one error", resp.Diagnostics)
			}
			meta, err := server.GetMetadata(ctx, &tfprotov5.GetMetadataRequest{})
			if err != nil {
				t.Fatal(err)
			}
			if len(meta.Diagnostics) != 1 {
				t.Fatalf("metadata diagnostics = %v, want one error", meta.Diagnostics)
			}
		})
	}
}

// TestServerRefusesRealProviderWork checks that an RPC the mock should have
// answered fails instead of inventing values.
func TestServerRefusesRealProviderWork(t *testing.T) {
	ctx := context.Background()
	server := NewServer(schema.AWSSubsetJSON)
	diagnostics := map[string]func() ([]*tfprotov5.Diagnostic, error){
		"ConfigureProvider": func() ([]*tfprotov5.Diagnostic, error) {
			r, err := server.ConfigureProvider(ctx, &tfprotov5.ConfigureProviderRequest{})
			return r.Diagnostics, err
		},
		"PlanResourceChange": func() ([]*tfprotov5.Diagnostic, error) {
			r, err := server.PlanResourceChange(ctx, &tfprotov5.PlanResourceChangeRequest{})
			return r.Diagnostics, err
		},
		"ApplyResourceChange": func() ([]*tfprotov5.Diagnostic, error) {
			r, err := server.ApplyResourceChange(ctx, &tfprotov5.ApplyResourceChangeRequest{})
			return r.Diagnostics, err
		},
		"ReadResource": func() ([]*tfprotov5.Diagnostic, error) {
			r, err := server.ReadResource(ctx, &tfprotov5.ReadResourceRequest{})
			return r.Diagnostics, err
		},
		"ReadDataSource": func() ([]*tfprotov5.Diagnostic, error) {
			r, err := server.ReadDataSource(ctx, &tfprotov5.ReadDataSourceRequest{})
			return r.Diagnostics, err
		},
	}
	for _, rpc := range slices.Sorted(maps.Keys(diagnostics)) {
		t.Run(rpc, func(t *testing.T) {
			diags, err := diagnostics[rpc]()
			if err != nil {
				t.Fatal(err)
			}
			if len(diags) != 1 || diags[0].Severity != tfprotov5.DiagnosticSeverityError || !strings.Contains(diags[0].Detail, "mock_provider") {
				t.Fatalf("diagnostics = %v, want one error pointing at mock_provider", diags)
			}
		})
	}
	fn, err := server.CallFunction(ctx, &tfprotov5.CallFunctionRequest{Name: "arn_parse"})
	if err != nil {
		t.Fatal(err)
	}
	if fn.Error == nil || !strings.Contains(fn.Error.Text, "arn_parse") {
		t.Fatalf("CallFunction error = %v, want one naming the function", fn.Error)
	}
}

func TestServerAcceptsValidConfig(t *testing.T) {
	ctx := context.Background()
	server := NewServer(schema.AWSSubsetJSON)
	config := &tfprotov5.DynamicValue{JSON: []byte(`{"region":"eu-west-1"}`)}
	prepared, err := server.PrepareProviderConfig(ctx, &tfprotov5.PrepareProviderConfigRequest{Config: config})
	if err != nil {
		t.Fatal(err)
	}
	if prepared.PreparedConfig != config || len(prepared.Diagnostics) > 0 {
		t.Errorf("PrepareProviderConfig = %+v, want the config echoed without diagnostics", prepared)
	}
	res, err := server.ValidateResourceTypeConfig(ctx, &tfprotov5.ValidateResourceTypeConfigRequest{TypeName: "aws_iam_role"})
	if err != nil || len(res.Diagnostics) > 0 {
		t.Errorf("ValidateResourceTypeConfig = %v, %v; want no diagnostics", res.Diagnostics, err)
	}
	data, err := server.ValidateDataSourceConfig(ctx, &tfprotov5.ValidateDataSourceConfigRequest{TypeName: "aws_region"})
	if err != nil || len(data.Diagnostics) > 0 {
		t.Errorf("ValidateDataSourceConfig = %v, %v; want no diagnostics", data.Diagnostics, err)
	}
}

// BenchmarkFirstSchemaRequest measures what each provider process Terraform
// starts pays once: decoding and converting the embedded subset.
func BenchmarkFirstSchemaRequest(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		resp, err := NewServer(schema.AWSSubsetJSON).GetProviderSchema(ctx, &tfprotov5.GetProviderSchemaRequest{})
		if err != nil || len(resp.Diagnostics) > 0 {
			b.Fatal(err, resp.Diagnostics)
		}
	}
}

// TestServerPassesStateOfItsOwnVersion covers what `tofu test` sends between mocked runs: state at the
// schema's version comes back unchanged (attributes it lacks are null); other versions and types fail.
func TestServerPassesStateOfItsOwnVersion(t *testing.T) {
	ctx := context.Background()
	server := NewServer(schema.AWSSubsetJSON)
	schemas, err := server.GetProviderSchema(ctx, &tfprotov5.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	role := schemas.ResourceSchemas["aws_iam_role"]
	upgrade := func(typeName string, version int64, raw string) *tfprotov5.UpgradeResourceStateResponse {
		t.Helper()
		resp, err := server.UpgradeResourceState(ctx, &tfprotov5.UpgradeResourceStateRequest{
			TypeName: typeName, Version: version, RawState: &tfprotov5.RawState{JSON: []byte(raw)},
		})
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}

	resp := upgrade("aws_iam_role", role.Version, `{"name":"kong","arn":"arn:aws:iam::123456789012:role/kong","not_in_schema":1}`)
	if len(resp.Diagnostics) > 0 {
		t.Fatalf("diagnostics = %v", resp.Diagnostics[0])
	}
	value, err := resp.UpgradedState.Unmarshal(role.ValueType())
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := value.As(&attrs); err != nil {
		t.Fatal(err)
	}
	var name string
	if err := attrs["name"].As(&name); err != nil || name != "kong" {
		t.Errorf("name = %q (%v), want kong", name, err)
	}
	if !attrs["description"].IsNull() {
		t.Errorf("description = %v, want null", attrs["description"])
	}

	for _, c := range []struct {
		name, typeName, raw string
		version             int64
	}{
		{"another version", "aws_iam_role", `{"name":"kong"}`, role.Version + 1},
		{"unknown type", "aws_nothing", `{}`, 0},
		{"not an object", "aws_iam_role", `[1]`, role.Version},
	} {
		if diags := upgrade(c.typeName, c.version, c.raw).Diagnostics; len(diags) != 1 || diags[0].Severity != tfprotov5.DiagnosticSeverityError {
			t.Errorf("%s: diagnostics = %v, want one error", c.name, diags)
		}
	}
}
