package awsschemaprovider

import (
	"bufio"
	"fmt"
	"path"
	"slices"
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

// RestoreNamed copies into subset every attribute and nested block type called
// name that the same block of reference has and subset lacks, and returns the
// paths it restored. It repairs a schema whose "description" documentation
// keys were stripped by a tool that also dropped the attributes and blocks
// that happen to be named "description" (aws_security_group.description,
// aws_iam_role.description, ...), using an older release of the same provider
// as the reference: providers add arguments in minor releases but do not
// remove them.
func RestoreNamed(subset, reference *ProviderSchema, name string) []string {
	var restored []string
	if subset.Provider != nil && reference.Provider != nil {
		restored = restoreInBlock(subset.Provider.Block, reference.Provider.Block, name, "provider", restored)
	}
	for _, kinds := range [][2]map[string]*Schema{
		{subset.ResourceSchemas, reference.ResourceSchemas},
		{subset.DataSourceSchemas, reference.DataSourceSchemas},
	} {
		for typeName, schema := range kinds[0] {
			if ref, ok := kinds[1][typeName]; ok && schema.Block != nil && ref.Block != nil {
				restored = restoreInBlock(schema.Block, ref.Block, name, typeName, restored)
			}
		}
	}
	slices.Sort(restored)
	return restored
}

func restoreInBlock(block, reference *Block, name, path string, restored []string) []string {
	if restoreEntry(&block.Attributes, reference.Attributes, name) || restoreEntry(&block.BlockTypes, reference.BlockTypes, name) {
		restored = append(restored, path+"."+name)
	}
	for typeName, nested := range block.BlockTypes {
		if ref, ok := reference.BlockTypes[typeName]; ok && nested.Block != nil && ref.Block != nil {
			restored = restoreInBlock(nested.Block, ref.Block, name, path+"."+typeName, restored)
		}
	}
	return restored
}

// restoreEntry copies reference[name] into *m when *m lacks it, and reports whether it did.
func restoreEntry[V any](m *map[string]V, reference map[string]V, name string) bool {
	value, ok := reference[name]
	if !ok {
		return false
	}
	if _, present := (*m)[name]; present {
		return false
	}
	if *m == nil {
		*m = map[string]V{}
	}
	(*m)[name] = value
	return true
}
