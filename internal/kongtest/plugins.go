package kongtest

import (
	"sort"
	"strings"

	"github.com/kongform/terraform-provider-kong/internal/kongtest/pluginschema"
)

var pluginProtocols = []any{"grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp"}

// newPluginsType is the plugins entity; an Enterprise node adds the EE fields
// ordering and consumer_group (consumer groups are not modelled, so none exist).
func newPluginsType(enterprise bool) *entityType {
	auto := autoFields()
	nullDefault := map[string]any{"default": nil}
	fields := []*field{auto[0],
		stringField("name").req(),
		stringField("instance_name").with(stringCheck(checkUTF8Name)),
		auto[1], auto[2],
		foreignField("route", "routes").declare(nullDefault),
		foreignField("service", "services").declare(nullDefault),
		foreignField("consumer", "consumers").declare(nullDefault),
		// Required in Kong, where the plugin's subschema fills it; completePlugin does that here, and its
		// errors stand for Kong's (a plugin that is not enabled gets no "required field missing").
		(&field{name: "config", kind: kindConfig}).declare(map[string]any{"required": true}),
		{name: "protocols", kind: kindSet, required: true, hasDefault: true,
			def: []any{"grpc", "grpcs", "http", "https"}, elem: &field{kind: kindString, oneOf: pluginProtocols}},
		booleanField("enabled").req().dflt(true),
		tagsField(),
	}
	cacheKey := uniqueConstraint{"consumer", "name", "route", "service"}
	foreignKeys := []foreignKey{
		{field: "route", table: "routes", onDelete: onDeleteCascade},
		{field: "service", table: "services", onDelete: onDeleteCascade},
		{field: "consumer", table: "consumers", onDelete: onDeleteCascade},
	}
	if enterprise {
		phases := func(name string) *field {
			return &field{name: name, kind: kindMap, check: checkOrderingPhases,
				elem: &field{kind: kindArray, elem: &field{kind: kindString}}}
		}
		fields = append(fields,
			&field{name: "ordering", kind: kindRecord, hasDefault: true, fields: []*field{phases("before"), phases("after")}},
			foreignField("consumer_group", "consumer_groups"),
		)
		cacheKey = uniqueConstraint{"consumer", "consumer_group", "name", "route", "service"}
		foreignKeys = append(foreignKeys, foreignKey{field: "consumer_group", table: "consumer_groups", onDelete: onDeleteCascade})
	}
	return &entityType{
		table: "plugins", schema: newSchema("plugins", fields...),
		endpointKey: "instance_name", keyCheck: checkUTF8Name,
		uniques:      []uniqueConstraint{{"instance_name"}, cacheKey},
		foreignKeys:  foreignKeys,
		complete:     completePlugin,
		shapeOf:      pluginShape,
		coerceConfig: coercePluginConfig,
		storeCheck:   checkPluginProtocols,
	}
}

// checkOrderingPhases: EE dynamic ordering only knows the access phase.
func checkOrderingPhases(v any) string {
	for phase := range v.(map[string]any) {
		if phase != "access" {
			return "expected one of: access"
		}
	}
	return ""
}

// pluginFor returns the schema of a plugin row or body by its name, if this node has it.
func (s *Server) pluginFor(e map[string]any) (*pluginschema.Plugin, bool) {
	name, _ := e["name"].(string)
	return pluginschema.Lookup(name, s.opts.Enterprise)
}

// pluginShape is the PATCH merge shape of a stored plugin: the entity's records
// (EE ordering) plus the records of its config, from the plugin's schema.
func pluginShape(s *Server, stored map[string]any) recordShape {
	shape := recordShapeOf(s.types["plugins"].schema.fields)
	if p, ok := s.pluginFor(stored); ok {
		shape["config"] = shapeFromSchemaJSON(configSchemaJSON(p))
	}
	return shape
}

func coercePluginConfig(s *Server, input map[string]any) {
	p, ok := s.pluginFor(input)
	if !ok {
		return
	}
	if cfg, ok := input["config"].(map[string]any); ok {
		input["config"] = coerceForm(cfg, typeNodeFromSchemaJSON(configSchemaJSON(p)))
	}
}

// completePlugin checks the plugin name, its scope and protocols, and validates and
// fills its config with the plugin's schema.
func completePlugin(s *Server, e, provided map[string]any, updating bool, errs fieldErrors) {
	name, _ := e["name"].(string)
	if name == "" || errs["name"] != nil {
		return
	}
	p, ok := pluginschema.Lookup(name, s.opts.Enterprise)
	if !ok {
		errs.set("name", "plugin '"+name+"' not enabled; add it to the 'plugins' configuration property")
		return
	}
	if _, set := provided["protocols"]; !set && !updating {
		e["protocols"] = stringsToAny(p.DefaultProtocols)
	}
	if protocols, ok := e["protocols"].([]any); ok && errs["protocols"] == nil {
		allowed := stringsToAny(p.AllowedProtocols)
		perItem := make([]any, len(protocols))
		failed := false
		for i, proto := range protocols {
			if !containsValue(allowed, proto) {
				perItem[i], failed = "expected one of: "+strings.Join(p.AllowedProtocols, ", "), true
			}
		}
		if failed {
			errs.set("protocols", perItem)
		}
	}
	for _, scope := range []struct {
		forbidden bool
		field     string
	}{{p.NoConsumer, "consumer"}, {p.NoRoute, "route"}, {p.NoService, "service"}} {
		if scope.forbidden && e[scope.field] != nil {
			errs.set(scope.field, "value must be null")
		}
	}
	if errs["config"] != nil {
		return
	}
	cfg, isMap := e["config"].(map[string]any)
	if _, given := provided["config"]; (given || updating) && !isMap {
		errs.set("config", "required field missing")
		return
	}
	var normalized, cerrs map[string]any
	if updating {
		normalized, cerrs = p.NormalizeUpdatedConfig(cfg)
	} else {
		normalized, cerrs = p.NormalizeConfig(cfg)
	}
	for k, v := range cerrs {
		if k == "@entity" {
			for _, m := range anyList(v) {
				errs.entity(m)
			}
			continue
		}
		errs.set(k, v)
	}
	if cerrs == nil {
		e["config"] = normalized
	}
}

func anyList(v any) []string {
	switch t := v.(type) {
	case []string:
		return t
	case []any:
		out := make([]string, len(t))
		for i, m := range t {
			out[i], _ = m.(string)
		}
		return out
	}
	return nil
}

func stringsToAny(list []string) []any {
	out := make([]any, len(list))
	for i, v := range list {
		out[i] = v
	}
	return out
}

// checkPluginProtocols is Kong's plugin check that the protocols overlap those of the
// plugin's route, or of at least one route of its service (when it has routes).
func checkPluginProtocols(s *Server, e map[string]any) *apiError {
	protocols, _ := e["protocols"].([]any)
	overlaps := func(route map[string]any) bool {
		routeProtocols, _ := route["protocols"].([]any)
		for _, p := range protocols {
			if containsValue(routeProtocols, p) {
				return true
			}
		}
		return false
	}
	routes := s.tables["routes"]
	if routeID := fkID(e, "route"); routeID != "" {
		if !overlaps(routes.rows[routeID]) {
			return schemaViolation(fieldErrors{"protocols": "must match the associated route's protocols"})
		}
		return nil
	}
	if serviceID := fkID(e, "service"); serviceID != "" {
		ids := routes.children("service", serviceID)
		for _, id := range ids {
			if overlaps(routes.rows[id]) {
				return nil
			}
		}
		if len(ids) > 0 {
			return schemaViolation(fieldErrors{"protocols": "must match the protocols of at least one route pointing to this Plugin's service"})
		}
	}
	return nil
}

// presentPlugin shows a stored plugin with its config as Kong outputs it (deprecated
// shorthand mirrors included).
func (s *Server) presentPlugin(row map[string]any) map[string]any {
	p, ok := s.pluginFor(row)
	cfg, isMap := row["config"].(map[string]any)
	if !ok || !isMap {
		return row
	}
	out := make(map[string]any, len(row))
	for k, v := range row {
		out[k] = v
	}
	out["config"] = p.OutputConfig(cfg)
	return out
}

// configSchemaJSON extracts the config field's schema from GET /schemas/plugins/{name}.
func configSchemaJSON(p *pluginschema.Plugin) map[string]any {
	fields, _ := p.SchemaJSON()["fields"].([]any)
	for _, f := range fields {
		if m, ok := f.(map[string]any); ok {
			if cfg, ok := m["config"].(map[string]any); ok {
				return cfg
			}
		}
	}
	return nil
}

func shapeFromSchemaJSON(f map[string]any) recordShape {
	shape := recordShape{}
	fields, _ := f["fields"].([]any)
	for _, entry := range fields {
		m, _ := entry.(map[string]any)
		for name, sub := range m {
			if subMap, ok := sub.(map[string]any); ok && subMap["type"] == "record" {
				shape[name] = shapeFromSchemaJSON(subMap)
			}
		}
	}
	return shape
}

func typeNodeFromSchemaJSON(f map[string]any) *typeNode {
	if f == nil {
		return nil
	}
	typ, _ := f["type"].(string)
	n := &typeNode{typ: typ}
	if el, ok := f["elements"].(map[string]any); ok {
		n.elem = typeNodeFromSchemaJSON(el)
	}
	if vals, ok := f["values"].(map[string]any); ok {
		n.elem = typeNodeFromSchemaJSON(vals)
	}
	if fields, ok := f["fields"].([]any); ok {
		n.fields = map[string]*typeNode{}
		for _, entry := range fields {
			m, _ := entry.(map[string]any)
			for name, sub := range m {
				if subMap, ok := sub.(map[string]any); ok {
					n.fields[name] = typeNodeFromSchemaJSON(subMap)
				}
			}
		}
	}
	return n
}

// enabledInCluster lists the distinct plugin names in use, sorted (GET / plugins.enabled_in_cluster).
func (s *Server) enabledInCluster() []any {
	seen := map[string]bool{}
	for _, row := range s.tables["plugins"].rows {
		seen[row["name"].(string)] = true
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return stringsToAny(names)
}
