package kongclient

import (
	"context"
	"errors"
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
	// retryAfter is sent with every 429 and 503.
	retryAfter string
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
	if s.retryAfter != "" && (status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable) {
		w.Header().Set("Retry-After", s.retryAfter)
	}
	w.WriteHeader(status)
	_, _ = w.Write([]byte(`{}`))
}

// newTestTransport is the retry transport with its waits recorded instead of slept, so the tests run fast.
func newTestTransport(policy RetryPolicy) (http.RoundTripper, *[]time.Duration) {
	var waits []time.Duration
	rt := newRetryTransport(http.DefaultTransport, policy)
	rt.Client.Backoff = func(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
		waits = append(waits, policy.backoff(minWait, maxWait, attempt, resp))
		return 0
	}
	return rt, &waits
}

func TestRetryTransport(t *testing.T) {
	policy := RetryPolicy{MaxRetries: 3, MinWait: 100 * time.Millisecond, MaxWait: time.Second, MaxRetryAfter: 10 * time.Second}
	cases := map[string]struct {
		statuses     []int
		drop         []bool
		retryAfter   string
		wantStatus   int
		wantAttempts int
		wantWait     time.Duration // the first wait, when Retry-After determines it
	}{
		"success needs no retry":             {statuses: []int{200}, wantStatus: 200, wantAttempts: 1},
		"503 then success":                   {statuses: []int{503, 503, 200}, wantStatus: 200, wantAttempts: 3},
		"500, 502 and 504 are retried":       {statuses: []int{500, 502, 504, 200}, wantStatus: 200, wantAttempts: 4},
		"429 honours Retry-After":            {statuses: []int{429, 200}, retryAfter: "3", wantStatus: 200, wantAttempts: 2, wantWait: 3 * time.Second},
		"503 honours Retry-After":            {statuses: []int{503, 200}, retryAfter: "2", wantStatus: 200, wantAttempts: 2, wantWait: 2 * time.Second},
		"Retry-After is capped":              {statuses: []int{429, 200}, retryAfter: "3600", wantStatus: 200, wantAttempts: 2, wantWait: 10 * time.Second},
		"Retry-After as an HTTP date":        {statuses: []int{429, 200}, retryAfter: time.Now().Add(time.Hour).UTC().Format(http.TimeFormat), wantStatus: 200, wantAttempts: 2, wantWait: 10 * time.Second},
		"gives up after MaxRetries":          {statuses: []int{503, 503, 503, 503, 503}, wantStatus: 503, wantAttempts: 4},
		"client errors are final":            {statuses: []int{400}, wantStatus: 400, wantAttempts: 1},
		"conflicts are final":                {statuses: []int{409}, wantStatus: 409, wantAttempts: 1},
		"not found is final":                 {statuses: []int{404}, wantStatus: 404, wantAttempts: 1},
		"not implemented is final":           {statuses: []int{501}, wantStatus: 501, wantAttempts: 1},
		"redirects are handed back, not run": {statuses: []int{307}, wantStatus: 307, wantAttempts: 1},
		"dropped connection is retried":      {drop: []bool{true, true}, wantStatus: 200, wantAttempts: 3},
		"dropped then 503 then success":      {statuses: []int{0, 503, 200}, drop: []bool{true}, wantStatus: 200, wantAttempts: 3},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			srv := &scripted{statuses: tc.statuses, drop: tc.drop, retryAfter: tc.retryAfter}
			ts := httptest.NewServer(srv)
			defer ts.Close()
			rt, waits := newTestTransport(policy)
			req, _ := http.NewRequest(http.MethodPut, ts.URL+"/services/x", strings.NewReader(`{"host":"example.com"}`))
			resp, err := rt.RoundTrip(req)
			if err != nil {
				t.Fatalf("RoundTrip: %v", err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.wantStatus {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.wantStatus)
			}
			if string(body) != `{}` {
				t.Errorf("body %q: the last answer was not handed back whole", body)
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
			if tc.wantWait > 0 && (len(*waits) == 0 || (*waits)[0] < tc.wantWait-time.Second || (*waits)[0] > tc.wantWait) {
				t.Errorf("waits %v, want the first to be %v", *waits, tc.wantWait)
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
	srv := &scripted{statuses: []int{503, 503, 503}}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	rt := newRetryTransport(http.DefaultTransport, RetryPolicy{MaxRetries: 5, MinWait: time.Hour, MaxWait: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	next := rt.Client.Backoff
	rt.Client.Backoff = func(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
		cancel()
		return next(minWait, maxWait, attempt, resp)
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL, nil)
	start := time.Now()
	if _, err := rt.RoundTrip(req); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want the cancelled context to end the retries", err)
	}
	if len(srv.bodies) != 1 || time.Since(start) > 10*time.Second {
		t.Fatalf("%d attempts in %v, want one and no wait", len(srv.bodies), time.Since(start))
	}
}

func TestRetryTransportDoesNotRetryAnEndedContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	srv := &scripted{statuses: []int{503, 503}}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cancel()
		srv.ServeHTTP(w, r)
	}))
	rt, _ := newTestTransport(RetryPolicy{MaxRetries: 5})
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL, nil)
	resp, err := rt.RoundTrip(req)
	if err == nil {
		resp.Body.Close()
	}
	// The client gives up as soon as the context ends, possibly while the handler still runs: Close waits
	// for the handler, so the count is read after it wrote.
	ts.Close()
	if len(srv.bodies) != 1 {
		t.Fatalf("%d attempts after the context ended, want 1", len(srv.bodies))
	}
}

func TestBackoffStaysWithinBounds(t *testing.T) {
	p := RetryPolicy{MinWait: 100 * time.Millisecond, MaxWait: 2 * time.Second, MaxRetryAfter: time.Minute}
	for attempt := 0; attempt < 40; attempt++ {
		ceiling := min(p.MinWait<<min(attempt, 30), p.MaxWait)
		var spread bool
		first := p.backoff(p.MinWait, p.MaxWait, attempt, nil)
		for i := 0; i < 50; i++ {
			d := p.backoff(p.MinWait, p.MaxWait, attempt, nil)
			if d < 0 || d > ceiling {
				t.Fatalf("attempt %d: wait %v outside [0, %v]", attempt, d, ceiling)
			}
			spread = spread || d != first
		}
		if !spread {
			t.Fatalf("attempt %d: 50 waits of %v, want jitter", attempt, first)
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
