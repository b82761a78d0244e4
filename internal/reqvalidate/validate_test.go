package reqvalidate

import (
	"reflect"
	"strings"
	"testing"
)

var petRules = Rules{
	OperationID: "updatePet",
	PathPattern: `/v1/pets/(?<petId>[^/]+)$`,
	ParameterSchema: []Parameter{
		{Name: "petId", In: "path", Required: true, Style: "simple", Schema: `{"type":"integer","minimum":1}`},
		{Name: "limit", In: "query", Style: "form", Explode: true, Schema: `{"type":"integer","maximum":100}`},
		{Name: "tags", In: "query", Style: "form", Explode: false, Schema: `{"type":"array","items":{"type":"string","enum":["a","b"]}}`},
		{Name: "ids", In: "query", Style: "form", Explode: true, Schema: `{"type":"array","items":{"type":"integer"},"maxItems":2}`},
		{Name: "dry", In: "query", Style: "form", Explode: true, Schema: `{"type":["boolean","null"]}`},
		{Name: "X-Request-Id", In: "header", Required: true, Style: "simple", Schema: `{"type":"string","minLength":3}`},
	},
	BodySchemas: map[string]string{
		"application/json": `{"$defs":{"Name":{"type":"string","minLength":1}},"type":"object","required":["name"],` +
			`"properties":{"name":{"$ref":"#/$defs/Name"},"age":{"type":"integer"}},"additionalProperties":false}`,
		"text/*":                   `{"type":"string","maxLength":3}`,
		"application/octet-stream": Unchecked,
	},
	BodyRequired: true,
}

func validRequest() *Request {
	return &Request{
		Path: "/v1/pets/42", RawQuery: "limit=10&tags=a,b&ids=1&ids=2&dry=true",
		Header:      map[string][]string{"x-request-id": {"abc-1"}},
		ContentType: "application/json; charset=utf-8", Body: []byte(`{"name":"Rex","age":3}`),
	}
}

func TestValidate(t *testing.T) {
	v, err := Compile(petRules)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(r *Request)
		want   []FieldError
	}{
		{"valid", func(*Request) {}, nil},
		{"valid text", func(r *Request) { r.ContentType, r.Body = "text/plain", []byte("abc") }, nil},
		{"valid binary, unchecked", func(r *Request) { r.ContentType, r.Body = "application/octet-stream", []byte{0, 1} }, nil},
		{"optional query absent", func(r *Request) { r.RawQuery = "" }, nil},
		{"bad path parameter", func(r *Request) { r.Path = "/v1/pets/rex" },
			[]FieldError{{In: "path", Name: "petId", Reason: "got string, want integer"}}},
		{"path parameter below minimum", func(r *Request) { r.Path = "/v1/pets/0" },
			[]FieldError{{In: "path", Name: "petId", Reason: "minimum: got 0, want 1"}}},
		{"missing required header", func(r *Request) { r.Header = map[string][]string{} },
			[]FieldError{{In: "header", Name: "X-Request-Id", Reason: "required header parameter is missing"}}},
		{"wrong query type", func(r *Request) { r.RawQuery = "limit=ten" },
			[]FieldError{{In: "query", Name: "limit", Reason: "got string, want integer"}}},
		{"query item not in enum", func(r *Request) { r.RawQuery = "tags=a,c" },
			[]FieldError{{In: "query", Name: "tags", Reason: "at /1: value must be one of 'a', 'b'"}}},
		{"exploded array too long", func(r *Request) { r.RawQuery = "ids=1&ids=2&ids=3" },
			[]FieldError{{In: "query", Name: "ids", Reason: "maxItems: got 3, want 2"}}},
		{"scalar given twice", func(r *Request) { r.RawQuery = "limit=1&limit=2" },
			[]FieldError{{In: "query", Name: "limit", Reason: "given 2 times; expected once"}}},
		{"invalid body", func(r *Request) { r.Body = []byte(`{"name":"","age":"3","x":1}`) }, []FieldError{
			{In: "body", Name: "", Reason: "additional properties 'x' not allowed"},
			{In: "body", Name: "/name", Reason: "minLength: got 0, want 1"},
			{In: "body", Name: "/age", Reason: "got string, want integer"}}},
		{"body not JSON", func(r *Request) { r.Body = []byte(`{"name":`) },
			[]FieldError{{In: "body", Reason: "body is not valid JSON: unexpected EOF"}}},
		{"body missing", func(r *Request) { r.ContentType, r.Body = "", nil },
			[]FieldError{{In: "body", Reason: "request body is required"}}},
		{"content type refused", func(r *Request) { r.ContentType = "application/xml" }, []FieldError{{In: "header", Name: "Content-Type",
			Reason: `content type "application/xml" is not accepted; accepted: application/json, application/octet-stream, text/*`}}},
		{"text too long", func(r *Request) { r.ContentType, r.Body = "text/csv", []byte("abcd") },
			[]FieldError{{In: "body", Reason: "maxLength: got 4, want 3"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validRequest()
			tt.change(r)
			got := v.Validate(r)
			if !sameErrors(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// sameErrors compares as sets: the order of a schema's keyword errors is the library's.
func sameErrors(got, want []FieldError) bool {
	if len(got) != len(want) {
		return false
	}
	left := append([]FieldError(nil), want...)
	for _, g := range got {
		found := false
		for i, w := range left {
			if reflect.DeepEqual(g, w) {
				left = append(left[:i], left[i+1:]...)
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name  string
		rules Rules
		want  string
	}{
		{"bad regex", Rules{PathPattern: "("}, "path_pattern"},
		{"path param without capture", Rules{PathPattern: "/a$", ParameterSchema: []Parameter{{Name: "id", In: "path", Required: true}}}, "no named capture"},
		{"bad schema", Rules{ParameterSchema: []Parameter{{Name: "q", In: "query", Schema: `{"type":"nope"}`}}}, "parameter_schema[0]"},
		{"external ref refused", Rules{BodySchemas: map[string]string{"application/json": `{"$ref":"file:///etc/passwd"}`}}, "external $ref"},
		{"xml body schema", Rules{BodySchemas: map[string]string{"application/xml": `{}`}}, "only JSON and text/*"},
		// Kong refuses an empty string in config; true is the schema that accepts any body.
		{"empty body schema", Rules{BodySchemas: map[string]string{"application/octet-stream": ``}}, "the schema is empty; true accepts"},
		{"cookie", Rules{ParameterSchema: []Parameter{{Name: "c", In: "cookie"}}}, "in must be path, query or header"},
		{"deepObject", Rules{ParameterSchema: []Parameter{{Name: "f", In: "query", Style: "deepObject"}}}, `style "deepObject"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compile(tt.rules)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}
