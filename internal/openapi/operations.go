// Package openapi turns an OpenAPI 3.0 or 3.1 document into Kong routes and request validation rules, one per
// operation. It reads the document as plain YAML/JSON values rather than through an OpenAPI object model, so
// every schema keyword (3.1's full JSON Schema included) reaches the rules unchanged and every error can name
// the JSON pointer of what it refuses.
package openapi

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/kongform/terraform-provider-kong/internal/reqvalidate"
	"gopkg.in/yaml.v3"
)

// Options change how routes are derived.
type Options struct {
	// BasePath, when set, is the prefix of every route instead of the path of the document's servers.
	BasePath *string
}

// Operation is one method on one path.
type Operation struct {
	OperationID string
	Method      string // upper case
	Path        string // the OpenAPI path template
	Route       Route
	Rules       reqvalidate.Rules
	// AllowedContentTypes and BodySchema are for Kong Enterprise's request-validator, which takes one body
	// schema: that of application/json when the operation has one, else of its only JSON type.
	AllowedContentTypes []string
	BodySchema          string
}

// Route is what a kong_route needs.
type Route struct {
	// Paths hold one anchored regex ("~/prefix/pets/(?<petId>[^/]+)$"); Kong fills the aws-lambda event's
	// pathParameters from the named captures.
	Paths           []string
	Methods         []string
	RequiredHeaders []string
	// RegexPriority orders overlapping regex routes: the more literal segments, the higher, so /pets/mine wins
	// over /pets/{petId}.
	RegexPriority int64
}

// Error is a part of the document the gateway cannot express, named by operation and JSON pointer.
type Error struct {
	Operation string // empty for document-level errors
	Pointer   string // "#/paths/~1pets/get/parameters/0"
	Reason    string
}

func (e *Error) Error() string {
	if e.Operation == "" {
		return fmt.Sprintf("%s: %s", e.Pointer, e.Reason)
	}
	return fmt.Sprintf("operation %q (%s): %s", e.Operation, e.Pointer, e.Reason)
}

var methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// Operations returns the document's operations keyed by operation id, or the first error found.
func Operations(document []byte, opts Options) (map[string]Operation, error) {
	var raw any
	if err := yaml.Unmarshal(document, &raw); err != nil {
		return nil, &Error{Pointer: "#", Reason: "not YAML or JSON: " + err.Error()}
	}
	root, ok := normalize(raw).(map[string]any)
	if !ok {
		return nil, &Error{Pointer: "#", Reason: "the document is not an object"}
	}
	d := &doc{root: root}
	version, _ := root["openapi"].(string)
	switch {
	case strings.HasPrefix(version, "3.0."):
	case strings.HasPrefix(version, "3.1."):
		d.v31 = true
	case root["swagger"] != nil:
		return nil, &Error{Pointer: "#/swagger", Reason: "Swagger 2.0 is not supported; convert the document to OpenAPI 3"}
	default:
		return nil, &Error{Pointer: "#/openapi", Reason: fmt.Sprintf("OpenAPI version %q is not supported; 3.0.x and 3.1.x are", version)}
	}
	paths, _ := root["paths"].(map[string]any)
	keys := sortedKeys(paths)
	out := map[string]Operation{}
	where := map[string]string{}
	for _, p := range keys {
		item, ok := paths[p].(map[string]any)
		if !ok {
			continue
		}
		itemPtr := "#/paths/" + escape(p)
		if _, ok := item["$ref"]; ok {
			return nil, &Error{Pointer: itemPtr + "/$ref", Reason: "path item references are not supported; write the path item inline"}
		}
		for _, m := range methods {
			opRaw, ok := item[m].(map[string]any)
			if !ok {
				continue
			}
			op, err := d.operation(p, m, item, opRaw, itemPtr, opts)
			if err != nil {
				return nil, err
			}
			if prev, dup := where[op.OperationID]; dup {
				return nil, &Error{Operation: op.OperationID, Pointer: itemPtr + "/" + m + "/operationId", Reason: "operationId is also used by " + prev}
			}
			where[op.OperationID] = itemPtr + "/" + m
			out[op.OperationID] = op
		}
	}
	return out, nil
}

type doc struct {
	root map[string]any
	v31  bool
}

func (d *doc) operation(path, method string, item, raw map[string]any, itemPtr string, opts Options) (Operation, error) {
	ptr := itemPtr + "/" + method
	id, _ := raw["operationId"].(string)
	if id == "" {
		id = syntheticID(method, path)
	}
	fail := func(p, format string, a ...any) (Operation, error) {
		return Operation{}, &Error{Operation: id, Pointer: p, Reason: fmt.Sprintf(format, a...)}
	}
	if cb, ok := raw["callbacks"].(map[string]any); ok && len(cb) > 0 {
		return fail(ptr+"/callbacks", "callbacks cannot be expressed as Kong routes; describe the callback receiver as its own API")
	}
	prefix, err := d.prefix(opts, []serverSource{{raw, ptr}, {item, itemPtr}, {d.root, "#"}})
	if err != nil {
		return fail(err.Pointer, "%s", err.Reason)
	}
	op := Operation{OperationID: id, Method: strings.ToUpper(method), Path: path}
	op.Rules.OperationID = id

	params, perr := d.parameters(item, raw, itemPtr, ptr)
	if perr != nil {
		perr.Operation = id
		return Operation{}, perr
	}
	pattern, captures, literal, err2 := pathPattern(prefix, path)
	if err2 != nil {
		return fail(ptr, "%s", err2.Error())
	}
	op.Route = Route{Paths: []string{"~" + pattern}, Methods: []string{op.Method}, RegexPriority: literal}
	op.Rules.PathPattern = pattern
	for _, p := range params {
		if p.In == "path" {
			if !captures[p.Name] {
				return fail(p.ptr, "path parameter %q is not in the path template %s", p.Name, path)
			}
			delete(captures, p.Name)
		}
		if p.In == "header" && p.Required {
			op.Route.RequiredHeaders = append(op.Route.RequiredHeaders, p.Name)
		}
		op.Rules.ParameterSchema = append(op.Rules.ParameterSchema, p.Parameter)
	}
	// A template variable without a declared parameter is still a required path segment; it is captured
	// (so pathParameters has it) but its value is not checked.
	for _, name := range sortedKeys(captures) {
		op.Rules.ParameterSchema = append(op.Rules.ParameterSchema, reqvalidate.Parameter{Name: name, In: "path", Required: true, Style: "simple", Schema: anyString})
	}
	if rb, ok := raw["requestBody"]; ok {
		if err := d.requestBody(&op, rb, ptr+"/requestBody"); err != nil {
			err.Operation = id
			return Operation{}, err
		}
	}
	// The plugin compiles exactly these rules; doing it here turns a rule Kong would refuse into a plan error.
	if _, err := reqvalidate.Compile(op.Rules); err != nil {
		return fail(ptr, "the validation rules do not compile: %s", err.Error())
	}
	return op, nil
}

// syntheticID names an operation without operationId by method and path: get /pets/{petId} -> get_pets_petId.
func syntheticID(method, path string) string {
	s := strings.NewReplacer("{", "", "}", "").Replace(path)
	s = regexp.MustCompile(`[^A-Za-z0-9]+`).ReplaceAllString(s, "_")
	return strings.TrimRight(method+"_"+strings.Trim(s, "_"), "_")
}

// anyString is the schema of a parameter the document gives none: Enterprise's request-validator needs one.
const anyString = `{"type":"string"}`

var captureName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,31}$`)

// pathPattern builds the anchored regex of prefix+template, with one named capture per template variable,
// and counts the literal segments for the route's regex_priority.
func pathPattern(prefix, template string) (string, map[string]bool, int64, error) {
	if !strings.HasPrefix(template, "/") {
		return "", nil, 0, fmt.Errorf("path %q does not start with /", template)
	}
	full := strings.TrimSuffix(prefix, "/") + template
	captures := map[string]bool{}
	var literal int64
	var sb strings.Builder
	for _, seg := range strings.Split(full, "/")[1:] {
		sb.WriteByte('/')
		if !strings.Contains(seg, "{") && seg != "" {
			literal++
		}
		for seg != "" {
			i := strings.IndexByte(seg, '{')
			if i < 0 {
				sb.WriteString(regexp.QuoteMeta(seg))
				break
			}
			j := strings.IndexByte(seg[i:], '}')
			if j < 0 {
				return "", nil, 0, fmt.Errorf("path %q has an unclosed {", template)
			}
			sb.WriteString(regexp.QuoteMeta(seg[:i]))
			name := seg[i+1 : i+j]
			if !captureName.MatchString(name) {
				return "", nil, 0, fmt.Errorf("path parameter %q cannot be a regex capture name (letters, digits and _, at most 32, not starting with a digit), which Kong needs to fill pathParameters", name)
			}
			if captures[name] {
				return "", nil, 0, fmt.Errorf("path parameter %q appears twice in %s", name, template)
			}
			captures[name] = true
			sb.WriteString("(?<" + name + ">[^/]+)")
			seg = seg[i+j+1:]
		}
	}
	return sb.String() + "$", captures, literal, nil
}

// normalize turns YAML's map[any]any (from keys such as response codes 200) into map[string]any.
func normalize(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			t[k] = normalize(x)
		}
		return t
	case map[any]any:
		m := make(map[string]any, len(t))
		for k, x := range t {
			m[fmt.Sprint(k)] = normalize(x)
		}
		return m
	case []any:
		for i, x := range t {
			t[i] = normalize(x)
		}
	}
	return v
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func escape(tok string) string { return strings.NewReplacer("~", "~0", "/", "~1").Replace(tok) }
