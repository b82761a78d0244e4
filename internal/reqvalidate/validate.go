package reqvalidate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// MaxErrors bounds the errors one answer lists, so a huge invalid body cannot make a huge answer.
const MaxErrors = 20

// Request is what validation reads of a request. The caller fills only what the Validator's Needs* methods
// ask for, because each read is a round trip to Kong in a Go plugin.
type Request struct {
	Path     string
	RawQuery string
	// Header has lowercased names, as Kong's kong.request.get_headers returns them.
	Header      map[string][]string
	ContentType string
	Body        []byte
}

// FieldError is one failed rule; the answer's errors list holds these.
type FieldError struct {
	In     string `json:"in"` // path, query, header or body
	Name   string `json:"name"`
	Reason string `json:"reason"`
}

// Answer is the body of every 400 the plugin sends: one shape for every kind of failure.
type Answer struct {
	Message string       `json:"message"`
	Errors  []FieldError `json:"errors"`
}

// NeedsQuery, NeedsHeaders and NeedsBody say which parts of the request the rules look at.
func (v *Validator) NeedsQuery() bool   { return len(v.queryParams) > 0 }
func (v *Validator) NeedsHeaders() bool { return len(v.headerParams) > 0 }
func (v *Validator) NeedsBody() bool    { return len(v.bodies) > 0 || v.bodyRequired }

// Validate returns the request's failures, at most MaxErrors of them; none means the request passes.
func (v *Validator) Validate(r *Request) []FieldError {
	var out []FieldError
	if v.path != nil {
		out = v.validatePath(r.Path, out)
	}
	if len(v.queryParams) > 0 {
		q, err := url.ParseQuery(r.RawQuery)
		if err != nil {
			out = append(out, FieldError{In: "query", Reason: "malformed query string: " + err.Error()})
		}
		for _, p := range v.queryParams {
			out = p.check(q[p.Name], true, out)
		}
	}
	for _, p := range v.headerParams {
		vals := r.Header[p.key]
		if len(vals) > 1 {
			// Repeated header lines are one comma-separated list in HTTP.
			vals = []string{strings.Join(vals, ",")}
		}
		out = p.check(vals, false, out)
	}
	if v.NeedsBody() {
		out = v.validateBody(r, out)
	}
	if len(out) > MaxErrors {
		out = out[:MaxErrors]
	}
	return out
}

func (v *Validator) validatePath(path string, out []FieldError) []FieldError {
	m := v.path.FindStringSubmatch(path)
	if m == nil {
		return append(out, FieldError{In: "path", Reason: fmt.Sprintf("path %q does not match %s", path, v.path)})
	}
	for _, p := range v.pathParams {
		raw := m[v.path.SubexpIndex(p.Name)]
		if s, err := url.PathUnescape(raw); err == nil {
			raw = s
		}
		out = p.check([]string{raw}, false, out)
	}
	return out
}

// check validates the values given for one parameter. exploded is true for query arguments, whose array
// items may come as repeated arguments.
func (p *param) check(values []string, exploded bool, out []FieldError) []FieldError {
	if len(values) == 0 {
		if p.Required {
			return append(out, FieldError{In: p.In, Name: p.Name, Reason: "required " + p.In + " parameter is missing"})
		}
		return out
	}
	var instance any
	switch {
	case p.shape.array:
		var items []string
		if exploded && p.Explode {
			items = values
		} else {
			if len(values) > 1 {
				return append(out, FieldError{In: p.In, Name: p.Name, Reason: fmt.Sprintf("given %d times; expected once", len(values))})
			}
			items = strings.Split(values[0], p.sep)
		}
		arr := make([]any, len(items))
		for i, s := range items {
			arr[i] = coerce(s, p.shape.items)
		}
		instance = arr
	case len(values) > 1:
		return append(out, FieldError{In: p.In, Name: p.Name, Reason: fmt.Sprintf("given %d times; expected once", len(values))})
	default:
		instance = coerce(values[0], p.shape.scalar)
	}
	if p.schema == nil {
		return out
	}
	return appendSchemaErrors(out, p.schema.Validate(instance), p.In, p.Name)
}

// coerce turns a parameter's text into the JSON value its schema's types expect; text that is no such value
// stays a string, so the schema reports the type mismatch in its own words.
func coerce(s string, types []string) any {
	for _, t := range types {
		switch t {
		case "integer", "number":
			if _, err := strconv.ParseFloat(s, 64); err == nil && s != "" && !strings.ContainsAny(s, "xXpP_") {
				return json.Number(s)
			}
		case "boolean":
			if s == "true" || s == "false" {
				return s == "true"
			}
		case "null":
			if s == "" || s == "null" {
				return nil
			}
		}
	}
	return s
}

func (v *Validator) validateBody(r *Request, out []FieldError) []FieldError {
	if len(r.Body) == 0 && r.ContentType == "" {
		if v.bodyRequired {
			out = append(out, FieldError{In: "body", Reason: "request body is required"})
		}
		return out
	}
	if len(v.bodies) == 0 {
		return out
	}
	mt, _, err := mime.ParseMediaType(r.ContentType)
	if err != nil && r.ContentType != "" {
		return append(out, FieldError{In: "header", Name: "Content-Type", Reason: "malformed content type: " + err.Error()})
	}
	b := v.bodyFor(mt)
	if b == nil {
		return append(out, FieldError{In: "header", Name: "Content-Type", Reason: fmt.Sprintf("content type %q is not accepted; accepted: %s", mt, v.accepted())})
	}
	if len(r.Body) == 0 {
		if v.bodyRequired {
			out = append(out, FieldError{In: "body", Reason: "request body is required"})
		}
		return out
	}
	if b.schema == nil {
		return out
	}
	if b.text {
		return appendSchemaErrors(out, b.schema.Validate(string(r.Body)), "body", "")
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(r.Body))
	if err != nil {
		return append(out, FieldError{In: "body", Reason: "body is not valid JSON: " + err.Error()})
	}
	return appendSchemaErrors(out, b.schema.Validate(doc), "body", "")
}

func (v *Validator) bodyFor(mt string) *body {
	for i := range v.bodies {
		b := &v.bodies[i]
		switch {
		case b.mediaType == mt, b.mediaType == "*/*":
			return b
		case strings.HasSuffix(b.mediaType, "/*") && strings.HasPrefix(mt, strings.TrimSuffix(b.mediaType, "*")):
			return b
		}
	}
	return nil
}

func (v *Validator) accepted() string {
	names := make([]string, len(v.bodies))
	for i, b := range v.bodies {
		names[i] = b.mediaType
	}
	return strings.Join(names, ", ")
}

var printer = message.NewPrinter(language.English)

// appendSchemaErrors lists the leaves of a validation error: the specific failures, not the keywords that
// merely contain them. Body errors are named by the JSON pointer of the failing value.
func appendSchemaErrors(out []FieldError, err error, in, name string) []FieldError {
	var ve *jsonschema.ValidationError
	if err == nil || !errors.As(err, &ve) {
		if err != nil {
			out = append(out, FieldError{In: in, Name: name, Reason: err.Error()})
		}
		return out
	}
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(out) > MaxErrors {
			return
		}
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		ptr := pointer(e.InstanceLocation)
		fe := FieldError{In: in, Name: name, Reason: e.ErrorKind.LocalizedString(printer)}
		switch {
		case in == "body":
			fe.Name = ptr
		case ptr != "":
			fe.Reason = "at " + ptr + ": " + fe.Reason
		}
		out = append(out, fe)
	}
	walk(ve)
	return out
}

func pointer(tokens []string) string {
	var sb strings.Builder
	for _, t := range tokens {
		sb.WriteByte('/')
		sb.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(t))
	}
	return sb.String()
}
