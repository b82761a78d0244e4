package pluginschema

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/kongform/terraform-provider-kong/internal/reqvalidate"
)

// TestOpenAPIRequestValidatorMatchesRules derives the schema from reqvalidate.Rules the way go-pdk does
// (json tag as name; string, bool, slice, map, struct) and compares it with the declared one, so the test
// server cannot drift from what the plugin reports to Kong.
func TestOpenAPIRequestValidatorMatchesRules(t *testing.T) {
	var derive func(reflect.Type) string
	derive = func(t reflect.Type) string {
		switch t.Kind() {
		case reflect.String:
			return "string"
		case reflect.Bool:
			return "boolean"
		case reflect.Slice:
			return "array<" + derive(t.Elem()) + ">"
		case reflect.Map:
			return "map<" + derive(t.Key()) + "," + derive(t.Elem()) + ">"
		case reflect.Struct:
			var fields []string
			for i := range t.NumField() {
				f := t.Field(i)
				fields = append(fields, f.Tag.Get("json")+":"+derive(f.Type))
			}
			return "record{" + strings.Join(fields, " ") + "}"
		}
		return "unsupported " + t.String()
	}
	var declared func(*Field) string
	declared = func(f *Field) string {
		switch f.Type {
		case TypeArray:
			return "array<" + declared(f.Elements) + ">"
		case TypeMap:
			return "map<" + declared(f.Keys) + "," + declared(f.Values) + ">"
		case TypeRecord:
			var fields []string
			for _, c := range f.Fields {
				fields = append(fields, c.Name+":"+declared(c))
			}
			return "record{" + strings.Join(fields, " ") + "}"
		}
		return string(f.Type)
	}
	want := derive(reflect.TypeOf(reqvalidate.Rules{}))
	if got := declared(OpenAPIRequestValidator().config); got != want {
		t.Errorf("declared %s\n  plugin %s", got, want)
	}
}

// TestOpenAPIRequestValidatorConfig: the function's output is a config the schema accepts as it is.
func TestOpenAPIRequestValidatorConfig(t *testing.T) {
	rules := reqvalidate.Rules{OperationID: "showPet", PathPattern: `/v1/pets/(?<petId>[^/]+)$`,
		ParameterSchema: []reqvalidate.Parameter{{Name: "petId", In: "path", Required: true, Style: "simple", Schema: `{"type":"integer"}`}},
		BodySchemas:     map[string]string{"application/json": `{"type":"object"}`}, BodyRequired: true}
	b, _ := json.Marshal(rules)
	var config map[string]any
	if err := json.Unmarshal(b, &config); err != nil {
		t.Fatal(err)
	}
	got, errs := OpenAPIRequestValidator().NormalizeConfig(config)
	if errs != nil {
		t.Fatalf("errors %v", errs)
	}
	if !reflect.DeepEqual(got["body_schemas"], config["body_schemas"]) || got["path_pattern"] != rules.PathPattern {
		t.Errorf("normalized %v", got)
	}
	if _, errs := OpenAPIRequestValidator().NormalizeConfig(map[string]any{"body_required": "yes"}); errs == nil {
		t.Error("a string body_required was accepted")
	}
	if _, ok := Custom("nope"); ok {
		t.Error("unknown custom plugin found")
	}
}
