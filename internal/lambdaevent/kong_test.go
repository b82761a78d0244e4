package lambdaevent

import (
	"encoding/base64"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

var testStart = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func load(t *testing.T, name string) *Request {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	r, err := ParseALBEvent(data)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func moduleOptions(route string) Options {
	env := ExamplesCompleteEnv()
	env.RequestID = "0123456789abcdef0123456789abcdef"
	env.Start = testStart
	return Options{Plugin: ModuleDefaults(), Route: Route{Path: route, RouterFlavor: "traditional_compatible"}, Env: env}
}

func convert(t *testing.T, name string, o Options) map[string]any {
	t.Helper()
	res, err := KongEvent(load(t, name), o)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ToMap(res.Event)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// get walks a dotted path through decoded JSON.
func get(m map[string]any, path string) any {
	var v any = m
	for _, k := range strings.Split(path, ".") {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		if v, ok = obj[k]; !ok {
			return "(absent)"
		}
	}
	return v
}

func expect(t *testing.T, ev map[string]any, want map[string]any) {
	t.Helper()
	for path, w := range want {
		if got := get(ev, path); !reflect.DeepEqual(got, w) {
			t.Errorf("%s = %#v, want %#v", path, got, w)
		}
	}
}

func TestSingleValueGet(t *testing.T) {
	ev := convert(t, "alb-single-get.json", moduleOptions("/dev/api1"))
	expect(t, ev, map[string]any{
		"version":                              "1.0",
		"resource":                             "(absent)",
		"path":                                 "/dev/api1/items",
		"httpMethod":                           "GET",
		"queryStringParameters.name":           "café au lait", // the ALB passed caf%C3%A9+au+lait
		"queryStringParameters.query":          "1234ABCD",
		"multiValueQueryStringParameters.name": []any{"café au lait"},
		"headers.connection":                   "(absent)",
		"headers.x-forwarded-prefix":           "/api",
		"headers.x-forwarded-for":              "72.12.164.125",
		"multiValueHeaders.cookie":             []any{"session=abc"},
		"pathParameters":                       map[string]any{},
		"body":                                 "", // no body, yet isBase64Encoded
		"isBase64Encoded":                      true,
		"requestContext.elb":                   "(absent)",
		"requestContext.identity.sourceIp":     "127.0.0.1",
		"requestContext.domainPrefix":          "internal-kongform-123578498",
		"requestContext.protocol":              "HTTP/1.1",
		"requestContext.requestTime":           "02/Jan/2026:03:04:05 +0000",
		"requestContext.requestTimeEpoch":      float64(testStart.UnixMilli()),
		"requestContext.resourcePath":          "/dev/api1/items",
		"requestContext.stage":                 "(absent)",
	})
}

func TestMultiValueGetWithKeyAuth(t *testing.T) {
	o := moduleOptions("/dev/api1")
	o.Env.Consumer = &Consumer{ID: "c1", Username: "team-a", CredentialID: "k1", KeyNames: []string{"apikey"}}
	ev := convert(t, "alb-multi-get.json", o)
	expect(t, ev, map[string]any{
		"headers.cookie":                        "name1=value1", // first, where single-value ALB mode keeps the last
		"multiValueHeaders.cookie":              []any{"name1=value1", "name2=value2"},
		"queryStringParameters.myKey":           "val1",
		"multiValueQueryStringParameters.myKey": []any{"val1", "val2"},
		"queryStringParameters.q":               "a+b=c",
		"headers.apikey":                        "(absent)",
		"headers.x-consumer-username":           "team-a",
		"headers.x-credential-identifier":       "k1",
	})
}

func TestBodies(t *testing.T) {
	ev := convert(t, "alb-single-post-json.json", moduleOptions("/dev/api1"))
	expect(t, ev, map[string]any{
		"body":            base64.StdEncoding.EncodeToString([]byte(`{"alpha":"bravo"}`)),
		"isBase64Encoded": true,
		"httpMethod":      "PUT",
	})

	o := moduleOptions("/dev/api1")
	o.Plugin.Base64EncodeBody = false
	expect(t, convert(t, "alb-single-post-json.json", o), map[string]any{"body": `{"alpha":"bravo"}`, "isBase64Encoded": false})
	expect(t, convert(t, "alb-single-get.json", o), map[string]any{"body": "(absent)", "isBase64Encoded": false})

	// Binary bodies arrive base64 both ways; the path is Kong's normalized one.
	expect(t, convert(t, "alb-multi-post-binary.json", moduleOptions("/dev/api1")), map[string]any{
		"body":            "iVBORw0KGgo=",
		"isBase64Encoded": true,
		"path":            "/dev/api1/files/caf%C3%A9~",
	})

	// Kong's default skip_large_bodies drops a body larger than the buffer, silently but for its error log.
	o = moduleOptions("/dev/api1")
	o.Plugin.SkipLargeBodies = true
	o.Env.BodyBufferSize = 8
	res, err := KongEvent(load(t, "alb-single-post-json.json"), o)
	if err != nil {
		t.Fatal(err)
	}
	if res.Event["body"] != "" || len(res.Warnings) == 0 {
		t.Errorf("large body: body %q, warnings %q", res.Event["body"], res.Warnings)
	}
}

func TestRegexRoute(t *testing.T) {
	o := moduleOptions("~/dev/api2/v1/items/(?<id>[^/]+)$")
	expect(t, convert(t, "alb-single-item.json", o), map[string]any{
		"pathParameters.id": "42",
		"resource":          "(absent)",
	})
	o.Route.RouterFlavor = "traditional"
	expect(t, convert(t, "alb-single-item.json", o), map[string]any{"resource": "/dev/api2/v1/items/(?<id>[^/]+)$"})

	o.Route.Path = "/dev/api1"
	if _, err := KongEvent(load(t, "alb-single-item.json"), o); err == nil {
		t.Error("a route that does not match the path must fail")
	}
}

func TestRawQueryOverride(t *testing.T) {
	o := moduleOptions("/dev/api1")
	o.Env.RawQuery = "?flag&empty=&a=1&a=2&=x&sp=a+b%20c"
	expect(t, convert(t, "alb-single-get.json", o), map[string]any{
		"queryStringParameters.flag":         true,
		"queryStringParameters.empty":        "",
		"multiValueQueryStringParameters.a":  []any{"1", "2"},
		"queryStringParameters.sp":           "a b c",
		"queryStringParameters.query":        "(absent)",
		"multiValueQueryStringParameters.sp": []any{"a b c"},
	})
}

func TestForwardRequestModes(t *testing.T) {
	o := moduleOptions("/dev/api1")
	o.Plugin = PluginConfig{ForwardRequestBody: true, ForwardRequestHeaders: true, ForwardRequestMethod: true, ForwardRequestURI: true, Base64EncodeBody: true}
	expect(t, convert(t, "alb-single-post-json.json", o), map[string]any{
		"request_method":             "PUT",
		"request_body":               `{"alpha":"bravo"}`,
		"request_body_args.alpha":    "bravo",
		"request_body_base64":        "(absent)",
		"request_uri":                "/dev/api1/path/to/resource",
		"request_headers.host":       "internal-kongform-123578498.eu-west-1.elb.amazonaws.com",
		"request_headers.connection": "(absent)",
	})
	expect(t, convert(t, "alb-multi-post-binary.json", o), map[string]any{
		"request_body":        "iVBORw0KGgo=",
		"request_body_base64": true,
		"request_body_args":   map[string]any{},
	})
	expect(t, convert(t, "alb-multi-get.json", o), map[string]any{
		"request_headers.cookie": []any{"name1=value1", "name2=value2"},
		"request_uri":            "/dev/api1/search?myKey=val1&myKey=val2&q=a%2Bb%3Dc",
		"request_uri_args.q":     "a+b=c",
		"request_uri_args.myKey": []any{"val1", "val2"},
	})

	// Neither mode: the query arguments merged with the parsed body, and nothing else.
	o.Plugin = KongDefaults()
	ev := convert(t, "alb-single-get.json", o)
	if want := map[string]any{"name": "café au lait", "query": "1234ABCD"}; !reflect.DeepEqual(ev, want) {
		t.Errorf("legacy payload %v, want %v", ev, want)
	}
}

func TestPathNormalization(t *testing.T) {
	for in, want := range map[string]string{
		"/dev/api1/a%2fb":       "/dev/api1/a%2Fb",
		"/dev/api1/%7euser":     "/dev/api1/~user",
		"/dev/api1/a%20b":       "/dev/api1/a%20b",
		"/dev/api1//x/./y/../z": "/dev/api1/x/z",
		"/dev/api1/caf%C3%A9":   "/dev/api1/caf%C3%A9",
	} {
		if got := escapePath(normalizePath(in)); got != want {
			t.Errorf("%s -> %s, want %s", in, got, want)
		}
	}
	for _, c := range []struct {
		route    Route
		req, out string
	}{
		{Route{Path: "/dev/api1"}, "/dev/api1/items", "/dev/api1/items"},
		{Route{Path: "/dev/api1", StripPath: true}, "/dev/api1/items", "/items"},
		{Route{Path: "/dev/api1", StripPath: true}, "/dev/api1", "/"},
		{Route{Path: "/dev/api1", StripPath: true, ServicePath: "/base"}, "/dev/api1/items", "/base/items"},
		{Route{Path: "/dev/api1", ServicePath: "/base/"}, "/dev/api1/items", "/base/dev/api1/items"},
	} {
		prefix, _, err := c.route.match(c.req)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.route.upstreamURI(c.req, prefix); got != c.out {
			t.Errorf("%+v %s -> %s, want %s", c.route, c.req, got, c.out)
		}
	}
}

func TestParseRejectsOtherEvents(t *testing.T) {
	for _, bad := range []string{`{"version":"1.0","httpMethod":"GET","path":"/","requestContext":{}}`, `[]`, `{"requestContext":{"elb":{}}}`} {
		if _, err := ParseALBEvent([]byte(bad)); err == nil {
			t.Errorf("%s: want an error", bad)
		}
	}
}
