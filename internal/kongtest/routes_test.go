package kongtest

import "testing"

func TestRouteDefaults(t *testing.T) {
	s, _ := newTestServer(t)
	runSteps(t, s, []step{
		{method: "PUT", path: "/services/" + svcID, body: `{"name":"svc","host":"a.test"}`, status: 200},
		{name: "nested POST forces the service (facts §5 route example)", method: "POST", path: "/services/svc/routes",
			body: `{"paths":["/x"],"service":{"id":"` + missing + `"}}`, status: 201,
			want: `{"name":null,"protocols":["http","https"],"https_redirect_status_code":426,"strip_path":true,"preserve_host":false,
				"request_buffering":true,"response_buffering":true,"tags":null,"service":{"id":"` + svcID + `"},"snis":null,"sources":null,
				"destinations":null,"methods":null,"hosts":null,"paths":["/x"],"headers":null,"regex_priority":0,"path_handling":"v0"}`},
		{name: "grpc routes default strip_path to false", method: "POST", path: "/routes",
			body: `{"protocols":["grpc"],"paths":["/g"]}`, status: 201, want: `{"strip_path":false,"service":null}`},
		{name: "sets are de-duplicated", method: "POST", path: "/routes",
			body: `{"methods":["GET","GET","POST"],"tags":["a","a"]}`, status: 201, want: `{"methods":["GET","POST"],"tags":["a"]}`},
		{name: "arrays keep duplicates", method: "POST", path: "/routes",
			body: `{"paths":["/d","/d"]}`, status: 201, want: `{"paths":["/d","/d"]}`},
	})
}

func TestRouteValidation(t *testing.T) {
	cases := []struct {
		name, body, want string
	}{
		{"empty route gets the https message", `{}`,
			`{"message":"schema violation (must set one of 'methods', 'hosts', 'headers', 'paths', 'snis' when 'protocols' is 'https')","fields":{"@entity":["must set one of 'methods', 'hosts', 'headers', 'paths', 'snis' when 'protocols' is 'https'"]}}`},
		{"http only", `{"protocols":["http"]}`,
			`{"message":"schema violation (must set one of 'methods', 'hosts', 'headers', 'paths' when 'protocols' is 'http')"}`},
		{"methods uppercase", `{"methods":["get"]}`, `{"message":"schema violation (methods.1: invalid value: get)","fields":{"methods":["invalid value: get"]}}`},
		{"path start", `{"paths":["x"]}`, `{"message":"schema violation (paths.1: should start with: / (fixed path) or ~/ (regex path))"}`},
		{"non-normalized path", `{"paths":["/a/../b"]}`, `{"message":"schema violation (paths.1: non-normalized path, consider use '/b' instead)"}`},
		{"encoded unreserved char", `{"paths":["/%61"]}`, `{"message":"schema violation (paths.1: non-normalized path, consider use '/a' instead)"}`},
		{"protocol groups", `{"protocols":["http","tcp"],"paths":["/a"]}`,
			`{"message":"schema violation (protocols: these sets are mutually exclusive: ('http', 'https'), ('tcp', 'tls', 'udp'))"}`},
		{"https_redirect_status_code", `{"paths":["/a"],"https_redirect_status_code":303}`,
			`{"message":"schema violation (https_redirect_status_code: expected one of: 426, 301, 302, 307, 308)"}`},
		{"path_handling", `{"paths":["/a"],"path_handling":"v2"}`, `{"message":"schema violation (path_handling: expected one of: v0, v1)"}`},
		{"host header", `{"headers":{"Host":["a"]}}`,
			`{"message":"schema violation (headers: cannot contain 'host' header, which must be specified in the 'hosts' attribute)"}`},
		{"header name", `{"headers":{"a b":["a"]}}`,
			`{"message":"schema violation (headers: bad header name 'a b', allowed characters are A-Z, a-z, 0-9, '_', and '-')"}`},
		{"two wildcards", `{"hosts":["*.a.*"]}`, `{"message":"schema violation (hosts.1: invalid wildcard: must have at most one wildcard)"}`},
		{"wildcard placement", `{"hosts":["a.*.b"]}`, `{"message":"schema violation (hosts.1: invalid wildcard: must be placed at leftmost or rightmost label)"}`},
		{"sni is not an IP", `{"paths":["/a"],"snis":["1.2.3.4"]}`, `{"message":"schema violation (snis.1: must not be an IP)","fields":{"snis":["must not be an IP"]}}`},
		{"snis need a TLS protocol", `{"protocols":["http"],"paths":["/a"],"snis":["a.test"]}`,
			`{"message":"schema violation ('snis' can only be set when 'protocols' is 'grpcs', 'https', 'tls' or 'tls_passthrough')"}`},
		{"sources on http", `{"paths":["/a"],"sources":[{"ip":"10.0.0.1"}]}`,
			`{"message":"schema violation (sources: cannot set 'sources' when 'protocols' is 'http' or 'https')"}`},
		{"grpc strip_path", `{"protocols":["grpc"],"paths":["/a"],"strip_path":true}`,
			`{"message":"schema violation (strip_path: cannot set 'strip_path' when 'protocols' is 'grpc' or 'grpcs')"}`},
		{"stream without endpoints", `{"protocols":["tcp"]}`,
			`{"message":"schema violation (must set one of 'sources', 'destinations', 'snis' when 'protocols' is 'tcp', 'tls' or 'udp')"}`},
		{"stream with methods", `{"protocols":["tcp"],"destinations":[{"port":80}],"methods":["GET"]}`,
			`{"message":"schema violation (methods: cannot set 'methods' when 'protocols' is 'tcp', 'tls', 'tls_passthrough' or 'udp')"}`},
		{"tls_passthrough needs snis", `{"protocols":["tls_passthrough"]}`,
			`{"message":"schema violation (must set snis when 'protocols' is 'tls_passthrough')"}`},
		{"url is unknown on routes", `{"paths":["/a"],"url":"http://x"}`, `{"message":"schema violation (url: unknown field)"}`},
		{"bare string foreign key", `{"paths":["/a"],"service":"` + svcID + `"}`,
			`{"message":"schema violation (service.id: missing primary key)","fields":{"service":{"id":"missing primary key"}}}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newTestServer(t)
			runSteps(t, s, []step{{method: "POST", path: "/routes", body: tc.body, status: 400, want: tc.want}})
		})
	}
}

func TestRouteForeignKeys(t *testing.T) {
	s, _ := newTestServer(t)
	runSteps(t, s, []step{
		{name: "missing service is code 4", method: "POST", path: "/routes", body: `{"paths":["/a"],"service":{"id":"` + missing + `"}}`, status: 400,
			want: `{"code":4,"name":"foreign key violation","message":"the foreign key '{id=\"` + missing + `\"}' does not reference an existing 'services' entity.","fields":{"service":{"id":"` + missing + `"}}}`},
		{name: "FK by unknown name is code 13", method: "POST", path: "/routes", body: `{"paths":["/a"],"service":{"name":"x"}}`, status: 400,
			want: `{"code":13,"name":"foreign keys unresolved","message":"foreign key unresolved (service.name: the foreign key cannot be resolved with '{name=\"x\"}' for an existing 'services' entity)","fields":{"service":{"name":"the foreign key cannot be resolved with '{name=\"x\"}' for an existing 'services' entity"}}}`},
		{method: "PUT", path: "/services/" + svcID, body: `{"name":"svc","host":"a.test"}`, status: 200},
		{method: "PUT", path: "/services/" + svc2ID, body: `{"name":"svc2","host":"b.test"}`, status: 200},
		{name: "FK by name is resolved", method: "PUT", path: "/routes/r1", body: `{"paths":["/a"],"service":{"name":"svc"}}`, status: 200,
			want: `{"service":{"id":"` + svcID + `"},"name":"r1"}`},
		{name: "/routes/{r}/service", method: "GET", path: "/routes/r1/service", status: 200, want: `{"id":"` + svcID + `"}`},
		{name: "DELETE of a linked foreign entity is 405", method: "DELETE", path: "/routes/r1/service", status: 405, want: `{"message":"Method not allowed"}`},
		{name: "nested GET of another service's route is 404", method: "GET", path: "/services/svc2/routes/r1", status: 404, want: `{"message":"Not found"}`},
		{name: "nested list of a missing parent is 404", method: "GET", path: "/services/nope/routes", status: 404, want: `{"message":"Not found"}`},
		{name: "nested PUT re-parents the route", method: "PUT", path: "/services/svc2/routes/r1", body: `{"paths":["/a"]}`, status: 200,
			want: `{"service":{"id":"` + svc2ID + `"}}`},
		{name: "service with routes cannot be deleted", method: "DELETE", path: "/services/svc2", status: 400,
			want: `{"code":4,"name":"foreign key violation","message":"an existing 'routes' entity references this 'services' entity","fields":{"@referenced_by":"routes"}}`},
		{name: "PATCH null detaches", method: "PATCH", path: "/routes/r1", body: `{"service":null}`, status: 200, want: `{"service":null}`},
		{name: "GET foreign entity when the FK is null is 404", method: "GET", path: "/routes/r1/service", status: 404},
		{name: "DELETE foreign entity when the FK is null is 404", method: "DELETE", path: "/routes/r1/service", status: 404},
		{name: "PUT foreign entity with a null FK creates and links", method: "PUT", path: "/routes/r1/service", body: `{"name":"svc3","host":"c.test"}`, status: 200,
			want: `{"name":"svc3"}`},
		{method: "GET", path: "/routes/r1/service", status: 200, want: `{"name":"svc3"}`},
		{name: "PUT foreign entity when linked replaces it", method: "PUT", path: "/routes/r1/service", body: `{"name":"svc3","host":"d.test"}`, status: 200,
			want: `{"host":"d.test","retries":5}`},
		{name: "PATCH foreign entity", method: "PATCH", path: "/routes/r1/service", body: `{"retries":2}`, status: 200, want: `{"host":"d.test","retries":2}`},
		{method: "PATCH", path: "/routes/r1", body: `{"service":null}`, status: 200},
		{method: "DELETE", path: "/services/svc2", status: 204},
	})
}

func TestHeadAndOptions(t *testing.T) {
	s, _ := newTestServer(t)
	w, body := request(t, s, "HEAD", "/services", "", "")
	if w.Code != 200 || body != nil {
		t.Errorf("HEAD /services = %d with body %v, want 200 and empty", w.Code, body)
	}
	w, body = request(t, s, "HEAD", "/nothing", "", "")
	if w.Code != 404 || body != nil {
		t.Errorf("HEAD /nothing = %d with body %v, want 404 and empty", w.Code, body)
	}
	w, _ = request(t, s, "OPTIONS", "/services", "", "")
	if w.Code != 204 || w.Header().Get("Allow") != "GET, HEAD, OPTIONS, POST" ||
		w.Header().Get("Access-Control-Allow-Methods") != "GET, HEAD, OPTIONS, POST" ||
		w.Header().Get("Access-Control-Allow-Headers") != "Content-Type" {
		t.Errorf("OPTIONS /services = %d %v", w.Code, w.Header())
	}
}

func TestRequestContentTypes(t *testing.T) {
	s, _ := newTestServer(t)
	w, _ := request(t, s, "POST", "/consumers", `username=x`, "text/plain")
	if w.Code != 415 || w.Body.Len() != 0 {
		t.Errorf("text/plain body: %d %q, want 415 with an empty body", w.Code, w.Body.String())
	}
	w, got := request(t, s, "POST", "/services", "host=a.test&port=8080&retries=&tags[]=x&enabled=false", "application/x-www-form-urlencoded")
	if w.Code != 201 {
		t.Fatalf("form POST: %d %s", w.Code, w.Body.String())
	}
	assertSubset(t, "form values are coerced", got, `{"port":8080,"retries":null,"tags":["x"],"enabled":false}`)
	w, got = request(t, s, "POST", "/routes", "paths=/single", "application/x-www-form-urlencoded")
	if w.Code != 201 {
		t.Fatalf("form POST: %d %s", w.Code, w.Body.String())
	}
	assertSubset(t, "a scalar sent to an array field becomes a one-element array", got, `{"paths":["/single"]}`)
	w, _ = request(t, s, "POST", "/consumers", "", "")
	if w.Code != 400 {
		t.Errorf("no body is {}: got %d, want the 400 of an empty consumer", w.Code)
	}
}
