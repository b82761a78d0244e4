package awsschemaprovider

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestParseType(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    tftypes.Type
		wantErr string
	}{
		{name: "string", in: `"string"`, want: tftypes.String},
		{name: "number", in: `"number"`, want: tftypes.Number},
		{name: "bool", in: `"bool"`, want: tftypes.Bool},
		{name: "dynamic", in: `"dynamic"`, want: tftypes.DynamicPseudoType},
		{name: "list", in: `["list","string"]`, want: tftypes.List{ElementType: tftypes.String}},
		{name: "set of maps", in: `["set",["map","number"]]`, want: tftypes.Set{ElementType: tftypes.Map{ElementType: tftypes.Number}}},
		{
			name: "object with optional attribute",
			in:   `["object",{"a":"string","b":"bool"},["b"]]`,
			want: tftypes.Object{
				AttributeTypes:     map[string]tftypes.Type{"a": tftypes.String, "b": tftypes.Bool},
				OptionalAttributes: map[string]struct{}{"b": {}},
			},
		},
		{name: "tuple", in: `["tuple",["string","number"]]`, want: tftypes.Tuple{ElementTypes: []tftypes.Type{tftypes.String, tftypes.Number}}},
		{name: "missing", in: ``, wantErr: "attribute has no type"},
		{name: "unknown primitive", in: `"text"`, wantErr: `unknown primitive type "text"`},
		{name: "unknown kind", in: `["bag","string"]`, wantErr: `unknown type kind "bag"`},
		{name: "list without element", in: `["list"]`, wantErr: "invalid type"},
		{name: "optional not an attribute", in: `["object",{"a":"string"},["z"]]`, wantErr: `optional attribute "z"`},
		{name: "bad nested element", in: `["list",["set","text"]]`, wantErr: `unknown primitive type "text"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseType(json.RawMessage(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseType(%s) error = %v, want it to contain %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseType(%s): %v", tt.in, err)
			}
			if !got.Equal(tt.want) {
				t.Fatalf("ParseType(%s) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestSchemaToProto(t *testing.T) {
	const doc = `{
		"version": 2,
		"block": {
			"attributes": {
				"name": {"type": "string", "required": true},
				"arn": {"type": "string", "computed": true},
				"secret_wo": {"type": "string", "optional": true, "write_only": true, "sensitive": true},
				"old": {"type": "string", "optional": true, "deprecated": true, "deprecation_message": "use name"}
			},
			"block_types": {
				"rule": {
					"nesting_mode": "set", "min_items": 1, "max_items": 5,
					"block": {"attributes": {"value": {"type": ["list", "string"], "optional": true}}}
				}
			}
		}
	}`
	var schema Schema
	if err := json.Unmarshal([]byte(doc), &schema); err != nil {
		t.Fatal(err)
	}
	got, err := schema.toProto("test_thing")
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != 2 || got.Block.Version != 2 {
		t.Errorf("version = %d/%d, want 2/2", got.Version, got.Block.Version)
	}
	var names []string
	attrs := map[string]*tfprotov5.SchemaAttribute{}
	for _, a := range got.Block.Attributes {
		names = append(names, a.Name)
		attrs[a.Name] = a
	}
	if strings.Join(names, ",") != "arn,name,old,secret_wo" {
		t.Errorf("attributes in order %v, want sorted", names)
	}
	if !attrs["name"].Required || attrs["name"].Optional || !attrs["name"].Type.Equal(tftypes.String) {
		t.Errorf("name = %+v, want a required string", attrs["name"])
	}
	if !attrs["arn"].Computed {
		t.Errorf("arn = %+v, want computed", attrs["arn"])
	}
	if !attrs["secret_wo"].WriteOnly || !attrs["secret_wo"].Sensitive {
		t.Errorf("secret_wo = %+v, want write-only and sensitive", attrs["secret_wo"])
	}
	if !attrs["old"].Deprecated || attrs["old"].DeprecationMessage != "use name" {
		t.Errorf("old = %+v, want deprecated with its message", attrs["old"])
	}
	if len(got.Block.BlockTypes) != 1 {
		t.Fatalf("block types = %d, want 1", len(got.Block.BlockTypes))
	}
	rule := got.Block.BlockTypes[0]
	if rule.TypeName != "rule" || rule.Nesting != tfprotov5.SchemaNestedBlockNestingModeSet || rule.MinItems != 1 || rule.MaxItems != 5 {
		t.Errorf("rule = %+v, want set block with 1..5 items", rule)
	}
	if !rule.Block.Attributes[0].Type.Equal(tftypes.List{ElementType: tftypes.String}) {
		t.Errorf("rule.value type = %s, want list of string", rule.Block.Attributes[0].Type)
	}
}

func TestSchemaToProtoRejects(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		wantErr string
	}{
		{name: "no block", doc: `{"version":0}`, wantErr: "x: schema has no block"},
		{
			name:    "nested_type attribute",
			doc:     `{"block":{"attributes":{"n":{"nested_type":{"nesting_mode":"single"},"optional":true}}}}`,
			wantErr: "x.n: nested_type attributes need protocol 6",
		},
		{
			name:    "unknown nesting mode",
			doc:     `{"block":{"block_types":{"b":{"nesting_mode":"tree","block":{}}}}}`,
			wantErr: `x.b: unknown nesting_mode "tree"`,
		},
		{
			name:    "bad attribute type in nested block",
			doc:     `{"block":{"block_types":{"b":{"nesting_mode":"list","block":{"attributes":{"v":{"type":"text"}}}}}}}`,
			wantErr: `x.b.v: unknown primitive type "text"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var schema Schema
			if err := json.Unmarshal([]byte(tt.doc), &schema); err != nil {
				t.Fatal(err)
			}
			_, err := schema.toProto("x")
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("toProto error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}
