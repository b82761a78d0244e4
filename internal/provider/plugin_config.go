package provider

import (
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Plugin configs travel between Terraform and Kong as plain JSON values (map[string]any, []any, string,
// json.Number or float64, bool, nil). This file converts between those and Terraform values, and decides
// which parts of Kong's stored config belong in the state.

// unknownConfigValue stands for a value Terraform will only know during apply (for example a function
// name taken from another resource). Only plan-time validation meets it; it is never sent to Kong.
type unknownConfigValue struct{}

// numberPrecision is the precision Terraform parses numbers with, so that a number read back from Kong
// equals, bit for bit, the one the user wrote.
const numberPrecision = 512

// configFromTerraform turns a Terraform value into its JSON form. Null object attributes are left out, as
// Terraform users mean "not set" by null; Kong then applies its default. Null array elements are kept.
func configFromTerraform(v tftypes.Value) (any, error) {
	if !v.IsKnown() {
		return unknownConfigValue{}, nil
	}
	if v.IsNull() {
		return nil, nil
	}
	t := v.Type()
	switch {
	case t.Is(tftypes.String):
		var s string
		err := v.As(&s)
		return s, err
	case t.Is(tftypes.Number):
		f := new(big.Float)
		if err := v.As(&f); err != nil {
			return nil, err
		}
		return json.Number(f.Text('g', -1)), nil
	case t.Is(tftypes.Bool):
		var b bool
		err := v.As(&b)
		return b, err
	case t.Is(tftypes.Object{}), t.Is(tftypes.Map{}):
		var attrs map[string]tftypes.Value
		if err := v.As(&attrs); err != nil {
			return nil, err
		}
		out := make(map[string]any, len(attrs))
		for k, av := range attrs {
			if av.IsKnown() && av.IsNull() {
				continue
			}
			converted, err := configFromTerraform(av)
			if err != nil {
				return nil, err
			}
			out[k] = converted
		}
		return out, nil
	case t.Is(tftypes.List{}), t.Is(tftypes.Set{}), t.Is(tftypes.Tuple{}):
		var elems []tftypes.Value
		if err := v.As(&elems); err != nil {
			return nil, err
		}
		out := make([]any, 0, len(elems))
		for _, ev := range elems {
			converted, err := configFromTerraform(ev)
			if err != nil {
				return nil, err
			}
			out = append(out, converted)
		}
		return out, nil
	}
	return nil, fmt.Errorf("values of type %s cannot be sent to Kong", t)
}

// withoutUnknowns returns the config without the values not yet known, and the paths of those values. An
// array with an unknown element counts as unknown as a whole: validating the known elements alone could
// break length or uniqueness rules that the complete array satisfies.
func withoutUnknowns(config map[string]any, at []string) (map[string]any, [][]string) {
	out := make(map[string]any, len(config))
	var unknown [][]string
	for _, k := range sortedKeys(config) {
		switch v := config[k].(type) {
		case map[string]any:
			known, u := withoutUnknowns(v, appendStep(at, k))
			out[k] = known
			unknown = append(unknown, u...)
		default:
			if containsUnknown(v) {
				unknown = append(unknown, appendStep(at, k))
				continue
			}
			out[k] = v
		}
	}
	return out, unknown
}

func containsUnknown(v any) bool {
	switch v := v.(type) {
	case unknownConfigValue:
		return true
	case map[string]any:
		for _, e := range v {
			if containsUnknown(e) {
				return true
			}
		}
	case []any:
		for _, e := range v {
			if containsUnknown(e) {
				return true
			}
		}
	}
	return false
}

func appendStep(p []string, step string) []string {
	return append(append(make([]string, 0, len(p)+1), p...), step)
}

// projectConfig is Kong's stored value restricted to the shape of what the user wrote: for every key the
// user set, Kong's current value; nothing for the keys Kong filled with defaults. A key the user set to null
// stays null, as it means "not set". A field the schema says is a map (free-form keys, such as headers) is
// taken whole, so a key added outside Terraform shows as drift. Arrays are taken whole; their elements are
// projected onto the user's element at the same position.
func projectConfig(stored, shape any, field *schemaField) any {
	switch shape := shape.(type) {
	case nil:
		return nil
	case map[string]any:
		m, ok := stored.(map[string]any)
		if !ok || field.isMap() {
			return stored
		}
		out := make(map[string]any, len(shape))
		for k, s := range shape {
			out[k] = projectConfig(m[k], s, field.child(k))
		}
		return out
	case []any:
		a, ok := stored.([]any)
		if m, isObject := stored.(map[string]any); isObject && len(shape) == 0 {
			// HCL's [] for a record or map: Kong reads an empty JSON array as an empty table, so it holds
			// the record's defaults (or an empty map). That is what was written; anything else is drift.
			if rest := nonDefaultConfig(m, field); len(rest) > 0 || (field.isMap() && len(m) > 0) {
				return stored
			}
			return shape
		}
		if !ok {
			return stored
		}
		out := make([]any, len(a))
		for i := range a {
			out[i] = a[i]
			if i < len(shape) {
				out[i] = projectConfig(a[i], shape[i], field.elements())
			}
		}
		return out
	}
	return stored
}

// terraformFromConfig turns a JSON value into a Terraform value of the given type, so that a value read back
// from Kong has exactly the type the user's configuration gave it (an HCL tuple stays a tuple, a list a
// list). With tftypes.DynamicPseudoType, or where the value no longer fits the type (changed outside
// Terraform), the value takes its natural type; ok is false only when even that is impossible within a
// collection whose element type is fixed, and the caller then falls back to the natural type itself.
func terraformFromConfig(v any, t tftypes.Type) (tftypes.Value, bool) {
	if t == nil || t.Is(tftypes.DynamicPseudoType) {
		return naturalTerraformValue(v), true
	}
	if v == nil {
		return tftypes.NewValue(t, nil), true
	}
	switch {
	case t.Is(tftypes.String):
		if s, ok := v.(string); ok {
			return tftypes.NewValue(t, s), true
		}
	case t.Is(tftypes.Number):
		if f, ok := jsonNumber(v); ok {
			return tftypes.NewValue(t, f), true
		}
	case t.Is(tftypes.Bool):
		if b, ok := v.(bool); ok {
			return tftypes.NewValue(t, b), true
		}
	case t.Is(tftypes.Object{}):
		m, ok := v.(map[string]any)
		if !ok {
			break
		}
		attrTypes := t.(tftypes.Object).AttributeTypes
		types := make(map[string]tftypes.Type, len(attrTypes))
		vals := make(map[string]tftypes.Value, len(attrTypes))
		for k, at := range attrTypes {
			av, ok := terraformFromConfig(m[k], at)
			if !ok {
				av = naturalTerraformValue(m[k])
			}
			types[k], vals[k] = av.Type(), av
		}
		return tftypes.NewValue(tftypes.Object{AttributeTypes: types}, vals), true
	case t.Is(tftypes.Map{}):
		m, ok := v.(map[string]any)
		if !ok {
			break
		}
		et := t.(tftypes.Map).ElementType
		vals := make(map[string]tftypes.Value, len(m))
		for k, e := range m {
			ev, ok := terraformFromConfig(e, et)
			if !ok || !ev.Type().Equal(et) {
				return tftypes.Value{}, false
			}
			vals[k] = ev
		}
		return tftypes.NewValue(t, vals), true
	case t.Is(tftypes.Tuple{}):
		a, ok := v.([]any)
		if !ok {
			break
		}
		elemTypes := t.(tftypes.Tuple).ElementTypes
		types := make([]tftypes.Type, len(a))
		vals := make([]tftypes.Value, len(a))
		for i, e := range a {
			var et tftypes.Type = tftypes.DynamicPseudoType
			if i < len(elemTypes) {
				et = elemTypes[i]
			}
			ev, ok := terraformFromConfig(e, et)
			if !ok {
				ev = naturalTerraformValue(e)
			}
			types[i], vals[i] = ev.Type(), ev
		}
		return tftypes.NewValue(tftypes.Tuple{ElementTypes: types}, vals), true
	case t.Is(tftypes.List{}), t.Is(tftypes.Set{}):
		a, ok := v.([]any)
		if !ok {
			break
		}
		var et tftypes.Type
		if l, isList := t.(tftypes.List); isList {
			et = l.ElementType
		} else {
			et = t.(tftypes.Set).ElementType
		}
		vals := make([]tftypes.Value, len(a))
		for i, e := range a {
			ev, ok := terraformFromConfig(e, et)
			if !ok || !ev.Type().Equal(et) {
				return tftypes.Value{}, false
			}
			vals[i] = ev
		}
		return tftypes.NewValue(t, vals), true
	}
	return tftypes.Value{}, false
}

// naturalTerraformValue is the type HCL would give the value written as a literal: objects, tuples,
// strings, numbers and booleans.
func naturalTerraformValue(v any) tftypes.Value {
	switch v := v.(type) {
	case string:
		return tftypes.NewValue(tftypes.String, v)
	case bool:
		return tftypes.NewValue(tftypes.Bool, v)
	case map[string]any:
		types := make(map[string]tftypes.Type, len(v))
		vals := make(map[string]tftypes.Value, len(v))
		for k, e := range v {
			ev := naturalTerraformValue(e)
			types[k], vals[k] = ev.Type(), ev
		}
		return tftypes.NewValue(tftypes.Object{AttributeTypes: types}, vals)
	case []any:
		types := make([]tftypes.Type, len(v))
		vals := make([]tftypes.Value, len(v))
		for i, e := range v {
			ev := naturalTerraformValue(e)
			types[i], vals[i] = ev.Type(), ev
		}
		return tftypes.NewValue(tftypes.Tuple{ElementTypes: types}, vals)
	}
	if f, ok := jsonNumber(v); ok {
		return tftypes.NewValue(tftypes.Number, f)
	}
	return tftypes.NewValue(tftypes.DynamicPseudoType, nil)
}

// jsonNumber parses a JSON number the way Terraform parses numbers in configurations.
func jsonNumber(v any) (*big.Float, bool) {
	var text string
	switch n := v.(type) {
	case json.Number:
		text = n.String()
	case float64:
		// The shortest decimal form, parsed like a written number: a default of 0.01 decoded as float64
		// equals the 0.01 Kong answers as text.
		text = strconv.FormatFloat(n, 'g', -1, 64)
	default:
		return nil, false
	}
	f, _, err := big.ParseFloat(text, 10, numberPrecision, big.ToNearestEven)
	return f, err == nil
}

// nonDefaultConfig keeps the fields of a stored config that differ from the schema's defaults: the config
// the user must have written. Import uses it, as there is no prior configuration to project onto. Records
// are reduced field by field, and so are records inside arrays. Fields Kong generates (auto) and fields the
// schema does not know (deprecated mirrors of other fields) are left out.
func nonDefaultConfig(config map[string]any, record *schemaField) map[string]any {
	out := map[string]any{}
	if record == nil {
		return out
	}
	for i := range record.Fields {
		f := &record.Fields[i]
		v, present := config[f.Name]
		if !present || f.Auto {
			continue
		}
		switch {
		case f.Type == "record":
			if m, ok := v.(map[string]any); ok {
				if nested := nonDefaultConfig(m, f); len(nested) > 0 {
					out[f.Name] = nested
				}
			} else if v != nil {
				out[f.Name] = v
			}
		case !sameConfigValue(v, f.Default, f):
			out[f.Name] = withoutRecordDefaults(v, f.Elements)
		}
	}
	return out
}

// mergeConfig adds src's fields to dst, combining nested objects field by field.
func mergeConfig(dst, src map[string]any) {
	for k, sv := range src {
		dm, dstIsObject := dst[k].(map[string]any)
		sm, srcIsObject := sv.(map[string]any)
		if dstIsObject && srcIsObject {
			mergeConfig(dm, sm)
			continue
		}
		dst[k] = sv
	}
}

// overlappingFields lists the fields set in both a and b (objects present in both are compared field by
// field).
func overlappingFields(a, b map[string]any, at []string) [][]string {
	var out [][]string
	for _, k := range sortedKeys(b) {
		av, present := a[k]
		if !present {
			continue
		}
		am, aIsObject := av.(map[string]any)
		bm, bIsObject := b[k].(map[string]any)
		if aIsObject && bIsObject {
			out = append(out, overlappingFields(am, bm, appendStep(at, k))...)
			continue
		}
		out = append(out, appendStep(at, k))
	}
	return out
}

// splitEncrypted separates the fields Kong's schema marks as encrypted (secrets) from the others, record by
// record.
func splitEncrypted(config map[string]any, record *schemaField) (plain, secret map[string]any) {
	plain, secret = map[string]any{}, map[string]any{}
	for k, v := range config {
		f := record.child(k)
		m, isObject := v.(map[string]any)
		switch {
		case f != nil && f.Encrypted:
			secret[k] = v
		case isObject && f != nil && f.Type == "record":
			p, s := splitEncrypted(m, f)
			if len(p) > 0 {
				plain[k] = p
			}
			if len(s) > 0 {
				secret[k] = s
			}
		default:
			plain[k] = v
		}
	}
	return plain, secret
}

// withoutRecordDefaults reduces the record elements of an array to their non-default fields.
func withoutRecordDefaults(v any, elements *schemaField) any {
	a, ok := v.([]any)
	if !ok || elements == nil || elements.Type != "record" {
		return v
	}
	out := make([]any, len(a))
	for i, e := range a {
		out[i] = e
		if m, ok := e.(map[string]any); ok {
			out[i] = nonDefaultConfig(m, elements)
		}
	}
	return out
}

// jsonEqual compares JSON values, numbers by value whatever their encoding.
func jsonEqual(a, b any) bool {
	if fa, ok := jsonNumber(a); ok {
		fb, ok := jsonNumber(b)
		return ok && fa.Cmp(fb) == 0
	}
	switch a := a.(type) {
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for k, av := range a {
			bv, present := b[k]
			if !present || !jsonEqual(av, bv) {
				return false
			}
		}
		return true
	case []any:
		b, ok := b.([]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for i := range a {
			if !jsonEqual(a[i], b[i]) {
				return false
			}
		}
		return true
	}
	return a == b
}

// sortedKeys lists a config's keys in order, for stable iteration and messages.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// dottedPath renders a config path the way Kong names fields in its messages: config.redis.host.
func dottedPath(p []string) string { return strings.Join(p, ".") }
