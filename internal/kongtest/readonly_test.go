package kongtest

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestReadOnlyToken: a token that may only read is answered for reads and refused for every write and
// for plugin validation with RBAC's 403 (a message only, naming the user and the action), while the
// full admin token still writes.
func TestReadOnlyToken(t *testing.T) {
	s := NewUnstartedServer(Options{Enterprise: true, AdminToken: "admin", ReadOnlyToken: "reader"})
	do := func(token, method, path, body string) (int, map[string]any) {
		t.Helper()
		r := httptest.NewRequest(method, path, strings.NewReader(body))
		r.Header.Set("Kong-Admin-Token", token)
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		var got map[string]any
		_ = json.Unmarshal(w.Body.Bytes(), &got)
		return w.Code, got
	}
	if code, _ := do("admin", "PUT", "/services/svc", `{"host":"example.com"}`); code != 200 {
		t.Fatalf("admin PUT: %d", code)
	}
	for _, path := range []string{"/", "/services", "/services/svc", "/schemas/plugins/key-auth"} {
		if code, body := do("reader", "GET", path, ""); code != 200 {
			t.Errorf("read-only GET %s: %d %v", path, code, body)
		}
	}
	writes := []struct{ method, path, body, action string }{
		{"POST", "/services", `{"host":"example.com"}`, "create"},
		{"PUT", "/services/svc", `{"host":"example.org"}`, "update"},
		{"PATCH", "/services/svc", `{"host":"example.org"}`, "update"},
		{"DELETE", "/services/svc", "", "delete"},
		{"POST", "/schemas/plugins/validate", `{"name":"key-auth"}`, "create"},
	}
	for _, w := range writes {
		code, body := do("reader", w.method, w.path, w.body)
		want := "read-only, you do not have permissions to " + w.action + " this resource"
		if code != 403 || body["message"] != want || len(body) != 1 {
			t.Errorf("read-only %s %s: %d %v, want 403 {message: %q}", w.method, w.path, code, body, want)
		}
	}
	if code, body := do("admin", "GET", "/services/svc", ""); code != 200 || body["host"] != "example.com" {
		t.Errorf("a refused write changed the service: %d %v", code, body)
	}
	if code, _ := do("wrong", "GET", "/services", ""); code != 401 {
		t.Errorf("unknown token: %d, want 401", code)
	}
	// Without an admin token, the read-only token still only reads, and requests without a token write.
	open := NewUnstartedServer(Options{ReadOnlyToken: "reader"})
	s = open
	if code, _ := do("reader", "PUT", "/services/svc", `{"host":"example.com"}`); code != 403 {
		t.Errorf("read-only PUT on a server without an admin token: %d", code)
	}
	if code, _ := do("", "PUT", "/services/svc", `{"host":"example.com"}`); code != 200 {
		t.Errorf("PUT without a token: %d", code)
	}
}
