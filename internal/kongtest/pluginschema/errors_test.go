package pluginschema

import (
	"reflect"
	"testing"
)

func TestFlattenErrors(t *testing.T) {
	cases := []struct {
		name   string
		prefix string
		fields string
		want   []string
	}{
		{"entity errors first, then fields sorted", "",
			`{"protocols":"x","@entity":["e1","e2"],"config":{"b":"mb","a":"ma"},"name":"n"}`,
			[]string{"e1", "e2", "config.a: ma", "config.b: mb", "name: n", "protocols: x"}},
		{"prefix stands for the parent field", "config", `{"timeout":"value should be between 0 and 100"}`,
			[]string{"config.timeout: value should be between 0 and 100"}},
		{"top-level array elements are numbered from 1", "", `{"snis":[null,"must not be an IP"]}`,
			[]string{"snis.2: must not be an IP"}},
		{"a whole-record message", "", `{"config":"content_type requires a body"}`,
			[]string{"config: content_type requires a body"}},
		{"deeper tables are pretty-printed", "", `{"config":{"redis":{"host":"required field missing","port":"p"}}}`,
			[]string{"config.redis: {\n  host = \"required field missing\",\n  port = \"p\"\n}"}},
		{"a sequence is printed without indexes", "", `{"config":{"allow":["bad 1","bad 2"]}}`,
			[]string{"config.allow: {\n  \"bad 1\",\n  \"bad 2\"\n}"}},
		{"holes make later indexes explicit", "", `{"config":{"allow":["bad 1",null,"bad \"3\""]}}`,
			[]string{"config.allow: {\n  \"bad 1\",\n  [3] = \"bad \\\"3\\\"\"\n}"}},
		{"keys that are not Lua identifiers are bracketed", "",
			`{"config":{"list":[{"@entity":["e"],"in":"x","ok_name":"y"}]}}`,
			[]string{"config.list: {\n  {\n    [\"@entity\"] = {\n      \"e\"\n    },\n    [\"in\"] = \"x\",\n    ok_name = \"y\"\n  }\n}"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := FlattenErrors(tc.prefix, jsonValue(t, tc.fields).(map[string]any))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("FlattenErrors\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestFlattenErrorsAcceptsStringLists(t *testing.T) {
	got := FlattenErrors("", map[string]any{"@entity": []string{"a", "b"}, "x": "y"})
	if want := []string{"a", "b", "x: y"}; !reflect.DeepEqual(got, want) {
		t.Errorf("FlattenErrors = %q, want %q", got, want)
	}
}
