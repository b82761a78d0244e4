package kongclient

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/kong/go-kong/kong"
)

const testServiceID = "6e5fc5b2-8a1e-4c5c-9b2f-3b1ad1a5b7c1"

// fakeKong answers GET / like Kong and every other request with the handler's answer.
func fakeKong(t *testing.T, handler http.HandlerFunc) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" || r.URL.Path == "/admin" || r.URL.Path == "/admin/" {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"version":"3.9.1","configuration":{"database":"postgres"}}`))
			return
		}
		handler(w, r)
	}))
	t.Cleanup(ts.Close)
	return ts
}

func newTestClient(t *testing.T, cfg Config) *Client {
	t.Helper()
	cfg.Retry = DefaultRetryPolicy(0)
	c, err := New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func answer(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}
}

// TestRedirectsAreRefused: a 307 to another origin (another port on 127.0.0.1) must not carry the admin
// token or the configured headers there, and the error names the target without its credentials.
func TestRedirectsAreRefused(t *testing.T) {
	var leaked atomic.Int32
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Kong-Admin-Token") != "" || r.Header.Get("X-Team") != "" || r.Header.Get("Authorization") != "" {
			leaked.Add(1)
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":"` + testServiceID + `","name":"svc"}`))
	}))
	defer elsewhere.Close()
	target := strings.Replace(elsewhere.URL, "http://", "http://thief:pw@", 1) + "/services/" + testServiceID + "?token=abc"
	ts := fakeKong(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target, http.StatusTemporaryRedirect)
	})
	for _, same := range []bool{false, true} {
		if same {
			ts = fakeKong(t, func(w http.ResponseWriter, r *http.Request) {
				if strings.HasPrefix(r.URL.Path, "/services/") {
					http.Redirect(w, r, "/elsewhere/", http.StatusFound)
					return
				}
				answer(200, `{"id":"`+testServiceID+`"}`)(w, r)
			})
		}
		c := newTestClient(t, Config{AdminURL: ts.URL, AdminToken: "s3cr3t-token", Headers: map[string]string{"X-Team": "infra"}})
		var svc kong.Service
		err := c.Get(context.Background(), Services, testServiceID, &svc)
		var redirect *RedirectError
		if !errors.As(err, &redirect) {
			t.Fatalf("same origin %v: err = %v, want a RedirectError", same, err)
		}
		msg := err.Error()
		for _, secret := range []string{"s3cr3t-token", "thief", "pw@", "token=abc"} {
			if strings.Contains(msg, secret) {
				t.Errorf("the error shows %q: %s", secret, msg)
			}
		}
		if !same && !strings.Contains(msg, strings.TrimPrefix(elsewhere.URL, "http://")) {
			t.Errorf("the error does not name the redirect target: %s", msg)
		}
	}
	if n := leaked.Load(); n != 0 {
		t.Fatalf("%d requests reached the other origin with credentials", n)
	}
}

// TestAnswersThatAreNotTheEntity: a 2xx that is not the entity asked for is an error, never state.
func TestAnswersThatAreNotTheEntity(t *testing.T) {
	otherID := "0b9a8c1e-2f3d-4e5a-8b7c-6d5e4f3a2b1c"
	cases := map[string]struct {
		status int
		body   string
		byName bool
		want   string // "" when the answer is fine
	}{
		"the entity":                  {200, `{"id":"` + testServiceID + `","name":"svc"}`, false, ""},
		"the entity, upper-case id":   {200, `{"id":"` + strings.ToUpper(testServiceID) + `"}`, false, ""},
		"by name":                     {200, `{"id":"` + otherID + `","name":"svc"}`, true, ""},
		"a message":                   {200, `{"message":"Welcome to the status page"}`, false, `without an id (it says "Welcome to the status page")`},
		"no id":                       {200, `{"name":"svc"}`, false, "without an id"},
		"another id":                  {200, `{"id":"` + otherID + `"}`, false, "answered for id " + testServiceID},
		"another name":                {200, `{"id":"` + otherID + `","name":"other"}`, true, `answered for "svc"`},
		"not JSON":                    {200, `<html>It works!</html>`, false, "not complete JSON"},
		"truncated":                   {200, `{"id":"` + testServiceID + `","na`, false, "not complete JSON"},
		"empty":                       {200, ``, false, "the body is empty"},
		"an array":                    {200, `[]`, false, "not a JSON object"},
		"an HTML error page with 502": {502, `<html><body>Bad Gateway</body></html>`, false, "HTTP 502 to GET /services/"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			ts := fakeKong(t, answer(tc.status, tc.body))
			c := newTestClient(t, Config{AdminURL: ts.URL})
			asked := testServiceID
			if tc.byName {
				asked = "svc"
			}
			var svc kong.Service
			err := c.Get(context.Background(), Services, asked, &svc)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one saying %q", err, tc.want)
			}
		})
	}
}

// TestCertificateAnswersForItsSNI: Kong answers GET /certificates/{sni name} with the certificate that has
// the name among its snis, and with no other.
func TestCertificateAnswersForItsSNI(t *testing.T) {
	for body, want := range map[string]string{
		`{"id":"` + testServiceID + `","snis":["a.example","b.example"]}`: "",
		`{"id":"` + testServiceID + `","snis":["c.example"]}`:             `answered for "b.example"`,
		`{"id":"` + testServiceID + `","name":"x","snis":[]}`:             `answered for "b.example"`,
	} {
		ts := fakeKong(t, answer(200, body))
		c := newTestClient(t, Config{AdminURL: ts.URL})
		var cert kong.Certificate
		err := c.Get(context.Background(), Certificates, "b.example", &cert)
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("%s: err = %v, want %q", body, err, want)
		}
	}
}

func TestListingsMustHoldData(t *testing.T) {
	ts := fakeKong(t, answer(200, `{"message":"no"}`))
	c := newTestClient(t, Config{AdminURL: ts.URL})
	if _, err := c.List(context.Background(), Services, ""); err == nil || !strings.Contains(err.Error(), `without "data"`) {
		t.Fatalf("err = %v", err)
	}
}

// TestAnswersBehindABasePathAndWorkspace: the checks find the entity path below admin_url's own path.
func TestAnswersBehindABasePath(t *testing.T) {
	ts := fakeKong(t, answer(200, `{"id":"`+testServiceID+`"}`))
	c := newTestClient(t, Config{AdminURL: ts.URL + "/admin"})
	var svc kong.Service
	if err := c.Get(context.Background(), Services, testServiceID, &svc); err != nil {
		t.Fatal(err)
	}
}

// TestErrorsKeepKongsReason: go-kong drops error bodies; the client keeps code, name, message and fields.
func TestErrorsKeepKongsReason(t *testing.T) {
	body := `{"code":4,"name":"foreign key violation","message":"the foreign key '{id=\"` + testServiceID +
		`\"}' does not reference an existing 'services' entity.","fields":{"service":{"id":"` + testServiceID + `"}}}`
	ts := fakeKong(t, answer(400, body))
	c := newTestClient(t, Config{AdminURL: ts.URL})
	_, err := c.Kong.Routes.Create(context.Background(), &kong.Route{Paths: kong.StringSlice("/x")})
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v (%T), want an *APIError", err, err)
	}
	if apiErr.Status != 400 || apiErr.Code != 4 || apiErr.Name != "foreign key violation" ||
		!strings.Contains(apiErr.Message, "does not reference an existing 'services' entity") {
		t.Fatalf("got %+v", apiErr)
	}
	fes := apiErr.FieldErrors()
	if len(fes) != 1 || FormatPath(fes[0].Path) != "service" || fes[0].Message != apiErr.Message {
		t.Fatalf("field errors %+v", fes)
	}
	var goKong *kong.APIError
	if !errors.As(err, &goKong) || goKong.Code() != 400 {
		t.Fatal("the error does not unwrap to go-kong's APIError")
	}
	ts404 := fakeKong(t, answer(404, `{"message":"Not found"}`))
	c404 := newTestClient(t, Config{AdminURL: ts404.URL})
	var svc kong.Service
	if err := c404.Get(context.Background(), Services, testServiceID, &svc); !IsNotFound(err) {
		t.Fatalf("IsNotFound(%v) = false", err)
	}
}

// TestErrorsRedactSecrets: Kong's 409 on a duplicate key-auth key quotes the key, in the message and in
// fields; neither reaches the error.
func TestErrorsRedactSecrets(t *testing.T) {
	const key = "s3cret-api-key"
	kongBody := map[string]any{
		"code": 5, "name": "unique constraint violation",
		"message": `UNIQUE violation detected on '{key="` + key + `"}'`,
		"fields":  map[string]any{"key": key},
	}
	raw, _ := json.Marshal(kongBody)
	ts := fakeKong(t, answer(409, string(raw)))
	c := newTestClient(t, Config{AdminURL: ts.URL})
	_, err := c.Kong.KeyAuths.Create(context.Background(), kong.String(testServiceID), &kong.KeyAuth{Key: kong.String(key)})
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v", err)
	}
	if apiErr.Status != 409 || apiErr.Message != `UNIQUE violation detected on '{key=(redacted)}'` {
		t.Fatalf("message %q", apiErr.Message)
	}
	all, _ := json.Marshal(apiErr.Fields)
	var goKong *kong.APIError
	errors.As(err, &goKong)
	for _, s := range []string{err.Error(), string(all), string(goKong.Raw()), goKong.Error()} {
		if strings.Contains(s, key) {
			t.Errorf("the key leaks: %s", s)
		}
	}

	// A key the request did not carry (Kong's own, or a short one) is still redacted where Kong renders it.
	r := newRedactor([]byte(`{"config":{"client_secret":"abcdef"},"password":"pw"}`))
	got := r.text(`conflict on '{client_secret="other",name="x"}' and abcdef`)
	if got != `conflict on '{client_secret=(redacted),name="x"}' and (redacted)` {
		t.Errorf("redacted text %q", got)
	}
	if v := r.value("", map[string]any{"password": "pw", "name": "x"}, true).(map[string]any); v["password"] != Redacted || v["name"] != "x" {
		t.Errorf("redacted fields %v", v)
	}
	if d := describeRequest(httptest.NewRequest("GET", "/consumers/bob/key-auth/"+key, nil)); strings.Contains(d, key) {
		t.Errorf("the request shows the key: %s", d)
	}
}

func TestSchemaViolationFieldErrors(t *testing.T) {
	e := &APIError{Status: 400, Code: 2, Message: "2 schema violations", Fields: map[string]any{
		"host": "required field missing", "config": map[string]any{"key_names": []any{nil, "bad"}},
		"@entity": []any{"at least one of these fields must be non-empty: 'paths', 'hosts'"},
	}}
	var got []string
	for _, fe := range e.FieldErrors() {
		got = append(got, fe.String())
	}
	want := "at least one of these fields must be non-empty: 'paths', 'hosts' | config.key_names[1]: bad | host: required field missing"
	if strings.Join(got, " | ") != want {
		t.Fatalf("got %q", strings.Join(got, " | "))
	}
	ref := &APIError{Status: 400, Code: 4, Fields: map[string]any{"@referenced_by": "routes"}}
	if len(ref.FieldErrors()) != 0 {
		t.Fatal("@referenced_by names no field of the entity")
	}
}

// TestAdminURLPasswordIsNeverShown: admin_url's userinfo stays out of every error the client returns.
func TestAdminURLPasswordIsNeverShown(t *testing.T) {
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close() // nothing listens there any more: the connection is refused
	for _, adminURL := range []string{
		strings.Replace(down.URL, "http://", "http://admin:hunter2@", 1),
		"ftp://admin:hunter2@kong.internal",
		"http://admin:hunter2@kong internal",
	} {
		_, err := New(context.Background(), Config{AdminURL: adminURL, Retry: DefaultRetryPolicy(0)})
		if err == nil {
			t.Fatalf("%s: no error", adminURL)
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("the password is shown: %v", err)
		}
	}
	if got := RedactURL("http://admin:hunter2@kong:8001/x"); got != "http://admin:xxxxx@kong:8001/x" {
		t.Errorf("RedactURL = %q", got)
	}
}

// TestTargetAnswersByAddress: a target read under its upstream by address must be the target with that
// address (Kong's endpoint key for targets).
func TestTargetAnswersByAddress(t *testing.T) {
	for body, want := range map[string]string{
		`{"id":"` + testServiceID + `","target":"10.0.0.1:80"}`: "",
		`{"id":"` + testServiceID + `","target":"10.0.0.2:80"}`: `answered for "10.0.0.1:80"`,
	} {
		ts := fakeKong(t, answer(200, body))
		c := newTestClient(t, Config{AdminURL: ts.URL})
		var got map[string]any
		err := c.Get(context.Background(), "upstreams/pool/targets", "10.0.0.1:80", &got)
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("%s: err = %v, want %q", body, err, want)
		}
	}
}
