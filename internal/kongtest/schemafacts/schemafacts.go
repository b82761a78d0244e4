// Package schemafacts compares the schemas the test double serves with Kong 3.9.1's own schema
// definitions, kept as JSON outside the repository (shared/reference/kong-3.9.1-schemas in a folder above
// the module root: ../shared for the main checkout). Only tests use it, and only when that folder exists:
// the project never reads it at run time.
package schemafacts

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// Dir returns the facts folder for kind ("entities" or "plugins"), or skips the test when it is absent.
func Dir(t testing.TB, kind string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("schemafacts: module root not found")
		}
		dir = parent
	}
	// The facts sit beside the main checkout; a git worktree one level further down finds them too.
	for up := filepath.Dir(dir); ; up = filepath.Dir(up) {
		facts := filepath.Join(up, "shared", "reference", "kong-3.9.1-schemas", kind)
		if _, err := os.Stat(facts); err == nil {
			return facts
		}
		if filepath.Dir(up) == up {
			break
		}
	}
	t.Skipf("schemafacts: no shared/reference/kong-3.9.1-schemas/%s above %s, so the served schemas are not compared with Kong's", kind, dir)
	return ""
}

// compared are the field properties the test double models. Descriptions are documentation, and
// functions (custom validators) are not in the facts at all.
var compared = []string{
	"type", "required", "default", "one_of", "not_one_of", "between", "gt", "len_min", "len_max",
	"starts_with", "match", "match_none", "err", "is_regex", "unique", "auto", "referenceable", "encrypted",
	"deprecation", "reference", "eq", "uuid", "timestamp",
}

// Compare returns one line per difference between Kong's schema (facts) and the served one, named by
// entity and field path.
func Compare(entity string, facts, served map[string]any) []string {
	var diffs []string
	report := func(path, format string, args ...any) {
		diffs = append(diffs, entity+": "+path+": "+fmt.Sprintf(format, args...))
	}
	compareFields(report, "", list(facts["fields"]), list(served["fields"]))
	if want, got := list(facts["entity_checks"]), list(served["entity_checks"]); !sameJSON(want, got) {
		report("entity_checks", "Kong has %s, served %s", jsonText(want), jsonText(got))
	}
	return diffs
}

type reporter func(path, format string, args ...any)

// compareFields compares two ordered lists of single-key {name: field} maps. A facts entry that is not
// a field definition (a Lua function or typedef the facts could not write out, shown as {} or true)
// stands for a field of Kong's the facts do not describe: the served field at that place is accepted.
func compareFields(report reporter, prefix string, facts, served []any) {
	servedByName := map[string]map[string]any{}
	var servedOrder []string
	for _, entry := range served {
		for name, def := range asMap(entry) {
			servedByName[name] = asMap(def)
			servedOrder = append(servedOrder, name)
		}
	}
	var factOrder []string
	opaque := 0
	for _, entry := range facts {
		m := asMap(entry)
		if len(m) == 0 {
			opaque++
			continue
		}
		for name, def := range m {
			def, ok := def.(map[string]any)
			if !ok {
				opaque++
				delete(servedByName, name) // described only by a dropped typedef
				continue
			}
			factOrder = append(factOrder, name)
			got, found := servedByName[name]
			if !found {
				report(prefix+name, "Kong has this field, the test double does not serve it")
				continue
			}
			delete(servedByName, name)
			compareField(report, prefix+name, def, got)
		}
	}
	extra := make([]string, 0, len(servedByName))
	for name := range servedByName {
		extra = append(extra, name)
	}
	sort.Strings(extra)
	if len(extra) > opaque {
		for _, name := range extra {
			report(prefix+name, "served, but Kong has no such field")
		}
	}
	if opaque == 0 && len(extra) == 0 && !reflect.DeepEqual(factOrder, servedOrder) {
		report(strings.TrimSuffix(prefix, "."), "field order: Kong %v, served %v", factOrder, servedOrder)
	}
}

func compareField(report reporter, path string, facts, served map[string]any) {
	for _, key := range compared {
		want, inFacts := facts[key]
		got, isServed := served[key]
		if key == "required" {
			// Kong lists "required: false" in places; absent means the same.
			want, got = want == true, got == true
			inFacts, isServed = true, true
		}
		if key == "default" && isEmptyTable(want) && isEmptyTable(got) {
			continue // Lua writes an empty array and an empty map the same way
		}
		switch {
		case inFacts && !isServed:
			report(path, "%s: Kong has %s, not served", key, jsonText(want))
		case !inFacts && isServed:
			report(path, "%s: served %s, Kong has none", key, jsonText(got))
		case inFacts && !sameJSON(want, got):
			report(path, "%s: Kong has %s, served %s", key, jsonText(want), jsonText(got))
		}
	}
	if f, ok := facts["fields"]; ok {
		compareFields(report, path+".", list(f), list(served["fields"]))
	}
	if f, ok := facts["shorthand_fields"]; ok && len(list(f)) > 0 {
		compareFields(report, path+"(shorthand).", list(f), list(served["shorthand_fields"]))
	}
	if want, got := list(facts["entity_checks"]), list(served["entity_checks"]); !sameJSON(want, got) {
		report(path, "entity_checks: Kong has %s, served %s", jsonText(want), jsonText(got))
	}
	for _, key := range []string{"elements", "keys", "values"} {
		want, inFacts := facts[key].(map[string]any)
		got, _ := served[key].(map[string]any)
		if inFacts {
			if got == nil {
				report(path, "%s: Kong has %s, not served", key, jsonText(want))
				continue
			}
			compareField(report, path+"."+key, want, got)
		}
	}
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func isEmptyTable(v any) bool {
	switch t := v.(type) {
	case []any:
		return len(t) == 0
	case map[string]any:
		return len(t) == 0
	}
	return false
}

// sameJSON compares decoded JSON values, treating an empty array and an empty object as one (Lua's
// empty table) and numbers by value.
func sameJSON(a, b any) bool {
	if isEmptyTable(a) && isEmptyTable(b) || a == nil && isEmptyTable(b) || b == nil && isEmptyTable(a) {
		return true
	}
	return jsonText(a) == jsonText(b)
}

func jsonText(v any) string {
	raw, _ := json.Marshal(normalize(v))
	return string(raw)
}

// normalize turns numbers into float64 so int64 and float64 values compare alike; map keys are sorted
// by encoding/json.
func normalize(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, sub := range t {
			out[k] = normalize(sub)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, sub := range t {
			out[i] = normalize(sub)
		}
		return out
	case int:
		return float64(t)
	case int64:
		return float64(t)
	}
	return v
}
