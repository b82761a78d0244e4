package kongtest

import "sort"

// table holds the rows of one entity type. Rows are kept by id, ids in ascending
// order for Kong's primary-key pagination, unique values in one index and the
// children of every foreign key in another, so that lookups, uniqueness checks and
// cascades never scan the whole table.
type table struct {
	rows    map[string]map[string]any
	ids     []string                       // sorted ascending
	uniques map[string]string              // unique index key → id
	refs    map[string]map[string][]string // fk field → parent id → child ids
	def     *entityType
}

func newTable(def *entityType) *table {
	return &table{
		rows:    make(map[string]map[string]any),
		uniques: make(map[string]string),
		refs:    make(map[string]map[string][]string),
		def:     def,
	}
}

// uniqueIndexKey is the index key of one unique constraint for a row; ok is false when
// a single-column constraint holds null (SQL unique indexes ignore nulls).
func uniqueIndexKey(u uniqueConstraint, row map[string]any) (key string, fields map[string]any, ok bool) {
	fields = make(map[string]any, len(u))
	for _, name := range u {
		fields[name] = row[name]
	}
	if len(u) == 1 && row[u[0]] == nil {
		return "", nil, false
	}
	return luaKey(fields), fields, true
}

// conflict returns the unique key another row already holds, if any.
func (t *table) conflict(row map[string]any) (map[string]any, bool) {
	id, _ := row["id"].(string)
	for _, u := range t.def.uniques {
		key, fields, ok := uniqueIndexKey(u, row)
		if !ok {
			continue
		}
		if owner, taken := t.uniques[key]; taken && owner != id {
			return fields, true
		}
	}
	return nil, false
}

func (t *table) lookupUnique(field string, value any) (map[string]any, bool) {
	id, ok := t.uniques[luaKey(map[string]any{field: value})]
	if !ok {
		return nil, false
	}
	return t.rows[id], true
}

func (t *table) put(row map[string]any) {
	id := row["id"].(string)
	if old, exists := t.rows[id]; exists {
		t.unindex(old)
	} else {
		i := sort.SearchStrings(t.ids, id)
		t.ids = append(t.ids, "")
		copy(t.ids[i+1:], t.ids[i:])
		t.ids[i] = id
	}
	t.rows[id] = row
	for _, u := range t.def.uniques {
		if key, _, ok := uniqueIndexKey(u, row); ok {
			t.uniques[key] = id
		}
	}
	for _, fk := range t.def.foreignKeys {
		if parent := fkID(row, fk.field); parent != "" {
			byParent := t.refs[fk.field]
			if byParent == nil {
				byParent = make(map[string][]string)
				t.refs[fk.field] = byParent
			}
			byParent[parent] = append(byParent[parent], id)
		}
	}
}

func (t *table) remove(id string) {
	row, ok := t.rows[id]
	if !ok {
		return
	}
	t.unindex(row)
	delete(t.rows, id)
	i := sort.SearchStrings(t.ids, id)
	t.ids = append(t.ids[:i], t.ids[i+1:]...)
}

func (t *table) unindex(row map[string]any) {
	id := row["id"].(string)
	for _, u := range t.def.uniques {
		if key, _, ok := uniqueIndexKey(u, row); ok && t.uniques[key] == id {
			delete(t.uniques, key)
		}
	}
	for _, fk := range t.def.foreignKeys {
		parent := fkID(row, fk.field)
		children := t.refs[fk.field][parent]
		for i, child := range children {
			if child == id {
				children = append(children[:i:i], children[i+1:]...)
				break
			}
		}
		if len(children) == 0 {
			delete(t.refs[fk.field], parent)
		} else {
			t.refs[fk.field][parent] = children
		}
	}
}

// children lists the ids of rows whose foreign key field points at parent.
func (t *table) children(field, parent string) []string {
	return append([]string(nil), t.refs[field][parent]...)
}

// fkID returns the id inside a foreign key object, or "".
func fkID(row map[string]any, field string) string {
	if m, ok := row[field].(map[string]any); ok {
		id, _ := m["id"].(string)
		return id
	}
	return ""
}
