package awsschemaprovider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

const deprecationSchemaJSON = `{
  "format_version": "1.0",
  "provider_schemas": {"registry.terraform.io/hashicorp/aws": {
    "provider": {"block": {}},
    "resource_schemas": {"aws_thing": {"block": {
      "attributes": {
        "name": {"type": "string", "optional": true},
        "old_name": {"type": "string", "optional": true, "deprecated": true, "deprecation_message": "use name"}
      },
      "block_types": {
        "legacy": {"nesting_mode": "list", "block": {"deprecated": true, "deprecation_message": "use rule",
          "attributes": {"v": {"type": "string", "optional": true}}}},
        "rule": {"nesting_mode": "set", "block": {
          "attributes": {"key": {"type": "string", "optional": true, "deprecated": true, "deprecation_message": "use id"}}}}
      }
    }}},
    "data_source_schemas": {"aws_lookup": {"block": {
      "attributes": {"name": {"type": "string", "optional": true, "deprecated": true, "deprecation_message": "use region"}}
    }}}
  }}
}`

var (
	ruleType   = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"key": tftypes.String}}
	legacyType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"v": tftypes.String}}
	thingType  = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"name":     tftypes.String,
		"old_name": tftypes.String,
		"legacy":   tftypes.List{ElementType: legacyType},
		"rule":     tftypes.Set{ElementType: ruleType},
	}}
)

func thingConfig(t *testing.T, oldName tftypes.Value, legacy []tftypes.Value, rules []tftypes.Value) *tfprotov5.DynamicValue {
	t.Helper()
	config, err := tfprotov5.NewDynamicValue(thingType, tftypes.NewValue(thingType, map[string]tftypes.Value{
		"name":     tftypes.NewValue(tftypes.String, "x"),
		"old_name": oldName,
		"legacy":   tftypes.NewValue(tftypes.List{ElementType: legacyType}, legacy),
		"rule":     tftypes.NewValue(tftypes.Set{ElementType: ruleType}, rules),
	}))
	if err != nil {
		t.Fatal(err)
	}
	return &config
}

func TestValidateResourceTypeConfigWarnsAboutDeprecatedArguments(t *testing.T) {
	ctx := context.Background()
	server := NewServer([]byte(deprecationSchemaJSON))
	rule := func(key tftypes.Value) tftypes.Value {
		return tftypes.NewValue(ruleType, map[string]tftypes.Value{"key": key})
	}
	legacy := tftypes.NewValue(legacyType, map[string]tftypes.Value{"v": tftypes.NewValue(tftypes.String, "a")})
	tests := []struct {
		name      string
		config    *tfprotov5.DynamicValue
		wantPaths []*tftypes.AttributePath
		wantText  []string
	}{
		{
			name:   "nothing deprecated set",
			config: thingConfig(t, tftypes.NewValue(tftypes.String, nil), nil, []tftypes.Value{rule(tftypes.NewValue(tftypes.String, nil))}),
		},
		{
			name:      "deprecated attribute",
			config:    thingConfig(t, tftypes.NewValue(tftypes.String, "old"), nil, nil),
			wantPaths: []*tftypes.AttributePath{tftypes.NewAttributePath().WithAttributeName("old_name")},
			wantText:  []string{"use name"},
		},
		{
			name:      "unknown value still counts as set",
			config:    thingConfig(t, tftypes.NewValue(tftypes.String, tftypes.UnknownValue), nil, nil),
			wantPaths: []*tftypes.AttributePath{tftypes.NewAttributePath().WithAttributeName("old_name")},
			wantText:  []string{"use name"},
		},
		{
			name:      "deprecated block",
			config:    thingConfig(t, tftypes.NewValue(tftypes.String, nil), []tftypes.Value{legacy}, nil),
			wantPaths: []*tftypes.AttributePath{tftypes.NewAttributePath().WithAttributeName("legacy")},
			wantText:  []string{"use rule"},
		},
		{
			name:   "deprecated attribute inside a set block",
			config: thingConfig(t, tftypes.NewValue(tftypes.String, nil), nil, []tftypes.Value{rule(tftypes.NewValue(tftypes.String, "k"))}),
			wantPaths: []*tftypes.AttributePath{
				tftypes.NewAttributePath().WithAttributeName("rule").WithElementKeyValue(rule(tftypes.NewValue(tftypes.String, "k"))).WithAttributeName("key"),
			},
			wantText: []string{"use id"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := server.ValidateResourceTypeConfig(ctx, &tfprotov5.ValidateResourceTypeConfigRequest{TypeName: "aws_thing", Config: tt.config})
			if err != nil {
				t.Fatal(err)
			}
			if len(resp.Diagnostics) != len(tt.wantPaths) {
				t.Fatalf("got %d diagnostics %v, want %d", len(resp.Diagnostics), resp.Diagnostics, len(tt.wantPaths))
			}
			for i, d := range resp.Diagnostics {
				if d.Severity != tfprotov5.DiagnosticSeverityWarning || d.Summary != "Argument is deprecated" {
					t.Errorf("diagnostic %d = %s %q, want an \"Argument is deprecated\" warning", i, d.Severity, d.Summary)
				}
				if !d.Attribute.Equal(tt.wantPaths[i]) || d.Detail != tt.wantText[i] {
					t.Errorf("diagnostic %d at %s with %q, want %s with %q", i, d.Attribute, d.Detail, tt.wantPaths[i], tt.wantText[i])
				}
			}
		})
	}
}

func TestValidateDataSourceConfigWarnsAboutDeprecatedArguments(t *testing.T) {
	ctx := context.Background()
	server := NewServer([]byte(deprecationSchemaJSON))
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"name": tftypes.String}}
	config, err := tfprotov5.NewDynamicValue(typ, tftypes.NewValue(typ, map[string]tftypes.Value{"name": tftypes.NewValue(tftypes.String, "eu-west-1")}))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.ValidateDataSourceConfig(ctx, &tfprotov5.ValidateDataSourceConfigRequest{TypeName: "aws_lookup", Config: &config})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Detail != "use region" {
		t.Fatalf("diagnostics = %v, want one deprecation warning saying \"use region\"", resp.Diagnostics)
	}
}

func TestValidateConfigRejectsUnknownType(t *testing.T) {
	server := NewServer([]byte(deprecationSchemaJSON))
	resp, err := server.ValidateResourceTypeConfig(context.Background(), &tfprotov5.ValidateResourceTypeConfigRequest{TypeName: "aws_missing"})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Severity != tfprotov5.DiagnosticSeverityError {
		t.Fatalf("diagnostics = %v, want one error for a type outside the subset", resp.Diagnostics)
	}
}
