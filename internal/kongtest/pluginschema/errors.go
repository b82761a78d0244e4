package pluginschema

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// FlattenErrors renders a Kong error `fields` object into the parts of the
// schema-violation message, in Kong's order (kong/db/errors.lua): the
// "@entity" messages first, then each field sorted by name. A field error
// one level deep is written "parent.child: msg"; anything deeper is written
// as Kong's Lua pretty-printer shows a table.
//
// With prefix "", errs is the whole `fields` object, so the result is
// exactly Kong's message parts (join with "; "). With a prefix, errs is the
// value under that field, as if it were {prefix: errs}.
func FlattenErrors(prefix string, errs map[string]any) []string {
	if prefix != "" {
		return FlattenErrors("", map[string]any{prefix: errs})
	}
	var parts []string
	if entity, ok := errs["@entity"].([]any); ok {
		for _, msg := range entity {
			parts = append(parts, fmt.Sprint(msg))
		}
	}
	if entity, ok := errs["@entity"].([]string); ok {
		parts = append(parts, entity...)
	}
	for _, name := range sortedKeys(errs) {
		if name == "@entity" {
			continue
		}
		value := errs[name]
		children, isTable := tableEntries(value)
		if !isTable {
			parts = append(parts, name+": "+fmt.Sprint(value))
			continue
		}
		for _, child := range children {
			text := fmt.Sprint(child.value)
			if _, nested := tableEntries(child.value); nested {
				text = prettyWrite(child.value)
			}
			parts = append(parts, name+"."+child.key+": "+text)
		}
	}
	return parts
}

type tableEntry struct {
	key   string
	value any
}

// tableEntries lists the non-null entries of an error table (a map or an
// index-aligned array, whose keys are Lua's 1-based indexes) in Lua's sorted
// key order. isTable is false for a plain message.
func tableEntries(v any) (entries []tableEntry, isTable bool) {
	switch t := v.(type) {
	case map[string]any:
		for _, k := range sortedKeys(t) {
			entries = append(entries, tableEntry{k, t[k]})
		}
		return entries, true
	case []any:
		for i, e := range t {
			if e != nil {
				entries = append(entries, tableEntry{strconv.Itoa(i + 1), e})
			}
		}
		return entries, true
	case []string:
		for i, e := range t {
			entries = append(entries, tableEntry{strconv.Itoa(i + 1), e})
		}
		return entries, true
	}
	return nil, false
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

var luaIdentifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

var luaKeywords = map[string]bool{
	"and": true, "break": true, "do": true, "else": true, "elseif": true, "end": true,
	"false": true, "for": true, "function": true, "goto": true, "if": true, "in": true,
	"local": true, "nil": true, "not": true, "or": true, "repeat": true, "return": true,
	"then": true, "true": true, "until": true, "while": true,
}

// prettyWrite renders a nested error table as Penlight's pretty.write does
// with its default two-space indent: the array part (consecutive indexes
// from 1) first, then string keys sorted, then the other indexes as [n].
func prettyWrite(v any) string {
	w := &prettyWriter{}
	w.write(v, "", "  ")
	w.eatLastComma()
	return strings.Join(w.lines, "\n")
}

type prettyWriter struct {
	lines []string
	line  string
}

func (w *prettyWriter) put(s string) { w.line += s }

func (w *prettyWriter) putln(s string) {
	w.lines = append(w.lines, w.line+s)
	w.line = ""
}

func (w *prettyWriter) eatLastComma() {
	last := len(w.lines) - 1
	w.lines[last] = strings.TrimSuffix(w.lines[last], ",")
}

func (w *prettyWriter) write(v any, oldIndent, indent string) {
	var arrayPart []any
	var named []tableEntry
	var indexed []tableEntry
	switch t := v.(type) {
	case map[string]any:
		for _, k := range sortedKeys(t) {
			key := k
			if !luaIdentifier.MatchString(k) || luaKeywords[k] {
				key = "[" + luaQuote(k) + "]"
			}
			named = append(named, tableEntry{key, t[k]})
		}
	case []any:
		inSequence := true
		for i, e := range t {
			switch {
			case e == nil:
				inSequence = false
			case inSequence:
				arrayPart = append(arrayPart, e)
			default:
				indexed = append(indexed, tableEntry{"[" + strconv.Itoa(i+1) + "]", e})
			}
		}
	case []string:
		for _, e := range t {
			arrayPart = append(arrayPart, e)
		}
	case string:
		w.putln(luaQuote(t) + ",")
		return
	default:
		w.putln(luaString(t) + ",")
		return
	}
	newIndent := indent + "  "
	w.putln("{")
	for _, e := range arrayPart {
		w.put(indent)
		w.write(e, indent, newIndent)
	}
	for _, e := range append(named, indexed...) {
		w.put(indent + e.key + " = ")
		w.write(e.value, indent, newIndent)
	}
	w.eatLastComma()
	w.putln(oldIndent + "},")
}

// luaQuote quotes a string as Lua's %q does for printable text.
func luaQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", "\\\n", "\r", `\r`, "\x00", `\0`)
	return `"` + r.Replace(s) + `"`
}
