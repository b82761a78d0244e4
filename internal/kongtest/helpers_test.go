package kongtest

import (
	"encoding/json"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
)

// step is one request of a scripted scenario and what Kong answers to it.
type step struct {
	name   string
	method string
	path   string
	body   string // JSON unless contentType says otherwise
	status int
	// want is a JSON object whose keys must all be present in the response with
	// exactly these values (other response keys are not checked); "" checks nothing.
	want string
	// absent lists keys that must not be in the response.
	absent []string
}

// fixedClock is a settable clock for timestamps and ttl.
type fixedClock struct{ t time.Time }

func (c *fixedClock) now() time.Time { return c.t }

func newTestServer(t testing.TB) (*Server, *fixedClock) {
	t.Helper()
	clock := &fixedClock{t: time.Unix(1700000000, 0)}
	return NewUnstartedServer(Options{Now: clock.now}), clock
}

// call runs one request through ServeHTTP and decodes the JSON answer (nil if empty).
func request(t testing.TB, s *Server, method, path, body, contentType string) (*httptest.ResponseRecorder, map[string]any) {
	t.Helper()
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		r.Header.Set("Content-Type", contentType)
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	if w.Body.Len() == 0 {
		return w, nil
	}
	var got map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatalf("%s %s: response is not a JSON object: %v: %s", method, path, err, w.Body.String())
	}
	return w, got
}

func runSteps(t *testing.T, s *Server, steps []step) {
	t.Helper()
	for _, st := range steps {
		w, got := request(t, s, st.method, st.path, st.body, "application/json")
		label := st.name
		if label == "" {
			label = st.method + " " + st.path
		}
		if w.Code != st.status {
			t.Fatalf("%s: status %d, want %d; body %s", label, w.Code, st.status, w.Body.String())
		}
		if st.want != "" {
			assertSubset(t, label, got, st.want)
		}
		for _, k := range st.absent {
			if _, ok := got[k]; ok {
				t.Errorf("%s: key %q present, want absent; body %s", label, k, w.Body.String())
			}
		}
	}
}

func assertSubset(t *testing.T, label string, got map[string]any, wantJSON string) {
	t.Helper()
	var want map[string]any
	if err := json.Unmarshal([]byte(wantJSON), &want); err != nil {
		t.Fatalf("%s: bad want JSON: %v", label, err)
	}
	for k, v := range want {
		gv, ok := got[k]
		if !ok {
			t.Errorf("%s: missing key %q in %v", label, k, got)
			continue
		}
		if !reflect.DeepEqual(gv, v) {
			gj, _ := json.Marshal(gv)
			wj, _ := json.Marshal(v)
			t.Errorf("%s: %q = %s, want %s", label, k, gj, wj)
		}
	}
}

// ids used by scenarios, so that bodies and messages can be written out in full.
const (
	svcID    = "11111111-1111-4111-8111-111111111111"
	svc2ID   = "22222222-2222-4222-8222-222222222222"
	routeID  = "33333333-3333-4333-8333-333333333333"
	consID   = "44444444-4444-4444-8444-444444444444"
	pluginID = "55555555-5555-4555-8555-555555555555"
	keyID    = "66666666-6666-4666-8666-666666666666"
	missing  = "99999999-9999-4999-8999-999999999999"
)
