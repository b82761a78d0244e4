package openapi

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/kongform/terraform-provider-kong/internal/reqvalidate"
)

func load(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func ptr(s string) *string { return &s }

// TestOperations checks routes and rules of each document; schemas are compared as parsed JSON.
func TestOperations(t *testing.T) {
	type want struct {
		path, method    string
		routePath       string
		priority        int64
		requiredHeaders []string
		params          []string // "in name required style explode"
		paramSchemas    map[string]string
		bodies          map[string]string
		bodyRequired    bool
		bodySchema      string
	}
	petSchema := `{"$defs":{"Owner":{"type":"object","properties":{"name":{"type":"string"},"pets":{"type":"array","items":{"$ref":"#/$defs/Pet"}}}},
		"Pet":{"type":"object","required":["name"],"properties":{"id":{"type":"integer","readOnly":true},"name":{"type":"string","minLength":1},
		"tag":{"type":["string","null"]},"owner":{"$ref":"#/$defs/Owner"}}}},"$ref":"#/$defs/Pet"}`
	tests := []struct {
		name string
		doc  string
		opts Options
		want map[string]want
	}{
		{name: "petstore 3.0 YAML, servers prefix", doc: "petstore-3.0.yaml", want: map[string]want{
			"listPets": {path: "/pets", method: "GET", routePath: `~/v1/pets$`, priority: 2, requiredHeaders: []string{"X-Request-Id"},
				params: []string{"query limit false form true", "query tags false form true", "header X-Request-Id true simple false"},
				paramSchemas: map[string]string{
					"limit": `{"type":"integer","maximum":100,"exclusiveMinimum":0}`, "tags": `{"type":"array","items":{"type":"string"}}`,
					"X-Request-Id": `{"type":"string","format":"uuid"}`}},
			"createPet":     {path: "/pets", method: "POST", routePath: `~/v1/pets$`, priority: 2, bodies: map[string]string{"application/json": petSchema}, bodyRequired: true, bodySchema: petSchema},
			"get_pets_mine": {path: "/pets/mine", method: "GET", routePath: `~/v1/pets/mine$`, priority: 3},
			"showPetById": {path: "/pets/{petId}", method: "GET", routePath: `~/v1/pets/(?<petId>[^/]+)$`, priority: 2,
				params: []string{"path petId true simple false"}, paramSchemas: map[string]string{"petId": `{"type":"integer","format":"int64"}`}},
		}},
		{name: "3.1 JSON, several content types, templates inside a segment, base_path wins over servers", doc: "media-3.1.json",
			opts: Options{BasePath: ptr("/dev/api2/")}, want: map[string]want{
				"putFile": {path: "/files/{name}.{ext}", method: "PUT", routePath: `~/dev/api2/files/(?<name>[^/]+)\.(?<ext>[^/]+)$`, priority: 3,
					params: []string{"path name true simple false", "path ext true simple false", "query ids false pipeDelimited false"},
					paramSchemas: map[string]string{"name": `{"type":"string","pattern":"^[a-z]+$"}`, "ext": `{"enum":["txt","json","bin"]}`,
						"ids": `{"type":"array","items":{"type":"integer"}}`},
					bodies: map[string]string{
						"application/json":             `{"type":"object","properties":{"note":{"type":["string","null"]}},"required":["note"]}`,
						"application/merge-patch+json": `{"type":"object","maxProperties":1}`,
						"text/plain":                   `{"type":"string","maxLength":5}`,
						"application/octet-stream":     `true`},
					bodySchema: `{"type":"object","properties":{"note":{"type":["string","null"]}},"required":["note"]}`},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ops, err := Operations(load(t, tt.doc), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(ops) != len(tt.want) {
				t.Fatalf("got operations %v, want %d", keys(ops), len(tt.want))
			}
			for id, w := range tt.want {
				op, ok := ops[id]
				if !ok {
					t.Fatalf("no operation %s in %v", id, keys(ops))
				}
				if op.Path != w.path || op.Method != w.method || op.Route.Paths[0] != w.routePath || op.Route.RegexPriority != w.priority ||
					!reflect.DeepEqual(op.Route.Methods, []string{w.method}) || !reflect.DeepEqual(op.Route.RequiredHeaders, w.requiredHeaders) {
					t.Errorf("%s: got %s %s route %+v", id, op.Method, op.Path, op.Route)
				}
				if op.Rules.PathPattern != strings.TrimPrefix(w.routePath, "~") || op.Rules.OperationID != id {
					t.Errorf("%s: rules path %q id %q", id, op.Rules.PathPattern, op.Rules.OperationID)
				}
				var params []string
				for _, p := range op.Rules.ParameterSchema {
					params = append(params, strings.Join([]string{p.In, p.Name, bs(p.Required), p.Style, bs(p.Explode)}, " "))
					jsonEqual(t, id+" "+p.Name, p.Schema, w.paramSchemas[p.Name])
				}
				if !reflect.DeepEqual(params, w.params) {
					t.Errorf("%s: params %q, want %q", id, params, w.params)
				}
				if len(op.Rules.BodySchemas) != len(w.bodies) || op.Rules.BodyRequired != w.bodyRequired {
					t.Errorf("%s: bodies %v required %t", id, op.Rules.BodySchemas, op.Rules.BodyRequired)
				}
				for ct, s := range w.bodies {
					jsonEqual(t, id+" "+ct, op.Rules.BodySchemas[ct], s)
				}
				jsonEqual(t, id+" body_schema", op.BodySchema, w.bodySchema)
			}
		})
	}
}

// TestNullable30Vs31 checks that 3.0's nullable and 3.1's type list give the same rule and accept null.
func TestNullable30Vs31(t *testing.T) {
	doc := func(version, schema string) string {
		return `{"openapi":"` + version + `","info":{"title":"t","version":"1"},"paths":{"/x":{"post":{"operationId":"x","requestBody":{"content":{"application/json":{"schema":` + schema + `}}},"responses":{}}}}}`
	}
	a := mustOps(t, doc("3.0.3", `{"type":"object","properties":{"v":{"type":"integer","nullable":true,"enum":[1,2]}}}`))["x"]
	b := mustOps(t, doc("3.1.0", `{"type":"object","properties":{"v":{"type":["integer","null"],"enum":[1,2,null]}}}`))["x"]
	jsonEqual(t, "3.0 vs 3.1", a.BodySchema, b.BodySchema)
	v, err := reqvalidate.Compile(a.Rules)
	if err != nil {
		t.Fatal(err)
	}
	for body, ok := range map[string]bool{`{"v":null}`: true, `{"v":1}`: true, `{"v":3}`: false, `{"v":"1"}`: false} {
		errs := v.Validate(&reqvalidate.Request{Path: "/x", ContentType: "application/json", Body: []byte(body)})
		if (len(errs) == 0) != ok {
			t.Errorf("%s: errors %v, want ok=%t", body, errs, ok)
		}
	}
}

func TestOperationErrors(t *testing.T) {
	op := func(body string) string {
		return `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a/{id}":{"post":` + body + `}}}`
	}
	param := func(p string) string { return op(`{"operationId":"op","parameters":[` + p + `],"responses":{}}`) }
	tests := []struct{ name, doc, want string }{
		{"cookie", param(`{"name":"session","in":"cookie","schema":{"type":"string"}}`), `operation "op" (#/paths/~1a~1{id}/post/parameters/0): cookie parameter "session"`},
		{"callbacks", op(`{"operationId":"op","callbacks":{"done":{}},"responses":{}}`), `operation "op" (#/paths/~1a~1{id}/post/callbacks): callbacks cannot`},
		{"multipart", op(`{"operationId":"op","requestBody":{"content":{"multipart/form-data":{"schema":{"type":"object"}}}},"responses":{}}`),
			`(#/paths/~1a~1{id}/post/requestBody/content/multipart~1form-data): content type multipart/form-data cannot be validated`},
		{"external ref", op(`{"operationId":"op","requestBody":{"content":{"application/json":{"schema":{"$ref":"other.yaml#/Pet"}}}},"responses":{}}`),
			`(#/paths/~1a~1{id}/post/requestBody/content/application~1json/schema/$ref): external reference "other.yaml#/Pet"`},
		{"deepObject", param(`{"name":"f","in":"query","style":"deepObject","schema":{"type":"string"}}`), `style deepObject`},
		{"object query", param(`{"name":"f","in":"query","schema":{"type":"object"}}`), `parameters/0/schema): parameter "f" is an object`},
		{"undeclared path param", param(`{"name":"nope","in":"path","required":true}`), `path parameter "nope" is not in the path template`},
		{"capture name", `{"openapi":"3.1.0","paths":{"/a/{pet-id}":{"get":{"operationId":"g"}}}}`, `operation "g" (#/paths/~1a~1{pet-id}/get): path parameter "pet-id" cannot be a regex capture name`},
		{"swagger", `{"swagger":"2.0"}`, `#/swagger: Swagger 2.0`},
		{"servers differ", `{"openapi":"3.0.0","servers":[{"url":"/v1"},{"url":"/v2"}],"paths":{"/a":{"get":{}}}}`, `#/servers/1/url): servers have different paths`},
		{"duplicate id", `{"openapi":"3.0.0","paths":{"/a":{"get":{"operationId":"x"},"put":{"operationId":"x"}}}}`, `operationId is also used by #/paths/~1a/get`},
		{"bad pattern", op(`{"operationId":"op","requestBody":{"content":{"application/json":{"schema":{"type":"string","pattern":"("}}}},"responses":{}}`), `do not compile`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Operations([]byte(tt.doc), Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func mustOps(t *testing.T, doc string) map[string]Operation {
	t.Helper()
	ops, err := Operations([]byte(doc), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ops
}

func jsonEqual(t *testing.T, what, got, want string) {
	t.Helper()
	if got == "" || want == "" {
		if got != want {
			t.Errorf("%s: got %q, want %q", what, got, want)
		}
		return
	}
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("%s: bad want: %v", what, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n got %s\nwant %s", what, got, want)
	}
}

func keys(m map[string]Operation) []string { return sortedKeys(m) }
func bs(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
