package openapi

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Keywords whose values are schemas, so conversion recurses into them and nowhere else: a property named
// "nullable" is data, not the keyword.
var (
	schemaMapKeywords    = map[string]bool{"properties": true, "patternProperties": true, "$defs": true, "definitions": true, "dependentSchemas": true}
	schemaListKeywords   = map[string]bool{"allOf": true, "anyOf": true, "oneOf": true, "prefixItems": true}
	schemaSingleKeywords = map[string]bool{"items": true, "additionalProperties": true, "not": true, "contains": true, "if": true, "then": true,
		"else": true, "propertyNames": true, "unevaluatedItems": true, "unevaluatedProperties": true, "additionalItems": true, "contentSchema": true}
	// OpenAPI annotations that validate nothing; dropping them keeps the plugin config small.
	dropKeywords = map[string]bool{"discriminator": true, "xml": true, "externalDocs": true, "example": true}
)

const componentSchemas = "#/components/schemas/"

// converter makes one standalone JSON Schema (draft 2020-12) of an OpenAPI schema: 3.0's nullable and boolean
// exclusiveMinimum/Maximum become their JSON Schema forms, and each referenced component is copied into $defs
// with its $ref rewritten, so the schema needs nothing outside itself.
type converter struct {
	d    *doc
	defs map[string]any
}

// schemaJSON is the converted schema as JSON text with sorted keys, so the same document always gives the
// same text and plans stay empty.
func (d *doc) schemaJSON(s any, ptr string) (string, *Error) {
	c := &converter{d: d, defs: map[string]any{}}
	out, err := c.convert(s, ptr, true)
	if err != nil {
		return "", err
	}
	if m, ok := out.(map[string]any); ok && len(c.defs) > 0 {
		m["$defs"] = c.defs
	}
	b, merr := json.Marshal(out)
	if merr != nil {
		return "", &Error{Pointer: ptr, Reason: merr.Error()}
	}
	return string(b), nil
}

func (c *converter) convert(v any, ptr string, request bool) (any, *Error) {
	m, ok := v.(map[string]any)
	if !ok {
		if b, isBool := v.(bool); isBool && c.d.v31 {
			return b, nil
		}
		return nil, &Error{Pointer: ptr, Reason: "a schema must be an object"}
	}
	out := make(map[string]any, len(m))
	if ref, ok := m["$ref"].(string); ok {
		newRef, err := c.hoist(ref, ptr)
		if err != nil {
			return nil, err
		}
		if !c.d.v31 {
			// In 3.0 a $ref's siblings are ignored.
			return map[string]any{"$ref": newRef}, nil
		}
		out["$ref"] = newRef
	}
	for k, val := range m {
		kptr := ptr + "/" + escape(k)
		var err *Error
		switch {
		case k == "$ref", dropKeywords[k]:
			continue
		case schemaMapKeywords[k]:
			sub, _ := val.(map[string]any)
			conv := make(map[string]any, len(sub))
			for name, s := range sub {
				if conv[name], err = c.convert(s, kptr+"/"+escape(name), request); err != nil {
					return nil, err
				}
			}
			out[k] = conv
		case schemaListKeywords[k]:
			list, _ := val.([]any)
			conv := make([]any, len(list))
			for i, s := range list {
				if conv[i], err = c.convert(s, fmt.Sprintf("%s/%d", kptr, i), request); err != nil {
					return nil, err
				}
			}
			out[k] = conv
		case schemaSingleKeywords[k]:
			if b, isBool := val.(bool); isBool {
				out[k] = b // additionalProperties: false
				continue
			}
			if out[k], err = c.convert(val, kptr, request); err != nil {
				return nil, err
			}
		default:
			out[k] = val
		}
	}
	if !c.d.v31 {
		from30(out)
	}
	if request {
		dropReadOnlyRequired(m, out)
	}
	return out, nil
}

// from30 rewrites OpenAPI 3.0's schema dialect into JSON Schema 2020-12.
func from30(s map[string]any) {
	if n, _ := s["nullable"].(bool); n {
		switch t := s["type"].(type) {
		case string:
			s["type"] = []any{t, "null"}
		}
		if e, ok := s["enum"].([]any); ok {
			s["enum"] = append(e, nil)
		}
	}
	delete(s, "nullable")
	for _, kw := range []string{"Minimum", "Maximum"} {
		ex, isBool := s["exclusive"+kw].(bool)
		if !isBool {
			continue
		}
		delete(s, "exclusive"+kw)
		bound := strings.ToLower(kw)
		if v, ok := s[bound]; ok && ex {
			s["exclusive"+kw] = v
			delete(s, bound)
		}
	}
}

// dropReadOnlyRequired: a readOnly property is only in responses, so a request must not need it (OpenAPI:
// "required" of a readOnly property applies to responses only). Petstore's Pet with a required readOnly id
// would otherwise refuse every create.
func dropReadOnlyRequired(orig, out map[string]any) {
	req, _ := out["required"].([]any)
	props, _ := orig["properties"].(map[string]any)
	if len(req) == 0 || len(props) == 0 {
		return
	}
	kept := make([]any, 0, len(req))
	for _, r := range req {
		name, _ := r.(string)
		if p, _ := props[name].(map[string]any); p != nil && p["readOnly"] == true {
			continue
		}
		kept = append(kept, r)
	}
	if len(kept) == 0 {
		delete(out, "required")
		return
	}
	out["required"] = kept
}

// hoist copies the component a $ref names into $defs (once, so recursive schemas terminate) and returns the
// rewritten $ref.
func (c *converter) hoist(ref, ptr string) (string, *Error) {
	if !strings.HasPrefix(ref, componentSchemas) {
		reason := fmt.Sprintf("reference %q is outside #/components/schemas", ref)
		if !strings.HasPrefix(ref, "#") {
			reason = fmt.Sprintf("external reference %q is not supported; bundle the document into one file", ref)
		}
		return "", &Error{Pointer: ptr + "/$ref", Reason: reason}
	}
	rest := strings.TrimPrefix(ref, componentSchemas)
	token := strings.SplitN(rest, "/", 2)[0]
	name := strings.NewReplacer("~1", "/", "~0", "~").Replace(token)
	if _, done := c.defs[name]; !done {
		target := c.d.lookup(componentSchemas + token)
		if target == nil {
			return "", &Error{Pointer: ptr + "/$ref", Reason: fmt.Sprintf("reference %q points to nothing", ref)}
		}
		c.defs[name] = true // placeholder while converting, for recursion
		conv, err := c.convert(target, componentSchemas+token, true)
		if err != nil {
			return "", err
		}
		c.defs[name] = conv
	}
	return "#/$defs/" + rest, nil
}
