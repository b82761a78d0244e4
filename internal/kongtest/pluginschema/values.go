package pluginschema

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// Values are JSON-shaped: nil (JSON null), bool, float64, string, []any and
// map[string]any. A key absent from a map is "missing"; a key present with a
// nil value is an explicit null. Kong treats the two differently.

// canonical deep-copies v into the JSON shape: json.Number and Go integer
// types become float64, typed slices and maps become []any and
// map[string]any. Values of other types are kept as they are (and fail type
// validation later).
func canonical(v any) any {
	switch t := v.(type) {
	case nil, bool, string, float64:
		return t
	case json.Number:
		if f, err := strconv.ParseFloat(string(t), 64); err == nil {
			return f
		}
		return t
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = canonical(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[k] = canonical(e)
		}
		return out
	}
	rv := reflect.ValueOf(v)
	switch {
	case rv.CanInt():
		return float64(rv.Int())
	case rv.CanUint():
		return float64(rv.Uint())
	case rv.CanFloat():
		return rv.Float()
	}
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		out := make([]any, rv.Len())
		for i := range out {
			out[i] = canonical(rv.Index(i).Interface())
		}
		return out
	case reflect.Map:
		if rv.Type().Key().Kind() == reflect.String {
			out := make(map[string]any, rv.Len())
			for _, k := range rv.MapKeys() {
				out[k.String()] = canonical(rv.MapIndex(k).Interface())
			}
			return out
		}
	}
	return v
}

// asList returns v as a sequence. An empty JSON object is also an empty
// sequence: Kong (Lua) cannot tell {} from [].
func asList(v any) ([]any, bool) {
	switch t := v.(type) {
	case []any:
		return t, true
	case map[string]any:
		if len(t) == 0 {
			return []any{}, true
		}
	}
	return nil, false
}

// asObject returns v as a map. An empty JSON array is also an empty map, for
// the same reason as in asList.
func asObject(v any) (map[string]any, bool) {
	switch t := v.(type) {
	case map[string]any:
		return t, true
	case []any:
		if len(t) == 0 {
			return map[string]any{}, true
		}
	}
	return nil, false
}

// isNonEmpty is Kong's notion of a set value for entity checks: not missing,
// not null, not "" and not an empty array or map.
func isNonEmpty(v any) bool {
	switch t := v.(type) {
	case nil:
		return false
	case string:
		return t != ""
	case []any:
		return len(t) > 0
	case map[string]any:
		return len(t) > 0
	}
	return true
}

// lookup reads a dotted path; present is false when any step is missing
// (Lua nil), true with a nil value for an explicit null.
func lookup(m map[string]any, path string) (value any, present bool) {
	cur := any(m)
	for _, name := range strings.Split(path, ".") {
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		cur, present = obj[name]
		if !present {
			return nil, false
		}
	}
	return cur, true
}

// setErrorAt stores msg at a dotted path of a nested error map. A string
// already stored on the way (a whole record failed) is kept.
func setErrorAt(errs map[string]any, path string, msg string) {
	names := strings.Split(path, ".")
	cur := errs
	for _, name := range names[:len(names)-1] {
		next, ok := cur[name].(map[string]any)
		if !ok {
			if _, taken := cur[name]; taken {
				return
			}
			next = map[string]any{}
			cur[name] = next
		}
		cur = next
	}
	cur[names[len(names)-1]] = msg
}

// luaString renders a scalar as Lua's tostring does: integral numbers
// without a fraction, null as "null".
func luaString(v any) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case float64:
		return formatNumber(t)
	case string:
		return t
	}
	return fmt.Sprint(v)
}

// formatNumber prints like LuaJIT's tostring (%.14g).
func formatNumber(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', 14, 64)
}

// sameValue compares two JSON-shaped values.
func sameValue(a, b any) bool { return reflect.DeepEqual(a, b) }
