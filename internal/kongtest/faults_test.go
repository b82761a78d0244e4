package kongtest

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func httpDo(t *testing.T, method, url, body string) (*http.Response, error) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	// A fresh transport per request so that a dropped connection is never reused.
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Do(req)
	if err == nil {
		_, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	return resp, err
}

func mustStatus(t *testing.T, method, url, body string, want int) *http.Response {
	t.Helper()
	resp, err := httpDo(t, method, url, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	if resp.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d", method, url, resp.StatusCode, want)
	}
	return resp
}

func TestFaultServerError(t *testing.T) {
	for _, afterWrite := range []bool{false, true} {
		t.Run("afterWrite="+strconv.FormatBool(afterWrite), func(t *testing.T) {
			s := NewServer(Options{Faults: Faults{ServerErrorRate: 1, ServerErrorAfterWrite: afterWrite}})
			defer s.Close()
			mustStatus(t, "PUT", s.URL+"/consumers/bob", `{}`, 503)
			s.SetFaults(Faults{})
			stored := http.StatusNotFound
			if afterWrite {
				stored = http.StatusOK
			}
			mustStatus(t, "GET", s.URL+"/consumers/bob", "", stored)
		})
	}
}

func TestFaultTooManyRequests(t *testing.T) {
	cases := []struct {
		retryAfter time.Duration
		header     string
	}{{0, "0"}, {time.Second, "1"}, {1500 * time.Millisecond, "2"}}
	for _, tc := range cases {
		s := NewServer(Options{Faults: Faults{TooManyRequestsRate: 1, RetryAfter: tc.retryAfter}})
		resp := mustStatus(t, "PUT", s.URL+"/consumers/bob", `{}`, 429)
		if got := resp.Header.Get("Retry-After"); got != tc.header {
			t.Errorf("RetryAfter %v: header %q, want %q", tc.retryAfter, got, tc.header)
		}
		s.SetFaults(Faults{})
		mustStatus(t, "GET", s.URL+"/consumers/bob", "", 404)
		s.Close()
	}
}

func TestFaultDropStoresWritesFirst(t *testing.T) {
	s := NewServer(Options{Faults: Faults{DropRate: 1}})
	defer s.Close()
	if _, err := httpDo(t, "PUT", s.URL+"/consumers/bob", `{}`); err == nil {
		t.Fatal("PUT with DropRate 1: got a response, want a dropped connection")
	}
	if _, err := httpDo(t, "GET", s.URL+"/consumers/bob", ""); err == nil {
		t.Fatal("GET with DropRate 1: got a response, want a dropped connection")
	}
	s.SetFaults(Faults{})
	mustStatus(t, "GET", s.URL+"/consumers/bob", "", 200)
}

func TestFaultLatencyShowsInAdminLatencyHeader(t *testing.T) {
	s := NewServer(Options{Faults: Faults{Latency: 20 * time.Millisecond}})
	defer s.Close()
	resp := mustStatus(t, "GET", s.URL+"/services", "", 200)
	if ms, _ := strconv.Atoi(resp.Header.Get("X-Kong-Admin-Latency")); ms < 20 {
		t.Errorf("X-Kong-Admin-Latency = %q, want at least the injected 20ms", resp.Header.Get("X-Kong-Admin-Latency"))
	}
}

func TestFaultSequenceIsDeterministic(t *testing.T) {
	sequence := func() string {
		s := NewUnstartedServer(Options{Faults: Faults{ServerErrorRate: 0.3, TooManyRequestsRate: 0.3, Seed: 42}})
		var b strings.Builder
		for i := 0; i < 40; i++ {
			w, _ := request(t, s, "GET", "/services", "", "")
			b.WriteString(strconv.Itoa(w.Code) + " ")
		}
		return b.String()
	}
	first, second := sequence(), sequence()
	if first != second {
		t.Fatalf("same seed gave different fault sequences:\n%s\n%s", first, second)
	}
	for _, code := range []string{"200", "429", "503"} {
		if !strings.Contains(first, code) {
			t.Errorf("40 requests at 30%%/30%% rates never answered %s: %s", code, first)
		}
	}
}

func TestControlEndpointsAndStats(t *testing.T) {
	s := NewServer(Options{})
	defer s.Close()
	faults := `{"latency_ms":0,"server_error_rate":1,"server_error_after_write":true,"too_many_requests_rate":0,"retry_after_ms":2000,"drop_rate":0,"seed":3}`
	mustStatus(t, "PUT", s.URL+"/_kongtest/faults", faults, 200)
	if got := s.faults.get(); got.RetryAfter != 2*time.Second || got.ServerErrorRate != 1 || !got.ServerErrorAfterWrite || got.Seed != 3 {
		t.Errorf("faults after PUT = %+v", got)
	}
	mustStatus(t, "PUT", s.URL+"/_kongtest/faults", `{"drop_rate":2}`, 400)
	mustStatus(t, "PUT", s.URL+"/_kongtest/faults", `{"bogus":1}`, 400)
	mustStatus(t, "GET", s.URL+"/_kongtest/faults", "", 200) // faults never apply here
	mustStatus(t, "GET", s.URL+"/services/x", "", 503)
	mustStatus(t, "PUT", s.URL+"/_kongtest/faults", `{}`, 200)
	mustStatus(t, "GET", s.URL+"/services/x", "", 404)
	mustStatus(t, "POST", s.URL+"/services", `{"host":"a"}`, 201)

	resp, err := http.Get(s.URL + "/_kongtest/stats")
	if err != nil {
		t.Fatal(err)
	}
	var stats Stats
	if err := json.NewDecoder(resp.Body).Decode(&stats); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if stats.Total != 3 || stats.ByRoute["GET /services/{service_id_or_name}"] != 2 ||
		stats.ByRoute["POST /services"] != 1 || stats.ByMethod["GET"] != 2 {
		t.Errorf("stats = %+v, want 3 Kong requests (control requests not counted)", stats)
	}
	mustStatus(t, "DELETE", s.URL+"/_kongtest/stats", "", 204)
	if got := s.Stats(); got.Total != 0 || len(got.ByRoute) != 0 {
		t.Errorf("stats after DELETE = %+v, want zero", got)
	}
}
