package kongtest

import (
	"fmt"
	"net/url"
	"testing"
)

func TestConsumers(t *testing.T) {
	s, _ := newTestServer(t)
	runSteps(t, s, []step{
		{name: "username or custom_id required", method: "POST", path: "/consumers", body: `{}`, status: 400,
			want: `{"code":2,"message":"schema violation (at least one of these fields must be non-empty: 'custom_id', 'username')","fields":{"@entity":["at least one of these fields must be non-empty: 'custom_id', 'username'"]}}`},
		{method: "PUT", path: "/consumers/bob", body: `{"custom_id":"c1"}`, status: 200,
			want: `{"username":"bob","custom_id":"c1","tags":null}`},
		{name: "custom_id unique", method: "POST", path: "/consumers", body: `{"custom_id":"c1"}`, status: 409,
			want: `{"message":"UNIQUE violation detected on '{custom_id=\"c1\"}'"}`},
		{name: "PATCH wording", method: "PATCH", path: "/consumers/bob", body: `{"username":null,"custom_id":null}`, status: 400,
			want: `{"message":"schema violation (when updating, at least one of these fields must be non-empty: 'custom_id', 'username')"}`},
		{name: "?custom_id= lookup", method: "GET", path: "/consumers?custom_id=c1", status: 200, want: `{"next":null}`, absent: []string{"offset"}},
		{name: "?custom_id= miss", method: "GET", path: "/consumers?custom_id=zz", status: 200, want: `{"data":[],"next":null}`},
		{name: "empty custom_id", method: "GET", path: "/consumers?custom_id=", status: 400, want: `{"message":"custom_id must be an unempty string"}`},
	})
}

func TestPagination(t *testing.T) {
	s, _ := newTestServer(t)
	var ids []string
	for i := 0; i < 5; i++ {
		id := fmt.Sprintf("%08d-0000-4000-8000-000000000000", i)
		ids = append(ids, id)
		tags := `["all"]`
		if i%2 == 0 {
			tags = `["all","even"]`
		}
		runSteps(t, s, []step{{method: "PUT", path: "/consumers/" + id, body: `{"username":"u` + id[:8] + `","tags":` + tags + `}`, status: 200}})
	}
	token := encodeOffset(ids[1])
	runSteps(t, s, []step{
		{name: "first page", method: "GET", path: "/consumers?size=2", status: 200,
			want: `{"offset":"` + token + `","next":"/consumers?offset=` + url.QueryEscape(token) + `&size=2"}`},
		{name: "last page has no offset and a null next", method: "GET", path: "/consumers?size=2&offset=" + url.QueryEscape(encodeOffset(ids[3])), status: 200,
			want: `{"next":null}`, absent: []string{"offset"}},
		{name: "empty result", method: "GET", path: "/services", status: 200, want: `{"data":[],"next":null}`, absent: []string{"offset"}},
		{name: "next carries tags", method: "GET", path: "/consumers?tags=all&size=1", status: 200,
			want: `{"next":"/consumers?offset=` + url.QueryEscape(encodeOffset(ids[0])) + `&tags=all&size=1"}`},
		{name: "size range", method: "GET", path: "/consumers?size=1001", status: 400,
			want: `{"code":9,"name":"invalid size","message":"size must be an integer between 1 and 1000"}`},
		{name: "size not a number", method: "GET", path: "/consumers?size=x", status: 400, want: `{"code":9,"message":"size must be a number"}`},
		{name: "bad offset", method: "GET", path: "/consumers?offset=%25%25", status: 400,
			want: `{"code":7,"name":"invalid offset","message":"'%%' is not a valid offset: bad base64 encoding"}`},
		{name: "offset not JSON", method: "GET", path: "/consumers?offset=eHl6", status: 400,
			want: `{"code":7,"message":"'eHl6' is not a valid offset: bad json encoding"}`},
		{name: "mixed tag operators", method: "GET", path: "/consumers?tags=a,b/c", status: 400,
			want: `{"code":11,"name":"invalid options","message":"invalid option (tags: invalid filter syntax)","options":{"tags":"invalid filter syntax"}}`},
		{name: "too many tags", method: "GET", path: "/consumers?tags=a,b,c,d,e,f", status: 400,
			want: `{"message":"invalid option (tags: cannot query more than 5 tags)"}`},
		{name: "empty tags", method: "GET", path: "/consumers?tags=", status: 400, want: `{"message":"invalid option (tags: cannot be null)"}`},
	})
	cases := []struct {
		query string
		want  []string
	}{
		{"tags=even", []string{ids[0], ids[2], ids[4]}},
		{"tags=all,even", []string{ids[0], ids[2], ids[4]}},
		{"tags=even/all", ids},
		{"tags=even,none", nil},
		{"tags=none/even", []string{ids[0], ids[2], ids[4]}},
	}
	for _, tc := range cases {
		_, got := request(t, s, "GET", "/consumers?"+tc.query, "", "")
		var gotIDs []string
		for _, row := range got["data"].([]any) {
			gotIDs = append(gotIDs, row.(map[string]any)["id"].(string))
		}
		if fmt.Sprint(gotIDs) != fmt.Sprint(tc.want) {
			t.Errorf("%s: got %v, want %v (in id order)", tc.query, gotIDs, tc.want)
		}
	}
}

func TestNestedListIgnoresTagsAndHasShortNext(t *testing.T) {
	s, _ := newTestServer(t)
	runSteps(t, s, []step{{method: "PUT", path: "/services/svc", body: `{"host":"a"}`, status: 200}})
	for i := 0; i < 3; i++ {
		runSteps(t, s, []step{{method: "POST", path: "/services/svc/routes", body: fmt.Sprintf(`{"paths":["/%d"]}`, i), status: 201}})
	}
	_, got := request(t, s, "GET", "/services/svc/routes?size=2&tags=nothing", "", "")
	if n := len(got["data"].([]any)); n != 2 {
		t.Fatalf("nested list with tags: %d rows, want 2 (tags ignored)", n)
	}
	want := "/services/svc/routes?offset=" + url.QueryEscape(got["offset"].(string))
	if got["next"] != want {
		t.Errorf("nested next = %v, want %s (no size, no tags)", got["next"], want)
	}
}
