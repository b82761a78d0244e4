package kongtest

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

func TestRootAndStatus(t *testing.T) {
	cases := []struct {
		name      string
		opts      Options
		version   string
		edition   string
		database  string
		validator bool
	}{
		{"oss", Options{}, "3.9.3", "community", "postgres", false},
		{"enterprise", Options{Enterprise: true}, "3.9.1.1-enterprise-edition", "enterprise", "postgres", true},
		{"dbless", Options{DBLess: true}, "3.9.3", "community", "off", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := NewUnstartedServer(tc.opts)
			w, root := request(t, s, "GET", "/", "", "")
			if w.Header().Get("Server") != "kong/"+tc.version || w.Header().Get("Content-Type") != "application/json; charset=utf-8" ||
				w.Header().Get("X-Kong-Admin-Latency") == "" || w.Header().Get("Access-Control-Allow-Origin") != "*" {
				t.Errorf("headers = %v", w.Header())
			}
			assertSubset(t, "GET /", root, fmt.Sprintf(`{"version":%q,"edition":%q,"tagline":"Welcome to kong"}`, tc.version, tc.edition))
			cfg := root["configuration"].(map[string]any)
			if cfg["database"] != tc.database || cfg["router_flavor"] != "traditional_compatible" {
				t.Errorf("configuration = %v", cfg)
			}
			available := root["plugins"].(map[string]any)["available_on_server"].(map[string]any)
			if _, ok := available["request-validator"]; ok != tc.validator {
				t.Errorf("request-validator available = %v, want %v", ok, tc.validator)
			}
			assertSubset(t, "aws-lambda entry", available, `{"aws-lambda":{"priority":750,"version":"`+map[bool]string{false: "3.9.3", true: "3.9.1.1"}[tc.opts.Enterprise]+`"}}`)
			_, status := request(t, s, "GET", "/status", "", "")
			assertSubset(t, "GET /status", status, `{"database":{"reachable":true}}`)
		})
	}
}

func TestEnabledInCluster(t *testing.T) {
	s, _ := newTestServer(t)
	_, root := request(t, s, "GET", "/", "", "")
	if got := fmt.Sprint(root["plugins"].(map[string]any)["enabled_in_cluster"]); got != "[]" {
		t.Errorf("enabled_in_cluster of an empty node = %s, want []", got)
	}
	runSteps(t, s, []step{
		{method: "POST", path: "/plugins", body: `{"name":"cors"}`, status: 201},
		{method: "POST", path: "/plugins", body: `{"name":"acl","config":{"allow":["a"]}}`, status: 201},
	})
	_, root = request(t, s, "GET", "/", "", "")
	if got := fmt.Sprint(root["plugins"].(map[string]any)["enabled_in_cluster"]); got != "[acl cors]" {
		t.Errorf("enabled_in_cluster = %s, want [acl cors]", got)
	}
}

func TestDBLessRefusesWrites(t *testing.T) {
	s := NewUnstartedServer(Options{DBLess: true})
	runSteps(t, s, []step{
		{method: "POST", path: "/services", body: `{"host":"a"}`, status: 405,
			want: `{"code":12,"name":"operation unsupported","message":"cannot create 'services' entities when not using a database"}`},
		{method: "GET", path: "/services", status: 200},
	})
}

func TestEnterpriseRequestValidator(t *testing.T) {
	s := NewUnstartedServer(Options{Enterprise: true})
	runSteps(t, s, []step{{method: "POST", path: "/plugins",
		body: `{"name":"request-validator","config":{"body_schema":"[{\"name\":{\"type\":\"string\",\"required\":true}}]"}}`, status: 201,
		want: `{"name":"request-validator"}`}})
}

// TestConcurrentWrites runs parallel writers and readers; with -race it shows the
// store is safely locked, and the final counts show no write was lost.
func TestConcurrentWrites(t *testing.T) {
	s := NewServer(Options{})
	defer s.Close()
	const workers, perWorker = 8, 25
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < perWorker; i++ {
				name := fmt.Sprintf("svc-%d-%d", w, i)
				for _, r := range []struct {
					method, path, body string
					status             int
				}{
					{"PUT", "/services/" + name, `{"host":"a.test"}`, 200},
					{"POST", "/services/" + name + "/routes", `{"paths":["/p"]}`, 201},
					{"GET", "/services?size=10", "", 200},
				} {
					if resp, err := httpDo(t, r.method, s.URL+r.path, r.body); err != nil || resp.StatusCode != r.status {
						t.Errorf("%s %s: %v %v, want %d", r.method, r.path, resp, err, r.status)
					}
				}
			}
		}(w)
	}
	wg.Wait()
	if n := len(s.tables["services"].ids); n != workers*perWorker {
		t.Errorf("%d services stored, want %d", n, workers*perWorker)
	}
	if got := s.Stats().Total; got != 3*workers*perWorker {
		t.Errorf("stats counted %d requests, want %d", got, 3*workers*perWorker)
	}
}

func TestEnterpriseSurface(t *testing.T) {
	s := NewUnstartedServer(Options{Enterprise: true, AdminToken: "s3cret"})
	request401 := func(token string) {
		t.Helper()
		r := httptest.NewRequest("GET", "/services", nil)
		if token != "" {
			r.Header.Set("Kong-Admin-Token", token)
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != 401 || !strings.Contains(w.Body.String(), `"Invalid credentials. Token or User credentials required"`) {
			t.Errorf("token %q: %d %s, want Kong's 401", token, w.Code, w.Body.String())
		}
	}
	request401("")
	request401("wrong")

	do := func(method, path, body string) (int, map[string]any) {
		r := httptest.NewRequest(method, path, strings.NewReader(body))
		r.Header.Set("Kong-Admin-Token", "s3cret")
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		var got map[string]any
		_ = json.Unmarshal(w.Body.Bytes(), &got)
		return w.Code, got
	}
	if code, got := do("PUT", "/default/services/svc", `{"host":"a"}`); code != 200 || got["name"] != "svc" {
		t.Fatalf("PUT in the default workspace: %d %v", code, got)
	}
	if code, _ := do("GET", "/services/svc", ""); code != 200 {
		t.Errorf("the default workspace is the unprefixed one: GET %d", code)
	}
	code, got := do("POST", "/plugins", `{"name":"key-auth","ordering":{"before":{"access":["cors"]}}}`)
	if code != 201 || got["consumer_group"] != nil || got["ordering"] == nil {
		t.Fatalf("EE plugin with ordering: %d %v", code, got)
	}
	if code, got := do("POST", "/plugins", `{"name":"key-auth"}`); code != 409 ||
		got["message"] != `UNIQUE violation detected on '{consumer=null,consumer_group=null,name="key-auth",route=null,service=null}'` {
		t.Errorf("EE cache key includes consumer_group: %d %v", code, got)
	}
	if code, got := do("POST", "/plugins", `{"name":"cors","ordering":{"before":{"rewrite":["x"]}}}`); code != 400 ||
		got["message"] != "schema violation (ordering.before: expected one of: access)" {
		t.Errorf("ordering phases: %d %v", code, got)
	}
}

func TestEndpointsListsTheRouteTable(t *testing.T) {
	s, _ := newTestServer(t)
	_, got := request(t, s, "GET", "/endpoints", "", "")
	data, _ := got["data"].([]any)
	for _, want := range []string{"/", "/services/{service_id_or_name}/routes", "/consumers/{consumer_username_or_id}/key-auth"} {
		if !containsValue(data, want) {
			t.Errorf("GET /endpoints lacks %s: %v", want, data)
		}
	}
}
