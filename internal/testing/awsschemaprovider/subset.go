package awsschemaprovider

import (
	"bufio"
	"fmt"
	"path"
	"strings"
)

// Selector picks resource or data source types by name; Pattern is a
// path.Match glob such as "aws_lb_*".
type Selector struct {
	Kind    SelectorKind
	Pattern string
}

// SelectorKind says which schema map a Selector searches.
type SelectorKind string

// The kinds of types a selector file can list, named as in Terraform configuration.
const (
	KindResource SelectorKind = "resource"
	KindData     SelectorKind = "data"
)

// ParseSelectors reads a type list: one "resource <pattern>" or
// "data <pattern>" per line; blank lines and lines starting with # are ignored.
func ParseSelectors(text string) ([]Selector, error) {
	var selectors []Selector
	scanner := bufio.NewScanner(strings.NewReader(text))
	for lineNo := 1; scanner.Scan(); lineNo++ {
		line := strings.TrimSpace(scanner.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) != 2 {
			return nil, fmt.Errorf("line %d: want \"resource <pattern>\" or \"data <pattern>\", got %q", lineNo, line)
		}
		kind := SelectorKind(fields[0])
		if kind != KindResource && kind != KindData {
			return nil, fmt.Errorf("line %d: unknown kind %q (want resource or data)", lineNo, fields[0])
		}
		if _, err := path.Match(fields[1], ""); err != nil {
			return nil, fmt.Errorf("line %d: bad pattern %q: %w", lineNo, fields[1], err)
		}
		selectors = append(selectors, Selector{Kind: kind, Pattern: fields[1]})
	}
	if err := scanner.Err(); err != nil {
		return nil, err
	}
	return selectors, nil
}

// Subset returns the provider schema restricted to the selected types. Every
// selector must match at least one type, so a typo in the list fails loudly
// instead of silently leaving a type out.
func Subset(full *ProviderSchema, selectors []Selector) (*ProviderSchema, error) {
	subset := &ProviderSchema{
		Provider:          full.Provider,
		ResourceSchemas:   map[string]*Schema{},
		DataSourceSchemas: map[string]*Schema{},
	}
	for _, sel := range selectors {
		source, target := full.ResourceSchemas, subset.ResourceSchemas
		if sel.Kind == KindData {
			source, target = full.DataSourceSchemas, subset.DataSourceSchemas
		}
		matched := false
		for name, schema := range source {
			if ok, _ := path.Match(sel.Pattern, name); ok {
				target[name] = schema
				matched = true
			}
		}
		if !matched {
			return nil, fmt.Errorf("%s %q matches no type in the provider schema", sel.Kind, sel.Pattern)
		}
	}
	return subset, nil
}
