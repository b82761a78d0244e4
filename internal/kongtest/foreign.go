package kongtest

// Foreign keys in request bodies, as Kong's DAO resolves them (resolve_foreign in kong/db/dao/init.lua) and
// its schema validates them (the "foreign" type in kong/db/schema/init.lua).

// resolveForeignKeys replaces a foreign key given by unique fields of the referenced entity
// ({"name": "svc"}) by its id, or fails with code 13. Like Kong it tries the referenced entity's unique
// fields in schema order, skipping null values and values the field would refuse, stops at the first that
// finds a row, and fails if one before it found none.
func (s *Server) resolveForeignKeys(et *entityType, input map[string]any) *apiError {
	for _, fk := range et.foreignKeys {
		ref, ok := input[fk.field].(map[string]any)
		parent := s.types[fk.table]
		if !ok || parent == nil || validPrimaryKey(ref) {
			continue
		}
		var unresolved *apiError
		for _, f := range parent.schema.fields {
			value := ref[f.name]
			if !parent.isUniqueField(f.name) || value == nil {
				continue
			}
			if _, err := normalizeValue(f, value); err != nil {
				continue
			}
			if row, found := s.tables[fk.table].lookupUnique(f.name, value); found {
				input[fk.field] = map[string]any{"id": row["id"]}
				break
			}
			if unresolved == nil {
				unresolved = foreignKeyUnresolved(fk.field, f.name, fk.table, value)
			}
		}
		if unresolved != nil {
			return unresolved
		}
	}
	return nil
}

// validPrimaryKey reports whether a foreign key body holds a valid id (other fields are ignored).
func validPrimaryKey(ref map[string]any) bool {
	id, ok := ref["id"].(string)
	return ok && isUUID(id)
}

// foreignValue validates a foreign key: a body with a valid id is stored as {"id": ...}, whatever else it
// holds. Otherwise Kong validates the body against the referenced entity's fields (required fields and
// entity checks left out), and those errors win over the one about the primary key: {"service":
// {"protocol": "expected one of: ..."}}, while {"service": {"name": null}} is {"service": {"id": "missing
// primary key"}}.
func (s *Server) foreignValue(f *field, v any) (any, any) {
	if v == nil {
		return nil, nil
	}
	ref, ok := v.(map[string]any)
	if !ok {
		return nil, map[string]any{"id": "missing primary key"}
	}
	if validPrimaryKey(ref) {
		return map[string]any{"id": ref["id"]}, nil
	}
	pkErr := "missing primary key"
	if id, present := ref["id"]; present {
		pkErr = "required field missing"
		if id != nil {
			_, msg := normalizeValue(&field{kind: kindID}, id)
			pkErr, _ = msg.(string)
		}
	}
	if target := s.types[f.reference]; target != nil {
		errs := fieldErrors{}
		for name, value := range ref {
			tf := target.schema.byName[name]
			if tf == nil {
				errs[name] = "unknown field"
				continue
			}
			if _, err := normalizeValue(tf, value); err != nil {
				errs[name] = err
			}
		}
		if len(errs) > 0 {
			return nil, map[string]any(errs)
		}
	}
	return nil, map[string]any{"id": pkErr}
}
