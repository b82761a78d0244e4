package provider

// schemaField is the part of a Kong schema field (GET /schemas/plugins/{name}) the provider relies on.
type schemaField struct {
	Name    string
	Type    string // "record", "array", "set", "map", "string", "number", "integer", "boolean", "foreign", ...
	Default any
	// Auto marks values Kong generates when none is given (random secrets, for example).
	Auto bool
	// Encrypted marks secrets (Kong Enterprise stores them encrypted).
	Encrypted bool
	Fields    []schemaField // of a record
	Elements  *schemaField  // of an array or set
}

// pluginSchema is a plugin's schema: its config record and the protocols a new plugin gets by default.
type pluginSchema struct {
	Config           *schemaField
	DefaultProtocols []string
}

// parsePluginSchema reads Kong's schema document: {"fields": [{"<name>": {...}}, ...]}.
func parsePluginSchema(doc map[string]any) pluginSchema {
	root := parseSchemaField("", map[string]any{"type": "record", "fields": doc["fields"]})
	var s pluginSchema
	s.Config = root.child("config")
	if p := root.child("protocols"); p != nil {
		if defaults, ok := p.Default.([]any); ok {
			for _, d := range defaults {
				if name, ok := d.(string); ok {
					s.DefaultProtocols = append(s.DefaultProtocols, name)
				}
			}
		}
	}
	return s
}

func parseSchemaField(name string, props map[string]any) schemaField {
	f := schemaField{Name: name, Default: props["default"]}
	f.Type, _ = props["type"].(string)
	f.Auto, _ = props["auto"].(bool)
	f.Encrypted, _ = props["encrypted"].(bool)
	if fields, ok := props["fields"].([]any); ok {
		for _, entry := range fields {
			// Each entry is a one-key object, keeping the fields in schema order.
			m, _ := entry.(map[string]any)
			for childName, childProps := range m {
				cp, _ := childProps.(map[string]any)
				f.Fields = append(f.Fields, parseSchemaField(childName, cp))
			}
		}
	}
	if elements, ok := props["elements"].(map[string]any); ok {
		e := parseSchemaField("", elements)
		f.Elements = &e
	}
	return f
}

// child is a record's field by name; nil when unknown (or when f is nil), so lookups can be chained.
func (f *schemaField) child(name string) *schemaField {
	if f == nil {
		return nil
	}
	for i := range f.Fields {
		if f.Fields[i].Name == name {
			return &f.Fields[i]
		}
	}
	return nil
}

func (f *schemaField) elements() *schemaField {
	if f == nil {
		return nil
	}
	return f.Elements
}

func (f *schemaField) isMap() bool { return f != nil && f.Type == "map" }
