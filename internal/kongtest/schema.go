package kongtest

import (
	"math"
	"strconv"
	"strings"
)

// kind is the type of a schema field, following Kong's schema types.
type kind int

const (
	kindString kind = iota
	kindInteger
	kindNumber
	kindBoolean
	kindSet
	kindArray
	kindMap // string keys, values described by elem
	kindRecord
	kindForeign
	kindID          // uuid primary key
	kindTimestamp   // integer Unix seconds
	kindTimestampMs // number: Unix seconds with milliseconds (targets)
	kindConfig      // a plugin config record, validated by the plugin's own schema
)

// field describes one entity field: its type, default and value rules.
type field struct {
	name       string
	kind       kind
	required   bool
	hasDefault bool
	def        any
	elem       *field   // element of sets, arrays and maps
	fields     []*field // subfields of records
	reference  string   // referenced table of a foreign key
	min, max   int64    // inclusive bounds of integers when hasRange
	hasRange   bool
	oneOf      []any
	lenMin     int                // Kong's len_min of strings when above the implicit 1 (or stated, as upstreams do)
	startsWith string             // Kong's starts_with
	matchNone  []matchRule        // Kong's match_none
	check      func(v any) string // extra rule run on a well-typed non-null value
	// recordCheck is a record's entity check, run when its fields are valid; it returns the
	// record's errors ({"@entity": [...]}) or nil.
	recordCheck func(v map[string]any) any
	auto        bool // id, created_at and updated_at: filled by the server
	// declared are further properties GET /schemas/{entity} shows as Kong declares them (match,
	// match_none, starts_with, len_min, a null default, a record's entity_checks); check enforces them.
	declared map[string]any
	// referenceable and encrypted are schema properties Kong shows (a vault reference may stand for the
	// value; the value is encrypted at rest with a keyring); the test double only serves them.
	referenceable, encrypted bool
}

// matchRule is one entry of Kong's match_none: a value containing pattern fails with err. The patterns the
// served entities use are plain text (no Lua pattern magic characters).
type matchRule struct {
	pattern string
	err     string
}

// schema is an entity schema: ordered fields plus Kong's entity checks.
type schema struct {
	name   string
	fields []*field
	byName map[string]*field
	// entityCheck adds cross-field errors (Kong's entity_checks); updating is true for PATCH.
	entityCheck func(e map[string]any, errs fieldErrors, updating bool)
	// checks are those entity_checks as GET /schemas/{entity} shows them (functions left out).
	checks []any
	// declaredChecks are entity checks kept as data (entitychecks.go): run on every write and served
	// after checks.
	declaredChecks []entityCheck
}

func newSchema(name string, fields ...*field) *schema {
	s := &schema{name: name, fields: fields, byName: make(map[string]*field, len(fields))}
	for _, f := range fields {
		s.byName[f.name] = f
	}
	return s
}

// fieldErrors collects errors the way Kong lays them out under "fields".
type fieldErrors map[string]any

func (e fieldErrors) entity(message string) {
	list, _ := e["@entity"].([]any)
	e["@entity"] = append(list, message)
}

func (e fieldErrors) set(name string, err any) {
	if _, exists := e[name]; !exists {
		e[name] = err
	}
}

// Field constructors keep the schema tables below short and readable.

func stringField(name string) *field  { return &field{name: name, kind: kindString} }
func integerField(name string) *field { return &field{name: name, kind: kindInteger} }
func booleanField(name string) *field { return &field{name: name, kind: kindBoolean} }
func tagsField() *field {
	return &field{name: "tags", kind: kindSet, elem: &field{kind: kindString, required: true, check: checkAnyTag}}
}
func foreignField(name, reference string) *field {
	return &field{name: name, kind: kindForeign, reference: reference}
}

func autoFields() []*field {
	return []*field{
		{name: "id", kind: kindID, auto: true},
		{name: "created_at", kind: kindTimestamp, auto: true},
		{name: "updated_at", kind: kindTimestamp, auto: true},
	}
}

func (f *field) req() *field                         { f.required = true; return f }
func (f *field) dflt(v any) *field                   { f.hasDefault, f.def = true, v; return f }
func (f *field) between(lo, hi int64) *field         { f.hasRange, f.min, f.max = true, lo, hi; return f }
func (f *field) one(vs ...any) *field                { f.oneOf = vs; return f }
func (f *field) declare(props map[string]any) *field { f.declared = props; return f }
func (f *field) autoFilled() *field                  { f.auto = true; return f }
func (f *field) with(check func(any) string) *field {
	f.check = check
	return f
}

func checkAnyTag(v any) string { return checkTag(v.(string)) }

// normalizeValue type-checks v against f and returns the stored form (sets de-duplicated)
// or an error: a message string, or a nested map/array for records and collections.
func normalizeValue(f *field, v any) (any, any) {
	if v == nil {
		return nil, nil
	}
	switch f.kind {
	case kindString:
		s, ok := v.(string)
		if !ok {
			return nil, "expected a string"
		}
		if s == "" {
			return nil, "length must be at least 1"
		}
	case kindID:
		s, ok := v.(string)
		if !ok {
			return nil, "expected a string"
		}
		if !isUUID(s) {
			return nil, "expected a valid UUID"
		}
	case kindInteger, kindTimestamp:
		n, ok := asInteger(v)
		if !ok {
			return nil, "expected an integer"
		}
		v = n
	case kindNumber, kindTimestampMs:
		switch v.(type) {
		case int64, float64:
		default:
			return nil, "expected a number"
		}
	case kindBoolean:
		if _, ok := v.(bool); !ok {
			return nil, "expected a boolean"
		}
	case kindSet, kindArray:
		list, ok := v.([]any)
		if !ok {
			if f.kind == kindSet {
				return nil, "expected a set"
			}
			return nil, "expected an array"
		}
		out := make([]any, 0, len(list))
		errs := make([]any, len(list))
		failed := false
		for i, item := range list {
			nv, err := normalizeValue(f.elem, item)
			if err == nil && item == nil {
				err = "required field missing"
			}
			if err != nil {
				errs[i], failed = err, true
				continue
			}
			if f.kind == kindSet && containsValue(out, nv) {
				continue
			}
			out = append(out, nv)
		}
		if failed {
			return nil, errs
		}
		v = out
	case kindMap:
		m, ok := v.(map[string]any)
		if !ok {
			return nil, "expected a map"
		}
		out := make(map[string]any, len(m))
		errs := fieldErrors{}
		for k, item := range m {
			nv, err := normalizeValue(f.elem, item)
			if err != nil {
				errs[k] = err
				continue
			}
			out[k] = nv
		}
		if len(errs) > 0 {
			return nil, map[string]any(errs)
		}
		v = out
	case kindRecord:
		m, ok := v.(map[string]any)
		if !ok {
			return nil, "expected a record"
		}
		out := make(map[string]any, len(f.fields))
		errs := fieldErrors{}
		for k := range m {
			if fieldByName(f.fields, k) == nil {
				errs[k] = "unknown field"
			}
		}
		for _, sub := range f.fields {
			nv, err := normalizeValue(sub, m[sub.name])
			if err == nil && nv == nil && sub.required {
				err = "required field missing"
			}
			if err != nil {
				errs[sub.name] = err
			}
			out[sub.name] = nv
		}
		if len(errs) > 0 {
			return nil, map[string]any(errs)
		}
		if f.recordCheck != nil {
			if err := f.recordCheck(out); err != nil {
				return nil, err
			}
		}
		v = out
	case kindConfig:
		if _, ok := v.(map[string]any); !ok {
			return nil, "expected a record"
		}
	case kindForeign:
		m, ok := v.(map[string]any)
		if !ok || m["id"] == nil {
			return nil, map[string]any{"id": "missing primary key"}
		}
		id, ok := m["id"].(string)
		if !ok || !isUUID(id) {
			return nil, map[string]any{"id": "expected a valid UUID"}
		}
		for k := range m {
			if k != "id" {
				return nil, map[string]any{k: "unknown field"}
			}
		}
		return map[string]any{"id": id}, nil
	}
	if msg := checkRules(f, v); msg != "" {
		return nil, msg
	}
	return v, nil
}

// checkRules applies range, one_of, len_min, starts_with, match_none and the custom check to a well-typed
// value.
func checkRules(f *field, v any) string {
	if f.hasRange {
		n, isInt := v.(int64)
		x, isFloat := v.(float64)
		if isInt && (n < f.min || n > f.max) || isFloat && (x < float64(f.min) || x > float64(f.max)) {
			return "value should be between " + strconv.FormatInt(f.min, 10) + " and " + strconv.FormatInt(f.max, 10)
		}
	}
	if s, ok := v.(string); ok {
		if msg := checkStringRules(f, s); msg != "" {
			return msg
		}
	}
	if f.oneOf != nil && !containsValue(f.oneOf, v) {
		names := make([]string, len(f.oneOf))
		for i, o := range f.oneOf {
			names[i] = displayValue(o)
		}
		return "expected one of: " + strings.Join(names, ", ")
	}
	if f.check != nil {
		return f.check(v)
	}
	return ""
}

func checkStringRules(f *field, s string) string {
	if f.lenMin > 0 && len([]rune(s)) < f.lenMin {
		return "length must be at least " + strconv.Itoa(f.lenMin)
	}
	if f.startsWith != "" && !strings.HasPrefix(s, f.startsWith) {
		return "should start with: " + f.startsWith
	}
	for _, rule := range f.matchNone {
		if strings.Contains(s, rule.pattern) {
			return rule.err
		}
	}
	return ""
}

func displayValue(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case int64:
		return strconv.FormatInt(t, 10)
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(t)
	default:
		return luaKey(t)
	}
}

func asInteger(v any) (int64, bool) {
	switch t := v.(type) {
	case int64:
		return t, true
	case float64:
		if t == math.Trunc(t) && math.Abs(t) < 1<<53 {
			return int64(t), true
		}
	}
	return 0, false
}

func containsValue(list []any, v any) bool {
	for _, item := range list {
		if equalValues(item, v) {
			return true
		}
	}
	return false
}

// equalValues compares decoded JSON values; numbers compare by value across int64/float64.
func equalValues(a, b any) bool {
	switch x := a.(type) {
	case int64:
		if y, ok := b.(float64); ok {
			return float64(x) == y
		}
	case float64:
		if y, ok := b.(int64); ok {
			return x == float64(y)
		}
	case map[string]any, []any:
		return luaKey(a) == luaKey(b)
	}
	return a == b
}

func fieldByName(fields []*field, name string) *field {
	for _, f := range fields {
		if f.name == name {
			return f
		}
	}
	return nil
}

// deepCopy copies decoded JSON values so that stored rows never alias request data.
func deepCopy(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, sub := range t {
			m[k] = deepCopy(sub)
		}
		return m
	case []any:
		l := make([]any, len(t))
		for i, sub := range t {
			l[i] = deepCopy(sub)
		}
		return l
	default:
		return v
	}
}

// defaultValue is the default of a missing field: a copy of its default; a record's default (or, when it
// has none, an empty record) gets the defaults of its missing fields filled in, as Kong's
// process_auto_fields does on insert.
func defaultValue(f *field) any {
	if f.kind == kindRecord {
		m, _ := deepCopy(f.def).(map[string]any)
		if m == nil {
			m = make(map[string]any, len(f.fields))
		}
		return withDefaults(f, m)
	}
	return deepCopy(f.def)
}

// withDefaults fills the missing fields of a record given on insert with their defaults, at every depth,
// as Kong does ({"active": {"timeout": 5}} gets every other healthcheck default). Other values are
// returned as they are.
func withDefaults(f *field, v any) any {
	m, ok := v.(map[string]any)
	if f.kind != kindRecord || !ok {
		return v
	}
	out := make(map[string]any, len(f.fields))
	for k, sub := range m {
		out[k] = sub
	}
	for _, sub := range f.fields {
		if value, given := m[sub.name]; given {
			out[sub.name] = withDefaults(sub, value)
		} else {
			out[sub.name] = defaultValue(sub)
		}
	}
	return out
}

// recordShape names the fields of a record that are records themselves (with their
// own shape); PATCH merges those and replaces every other value.
type recordShape map[string]recordShape

func recordShapeOf(fields []*field) recordShape {
	shape := recordShape{}
	for _, f := range fields {
		if f.kind == kindRecord {
			shape[f.name] = recordShapeOf(f.fields)
		}
	}
	return shape
}

// mergeRecord deep-merges a PATCH body into a stored record: nested records merge,
// everything else (arrays, sets, maps, scalars, foreign keys) is replaced.
func mergeRecord(stored, patch map[string]any, shape recordShape) map[string]any {
	out := deepCopy(stored).(map[string]any)
	for k, v := range patch {
		sub, isRecord := shape[k]
		pm, patchIsMap := v.(map[string]any)
		sm, storedIsMap := out[k].(map[string]any)
		if isRecord && patchIsMap && storedIsMap {
			out[k] = mergeRecord(sm, pm, sub)
			continue
		}
		out[k] = deepCopy(v)
	}
	return out
}
