package kongtest

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

const (
	defaultPageSize = 100
	maxPageSize     = 1000
	maxTagsInFilter = 5
)

// pageOptions are the parsed size/offset/tags query parameters of a collection GET.
type pageOptions struct {
	size     int
	sizeSet  bool
	after    string // id of the last row of the previous page
	tags     []string
	tagsRaw  string
	matchAll bool
}

// parsePageOptions validates size, offset and (for top-level collections) tags as Kong does.
func parsePageOptions(q url.Values, withTags bool) (pageOptions, *apiError) {
	p := pageOptions{size: defaultPageSize}
	if q.Has("size") {
		n, err := strconv.ParseFloat(q.Get("size"), 64)
		if err != nil {
			return p, invalidSize("size must be a number")
		}
		if n < 1 || n > maxPageSize || n != float64(int(n)) {
			return p, invalidSize("size must be an integer between 1 and 1000")
		}
		p.size, p.sizeSet = int(n), true
	}
	if q.Has("offset") {
		after, apiErr := decodeOffset(q.Get("offset"))
		if apiErr != nil {
			return p, apiErr
		}
		p.after = after
	}
	if withTags && q.Has("tags") {
		tags, matchAll, msg := parseTagsFilter(q.Get("tags"))
		if msg != "" {
			return p, invalidOptions("tags", msg)
		}
		p.tags, p.matchAll, p.tagsRaw = tags, matchAll, q.Get("tags")
	}
	return p, nil
}

// parseTagsFilter parses "a,b" (all of) or "a/b" (any of); mixing both is invalid.
func parseTagsFilter(raw string) (tags []string, matchAll bool, message string) {
	if raw == "" {
		return nil, false, "cannot be null"
	}
	hasAnd, hasOr := strings.Contains(raw, ","), strings.Contains(raw, "/")
	if hasAnd && hasOr {
		return nil, false, "invalid filter syntax"
	}
	sep := "/"
	if hasAnd {
		sep = ","
	}
	tags = strings.Split(raw, sep)
	for _, t := range tags {
		if t == "" || checkTag(t) != "" {
			return nil, false, "invalid filter syntax"
		}
	}
	if len(tags) > maxTagsInFilter {
		return nil, false, "cannot query more than 5 tags"
	}
	return tags, hasAnd, ""
}

func (p pageOptions) matchTags(row map[string]any) bool {
	if len(p.tags) == 0 {
		return true
	}
	rowTags, _ := row["tags"].([]any)
	for _, want := range p.tags {
		has := containsValue(rowTags, want)
		if p.matchAll && !has {
			return false
		}
		if !p.matchAll && has {
			return true
		}
	}
	return p.matchAll
}

// encodeOffset is Kong's offset token: unpadded base64 of the JSON array of the last primary key.
func encodeOffset(id string) string {
	raw, _ := json.Marshal([]string{id})
	return base64.RawStdEncoding.EncodeToString(raw)
}

func decodeOffset(token string) (string, *apiError) {
	raw, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(token, "="))
	if err != nil {
		return "", invalidOffset(token, "bad base64 encoding")
	}
	var key []string
	if err := json.Unmarshal(raw, &key); err != nil || len(key) != 1 {
		return "", invalidOffset(token, "bad json encoding")
	}
	return key[0], nil
}

// paginate returns the page of rows after p.after among ids (sorted ascending) that
// match, and the offset token when at least one more matching row follows.
func paginate(t *table, ids []string, p pageOptions, match func(map[string]any) bool) ([]map[string]any, string) {
	start := 0
	if p.after != "" {
		start = sort.SearchStrings(ids, p.after)
		if start < len(ids) && ids[start] == p.after {
			start++
		}
	}
	rows := make([]map[string]any, 0, min(p.size, len(ids)-start))
	for _, id := range ids[start:] {
		row := t.rows[id]
		if match != nil && !match(row) {
			continue
		}
		if len(rows) == p.size {
			return rows, encodeOffset(rows[len(rows)-1]["id"].(string))
		}
		rows = append(rows, row)
	}
	return rows, ""
}

// listBody builds {"data", "next", "offset"}; next carries tags and size only at the top level.
func listBody(path string, data []any, offset string, p pageOptions, topLevel bool) map[string]any {
	body := map[string]any{"data": data, "next": nil}
	if offset == "" {
		return body
	}
	next := path + "?offset=" + url.QueryEscape(offset)
	if topLevel {
		if p.tagsRaw != "" {
			next += "&tags=" + url.QueryEscape(p.tagsRaw)
		}
		if p.sizeSet {
			next += "&size=" + strconv.Itoa(p.size)
		}
	}
	body["next"] = next
	body["offset"] = offset
	return body
}
