package kongtest

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
)

// Targets (kong/db/schema/entities/targets.lua, kong/db/dao/targets.lua, kong/api/routes/upstreams.lua):
// the addresses an upstream balances over. They are served only under their upstream; /targets is
// disabled. A target is unique by address within its upstream (Kong's cache key), an insert stores the
// address normalised with Kong's default port 8000, and PUT under the upstream updates an existing target
// like PATCH instead of upserting.

const (
	targetsTable      = "targets"
	targetDefaultPort = 8000
)

func newTargetsType() *entityType {
	fields := []*field{
		{name: "id", kind: kindID, auto: true},
		{name: "created_at", kind: kindTimestampMs, auto: true},
		{name: "updated_at", kind: kindTimestampMs, auto: true},
		foreignField("upstream", "upstreams").req(),
		stringField("target").req().with(stringCheck(checkTarget)),
		integerField("weight").dflt(int64(100)).between(0, 65535),
		tagsField(),
	}
	return &entityType{
		table: targetsTable, schema: newSchema(targetsTable, fields...),
		uniques:     []uniqueConstraint{{"upstream", "target"}},
		foreignKeys: []foreignKey{{field: "upstream", table: "upstreams", onDelete: onDeleteCascade}},
	}
}

func checkTarget(s string) string {
	if _, msg := parseAddress(s); msg != "" {
		return "Invalid target ('" + s + "'); not a valid hostname or ip address"
	}
	return ""
}

// formatTarget is the DAO's format_target: the address normalised, with port 8000 when it has none.
func formatTarget(s string) (string, bool) {
	a, msg := parseAddress(s)
	if msg != "" {
		return "", false
	}
	return a.format(targetDefaultPort), true
}

// presentTarget is a target as Kong's select shows it: the stored address formatted (an address written
// by PATCH is stored as sent).
func presentTarget(row map[string]any) map[string]any {
	out := make(map[string]any, len(row))
	for k, v := range row {
		out[k] = v
	}
	if s, ok := row["target"].(string); ok {
		if formatted, ok := formatTarget(s); ok {
			out["target"] = formatted
		}
	}
	return out
}

func asFloat(v any) float64 {
	switch n := v.(type) {
	case int64:
		return float64(n)
	case float64:
		return n
	}
	return 0
}

// targetEndpoints serves /upstreams/{upstream}/targets and below.
type targetEndpoints struct{ ep endpoint }

// newestFirst lists an upstream's targets as page_for_upstream does: newest first, one per address.
func (te targetEndpoints) newestFirst(s *Server, upstreamID string) []map[string]any {
	t := s.tables[targetsTable]
	var rows []map[string]any
	for _, id := range t.children("upstream", upstreamID) {
		rows = append(rows, presentTarget(t.rows[id]))
	}
	sort.Slice(rows, func(i, j int) bool {
		a, b := asFloat(rows[i]["created_at"]), asFloat(rows[j]["created_at"])
		if a != b {
			return a > b
		}
		return rows[i]["id"].(string) > rows[j]["id"].(string)
	})
	seen := map[any]bool{}
	out := rows[:0]
	for _, row := range rows {
		if !seen[row["target"]] {
			seen[row["target"]] = true
			out = append(out, row)
		}
	}
	return out
}

// list pages with a numeric offset into the newest-first list; size is only required to be a number.
func (te targetEndpoints) list(s *Server, c *call) (int, any, *apiError) {
	size := defaultPageSize
	if c.query.Has("size") {
		n, err := strconv.ParseFloat(c.query.Get("size"), 64)
		if err != nil {
			return 0, nil, invalidSize("size must be a number")
		}
		size = min(int(n), maxPageSize)
	}
	offset := 0
	if c.query.Has("offset") {
		n, err := strconv.Atoi(c.query.Get("offset"))
		if err != nil || n < 0 {
			// Kong does arithmetic on the offset string, which fails for anything but a number.
			return 0, nil, messageError(http.StatusInternalServerError, "An unexpected error occurred")
		}
		offset = n
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	parent, apiErr := te.ep.parentRow(s, c)
	if apiErr != nil {
		return 0, nil, apiErr
	}
	all := te.newestFirst(s, parent["id"].(string))
	data := []any{}
	for i := offset; size > 0 && i < offset+size && i < len(all); i++ {
		data = append(data, all[i])
	}
	body := map[string]any{"data": data, "next": nil}
	if next := offset + max(size, 0); next < len(all) {
		body["offset"] = strconv.Itoa(next)
		body["next"] = "/upstreams/" + url.PathEscape(c.params[0]) + "/targets?offset=" + strconv.Itoa(next)
	}
	return http.StatusOK, body, nil
}

// listAll is /targets/all: every target in primary-key order, with Kong's generic offsets.
func (te targetEndpoints) listAll(s *Server, c *call) (int, any, *apiError) {
	page, apiErr := parsePageOptions(c.query, false)
	if apiErr != nil {
		return 0, nil, apiErr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	parent, apiErr := te.ep.parentRow(s, c)
	if apiErr != nil {
		return 0, nil, apiErr
	}
	t := s.tables[targetsTable]
	ids := t.children("upstream", parent["id"].(string))
	sort.Strings(ids)
	rows, offset := paginate(t, ids, page, nil)
	data := make([]any, len(rows))
	for i, row := range rows {
		data[i] = presentTarget(row)
	}
	return http.StatusOK, listBody(c.path, data, offset, page, false), nil
}

// create is POST: the address is normalised (and refused) before anything else is validated.
func (te targetEndpoints) create(s *Server, _ *call, body requestBody, parent map[string]any) (int, any, *apiError) {
	if raw, ok := body.values["target"].(string); ok {
		formatted, ok := formatTarget(raw)
		if !ok {
			return 0, nil, schemaViolation(map[string]any{"target": "Invalid target; not a valid hostname or ip address"})
		}
		body.values["target"] = formatted
	}
	body.values["upstream"] = fkRef(parent)
	row, apiErr := s.write(te.ep.et, body, nil, modeInsert)
	if apiErr != nil {
		return 0, nil, apiErr
	}
	return http.StatusCreated, presentTarget(row), nil
}

// find resolves {target id or address} under the upstream: an id must belong to it, an address is
// compared in its normalised form (so it needs its port).
func (te targetEndpoints) find(s *Server, seg string, parent map[string]any) map[string]any {
	if isUUID(seg) {
		row := s.tables[targetsTable].rows[seg]
		if row == nil || fkID(row, "upstream") != parent["id"] {
			return nil
		}
		return row
	}
	for _, row := range te.newestFirst(s, parent["id"].(string)) {
		if row["target"] == seg {
			return s.tables[targetsTable].rows[row["id"].(string)]
		}
	}
	return nil
}

func (te targetEndpoints) get(s *Server, c *call) (int, any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	parent, apiErr := te.ep.parentRow(s, c)
	if apiErr != nil {
		return 0, nil, apiErr
	}
	row := te.find(s, c.params[1], parent)
	if row == nil {
		return 0, nil, errNotFound
	}
	return http.StatusOK, presentTarget(row), nil
}

// update serves PUT and PATCH alike: a merge into an existing target (404 when there is none). The
// address is stored as sent, and the answer shows it so.
func (te targetEndpoints) update(s *Server, c *call, body requestBody, parent map[string]any) (int, any, *apiError) {
	stored := te.find(s, c.params[1], parent)
	if stored == nil {
		return 0, nil, errNotFound
	}
	row, apiErr := s.write(te.ep.et, body, stored, modeUpdate)
	if apiErr != nil {
		return 0, nil, apiErr
	}
	return http.StatusOK, row, nil
}

func (te targetEndpoints) delete(s *Server, c *call) (int, any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if apiErr := s.refuseDBLessWrite("delete", te.ep.et); apiErr != nil {
		return 0, nil, apiErr
	}
	parent, apiErr := te.ep.parentRow(s, c)
	if apiErr != nil {
		return 0, nil, apiErr
	}
	row := te.find(s, c.params[1], parent)
	if row == nil {
		return 0, nil, errNotFound
	}
	if apiErr := s.deleteRow(te.ep.et, row["id"].(string)); apiErr != nil {
		return 0, nil, apiErr
	}
	return http.StatusNoContent, nil, nil
}

// disabled answers Kong's deactivated /targets endpoints: 404 for the methods Kong generated for them.
func disabled(_ *Server, _ *call) (int, any, *apiError) { return 0, nil, errNotFound }

func (s *Server) registerTargetRoutes() {
	te := targetEndpoints{ep: endpoint{et: s.types[targetsTable], parent: s.types["upstreams"], fk: "upstream"}}
	base := "/upstreams/{upstream_id_or_name}/targets"
	s.router.handle(base, map[string]handler{http.MethodGet: te.list, http.MethodPost: te.ep.writeHandler("create", te.create)})
	s.router.handle(base+"/all", map[string]handler{http.MethodGet: te.listAll})
	s.router.handle(base+"/{target_id_or_target}", map[string]handler{http.MethodGet: te.get,
		http.MethodPut: te.ep.writeHandler("update", te.update), http.MethodPatch: te.ep.writeHandler("update", te.update),
		http.MethodDelete: te.delete})
	entity := map[string]handler{http.MethodGet: disabled, http.MethodPut: disabled, http.MethodPatch: disabled, http.MethodDelete: disabled}
	s.router.handle("/targets", map[string]handler{http.MethodGet: disabled, http.MethodPost: disabled})
	s.router.handle("/targets/{target_id}", entity)
	s.router.handle("/targets/{target_id}/upstream", entity)
}
