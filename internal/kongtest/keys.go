package kongtest

import "github.com/kongform/terraform-provider-kong/internal/keymaterial"

const (
	keySetsTable = "key_sets"
	keysTable    = "keys"
)

func newKeySetsType() *entityType {
	fields := []*field{
		{name: "id", kind: kindID, auto: true},
		stringField("name"),
		tagsField(),
		{name: "created_at", kind: kindTimestamp, auto: true},
		{name: "updated_at", kind: kindTimestamp, auto: true},
	}
	sc := newSchema(keySetsTable, fields...)
	return &entityType{
		table: keySetsTable, schema: sc, endpointKey: "name",
		uniques: []uniqueConstraint{{"name"}},
	}
}

// keyChecks are the keys entity's entity_checks as Kong's schema endpoint shows them (the custom check's
// function is not serialisable, so only its field_sources appear).
var keyChecks = []any{
	map[string]any{"mutually_exclusive": []any{"jwk", "pem"}},
	map[string]any{"at_least_one_of": []any{"jwk", "pem"}},
	map[string]any{"custom_entity_check": map[string]any{"field_sources": []any{"jwk", "pem", "kid"}}},
}

func newKeysType() *entityType {
	// Kong resolves vault references in these (referenceable) and encrypts the secrets at rest with a
	// keyring (encrypted); the key material checks pass references over (internal/keymaterial).
	secret := map[string]any{"referenceable": true, "encrypted": true}
	pem := (&field{name: "pem", kind: kindRecord, fields: []*field{
		stringField("private_key").declare(secret),
		stringField("public_key").declare(map[string]any{"referenceable": true}),
	}, recordCheck: checkPEMRecord}).declare(map[string]any{
		"entity_checks": []any{map[string]any{"at_least_one_of": []any{"private_key", "public_key"}}}})
	fields := []*field{
		{name: "id", kind: kindID, auto: true},
		foreignField("set", keySetsTable),
		stringField("name"),
		stringField("kid").req().declare(map[string]any{"unique": false}), // as keys.lua writes it; (kid, set) is the cache key
		stringField("jwk").declare(secret),
		pem,
		tagsField(),
		{name: "created_at", kind: kindTimestamp, auto: true},
		{name: "updated_at", kind: kindTimestamp, auto: true},
	}
	sc := newSchema(keysTable, fields...)
	sc.entityCheck = checkKey
	sc.checks = keyChecks
	return &entityType{
		table: keysTable, schema: sc, endpointKey: "name",
		// The name column's index comes first in Kong's table, then the cache key (kid, set), in which a
		// null set counts as a value: one kid without a set.
		uniques:     []uniqueConstraint{{"name"}, {"kid", "set"}},
		foreignKeys: []foreignKey{{field: "set", table: keySetsTable, onDelete: onDeleteCascade}},
	}
}

// checkPEMRecord is typedefs.pem's entity check (a private or a public key) and its custom validator
// (the keys load, and a pair belongs together).
func checkPEMRecord(m map[string]any) any {
	private, _ := m["private_key"].(string)
	public, _ := m["public_key"].(string)
	if private == "" && public == "" {
		return map[string]any{"@entity": []any{"at least one of these fields must be non-empty: 'private_key', 'public_key'"}}
	}
	if msg := keymaterial.PEMProblem(private, public); msg != "" {
		return msg
	}
	return nil
}

// checkKey is the keys entity's checks in Kong's order: jwk and pem exclude each other, one is needed, and
// a jwk must be a key whose kid is the entity's. Like Kong, a check is skipped when one of its fields
// already failed, and the jwk check when the jwk is a vault reference.
func checkKey(e map[string]any, errs fieldErrors, updating bool) {
	if errs["jwk"] == nil && errs["pem"] == nil && e["jwk"] != nil && e["pem"] != nil {
		errs.entity("only one or none of these fields must be set: 'jwk', 'pem'")
	}
	atLeastOneOf(e, errs, updating, "jwk", "pem")
	if errs["jwk"] != nil || errs["pem"] != nil || errs["kid"] != nil {
		return
	}
	jwk, isString := e["jwk"].(string)
	kid, _ := e["kid"].(string)
	if isString {
		if msg := keymaterial.JWKProblem(jwk, kid); msg != "" {
			errs.entity(msg)
		}
	}
}
