package provider

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/kong/go-kong/kong"
)

func stringSetOf(values ...string) types.Set {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.SetValueMust(types.StringType, elems)
}

func stringListOf(values ...string) types.List {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.ListValueMust(types.StringType, elems)
}

func TestRouteConfigProblems(t *testing.T) {
	sources := types.SetValueMust(types.ObjectType{AttrTypes: endpointAttrTypes}, []attr.Value{
		types.ObjectValueMust(endpointAttrTypes, map[string]attr.Value{"ip": types.StringValue("10.0.0.0/8"), "port": types.Int64Null()}),
	})
	cases := map[string]struct {
		route routeModel
		want  map[string]string // attribute path → diagnostic summary
	}{
		"http by path": {routeModel{Paths: stringListOf("/api")}, nil},
		"default protocols need a criterion": {routeModel{},
			map[string]string{"protocols": "Route matches nothing"}},
		"https may match by sni alone": {routeModel{Protocols: stringSetOf("https"), SNIs: stringSetOf("api.example.com")}, nil},
		"http alone may not match by sni": {routeModel{Protocols: stringSetOf("http"), SNIs: stringSetOf("api.example.com")},
			map[string]string{"snis": "SNIs need TLS", "protocols": "Route matches nothing"}},
		"empty lists do not count": {routeModel{Paths: stringListOf(), Methods: stringSetOf()},
			map[string]string{"protocols": "Route matches nothing"}},
		"unknown paths may match":          {routeModel{Paths: types.ListUnknown(types.StringType)}, nil},
		"unknown protocols skip the rules": {routeModel{Protocols: types.SetUnknown(types.StringType), Sources: sources}, nil},
		"mixed groups": {routeModel{Protocols: stringSetOf("http", "tcp"), Paths: stringListOf("/")},
			map[string]string{"protocols": "Incompatible route protocols"}},
		"http with sources": {routeModel{Paths: stringListOf("/"), Sources: sources},
			map[string]string{"sources": "Attribute not allowed"}},
		"tcp by source": {routeModel{Protocols: stringSetOf("tcp"), Sources: sources}, nil},
		"tcp with paths": {routeModel{Protocols: stringSetOf("tcp"), Sources: sources, Paths: stringListOf("/")},
			map[string]string{"paths": "Attribute not allowed"}},
		"tls_passthrough needs snis": {routeModel{Protocols: stringSetOf("tls_passthrough"), Sources: sources},
			map[string]string{"protocols": "Route matches nothing"}},
		"grpc with methods and strip_path": {routeModel{Protocols: stringSetOf("grpc"), Paths: stringListOf("/"),
			Methods: stringSetOf("GET"), StripPath: types.BoolValue(true)},
			map[string]string{"methods": "Attribute not allowed", "strip_path": "Attribute not allowed"}},
		"grpc with strip_path false": {routeModel{Protocols: stringSetOf("grpc"), Hosts: stringListOf("a.example"), StripPath: types.BoolValue(false)}, nil},
		"grpcs by sni":               {routeModel{Protocols: stringSetOf("grpcs"), SNIs: stringSetOf("a.example")}, nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := map[string]string{}
			for _, d := range routeConfigProblems(tc.route) {
				withPath, ok := d.(diag.DiagnosticWithPath)
				if !ok {
					t.Fatalf("diagnostic without an attribute path: %v", d)
				}
				got[withPath.Path().String()] = d.Summary()
			}
			if len(got) != len(tc.want) || (len(got) > 0 && !reflect.DeepEqual(got, tc.want)) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestDefaultStripPath(t *testing.T) {
	cases := []struct {
		protocols types.Set
		want      types.Bool
	}{
		{stringSetOf("http", "https"), types.BoolValue(true)},
		{stringSetOf("grpc"), types.BoolValue(false)},
		{stringSetOf("grpc", "grpcs"), types.BoolValue(false)},
		{stringSetOf("tcp"), types.BoolValue(true)},
		{types.SetUnknown(types.StringType), types.BoolUnknown()},
		{types.SetValueMust(types.StringType, []attr.Value{types.StringUnknown()}), types.BoolUnknown()},
	}
	for _, tc := range cases {
		if got := defaultStripPath(tc.protocols); !got.Equal(tc.want) {
			t.Errorf("defaultStripPath(%v) = %v, want %v", tc.protocols, got, tc.want)
		}
	}
}

func TestExpandFlattenRoute(t *testing.T) {
	ctx := context.Background()
	headers := types.MapValueMust(headersType, map[string]attr.Value{"x-api-version": stringListOf("1", "2")})
	endpoint := types.ObjectValueMust(endpointAttrTypes, map[string]attr.Value{"ip": types.StringNull(), "port": types.Int64Value(443)})
	full := routeModel{
		ID: types.StringValue("5b1c7f3a-9d4e-4f1a-8c2b-1e2d3f4a5b6c"), Name: types.StringValue("api1"),
		Protocols: stringSetOf("https"), Methods: stringSetOf("GET", "POST"),
		Hosts: stringListOf("api.example.com"), Paths: stringListOf("/api/dev/api1", "~/api/v\\d+$"),
		Headers: headers, HTTPSRedirectStatusCode: types.Int64Value(308), RegexPriority: types.Int64Value(3),
		StripPath: types.BoolValue(false), PreserveHost: types.BoolValue(true),
		RequestBuffering: types.BoolValue(false), ResponseBuffering: types.BoolValue(true),
		PathHandling: types.StringValue("v0"), SNIs: stringSetOf("api.example.com"),
		Sources:      types.SetNull(types.ObjectType{AttrTypes: endpointAttrTypes}),
		Destinations: types.SetValueMust(types.ObjectType{AttrTypes: endpointAttrTypes}, []attr.Value{endpoint}),
		Tags:         stringSetOf("team-a"), ServiceID: types.StringValue("0f6e4c1d-2b3a-4c5d-8e9f-a0b1c2d3e4f5"),
		CreatedAt: types.Int64Value(1700000000), UpdatedAt: types.Int64Value(1700000001),
	}
	var diags diag.Diagnostics
	route := expandRoute(ctx, full, []string{"managed-by-terraform"}, &diags)
	keepCreatedAt(route, full.CreatedAt) // as the lifecycle's update does
	if diags.HasError() {
		t.Fatal(diags)
	}
	if got := derefStrings(route.Tags); !slices.Equal(got, []string{"managed-by-terraform", "team-a"}) {
		t.Errorf("tags sent to Kong = %v, want the resource's plus the default tags", got)
	}
	if kong.StringValue(route.Service.ID) != full.ServiceID.ValueString() || deref(route.CreatedAt) != 1700000000 {
		t.Errorf("service or created_at not sent: %+v", route)
	}
	route.UpdatedAt = kong.Int(1700000001) // Kong stamps it; the provider never sends it
	if got := flattenRoute(route, full, []string{"managed-by-terraform"}); !reflect.DeepEqual(got, full) {
		t.Errorf("flatten(expand(m)) differs from m:\n got %+v\nwant %+v", got, full)
	}

	// Kong answers null for collections that were sent empty: the configuration's [] is kept, a null stays null.
	empty := routeModel{Methods: stringSetOf(), Hosts: stringListOf(), Headers: types.MapValueMust(headersType, map[string]attr.Value{}),
		Sources: types.SetValueMust(types.ObjectType{AttrTypes: endpointAttrTypes}, nil)}
	got := flattenRoute(&kong.Route{}, empty, nil)
	if !got.Methods.Equal(empty.Methods) || !got.Hosts.Equal(empty.Hosts) || !got.Headers.Equal(empty.Headers) || !got.Sources.Equal(empty.Sources) {
		t.Errorf("empty collections not kept: %+v", got)
	}
	if !got.Paths.IsNull() || !got.SNIs.IsNull() || !got.ServiceID.IsNull() || !got.Destinations.IsNull() {
		t.Errorf("absent collections not null: %+v", got)
	}
}

func getRoute(ctx context.Context, c *kong.Client, id string) error {
	_, err := c.Routes.Get(ctx, kong.String(id))
	return err
}

func testCheckKongRoute(t *testing.T, name string, check func(*kong.Route) error) resource.TestCheckFunc {
	return func(_ *terraform.State) error {
		route, err := testKong(t).Routes.Get(context.Background(), kong.String(name))
		if err != nil {
			return err
		}
		return check(route)
	}
}

// routeTestServices are two services a route under test can belong to.
func routeTestServices(prefix string) string {
	return fmt.Sprintf(`
resource "kong_service" "a" {
  name = "%[1]s-a"
  host = "lambda.eu-west-1.amazonaws.com"
}

resource "kong_service" "b" {
  name = "%[1]s-b"
  host = "lambda.eu-west-1.amazonaws.com"
}
`, prefix)
}

func TestAccRoute_lifecycle(t *testing.T) {
	name := randomName("route")
	const addr = "kong_route.test"
	minimal := routeTestServices(name) + fmt.Sprintf(`
resource "kong_route" "test" {
  name       = %q
  service_id = kong_service.a.id
  paths      = ["/api/dev/api1"]
}
`, name)
	full := routeTestServices(name) + fmt.Sprintf(`
resource "kong_route" "test" {
  name                       = %q
  service_id                 = kong_service.a.id
  protocols                  = ["https"]
  methods                    = ["GET", "POST", "OPTIONS"]
  hosts                      = ["api.internal.example.com", "*.api.example.com"]
  paths                      = ["/api/dev/api1", "~/api/dev/api1/v\\d+$"]
  headers                    = { x-api-version = ["1", "2"] }
  snis                       = ["api.internal.example.com"]
  https_redirect_status_code = 308
  regex_priority             = 10
  strip_path                 = false
  preserve_host              = true
  request_buffering          = false
  response_buffering         = false
  path_handling              = "v1"
  tags                       = ["team-a", "api1"]
}
`, name)
	moved := strings.Replace(minimal, "kong_service.a.id", "kong_service.b.id", 1)

	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_route", getRoute),
		Steps: slices.Concat([]resource.TestStep{
			{
				Config: minimal,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(randomIDPattern)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("protocols"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("http"), knownvalue.StringExact("https")})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("strip_path"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("https_redirect_status_code"), knownvalue.Int64Exact(426)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("path_handling"), knownvalue.StringExact("v0")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("methods"), knownvalue.Null()),
					statecheck.CompareValuePairs(addr, tfjsonpath.New("service_id"), "kong_service.a", tfjsonpath.New("id"), compareEqual{}),
				},
			},
			{
				Config: full,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: testCheckKongRoute(t, name, func(r *kong.Route) error {
					if len(r.Methods) != 3 || len(r.Hosts) != 2 || len(r.Paths) != 2 || len(r.Headers["x-api-version"]) != 2 ||
						deref(r.HTTPSRedirectStatusCode) != 308 || deref(r.RegexPriority) != 10 ||
						deref(r.StripPath) || !deref(r.PreserveHost) || deref(r.RequestBuffering) ||
						deref(r.ResponseBuffering) || kong.StringValue(r.PathHandling) != "v1" || len(r.SNIs) != 1 || len(r.Tags) != 2 {
						return fmt.Errorf("Kong holds %+v", r)
					}
					return nil
				}),
			},
		}, importSteps(addr, name), []resource.TestStep{
			{
				// Removing attributes resets them in Kong, not just in state.
				Config: minimal,
				Check: testCheckKongRoute(t, name, func(r *kong.Route) error {
					if r.Methods != nil || r.Hosts != nil || r.Headers != nil || r.SNIs != nil || r.Tags != nil || len(r.Paths) != 1 ||
						deref(r.HTTPSRedirectStatusCode) != 426 || deref(r.RegexPriority) != 0 ||
						!deref(r.StripPath) || deref(r.PreserveHost) || !deref(r.RequestBuffering) ||
						!deref(r.ResponseBuffering) || kong.StringValue(r.PathHandling) != "v0" || len(r.Protocols) != 2 {
						return fmt.Errorf("attributes were not reset: %+v", r)
					}
					return nil
				}),
			},
			{
				// A route moves to another service in place, keeping its id.
				Config: moved,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(randomIDPattern)),
					statecheck.CompareValuePairs(addr, tfjsonpath.New("service_id"), "kong_service.b", tfjsonpath.New("id"), compareEqual{}),
				},
				Check: testCheckKongRoute(t, name, func(r *kong.Route) error {
					b, err := testKong(t).Services.Get(context.Background(), kong.String(name+"-b"))
					if err != nil {
						return err
					}
					if r.Service == nil || kong.StringValue(r.Service.ID) != kong.StringValue(b.ID) {
						return fmt.Errorf("route still belongs to %+v", r.Service)
					}
					return nil
				}),
			},
			{
				// A change made outside Terraform shows in the plan and is put right.
				PreConfig: func() {
					r, err := testKong(t).Routes.Get(context.Background(), kong.String(name))
					if err != nil {
						t.Fatal(err)
					}
					r.PreserveHost = kong.Bool(true)
					if _, err := testKong(t).Routes.Update(context.Background(), r); err != nil {
						t.Fatal(err)
					}
				},
				Config: moved,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("preserve_host"), knownvalue.Bool(false)),
					},
				},
			},
			outOfBandDeleteStep(t, addr, moved, func(ctx context.Context, c *kong.Client) error {
				return c.Routes.Delete(ctx, kong.String(name))
			}),
		}),
	})
}

// importSteps import a resource by id and by name (Kong's endpoint key); both must reproduce the state exactly.
func importSteps(addr, name string) []resource.TestStep {
	return []resource.TestStep{
		{ResourceName: addr, ImportState: true, ImportStateVerify: true},
		{ResourceName: addr, ImportState: true, ImportStateId: name, ImportStateVerify: true},
		// An import {} block by name plans a no-op import: the imported entity matches the configuration.
		{ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: name},
	}
}

// outOfBandDeleteStep deletes the entity behind Terraform's back: the next plan must create it again, not fail.
func outOfBandDeleteStep(t *testing.T, addr, config string, del func(context.Context, *kong.Client) error) resource.TestStep {
	return resource.TestStep{
		PreConfig: func() {
			if err := del(context.Background(), testKong(t)); err != nil {
				t.Fatal(err)
			}
		},
		Config: config,
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
		},
	}
}

// compareEqual is a statecheck value comparer for two attributes that must hold the same value.
type compareEqual struct{}

func (compareEqual) CompareValues(values ...any) error {
	for _, v := range values[1:] {
		if !reflect.DeepEqual(v, values[0]) {
			return fmt.Errorf("values differ: %v", values)
		}
	}
	return nil
}

// TestAccRoute_protocolFamilies covers the stream and gRPC shapes: sources and destinations as nested sets,
// and strip_path planned false for gRPC without being configured.
func TestAccRoute_protocolFamilies(t *testing.T) {
	name := randomName("route-proto")
	config := fmt.Sprintf(`
resource "kong_route" "stream" {
  name         = "%[1]s-tcp"
  protocols    = ["tcp", "tls"]
  sources      = [{ ip = "10.0.0.0/16" }, { ip = "10.1.0.1", port = 4000 }]
  destinations = [{ port = 5432 }]
}

resource "kong_route" "grpc" {
  name      = "%[1]s-grpc"
  protocols = ["grpc", "grpcs"]
  hosts     = ["grpc.internal.example.com"]
}
`, name)
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_route", getRoute),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("kong_route.grpc", tfjsonpath.New("strip_path"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("kong_route.stream", tfjsonpath.New("strip_path"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("kong_route.stream", tfjsonpath.New("sources"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{"ip": knownvalue.StringExact("10.0.0.0/16"), "port": knownvalue.Null()}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{"ip": knownvalue.StringExact("10.1.0.1"), "port": knownvalue.Int64Exact(4000)}),
					})),
				},
				Check: testCheckKongRoute(t, name+"-tcp", func(r *kong.Route) error {
					if len(r.Sources) != 2 || len(r.Destinations) != 1 || deref(r.Destinations[0].Port) != 5432 {
						return fmt.Errorf("Kong holds sources %v and destinations %v", r.Sources, r.Destinations)
					}
					return nil
				}),
			},
			{
				ResourceName:      "kong_route.stream",
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccRoute_invalidInputFailsAtPlan(t *testing.T) {
	const svc = `service_id = "0f6e4c1d-2b3a-4c5d-8e9f-a0b1c2d3e4f5"` + "\n"
	cases := map[string]struct {
		body string
		want string
	}{
		"no matching criterion":       {svc, `(?s)Route matches nothing.*protocols \[http, https\] must set at least one of methods,\s+hosts,\s+headers,\s+paths,\s+snis`},
		"path without slash":          {`paths = ["/ok", "api"]`, `(?s)Invalid route path.*paths = \["/ok", "api"\].*"api": should start with: / \(fixed path\) or ~/`},
		"empty path segment":          {`paths = ["/api//v1"]`, `(?s)must not have empty segments`},
		"non-normalized path":         {`paths = ["/api/./v1"]`, `(?s)non-normalized path, consider use '/api/v1' instead`},
		"broken regex path":           {`paths = ["~/api/(v1"]`, `(?s)invalid regex.*missing closing parenthesis`},
		"lower-case method":           {`paths = ["/x"]` + "\n" + `methods = ["get"]`, `(?s)methods\[Value\("get"\)\].*must be an HTTP method in upper case`},
		"unknown protocol":            {`paths = ["/x"]` + "\n" + `protocols = ["http", "ftp"]`, `(?s)protocols\[Value\("ftp"\)\].*value must be one of`},
		"protocols from two groups":   {`paths = ["/x"]` + "\n" + `protocols = ["http", "grpc"]`, `(?s)Incompatible route protocols.*mix the groups`},
		"bad redirect status":         {`paths = ["/x"]` + "\n" + `https_redirect_status_code = 303`, `(?s)https_redirect_status_code value must be one of`},
		"bad path_handling":           {`paths = ["/x"]` + "\n" + `path_handling = "v2"`, `(?s)path_handling value must be one of`},
		"host header":                 {`headers = { Host = ["a.example.com"] }`, `(?s)Invalid header name.*headers = \{ Host.*"Host" cannot be matched in headers`},
		"bad header name":             {`headers = { "x api" = ["1"] }`, `(?s)Invalid header name.*not a valid header name`},
		"wildcard in the middle":      {`hosts = ["api.*.example.com"]`, `(?s)Invalid route host.*hosts = \["api\.\*\.example\.com"\].*leftmost or\s+rightmost\s+label`},
		"two wildcards":               {`hosts = ["*.example.*"]`, `(?s)more than one wildcard`},
		"sni is an IP":                {`protocols = ["https"]` + "\n" + `snis = ["10.0.0.1"]`, `(?s)Invalid SNI.*must not be an IP`},
		"sni over http":               {`protocols = ["http"]` + "\n" + `paths = ["/x"]` + "\n" + `snis = ["a.example.com"]`, `(?s)SNIs need TLS`},
		"stream route with methods":   {`protocols = ["tcp"]` + "\n" + `destinations = [{ port = 80 }]` + "\n" + `methods = ["GET"]`, `(?s)methods cannot be set on a route with stream`},
		"stream route needs endpoint": {`protocols = ["tcp"]`, `(?s)Route matches nothing.*sources,\s+destinations,\s+snis`},
		"tls_passthrough needs snis":  {`protocols = ["tls_passthrough"]` + "\n" + `sources = [{ port = 8 }]`, `(?s)Route matches nothing.*at least one of snis`},
		"http with sources":           {`paths = ["/x"]` + "\n" + `sources = [{ ip = "10.0.0.1" }]`, `(?s)sources cannot be set on a route with HTTP`},
		"endpoint with nothing":       {`protocols = ["tcp"]` + "\n" + `sources = [{}]`, `(?s)Empty endpoint.*sources = \[\{\}\].*needs an ip, a port, or both`},
		"endpoint ip not an IP":       {`protocols = ["tcp"]` + "\n" + `sources = [{ ip = "example.com" }]`, `(?s)neither an IP address nor a CIDR range`},
		"grpc strip_path":             {`protocols = ["grpc"]` + "\n" + `paths = ["/x"]` + "\n" + `strip_path = true`, `(?s)strip_path cannot be true`},
		"grpc methods":                {`protocols = ["grpcs"]` + "\n" + `paths = ["/x"]` + "\n" + `methods = ["POST"]`, `(?s)methods cannot be set on a route with gRPC`},
		"service id not a UUID":       {`paths = ["/x"]` + "\n" + `service_id = "api1"`, `(?s)"api1" is not a UUID`},
		"bad name":                    {`paths = ["/x"]` + "\n" + `name = "a b"`, `(?s)Attribute name may contain only`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			expectPlanError(t, fmt.Sprintf("resource \"kong_route\" \"bad\" {\n%s\n}\n", tc.body), tc.want)
		})
	}
}
