package kongtest

import (
	"net/http"
	"sort"

	"github.com/kongform/terraform-provider-kong/internal/kongtest/pluginschema"
)

// rootInfo answers GET /: node information as Kong shows it, with a small but
// faithful subset of the configuration.
func rootInfo(s *Server, _ *call) (int, any, *apiError) {
	available := map[string]any{}
	loaded := map[string]any{}
	for _, p := range pluginschema.Available(s.opts.Enterprise) {
		available[p.Name] = map[string]any{"version": p.Version, "priority": p.Priority}
		loaded[p.Name] = true
	}
	s.mu.Lock()
	enabled := s.enabledInCluster()
	s.mu.Unlock()
	edition, database := "community", "postgres"
	if s.opts.Enterprise {
		edition = "enterprise"
	}
	if s.opts.DBLess {
		database = "off"
	}
	configuration := map[string]any{
		"database":       database,
		"role":           "traditional",
		"router_flavor":  s.opts.RouterFlavor,
		"admin_listen":   []any{"127.0.0.1:8001"},
		"proxy_listen":   []any{"0.0.0.0:8000"},
		"plugins":        []any{"bundled"},
		"loaded_plugins": loaded,
		"log_level":      "notice",
		"pg_password":    "******",
	}
	if s.opts.Enterprise {
		configuration["enforce_rbac"] = "off"
		configuration["rbac"] = "off"
	}
	return http.StatusOK, map[string]any{
		"tagline":       "Welcome to kong",
		"version":       s.version,
		"edition":       edition,
		"hostname":      "kongtest",
		"node_id":       s.nodeID,
		"timers":        map[string]any{"running": 0, "pending": 0},
		"plugins":       map[string]any{"available_on_server": available, "enabled_in_cluster": enabled},
		"lua_version":   "LuaJIT 2.1.0-20231117",
		"configuration": configuration,
		"pids":          map[string]any{"master": 1, "workers": []any{2}},
	}, nil
}

// status answers GET /status with a reachable database and the request counters.
func status(s *Server, _ *call) (int, any, *apiError) {
	total := s.totalRequests.Load()
	body := map[string]any{
		"database": map[string]any{"reachable": true},
		"memory": map[string]any{
			"lua_shared_dicts": map[string]any{
				"kong":          map[string]any{"capacity": "5.00 MiB", "allocated_slabs": "0.04 MiB"},
				"kong_db_cache": map[string]any{"capacity": "128.00 MiB", "allocated_slabs": "0.80 MiB"},
			},
			"workers_lua_vms": []any{map[string]any{"http_allocated_gc": "0.02 MiB", "pid": 2}},
		},
		"server": map[string]any{
			"connections_accepted": total, "connections_active": 1, "connections_handled": total,
			"connections_reading": 0, "connections_writing": 1, "connections_waiting": 0,
			"total_requests": total,
		},
	}
	if s.opts.DBLess {
		body["configuration_hash"] = "00000000000000000000000000000000"
	}
	return http.StatusOK, body, nil
}

// listEndpoints answers GET /endpoints with the route table.
func listEndpoints(s *Server, _ *call) (int, any, *apiError) {
	paths := make([]string, 0, len(s.router.routes))
	for _, r := range s.router.routes {
		paths = append(paths, r.pattern)
	}
	sort.Strings(paths)
	return http.StatusOK, map[string]any{"data": stringsToAny(paths)}, nil
}

func (s *Server) entityType(name string) (*entityType, *apiError) {
	if et, ok := s.types[name]; ok {
		return et, nil
	}
	return nil, messageError(http.StatusNotFound, "No entity named '"+name+"'")
}

// entitySchema answers GET /schemas/{entity} with the entity's fields.
func entitySchema(s *Server, c *call) (int, any, *apiError) {
	et, apiErr := s.entityType(c.params[0])
	if apiErr != nil {
		return 0, nil, apiErr
	}
	fields := make([]any, len(et.schema.fields))
	for i, f := range et.schema.fields {
		fields[i] = map[string]any{f.name: fieldSchemaJSON(f, et)}
	}
	checks := append([]any{}, et.schema.checks...)
	for _, c := range et.schema.declaredChecks {
		checks = append(checks, c.schemaJSON())
	}
	return http.StatusOK, map[string]any{"fields": fields, "entity_checks": checks}, nil
}

func fieldSchemaJSON(f *field, et *entityType) map[string]any {
	out := map[string]any{"type": kindTypeNames[f.kind]}
	switch f.kind {
	case kindID:
		out["uuid"] = true
	case kindTimestamp, kindTimestampMs:
		out["timestamp"] = true
	case kindForeign:
		out["reference"] = f.reference
	}
	if f.auto {
		out["auto"] = true
	}
	if f.required {
		out["required"] = true
	}
	if f.referenceable {
		out["referenceable"] = true
	}
	if f.encrypted {
		out["encrypted"] = true
	}
	if f.hasDefault {
		out["default"] = f.def
	}
	if f.oneOf != nil {
		out["one_of"] = f.oneOf
	}
	if f.hasRange {
		out["between"] = []any{f.min, f.max}
	}
	if f.lenMin > 0 {
		out["len_min"] = f.lenMin
	}
	if f.startsWith != "" {
		out["starts_with"] = f.startsWith
	}
	if len(f.matchNone) > 0 {
		rules := make([]any, len(f.matchNone))
		for i, r := range f.matchNone {
			rules[i] = map[string]any{"pattern": r.pattern, "err": r.err}
		}
		out["match_none"] = rules
	}
	if et != nil && et.isUniqueField(f.name) {
		out["unique"] = true
	}
	for k, v := range f.declared {
		out[k] = v
	}
	if f.elem != nil {
		key := "elements"
		if f.kind == kindMap {
			if out["keys"] == nil {
				out["keys"] = map[string]any{"type": "string"}
			}
			key = "values"
		}
		out[key] = fieldSchemaJSON(f.elem, nil)
	}
	if len(f.fields) > 0 {
		sub := make([]any, len(f.fields))
		for i, sf := range f.fields {
			sub[i] = map[string]any{sf.name: fieldSchemaJSON(sf, nil)}
		}
		out["fields"] = sub
	}
	return out
}

// validateEntity answers POST /schemas/{entity}/validate: schema validation only,
// without uniqueness, foreign-key existence or protocol-match checks.
func validateEntity(et *entityType) handler {
	return func(s *Server, c *call) (int, any, *apiError) {
		body, apiErr := readBody(c.r)
		if apiErr != nil {
			return 0, nil, apiErr
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if _, apiErr := s.build(et, body.values, body.form, nil, modeInsert); apiErr != nil {
			return 0, nil, apiErr
		}
		return http.StatusOK, map[string]any{"message": "schema validation successful"}, nil
	}
}

func validateNamedEntity(s *Server, c *call) (int, any, *apiError) {
	et, apiErr := s.entityType(c.params[0])
	if apiErr != nil {
		return 0, nil, apiErr
	}
	return validateEntity(et)(s, c)
}

func pluginSchema(s *Server, c *call) (int, any, *apiError) {
	p, ok := pluginschema.Lookup(c.params[0], s.opts.Enterprise)
	if !ok {
		return 0, nil, messageError(http.StatusNotFound, "No plugin named '"+c.params[0]+"'")
	}
	return http.StatusOK, p.SchemaJSON(), nil
}

func enabledPlugins(s *Server, _ *call) (int, any, *apiError) {
	names := []any{}
	for _, p := range pluginschema.Available(s.opts.Enterprise) {
		names = append(names, p.Name)
	}
	return http.StatusOK, map[string]any{"enabled_plugins": names}, nil
}
