package pluginschema

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Versions reported for bundled plugins in GET / plugins.available_on_server:
// a bundled plugin carries the version of the node it runs on.
const (
	OSSVersion        = "3.9.3"
	EnterpriseVersion = "3.9.1.1"
)

// Protocol sets of Kong's typedefs.protocols and typedefs.protocols_http.
var (
	allProtocols  = []string{"grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp"}
	httpProtocols = []string{"grpc", "grpcs", "http", "https"}
)

// Plugin is one plugin schema. Build one with [New].
type Plugin struct {
	Name     string
	Version  string
	Priority int
	// Enterprise plugins exist only on an Enterprise node.
	Enterprise bool
	// NoConsumer, NoRoute and NoService forbid scoping the plugin to that
	// entity (Kong's typedefs.no_consumer and friends: "value must be null").
	NoConsumer, NoRoute, NoService bool
	// ProtocolsFirst lists protocols before the scope restrictions in the schema JSON, where the
	// plugin's schema.lua declares them in that order.
	ProtocolsFirst   bool
	DefaultProtocols []string
	AllowedProtocols []string

	config *Field
	// entity is the plugin entity as far as the config is concerned: a
	// record holding config, over which the entity checks run.
	entity       *Field
	entityChecks []EntityCheck
}

// New builds a plugin from its metadata (Name, Version, Priority, Enterprise,
// scope restrictions and protocols of meta), its config fields and its
// plugin-level entity checks, whose paths start with "config.". Empty
// protocol lists default to Kong's: any protocol allowed, default
// [grpc grpcs http https].
func New(meta Plugin, config []*Field, checks ...EntityCheck) *Plugin {
	p := meta
	if p.AllowedProtocols == nil {
		p.AllowedProtocols = allProtocols
	}
	if p.DefaultProtocols == nil {
		p.DefaultProtocols = httpProtocols
	}
	p.config = Record("config", config...)
	p.entity = Record("", p.config)
	p.entityChecks = checks
	return &p
}

// httpOnly marks a plugin as limited to Kong's HTTP protocols.
func httpOnly(p Plugin) Plugin {
	p.AllowedProtocols = httpProtocols
	p.DefaultProtocols = httpProtocols
	return p
}

// registry holds the plugins a node offers; bundled plugins are built once
// per edition so each carries its node's version.
type registry struct {
	mu         sync.RWMutex
	oss        map[string]*Plugin
	enterprise map[string]*Plugin
}

var plugins = newRegistry()

func newRegistry() *registry {
	r := &registry{oss: map[string]*Plugin{}, enterprise: map[string]*Plugin{}}
	for _, p := range bundled(OSSVersion) {
		if !p.Enterprise {
			r.oss[p.Name] = p
		}
	}
	for _, p := range bundled(EnterpriseVersion) {
		r.enterprise[p.Name] = p
	}
	return r
}

// Register adds a custom plugin (one Kong does not bundle) to every node; an
// Enterprise plugin only to Enterprise nodes. Registering a name twice is an
// error, so tests register custom plugins once (in TestMain or a sync.Once).
func Register(p *Plugin) error {
	if p.config == nil {
		return fmt.Errorf("pluginschema: plugin %q was not built with New", p.Name)
	}
	plugins.mu.Lock()
	defer plugins.mu.Unlock()
	if _, taken := plugins.enterprise[p.Name]; taken {
		return fmt.Errorf("pluginschema: plugin %q is already registered", p.Name)
	}
	plugins.enterprise[p.Name] = p
	if !p.Enterprise {
		plugins.oss[p.Name] = p
	}
	return nil
}

// Lookup returns the named plugin as an OSS or Enterprise node has it.
func Lookup(name string, enterprise bool) (*Plugin, bool) {
	plugins.mu.RLock()
	defer plugins.mu.RUnlock()
	p, ok := plugins.edition(enterprise)[name]
	return p, ok
}

// Available returns the plugins of an OSS or Enterprise node, sorted by name.
func Available(enterprise bool) []*Plugin {
	plugins.mu.RLock()
	defer plugins.mu.RUnlock()
	set := plugins.edition(enterprise)
	out := make([]*Plugin, 0, len(set))
	for _, p := range set {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func (r *registry) edition(enterprise bool) map[string]*Plugin {
	if enterprise {
		return r.enterprise
	}
	return r.oss
}

// NormalizeConfig validates a plugin config as Kong does on insert and
// upsert and returns it with every default filled in: missing fields get
// their default or null, nested records are always expanded, an explicit
// null is kept, sets are de-duplicated, numbers become float64. A nil config
// stands for a missing one. The caller handles a config that is JSON null or
// not an object ("required field missing" / "expected a record" under
// fields.config).
//
// On failure normalized is nil and errs holds the plugin's part of Kong's
// error `fields` object (see the package documentation).
func (p *Plugin) NormalizeConfig(config map[string]any) (normalized map[string]any, errs map[string]any) {
	return p.normalize(config, false)
}

// NormalizeUpdatedConfig is NormalizeConfig for a PATCH: config is the
// stored config with the request's config deep-merged into it. Kong then
// words some entity-check messages differently ("when updating, ...").
func (p *Plugin) NormalizeUpdatedConfig(merged map[string]any) (normalized map[string]any, errs map[string]any) {
	return p.normalize(merged, true)
}

func (p *Plugin) normalize(config map[string]any, update bool) (map[string]any, map[string]any) {
	obj := map[string]any{}
	if config != nil {
		obj = canonical(config).(map[string]any)
	}
	if shorthandErrs := fill(p.config, obj); shorthandErrs != nil {
		return nil, shorthandErrs
	}
	errs := map[string]any{}
	if err := validateConfig(p.config, obj, update); err != nil {
		errs["config"] = err
	}
	runEntityChecks(p.entity, p.entityChecks, map[string]any{"config": obj}, update, errs)
	if len(errs) > 0 {
		return nil, errs
	}
	return obj, nil
}

// validateConfig validates the config record: its fields, then (only when
// they are all valid) the record's own validator, whose message Kong reports
// as the whole value of fields.config.
func validateConfig(rec *Field, obj map[string]any, update bool) any {
	if errs := validateRecord(rec, obj, update); len(errs) > 0 {
		return errs
	}
	if rec.Custom != nil {
		if msg := rec.Custom(obj); msg != "" {
			return msg
		}
	}
	return nil
}

// OutputConfig returns a stored (normalized) config as Kong shows it in
// responses: deprecated shorthands are echoed as mirrors of their targets
// (null when unset). The stored config itself stays without them so a later
// PATCH merge does not carry stale mirrors.
func (p *Plugin) OutputConfig(stored map[string]any) map[string]any {
	out := canonical(stored).(map[string]any)
	addMirrors(p.config, out)
	return out
}

func addMirrors(rec *Field, obj map[string]any) {
	for _, sh := range rec.Shorthands {
		value, _ := lookup(obj, sh.Target)
		obj[sh.Field.Name] = canonical(value)
	}
	for _, f := range rec.Fields {
		if sub, ok := obj[f.Name].(map[string]any); ok && f.Type == TypeRecord {
			addMirrors(f, sub)
		}
	}
}

// SchemaJSON returns the body of GET /schemas/plugins/{name}: the plugin's
// fields (scope restrictions, protocols, config) as single-key maps, and its
// entity checks. Custom validators are functions and, as in Kong, not shown.
func (p *Plugin) SchemaJSON() map[string]any {
	var fields []any
	for _, scope := range []struct {
		forbidden bool
		name, ref string
	}{
		{p.NoConsumer, "consumer", "consumers"},
		{p.NoRoute, "route", "routes"},
		{p.NoService, "service", "services"},
	} {
		if scope.forbidden {
			fields = append(fields, map[string]any{scope.name: map[string]any{
				"type": "foreign", "reference": scope.ref, "eq": nil,
			}})
		}
	}
	protocols := map[string]any{"protocols": map[string]any{
		"type":     "set",
		"required": true,
		"default":  stringsToAny(p.DefaultProtocols),
		"elements": map[string]any{"type": "string", "one_of": stringsToAny(p.AllowedProtocols)},
	}}
	if p.ProtocolsFirst {
		fields = append([]any{protocols}, fields...)
	} else {
		fields = append(fields, protocols)
	}
	fields = append(fields, map[string]any{"config": fieldJSON(p.config)})
	checks := make([]any, len(p.entityChecks))
	for i, c := range p.entityChecks {
		checks[i] = c.jsonable()
	}
	return map[string]any{"fields": fields, "entity_checks": checks}
}

func fieldJSON(f *Field) map[string]any {
	out := map[string]any{"type": string(f.Type)}
	if f.Required {
		out["required"] = true
	}
	if f.Default != nil {
		out["default"] = canonical(f.Default)
	}
	if f.OneOf != nil {
		out["one_of"] = canonical(f.OneOf)
	}
	if f.NotOneOf != nil {
		out["not_one_of"] = canonical(f.NotOneOf)
	}
	if f.GreaterThan != nil {
		out["gt"] = *f.GreaterThan
	}
	if f.Between != nil {
		out["between"] = []any{f.Between[0], f.Between[1]}
	}
	if f.LenMin != nil {
		out["len_min"] = float64(*f.LenMin)
	}
	if f.LenMax != nil {
		out["len_max"] = float64(*f.LenMax)
	}
	if f.StartsWith != "" {
		out["starts_with"] = f.StartsWith
	}
	if f.Match != nil {
		out["match"] = f.Match.Lua
	}
	if len(f.MatchNone) > 0 {
		patterns := make([]any, len(f.MatchNone))
		for i, m := range f.MatchNone {
			patterns[i] = map[string]any{"pattern": m.Lua, "err": m.Err}
		}
		out["match_none"] = patterns
	}
	if f.Err != "" {
		out["err"] = f.Err
	}
	if f.Referenceable {
		out["referenceable"] = true
	}
	if f.Encrypted {
		out["encrypted"] = true
	}
	if f.IsRegex {
		out["is_regex"] = true
	}
	if f.IsUnique {
		out["unique"] = true
	}
	if f.AutoGenerated {
		out["auto"] = true
	}
	if d := f.Deprecation; d != nil {
		out["deprecation"] = deprecationJSON(d)
	}
	if f.Elements != nil {
		out["elements"] = fieldJSON(f.Elements)
	}
	if f.Keys != nil {
		out["keys"] = fieldJSON(f.Keys)
		out["values"] = fieldJSON(f.Values)
	}
	if f.Type == TypeRecord {
		out["fields"] = namedFieldsJSON(f.Fields)
	}
	if len(f.Shorthands) > 0 {
		shorthands := make([]*Field, len(f.Shorthands))
		for i, s := range f.Shorthands {
			shorthands[i] = s.Field
		}
		out["shorthand_fields"] = namedFieldsJSON(shorthands)
	}
	if len(f.EntityChecks) > 0 {
		checks := make([]any, len(f.EntityChecks))
		for i, c := range f.EntityChecks {
			checks[i] = c.jsonable()
		}
		out["entity_checks"] = checks
	}
	return out
}

func namedFieldsJSON(fields []*Field) []any {
	out := make([]any, len(fields))
	for i, sub := range fields {
		out[i] = map[string]any{sub.Name: fieldJSON(sub)}
	}
	return out
}

func deprecationJSON(d *Deprecation) map[string]any {
	out := map[string]any{"message": d.Message, "removal_in_version": d.RemovalInVersion}
	if d.OldDefault != nil {
		out["old_default"] = canonical(d.OldDefault)
	}
	if d.ReplacedWith != "" {
		out["replaced_with"] = []any{map[string]any{"path": stringsToAny(strings.Split(d.ReplacedWith, "."))}}
	}
	return out
}
