package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/kong/go-kong/kong"
)

func TestTagFilter(t *testing.T) {
	cases := map[string]struct {
		tags        []string
		matchAny    bool
		managed     bool
		defaultTags []string
		want        string
		wantErr     string
	}{
		"no tags: no filter":                      {want: ""},
		"all of the tags, sorted":                 {tags: []string{"team:a", "api:1"}, want: "api:1,team:a"},
		"any of the tags":                         {tags: []string{"team:b", "api:2"}, matchAny: true, want: "api:2/team:b"},
		"one tag reads the same either way":       {tags: []string{"api:1"}, matchAny: true, want: "api:1"},
		"default tags ignored unless managed":     {tags: []string{"api:1"}, defaultTags: []string{"stack:x"}, want: "api:1"},
		"managed adds the default tags":           {tags: []string{"api:1"}, managed: true, defaultTags: []string{"stack:x"}, want: "api:1,stack:x"},
		"managed alone lists what the stack owns": {managed: true, defaultTags: []string{"stack:x", "owner:infra"}, want: "owner:infra,stack:x"},
		"a tag in both is asked for once":         {tags: []string{"stack:x", "api:1"}, managed: true, defaultTags: []string{"stack:x"}, want: "api:1,stack:x"},
		"five tags are Kong's limit":              {tags: []string{"a", "b", "c", "d", "e"}, want: "a,b,c,d,e"},
		"managed without default tags":            {tags: []string{"api:1"}, managed: true, wantErr: "the provider has none"},
		"managed with any":                        {tags: []string{"api:1"}, matchAny: true, managed: true, defaultTags: []string{"stack:x"}, wantErr: "cannot be combined"},
		"default tags push past the limit":        {tags: []string{"a", "b", "c", "d"}, managed: true, defaultTags: []string{"x", "y"}, wantErr: "at most 5 tags; this filter has 6"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := tagFilter(tc.tags, tc.matchAny, tc.managed, tc.defaultTags)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("tagFilter = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestDecodeListing(t *testing.T) {
	raws := func(docs ...string) []json.RawMessage {
		out := make([]json.RawMessage, len(docs))
		for i, d := range docs {
			out[i] = json.RawMessage(d)
		}
		return out
	}
	// summary renders each decoded entity as id=name[field=value...]{tags}.
	summary := func(k entityKind, entities []listedEntity) string {
		var parts []string
		for _, e := range entities {
			s := *e.fields["id"] + "=" + e.name(k)
			for _, f := range k.fields {
				if v := e.fields[f.attr]; v != nil {
					s += "[" + f.attr + "=" + *v + "]"
				}
			}
			parts = append(parts, s+"{"+strings.Join(e.tags, ",")+"}")
		}
		return strings.Join(parts, " ")
	}
	cases := map[string]struct {
		kind    entityKind
		docs    []json.RawMessage
		want    string
		wantErr string
	}{
		"sorted by name, then id": {
			kind: serviceKind,
			docs: raws(`{"id":"3","name":"b","tags":["t"]}`, `{"id":"2","name":"a","tags":null}`, `{"id":"1","name":"b"}`),
			want: "2=a{} 1=b{} 3=b{t}",
		},
		"entities without a name come first": {
			kind: consumerKind,
			docs: raws(`{"id":"1","username":"ui","custom_id":null}`, `{"id":"2","username":null,"custom_id":"c-7"}`),
			want: "2=[custom_id=c-7]{} 1=ui{}",
		},
		"foreign keys read from the nested id": {
			kind: pluginKind,
			docs: raws(`{"id":"1","name":"key-auth","service":{"id":"s1"},"route":null,"consumer":null,"instance_name":"ka","tags":["a","b"]}`),
			want: "1=key-auth[instance_name=ka][service_id=s1]{a,b}",
		},
		"a route without a service": {
			kind: routeKind,
			docs: raws(`{"id":"1","name":"r","service":null}`),
			want: "1=r{}",
		},
		"no entities":          {kind: serviceKind, docs: raws(), want: ""},
		"an entity without id": {kind: serviceKind, docs: raws(`{"name":"a"}`), wantErr: "has no id"},
		"not an object":        {kind: serviceKind, docs: raws(`[1]`), wantErr: "not a JSON object"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := tc.kind.decodeListing(tc.docs)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s := summary(tc.kind, got); s != tc.want {
				t.Errorf("decoded %q, want %q", s, tc.want)
			}
		})
	}
}

func TestFlattenListing(t *testing.T) {
	plugins, err := pluginKind.decodeListing([]json.RawMessage{
		json.RawMessage(`{"id":"3","name":"key-auth","service":{"id":"s2"}}`),
		json.RawMessage(`{"id":"1","name":"key-auth","service":{"id":"s1"}}`),
		json.RawMessage(`{"id":"2","name":"cors","tags":["ui"]}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	ids, names, objects := pluginKind.flatten(plugins)
	if got := ids.String(); got != `["2","1","3"]` {
		t.Errorf("ids = %s, want the order of entities", got)
	}
	if got := names.String(); got != `["cors","key-auth"]` {
		t.Errorf("names = %s, want each plugin name once", got)
	}
	if n := len(objects.Elements()); n != 3 {
		t.Fatalf("%d entities, want 3", n)
	}
	cors := objects.Elements()[0].String()
	for _, want := range []string{`"id":"2"`, `"name":"cors"`, `"service_id":<null>`, `"tags":["ui"]`} {
		if !strings.Contains(cors, want) {
			t.Errorf("first entity %s lacks %s", cors, want)
		}
	}

	consumers, err := consumerKind.decodeListing([]json.RawMessage{json.RawMessage(`{"id":"1","custom_id":"c"}`)})
	if err != nil {
		t.Fatal(err)
	}
	ids, usernames, _ := consumerKind.flatten(consumers)
	if len(ids.Elements()) != 1 || len(usernames.Elements()) != 0 {
		t.Errorf("consumer without username: ids %s, usernames %s; want one id and no username", ids, usernames)
	}
}

// listingFixtures creates entities straight through the Admin API and deletes them when the test ends.
type listingFixtures struct {
	t  *testing.T
	kc *kong.Client
}

func newListingFixtures(t *testing.T) listingFixtures {
	return listingFixtures{t: t, kc: testKong(t)}
}

// created registers the entity's deletion (cleanups run in reverse order, so dependants go first) and
// returns its id.
func (f listingFixtures) created(id *string, err error, del func(context.Context, *string) error) string {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() {
		if err := del(context.Background(), id); err != nil && !kong.IsNotFoundErr(err) {
			f.t.Errorf("deleting fixture %s: %v", *id, err)
		}
	})
	return *id
}

func (f listingFixtures) service(name string, tags ...string) string {
	s, err := f.kc.Services.Create(context.Background(), &kong.Service{Name: kong.String(name), Host: kong.String("lambda.eu-west-1.amazonaws.com"), Tags: kong.StringSlice(tags...)})
	return f.created(s.ID, err, f.kc.Services.Delete)
}

func (f listingFixtures) route(name, serviceID string, tags ...string) string {
	r, err := f.kc.Routes.Create(context.Background(), &kong.Route{Name: kong.String(name), Service: &kong.Service{ID: kong.String(serviceID)},
		Paths: kong.StringSlice("/" + name), Tags: kong.StringSlice(tags...)})
	return f.created(r.ID, err, f.kc.Routes.Delete)
}

func (f listingFixtures) consumer(username, customID string, tags ...string) string {
	c := &kong.Consumer{Tags: kong.StringSlice(tags...)}
	if username != "" {
		c.Username = kong.String(username)
	}
	if customID != "" {
		c.CustomID = kong.String(customID)
	}
	c, err := f.kc.Consumers.Create(context.Background(), c)
	return f.created(c.ID, err, f.kc.Consumers.Delete)
}

func (f listingFixtures) plugin(name, serviceID string, tags ...string) string {
	p, err := f.kc.Plugins.Create(context.Background(), &kong.Plugin{Name: kong.String(name), Service: &kong.Service{ID: kong.String(serviceID)}, Tags: kong.StringSlice(tags...)})
	return f.created(p.ID, err, f.kc.Plugins.Delete)
}

func stringsExact(values ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(values))
	for i, v := range values {
		checks[i] = knownvalue.StringExact(v)
	}
	return knownvalue.ListExact(checks)
}

func TestAccDataSourceEntities_filters(t *testing.T) {
	p := randomName("ls")
	teamA, teamB, api1, api2 := p+"-team:a", p+"-team:b", p+"-api:1", p+"-api:2"
	f := newListingFixtures(t)
	a1 := f.service(p+"-a1", teamA, api1)
	a2 := f.service(p+"-a2", teamA, api2)
	b1 := f.service(p+"-b1", teamB, api1)
	r1 := f.route(p+"-r1", a1, api1)
	r2 := f.route(p+"-r2", b1, api1)
	f.route(p+"-r3", a2, api2)
	ui := f.consumer(p+"-ui", "", teamA)
	machine := f.consumer("", p+"-machine", teamA)
	f.consumer(p+"-other", "", teamB)
	keyA1 := f.plugin("key-auth", a1, teamA)
	keyA2 := f.plugin("key-auth", a2, teamA)
	corsA1 := f.plugin("cors", a1, teamA)

	config := fmt.Sprintf(`
data "kong_services" "team_a" {
  tags = [%[1]q]
}

data "kong_services" "team_a_api_1" {
  tags       = [%[1]q, %[3]q]
  tags_match = "all"
}

data "kong_services" "api_2_or_team_b" {
  tags       = [%[4]q, %[2]q]
  tags_match = "any"
}

data "kong_services" "nothing" {
  tags = ["%[5]s-none"]
}

data "kong_routes" "api_1" {
  tags = [%[3]q]
}

data "kong_consumers" "team_a" {
  tags = [%[1]q]
}

data "kong_plugins" "team_a" {
  tags = [%[1]q]
}
`, teamA, teamB, api1, api2, p)
	entity := func(i int, attr string) tfjsonpath.Path {
		return tfjsonpath.New("entities").AtSliceIndex(i).AtMapKey(attr)
	}
	testAccOneStep(t, resource.TestStep{
		Config: config,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.kong_services.team_a", tfjsonpath.New("names"), stringsExact(p+"-a1", p+"-a2")),
			statecheck.ExpectKnownValue("data.kong_services.team_a", tfjsonpath.New("ids"), stringsExact(a1, a2)),
			statecheck.ExpectKnownValue("data.kong_services.team_a", entity(0, "tags"),
				knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(teamA), knownvalue.StringExact(api1)})),
			statecheck.ExpectKnownValue("data.kong_services.team_a_api_1", tfjsonpath.New("ids"), stringsExact(a1)),
			statecheck.ExpectKnownValue("data.kong_services.api_2_or_team_b", tfjsonpath.New("names"), stringsExact(p+"-a2", p+"-b1")),
			statecheck.ExpectKnownValue("data.kong_services.nothing", tfjsonpath.New("ids"), knownvalue.ListSizeExact(0)),
			statecheck.ExpectKnownValue("data.kong_services.nothing", tfjsonpath.New("names"), knownvalue.ListSizeExact(0)),
			statecheck.ExpectKnownValue("data.kong_services.nothing", tfjsonpath.New("entities"), knownvalue.ListSizeExact(0)),

			statecheck.ExpectKnownValue("data.kong_routes.api_1", tfjsonpath.New("ids"), stringsExact(r1, r2)),
			statecheck.ExpectKnownValue("data.kong_routes.api_1", entity(0, "service_id"), knownvalue.StringExact(a1)),
			statecheck.ExpectKnownValue("data.kong_routes.api_1", entity(1, "service_id"), knownvalue.StringExact(b1)),

			// The consumer without a username sorts first and has no entry in usernames.
			statecheck.ExpectKnownValue("data.kong_consumers.team_a", tfjsonpath.New("ids"), stringsExact(machine, ui)),
			statecheck.ExpectKnownValue("data.kong_consumers.team_a", tfjsonpath.New("usernames"), stringsExact(p+"-ui")),
			statecheck.ExpectKnownValue("data.kong_consumers.team_a", entity(0, "username"), knownvalue.Null()),
			statecheck.ExpectKnownValue("data.kong_consumers.team_a", entity(0, "custom_id"), knownvalue.StringExact(p+"-machine")),

			statecheck.ExpectKnownValue("data.kong_plugins.team_a", tfjsonpath.New("names"), stringsExact("cors", "key-auth")),
			statecheck.ExpectKnownValue("data.kong_plugins.team_a", tfjsonpath.New("ids"), stringsExact(append([]string{corsA1}, sortedIDs(keyA1, keyA2)...)...)),
			statecheck.ExpectKnownValue("data.kong_plugins.team_a", entity(0, "service_id"), knownvalue.StringExact(a1)),
			statecheck.ExpectKnownValue("data.kong_plugins.team_a", entity(0, "route_id"), knownvalue.Null()),
		},
	})
}

// sortedIDs orders ids as a listing orders entities of equal name.
func sortedIDs(ids ...string) []string {
	if len(ids) == 2 && ids[0] > ids[1] {
		return []string{ids[1], ids[0]}
	}
	return ids
}

func TestAccDataSourceEntities_managed(t *testing.T) {
	p := randomName("owned")
	owner, api := p+"-stack", p+"-api:1"
	f := newListingFixtures(t)
	f.service(p+"-not-owned", api)
	ownedOutOfBand := f.service(p+"-adopted", owner)
	config := fmt.Sprintf(`
provider "kong" {
  default_tags = [%[1]q]
}

resource "kong_service" "owned" {
  name = "%[3]s-owned"
  host = "lambda.eu-west-1.amazonaws.com"
  tags = [%[2]q]
}

data "kong_services" "owned_api_1" {
  tags       = [%[2]q]
  managed    = true
  depends_on = [kong_service.owned]
}

data "kong_services" "everything_owned" {
  managed    = true
  depends_on = [kong_service.owned]
}
`, owner, api, p)
	testAccOneStep(t, resource.TestStep{
		Config: config,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.kong_services.owned_api_1", tfjsonpath.New("names"), stringsExact(p+"-owned")),
			statecheck.ExpectKnownValue("data.kong_services.everything_owned", tfjsonpath.New("names"), stringsExact(p+"-adopted", p+"-owned")),
			statecheck.ExpectKnownValue("data.kong_services.everything_owned", tfjsonpath.New("ids").AtSliceIndex(0), knownvalue.StringExact(ownedOutOfBand)),
			statecheck.CompareValuePairs("data.kong_services.owned_api_1", tfjsonpath.New("ids").AtSliceIndex(0),
				"kong_service.owned", tfjsonpath.New("id"), compare.ValuesSame()),
		},
	})
}

func TestAccDataSourceEntities_invalidFilters(t *testing.T) {
	cases := map[string]struct{ config, want string }{
		"a tag Kong would refuse": {`
data "kong_services" "x" {
  tags = ["team/a"]
}`, `(?s)Invalid tag.*may not contain '/'`},
		"an unknown tags_match": {`
data "kong_routes" "x" {
  tags       = ["a"]
  tags_match = "some"
}`, `(?s)Invalid Attribute Value Match.*tags_match`},
		"any with managed": {`
provider "kong" {
  default_tags = ["stack"]
}

data "kong_consumers" "x" {
  tags       = ["a", "b"]
  tags_match = "any"
  managed    = true
}`, `(?s)Conflicting tag filter.*never both`},
		"managed without default_tags": {`
data "kong_plugins" "x" {
  managed = true
}`, `(?s)Invalid tag filter.*the\s+provider has none`},
		"more tags than Kong filters on": {`
data "kong_services" "x" {
  tags = ["a", "b", "c", "d", "e", "f"]
}`, `(?s)tags set must contain at most 5 elements`},
		"default_tags push the filter past five tags": {`
provider "kong" {
  default_tags = ["stack", "owner"]
}

data "kong_services" "x" {
  tags    = ["a", "b", "c", "d"]
  managed = true
}`, `(?s)at most 5 tags; this\s+filter has 6`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			testAccDataSourceError(t, tc.config, tc.want)
		})
	}
}

// TestAccDataSourceEntities_examples runs the four documentation examples together against entities that
// carry the tags they filter on.
func TestAccDataSourceEntities_examples(t *testing.T) {
	var examples strings.Builder
	for _, kind := range []string{"services", "routes", "consumers", "plugins"} {
		example, err := os.ReadFile("../../examples/data-sources/kong_" + kind + "/data-source.tf")
		if err != nil {
			t.Fatal(err)
		}
		examples.Write(example)
	}
	p := randomName("examples")
	stack := p + "-stack"
	f := newListingFixtures(t)
	api1 := f.service(p+"-api1", "api:api1", "team:payments", stack)
	route := f.route(p+"-api1", api1, "api:api1")
	keyAuth := f.plugin("key-auth", api1, "api:api1")
	frontend := f.consumer("", p+"-angular-ui", "role:frontend", stack)
	config := fmt.Sprintf("provider \"kong\" {\n  default_tags = [%q]\n}\n\n", stack) + examples.String()
	testAccOneStep(t, resource.TestStep{
		Config: config,
		Check: resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckTypeSetElemAttr("data.kong_services.payments", "ids.*", api1),
			resource.TestCheckTypeSetElemAttr("data.kong_routes.api1", "ids.*", route),
			resource.TestCheckTypeSetElemAttr("data.kong_routes.public_apis", "ids.*", route),
			resource.TestCheckTypeSetElemAttr("data.kong_plugins.api1", "ids.*", keyAuth),
		),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.kong_services.owned", tfjsonpath.New("ids"), stringsExact(api1)),
			statecheck.ExpectKnownValue("data.kong_consumers.owned", tfjsonpath.New("ids"), stringsExact(frontend)),
			statecheck.ExpectKnownOutputValue("owned_frontend_custom_ids", stringsExact(p+"-angular-ui")),
			statecheck.ExpectKnownOutputValue("owned_consumer_usernames", knownvalue.ListSizeExact(0)),
		},
	})
}
