package kongclient

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// rootServer answers GET / with the given body and counts requests per path.
func rootServer(t *testing.T, root map[string]any) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var schemaGets atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Path == "/":
			_ = json.NewEncoder(w).Encode(root)
		case strings.HasPrefix(r.URL.Path, "/schemas/plugins/"):
			schemaGets.Add(1)
			_, _ = w.Write([]byte(`{"fields":[{"config":{"type":"record","fields":[]}}]}`))
		default:
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"message":"Not found"}`))
		}
	}))
	t.Cleanup(ts.Close)
	return ts, &schemaGets
}

func TestNewReadsTheGateway(t *testing.T) {
	cases := map[string]struct {
		root        map[string]any
		wantEdition string
		wantErr     string
	}{
		"oss": {
			root: map[string]any{"version": "3.9.1", "configuration": map[string]any{"database": "postgres", "router_flavor": "traditional_compatible"},
				"plugins": map[string]any{"available_on_server": map[string]any{"key-auth": map[string]any{}, "aws-lambda": map[string]any{}}}},
			wantEdition: "oss",
		},
		"enterprise": {
			root:        map[string]any{"version": "3.9.1.1-enterprise-edition", "configuration": map[string]any{"database": "postgres"}},
			wantEdition: "enterprise",
		},
		"db-less is refused": {
			root:    map[string]any{"version": "3.9.1", "configuration": map[string]any{"database": "off"}},
			wantErr: "DB-less",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			ts, _ := rootServer(t, tc.root)
			c, err := New(context.Background(), Config{AdminURL: ts.URL, Retry: DefaultRetryPolicy(0)})
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one mentioning %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Gateway.Edition != tc.wantEdition {
				t.Errorf("edition %q, want %q", c.Gateway.Edition, tc.wantEdition)
			}
		})
	}
}

func TestGatewayHasPlugin(t *testing.T) {
	g := gatewayFromRoot(map[string]any{"plugins": map[string]any{"available_on_server": map[string]any{"cors": true, "acl": true, "key-auth": true}}})
	for name, want := range map[string]bool{"acl": true, "cors": true, "key-auth": true, "request-validator": false, "": false} {
		if got := g.HasPlugin(name); got != want {
			t.Errorf("HasPlugin(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestNewRejectsBadSettings(t *testing.T) {
	cases := map[string]struct {
		cfg  Config
		want string
	}{
		"not a URL":               {Config{AdminURL: "localhost:8001"}, "not a valid URL"},
		"CA that is not PEM":      {Config{AdminURL: "http://127.0.0.1:1", CACertificatePEM: "nope"}, "ca_certificate"},
		"certificate without key": {Config{AdminURL: "http://127.0.0.1:1", ClientCertificatePEM: "x"}, "set together"},
		"unreachable":             {Config{AdminURL: "http://127.0.0.1:1"}, "reading the Kong Admin API"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := New(context.Background(), tc.cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestPluginSchemaIsFetchedOncePerName(t *testing.T) {
	ts, schemaGets := rootServer(t, map[string]any{"version": "3.9.1", "configuration": map[string]any{"database": "postgres"}})
	c, err := New(context.Background(), Config{AdminURL: ts.URL})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	for i := 0; i < 20; i++ {
		go func() {
			defer func() { done <- struct{}{} }()
			if _, err := c.PluginSchema(context.Background(), "cors"); err != nil {
				t.Error(err)
			}
		}()
	}
	for i := 0; i < 20; i++ {
		<-done
	}
	if _, err := c.PluginSchema(context.Background(), "acl"); err != nil {
		t.Fatal(err)
	}
	if n := schemaGets.Load(); n != 2 {
		t.Fatalf("%d schema requests for 2 plugin names, want 2", n)
	}
}
