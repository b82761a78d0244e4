package kongtest

import "strings"

// transformation is one of Kong's schema transformations on write (kong/db/schema/init.lua): onWrite
// rewrites the entity when every input field is in the request body and every needed field has a value in
// the entity. Credentials use them to store a hash instead of the secret sent.
type transformation struct {
	input, needs []string // field paths such as "consumer.id"
	onWrite      func(e map[string]any, args []any)
}

// fieldAt reads a dotted field path ("consumer.id") from an entity or request body.
func fieldAt(m map[string]any, dotted string) any {
	var v any = m
	for _, name := range strings.Split(dotted, ".") {
		record, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = record[name]
	}
	return v
}

// mutuallyRequired is Kong's check that either all or none of fields have a non-empty value in m.
func mutuallyRequired(m map[string]any, fields []string) bool {
	set := 0
	for _, f := range fields {
		if nonEmpty(fieldAt(m, f)) {
			set++
		}
	}
	return set == 0 || set == len(fields)
}

// nonEmpty is Kong's is_nonempty: not null, not an empty string, array or map (false counts as a value).
func nonEmpty(v any) bool { return !isEmptyValue(v) && v != "" }

// checkTransformations is Kong's run_transformation_checks. body is the request as sent, e the entity to
// store, stored the entity before a PATCH (nil otherwise). On a PATCH a needed field that the body leaves
// out counts as changed, so the body must then carry all of the transformation's fields or none: a basic-auth
// credential cannot move to another consumer without its password, as the hash is salted with the consumer.
func checkTransformations(ts []transformation, e, body, stored map[string]any, errs fieldErrors) {
	for _, t := range ts {
		noneSet := true
		for _, name := range t.input {
			if nonEmpty(fieldAt(body, name)) {
				noneSet = false
			}
		}
		needsChanged := false
		if stored != nil {
			for _, n := range t.needs {
				if !equalValues(fieldAt(body, n), fieldAt(stored, n)) {
					needsChanged = true
				}
			}
		}
		if !needsChanged && noneSet {
			continue
		}
		all := append(append([]string{}, t.input...), t.needs...)
		source := e
		if needsChanged {
			source = body
		}
		switch {
		case !mutuallyRequired(source, all):
			errs.entity("all or none of these fields must be set: " + quoteList(all))
		case !mutuallyRequired(body, t.input):
			errs.entity("all or none of these fields must be set: " + quoteList(t.input))
		}
	}
}

// applyTransformations is Kong's run_transformations on write: a transformation runs only when the body
// carries all its input fields, so a PATCH that leaves the password out keeps the stored hash.
func applyTransformations(ts []transformation, e, body map[string]any) {
	for _, t := range ts {
		var args []any
		for _, name := range t.input {
			if !nonEmpty(fieldAt(body, name)) {
				args = nil
				break
			}
			args = append(args, fieldAt(e, name))
		}
		if args == nil {
			continue
		}
		ok := true
		for _, name := range t.needs {
			v := fieldAt(e, name)
			if !nonEmpty(v) {
				ok = false
				break
			}
			args = append(args, v)
		}
		if ok {
			t.onWrite(e, args)
		}
	}
}
