package kongclient

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/hashicorp/go-retryablehttp"
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

// newRetryTransport retries through go-retryablehttp (the library terraform-provider-http uses), configured
// to the RetryPolicy: exponential backoff with full jitter, Retry-After on 429 and 503 honoured up to
// MaxRetryAfter, no retry once the request's context has ended, the body replayed on every attempt.
//
// What the library cannot do stays in this package: the headers, limits and logging below run once per
// attempt (so every attempt counts against the rate limit), and redirects are refused by go-kong's
// http.Client (refuseRedirects in answers.go): the retrying client hands a 3xx back untouched.
func newRetryTransport(next http.RoundTripper, policy RetryPolicy) *retryablehttp.RoundTripper {
	return &retryablehttp.RoundTripper{Client: &retryablehttp.Client{
		HTTPClient: &http.Client{
			Transport: logTransport{next: next},
			// Never follow: the 3xx goes back to go-kong's client, whose refuseRedirects names the target.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		// The library's own logger prints URLs and errors to stderr, outside Terraform's log levels;
		// logTransport logs each attempt instead, without headers or bodies.
		Logger:       nil,
		RetryWaitMin: policy.MinWait,
		RetryWaitMax: policy.MaxWait,
		RetryMax:     policy.MaxRetries,
		CheckRetry:   retryable,
		Backoff:      policy.backoff,
		ErrorHandler: lastAnswer,
	}}
}

// retryable says which outcomes may pass: connection errors, 429 and the 5xx a restarting Kong or its
// load balancer answers. Other 4xx and 5xx are Kong's verdict on the request and final.
func retryable(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return false, err
		}
		// The library's policy: no retry once ctx has ended, nor for a bad scheme, an invalid header or a
		// certificate that does not verify; other connection errors are retried.
		return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	}
	if ctx.Err() != nil {
		// The answer came, but there is no time left to try again: hand it back as it is.
		return false, nil
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true, nil
	}
	return false, nil
}

// backoff is the library's exponential backoff with full jitter (a uniform wait in [0, min(MaxWait,
// MinWait·2^attempt)]) so that many resources retrying together spread out, and its Retry-After parsing
// (429 and 503), capped at MaxRetryAfter so a proxy cannot stall an apply for hours.
func (p RetryPolicy) backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && resp.Header.Get("Retry-After") != "" {
		// With no min and max, DefaultBackoff returns nothing but what Retry-After asks for.
		if d := retryablehttp.DefaultBackoff(0, 0, attempt, resp); d > 0 {
			return min(d, p.MaxRetryAfter)
		}
	}
	ceiling := retryablehttp.DefaultBackoff(minWait, maxWait, attempt, nil)
	if ceiling <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(ceiling) + 1))
}

// lastAnswer hands back Kong's last answer when the retries are used up, so its status and message reach
// the user (the library's default replaces it with "giving up after N attempts"); an error stays an error.
func lastAnswer(resp *http.Response, err error, _ int) (*http.Response, error) {
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		return nil, err
	}
	return resp, nil
}

// logTransport records each attempt at debug level. Only the method, path, status and timing are logged:
// headers carry the admin token and bodies may carry credentials, so neither is ever written to the log.
type logTransport struct{ next http.RoundTripper }

func (t logTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	fields := map[string]any{
		"method":      req.Method,
		"path":        req.URL.Path,
		"duration_ms": time.Since(start).Milliseconds(),
	}
	if err != nil {
		fields["error"] = err.Error()
	} else {
		fields["status"] = resp.StatusCode
	}
	tflog.Debug(req.Context(), "Kong Admin API request", fields)
	return resp, err
}
