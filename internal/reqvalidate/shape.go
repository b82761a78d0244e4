package reqvalidate

import "strings"

// shape is what parameter coercion needs to know of a schema: the JSON types a value may have, and for an
// array the types of its items. Parameters arrive as text, so "7" must become a number before an integer
// schema sees it.
type shape struct {
	scalar []string
	array  bool
	items  []string
}

func shapeOf(schema any) shape {
	root, _ := schema.(map[string]any)
	m := deref(root, root)
	var s shape
	for _, t := range typeList(m) {
		if t == "array" {
			s.array = true
			items, _ := m["items"].(map[string]any)
			s.items = typeList(deref(root, items))
			continue
		}
		s.scalar = append(s.scalar, t)
	}
	return s
}

// deref follows local $refs ("#/$defs/x") from the root, a few levels deep, to find a parameter's types.
func deref(root, m map[string]any) map[string]any {
	for range 8 {
		ref, ok := m["$ref"].(string)
		if !ok || !strings.HasPrefix(ref, "#/") {
			return m
		}
		cur := root
		for _, tok := range strings.Split(ref[2:], "/") {
			tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
			next, ok := cur[tok].(map[string]any)
			if !ok {
				return m
			}
			cur = next
		}
		m = cur
	}
	return m
}

// typeList reads "type" as a string or a list; without it, from anyOf/oneOf alternatives (3.0's nullable
// becomes anyOf-free type lists, but hand-written schemas use both).
func typeList(m map[string]any) []string {
	switch t := m["type"].(type) {
	case string:
		return []string{t}
	case []any:
		out := make([]string, 0, len(t))
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	var out []string
	for _, kw := range []string{"anyOf", "oneOf"} {
		alts, _ := m[kw].([]any)
		for _, a := range alts {
			am, _ := a.(map[string]any)
			out = append(out, typeList(am)...)
		}
	}
	return out
}
