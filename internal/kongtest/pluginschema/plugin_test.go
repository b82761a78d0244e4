package pluginschema

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
)

var ossPlugins = []string{
	"acl", "ai-prompt-decorator", "ai-prompt-guard", "ai-prompt-template", "ai-request-transformer",
	"ai-response-transformer", "aws-lambda", "azure-functions", "basic-auth", "bot-detection", "correlation-id",
	"cors", "datadog", "file-log", "grpc-gateway", "grpc-web", "hmac-auth", "http-log", "ip-restriction", "jwt",
	"key-auth", "ldap-auth", "loggly", "oauth2", "opentelemetry", "prometheus", "proxy-cache", "rate-limiting",
	"redirect", "request-size-limiting", "request-termination", "request-transformer", "response-ratelimiting",
	"response-transformer", "standard-webhooks", "statsd", "syslog", "tcp-log", "udp-log", "zipkin",
}

func pluginNames(ps []*Plugin) []string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return names
}

// registerCustom registers the tests' custom plugins once per test binary:
// one for every node and one for Enterprise nodes only.
var registerCustom = sync.OnceValue(func() error {
	err := Register(New(Plugin{Name: "kongform-custom", Version: "0.1.0", Priority: 10, NoService: true},
		[]*Field{String("greeting").Req().Def("hello"), Integer("repeat").Def(1).Range(1, 5)},
		AtLeastOneOf("config.greeting"),
	))
	if err != nil {
		return err
	}
	return Register(New(Plugin{Name: "kongform-ee-only", Enterprise: true}, nil))
})

func TestAvailable(t *testing.T) {
	if err := registerCustom(); err != nil {
		t.Fatal(err)
	}
	oss := append([]string{"kongform-custom"}, ossPlugins...)
	sort.Strings(oss)
	if got := pluginNames(Available(false)); !reflect.DeepEqual(got, oss) {
		t.Errorf("OSS plugins = %v, want %v", got, oss)
	}
	enterprise := append([]string{"kongform-ee-only", "request-validator"}, oss...)
	sort.Strings(enterprise)
	if got := pluginNames(Available(true)); !reflect.DeepEqual(got, enterprise) {
		t.Errorf("Enterprise plugins = %v, want %v", got, enterprise)
	}
}

func TestLookupVersions(t *testing.T) {
	cases := []struct {
		name       string
		enterprise bool
		found      bool
		version    string
	}{
		{"key-auth", false, true, OSSVersion},
		{"key-auth", true, true, EnterpriseVersion},
		{"request-validator", false, false, ""},
		{"request-validator", true, true, EnterpriseVersion},
		{"no-such-plugin", true, false, ""},
	}
	for _, tc := range cases {
		p, ok := Lookup(tc.name, tc.enterprise)
		if ok != tc.found || (ok && p.Version != tc.version) {
			t.Errorf("Lookup(%s, %v) = %v, %v", tc.name, tc.enterprise, p, ok)
		}
	}
	if p, _ := Lookup("request-validator", true); !p.Enterprise || p.Priority != 999 {
		t.Errorf("request-validator metadata = %+v", p)
	}
}

func TestRegisterCustomPlugin(t *testing.T) {
	if err := registerCustom(); err != nil {
		t.Fatal(err)
	}
	for _, enterprise := range []bool{false, true} {
		p, ok := Lookup("kongform-custom", enterprise)
		if !ok || p.Version != "0.1.0" || !p.NoService {
			t.Fatalf("custom plugin on enterprise=%v: %+v, %v", enterprise, p, ok)
		}
		got, errs := p.NormalizeConfig(nil)
		if errs != nil || !reflect.DeepEqual(got, map[string]any{"greeting": "hello", "repeat": float64(1)}) {
			t.Errorf("custom config = %v, %v", got, errs)
		}
		_, errs = p.NormalizeConfig(map[string]any{"greeting": nil, "repeat": 9})
		want := []string{
			"at least one of these fields must be non-empty: 'config.greeting'",
			"config.greeting: required field missing",
			"config.repeat: value should be between 1 and 5",
		}
		if parts := FlattenErrors("", errs); !reflect.DeepEqual(parts, want) {
			t.Errorf("custom errors = %q, want %q", parts, want)
		}
	}
	if err := Register(New(Plugin{Name: "key-auth"}, nil)); err == nil {
		t.Error("registering a bundled plugin's name succeeded")
	}
	if err := Register(&Plugin{Name: "hand-made"}); err == nil {
		t.Error("registering a plugin not built with New succeeded")
	}
}

func TestRegisterEnterpriseOnly(t *testing.T) {
	if err := registerCustom(); err != nil {
		t.Fatal(err)
	}
	if _, ok := Lookup("kongform-ee-only", false); ok {
		t.Error("Enterprise-only plugin found on an OSS node")
	}
	if _, ok := Lookup("kongform-ee-only", true); !ok {
		t.Error("Enterprise-only plugin missing on an Enterprise node")
	}
}

// schemaJSON round-trips the schema through JSON as the server sends it.
func schemaJSON(t *testing.T, name string) map[string]any {
	t.Helper()
	raw, err := json.Marshal(lookupPlugin(t, name).SchemaJSON())
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSchemaJSONKeyAuth(t *testing.T) {
	want := jsonValue(t, `{
	  "fields": [
	    {"consumer": {"type": "foreign", "reference": "consumers", "eq": null}},
	    {"protocols": {"type": "set", "required": true, "default": ["grpc","grpcs","http","https"],
	                   "elements": {"type": "string", "one_of": ["grpc","grpcs","http","https"]}}},
	    {"config": {"type": "record", "required": true, "fields": [
	      {"key_names": {"type": "array", "required": true, "default": ["apikey"], "elements": {"type": "string"}}},
	      {"hide_credentials": {"type": "boolean", "required": true, "default": false}},
	      {"anonymous": {"type": "string"}},
	      {"key_in_header": {"type": "boolean", "required": true, "default": true}},
	      {"key_in_query": {"type": "boolean", "required": true, "default": true}},
	      {"key_in_body": {"type": "boolean", "required": true, "default": false}},
	      {"run_on_preflight": {"type": "boolean", "required": true, "default": true}},
	      {"realm": {"type": "string"}}
	    ]}}
	  ],
	  "entity_checks": []
	}`)
	if got := schemaJSON(t, "key-auth"); !reflect.DeepEqual(any(got), want) {
		t.Errorf("schema\n got %v\nwant %v", got, want)
	}
}

// configField finds a config sub-field in a schema JSON body.
func configField(t *testing.T, schema map[string]any, path ...string) map[string]any {
	t.Helper()
	var cur map[string]any
	for _, f := range schema["fields"].([]any) {
		if c, ok := f.(map[string]any)["config"]; ok {
			cur = c.(map[string]any)
		}
	}
	for _, name := range path {
		var next map[string]any
		for _, f := range cur["fields"].([]any) {
			if sub, ok := f.(map[string]any)[name]; ok {
				next = sub.(map[string]any)
			}
		}
		if next == nil {
			t.Fatalf("no field %s in %v", strings.Join(path, "."), cur)
		}
		cur = next
	}
	return cur
}

func TestSchemaJSONDetails(t *testing.T) {
	lambda := schemaJSON(t, "aws-lambda")
	if _, scoped := lambda["fields"].([]any)[0].(map[string]any)["consumer"]; scoped {
		t.Error("aws-lambda allows consumers but its schema forbids them")
	}
	wantChecks := jsonValue(t, `[{"mutually_required":["config.aws_key","config.aws_secret"]},
		{"custom_entity_check":{"field_sources":["config.proxy_url"]}}]`)
	if !reflect.DeepEqual(lambda["entity_checks"], wantChecks) {
		t.Errorf("aws-lambda entity checks = %v", lambda["entity_checks"])
	}
	cases := []struct {
		plugin string
		path   []string
		want   string
	}{
		{"aws-lambda", []string{"aws_key"}, `{"type":"string","referenceable":true,"encrypted":true}`},
		{"aws-lambda", []string{"port"}, `{"type":"integer","default":443,"between":[0,65535]}`},
		{"aws-lambda", []string{"invocation_type"}, `{"type":"string","required":true,"default":"RequestResponse",
			"one_of":["RequestResponse","Event","DryRun"]}`},
		{"rate-limiting", []string{"minute"}, `{"type":"number","gt":0}`},
		{"rate-limiting", []string{"policy"}, `{"type":"string","default":"local","len_min":0,"one_of":["local","cluster","redis"]}`},
		{"rate-limiting", []string{"redis", "timeout"}, `{"type":"integer","default":2000,"between":[0,2147483646]}`},
		{"rate-limiting", []string{"path"}, `{"type":"string","starts_with":"/",
			"match_none":[{"pattern":"//","err":"must not have empty segments"}]}`},
		{"file-log", []string{"path"}, "{\"type\":\"string\",\"required\":true,\"match\":\"^[^*&%%\\\\`]+$\",\"err\":\"not a valid filename\"}"},
		{"http-log", []string{"retry_count"}, `{"type":"integer","deprecation":{"message":
			"http-log: config.retry_count no longer works, please use config.queue.max_retry_time instead",
			"removal_in_version":"4.0","old_default":10}}`},
		{"http-log", []string{"headers"}, `{"type":"map","keys":{"type":"string","match_none":[
			{"pattern":"^[Hh][Oo][Ss][Tt]$","err":"cannot contain 'Host' header"},
			{"pattern":"^[Cc][Oo][Nn][Tt][Ee][Nn][Tt]%-[Ll][Ee][nn][Gg][Tt][Hh]$","err":"cannot contain 'Content-Length' header"},
			{"pattern":"^[Cc][Oo][Nn][Tt][Ee][Nn][Tt]%-[Tt][Yy][Pp][Ee]$","err":"cannot contain 'Content-Type' header"}]},
			"values":{"type":"string","referenceable":true}}`},
	}
	for _, tc := range cases {
		t.Run(tc.plugin+"."+strings.Join(tc.path, "."), func(t *testing.T) {
			got := configField(t, schemaJSON(t, tc.plugin), tc.path...)
			if want := jsonValue(t, tc.want); !reflect.DeepEqual(any(got), want) {
				t.Errorf("field schema\n got %v\nwant %v", got, want)
			}
		})
	}
}

func TestSchemaJSONShorthandsAndChecks(t *testing.T) {
	rl := schemaJSON(t, "rate-limiting")
	config := configField(t, rl)
	shorthands := config["shorthand_fields"].([]any)
	if len(shorthands) != 9 {
		t.Fatalf("%d shorthands, want 9", len(shorthands))
	}
	wantFirst := jsonValue(t, `{"redis_host":{"type":"string","deprecation":{
		"message":"rate-limiting: config.redis_host is deprecated, please use config.redis.host instead",
		"removal_in_version":"4.0","replaced_with":[{"path":["redis","host"]}]}}}`)
	if !reflect.DeepEqual(shorthands[0], wantFirst) {
		t.Errorf("first shorthand = %v", shorthands[0])
	}
	wantConditional := jsonValue(t, `{"conditional":{"if_field":"config.policy","if_match":{"eq":"redis"},
		"then_field":"config.redis.host","then_match":{"required":true}}}`)
	if checks := rl["entity_checks"].([]any); len(checks) != 6 || !reflect.DeepEqual(checks[1], wantConditional) {
		t.Errorf("rate-limiting entity checks = %v", checks)
	}
	ipr := schemaJSON(t, "ip-restriction")
	protocols := ipr["fields"].([]any)[0].(map[string]any)["protocols"].(map[string]any)
	wantProtocols := jsonValue(t, `{"type":"set","required":true,"default":["http","https","tcp","tls","grpc","grpcs"],
		"elements":{"type":"string","one_of":["grpc","grpcs","http","https","tcp","tls","tls_passthrough","udp"]}}`)
	if !reflect.DeepEqual(any(protocols), wantProtocols) {
		t.Errorf("ip-restriction protocols = %v", protocols)
	}
	params := configField(t, schemaJSON(t, "request-validator"), "parameter_schema")
	elem := params["elements"].(map[string]any)
	if !reflect.DeepEqual(elem["entity_checks"], jsonValue(t, `[{"mutually_required":["style","explode","schema"]}]`)) {
		t.Errorf("parameter_schema element checks = %v", elem["entity_checks"])
	}
}
