package provider

import (
	"regexp"
	"testing"
)

// randomIDPattern is a version 4 (random) UUID: ids are never derived from names (ownership.go).
var randomIDPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestNewEntityIDIsRandom(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := newEntityID()
		if !randomIDPattern.MatchString(id) || seen[id] {
			t.Fatalf("id %q is not a fresh random UUID", id)
		}
		seen[id] = true
	}
}
