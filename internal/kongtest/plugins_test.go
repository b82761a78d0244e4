package kongtest

import "testing"

func TestPluginDefaultsAndScope(t *testing.T) {
	s, _ := newTestServer(t)
	runSteps(t, s, []step{
		{method: "PUT", path: "/services/" + svcID, body: `{"name":"svc","host":"a.test"}`, status: 200},
		{method: "PUT", path: "/consumers/" + consID, body: `{"username":"bob"}`, status: 200},
		{name: "key-auth example of facts §5", method: "POST", path: "/services/svc/plugins", body: `{"name":"key-auth"}`, status: 201,
			want: `{"name":"key-auth","instance_name":null,"route":null,"service":{"id":"` + svcID + `"},"consumer":null,
				"config":{"key_names":["apikey"],"hide_credentials":false,"anonymous":null,"key_in_header":true,"key_in_query":true,
				"key_in_body":false,"run_on_preflight":true,"realm":null},"protocols":["grpc","grpcs","http","https"],"enabled":true,"tags":null}`},
		{name: "second key-auth on the same service is 409", method: "POST", path: "/plugins", body: `{"name":"key-auth","service":{"id":"` + svcID + `"}}`, status: 409,
			want: `{"code":5,"name":"unique constraint violation","message":"UNIQUE violation detected on '{consumer=null,name=\"key-auth\",route=null,service={id=\"` + svcID + `\"}}'",
				"fields":{"consumer":null,"name":"key-auth","route":null,"service":{"id":"` + svcID + `"}}}`},
		{name: "a global key-auth is a different tuple", method: "POST", path: "/plugins", body: `{"name":"key-auth"}`, status: 201},
		{name: "a second global one is 409", method: "POST", path: "/plugins", body: `{"name":"key-auth"}`, status: 409,
			want: `{"message":"UNIQUE violation detected on '{consumer=null,name=\"key-auth\",route=null,service=null}'"}`},
		{name: "key-auth refuses a consumer", method: "POST", path: "/consumers/bob/plugins", body: `{"name":"key-auth"}`, status: 400,
			want: `{"message":"schema violation (consumer: value must be null)","fields":{"consumer":"value must be null"}}`},
		{name: "unknown plugin", method: "POST", path: "/plugins", body: `{"name":"nope"}`, status: 400,
			want: `{"message":"schema violation (name: plugin 'nope' not enabled; add it to the 'plugins' configuration property)"}`},
		{name: "ordering is unknown on OSS", method: "POST", path: "/plugins", body: `{"name":"cors","ordering":{}}`, status: 400,
			want: `{"message":"schema violation (ordering: unknown field)"}`},
		{name: "request-validator is Enterprise-only", method: "POST", path: "/plugins", body: `{"name":"request-validator","config":{"body_schema":"[]"}}`, status: 400,
			want: `{"fields":{"name":"plugin 'request-validator' not enabled; add it to the 'plugins' configuration property"}}`},
		{name: "config errors", method: "POST", path: "/plugins", body: `{"name":"cors","config":{"credentials":"yes"}}`, status: 400,
			want: `{"message":"schema violation (config.credentials: expected a boolean)","fields":{"config":{"credentials":"expected a boolean"}}}`},
		{name: "PUT by instance_name", method: "PUT", path: "/plugins/my-cors", body: `{"name":"cors","config":{"origins":["*"]}}`, status: 200,
			want: `{"instance_name":"my-cors"}`},
		{name: "PATCH merges config", method: "PATCH", path: "/plugins/my-cors", body: `{"config":{"max_age":10}}`, status: 200,
			want: `{"instance_name":"my-cors"}`},
		{name: "PATCH missing plugin is the plain 404", method: "PATCH", path: "/plugins/" + missing, body: `{}`, status: 404, want: `{"message":"Not found"}`, absent: []string{"code"}},
		{method: "GET", path: "/plugins/my-cors", status: 200},
	})
	_, got := request(t, s, "GET", "/plugins/my-cors", "", "")
	cfg := got["config"].(map[string]any)
	if cfg["max_age"] != float64(10) || len(cfg["origins"].([]any)) != 1 {
		t.Errorf("PATCH should merge config: got %v", cfg)
	}
}

func TestPluginProtocolsMustMatchRoutes(t *testing.T) {
	s, _ := newTestServer(t)
	runSteps(t, s, []step{
		{method: "PUT", path: "/services/svc", body: `{"host":"a.test"}`, status: 200},
		{name: "service without routes passes", method: "POST", path: "/services/svc/plugins", body: `{"name":"cors","protocols":["grpc"]}`, status: 201},
		{method: "PUT", path: "/services/svc/routes/r", body: `{"paths":["/a"],"protocols":["https"]}`, status: 200},
		{name: "route protocols", method: "POST", path: "/routes/r/plugins", body: `{"name":"key-auth","protocols":["http"]}`, status: 400,
			want: `{"code":2,"message":"schema violation (protocols: must match the associated route's protocols)"}`},
		{name: "service protocols", method: "POST", path: "/services/svc/plugins", body: `{"name":"key-auth","protocols":["http"]}`, status: 400,
			want: `{"message":"schema violation (protocols: must match the protocols of at least one route pointing to this Plugin's service)"}`},
		{name: "http-only plugin", method: "POST", path: "/plugins", body: `{"name":"key-auth","protocols":["tcp"]}`, status: 400,
			want: `{"fields":{"protocols":["expected one of: grpc, grpcs, http, https"]}}`},
		{method: "POST", path: "/routes/r/plugins", body: `{"name":"key-auth","protocols":["https"]}`, status: 201},
	})
}

func TestCascades(t *testing.T) {
	s, _ := newTestServer(t)
	runSteps(t, s, []step{
		{method: "PUT", path: "/services/svc", body: `{"host":"a.test"}`, status: 200},
		{method: "PUT", path: "/routes/r", body: `{"paths":["/a"],"service":{"name":"svc"}}`, status: 200},
		{method: "PUT", path: "/consumers/bob", body: `{}`, status: 200},
		{method: "POST", path: "/services/svc/plugins", body: `{"name":"cors"}`, status: 201},
		{method: "POST", path: "/routes/r/plugins", body: `{"name":"cors"}`, status: 201},
		{method: "POST", path: "/consumers/bob/plugins", body: `{"name":"rate-limiting","config":{"minute":1}}`, status: 201},
		{method: "POST", path: "/consumers/bob/key-auth", body: `{"key":"k1"}`, status: 201},
		{method: "POST", path: "/consumers/bob/acls", body: `{"group":"g"}`, status: 201},
		{name: "route delete cascades to its plugins", method: "DELETE", path: "/routes/r", status: 204},
		{method: "GET", path: "/routes/r/plugins", status: 404},
		{name: "service delete cascades to its plugins", method: "DELETE", path: "/services/svc", status: 204},
		{name: "consumer delete cascades to plugins and credentials", method: "DELETE", path: "/consumers/bob", status: 204},
		{method: "GET", path: "/plugins", status: 200, want: `{"data":[],"next":null}`},
		{method: "GET", path: "/key-auths/k1", status: 404},
		{method: "GET", path: "/acls", status: 200, want: `{"data":[]}`},
	})
}

func TestPluginSchemaEndpoints(t *testing.T) {
	s, _ := newTestServer(t)
	runSteps(t, s, []step{
		{method: "GET", path: "/schemas/plugins/nope", status: 404, want: `{"message":"No plugin named 'nope'"}`},
		{method: "GET", path: "/schemas/nope", status: 404, want: `{"message":"No entity named 'nope'"}`},
		{method: "POST", path: "/schemas/plugins/validate", body: `{"name":"key-auth"}`, status: 200, want: `{"message":"schema validation successful"}`},
		{name: "validate skips uniqueness", method: "POST", path: "/plugins", body: `{"name":"key-auth"}`, status: 201},
		{method: "POST", path: "/schemas/plugins/validate", body: `{"name":"key-auth"}`, status: 200},
		{method: "POST", path: "/schemas/plugins/validate", body: `{"name":"key-auth","config":{"x":1}}`, status: 400,
			want: `{"code":2,"message":"schema violation (config.x: unknown field)"}`},
		{method: "POST", path: "/schemas/services/validate", body: `{"host":"a"}`, status: 200, want: `{"message":"schema validation successful"}`},
		{method: "POST", path: "/schemas/routes/validate", body: `{}`, status: 400, want: `{"code":2}`},
	})
	_, got := request(t, s, "GET", "/schemas/plugins/key-auth", "", "")
	if _, ok := got["fields"].([]any); !ok {
		t.Errorf("GET /schemas/plugins/key-auth: no fields array in %v", got)
	}
	_, got = request(t, s, "GET", "/plugins/enabled", "", "")
	if names, _ := got["enabled_plugins"].([]any); !containsValue(names, "aws-lambda") || containsValue(names, "request-validator") {
		t.Errorf("GET /plugins/enabled on OSS = %v, want aws-lambda and no request-validator", got)
	}
	_, got = request(t, s, "GET", "/schemas/services", "", "")
	assertSubset(t, "GET /schemas/services", got["fields"].([]any)[4].(map[string]any),
		`{"retries":{"type":"integer","default":5,"between":[0,32767]}}`)
}

func TestPluginFormBodyIsCoercedByTheConfigSchema(t *testing.T) {
	s, _ := newTestServer(t)
	w, got := request(t, s, "POST", "/plugins",
		"name=key-auth&config.key_names[]=x-key&config.hide_credentials=true&enabled=false",
		"application/x-www-form-urlencoded")
	if w.Code != 201 {
		t.Fatalf("form plugin: %d %s", w.Code, w.Body.String())
	}
	assertSubset(t, "form plugin", got, `{"enabled":false}`)
	assertSubset(t, "form plugin config", got["config"].(map[string]any), `{"key_names":["x-key"],"hide_credentials":true}`)

	body := "--B\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\ncors\r\n--B\r\n" +
		"Content-Disposition: form-data; name=\"config.max_age\"\r\n\r\n30\r\n--B--\r\n"
	w, got = request(t, s, "POST", "/plugins", body, "multipart/form-data; boundary=B")
	if w.Code != 201 {
		t.Fatalf("multipart plugin: %d %s", w.Code, w.Body.String())
	}
	assertSubset(t, "multipart plugin config", got["config"].(map[string]any), `{"max_age":30}`)
}

func TestPluginEntityChecksAreReportedAtTheTop(t *testing.T) {
	s, _ := newTestServer(t)
	runSteps(t, s, []step{{name: "acl without allow or deny gives two @entity errors (facts §6.6)", method: "POST", path: "/plugins",
		body: `{"name":"acl"}`, status: 400,
		want: `{"fields":{"@entity":["exactly one of these fields must be non-empty: 'config.allow', 'config.deny'","at least one of these fields must be non-empty: 'config.allow', 'config.deny'"]}}`}})
}
