package kongtest

import (
	"encoding/json"
	"fmt"
	"net/url"
	"testing"
)

// TestTags pages GET /tags and GET /tags/{tag} over entities of several types and checks rows, order,
// offsets, the ignored ?tags= filter, an invalid tag and the refused writes.
func TestTags(t *testing.T) {
	s, _ := newTestServer(t)
	runSteps(t, s, []step{
		{method: "PUT", path: "/services/" + svc2ID, body: `{"name":"s2","host":"b.test","tags":["b","shared"]}`, status: 200},
		{method: "PUT", path: "/services/" + svcID, body: `{"name":"s1","host":"a.test","tags":["shared","a"]}`, status: 200},
		{method: "PUT", path: "/routes/" + routeID, body: `{"paths":["/r"],"tags":["shared"]}`, status: 200},
		{method: "PUT", path: "/consumers/" + consID, body: `{"username":"u"}`, status: 200}, // no tags: no rows
	})
	row := func(id, name, tag string) map[string]any {
		return map[string]any{"entity_id": id, "entity_name": name, "tag": tag}
	}
	all := []any{row(svcID, "services", "shared"), row(svcID, "services", "a"),
		row(svc2ID, "services", "b"), row(svc2ID, "services", "shared"), row(routeID, "routes", "shared")}
	var got []any
	next := "/tags?size=2&tags=ignored"
	for pages := 0; next != ""; pages++ {
		w, body := request(t, s, "GET", next, "", "")
		if w.Code != 200 || pages > 3 {
			t.Fatalf("GET %s: %d %s", next, w.Code, w.Body.String())
		}
		got = append(got, body["data"].([]any)...)
		next, _ = body["next"].(string)
		if next != "" {
			u, _ := url.Parse(next)
			if u.Query().Get("size") != "2" || u.Query().Get("tags") != "ignored" {
				t.Errorf("next %q does not carry size and tags", next)
			}
		}
	}
	if a, b := tagsJSON(got), tagsJSON(all); a != b {
		t.Errorf("GET /tags pages =\n%s\nwant\n%s", a, b)
	}
	w, body := request(t, s, "GET", "/tags/shared?size=2", "", "")
	want := []any{row(svcID, "services", "shared"), row(svc2ID, "services", "shared")}
	if w.Code != 200 || tagsJSON(body["data"]) != tagsJSON(want) || body["next"] != "/tags/shared?offset="+url.QueryEscape(body["offset"].(string)) {
		t.Fatalf("GET /tags/shared?size=2 = %d %s", w.Code, w.Body.String())
	}
	_, body = request(t, s, "GET", body["next"].(string), "", "")
	if tagsJSON(body["data"]) != tagsJSON([]any{row(routeID, "routes", "shared")}) || body["next"] != nil {
		t.Errorf("second page of /tags/shared = %s", tagsJSON(body))
	}
	runSteps(t, s, []step{
		{name: "no entity carries the tag", method: "GET", path: "/tags/none", status: 200, want: `{"data":[],"next":null}`},
		{name: "an invalid tag", method: "GET", path: "/tags/a,b", status: 400, want: `{"code":10,"name":"invalid unique tag",` +
			"\"message\":\"invalid tag 'a,b': expected printable ascii (except `,` and `/`) or valid utf-8 sequences\"}"},
		{name: "a bad offset", method: "GET", path: "/tags?offset=%25%25", status: 400, want: `{"code":7}`},
		{name: "writes are refused", method: "POST", path: "/tags", body: `{"tag":"x"}`, status: 400,
			want: `{"code":2,"fields":{"tags":"does not support insert/upsert/update/delete operations"}}`},
		{method: "DELETE", path: "/tags/shared", status: 400, want: `{"code":2}`},
	})
}

func tagsJSON(v any) string {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(raw)
}
