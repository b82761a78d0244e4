package kongtest

import (
	"net/http"
	"regexp"
	"strings"
)

const vaultsTable = "vaults"

// vaultConfigs are the config records of the vaults Kong OSS 3.9 bundles (kong/vaults/*/schema.lua): only
// env, whose prefix is prepended to the environment variable's name.
var vaultConfigs = map[string]*field{
	"env": {name: "config", kind: kindRecord, required: true, fields: []*field{
		stringField("prefix").with(stringCheck(matching(envPrefixPattern))).declare(map[string]any{"match": `^[%a_-][%a%d_-]*$`}),
	}},
}

// envPrefixPattern is the env vault's Lua pattern ^[%a_-][%a%d_-]*$.
var envPrefixPattern = regexp.MustCompile(`^[A-Za-z_-][A-Za-z0-9_-]*$`)

// bundledVaults are the names a vault's prefix may not take (Kong's loaded vaults).
var bundledVaults = []any{"env"}

// vaultPrefixPattern is Kong's Lua pattern ^[a-z][a-z%d-]-[a-z%d]+$: a lower-case letter, then lazily any
// of [a-z0-9-], then at least one [a-z0-9].
var vaultPrefixPattern = regexp.MustCompile(`^[a-z][a-z0-9-]*[a-z0-9]$`)

// vaultPrefix is the prefix field: it becomes the host part of a reference ({vault://<prefix>/<secret>}).
var vaultPrefix = stringField("prefix").req().with(stringCheck(checkVaultPrefix)).declare(map[string]any{
	"not_one_of": bundledVaults, "match": `^[a-z][a-z%d-]-[a-z%d]+$`})

// checkVaultPrefix applies not_one_of, then match, in Kong's order.
func checkVaultPrefix(s string) string {
	if containsValue(bundledVaults, s) {
		names := make([]string, len(bundledVaults))
		for i, v := range bundledVaults {
			names[i] = displayValue(v)
		}
		return "must not be one of: " + strings.Join(names, ", ")
	}
	return matching(vaultPrefixPattern)(s)
}

// matching is Kong's match rule with its message.
func matching(pattern *regexp.Regexp) func(string) string {
	return func(s string) string {
		if !pattern.MatchString(s) {
			return "invalid value: " + s
		}
		return ""
	}
}

func newVaultsType() *entityType {
	fields := append([]*field{{name: "id", kind: kindID, auto: true}},
		vaultPrefix,
		stringField("name").req(),
		stringField("description"),
		(&field{name: "config", kind: kindConfig, required: true}).declare(map[string]any{"abstract": true}),
		&field{name: "created_at", kind: kindTimestamp, auto: true},
		&field{name: "updated_at", kind: kindTimestamp, auto: true},
		tagsField(),
	)
	sc := newSchema(vaultsTable, fields...)
	sc.entityCheck = checkVaultName
	return &entityType{
		table: vaultsTable, schema: sc, endpointKey: "prefix", keyCheck: fieldRule(vaultPrefix),
		uniques:  []uniqueConstraint{{"prefix"}},
		complete: completeVault,
		// PATCH merges config, Kong's record.
		shapeOf: func(*Server, map[string]any) recordShape { return recordShape{"config": {}} },
	}
}

// fieldRule is a field's rules applied to a value from the URL (an endpoint key), as Kong validates it.
func fieldRule(f *field) func(string) string {
	return func(s string) string {
		if _, err := normalizeValue(f, s); err != nil {
			msg, _ := err.(string)
			return msg
		}
		return ""
	}
}

// completeVault validates config with the vault's own schema and fills its defaults; an omitted config is
// the vault's default config.
func completeVault(_ *Server, e, _ map[string]any, _ bool, errs fieldErrors) {
	name, _ := e["name"].(string)
	record := vaultConfigs[name]
	if record == nil || errs["config"] != nil {
		return
	}
	if e["config"] == nil {
		e["config"] = defaultValue(record)
		return
	}
	cfg, err := normalizeValue(record, e["config"])
	if err != nil {
		errs.set("config", err)
		return
	}
	e["config"] = cfg
}

// checkVaultName is Kong's subschema selection: without a name, or with a vault that is not installed,
// that is the only error Kong reports.
func checkVaultName(e map[string]any, errs fieldErrors, _ bool) {
	name, isString := e["name"].(string)
	if vaultConfigs[name] != nil {
		return
	}
	for k := range errs {
		delete(errs, k)
	}
	if e["name"] == nil {
		errs.set("name", "required field missing")
		return
	}
	if !isString {
		errs.set("name", "expected a string")
		return
	}
	errs.set("name", "vault '"+name+"' is not installed")
}

// vaultSchema answers GET /schemas/vaults/{name}: the vault's config schema, as plugins' are served.
func vaultSchema(_ *Server, c *call) (int, any, *apiError) {
	record := vaultConfigs[c.params[0]]
	if record == nil {
		return 0, nil, messageError(http.StatusNotFound, "No vault named '"+c.params[0]+"'")
	}
	return http.StatusOK, map[string]any{"fields": []any{map[string]any{"config": fieldSchemaJSON(record, nil)}}}, nil
}
