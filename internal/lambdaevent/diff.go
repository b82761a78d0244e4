package lambdaevent

import (
	"encoding/json"
	"strings"
)

// FieldDiff is one field whose value differs between two events; a missing side is "(absent)".
type FieldDiff struct {
	Field, ALB, Kong string
}

const absent = "(absent)"

// Diff compares two events field by field: objects are walked, anything else (arrays included) is compared as
// JSON. Fields come out sorted.
func Diff(alb, kong map[string]any) []FieldDiff {
	a, k := map[string]string{}, map[string]string{}
	flatten("", alb, a)
	flatten("", kong, k)
	names := map[string]bool{}
	for n := range a {
		names[n] = true
	}
	for n := range k {
		names[n] = true
	}
	var out []FieldDiff
	for _, n := range sortedKeys(names) {
		av, aok := a[n]
		kv, kok := k[n]
		if aok && kok && av == kv {
			continue
		}
		if !aok {
			av = absent
		}
		if !kok {
			kv = absent
		}
		out = append(out, FieldDiff{n, av, kv})
	}
	return out
}

func flatten(prefix string, v any, out map[string]string) {
	if m, ok := v.(map[string]any); ok && (len(m) > 0 || prefix == "") {
		for k, child := range m {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			flatten(p, child, out)
		}
		return
	}
	b, _ := json.Marshal(v)
	out[prefix] = string(b)
}

// matchField reports whether a field name matches a pattern whose "*" stands for exactly one name segment.
func matchField(pattern, field string) bool {
	ps, fs := strings.Split(pattern, "."), strings.Split(field, ".")
	if len(ps) != len(fs) {
		return false
	}
	for i := range ps {
		if ps[i] != "*" && ps[i] != fs[i] {
			return false
		}
	}
	return true
}

// Explain pairs each differing field with the guide's row that covers it most specifically (the pattern with the
// fewest "*"), or nil when no row does.
func Explain(diffs []FieldDiff) map[string]*Difference {
	out := map[string]*Difference{}
	for _, d := range diffs {
		out[d.Field] = nil
		best := -1
		for i := range Differences {
			for _, p := range Differences[i].Fields {
				if stars := strings.Count(p, "*"); matchField(p, d.Field) && (best < 0 || stars < best) {
					out[d.Field], best = &Differences[i], stars
				}
			}
		}
	}
	return out
}

// Covers reports whether the row documents the field.
func (d Difference) Covers(field string) bool {
	for _, p := range d.Fields {
		if matchField(p, field) {
			return true
		}
	}
	return false
}

// ToMap turns an event back into plain JSON values, so Diff sees ALB and Kong events alike.
func ToMap(event any) (map[string]any, error) {
	b, err := json.Marshal(event)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	err = json.Unmarshal(b, &m)
	return m, err
}
