package kongtest

import (
	"net/http"
	"sort"
	"time"
)

type writeMode int

const (
	modeInsert writeMode = iota // POST
	modeUpsert                  // PUT: full replacement
	modeUpdate                  // PATCH: merge into the stored row
)

// build turns a request body into the row to store, running Kong's schema validation:
// shorthands, foreign-key resolution, types, defaults, required fields, field rules and
// entity checks. stored is the current row for modeUpdate.
func (s *Server) build(et *entityType, input map[string]any, form bool, stored map[string]any, mode writeMode) (map[string]any, *apiError) {
	errs := fieldErrors{}
	if et.preprocess != nil {
		et.preprocess(input, errs)
	}
	if form {
		for k, v := range input {
			if f := et.schema.byName[k]; f != nil && f.kind != kindConfig {
				input[k] = coerceForm(v, typeNodeOf(f))
			}
		}
		if et.coerceConfig != nil {
			et.coerceConfig(s, input)
		}
	}
	if apiErr := s.resolveForeignKeys(et, input); apiErr != nil {
		return nil, apiErr
	}
	provided := make(map[string]any, len(input))
	for k, v := range input {
		f := et.schema.byName[k]
		if f == nil {
			errs.set(k, "unknown field")
			continue
		}
		// Kong validates a record as a whole: on insert with its missing fields' defaults, on update merged
		// into the stored record.
		if mode == modeUpdate {
			v = mergedRecord(f, stored[k], v)
		} else {
			v = withDefaults(f, v)
		}
		nv, err := normalizeValue(f, v)
		if f.kind == kindForeign {
			nv, err = s.foreignValue(f, v)
		}
		if err != nil {
			errs.set(k, err)
			continue
		}
		provided[k] = nv
	}
	now := s.now()
	var e map[string]any
	if mode == modeUpdate {
		shape := et.shape
		if et.shapeOf != nil {
			shape = et.shapeOf(s, stored)
		}
		e = mergeRecord(stored, provided, shape)
		e["id"] = stored["id"]
	} else {
		e = make(map[string]any, len(et.schema.fields))
		for _, f := range et.schema.fields {
			if v, ok := provided[f.name]; ok {
				e[f.name] = v
			} else if _, given := input[f.name]; !given {
				e[f.name] = defaultValue(f)
			}
		}
		if e["id"] == nil {
			e["id"] = newUUID()
		}
		if e["created_at"] == nil {
			e["created_at"] = timestamp(et.schema.byName["created_at"], now)
		}
	}
	if f := et.schema.byName["updated_at"]; f != nil {
		e["updated_at"] = timestamp(f, now)
	}
	if et.complete != nil {
		et.complete(s, e, provided, mode == modeUpdate, errs)
	}
	for _, f := range et.schema.fields {
		if f.required && e[f.name] == nil {
			errs.set(f.name, "required field missing")
		}
	}
	if et.schema.entityCheck != nil {
		et.schema.entityCheck(e, errs, mode == modeUpdate)
	}
	for _, c := range et.schema.declaredChecks {
		c.run(et.schema, e, errs)
	}
	if len(errs) > 0 {
		return nil, schemaViolation(errs)
	}
	return e, nil
}

// timestamp is Kong's auto timestamp of a field: whole seconds, or seconds with milliseconds.
func timestamp(f *field, now time.Time) any {
	if f != nil && f.kind == kindTimestampMs {
		return float64(now.UnixMilli()) / 1000
	}
	return now.Unix()
}

// mergedRecord is a PATCHed record field merged into its stored value (other values unchanged).
func mergedRecord(f *field, stored, patch any) any {
	sm, storedIsMap := stored.(map[string]any)
	pm, patchIsMap := patch.(map[string]any)
	if f.kind != kindRecord || !storedIsMap || !patchIsMap {
		return patch
	}
	return mergeRecord(sm, pm, recordShapeOf(f.fields))
}

func (et *entityType) isUniqueField(name string) bool {
	for _, u := range et.uniques {
		if len(u) == 1 && u[0] == name {
			return true
		}
	}
	return false
}

// commit stores a built row after the checks that need the store: duplicate primary
// key, foreign keys, type-specific checks and uniqueness.
func (s *Server) commit(et *entityType, e map[string]any, mode writeMode) *apiError {
	t := s.tables[et.table]
	id := e["id"].(string)
	if _, exists := t.rows[id]; exists && mode == modeInsert {
		return primaryKeyViolation(id)
	}
	for _, fk := range et.foreignKeys {
		if parentID := fkID(e, fk.field); parentID != "" {
			if pt := s.tables[fk.table]; pt == nil || pt.rows[parentID] == nil {
				return foreignKeyViolation(fk.field, fk.table, parentID)
			}
		}
	}
	if et.storeCheck != nil {
		if apiErr := et.storeCheck(s, e); apiErr != nil {
			return apiErr
		}
	}
	if key, taken := t.conflict(e); taken {
		return uniqueViolation(key)
	}
	t.put(e)
	return nil
}

// deleteRow deletes a row after checking restricting references, cascading to children.
func (s *Server) deleteRow(et *entityType, id string) *apiError {
	if et.beforeDelete != nil {
		if apiErr := et.beforeDelete(s, id); apiErr != nil {
			return apiErr
		}
	}
	for _, child := range s.typeOrder {
		for _, fk := range child.foreignKeys {
			if fk.table == et.table && fk.onDelete == onDeleteRestrict && len(s.tables[child.table].refs[fk.field][id]) > 0 {
				return referencedBy(child.table, et.table)
			}
		}
	}
	for _, child := range s.typeOrder {
		for _, fk := range child.foreignKeys {
			if fk.table == et.table && fk.onDelete == onDeleteCascade {
				for _, childID := range s.tables[child.table].children(fk.field, id) {
					if apiErr := s.deleteRow(child, childID); apiErr != nil {
						return apiErr
					}
				}
			}
		}
	}
	s.tables[et.table].remove(id)
	delete(s.keyExpiry, id)
	return nil
}

// lookup finds the row a path segment addresses: a UUID by id only, anything else by
// the endpoint key, which is validated first (code 10). Not found is (nil, nil). Where
// nothing but the id addresses an entity, anything else is an invalid primary key.
func (s *Server) lookup(et *entityType, seg string) (map[string]any, *apiError) {
	t := s.tables[et.table]
	if isUUID(seg) {
		return t.rows[seg], nil
	}
	if et.lookupKey != nil {
		return et.lookupKey(s, seg)
	}
	if et.endpointKey == "" {
		if et.nestedKey == "" {
			return nil, invalidPrimaryKey()
		}
		return nil, nil
	}
	if et.keyCheck != nil {
		if msg := et.keyCheck(seg); msg != "" {
			return nil, invalidUnique(et.endpointKey, msg)
		}
	}
	row, _ := t.lookupUnique(et.endpointKey, seg)
	return row, nil
}

// endpoint serves one entity type at the top level (parent nil) or nested under a
// parent through the child's foreign key field fk.
type endpoint struct {
	et     *entityType
	parent *entityType
	fk     string
}

func (ep endpoint) nested() bool { return ep.parent != nil }

// parentRow resolves the parent of a nested call; a missing parent is a plain 404.
func (ep endpoint) parentRow(s *Server, c *call) (map[string]any, *apiError) {
	row, apiErr := s.lookup(ep.parent, c.params[0])
	if apiErr != nil {
		return nil, apiErr
	}
	if row == nil {
		return nil, errNotFound
	}
	return row, nil
}

// childRow resolves the addressed entity; under a parent it must belong to it.
func (ep endpoint) childRow(s *Server, seg string, parent map[string]any) (map[string]any, *apiError) {
	if parent != nil && !isUUID(seg) && ep.et.nestedKey != "" {
		for _, id := range s.tables[ep.et.table].children(ep.fk, parent["id"].(string)) {
			if row := s.tables[ep.et.table].rows[id]; row[ep.et.nestedKey] == seg {
				return row, nil
			}
		}
		return nil, nil
	}
	row, apiErr := s.lookup(ep.et, seg)
	if apiErr != nil || row == nil {
		return nil, apiErr
	}
	if parent != nil && fkID(row, ep.fk) != parent["id"] {
		return nil, nil
	}
	return row, nil
}

func fkRef(row map[string]any) map[string]any { return map[string]any{"id": row["id"]} }

func (ep endpoint) list(s *Server, c *call) (int, any, *apiError) {
	page, apiErr := parsePageOptions(c.query, !ep.nested())
	if apiErr != nil {
		return 0, nil, apiErr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.purgeExpired()
	t := s.tables[ep.et.table]
	var ids []string
	var match func(map[string]any) bool
	if ep.nested() {
		parent, apiErr := ep.parentRow(s, c)
		if apiErr != nil {
			return 0, nil, apiErr
		}
		ids = t.children(ep.fk, parent["id"].(string))
		sort.Strings(ids)
	} else {
		ids = t.ids
		if ep.et.table == "consumers" && c.query.Has("custom_id") {
			return consumersByCustomID(s, c.query.Get("custom_id"))
		}
		match = page.matchTags
	}
	rows, offset := paginate(t, ids, page, match)
	data := make([]any, len(rows))
	for i, row := range rows {
		data[i] = s.present(ep.et, row)
	}
	return http.StatusOK, listBody(c.path, data, offset, page, !ep.nested()), nil
}

func consumersByCustomID(s *Server, customID string) (int, any, *apiError) {
	if customID == "" {
		return 0, nil, messageError(http.StatusBadRequest, "custom_id must be an unempty string")
	}
	data := []any{}
	if row, ok := s.tables["consumers"].lookupUnique("custom_id", customID); ok {
		data = append(data, row)
	}
	return http.StatusOK, map[string]any{"data": data, "next": nil}, nil
}

func (ep endpoint) create(s *Server, c *call, body requestBody, parent map[string]any) (int, any, *apiError) {
	if parent != nil {
		body.values[ep.fk] = fkRef(parent)
	}
	row, apiErr := s.write(ep.et, body, nil, modeInsert)
	if apiErr != nil {
		return 0, nil, apiErr
	}
	return http.StatusCreated, s.present(ep.et, row), nil
}

// write builds and commits a row, then applies the per-request options (key-auth ttl).
func (s *Server) write(et *entityType, body requestBody, stored map[string]any, mode writeMode) (map[string]any, *apiError) {
	var ttl any
	if et.table == keyAuthTable {
		ttl = body.values["ttl"]
		delete(body.values, "ttl")
		if body.form && ttl != nil {
			ttl = coerceForm(ttl, &typeNode{typ: "integer"})
		}
	}
	var afterCommit func(map[string]any) *apiError
	if et.prepareWrite != nil {
		var apiErr *apiError
		if afterCommit, apiErr = et.prepareWrite(s, body.values, stored, mode); apiErr != nil {
			return nil, apiErr
		}
	}
	row, apiErr := s.build(et, body.values, body.form, stored, mode)
	if apiErr != nil {
		return nil, apiErr
	}
	if apiErr := checkTTL(ttl); apiErr != nil {
		return nil, apiErr
	}
	if apiErr := s.commit(et, row, mode); apiErr != nil {
		return nil, apiErr
	}
	if afterCommit != nil {
		if apiErr := afterCommit(row); apiErr != nil {
			return nil, apiErr
		}
	}
	if et.table == keyAuthTable {
		s.setTTL(row["id"].(string), ttl)
	}
	return row, nil
}

func (ep endpoint) get(s *Server, c *call) (int, any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.purgeExpired()
	row, apiErr := ep.resolve(s, c)
	if apiErr != nil {
		return 0, nil, apiErr
	}
	if row == nil {
		return 0, nil, errNotFound
	}
	return http.StatusOK, s.present(ep.et, row), nil
}

// resolve finds the entity of an entity path (nil when it does not exist).
func (ep endpoint) resolve(s *Server, c *call) (map[string]any, *apiError) {
	parent, apiErr := ep.parentOf(s, c)
	if apiErr != nil {
		return nil, apiErr
	}
	return ep.childRow(s, c.params[len(c.params)-1], parent)
}

// parentOf resolves the parent of a nested call (nil at the top level).
func (ep endpoint) parentOf(s *Server, c *call) (map[string]any, *apiError) {
	if !ep.nested() {
		return nil, nil
	}
	return ep.parentRow(s, c)
}

// writeHandler wraps a POST/PUT/PATCH handler with what every write does first: read
// the body, take the store lock, refuse the write on a DB-less node, drop expired
// credentials and resolve the parent of a nested path (nil at the top level).
func (ep endpoint) writeHandler(verb string, fn func(s *Server, c *call, body requestBody, parent map[string]any) (int, any, *apiError)) handler {
	return func(s *Server, c *call) (int, any, *apiError) {
		body, apiErr := readBody(c.r)
		if apiErr != nil {
			return 0, nil, apiErr
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if apiErr := s.refuseDBLessWrite(verb, ep.et); apiErr != nil {
			return 0, nil, apiErr
		}
		s.purgeExpired()
		parent, apiErr := ep.parentOf(s, c)
		if apiErr != nil {
			return 0, nil, apiErr
		}
		return fn(s, c, body, parent)
	}
}

func (ep endpoint) put(s *Server, c *call, body requestBody, parent map[string]any) (int, any, *apiError) {
	if parent != nil {
		body.values[ep.fk] = fkRef(parent)
	}
	seg := c.params[len(c.params)-1]
	if isUUID(seg) {
		body.values["id"] = seg
	} else {
		key := ep.et.endpointKey
		if key == "" {
			key = ep.et.nestedKey
		}
		// A nested PUT does not check that an existing entity belongs to the parent:
		// it re-parents it (only keys scoped by the parent, like acl groups, are looked up under it).
		var existing map[string]any
		var apiErr *apiError
		if ep.et.endpointKey != "" {
			existing, apiErr = s.lookup(ep.et, seg)
		} else {
			existing, apiErr = ep.childRow(s, seg, parent)
		}
		if apiErr != nil {
			return 0, nil, apiErr
		}
		body.values[key] = seg
		if existing != nil {
			body.values["id"] = existing["id"]
		}
	}
	row, apiErr := s.write(ep.et, body, nil, modeUpsert)
	if apiErr != nil {
		return 0, nil, apiErr
	}
	return http.StatusOK, s.present(ep.et, row), nil
}

func (ep endpoint) patch(s *Server, c *call, body requestBody, parent map[string]any) (int, any, *apiError) {
	if _, set := body.values[ep.fk]; parent != nil && !set {
		body.values[ep.fk] = fkRef(parent)
	}
	seg := c.params[len(c.params)-1]
	stored, apiErr := ep.childRow(s, seg, parent)
	if apiErr != nil {
		return 0, nil, apiErr
	}
	if stored == nil {
		if ep.nested() || ep.et.table == "plugins" {
			return 0, nil, errNotFound
		}
		if isUUID(seg) || ep.et.endpointKey == "" {
			return 0, nil, notFoundByKey("id", seg)
		}
		return 0, nil, notFoundByKey(ep.et.endpointKey, seg)
	}
	row, apiErr := s.write(ep.et, body, stored, modeUpdate)
	if apiErr != nil {
		return 0, nil, apiErr
	}
	return http.StatusOK, s.present(ep.et, row), nil
}

func (ep endpoint) delete(s *Server, c *call) (int, any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if apiErr := s.refuseDBLessWrite("delete", ep.et); apiErr != nil {
		return 0, nil, apiErr
	}
	s.purgeExpired()
	row, apiErr := ep.resolve(s, c)
	if apiErr != nil {
		return 0, nil, apiErr
	}
	if row == nil {
		if ep.nested() {
			return 0, nil, errNotFound
		}
		return http.StatusNoContent, nil, nil
	}
	if apiErr := s.deleteRow(ep.et, row["id"].(string)); apiErr != nil {
		return 0, nil, apiErr
	}
	return http.StatusNoContent, nil, nil
}

func (ep endpoint) collectionMethods() map[string]handler {
	return map[string]handler{http.MethodGet: ep.list, http.MethodPost: ep.writeHandler("create", ep.create)}
}

func (ep endpoint) entityMethods() map[string]handler {
	return map[string]handler{http.MethodGet: ep.get, http.MethodPut: ep.writeHandler("create", ep.put),
		http.MethodPatch: ep.writeHandler("update", ep.patch), http.MethodDelete: ep.delete}
}

// refuseDBLessWrite answers writes on a DB-less node as Kong's "off" strategy does.
func (s *Server) refuseDBLessWrite(verb string, et *entityType) *apiError {
	if !s.opts.DBLess {
		return nil
	}
	return daoError(http.StatusMethodNotAllowed, codeOperationUnsupported, "operation unsupported",
		"cannot "+verb+" '"+et.table+"' entities when not using a database")
}

// foreignEntity serves "/routes/{r}/service"-style endpoints: the entity a child's
// foreign key points at.
type foreignEntity struct {
	child  *entityType
	fk     string
	target *entityType
}

// handle wraps a foreign-entity handler: it reads the body of a write (verb is "" for
// reads), takes the store lock, refuses writes on a DB-less node and finds the child
// and the entity its foreign key points at (target is nil when the key is null).
func (fe foreignEntity) handle(verb string, fn func(s *Server, body requestBody, child, target map[string]any) (int, any, *apiError)) handler {
	return func(s *Server, c *call) (int, any, *apiError) {
		var body requestBody
		if verb != "" {
			var apiErr *apiError
			if body, apiErr = readBody(c.r); apiErr != nil {
				return 0, nil, apiErr
			}
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if verb != "" {
			if apiErr := s.refuseDBLessWrite(verb, fe.target); apiErr != nil {
				return 0, nil, apiErr
			}
		}
		s.purgeExpired()
		child, apiErr := s.lookup(fe.child, c.params[0])
		if apiErr != nil {
			return 0, nil, apiErr
		}
		if child == nil {
			return 0, nil, errNotFound
		}
		var target map[string]any
		if id := fkID(child, fe.fk); id != "" {
			target = s.tables[fe.target.table].rows[id]
		}
		return fn(s, body, child, target)
	}
}

func (fe foreignEntity) methods() map[string]handler {
	get := func(s *Server, _ requestBody, _, target map[string]any) (int, any, *apiError) {
		if target == nil {
			return 0, nil, errNotFound
		}
		return http.StatusOK, s.present(fe.target, target), nil
	}
	patch := func(s *Server, body requestBody, _, target map[string]any) (int, any, *apiError) {
		if target == nil {
			return 0, nil, errNotFound
		}
		updated, apiErr := s.write(fe.target, body, target, modeUpdate)
		if apiErr != nil {
			return 0, nil, apiErr
		}
		return http.StatusOK, s.present(fe.target, updated), nil
	}
	// PUT upserts the referenced entity; when the foreign key is null it creates one
	// and links the child to it.
	put := func(s *Server, body requestBody, child, target map[string]any) (int, any, *apiError) {
		if target != nil {
			body.values["id"] = target["id"]
		}
		row, apiErr := s.write(fe.target, body, nil, modeUpsert)
		if apiErr != nil {
			return 0, nil, apiErr
		}
		if target == nil {
			link := requestBody{values: map[string]any{fe.fk: fkRef(row)}}
			if _, apiErr := s.write(fe.child, link, child, modeUpdate); apiErr != nil {
				return 0, nil, apiErr
			}
		}
		return http.StatusOK, s.present(fe.target, row), nil
	}
	// DELETE cannot remove a linked entity through its child.
	del := func(_ *Server, _ requestBody, _, target map[string]any) (int, any, *apiError) {
		if target == nil {
			return 0, nil, errNotFound
		}
		return 0, nil, errMethodNotAllowed
	}
	return map[string]handler{http.MethodGet: fe.handle("", get), http.MethodPut: fe.handle("create", put),
		http.MethodPatch: fe.handle("update", patch), http.MethodDelete: fe.handle("", del)}
}
