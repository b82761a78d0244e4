package pluginschema

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// decode parses JSON as the fake server does (json.Number when useNumber).
func decode(t *testing.T, text string, useNumber bool) map[string]any {
	t.Helper()
	if text == "" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(text)))
	if useNumber {
		dec.UseNumber()
	}
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("bad test JSON %s: %v", text, err)
	}
	return m
}

// jsonValue parses a JSON literal into the package's value shape.
func jsonValue(t *testing.T, text string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		t.Fatalf("bad test JSON %s: %v", text, err)
	}
	return v
}

// widget is a custom plugin exercising every validator kind of the engine.
func widget() *Plugin {
	return New(Plugin{Name: "widget", Version: "1.0.0", Priority: 5},
		[]*Field{
			String("mode").Def("fast").Enum("fast", "slow"),
			Number("ratio").Gt(0),
			Integer("count").Range(1, 10),
			Number("fraction").Range(0.5, 2.5),
			String("code").MinLen(2).MaxLen(4),
			String("optional_empty").MinLen(0),
			String("path").Prefix("/"),
			String("upper").Matches("^%u+$", "^[A-Z]+$"),
			String("name").Rejects("admin", "admin", "reserved name"),
			String("even").Check(func(v any) string {
				if len(v.(string))%2 != 0 {
					return "odd length"
				}
				return ""
			}),
			String("filename").Matches("^%w+$", `^\w+$`).Message("not a valid filename"),
			String("secret").Ref(),
			Boolean("flag").Req().Def(true),
			Array("list", Integer("")),
			Set("tags", String("")),
			Map("labels", String(""), String("").MaxLen(3)),
			Array("items", Record("",
				String("id").Req(),
				Number("weight").Def(1),
			)),
			Record("nested",
				String("inner").Def("x"),
				Record("deeper", Integer("level").Def(3)),
			),
			String("required_no_default").Req(),
		},
		MutuallyExclusive("config.ratio", "config.fraction"),
	)
}

func TestNormalizeConfigFillsDefaults(t *testing.T) {
	p := widget()
	cases := []struct {
		name  string
		input string
		want  string
	}{
		{
			name:  "missing fields get defaults or null and records are expanded",
			input: `{"required_no_default":"r"}`,
			want: `{"mode":"fast","ratio":null,"count":null,"fraction":null,"code":null,"optional_empty":null,
				"path":null,"upper":null,"name":null,"even":null,"filename":null,"secret":null,"flag":true,
				"list":null,"tags":null,"labels":null,"items":null,
				"nested":{"inner":"x","deeper":{"level":3}},"required_no_default":"r"}`,
		},
		{
			name:  "explicit null is kept instead of the default",
			input: `{"required_no_default":"r","mode":null,"nested":{"inner":null}}`,
			want: `{"mode":null,"ratio":null,"count":null,"fraction":null,"code":null,"optional_empty":null,
				"path":null,"upper":null,"name":null,"even":null,"filename":null,"secret":null,"flag":true,
				"list":null,"tags":null,"labels":null,"items":null,
				"nested":{"inner":null,"deeper":{"level":3}},"required_no_default":"r"}`,
		},
		{
			name: "sets are de-duplicated keeping the first occurrence, arrays keep duplicates, array records are expanded",
			input: `{"required_no_default":"r","tags":["b","a","b"],"list":[2,2],
				"items":[{"id":"i1"},{"id":"i2","weight":5}],"labels":{"k":"v"}}`,
			want: `{"mode":"fast","ratio":null,"count":null,"fraction":null,"code":null,"optional_empty":null,
				"path":null,"upper":null,"name":null,"even":null,"filename":null,"secret":null,"flag":true,
				"list":[2,2],"tags":["b","a"],"labels":{"k":"v"},
				"items":[{"id":"i1","weight":1},{"id":"i2","weight":5}],
				"nested":{"inner":"x","deeper":{"level":3}},"required_no_default":"r"}`,
		},
		{
			name:  "an empty object stands for an empty array and an empty array for an empty record",
			input: `{"required_no_default":"r","list":{},"nested":[]}`,
			want: `{"mode":"fast","ratio":null,"count":null,"fraction":null,"code":null,"optional_empty":null,
				"path":null,"upper":null,"name":null,"even":null,"filename":null,"secret":null,"flag":true,
				"list":[],"tags":null,"labels":null,"items":null,
				"nested":{"inner":"x","deeper":{"level":3}},"required_no_default":"r"}`,
		},
	}
	for _, tc := range cases {
		for _, useNumber := range []bool{false, true} {
			t.Run(tc.name, func(t *testing.T) {
				got, errs := p.NormalizeConfig(decode(t, tc.input, useNumber))
				if errs != nil {
					t.Fatalf("unexpected errors: %v", errs)
				}
				if want := jsonValue(t, tc.want); !reflect.DeepEqual(any(got), want) {
					t.Errorf("normalized config\n got %v\nwant %v", got, want)
				}
			})
		}
	}
}

func TestNormalizeConfigDoesNotModifyInput(t *testing.T) {
	input := map[string]any{"required_no_default": "r", "tags": []any{"a", "a"}}
	if _, errs := widget().NormalizeConfig(input); errs != nil {
		t.Fatalf("unexpected errors: %v", errs)
	}
	want := map[string]any{"required_no_default": "r", "tags": []any{"a", "a"}}
	if !reflect.DeepEqual(input, want) {
		t.Errorf("input changed to %v", input)
	}
}

func TestNormalizeConfigAcceptsGoValues(t *testing.T) {
	got, errs := widget().NormalizeConfig(map[string]any{
		"required_no_default": "r", "count": 3, "tags": []string{"a"}, "labels": map[string]string{"k": "v"},
	})
	if errs != nil {
		t.Fatalf("unexpected errors: %v", errs)
	}
	if got["count"] != float64(3) || !reflect.DeepEqual(got["tags"], []any{"a"}) ||
		!reflect.DeepEqual(got["labels"], map[string]any{"k": "v"}) {
		t.Errorf("values not converted to the JSON shape: %v", got)
	}
}

func TestNormalizeConfigFieldErrors(t *testing.T) {
	p := widget()
	cases := []struct {
		name   string
		input  string
		config string // the expected errs["config"]
	}{
		{"one_of", `{"mode":"medium"}`, `{"mode":"expected one of: fast, slow"}`},
		{"gt", `{"ratio":0}`, `{"ratio":"value must be greater than 0"}`},
		{"between", `{"count":11}`, `{"count":"value should be between 1 and 10"}`},
		{"between truncates fractional limits like Lua's %d", `{"fraction":3}`, `{"fraction":"value should be between 0 and 2"}`},
		{"len_min", `{"code":"a"}`, `{"code":"length must be at least 2"}`},
		{"len_max", `{"code":"abcde"}`, `{"code":"length must be at most 4"}`},
		{"strings need at least one character by default", `{"even":""}`, `{"even":"length must be at least 1"}`},
		{"one_of runs before the length check", `{"mode":""}`, `{"mode":"expected one of: fast, slow"}`},
		{"starts_with", `{"path":"x"}`, `{"path":"should start with: /"}`},
		{"match", `{"upper":"abc"}`, `{"upper":"invalid value: abc"}`},
		{"match_none", `{"name":"the-admin"}`, `{"name":"reserved name"}`},
		{"custom validator", `{"even":"abc"}`, `{"even":"odd length"}`},
		{"err replaces the validator message", `{"filename":"a b"}`, `{"filename":"not a valid filename"}`},
		{"integer rejects fractions", `{"count":1.5}`, `{"count":"expected an integer"}`},
		{"integer rejects strings", `{"count":"5"}`, `{"count":"expected an integer"}`},
		{"number rejects strings", `{"ratio":"1"}`, `{"ratio":"expected a number"}`},
		{"boolean rejects strings", `{"flag":"true"}`, `{"flag":"expected a boolean"}`},
		{"string rejects numbers", `{"mode":1}`, `{"mode":"expected a string"}`},
		{"array rejects scalars", `{"list":"x"}`, `{"list":"expected an array"}`},
		{"set rejects objects", `{"tags":{"a":1}}`, `{"tags":"expected a set"}`},
		{"map rejects scalars", `{"labels":1}`, `{"labels":"expected a map"}`},
		{"record rejects scalars", `{"nested":1}`, `{"nested":"expected a record"}`},
		{"array element errors are aligned by index", `{"list":[1,"x",2,null]}`,
			`{"list":[null,"expected an integer",null,"required field missing"]}`},
		{"map entries report their first error", `{"labels":{"a":"long value"}}`, `{"labels":"length must be at most 3"}`},
		{"nested record errors nest", `{"nested":{"deeper":{"level":"x","extra":1}}}`,
			`{"nested":{"deeper":{"level":"expected an integer","extra":"unknown field"}}}`},
		{"record elements report per field", `{"items":[{"id":"a"},{"weight":"x"}]}`,
			`{"items":[null,{"id":"required field missing","weight":"expected a number"}]}`},
		{"unknown fields", `{"colour":"red"}`, `{"colour":"unknown field"}`},
		{"explicit null for a required field", `{"flag":null}`, `{"flag":"required field missing"}`},
		{"explicit null for a record", `{"nested":null}`, `{"nested":"required field missing"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			input := decode(t, tc.input, false)
			input["required_no_default"] = "r"
			got, errs := p.NormalizeConfig(input)
			if got != nil {
				t.Errorf("normalized config returned despite errors: %v", got)
			}
			want := map[string]any{"config": jsonValue(t, tc.config)}
			if !reflect.DeepEqual(errs, want) {
				t.Errorf("errors\n got %#v\nwant %#v", errs, want)
			}
		})
	}
}

func TestNormalizeConfigRequiredWithoutDefault(t *testing.T) {
	_, errs := widget().NormalizeConfig(nil)
	want := map[string]any{"config": map[string]any{"required_no_default": "required field missing"}}
	if !reflect.DeepEqual(errs, want) {
		t.Errorf("errors = %v, want %v", errs, want)
	}
}

func TestNormalizeConfigVaultReferenceSkipsValidators(t *testing.T) {
	p := New(Plugin{Name: "vaulted"}, []*Field{String("secret").Ref().MinLen(30), String("plain").MinLen(30)})
	_, errs := p.NormalizeConfig(map[string]any{"secret": "{vault://env/x}"})
	if errs != nil {
		t.Errorf("reference rejected: %v", errs)
	}
	_, errs = p.NormalizeConfig(map[string]any{"plain": "{vault://env/x}"})
	want := map[string]any{"config": map[string]any{"plain": "length must be at least 30"}}
	if !reflect.DeepEqual(errs, want) {
		t.Errorf("non-referenceable field: errors = %v, want %v", errs, want)
	}
}

func TestEntityChecks(t *testing.T) {
	p := New(Plugin{Name: "checked"},
		[]*Field{
			String("a"), String("b"), String("c"), Array("list", String("")),
			String("mode").Def("off"), String("target"),
		},
		AtLeastOneOf("config.a", "config.list"),
		OnlyOneOf("config.b", "config.c"),
		MutuallyRequired("config.a", "config.b"),
		MutuallyExclusive("config.a", "config.c"),
		RequiredWhen("config.mode", "on", "config.target"),
		CustomCheck(func(e map[string]any) string {
			if v, _ := lookup(e, "config.target"); v == "bad" {
				return "target is bad"
			}
			return ""
		}, "config.target"),
	)
	cases := []struct {
		name   string
		input  string
		update bool
		want   string
	}{
		{"all satisfied", `{"a":"x","b":"y"}`, false, `null`},
		{"at_least_one_of and only_one_of with nothing set", `{}`, false,
			`{"@entity":["at least one of these fields must be non-empty: 'config.a', 'config.list'",
				"exactly one of these fields must be non-empty: 'config.b', 'config.c'"]}`},
		{"empty values count as unset", `{"a":"","list":[],"b":"y"}`, false,
			`{"config":{"a":"length must be at least 1"},
			  "@entity":["at least one of these fields must be non-empty: 'config.a', 'config.list'",
				"all or none of these fields must be set: 'config.a', 'config.b'"]}`},
		{"at_least_one_of is worded for updates", `{"b":"y"}`, true,
			`{"@entity":["when updating, at least one of these fields must be non-empty: 'config.a', 'config.list'",
				"all or none of these fields must be set: 'config.a', 'config.b'"]}`},
		{"only_one_of, mutually_exclusive", `{"a":"x","b":"y","c":"z"}`, false,
			`{"@entity":["exactly one of these fields must be non-empty: 'config.b', 'config.c'",
				"only one or none of these fields must be set: 'config.a', 'config.c'"]}`},
		{"mutually_required with neither set", `{"list":["x"],"c":"z","a":null}`, false, `null`},
		{"mutually_required with one of two set", `{"a":"x","c":"z"}`, false,
			`{"@entity":["all or none of these fields must be set: 'config.a', 'config.b'",
				"only one or none of these fields must be set: 'config.a', 'config.c'"]}`},
		{"conditional", `{"a":"x","b":"y","mode":"on"}`, false,
			`{"config":{"target":"required field missing"},
			  "@entity":["failed conditional validation given value of field 'config.mode'"]}`},
		{"conditional satisfied", `{"a":"x","b":"y","mode":"on","target":"t"}`, false, `null`},
		{"custom entity check", `{"a":"x","b":"y","target":"bad"}`, false, `{"@entity":["target is bad"]}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			normalize := p.NormalizeConfig
			if tc.update {
				normalize = p.NormalizeUpdatedConfig
			}
			_, errs := normalize(decode(t, tc.input, false))
			var want map[string]any
			if w := jsonValue(t, tc.want); w != nil {
				want = w.(map[string]any)
			}
			if !reflect.DeepEqual(errs, want) {
				t.Errorf("errors\n got %v\nwant %v", errs, want)
			}
		})
	}
}

func TestEntityCheckNeedsItsFields(t *testing.T) {
	p := New(Plugin{Name: "needy"},
		[]*Field{String("mode").Req(), String("target"), String("x").Req(), String("y").Req()},
		RequiredWhen("config.mode", "on", "config.target"),
		OnlyOneOf("config.x", "config.y"),
	)
	_, errs := p.NormalizeConfig(map[string]any{"x": "1"})
	// The check's message replaces "required field missing", as in Kong.
	want := map[string]any{"config": map[string]any{
		"mode": "field required for entity check",
		"y":    "field required for entity check",
	}}
	if !reflect.DeepEqual(errs, want) {
		t.Errorf("errors\n got %v\nwant %v", errs, want)
	}
}

func TestRecordCustomValidatorRunsOnlyOnValidFields(t *testing.T) {
	p := New(Plugin{Name: "guarded"}, []*Field{Integer("n")})
	p.config.Check(func(v any) string {
		if v.(map[string]any)["n"] == nil {
			return "n is needed"
		}
		return ""
	})
	_, errs := p.NormalizeConfig(nil)
	if want := map[string]any{"config": "n is needed"}; !reflect.DeepEqual(errs, want) {
		t.Errorf("errors = %v, want %v", errs, want)
	}
	_, errs = p.NormalizeConfig(map[string]any{"n": "x"})
	if want := map[string]any{"config": map[string]any{"n": "expected an integer"}}; !reflect.DeepEqual(errs, want) {
		t.Errorf("errors = %v, want %v", errs, want)
	}
}

func TestShorthands(t *testing.T) {
	p := New(Plugin{Name: "aliased"}, []*Field{Record("conn", String("host"), Integer("port").Def(1))})
	p.config.Alias(String("conn_host"), "conn.host").Alias(Integer("conn_port"), "conn.port")
	cases := []struct {
		name, input, want, errs string
	}{
		{"moved to the target", `{"conn_host":"h"}`, `{"conn":{"host":"h","port":1}}`, `null`},
		{"equal values agree", `{"conn_host":"h","conn":{"host":"h"}}`, `{"conn":{"host":"h","port":1}}`, `null`},
		{"a null shorthand nulls its target", `{"conn_port":null}`, `{"conn":{"host":null,"port":null}}`, `null`},
		{"differing values", `{"conn_port":2,"conn":{"port":3}}`, `null`,
			`{"conn_port":"both deprecated and new field are used but their values mismatch: conn_port = 2 vs conn.port = 3"}`},
		{"invalid shorthand is reported at the top level", `{"conn_port":"x"}`, `null`, `{"conn_port":"expected an integer"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, errs := p.NormalizeConfig(decode(t, tc.input, false))
			var wantErrs map[string]any
			if w := jsonValue(t, tc.errs); w != nil {
				wantErrs = w.(map[string]any)
			}
			if !reflect.DeepEqual(errs, wantErrs) {
				t.Errorf("errors = %v, want %v", errs, wantErrs)
			}
			var wantConfig map[string]any
			if w := jsonValue(t, tc.want); w != nil {
				wantConfig = w.(map[string]any)
			}
			if !reflect.DeepEqual(got, wantConfig) {
				t.Errorf("config = %v, want %v", got, wantConfig)
			}
		})
	}
	stored, _ := p.NormalizeConfig(map[string]any{"conn_host": "h"})
	out := p.OutputConfig(stored)
	wantOut := map[string]any{"conn": map[string]any{"host": "h", "port": float64(1)}, "conn_host": "h", "conn_port": float64(1)}
	if !reflect.DeepEqual(out, wantOut) {
		t.Errorf("output = %v, want %v", out, wantOut)
	}
	if _, mirrored := stored["conn_host"]; mirrored {
		t.Error("OutputConfig changed the stored config")
	}
}

func TestIntegerBoundaries(t *testing.T) {
	p := New(Plugin{Name: "ints"}, []*Field{Integer("n")})
	for _, raw := range []string{"1e3", "-0", "9007199254740992"} {
		if _, errs := p.NormalizeConfig(decode(t, `{"n":`+raw+`}`, true)); errs != nil {
			t.Errorf("%s rejected: %v", raw, errs)
		}
	}
	if _, errs := p.NormalizeConfig(decode(t, `{"n":1.000001}`, true)); errs == nil ||
		!strings.Contains(FlattenErrors("", errs)[0], "expected an integer") {
		t.Errorf("fraction accepted: %v", errs)
	}
}
