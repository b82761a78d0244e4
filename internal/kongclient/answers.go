package kongclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// maxAnswerBody bounds a successful answer; a page of 1,000 plugins with large configurations stays far below.
const maxAnswerBody = 256 << 20

// doer is the go-kong Doer every request of the client goes through. go-kong keeps neither the body of an
// error answer nor any doubt about a successful one, so the doer reads both itself:
//
//   - an error status becomes an *APIError carrying Kong's code, name, message and fields (secrets redacted);
//   - a 2xx answer must be the JSON of what was asked for, or the request fails: a body that is not JSON or
//     is cut short, a single entity without an id, or with another id (or name) than the one requested,
//     and a listing without "data" are errors, never state.
func (c *Client) doer(ctx context.Context, hc *http.Client, req *http.Request) (*http.Response, error) {
	var reqBody []byte
	if req.GetBody != nil {
		if rc, err := req.GetBody(); err == nil {
			reqBody, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	resp, err := hc.Do(req.WithContext(ctx))
	if err != nil {
		var uerr *url.Error
		if errors.As(err, &uerr) {
			// net/http masks only the password of the URL; the user name goes too, and the query.
			if u, perr := url.Parse(uerr.URL); perr == nil {
				uerr.URL = redactedURL(u)
			}
		}
		return nil, err
	}
	if resp.StatusCode >= 300 {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		resp.Body.Close()
		return nil, newAPIError(req, resp.StatusCode, body, reqBody)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswerBody))
	resp.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("reading Kong's answer to %s: %w", describeRequest(req), err)
	}
	if err := c.checkAnswer(req, resp.StatusCode, body); err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// AnswerError is a 2xx answer that is not what the request asked for.
type AnswerError struct {
	Request string
	Reason  string
}

func (e *AnswerError) Error() string {
	return "the Kong Admin API's answer to " + e.Request + " is not what was asked for: " + e.Reason +
		". Check that admin_url points at the Kong Admin API itself and not at a proxy or another service."
}

// checkAnswer decides whether a successful answer is the JSON the request asked for.
func (c *Client) checkAnswer(req *http.Request, status int, body []byte) error {
	bad := func(format string, args ...any) error {
		return &AnswerError{Request: describeRequest(req), Reason: fmt.Sprintf(format, args...)}
	}
	if status == http.StatusNoContent || (len(bytes.TrimSpace(body)) == 0 && req.Method == http.MethodDelete) {
		return nil
	}
	if !json.Valid(body) {
		if len(bytes.TrimSpace(body)) == 0 {
			return bad("the body is empty")
		}
		return bad("the body is not complete JSON (%s)", strings.Join(strings.Fields(string(truncate(body, 80))), " "))
	}
	if req.Method == http.MethodDelete || req.Method == http.MethodHead {
		return nil
	}
	segments := c.endpointSegments(req.URL)
	kind := classify(segments)
	if kind == otherEndpoint {
		return nil
	}
	var obj map[string]any
	if err := json.Unmarshal(body, &obj); err != nil || obj == nil {
		return bad("it is not a JSON object")
	}
	if kind == collectionEndpoint && req.Method == http.MethodGet {
		if _, ok := obj["data"].([]any); !ok {
			return bad("a listing without \"data\"%s", messageHint(obj))
		}
		return nil
	}
	id, _ := obj["id"].(string)
	if id == "" {
		return bad("an entity without an id%s", messageHint(obj))
	}
	if kind != entityEndpoint {
		return nil // a create (POST to a collection) gives the entity with the id Kong picked
	}
	asked := segments[len(segments)-1]
	if IsUUID(asked) {
		if !strings.EqualFold(id, asked) {
			return bad("the entity with id %s answered for id %s", id, asked)
		}
		return nil
	}
	if req.Method != http.MethodGet {
		return nil // a write by name may rename the entity: the answer carries the new name
	}
	// Not a UUID: Kong looked the entity up by its endpoint key, so one of them must be what was asked for.
	for _, key := range []string{"name", "username", "custom_id", "instance_name", "group", "key", "target"} {
		if v, ok := obj[key].(string); ok && v == asked {
			return nil
		}
	}
	// A certificate is looked up by one of its SNI names, which it lists.
	if snis, ok := obj["snis"].([]any); ok && segments[len(segments)-2] == Certificates && slices.Contains(snis, any(asked)) {
		return nil
	}
	if credentialCollections[segments[len(segments)-2]] {
		asked = Redacted
	}
	return bad("the entity %s answered for %q", id, asked)
}

// messageHint quotes a {"message": ...} body, the usual shape of an answer that is not an entity.
func messageHint(obj map[string]any) string {
	if m, ok := obj["message"].(string); ok && m != "" {
		return fmt.Sprintf(" (it says %q)", m)
	}
	return ""
}

type endpointKind int

const (
	otherEndpoint      endpointKind = iota // the root, schemas, status: checked for JSON only
	collectionEndpoint                     // /services, /consumers/{c}/key-auth
	entityEndpoint                         // /services/{id or name}, /consumers/{c}/acls/{group}
)

// entityCollections are the Admin API collections whose answers the client checks.
var entityCollections = map[string]bool{
	"services": true, "routes": true, "consumers": true, "plugins": true, "upstreams": true, "targets": true,
	"certificates": true, "ca_certificates": true, "snis": true, "vaults": true, "keys": true, "key-sets": true,
	"acls": true, "key-auths": true, "key-auth": true, "basic-auths": true, "basic-auth": true,
	"hmac-auths": true, "hmac-auth": true, "jwts": true, "jwt": true, "oauth2": true, "consumer_groups": true,
}

// classify tells collection paths (/a, /a/{x}/b) from entity paths (/a/{x}, /a/{x}/b/{y}).
func classify(segments []string) endpointKind {
	n := len(segments)
	if n == 0 || segments[0] == "schemas" || !entityCollections[segments[0]] {
		return otherEndpoint
	}
	for i := 0; i < n; i += 2 {
		if !entityCollections[segments[i]] {
			return otherEndpoint // a foreign-entity endpoint such as /routes/{r}/service, or an action
		}
	}
	if n%2 == 1 {
		return collectionEndpoint
	}
	return entityEndpoint
}

// endpointSegments is the request path below admin_url's own path and the workspace, unescaped.
func (c *Client) endpointSegments(u *url.URL) []string {
	p := strings.TrimPrefix(u.Path, c.basePath)
	if c.workspace != "" {
		p = strings.TrimPrefix(p, "/"+c.workspace)
	}
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// RedirectError is a redirect the client refused to follow.
type RedirectError struct {
	From, To string
}

func (e *RedirectError) Error() string {
	return "the Kong Admin API at " + e.From + " answered with a redirect to " + e.To + ", which the provider " +
		"does not follow: the admin token and the configured headers are only ever sent to admin_url. " +
		"Set admin_url to the address that answers without redirecting"
}

// refuseRedirects is the HTTP client's CheckRedirect. No redirect is followed, not even to the same origin:
// the Admin API never redirects, so one means a proxy or a wrong admin_url (http:// for an https:// API),
// and following it would resend the admin token and headers (go-kong and the header transport add them to
// every request, wherever it goes) and replay writes somewhere the user did not name. Failing with the
// target lets the user fix admin_url instead.
func refuseRedirects(req *http.Request, via []*http.Request) error {
	from := via[0].URL
	return &RedirectError{From: originOf(from), To: redactedURL(req.URL)}
}

// originOf is scheme://host, without credentials.
func originOf(u *url.URL) string { return u.Scheme + "://" + u.Host }

// redactedURL renders a URL without its userinfo and query (either may hold credentials).
func redactedURL(u *url.URL) string {
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
}

// RedactURL renders a configured admin_url for messages: a password in its userinfo is never shown.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		// Unparseable: show nothing after the scheme separator that could be userinfo.
		if at := strings.LastIndex(raw, "@"); at >= 0 {
			return "(redacted)@" + raw[at+1:]
		}
		return raw
	}
	return u.Redacted()
}
