package pluginschema

import "regexp"

// Type is a Kong schema field type.
type Type string

// The Kong schema types a plugin config uses.
const (
	TypeString  Type = "string"
	TypeNumber  Type = "number"
	TypeInteger Type = "integer"
	TypeBoolean Type = "boolean"
	TypeArray   Type = "array"
	TypeSet     Type = "set"
	TypeMap     Type = "map"
	TypeRecord  Type = "record"
)

// Field is one schema field. The zero value of every validator means "not
// set". Validators run in Kong's order: OneOf, GreaterThan, Between, LenMin,
// LenMax, StartsWith, MatchNone, Match, Custom; the first failure is the
// field's error.
type Field struct {
	Name     string
	Type     Type
	Required bool
	// Default is filled in when the field is missing. It is JSON-shaped:
	// float64 for numbers, []any for arrays, map[string]any for maps.
	Default any

	OneOf       []any
	GreaterThan *float64
	Between     *[2]float64
	// LenMin applies to strings, arrays, sets and maps. Kong strings have an
	// implicit minimum length of 1 unless LenMin says otherwise.
	LenMin     *int
	LenMax     *int
	StartsWith string
	MatchNone  []Pattern
	Match      *Pattern
	// Custom is the field's custom validator. It receives the value after
	// the type check and returns an error message, or "" when valid. On a
	// record it runs only when all of the record's fields are valid.
	Custom func(value any) string
	// Err, when set, replaces the message of any failed validator.
	Err string

	// Referenceable strings accept a vault reference ({vault://...}) and
	// skip their validators for it.
	Referenceable bool
	// Encrypted is reported in the schema JSON only (an Enterprise feature).
	Encrypted   bool
	Deprecation *Deprecation

	// Elements describes the items of an array or set.
	Elements *Field
	// Keys and Values describe the entries of a map.
	Keys, Values *Field
	// Fields are the sub-fields of a record, in schema order.
	Fields []*Field
	// Shorthands are deprecated input-only aliases of a record's fields.
	Shorthands []*Shorthand
	// EntityChecks are cross-field rules over a record's own fields.
	EntityChecks []EntityCheck
}

// Pattern is a string pattern: Lua is Kong's pattern text (shown in the
// schema JSON), RE the equivalent Go expression used to evaluate it.
type Pattern struct {
	Lua string
	RE  *regexp.Regexp
	// Err is the message used by MatchNone when the pattern matches.
	Err string
}

// Deprecation marks a field or shorthand as deprecated.
type Deprecation struct {
	Message          string
	RemovalInVersion string
	// OldDefault is the default the field had before its deprecation.
	OldDefault any
	// ReplacedWith is the dotted path of the field that replaces it.
	ReplacedWith string
}

// Shorthand is a deprecated record input that Kong maps into a real field
// (Target, a dotted path relative to the record). The real field wins when
// both are set; differing values are an error. Kong echoes a shorthand in
// responses as a mirror of its target (see [Plugin.OutputConfig]).
type Shorthand struct {
	Field  *Field // the shorthand's own name and type
	Target string
}

func (f *Field) field(name string) *Field {
	for _, sub := range f.Fields {
		if sub.Name == name {
			return sub
		}
	}
	return nil
}

// fieldAt resolves a dotted path of record fields.
func (f *Field) fieldAt(path []string) *Field {
	cur := f
	for _, name := range path {
		if cur == nil || cur.Type != TypeRecord {
			return nil
		}
		cur = cur.field(name)
	}
	return cur
}

// lenMin is the effective minimum length: Kong strings default to 1.
func (f *Field) lenMin() *int {
	if f.LenMin == nil && f.Type == TypeString {
		one := 1
		return &one
	}
	return f.LenMin
}
