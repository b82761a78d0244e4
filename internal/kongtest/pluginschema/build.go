package pluginschema

import "regexp"

// Field constructors and chainable setters keep plugin definitions close to
// the tables of Kong's schema.lua files. Each setter mutates and returns the
// field.

// String returns an optional string field.
func String(name string) *Field { return &Field{Name: name, Type: TypeString} }

// Number returns an optional number field.
func Number(name string) *Field { return &Field{Name: name, Type: TypeNumber} }

// Integer returns an optional integer field.
func Integer(name string) *Field { return &Field{Name: name, Type: TypeInteger} }

// Boolean returns an optional boolean field.
func Boolean(name string) *Field { return &Field{Name: name, Type: TypeBoolean} }

// Array returns an optional array field whose items are described by elem
// (elem's name is ignored).
func Array(name string, elem *Field) *Field {
	return &Field{Name: name, Type: TypeArray, Elements: elem}
}

// Set returns an optional set field: an array de-duplicated on write.
func Set(name string, elem *Field) *Field {
	return &Field{Name: name, Type: TypeSet, Elements: elem}
}

// Map returns an optional map field.
func Map(name string, keys, values *Field) *Field {
	return &Field{Name: name, Type: TypeMap, Keys: keys, Values: values}
}

// Record returns a record field. Records are required, as Kong makes every
// record of an entity required so it is always expanded with its defaults.
func Record(name string, fields ...*Field) *Field {
	return &Field{Name: name, Type: TypeRecord, Required: true, Fields: fields}
}

// Req marks the field required.
func (f *Field) Req() *Field { f.Required = true; return f }

// Def sets the default. Go numbers and string slices are accepted and stored
// in their JSON shape.
func (f *Field) Def(v any) *Field { f.Default = canonical(v); return f }

// Enum sets the one_of validator.
func (f *Field) Enum(values ...any) *Field {
	f.OneOf = canonical(values).([]any)
	return f
}

// Gt sets the gt validator (value must be greater than x).
func (f *Field) Gt(x float64) *Field { f.GreaterThan = &x; return f }

// Range sets the between validator (inclusive).
func (f *Field) Range(lo, hi float64) *Field { f.Between = &[2]float64{lo, hi}; return f }

// MinLen sets len_min.
func (f *Field) MinLen(n int) *Field { f.LenMin = &n; return f }

// MaxLen sets len_max.
func (f *Field) MaxLen(n int) *Field { f.LenMax = &n; return f }

// Prefix sets the starts_with validator.
func (f *Field) Prefix(s string) *Field { f.StartsWith = s; return f }

// Matches sets the match validator from Kong's Lua pattern and its Go
// equivalent.
func (f *Field) Matches(lua, goRE string) *Field {
	f.Match = &Pattern{Lua: lua, RE: regexp.MustCompile(goRE)}
	return f
}

// Rejects adds a match_none pattern: a value matching it fails with err.
func (f *Field) Rejects(lua, goRE, err string) *Field {
	f.MatchNone = append(f.MatchNone, Pattern{Lua: lua, RE: regexp.MustCompile(goRE), Err: err})
	return f
}

// Check sets the custom validator.
func (f *Field) Check(fn func(value any) string) *Field { f.Custom = fn; return f }

// Message sets the message that replaces any validator's own.
func (f *Field) Message(err string) *Field { f.Err = err; return f }

// Ref marks a string field referenceable (vault references accepted).
func (f *Field) Ref() *Field { f.Referenceable = true; return f }

// Secret marks a field encrypted (schema JSON only).
func (f *Field) Secret() *Field { f.Encrypted = true; return f }

// Deprecated attaches deprecation metadata.
func (f *Field) Deprecated(d Deprecation) *Field { f.Deprecation = &d; return f }

// Alias adds a deprecated shorthand to a record: input field alias is moved to
// the dotted target path.
func (f *Field) Alias(alias *Field, target string) *Field {
	f.Shorthands = append(f.Shorthands, &Shorthand{Field: alias, Target: target})
	return f
}

// Checks adds entity checks over the record's own fields.
func (f *Field) Checks(checks ...EntityCheck) *Field {
	f.EntityChecks = append(f.EntityChecks, checks...)
	return f
}
