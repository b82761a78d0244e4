package kongtest

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/google/uuid"
)

func newUUID() string { return uuid.NewString() }

// requestBody is a decoded POST/PUT/PATCH body. Form bodies hold strings that still
// need coercion by the schema (JSON values are never coerced, as in Kong).
type requestBody struct {
	values map[string]any
	form   bool
}

const maxBodyBytes = 8 << 20

var errUnsupportedMediaType = &apiError{status: http.StatusUnsupportedMediaType}

// readBody decodes a request body as Kong does: JSON, urlencoded or multipart forms;
// an empty body is {}; any other Content-Type gets 415.
func readBody(r *http.Request) (requestBody, *apiError) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	if err != nil {
		return requestBody{}, messageError(http.StatusBadRequest, "Cannot read request body")
	}
	mediaType, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if len(bytes.TrimSpace(raw)) == 0 {
		// Kong's parse_params: on POST, PUT and PATCH a JSON content type whose body does not
		// decode (an empty one included) is refused; any other empty body is {}.
		needsBody := r.Method == http.MethodPost || r.Method == http.MethodPut || r.Method == http.MethodPatch
		if needsBody && strings.Contains(strings.ToLower(r.Header.Get("Content-Type")), "application/json") {
			return requestBody{}, errBadJSON
		}
		return requestBody{values: map[string]any{}}, nil
	}
	switch {
	case strings.HasPrefix(mediaType, "application/json"):
		values, ok := decodeJSONObject(raw)
		if !ok {
			return requestBody{}, errBadJSON
		}
		return requestBody{values: values}, nil
	case strings.HasPrefix(mediaType, "application/x-www-form-urlencoded"):
		form, err := url.ParseQuery(string(raw))
		if err != nil {
			return requestBody{}, messageError(http.StatusBadRequest, "Cannot parse form body")
		}
		return requestBody{values: nestForm(form), form: true}, nil
	case strings.HasPrefix(mediaType, "multipart/form-data"):
		mr := multipartReader(raw, params["boundary"])
		form, err := mr.ReadForm(maxBodyBytes)
		if err != nil {
			return requestBody{}, messageError(http.StatusBadRequest, "Cannot parse form body")
		}
		return requestBody{values: nestForm(form.Value), form: true}, nil
	}
	return requestBody{}, errUnsupportedMediaType
}

// decodeJSONObject decodes a JSON object, turning integral numbers into int64 and
// the others into float64 so that "expected an integer" can be told apart.
func decodeJSONObject(raw []byte) (map[string]any, bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		return nil, false
	}
	m, ok := convertNumbers(v).(map[string]any)
	return m, ok
}

func convertNumbers(v any) any {
	switch t := v.(type) {
	case json.Number:
		if n, err := t.Int64(); err == nil {
			return n
		}
		f, _ := t.Float64()
		return f
	case map[string]any:
		for k, sub := range t {
			t[k] = convertNumbers(sub)
		}
	case []any:
		for i, sub := range t {
			t[i] = convertNumbers(sub)
		}
	}
	return v
}

// nestForm turns form keys such as "config.key_names[1]" or "tags[]" into nested
// maps and arrays of strings: "a[n]" is element n (1-based, as in Lua), "a[]" and
// repeated keys append.
func nestForm(form url.Values) map[string]any {
	keys := make([]string, 0, len(form))
	for k := range form {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return formKeyLess(keys[i], keys[j]) })
	out := map[string]any{}
	for _, key := range keys {
		vals := form[key]
		isArray := len(vals) > 1
		if i := strings.IndexByte(key, '['); i >= 0 {
			key, isArray = key[:i], true
		}
		parts := strings.Split(key, ".")
		m := out
		for _, p := range parts[:len(parts)-1] {
			sub, ok := m[p].(map[string]any)
			if !ok {
				sub = map[string]any{}
				m[p] = sub
			}
			m = sub
		}
		last := parts[len(parts)-1]
		if !isArray {
			m[last] = vals[0]
			continue
		}
		list, _ := m[last].([]any)
		for _, v := range vals {
			list = append(list, v)
		}
		m[last] = list
	}
	return out
}

// formKeyLess orders form keys by name, then "a[2]" before "a[10]" by index.
func formKeyLess(a, b string) bool {
	baseA, indexA := splitFormIndex(a)
	baseB, indexB := splitFormIndex(b)
	if baseA != baseB {
		return baseA < baseB
	}
	return indexA < indexB
}

func splitFormIndex(key string) (string, int) {
	i := strings.IndexByte(key, '[')
	if i < 0 || !strings.HasSuffix(key, "]") {
		return key, 0
	}
	n, _ := strconv.Atoi(key[i+1 : len(key)-1])
	return key[:i], n
}

// typeNode is the shape used to coerce form strings: a Kong type name plus element
// and record field shapes.
type typeNode struct {
	typ    string
	elem   *typeNode
	fields map[string]*typeNode
}

var kindTypeNames = map[kind]string{
	kindString: "string", kindInteger: "integer", kindNumber: "number", kindBoolean: "boolean",
	kindSet: "set", kindArray: "array", kindMap: "map", kindRecord: "record", kindForeign: "foreign",
	kindID: "string", kindTimestamp: "integer", kindTimestampMs: "number", kindConfig: "record",
}

func typeNodeOf(f *field) *typeNode {
	n := &typeNode{typ: kindTypeNames[f.kind]}
	if f.elem != nil {
		n.elem = typeNodeOf(f.elem)
	}
	if len(f.fields) > 0 {
		n.fields = make(map[string]*typeNode, len(f.fields))
		for _, sub := range f.fields {
			n.fields[sub.name] = typeNodeOf(sub)
		}
	}
	return n
}

// coerceForm converts form strings by the target type: numbers parsed, "true"/"false"
// to booleans, "" to null and a scalar sent to an array field to a one-element array.
func coerceForm(v any, n *typeNode) any {
	if n == nil {
		return v
	}
	if s, ok := v.(string); ok && s == "" {
		return nil
	}
	switch n.typ {
	case "integer", "number":
		if s, ok := v.(string); ok {
			if i, err := strconv.ParseInt(s, 10, 64); err == nil {
				return i
			}
			if f, err := strconv.ParseFloat(s, 64); err == nil {
				return f
			}
		}
	case "boolean":
		if s, ok := v.(string); ok && (s == "true" || s == "false") {
			return s == "true"
		}
	case "set", "array":
		list, ok := v.([]any)
		if !ok {
			list = []any{v}
		}
		for i, item := range list {
			list[i] = coerceForm(item, n.elem)
		}
		return list
	case "record", "foreign", "map":
		if m, ok := v.(map[string]any); ok {
			for k, sub := range m {
				if n.typ == "map" {
					m[k] = coerceForm(sub, n.elem)
				} else {
					m[k] = coerceForm(sub, n.fields[k])
				}
			}
		}
	}
	return v
}

func multipartReader(raw []byte, boundary string) *multipart.Reader {
	return multipart.NewReader(bytes.NewReader(raw), boundary)
}
