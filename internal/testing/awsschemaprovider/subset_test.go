package awsschemaprovider

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestParseSelectors(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []Selector
		wantErr string
	}{
		{
			name: "kinds, comments and blank lines",
			in:   "# header\n\nresource aws_lb_*\n  data aws_region  \n",
			want: []Selector{{Kind: KindResource, Pattern: "aws_lb_*"}, {Kind: KindData, Pattern: "aws_region"}},
		},
		{name: "unknown kind", in: "module aws_lb", wantErr: `line 1: unknown kind "module"`},
		{name: "missing pattern", in: "\nresource", wantErr: "line 2: want"},
		{name: "extra field", in: "data aws_vpc aws_subnets", wantErr: "line 1: want"},
		{name: "bad glob", in: "resource aws_[", wantErr: `line 1: bad pattern "aws_["`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseSelectors(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseSelectors error = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("ParseSelectors = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSubset(t *testing.T) {
	block := &Schema{Block: &Block{}}
	full := &ProviderSchema{
		Provider: block,
		ResourceSchemas: map[string]*Schema{
			"aws_lb": block, "aws_lb_listener": block, "aws_lb_listener_rule": block, "aws_instance": block,
		},
		DataSourceSchemas: map[string]*Schema{"aws_lb": block, "aws_region": block},
	}
	tests := []struct {
		name          string
		selectors     []Selector
		wantResources []string
		wantData      []string
		wantErr       string
	}{
		{
			name:          "glob and exact names per kind",
			selectors:     []Selector{{KindResource, "aws_lb_*"}, {KindData, "aws_region"}},
			wantResources: []string{"aws_lb_listener", "aws_lb_listener_rule"},
			wantData:      []string{"aws_region"},
		},
		{
			name:          "same name in both kinds stays apart",
			selectors:     []Selector{{KindData, "aws_lb"}},
			wantResources: []string{},
			wantData:      []string{"aws_lb"},
		},
		{name: "unmatched selector", selectors: []Selector{{KindData, "aws_instance"}}, wantErr: `data "aws_instance" matches no type`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Subset(full, tt.selectors)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Subset error = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Provider != full.Provider {
				t.Error("Subset dropped the provider schema")
			}
			if r := slices.Sorted(maps.Keys(got.ResourceSchemas)); !slices.Equal(r, tt.wantResources) {
				t.Errorf("resources = %v, want %v", r, tt.wantResources)
			}
			if d := slices.Sorted(maps.Keys(got.DataSourceSchemas)); !slices.Equal(d, tt.wantData) {
				t.Errorf("data sources = %v, want %v", d, tt.wantData)
			}
		})
	}
}

func TestRestoreNamed(t *testing.T) {
	decode := func(doc string) *ProviderSchema {
		t.Helper()
		file, err := DecodeSchemaFile([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		aws, err := file.AWS()
		if err != nil {
			t.Fatal(err)
		}
		return aws
	}
	// "stripped" lost every attribute and block named description; "reference"
	// is an older release that still has them, and lacks the newer "added".
	stripped := decode(`{"provider_schemas":{"registry.terraform.io/hashicorp/aws":{
		"provider":{"block":{}},
		"resource_schemas":{
			"aws_security_group":{"block":{
				"attributes":{"name":{"type":"string","optional":true},"added":{"type":"string","optional":true}},
				"block_types":{"ingress":{"nesting_mode":"set","block":{"attributes":{"from_port":{"type":"number","required":true}}}}}}},
			"aws_new_thing":{"block":{}}
		},
		"data_source_schemas":{"aws_vpc":{"block":{"attributes":{"id":{"type":"string","computed":true}}}}}}}}`)
	reference := decode(`{"provider_schemas":{"registry.terraform.io/hashicorp/aws":{
		"provider":{"block":{}},
		"resource_schemas":{
			"aws_security_group":{"block":{
				"attributes":{"name":{"type":"string","optional":true},"description":{"type":"string","optional":true}},
				"block_types":{"ingress":{"nesting_mode":"set","block":{"attributes":{
					"from_port":{"type":"number","required":true},"description":{"type":"string","optional":true}}}}}}},
			"aws_other":{"block":{"attributes":{"description":{"type":"string","optional":true}}}}
		},
		"data_source_schemas":{"aws_vpc":{"block":{
			"attributes":{"id":{"type":"string","computed":true}},
			"block_types":{"description":{"nesting_mode":"list","block":{}}}}}}}}}`)

	restored := RestoreNamed(stripped, reference, "description")

	want := []string{"aws_security_group.description", "aws_security_group.ingress.description", "aws_vpc.description"}
	if !slices.Equal(restored, want) {
		t.Fatalf("restored %v, want %v", restored, want)
	}
	sg := stripped.ResourceSchemas["aws_security_group"].Block
	if a := sg.Attributes["description"]; a == nil || !a.Optional || string(a.Type) != `"string"` {
		t.Errorf("aws_security_group.description = %+v, want an optional string", a)
	}
	if _, ok := sg.Attributes["added"]; !ok {
		t.Error("an attribute the reference lacks was dropped")
	}
	if _, ok := stripped.ResourceSchemas["aws_other"]; ok {
		t.Error("a type outside the subset was added")
	}
	if again := RestoreNamed(stripped, reference, "description"); len(again) != 0 {
		t.Errorf("second restore changed %v, want nothing", again)
	}
}
