package pluginschema

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Kong's field validation messages (kong/db/schema/init.lua).
const (
	msgRequired     = "required field missing"
	msgUnknown      = "unknown field"
	msgBetween      = "value should be between %d and %d"
	msgGreaterThan  = "value must be greater than %s"
	msgLenMin       = "length must be at least %d"
	msgLenMax       = "length must be at most %d"
	msgMatch        = "invalid value: %s"
	msgStartsWith   = "should start with: %s"
	msgOneOf        = "expected one of: %s"
	msgShorthandMix = "both deprecated and new field are used but their values mismatch: %s = %s vs %s = %s"
)

var typeMessages = map[Type]string{
	TypeString:  "expected a string",
	TypeNumber:  "expected a number",
	TypeInteger: "expected an integer",
	TypeBoolean: "expected a boolean",
	TypeArray:   "expected an array",
	TypeSet:     "expected a set",
	TypeMap:     "expected a map",
	TypeRecord:  "expected a record",
}

// fill completes a record's value as Kong's process_auto_fields does on
// insert: shorthands are moved to their targets, missing fields get their
// default (or null when optional), required records are expanded, sets are
// de-duplicated. Unknown keys are kept for validation to reject. obj is
// already a private copy. Invalid shorthands are returned as errors keyed by
// the shorthand's name.
func fill(rec *Field, obj map[string]any) map[string]any {
	shorthandErrs := map[string]any{}
	for _, sh := range rec.Shorthands {
		value, present := obj[sh.Field.Name]
		if !present {
			continue
		}
		if err := validate(sh.Field, value); err != nil {
			shorthandErrs[sh.Field.Name] = err
			continue
		}
		targetPath := strings.Split(sh.Target, ".")
		current, _ := lookup(obj, sh.Target)
		if value != nil && current != nil && !sameValue(current, value) {
			shorthandErrs[sh.Field.Name] = fmt.Sprintf(msgShorthandMix,
				sh.Field.Name, luaString(value), sh.Target, luaString(current))
			continue
		}
		delete(obj, sh.Field.Name)
		if current == nil {
			setValueAt(obj, targetPath, value)
		}
	}
	if len(shorthandErrs) > 0 {
		return shorthandErrs
	}
	for _, f := range rec.Fields {
		value, present := obj[f.Name]
		filled, keep, errs := fillValue(f, value, present)
		if errs != nil {
			return errs
		}
		if keep {
			obj[f.Name] = filled
		}
	}
	return nil
}

// setValueAt writes value at a path of nested records, creating records
// that are missing or null on the way.
func setValueAt(obj map[string]any, path []string, value any) {
	cur := obj
	for _, name := range path[:len(path)-1] {
		next, ok := cur[name].(map[string]any)
		if !ok {
			next = map[string]any{}
			cur[name] = next
		}
		cur = next
	}
	cur[path[len(path)-1]] = value
}

// fillValue returns the filled value of one field and whether the field
// should be present in the output (a required field without default stays
// missing, to fail validation). Shorthand errors of nested records are
// passed up: Kong aborts the whole fill on them.
func fillValue(f *Field, value any, present bool) (filled any, keep bool, shorthandErrs map[string]any) {
	if !present {
		switch {
		case f.Default != nil:
			return canonical(f.Default), true, nil
		case !f.Required:
			return nil, true, nil
		case f.Type == TypeRecord:
			value = map[string]any{}
		default:
			return nil, false, nil
		}
	}
	if value == nil {
		return nil, true, nil
	}
	switch f.Type {
	case TypeRecord:
		if obj, ok := asObject(value); ok {
			return obj, true, fill(f, obj)
		}
	case TypeArray, TypeSet:
		if list, ok := asList(value); ok {
			if f.Type == TypeSet {
				list = dedupe(list)
			}
			for i, e := range list {
				list[i] = fillItem(f.Elements, e)
			}
			return list, true, nil
		}
	case TypeMap:
		if obj, ok := asObject(value); ok {
			for k, e := range obj {
				obj[k] = fillItem(f.Values, e)
			}
			return obj, true, nil
		}
	}
	return value, true, nil
}

// fillItem fills an array item or map value. Kong drops shorthand errors
// there, and so does this.
func fillItem(f *Field, value any) any {
	filled, _, _ := fillValue(f, value, true)
	return filled
}

func dedupe(list []any) []any {
	out := make([]any, 0, len(list))
	for _, e := range list {
		seen := false
		for _, kept := range out {
			if sameValue(kept, e) {
				seen = true
				break
			}
		}
		if !seen {
			out = append(out, e)
		}
	}
	return out
}

// validate checks one (filled) value against its field, as Kong's
// Schema:validate_field does. It returns nil when valid, else the error:
// a message string, a map for a record, an index-aligned []any for array
// elements.
func validate(f *Field, value any) any {
	if value == nil {
		if f.Required {
			return msgRequired
		}
		return nil
	}
	switch f.Type {
	case TypeArray, TypeSet:
		list, ok := asList(value)
		if !ok {
			return typeMessages[f.Type]
		}
		if errs := validateElements(f.Elements, list); errs != nil {
			return errs
		}
		value = list
	case TypeMap:
		obj, ok := asObject(value)
		if !ok {
			return typeMessages[f.Type]
		}
		if err := validateMapEntries(f, obj); err != nil {
			return err
		}
		value = obj
	case TypeRecord:
		obj, ok := asObject(value)
		if !ok {
			return typeMessages[f.Type]
		}
		if errs := validateRecord(f, obj, false); len(errs) > 0 {
			return errs
		}
		value = obj
	case TypeInteger:
		n, ok := value.(float64)
		if !ok || n != math.Trunc(n) || math.IsInf(n, 0) {
			return typeMessages[f.Type]
		}
	case TypeNumber:
		if _, ok := value.(float64); !ok {
			return typeMessages[f.Type]
		}
	case TypeBoolean:
		if _, ok := value.(bool); !ok {
			return typeMessages[f.Type]
		}
	case TypeString:
		if _, ok := value.(string); !ok {
			return typeMessages[f.Type]
		}
		if f.Referenceable && isReference(value) {
			return nil
		}
	}
	if msg := runValidators(f, value); msg != "" {
		if f.Err != "" {
			return f.Err
		}
		return msg
	}
	return nil
}

// validateElements validates array items (each required) and returns the
// errors aligned by index, or nil.
func validateElements(elem *Field, list []any) []any {
	required := *elem
	required.Required = true
	var errs []any
	for i, e := range list {
		if err := validate(&required, e); err != nil {
			for len(errs) < i {
				errs = append(errs, nil)
			}
			errs = append(errs, err)
		}
	}
	return errs
}

// validateMapEntries returns the first key or value error, in key order.
func validateMapEntries(f *Field, obj map[string]any) any {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	keyField, valueField := *f.Keys, *f.Values
	keyField.Required, valueField.Required = true, true
	for _, k := range keys {
		if err := validate(&keyField, k); err != nil {
			return err
		}
		if err := validate(&valueField, obj[k]); err != nil {
			return err
		}
	}
	return nil
}

// validateRecord validates every key of obj and the record's entity checks.
// It returns the errors by field name (with "@entity" for the checks).
func validateRecord(rec *Field, obj map[string]any, update bool) map[string]any {
	errs := map[string]any{}
	for k, v := range obj {
		f := rec.field(k)
		if f == nil {
			errs[k] = msgUnknown
			continue
		}
		if err := validate(f, v); err != nil {
			errs[k] = err
		}
	}
	for _, f := range rec.Fields {
		if v, present := obj[f.Name]; f.Required && (!present || v == nil) {
			errs[f.Name] = msgRequired
		}
	}
	runEntityChecks(rec, rec.EntityChecks, obj, update, errs)
	return errs
}

// runEntityChecks runs checks over entity and appends their messages to
// errs["@entity"].
func runEntityChecks(rec *Field, checks []EntityCheck, entity map[string]any, update bool, errs map[string]any) {
	var messages []any
	if existing, ok := errs["@entity"].([]any); ok {
		messages = existing
	}
	for _, c := range checks {
		if msg := c.run(rec, entity, update, errs); msg != "" {
			messages = append(messages, msg)
		}
	}
	if len(messages) > 0 {
		errs["@entity"] = messages
	}
}

func runValidators(f *Field, value any) string {
	if f.OneOf != nil {
		if !containsValue(f.OneOf, value) {
			names := make([]string, len(f.OneOf))
			for i, o := range f.OneOf {
				names[i] = luaString(o)
			}
			return fmt.Sprintf(msgOneOf, strings.Join(names, ", "))
		}
	}
	if n, ok := value.(float64); ok {
		if f.GreaterThan != nil && !(n > *f.GreaterThan) {
			return fmt.Sprintf(msgGreaterThan, formatNumber(*f.GreaterThan))
		}
		if b := f.Between; b != nil && (n < b[0] || n > b[1]) {
			// Lua's %d truncates fractional limits.
			return fmt.Sprintf(msgBetween, int64(b[0]), int64(b[1]))
		}
	}
	if length, ok := lengthOf(value); ok {
		if m := f.lenMin(); m != nil && length < *m {
			return fmt.Sprintf(msgLenMin, *m)
		}
		if f.LenMax != nil && length > *f.LenMax {
			return fmt.Sprintf(msgLenMax, *f.LenMax)
		}
	}
	if s, ok := value.(string); ok {
		if f.StartsWith != "" && !strings.HasPrefix(s, f.StartsWith) {
			return fmt.Sprintf(msgStartsWith, f.StartsWith)
		}
		for _, p := range f.MatchNone {
			if p.RE.MatchString(s) {
				return p.Err
			}
		}
		if f.Match != nil && !f.Match.RE.MatchString(s) {
			return fmt.Sprintf(msgMatch, s)
		}
	}
	if f.Custom != nil {
		return f.Custom(value)
	}
	return ""
}

func containsValue(options []any, value any) bool {
	for _, o := range options {
		if sameValue(o, value) {
			return true
		}
	}
	return false
}

func lengthOf(value any) (int, bool) {
	switch t := value.(type) {
	case string:
		return len(t), true
	case []any:
		return len(t), true
	case map[string]any:
		return len(t), true
	}
	return 0, false
}
