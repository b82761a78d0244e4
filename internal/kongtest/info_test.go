package kongtest

import (
	"fmt"
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
