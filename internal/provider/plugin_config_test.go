package provider

import (
	"encoding/json"
	"math/big"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// decodeJSON reads a JSON document the way the provider reads Kong's answers (numbers as json.Number).
func decodeJSON(t *testing.T, s string) any {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return v
}

func mustParseNumber(t *testing.T, s string) *big.Float {
	t.Helper()
	f, _, err := big.ParseFloat(s, 10, numberPrecision, big.ToNearestEven)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

func TestConfigFromTerraform(t *testing.T) {
	tuple := tftypes.Tuple{ElementTypes: []tftypes.Type{tftypes.String, tftypes.String}}
	objType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"key_names": tuple, "timeout": tftypes.Number, "hide": tftypes.Bool, "unset": tftypes.String,
		"later": tftypes.String,
	}}
	v := tftypes.NewValue(objType, map[string]tftypes.Value{
		"key_names": tftypes.NewValue(tuple, []tftypes.Value{str("apikey"), str("x-api-key")}),
		"timeout":   tftypes.NewValue(tftypes.Number, mustParseNumber(t, "0.1")),
		"hide":      tftypes.NewValue(tftypes.Bool, true),
		"unset":     tftypes.NewValue(tftypes.String, nil),
		"later":     tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
	})
	got, err := configFromTerraform(v)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"key_names": []any{"apikey", "x-api-key"},
		"timeout":   json.Number("0.1"),
		"hide":      true,
		"later":     unknownConfigValue{},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v\nwant %#v", got, want)
	}
}

func TestWithoutUnknowns(t *testing.T) {
	config := map[string]any{
		"function_name": unknownConfigValue{},
		"aws_region":    "eu-west-1",
		"redis":         map[string]any{"host": unknownConfigValue{}, "port": json.Number("6379")},
		"origins":       []any{"https://a.example.com", unknownConfigValue{}},
	}
	known, unknown := withoutUnknowns(config, []string{"config"})
	wantKnown := map[string]any{"aws_region": "eu-west-1", "redis": map[string]any{"port": json.Number("6379")}}
	if !reflect.DeepEqual(known, wantKnown) {
		t.Errorf("known = %#v, want %#v", known, wantKnown)
	}
	wantUnknown := [][]string{{"config", "function_name"}, {"config", "origins"}, {"config", "redis", "host"}}
	if !reflect.DeepEqual(unknown, wantUnknown) {
		t.Errorf("unknown = %q, want %q", unknown, wantUnknown)
	}
}

func TestProjectConfig(t *testing.T) {
	schema := parsePluginSchema(decodeJSON(t, `{"fields":[{"config":{"type":"record","fields":[
		{"headers":{"type":"map","keys":{"type":"string"},"values":{"type":"string"}}},
		{"queue":{"type":"record","fields":[{"max_batch_size":{"type":"integer","default":1}}]}},
		{"parameter_schema":{"type":"array","elements":{"type":"record","fields":[{"name":{"type":"string"}}]}}}
	]}}]}`).(map[string]any))
	stored := `{"timeout":10000,"keepalive":60000,"headers":{"a":"1","b":"2"},
		"queue":{"max_batch_size":5,"max_retry_time":60},
		"parameter_schema":[{"name":"id","style":null},{"name":"q","style":"form"}],
		"origins":["x"]}`
	tests := []struct {
		name  string
		shape string
		want  string
	}{
		{"only the keys the user wrote", `{"timeout":1}`, `{"timeout":10000}`},
		{"nested records keep only nested keys", `{"queue":{"max_batch_size":1}}`, `{"queue":{"max_batch_size":5}}`},
		{"maps are taken whole", `{"headers":{"a":"1"}}`, `{"headers":{"a":"1","b":"2"}}`},
		{"array elements follow the user's element", `{"parameter_schema":[{"name":"id"}]}`,
			`{"parameter_schema":[{"name":"id"},{"name":"q","style":"form"}]}`},
		{"null means not set", `{"origins":null}`, `{"origins":null}`},
		{"a key Kong no longer has is null", `{"gone":true}`, `{"gone":null}`},
		{"a type changed outside Terraform is Kong's value", `{"origins":{"a":1}}`, `{"origins":["x"]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := projectConfig(decodeJSON(t, stored), decodeJSON(t, tt.shape), schema.Config)
			if !jsonEqual(got, decodeJSON(t, tt.want)) {
				t.Errorf("got %#v, want %s", got, tt.want)
			}
		})
	}
}

func TestTerraformFromConfigKeepsTheUsersTypes(t *testing.T) {
	list := tftypes.List{ElementType: tftypes.String}
	tuple := tftypes.Tuple{ElementTypes: []tftypes.Type{tftypes.String}}
	tests := []struct {
		name     string
		value    string
		like     tftypes.Type
		wantType tftypes.Type
	}{
		{"list stays a list", `["a","b"]`, list, list},
		{"tuple grows with the value", `["a","b"]`, tuple, tftypes.Tuple{ElementTypes: []tftypes.Type{tftypes.String, tftypes.String}}},
		{"set stays a set", `["a"]`, tftypes.Set{ElementType: tftypes.String}, tftypes.Set{ElementType: tftypes.String}},
		{"map stays a map", `{"a":"1"}`, tftypes.Map{ElementType: tftypes.String}, tftypes.Map{ElementType: tftypes.String}},
		{"dynamic takes the natural type", `{"a":[1,true]}`, tftypes.DynamicPseudoType,
			tftypes.Object{AttributeTypes: map[string]tftypes.Type{"a": tftypes.Tuple{ElementTypes: []tftypes.Type{tftypes.Number, tftypes.Bool}}}}},
		{"object attribute changed outside Terraform takes its natural type", `{"a":5}`,
			tftypes.Object{AttributeTypes: map[string]tftypes.Type{"a": tftypes.String}},
			tftypes.Object{AttributeTypes: map[string]tftypes.Type{"a": tftypes.Number}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := terraformFromConfig(decodeJSON(t, tt.value), tt.like)
			if !ok {
				t.Fatal("not converted")
			}
			if !got.Type().Equal(tt.wantType) {
				t.Errorf("type %s, want %s", got.Type(), tt.wantType)
			}
			back, err := configFromTerraform(got)
			if err != nil || !jsonEqual(back, decodeJSON(t, tt.value)) {
				t.Errorf("round trip gave %#v (%v)", back, err)
			}
		})
	}
	if _, ok := terraformFromConfig(decodeJSON(t, `["a",1]`), list); ok {
		t.Error("a number must not fit a list of strings")
	}
}

// TestNumbersRoundTripExactly shows a number read back from Kong equals the one Terraform parsed from the
// configuration, which is what keeps "inconsistent result after apply" and perpetual diffs away.
func TestNumbersRoundTripExactly(t *testing.T) {
	for _, s := range []string{"0.1", "60000", "1e+21", "-3.25", "123456789.123456789"} {
		written := tftypes.NewValue(tftypes.Number, mustParseNumber(t, s))
		sent, err := configFromTerraform(written)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := json.Marshal(sent)
		read, ok := terraformFromConfig(decodeJSON(t, string(body)), tftypes.Number)
		if !ok || !read.Equal(written) {
			t.Errorf("%s came back as %s", s, read)
		}
	}
}

func TestNonDefaultConfig(t *testing.T) {
	schema := parsePluginSchema(decodeJSON(t, `{"fields":[
		{"protocols":{"type":"set","default":["grpc","grpcs","http","https"]}},
		{"config":{"type":"record","fields":[
			{"timeout":{"type":"number","default":60000}},
			{"function_name":{"type":"string"}},
			{"methods":{"type":"array","default":["GET","POST"]}},
			{"secret":{"type":"string","auto":true}},
			{"redis":{"type":"record","fields":[{"host":{"type":"string"}},{"port":{"type":"integer","default":6379}}]}},
			{"parameter_schema":{"type":"array","elements":{"type":"record","fields":[
				{"name":{"type":"string"}},{"style":{"type":"string"}},{"explode":{"type":"boolean"}}]}}}
		]}}]}`).(map[string]any))
	if !reflect.DeepEqual(schema.DefaultProtocols, []string{"grpc", "grpcs", "http", "https"}) {
		t.Errorf("default protocols = %q", schema.DefaultProtocols)
	}
	stored := decodeJSON(t, `{"timeout":60000.0,"function_name":"hello","methods":["GET","POST"],"secret":"random",
		"redis":{"host":null,"port":6380},"redis_port":6380,
		"parameter_schema":[{"name":"id","style":null,"explode":false}]}`).(map[string]any)
	want := decodeJSON(t, `{"function_name":"hello","redis":{"port":6380},"parameter_schema":[{"name":"id","explode":false}]}`)
	if got := nonDefaultConfig(stored, schema.Config); !jsonEqual(got, want) {
		t.Errorf("got %#v", got)
	}
	if got := nonDefaultConfig(stored, nil); len(got) != 0 {
		t.Errorf("without a schema nothing is known to be written: %#v", got)
	}
}

func TestJSONEqual(t *testing.T) {
	tests := []struct {
		a, b any
		want bool
	}{
		{json.Number("1"), 1.0, true},
		{json.Number("1.5"), json.Number("1.50"), true},
		{json.Number("1"), "1", false},
		{[]any{"a"}, []any{"a"}, true},
		{[]any{"a"}, []any{}, false},
		{map[string]any{"a": nil}, map[string]any{}, false},
		{nil, nil, true},
		{"x", []any{"x"}, false},
	}
	for _, tt := range tests {
		if got := jsonEqual(tt.a, tt.b); got != tt.want {
			t.Errorf("jsonEqual(%#v, %#v) = %v", tt.a, tt.b, got)
		}
	}
}

func TestMergeConfigAndOverlaps(t *testing.T) {
	config := decodeJSON(t, `{"policy":"redis","redis":{"host":"redis.internal","port":6380}}`).(map[string]any)
	sensitive := decodeJSON(t, `{"redis":{"password":"s3cret"}}`).(map[string]any)
	if got := overlappingFields(config, sensitive, []string{"config"}); len(got) != 0 {
		t.Errorf("no overlap expected, got %q", got)
	}
	mergeConfig(config, sensitive)
	want := decodeJSON(t, `{"policy":"redis","redis":{"host":"redis.internal","port":6380,"password":"s3cret"}}`)
	if !jsonEqual(config, want) {
		t.Errorf("merged %v", config)
	}
	twice := decodeJSON(t, `{"policy":"local","redis":{"port":1,"password":"x"}}`).(map[string]any)
	got := overlappingFields(config, twice, []string{"config"})
	wantOverlap := [][]string{{"config", "policy"}, {"config", "redis", "password"}, {"config", "redis", "port"}}
	if !reflect.DeepEqual(got, wantOverlap) {
		t.Errorf("overlaps %q, want %q", got, wantOverlap)
	}
}

func TestSplitEncrypted(t *testing.T) {
	schema := parsePluginSchema(decodeJSON(t, `{"fields":[{"config":{"type":"record","fields":[
		{"minute":{"type":"number"}},
		{"aws_secret":{"type":"string","encrypted":true}},
		{"redis":{"type":"record","fields":[{"host":{"type":"string"}},{"password":{"type":"string","encrypted":true}}]}}
	]}}]}`).(map[string]any))
	config := decodeJSON(t, `{"minute":5,"aws_secret":"a","redis":{"host":"h","password":"p"},"unknown":1}`).(map[string]any)
	plain, secret := splitEncrypted(config, schema.Config)
	if !jsonEqual(plain, decodeJSON(t, `{"minute":5,"redis":{"host":"h"},"unknown":1}`)) {
		t.Errorf("plain %v", plain)
	}
	if !jsonEqual(secret, decodeJSON(t, `{"aws_secret":"a","redis":{"password":"p"}}`)) {
		t.Errorf("secret %v", secret)
	}
}
