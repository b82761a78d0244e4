package kongtest

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// The tags entity (kong/db/schema/entities/tags.lua, kong/api/routes/tags.lua): a read-only view of every
// tag of every entity, one row per entity and tag, ordered by entity id (and a tag's position in the
// entity's tags). GET /tags pages all of them, GET /tags/{tag} the entities carrying one tag; the ?tags=
// filter is ignored and writes fail as the tags DAO refuses them.

// tagRow is one row of the tags view.
type tagRow struct {
	entityID, entityName, tag string
	ordinality                int // 1-based position of the tag in the entity's tags
}

// tagRows lists the rows of the tags view, sorted as Kong's query returns them.
func (s *Server) tagRows() []tagRow {
	var rows []tagRow
	for _, et := range s.typeOrder {
		if !et.hasField("tags") {
			continue
		}
		for _, row := range s.tables[et.table].rows {
			tags, _ := row["tags"].([]any)
			for i, tag := range tags {
				rows = append(rows, tagRow{row["id"].(string), et.table, tag.(string), i + 1})
			}
		}
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].entityID != rows[j].entityID {
			return rows[i].entityID < rows[j].entityID
		}
		return rows[i].ordinality < rows[j].ordinality
	})
	return rows
}

func listTags(s *Server, c *call) (int, any, *apiError) {
	return pageTags(s, c, "", "/tags")
}

func listTagged(s *Server, c *call) (int, any, *apiError) {
	tag := c.params[0]
	if msg := checkTag(tag); msg != "" {
		return 0, nil, invalidUnique("tag", msg)
	}
	return pageTags(s, c, tag, "/tags/"+tag)
}

// pageTags answers both endpoints: tag "" pages every row, with an offset of [entity_id, ordinality];
// a tag pages the rows of that tag, with an offset of [entity_id].
func pageTags(s *Server, c *call, tag, path string) (int, any, *apiError) {
	q := url.Values{}
	if c.query.Has("size") {
		q.Set("size", c.query.Get("size"))
	}
	page, apiErr := parsePageOptions(q, false) // the offset has the view's own format
	if apiErr != nil {
		return 0, nil, apiErr
	}
	afterID, afterOrd, apiErr := decodeTagOffset(c.query.Get("offset"), c.query.Has("offset"))
	if apiErr != nil {
		return 0, nil, apiErr
	}
	s.mu.Lock()
	all := s.tagRows()
	s.mu.Unlock()
	data := []any{}
	var last tagRow
	offset := ""
	for _, r := range all {
		if tag != "" && r.tag != tag || c.query.Has("offset") && (r.entityID < afterID ||
			r.entityID == afterID && (tag != "" || r.ordinality <= afterOrd)) {
			continue
		}
		if len(data) == page.size {
			key := []any{last.entityID}
			if tag == "" {
				key = append(key, last.ordinality)
			}
			raw, _ := json.Marshal(key)
			offset = base64.RawStdEncoding.EncodeToString(raw)
			break
		}
		data = append(data, map[string]any{"entity_id": r.entityID, "entity_name": r.entityName, "tag": r.tag})
		last = r
	}
	body := map[string]any{"data": data, "next": nil}
	if offset != "" {
		next := path + "?offset=" + url.QueryEscape(offset)
		if tag == "" && c.query.Has("tags") {
			next += "&tags=" + url.QueryEscape(c.query.Get("tags"))
		}
		if tag == "" && page.sizeSet {
			next += "&size=" + c.query.Get("size")
		}
		body["next"], body["offset"] = next, offset
	}
	return http.StatusOK, body, nil
}

// decodeTagOffset reads the offset token of the tags view: base64 of a JSON array whose first element is
// an entity id and whose second, on GET /tags, is the ordinality of the last tag returned.
func decodeTagOffset(token string, present bool) (id string, ordinality int, apiErr *apiError) {
	if !present {
		return "", 0, nil
	}
	raw, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(token, "="))
	if err != nil {
		return "", 0, invalidOffset(token, "bad base64 encoding")
	}
	var key []any
	if err := json.Unmarshal(raw, &key); err != nil || len(key) == 0 {
		return "", 0, invalidOffset(token, "bad json encoding")
	}
	id, _ = key[0].(string)
	if len(key) > 1 {
		if n, ok := key[1].(float64); ok {
			ordinality = int(n)
		} else if str, ok := key[1].(string); ok {
			ordinality, _ = strconv.Atoi(str)
		}
	}
	return id, ordinality, nil
}

// tagsReadOnly answers the writes the tags DAO refuses.
func tagsReadOnly(*Server, *call) (int, any, *apiError) {
	return 0, nil, schemaViolation(map[string]any{"tags": "does not support insert/upsert/update/delete operations"})
}
