package kongclient

import (
	"context"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"golang.org/x/time/rate"
)

// RetryPolicy says how often and how patiently a failed request is tried again.
//
// Every request the provider sends is safe to repeat: entities are created and updated with PUT on an id the
// provider chose, deletes are idempotent, and the only POST is the side-effect-free plugin validation.
// That is why retries apply to every method.
type RetryPolicy struct {
	// MaxRetries is the number of further attempts after the first; 0 disables retries.
	MaxRetries int
	// MinWait is the first backoff; it doubles with every attempt up to MaxWait, with full jitter.
	MinWait time.Duration
	MaxWait time.Duration
	// MaxRetryAfter caps how long a Retry-After header may make us wait.
	MaxRetryAfter time.Duration
}

// DefaultRetryPolicy suits a Kong behind a load balancer that restarts now and then.
func DefaultRetryPolicy(maxRetries int) RetryPolicy {
	return RetryPolicy{MaxRetries: maxRetries, MinWait: 250 * time.Millisecond, MaxWait: 8 * time.Second, MaxRetryAfter: time.Minute}
}

// headerTransport adds authentication and user-chosen headers to each request.
type headerTransport struct {
	next    http.RoundTripper
	token   string
	headers map[string]string
}

func newHeaderTransport(next http.RoundTripper, cfg Config) http.RoundTripper {
	return &headerTransport{next: next, token: cfg.AdminToken, headers: cfg.Headers}
}

func (t *headerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	for k, v := range t.headers {
		req.Header.Set(k, v)
	}
	if t.token != "" {
		req.Header.Set("Kong-Admin-Token", t.token)
	}
	return t.next.RoundTrip(req)
}

// limitTransport keeps the provider a polite neighbour on a shared gateway: at most N requests in flight and
// at most R per second, whatever Terraform's own parallelism is.
type limitTransport struct {
	next    http.RoundTripper
	slots   chan struct{}
	limiter *rate.Limiter
}

func newLimitTransport(next http.RoundTripper, cfg Config) http.RoundTripper {
	t := &limitTransport{next: next}
	if cfg.MaxConcurrentRequests > 0 {
		t.slots = make(chan struct{}, cfg.MaxConcurrentRequests)
	}
	if cfg.RequestsPerSecond > 0 {
		burst := int(math.Max(1, math.Ceil(cfg.RequestsPerSecond)))
		t.limiter = rate.NewLimiter(rate.Limit(cfg.RequestsPerSecond), burst)
	}
	if t.slots == nil && t.limiter == nil {
		return next
	}
	return t
}

func (t *limitTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	if t.limiter != nil {
		if err := t.limiter.Wait(ctx); err != nil {
			return nil, err
		}
	}
	if t.slots != nil {
		select {
		case t.slots <- struct{}{}:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		defer func() { <-t.slots }()
	}
	return t.next.RoundTrip(req)
}

// retryTransport repeats requests that failed for reasons that may pass: connection errors, 429 and 5xx.
type retryTransport struct {
	next   http.RoundTripper
	policy RetryPolicy
	// sleep waits between attempts; tests replace it to run without real delays.
	sleep func(ctx context.Context, d time.Duration) error
}

func newRetryTransport(next http.RoundTripper, policy RetryPolicy) http.RoundTripper {
	return &retryTransport{next: next, policy: policy, sleep: sleepContext}
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	for attempt := 0; ; attempt++ {
		attemptReq := req
		if attempt > 0 && req.Body != nil && req.Body != http.NoBody {
			if req.GetBody == nil {
				return nil, errors.New("cannot retry a request whose body cannot be replayed")
			}
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			attemptReq = req.Clone(ctx)
			attemptReq.Body = body
		}
		start := time.Now()
		resp, err := t.next.RoundTrip(attemptReq)
		logAttempt(ctx, req, resp, err, attempt, time.Since(start))

		wait, retry := t.backoff(resp, err, attempt)
		if !retry || ctx.Err() != nil {
			return resp, err
		}
		if resp != nil {
			// Drain so the connection can be reused for the next attempt.
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
		}
		if err := t.sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// backoff decides whether an attempt's outcome is worth another try and how long to wait first.
func (t *retryTransport) backoff(resp *http.Response, err error, attempt int) (time.Duration, bool) {
	if attempt >= t.policy.MaxRetries {
		return 0, false
	}
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return 0, false
		}
		return t.jitter(attempt), true
	}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		if d, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return min(d, t.policy.MaxRetryAfter), true
		}
		return t.jitter(attempt), true
	case resp.StatusCode == http.StatusInternalServerError, resp.StatusCode == http.StatusBadGateway,
		resp.StatusCode == http.StatusServiceUnavailable, resp.StatusCode == http.StatusGatewayTimeout:
		if d, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return min(d, t.policy.MaxRetryAfter), true
		}
		return t.jitter(attempt), true
	}
	return 0, false
}

// jitter is exponential backoff with full jitter: a uniform wait in [0, min(MaxWait, MinWait·2^attempt)].
func (t *retryTransport) jitter(attempt int) time.Duration {
	ceiling := t.policy.MinWait << min(attempt, 30)
	if ceiling <= 0 || ceiling > t.policy.MaxWait {
		ceiling = t.policy.MaxWait
	}
	if ceiling <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(ceiling) + 1))
}

// retryAfter parses a Retry-After header: delay-seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil && secs >= 0 {
		return time.Duration(secs * float64(time.Second)), true
	}
	if at, err := http.ParseTime(v); err == nil {
		return max(0, at.Sub(now)), true
	}
	return 0, false
}

func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// logAttempt records one attempt at debug level. Only the method, path, status and timing are logged: headers
// carry the admin token and bodies may carry credentials, so neither is ever written to the log.
func logAttempt(ctx context.Context, req *http.Request, resp *http.Response, err error, attempt int, took time.Duration) {
	fields := map[string]any{
		"method":      req.Method,
		"path":        req.URL.Path,
		"attempt":     attempt + 1,
		"duration_ms": took.Milliseconds(),
	}
	if err != nil {
		fields["error"] = err.Error()
	} else {
		fields["status"] = resp.StatusCode
	}
	tflog.Debug(ctx, "Kong Admin API request", fields)
}
