package kongtest

import (
	"crypto/rand"
	"math/big"
	"time"
)

const (
	keyAuthTable = "keyauth_credentials"
	aclTable     = "acls"
	maxTTL       = 100000000
)

func credentialFields(extra ...*field) []*field {
	fields := []*field{
		{name: "id", kind: kindID, auto: true},
		{name: "created_at", kind: kindTimestamp, auto: true},
		foreignField("consumer", "consumers").req(),
	}
	return append(append(fields, extra...), tagsField())
}

func newKeyAuthType() *entityType {
	return &entityType{
		table: keyAuthTable, schema: newSchema(keyAuthTable, credentialFields(stringField("key").autoFilled())...),
		endpointKey: "key",
		uniques:     []uniqueConstraint{{"key"}},
		foreignKeys: []foreignKey{{field: "consumer", table: "consumers", onDelete: onDeleteCascade}},
		complete: func(_ *Server, e, _ map[string]any, updating bool, _ fieldErrors) {
			if e["key"] == nil && !updating {
				e["key"] = randomKey()
			}
		},
	}
}

func newACLType() *entityType {
	return &entityType{
		table: aclTable, schema: newSchema(aclTable, credentialFields(stringField("group").req())...),
		nestedKey:   "group",
		uniques:     []uniqueConstraint{{"consumer", "group"}},
		foreignKeys: []foreignKey{{field: "consumer", table: "consumers", onDelete: onDeleteCascade}},
	}
}

const keyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// randomKey is the key Kong generates for a key-auth credential sent without one.
func randomKey() string {
	b := make([]byte, 32)
	limit := big.NewInt(int64(len(keyAlphabet)))
	for i := range b {
		n, err := rand.Int(rand.Reader, limit)
		if err != nil {
			panic("kongtest: crypto/rand failed: " + err.Error())
		}
		b[i] = keyAlphabet[n.Int64()]
	}
	return string(b)
}

// checkTTL validates the ttl request option of key-auth credentials (nil: none given).
func checkTTL(ttl any) *apiError {
	if ttl == nil {
		return nil
	}
	n, ok := asInteger(ttl)
	if !ok || n < 0 || n > maxTTL {
		return invalidOptions("ttl", "must be an integer between 0 and 100000000")
	}
	return nil
}

// setTTL records when a credential expires; a ttl of 0 or none leaves it unchanged.
func (s *Server) setTTL(id string, ttl any) {
	if n, ok := asInteger(ttl); ok && n > 0 {
		s.keyExpiry[id] = s.now().Add(time.Duration(n) * time.Second)
	}
}

// purgeExpired deletes credentials whose ttl has run out, as Kong's TTL cleanup does.
func (s *Server) purgeExpired() {
	if len(s.keyExpiry) == 0 {
		return
	}
	now := s.now()
	for id, at := range s.keyExpiry {
		if !now.Before(at) {
			s.tables[keyAuthTable].remove(id)
			delete(s.keyExpiry, id)
		}
	}
}

// present is the response form of a stored row: plugin configs get their output
// form, key-auth credentials gain "ttl", the remaining seconds or null.
func (s *Server) present(et *entityType, row map[string]any) map[string]any {
	if et.table == "plugins" {
		return s.presentPlugin(row)
	}
	if et.table == certificatesTable {
		out := deepCopy(row).(map[string]any)
		out["snis"] = s.certificateSNIs(row["id"].(string))
		return out
	}
	if et.table != keyAuthTable {
		return row
	}
	out := make(map[string]any, len(row)+1)
	for k, v := range row {
		out[k] = v
	}
	out["ttl"] = nil
	if at, ok := s.keyExpiry[row["id"].(string)]; ok {
		out["ttl"] = int64(at.Sub(s.now()).Round(time.Second) / time.Second)
	}
	return out
}
