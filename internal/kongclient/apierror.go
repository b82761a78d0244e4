package kongclient

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"

	"github.com/kong/go-kong/kong"
)

// APIError is an Admin API answer with an error status, with Kong's reason kept. go-kong (v0.78.0) drops
// the body of an error answer, so the client's Doer reads it and returns this instead. It unwraps to a
// *kong.APIError, so kong.IsNotFoundErr and kong.IsForbiddenErr keep working on it.
//
// Values of secret fields (keys, passwords, tokens) are already redacted from Message and Fields.
type APIError struct {
	Status int
	// Code and Name are Kong's DAO error code and name (kong/db/errors.lua); 0 and "" outside the DAO.
	Code int
	Name string
	// Message is Kong's message, or the start of the body when it is not Kong's JSON.
	Message string
	// Fields is Kong's "fields" object: the key that collided or was not found (codes 3 to 6), or a
	// message per field nested like the entity (schema violations).
	Fields map[string]any
	// Request is "METHOD /path" of the failed request, with secret path segments redacted.
	Request string
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Kong answered HTTP %d", e.Status)
	if e.Name != "" {
		fmt.Fprintf(&b, " (%s)", e.Name)
	}
	if e.Request != "" {
		b.WriteString(" to " + e.Request)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	} else {
		b.WriteString(".")
	}
	return b.String()
}

// Unwrap gives go-kong's error type, for kong.IsNotFoundErr and kong.IsForbiddenErr.
func (e *APIError) Unwrap() error {
	raw, _ := json.Marshal(map[string]any{"code": e.Code, "name": e.Name, "message": e.Message, "fields": e.Fields})
	return kong.NewAPIErrorWithRaw(e.Status, e.Message, raw)
}

// keyFieldCodes are the DAO errors whose "fields" hold the offending key itself, not a message per field:
// primary key, foreign key, unique and not-found violations.
var keyFieldCodes = map[int]bool{3: true, 4: true, 5: true, 6: true}

// FieldErrors lists the fields Kong blames. For a schema violation each field carries its own message; for
// a key violation (a duplicate name, a missing foreign entity) every non-null field of the key carries
// Kong's whole message. "@entity" checks come back with Entity set; "@referenced_by" (another entity
// still uses this one) names no field of this entity, so it gives none.
func (e *APIError) FieldErrors() []FieldError {
	if len(e.Fields) == 0 {
		return nil
	}
	if !keyFieldCodes[e.Code] {
		return flattenFieldErrors(nil, e.Fields)
	}
	names := make([]string, 0, len(e.Fields))
	for name, v := range e.Fields {
		if v != nil && !strings.HasPrefix(name, "@") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	out := make([]FieldError, 0, len(names))
	for _, name := range names {
		out = append(out, FieldError{Path: []string{name}, Message: e.Message})
	}
	return out
}

// maxErrorBody bounds how much of an error answer is read: Kong's are small, a proxy's HTML page need not be.
const maxErrorBody = 64 << 10

// newAPIError builds the error for an answer with an error status. reqBody is the JSON the request sent
// (nil without one): the values of its secret fields are scrubbed from Kong's answer wherever they appear.
func newAPIError(req *http.Request, status int, body, reqBody []byte) *APIError {
	e := &APIError{Status: status, Request: describeRequest(req)}
	var kongBody struct {
		Code    int            `json:"code"`
		Name    string         `json:"name"`
		Message string         `json:"message"`
		Fields  map[string]any `json:"fields"`
	}
	if json.Unmarshal(body, &kongBody) == nil && (kongBody.Message != "" || kongBody.Fields != nil) {
		e.Code, e.Name, e.Message, e.Fields = kongBody.Code, kongBody.Name, kongBody.Message, kongBody.Fields
	} else {
		// Not Kong's JSON (a proxy's error page, say): its start still tells the user who answered.
		e.Message = strings.Join(strings.Fields(string(truncate(body, 300))), " ")
	}
	r := newRedactor(reqBody)
	e.Message = r.text(e.Message)
	if e.Fields != nil {
		e.Fields, _ = r.value("", e.Fields, keyFieldCodes[e.Code]).(map[string]any)
	}
	return e
}

func truncate(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	return append(append([]byte{}, b[:n]...), "…"...)
}

// Redacted stands in for every secret value in an error.
const Redacted = "(redacted)"

// IsSecretField reports whether a field of this name holds a secret: a credential's key, a password, a
// client secret, a private key (in PEM, or a JSON Web Key), a token. Errors never repeat such a field's value.
func IsSecretField(name string) bool {
	n := strings.ToLower(name)
	if n == "key" || n == "key_wo" || n == "jwk" || n == "jwk_wo" || strings.HasSuffix(n, "_key") || strings.HasSuffix(n, "_key_wo") {
		return true
	}
	for _, part := range []string{"password", "secret", "token", "private_key", "credential"} {
		if strings.Contains(n, part) {
			return true
		}
	}
	return false
}

// redactor removes secret values from Kong's error answers. Two rules, since either alone can miss one:
// values the request sent in secret fields are replaced wherever they appear, and a secret field's value in
// a Lua-rendered key (`{key="..."}`, as in "UNIQUE violation detected on '{key="..."}'") is replaced even
// when the request did not carry it (the value may be Kong's, or sent in another form).
type redactor struct{ secrets []string }

// minScrubbedLength keeps very short values (a key of "a") from turning every message into confetti;
// those are still redacted where Kong renders them as field values.
const minScrubbedLength = 3

func newRedactor(reqBody []byte) redactor {
	var r redactor
	var v any
	if len(reqBody) > 0 && json.Unmarshal(reqBody, &v) == nil {
		r.collect("", v)
	}
	// Longest first, so a secret that contains another is replaced whole.
	sort.Slice(r.secrets, func(i, j int) bool { return len(r.secrets[i]) > len(r.secrets[j]) })
	return r
}

func (r *redactor) collect(name string, v any) {
	switch v := v.(type) {
	case string:
		if IsSecretField(name) && len(v) >= minScrubbedLength {
			r.secrets = append(r.secrets, v)
		}
	case map[string]any:
		for k, child := range v {
			r.collect(k, child)
		}
	case []any:
		for _, child := range v {
			r.collect(name, child)
		}
	}
}

// luaKeyValue matches one field of a Lua-rendered key: name="value" (value with Lua's escapes).
var luaKeyValue = regexp.MustCompile(`([A-Za-z0-9_]+)="((?:[^"\\]|\\.)*)"`)

func (r redactor) text(s string) string {
	for _, secret := range r.secrets {
		s = strings.ReplaceAll(s, secret, Redacted)
	}
	return luaKeyValue.ReplaceAllStringFunc(s, func(m string) string {
		name := luaKeyValue.FindStringSubmatch(m)[1]
		if IsSecretField(name) {
			return name + "=" + Redacted
		}
		return m
	})
}

// value redacts a "fields" value. valuesAreKeys says the strings are field values (key violations), so a
// secret field's string is replaced whatever it holds; otherwise they are messages, scrubbed as text.
func (r redactor) value(name string, v any, valuesAreKeys bool) any {
	switch v := v.(type) {
	case string:
		if valuesAreKeys && IsSecretField(name) {
			return Redacted
		}
		return r.text(v)
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, child := range v {
			out[k] = r.value(k, child, valuesAreKeys)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, child := range v {
			out[i] = r.value(name, child, valuesAreKeys)
		}
		return out
	}
	return v
}

// describeRequest renders "METHOD /path" for errors. A path segment after a credential collection that is
// not a UUID is the credential's key itself (Kong addresses key-auths by key), so it is redacted.
func describeRequest(req *http.Request) string {
	if req == nil || req.URL == nil {
		return ""
	}
	segments := strings.Split(req.URL.Path, "/")
	for i := 1; i < len(segments); i++ {
		if credentialCollections[segments[i-1]] && segments[i] != "" && !IsUUID(segments[i]) {
			segments[i] = Redacted
		}
	}
	return req.Method + " " + strings.Join(segments, "/")
}

// credentialCollections are the collections whose endpoint key is a secret.
var credentialCollections = map[string]bool{"key-auth": true, "key-auths": true, "basic-auth": true, "basic-auths": true,
	"hmac-auth": true, "hmac-auths": true, "jwt": true, "jwts": true, "oauth2": true}
