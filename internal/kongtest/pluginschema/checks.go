package pluginschema

import (
	"fmt"
	"strings"
)

// CheckKind names a Kong entity checker.
type CheckKind string

// The entity checkers the supported plugins use.
const (
	CheckAtLeastOneOf      CheckKind = "at_least_one_of"
	CheckOnlyOneOf         CheckKind = "only_one_of"
	CheckMutuallyRequired  CheckKind = "mutually_required"
	CheckMutuallyExclusive CheckKind = "mutually_exclusive"
	CheckConditional       CheckKind = "conditional"
	CheckCustom            CheckKind = "custom_entity_check"
)

// EntityCheck is a cross-field rule. Field paths are dotted and relative to
// the entity that declares the check: "config.allow" for a plugin-level
// check, "style" for a check on an array element record.
type EntityCheck struct {
	Kind CheckKind
	// Fields are the checked fields (for CheckCustom: its field_sources).
	Fields []string
	// Conditional: when IfField's value passes IfMatch (eq, one_of, not_one_of, gt), ThenField's must
	// pass ThenMatch (required, eq, contains); ThenErr replaces the validator's message.
	IfField   string
	IfMatch   map[string]any
	ThenField string
	ThenMatch map[string]any
	ThenErr   string
	// Custom returns an error message or "" for CheckCustom.
	Custom func(entity map[string]any) string
}

// AtLeastOneOf requires one of fields to be non-empty.
func AtLeastOneOf(fields ...string) EntityCheck {
	return EntityCheck{Kind: CheckAtLeastOneOf, Fields: fields}
}

// OnlyOneOf requires exactly one of fields to be non-empty.
func OnlyOneOf(fields ...string) EntityCheck {
	return EntityCheck{Kind: CheckOnlyOneOf, Fields: fields}
}

// MutuallyRequired requires all or none of fields to be set.
func MutuallyRequired(fields ...string) EntityCheck {
	return EntityCheck{Kind: CheckMutuallyRequired, Fields: fields}
}

// MutuallyExclusive allows at most one of fields to be set.
func MutuallyExclusive(fields ...string) EntityCheck {
	return EntityCheck{Kind: CheckMutuallyExclusive, Fields: fields}
}

// RequiredWhen makes thenField required when ifField equals value.
func RequiredWhen(ifField string, value any, thenField string) EntityCheck {
	return Conditional(ifField, map[string]any{"eq": value}, thenField, map[string]any{"required": true}, "")
}

// Conditional is Kong's conditional check in full: when ifField's value passes ifMatch, thenField's
// must pass thenMatch, else thenField gets thenErr (or the validator's message).
func Conditional(ifField string, ifMatch map[string]any, thenField string, thenMatch map[string]any, thenErr string) EntityCheck {
	return EntityCheck{Kind: CheckConditional, IfField: ifField, IfMatch: canonical(ifMatch).(map[string]any),
		ThenField: thenField, ThenMatch: canonical(thenMatch).(map[string]any), ThenErr: thenErr}
}

// conditionalIf is Kong's validate_field of the if value against if_match: a null value passes
// unless if_match wants a non-null eq.
func conditionalIf(match map[string]any, v any) bool {
	if eq, ok := match["eq"]; ok && !sameValue(v, eq) {
		return false
	}
	if v == nil {
		return true
	}
	if list, ok := match["one_of"].([]any); ok && !containsValue(list, v) {
		return false
	}
	if list, ok := match["not_one_of"].([]any); ok && containsValue(list, v) {
		return false
	}
	if gt, ok := match["gt"].(float64); ok {
		if n, isNum := canonical(v).(float64); !isNum || n <= gt {
			return false
		}
	}
	return true
}

// conditionalThen returns the then_match validator's message for v, or "".
func conditionalThen(match map[string]any, v any) string {
	if eq, ok := match["eq"]; ok && !sameValue(v, eq) {
		return "value must be " + luaString(eq)
	}
	if want, ok := match["contains"]; ok && v != nil {
		list, _ := v.([]any)
		if !containsValue(list, want) {
			return "expected to contain: " + luaString(want)
		}
	}
	return ""
}

// CustomCheck runs fn over the entity; sources are the fields it reads.
func CustomCheck(fn func(entity map[string]any) string, sources ...string) EntityCheck {
	return EntityCheck{Kind: CheckCustom, Fields: sources, Custom: fn}
}

// Kong's entity check messages.
const (
	msgAtLeastOneOf       = "at least one of these fields must be non-empty: %s"
	msgOnlyOneOf          = "exactly one of these fields must be non-empty: %s"
	msgMutuallyRequired   = "all or none of these fields must be set: %s"
	msgMutuallyExclusive  = "only one or none of these fields must be set: %s"
	msgConditional        = "failed conditional validation given value of field '%s'"
	msgRequiredForCheck   = "field required for entity check"
	updatingPrefix        = "when updating, "
	updatingRequiredAfter = " when updating"
)

func quotedList(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = "'" + n + "'"
	}
	return strings.Join(quoted, ", ")
}

// sources lists the fields a check reads and which of them must be present
// (not missing) for it to run.
func (c EntityCheck) sources() (all []string, mustBePresent map[string]bool) {
	switch c.Kind {
	case CheckConditional:
		return []string{c.IfField, c.ThenField}, map[string]bool{c.IfField: true}
	case CheckAtLeastOneOf, CheckMutuallyRequired, CheckMutuallyExclusive:
		return c.Fields, nil // these run with missing fields
	}
	must := make(map[string]bool, len(c.Fields))
	for _, f := range c.Fields {
		must[f] = true
	}
	return c.Fields, must
}

// run applies the check to entity (whose schema is the record rec). It
// returns the @entity message, or "", and may add field errors to errs.
func (c EntityCheck) run(rec *Field, entity map[string]any, update bool, errs map[string]any) string {
	all, must := c.sources()
	var missing []string
	anyPresent := false
	for _, name := range all {
		v, present := lookup(entity, name)
		if !present {
			if must[name] {
				missing = append(missing, name)
			}
			continue
		}
		anyPresent = true
		if f := rec.fieldAt(strings.Split(name, ".")); f != nil && f.Referenceable && isReference(v) {
			return "" // Kong skips checks over vault references
		}
	}
	if !anyPresent && must != nil {
		return "" // checks that need their fields skip an entity with none of them
	}
	if len(missing) > 0 {
		msg := msgRequiredForCheck
		if update {
			msg += updatingRequiredAfter
		}
		for _, name := range missing {
			setErrorAt(errs, name, msg)
		}
		return ""
	}

	nonEmpty := 0
	for _, name := range c.Fields {
		if v, _ := lookup(entity, name); isNonEmpty(v) {
			nonEmpty++
		}
	}
	switch c.Kind {
	case CheckAtLeastOneOf:
		if nonEmpty == 0 {
			msg := fmt.Sprintf(msgAtLeastOneOf, quotedList(c.Fields))
			if update {
				msg = updatingPrefix + msg
			}
			return msg
		}
	case CheckOnlyOneOf:
		if nonEmpty != 1 {
			return fmt.Sprintf(msgOnlyOneOf, quotedList(c.Fields))
		}
	case CheckMutuallyRequired:
		if nonEmpty != 0 && nonEmpty != len(c.Fields) {
			return fmt.Sprintf(msgMutuallyRequired, quotedList(c.Fields))
		}
	case CheckMutuallyExclusive:
		if nonEmpty > 1 {
			return fmt.Sprintf(msgMutuallyExclusive, quotedList(c.Fields))
		}
	case CheckConditional:
		ifValue, _ := lookup(entity, c.IfField)
		if !conditionalIf(c.IfMatch, ifValue) {
			return ""
		}
		thenValue, _ := lookup(entity, c.ThenField)
		msg := ""
		if c.ThenMatch["required"] == true && thenValue == nil {
			msg = msgRequired
		} else if msg = conditionalThen(c.ThenMatch, thenValue); msg != "" && c.ThenErr != "" {
			msg = c.ThenErr
		}
		if msg != "" {
			setErrorAt(errs, c.ThenField, msg)
			return fmt.Sprintf(msgConditional, c.IfField)
		}
	case CheckCustom:
		return c.Custom(entity)
	}
	return ""
}

// jsonable renders the check as GET /schemas/plugins/{name} shows it.
func (c EntityCheck) jsonable() map[string]any {
	var arg any
	switch c.Kind {
	case CheckConditional:
		cond := map[string]any{
			"if_field":   c.IfField,
			"if_match":   canonical(c.IfMatch),
			"then_field": c.ThenField,
			"then_match": canonical(c.ThenMatch),
		}
		if c.ThenErr != "" {
			cond["then_err"] = c.ThenErr
		}
		arg = cond
	case CheckCustom:
		arg = map[string]any{"field_sources": stringsToAny(c.Fields)}
	default:
		arg = stringsToAny(c.Fields)
	}
	return map[string]any{string(c.Kind): arg}
}

func stringsToAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
