package kongtest

import "testing"

// TestForeignKeyBodies writes routes and plugins whose foreign keys are bodies other than {"id": ...} and
// expects Kong's answers (resolve_foreign, then the foreign type's validation).
func TestForeignKeyBodies(t *testing.T) {
	s, _ := newTestServer(t)
	runSteps(t, s, []step{
		{method: "PUT", path: "/services/" + svcID, body: `{"name":"svc","host":"a.test"}`, status: 200},
		{method: "PUT", path: "/consumers/" + consID, body: `{"username":"alice","custom_id":"c-1"}`, status: 200},
		{name: "a null name is a missing primary key", method: "POST", path: "/routes",
			body: `{"paths":["/a"],"service":{"name":null}}`, status: 400,
			want: `{"message":"schema violation (service.id: missing primary key)","fields":{"service":{"id":"missing primary key"}}}`},
		{name: "a null id is a required field", method: "POST", path: "/routes",
			body: `{"paths":["/a"],"service":{"id":null}}`, status: 400, want: `{"fields":{"service":{"id":"required field missing"}}}`},
		{name: "the body is validated against the service's fields", method: "POST", path: "/routes",
			body: `{"paths":["/a"],"service":{"protocol":"ftp"}}`, status: 400,
			want: `{"fields":{"service":{"protocol":"expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp"}}}`},
		{name: "unknown fields of the body", method: "POST", path: "/routes",
			body: `{"paths":["/a"],"service":{"bogus":1}}`, status: 400, want: `{"fields":{"service":{"bogus":"unknown field"}}}`},
		{name: "a name of the wrong type is not looked up but validated", method: "POST", path: "/routes",
			body: `{"paths":["/a"],"service":{"name":5}}`, status: 400, want: `{"fields":{"service":{"name":"expected a string"}}}`},
		{name: "a valid id wins over any other field", method: "POST", path: "/routes",
			body: `{"name":"r1","paths":["/a"],"service":{"id":"` + svcID + `","name":"other","protocol":"ftp"}}`, status: 201,
			want: `{"service":{"id":"` + svcID + `"}}`},
		{name: "a name with other fields resolves", method: "POST", path: "/routes",
			body: `{"name":"r2","paths":["/b"],"service":{"name":"svc","host":"ignored.test"}}`, status: 201,
			want: `{"service":{"id":"` + svcID + `"}}`},
		{name: "consumers resolve by custom_id", method: "POST", path: "/plugins",
			body: `{"name":"rate-limiting","config":{"minute":1},"consumer":{"custom_id":"c-1"}}`, status: 201,
			want: `{"consumer":{"id":"` + consID + `"}}`},
		{name: "an unresolved username fails even when custom_id resolves", method: "POST", path: "/plugins",
			body: `{"name":"rate-limiting","config":{"minute":1},"consumer":{"username":"bob","custom_id":"c-1"}}`, status: 400,
			want: `{"code":13,"fields":{"consumer":{"username":"the foreign key cannot be resolved with '{username=\"bob\"}' for an existing 'consumers' entity"}}}`},
	})
}
