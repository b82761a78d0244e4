package kongclient

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
)

func TestParseValidationErrors(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{
			name: "nested record, array elements and entity checks",
			body: `{"code":2,"message":"...","fields":{
				"config":{"key_names":[null,"bad header name"],"redis":{"host":"expected a string"},"typo":"unknown field",
				          "@entity":["at least one of these fields must be non-empty: 'config.allow', 'config.deny'"]},
				"consumer":"value must be null",
				"@entity":["whole entity"]}}`,
			want: []string{
				"whole entity",
				"config: at least one of these fields must be non-empty: 'config.allow', 'config.deny'",
				"config.key_names[1]: bad header name",
				"config.redis.host: expected a string",
				"config.typo: unknown field",
				"consumer: value must be null",
			},
		},
		{
			name: "message only",
			body: `{"message":"Cannot parse JSON body"}`,
			want: []string{"Cannot parse JSON body"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs, err := parseValidationErrors([]byte(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range errs {
				got = append(got, e.String())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
	if _, err := parseValidationErrors([]byte("<html>")); err == nil {
		t.Error("an unreadable body must be an error")
	}
}

func TestFormatPath(t *testing.T) {
	tests := map[string][]string{
		"":                              nil,
		"config":                        {"config"},
		"config.parameter_schema[0].in": {"config", "parameter_schema", "0", "in"},
		"config.origins[2]":             {"config", "origins", "2"},
	}
	for want, p := range tests {
		if got := FormatPath(p); got != want {
			t.Errorf("FormatPath(%q) = %q, want %q", p, got, want)
		}
	}
}

// TestValidatePluginCachesVerdicts shows that the same entity is sent to Kong once per client, that valid and
// invalid verdicts are both cached, and that a different entity is asked again.
func TestValidatePluginCachesVerdicts(t *testing.T) {
	var posts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/":
			io.WriteString(w, `{"version":"3.9.3","configuration":{"database":"postgres"},"plugins":{"available_on_server":{"cors":{}}}}`)
		case "/schemas/plugins/validate":
			posts.Add(1)
			var body map[string]any
			if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
				t.Errorf("body: %v", err)
			}
			if cfg, _ := body["config"].(map[string]any); cfg["typo"] != nil {
				w.WriteHeader(http.StatusBadRequest)
				io.WriteString(w, `{"code":2,"message":"schema violation (config.typo: unknown field)","fields":{"config":{"typo":"unknown field"}}}`)
				return
			}
			io.WriteString(w, `{"message":"schema validation successful"}`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	c, err := New(ctx, Config{AdminURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	valid := map[string]any{"name": "cors", "config": map[string]any{"origins": []any{"https://ui.example.com"}}}
	invalid := map[string]any{"name": "cors", "config": map[string]any{"typo": true}}
	for range 3 {
		errs, err := c.ValidatePlugin(ctx, valid)
		if err != nil || len(errs) != 0 {
			t.Fatalf("valid entity: %v %v", errs, err)
		}
		errs, err = c.ValidatePlugin(ctx, invalid)
		if err != nil || len(errs) != 1 || errs[0].String() != "config.typo: unknown field" {
			t.Fatalf("invalid entity: %v %v", errs, err)
		}
	}
	if got := posts.Load(); got != 2 {
		t.Errorf("Kong was asked %d times, want 2 (once per distinct entity)", got)
	}
}

func TestValidatePluginReportsOtherFailures(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			io.WriteString(w, `{"version":"3.9.3","configuration":{"database":"postgres"}}`)
			return
		}
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, `{"message":"Invalid credentials"}`)
	}))
	defer srv.Close()
	c, err := New(context.Background(), Config{AdminURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ValidatePlugin(context.Background(), map[string]any{"name": "cors"})
	if err == nil || !strings.Contains(err.Error(), "Invalid credentials") {
		t.Errorf("err = %v, want Kong's message", err)
	}
}
