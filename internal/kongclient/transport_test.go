package kongclient

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// scripted answers each request with the next status in its script (200 once the script is used up) and
// records the bodies it received.
type scripted struct {
	mu       sync.Mutex
	statuses []int
	headers  []http.Header
	bodies   []string
	drop     []bool
}

func (s *scripted) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	n := len(s.bodies)
	s.bodies = append(s.bodies, string(body))
	s.headers = append(s.headers, r.Header.Clone())
	status, drop := http.StatusOK, false
	if n < len(s.statuses) {
		status = s.statuses[n]
	}
	if n < len(s.drop) {
		drop = s.drop[n]
	}
	s.mu.Unlock()
	if drop {
		conn, _, _ := w.(http.Hijacker).Hijack()
		conn.Close()
		return
	}
	if status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "3")
	}
	w.WriteHeader(status)
	_, _ = w.Write([]byte(`{}`))
}

func newTestTransport(policy RetryPolicy) (*retryTransport, *[]time.Duration) {
	var waits []time.Duration
	rt := newRetryTransport(http.DefaultTransport, policy).(*retryTransport)
	rt.sleep = func(_ context.Context, d time.Duration) error {
		waits = append(waits, d)
		return nil
	}
	return rt, &waits
}

func TestRetryTransport(t *testing.T) {
	policy := RetryPolicy{MaxRetries: 3, MinWait: 100 * time.Millisecond, MaxWait: time.Second, MaxRetryAfter: 10 * time.Second}
	cases := map[string]struct {
		statuses     []int
		drop         []bool
		wantStatus   int
		wantAttempts int
		wantWaitMin  time.Duration // lower bound of the first wait, when it is determined by Retry-After
	}{
		"success needs no retry":        {statuses: []int{200}, wantStatus: 200, wantAttempts: 1},
		"503 then success":              {statuses: []int{503, 503, 200}, wantStatus: 200, wantAttempts: 3},
		"500, 502 and 504 are retried":  {statuses: []int{500, 502, 504, 200}, wantStatus: 200, wantAttempts: 4},
		"429 honours Retry-After":       {statuses: []int{429, 200}, wantStatus: 200, wantAttempts: 2, wantWaitMin: 3 * time.Second},
		"gives up after MaxRetries":     {statuses: []int{503, 503, 503, 503, 503}, wantStatus: 503, wantAttempts: 4},
		"client errors are final":       {statuses: []int{400}, wantStatus: 400, wantAttempts: 1},
		"conflicts are final":           {statuses: []int{409}, wantStatus: 409, wantAttempts: 1},
		"not found is final":            {statuses: []int{404}, wantStatus: 404, wantAttempts: 1},
		"dropped connection is retried": {drop: []bool{true, true}, wantStatus: 200, wantAttempts: 3},
		"dropped then 503 then success": {statuses: []int{0, 503, 200}, drop: []bool{true}, wantStatus: 200, wantAttempts: 3},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			srv := &scripted{statuses: tc.statuses, drop: tc.drop}
			ts := httptest.NewServer(srv)
			defer ts.Close()
			rt, waits := newTestTransport(policy)
			req, _ := http.NewRequest(http.MethodPut, ts.URL+"/services/x", strings.NewReader(`{"host":"example.com"}`))
			resp, err := rt.RoundTrip(req)
			if err != nil {
				t.Fatalf("RoundTrip: %v", err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.wantStatus {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.wantStatus)
			}
			if len(srv.bodies) != tc.wantAttempts {
				t.Fatalf("%d attempts, want %d", len(srv.bodies), tc.wantAttempts)
			}
			for i, b := range srv.bodies {
				if srv.drop != nil && i < len(srv.drop) && srv.drop[i] {
					continue
				}
				if b != `{"host":"example.com"}` {
					t.Errorf("attempt %d sent body %q: the body was not replayed", i+1, b)
				}
			}
			if tc.wantWaitMin > 0 && (len(*waits) == 0 || (*waits)[0] < tc.wantWaitMin) {
				t.Errorf("waits %v, want the first to be at least %v", *waits, tc.wantWaitMin)
			}
			for _, w := range *waits {
				if w < 0 || w > policy.MaxRetryAfter {
					t.Errorf("wait %v outside [0, %v]", w, policy.MaxRetryAfter)
				}
			}
		})
	}
}

func TestRetryTransportStopsWhenContextEnds(t *testing.T) {
	ts := httptest.NewServer(&scripted{statuses: []int{503, 503, 503}})
	defer ts.Close()
	rt := newRetryTransport(http.DefaultTransport, RetryPolicy{MaxRetries: 5, MinWait: time.Hour, MaxWait: time.Hour}).(*retryTransport)
	ctx, cancel := context.WithCancel(context.Background())
	rt.sleep = func(ctx context.Context, d time.Duration) error { cancel(); return sleepContext(ctx, d) }
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL, nil)
	if _, err := rt.RoundTrip(req); err == nil {
		t.Fatal("expected the cancelled context to end the retries")
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"2", 2 * time.Second, true},
		{"0.5", 500 * time.Millisecond, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{now.Add(5 * time.Second).Format(http.TimeFormat), 5 * time.Second, true},
		{now.Add(-5 * time.Second).Format(http.TimeFormat), 0, true},
	}
	for _, c := range cases {
		got, ok := retryAfter(c.in, now)
		if got != c.want || ok != c.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestJitterStaysWithinBounds(t *testing.T) {
	rt := &retryTransport{policy: RetryPolicy{MinWait: 100 * time.Millisecond, MaxWait: 2 * time.Second}}
	for attempt := 0; attempt < 40; attempt++ {
		ceiling := min(rt.policy.MinWait<<min(attempt, 30), rt.policy.MaxWait)
		for i := 0; i < 50; i++ {
			if d := rt.jitter(attempt); d < 0 || d > ceiling {
				t.Fatalf("attempt %d: jitter %v outside [0, %v]", attempt, d, ceiling)
			}
		}
	}
}

func TestHeaderTransportSendsTokenAndHeaders(t *testing.T) {
	srv := &scripted{}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	rt := newHeaderTransport(http.DefaultTransport, Config{AdminToken: "s3cr3t", Headers: map[string]string{"X-Team": "infra"}})
	req, _ := http.NewRequest(http.MethodGet, ts.URL, nil)
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	h := srv.headers[0]
	if h.Get("Kong-Admin-Token") != "s3cr3t" || h.Get("X-Team") != "infra" {
		t.Errorf("headers sent: %v", h)
	}
	if req.Header.Get("Kong-Admin-Token") != "" {
		t.Error("the caller's request was modified")
	}
}

func TestLimitTransportCapsConcurrency(t *testing.T) {
	var inFlight, peak atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		n := inFlight.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
		inFlight.Add(-1)
	}))
	defer ts.Close()
	rt := newLimitTransport(http.DefaultTransport, Config{MaxConcurrentRequests: 3})
	var wg sync.WaitGroup
	for i := 0; i < 30; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest(http.MethodGet, ts.URL, nil)
			if resp, err := rt.RoundTrip(req); err == nil {
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
	if p := peak.Load(); p > 3 || p == 0 {
		t.Fatalf("peak concurrency %d, want 1..3", p)
	}
}

func TestLimitTransportWithoutLimitsIsTransparent(t *testing.T) {
	if rt := newLimitTransport(http.DefaultTransport, Config{}); rt != http.DefaultTransport {
		t.Fatalf("got %T, want the next transport itself", rt)
	}
}
