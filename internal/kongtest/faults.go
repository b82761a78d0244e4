package kongtest

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Faults describe failures injected into Admin API requests. Rates are shares of
// requests between 0 and 1; one random draw per request picks at most one fault, so
// ServerErrorRate+TooManyRequestsRate+DropRate should not exceed 1. Faults never
// apply to the /_kongtest/ control endpoints.
type Faults struct {
	// Latency is added to every Admin API request.
	Latency time.Duration
	// ServerErrorRate is the share of requests answered 503 {"message":"Service Unavailable"}.
	ServerErrorRate float64
	// ServerErrorAfterWrite stores a write before answering it with the injected 503,
	// so the client never learns that it succeeded — the dangerous case for retries.
	ServerErrorAfterWrite bool
	// TooManyRequestsRate is the share of requests answered 429 with a Retry-After header.
	TooManyRequestsRate float64
	// RetryAfter is the Retry-After value of injected 429s. HTTP only carries whole
	// seconds, so it is rounded up to whole seconds; zero sends "Retry-After: 0"
	// (retry at once), which keeps tests fast.
	RetryAfter time.Duration
	// DropRate is the share of connections closed without a response. A dropped write
	// is stored first.
	DropRate float64
	// Seed makes the fault sequence deterministic: the same seed and request order
	// inject the same faults.
	Seed int64
	// OnlyWrites limits the faults to writes (POST, PUT, PATCH, DELETE): reads answer
	// normally, so a test can lose the answers to creates while the refresh still works.
	OnlyWrites bool
}

// faultsJSON is the /_kongtest/faults wire form, with durations in milliseconds.
type faultsJSON struct {
	LatencyMS             int64   `json:"latency_ms"`
	ServerErrorRate       float64 `json:"server_error_rate"`
	ServerErrorAfterWrite bool    `json:"server_error_after_write"`
	TooManyRequestsRate   float64 `json:"too_many_requests_rate"`
	RetryAfterMS          int64   `json:"retry_after_ms"`
	DropRate              float64 `json:"drop_rate"`
	Seed                  int64   `json:"seed"`
	OnlyWrites            bool    `json:"only_writes"`
}

func (f Faults) toJSON() faultsJSON {
	return faultsJSON{
		LatencyMS: f.Latency.Milliseconds(), ServerErrorRate: f.ServerErrorRate,
		ServerErrorAfterWrite: f.ServerErrorAfterWrite, TooManyRequestsRate: f.TooManyRequestsRate,
		RetryAfterMS: f.RetryAfter.Milliseconds(), DropRate: f.DropRate, Seed: f.Seed, OnlyWrites: f.OnlyWrites,
	}
}

func (j faultsJSON) faults() Faults {
	return Faults{
		Latency: time.Duration(j.LatencyMS) * time.Millisecond, ServerErrorRate: j.ServerErrorRate,
		ServerErrorAfterWrite: j.ServerErrorAfterWrite, TooManyRequestsRate: j.TooManyRequestsRate,
		RetryAfter: time.Duration(j.RetryAfterMS) * time.Millisecond, DropRate: j.DropRate, Seed: j.Seed,
		OnlyWrites: j.OnlyWrites,
	}
}

func (f Faults) validate() error {
	for _, r := range []float64{f.ServerErrorRate, f.TooManyRequestsRate, f.DropRate} {
		if r < 0 || r > 1 {
			return errors.New("rates must be between 0 and 1")
		}
	}
	if f.ServerErrorRate+f.TooManyRequestsRate+f.DropRate > 1 {
		return errors.New("the sum of the rates must not exceed 1")
	}
	if f.Latency < 0 || f.RetryAfter < 0 {
		return errors.New("durations must not be negative")
	}
	return nil
}

type faultKind int

const (
	faultNone faultKind = iota
	faultServerError
	faultTooManyRequests
	faultDrop
)

// injectedFault is the decision for one request.
type injectedFault struct {
	kind       faultKind
	latency    time.Duration
	afterWrite bool
	onlyWrites bool
	retryAfter string
}

type faultInjector struct {
	mu     sync.Mutex
	faults Faults
	rng    *rand.Rand
}

func (fi *faultInjector) set(f Faults) {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	fi.faults = f
	seed := uint64(f.Seed)
	fi.rng = rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

func (fi *faultInjector) get() Faults {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	return fi.faults
}

func (fi *faultInjector) next() injectedFault {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	f := fi.faults
	d := injectedFault{latency: f.Latency, afterWrite: f.ServerErrorAfterWrite, onlyWrites: f.OnlyWrites}
	if f.ServerErrorRate+f.TooManyRequestsRate+f.DropRate == 0 {
		return d
	}
	u := fi.rng.Float64()
	switch {
	case u < f.ServerErrorRate:
		d.kind = faultServerError
	case u < f.ServerErrorRate+f.TooManyRequestsRate:
		d.kind = faultTooManyRequests
		d.retryAfter = retryAfterSeconds(f.RetryAfter)
	case u < f.ServerErrorRate+f.TooManyRequestsRate+f.DropRate:
		d.kind = faultDrop
	}
	return d
}

// retryAfterSeconds renders a Retry-After header: whole seconds, rounded up.
func retryAfterSeconds(d time.Duration) string {
	secs := int64((d + time.Second - 1) / time.Second)
	return strconv.FormatInt(secs, 10)
}

// SetFaults replaces the injected faults and restarts their random sequence from Seed.
// It panics on invalid rates (outside 0..1 or summing above 1).
func (s *Server) SetFaults(f Faults) {
	if err := f.validate(); err != nil {
		panic("kongtest: " + err.Error())
	}
	s.faults.set(f)
}

// Stats count Admin API requests (including those answered with an injected fault).
type Stats struct {
	Total int `json:"total"`
	// ByRoute counts by method and route pattern, e.g. "GET /services/{service_id_or_name}".
	ByRoute  map[string]int `json:"by_route"`
	ByMethod map[string]int `json:"by_method"`
}

type statsCounter struct {
	mu    sync.Mutex
	stats Stats
}

func (sc *statsCounter) count(method, pattern string) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.stats.Total++
	sc.stats.ByRoute[method+" "+pattern]++
	sc.stats.ByMethod[method]++
}

func (sc *statsCounter) reset() {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.stats = Stats{ByRoute: map[string]int{}, ByMethod: map[string]int{}}
}

func (sc *statsCounter) snapshot() Stats {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	out := Stats{Total: sc.stats.Total, ByRoute: make(map[string]int, len(sc.stats.ByRoute)),
		ByMethod: make(map[string]int, len(sc.stats.ByMethod))}
	for k, v := range sc.stats.ByRoute {
		out.ByRoute[k] = v
	}
	for k, v := range sc.stats.ByMethod {
		out.ByMethod[k] = v
	}
	return out
}

// Stats returns a copy of the request counters.
func (s *Server) Stats() Stats { return s.stats.snapshot() }

// ResetStats sets every request counter back to zero.
func (s *Server) ResetStats() { s.stats.reset() }

// serveControl answers the test-only endpoints GET/PUT /_kongtest/faults and
// GET/DELETE /_kongtest/stats.
func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	reply := func(status int, body any) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		if body != nil {
			_ = json.NewEncoder(w).Encode(body)
		}
	}
	switch r.URL.Path {
	case controlPrefix + "faults":
		switch r.Method {
		case http.MethodGet:
			reply(http.StatusOK, s.faults.get().toJSON())
		case http.MethodPut:
			var j faultsJSON
			dec := json.NewDecoder(r.Body)
			dec.DisallowUnknownFields()
			if err := dec.Decode(&j); err != nil {
				reply(http.StatusBadRequest, map[string]any{"message": "invalid faults: " + err.Error()})
				return
			}
			f := j.faults()
			if err := f.validate(); err != nil {
				reply(http.StatusBadRequest, map[string]any{"message": "invalid faults: " + err.Error()})
				return
			}
			s.faults.set(f)
			reply(http.StatusOK, f.toJSON())
		default:
			reply(http.StatusMethodNotAllowed, map[string]any{"message": "Method not allowed"})
		}
	case controlPrefix + "stats":
		switch r.Method {
		case http.MethodGet:
			reply(http.StatusOK, s.Stats())
		case http.MethodDelete:
			s.ResetStats()
			reply(http.StatusNoContent, nil)
		default:
			reply(http.StatusMethodNotAllowed, map[string]any{"message": "Method not allowed"})
		}
	default:
		reply(http.StatusNotFound, map[string]any{"message": "Not found"})
	}
}
