package main

import (
	"encoding/json"
	"net/http"
	"os"
	"reflect"
	"testing"

	"github.com/Kong/go-pdk/test"
	"github.com/kongform/terraform-provider-kong/internal/openapi"
	"github.com/kongform/terraform-provider-kong/internal/reqvalidate"
)

// configFor is the plugin config the provider function gives for one operation of the test document, taken
// through JSON as Kong hands it to the plugin.
func configFor(t testing.TB, operationID string) *Config {
	t.Helper()
	doc, err := os.ReadFile("../../internal/openapi/testdata/petstore-3.0.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ops, err := openapi.Operations(doc, openapi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(ops[operationID].Rules)
	c := New().(*Config)
	if err := json.Unmarshal(b, c); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestAccess(t *testing.T) {
	header := http.Header{"X-Request-Id": {"0b7e4c8e-1d7a-4f7e-9d43-6b1f2f0d9a11"}}
	tests := []struct {
		name, op, method, url string
		header                http.Header
		body                  string
		wantStatus            int
		wantBody              string
	}{
		{"valid list", "listPets", "GET", "http://example.com/v1/pets?limit=10&tags=a&tags=b", header, "", 200, ""},
		{"valid create", "createPet", "POST", "http://example.com/v1/pets", http.Header{"Content-Type": {"application/json"}}, `{"name":"Rex","tag":null}`, 200, ""},
		{"valid show", "showPetById", "GET", "http://example.com/v1/pets/42", nil, "", 200, ""},
		{"bad path parameter", "showPetById", "GET", "http://example.com/v1/pets/rex", nil, "", 400,
			`{"message":"request validation failed","errors":[{"in":"path","name":"petId","reason":"got string, want integer"}]}`},
		{"missing required header", "listPets", "GET", "http://example.com/v1/pets", nil, "", 400,
			`{"message":"request validation failed","errors":[{"in":"header","name":"X-Request-Id","reason":"required header parameter is missing"}]}`},
		{"wrong query type", "listPets", "GET", "http://example.com/v1/pets?limit=ten", header, "", 400,
			`{"message":"request validation failed","errors":[{"in":"query","name":"limit","reason":"got string, want integer"}]}`},
		{"invalid body", "createPet", "POST", "http://example.com/v1/pets", http.Header{"Content-Type": {"application/json"}}, `{"name":""}`, 400,
			`{"message":"request validation failed","errors":[{"in":"body","name":"/name","reason":"minLength: got 0, want 1"}]}`},
		// The harness refuses a POST without a body; the method is the route's business, not the validator's.
		{"missing body", "createPet", "GET", "http://example.com/v1/pets", nil, "", 400,
			`{"message":"request validation failed","errors":[{"in":"body","name":"","reason":"request body is required"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, err := test.New(t, test.Request{Method: tt.method, Url: tt.url, Headers: tt.header, Body: []byte(tt.body)})
			if err != nil {
				t.Fatal(err)
			}
			env.DoHttps(configFor(t, tt.op)) // the harness's upstream echoes with 200 when Access lets the request through
			if env.ClientRes.Status != tt.wantStatus {
				t.Fatalf("status %d, want %d (body %s)", env.ClientRes.Status, tt.wantStatus, env.ClientRes.Body)
			}
			if tt.wantBody == "" {
				return
			}
			if string(env.ClientRes.Body) != tt.wantBody {
				t.Errorf("body\n got %s\nwant %s", env.ClientRes.Body, tt.wantBody)
			}
			if ct := env.ClientRes.Headers.Get("Content-Type"); ct != "application/json" {
				t.Errorf("content type %q", ct)
			}
		})
	}
}

// TestMisconfigured: a config Kong accepts but the rules compiler refuses fails closed with the same shape.
func TestMisconfigured(t *testing.T) {
	env, err := test.New(t, test.Request{Method: "GET", Url: "http://example.com/x"})
	if err != nil {
		t.Fatal(err)
	}
	env.DoAccess(&Config{PathPattern: "("})
	if env.ClientRes.Status != 500 || string(env.ClientRes.Body) != `{"message":"request validation is misconfigured","errors":[]}` {
		t.Errorf("got %d %s", env.ClientRes.Status, env.ClientRes.Body)
	}
}

// TestConfigMirrorsRules holds Config's exported fields equal to reqvalidate.Rules, so the function's output
// is always a config the plugin reads whole.
func TestConfigMirrorsRules(t *testing.T) {
	c, r := reflect.TypeOf(Config{}), reflect.TypeOf(reqvalidate.Rules{})
	var cf []reflect.StructField
	for i := range c.NumField() {
		if f := c.Field(i); f.IsExported() {
			cf = append(cf, f)
		}
	}
	if len(cf) != r.NumField() {
		t.Fatalf("Config has %d exported fields, Rules %d", len(cf), r.NumField())
	}
	for i, f := range cf {
		g := r.Field(i)
		if f.Name != g.Name || f.Type != g.Type || f.Tag != g.Tag {
			t.Errorf("Config.%s %s %q != Rules.%s %s %q", f.Name, f.Type, f.Tag, g.Name, g.Type, g.Tag)
		}
	}
}

// TestCacheByConfig: instances with equal configs share one compiled validator.
func TestCacheByConfig(t *testing.T) {
	a, b := configFor(t, "createPet"), configFor(t, "createPet")
	if a.validator() != b.validator() {
		t.Error("equal configs compiled twice")
	}
	if a.validator() == configFor(t, "listPets").validator() {
		t.Error("different configs share a validator")
	}
}
