package pluginschema

import (
	"reflect"
	"strings"
	"testing"
)

func lookupPlugin(t *testing.T, name string) *Plugin {
	t.Helper()
	p, ok := Lookup(name, true)
	if !ok {
		t.Fatalf("plugin %s not found", name)
	}
	return p
}

// The complete normalized configs for a minimal input, as Kong 3.9.3 stores
// and returns them.
func TestBundledDefaults(t *testing.T) {
	cases := []struct {
		plugin, input, want string
	}{
		{"key-auth", `{}`, `{"key_names":["apikey"],"hide_credentials":false,"anonymous":null,"key_in_header":true,
			"key_in_query":true,"key_in_body":false,"run_on_preflight":true,"realm":null}`},
		{"cors", `{}`, `{"origins":null,"headers":null,"exposed_headers":null,
			"methods":["GET","HEAD","PUT","PATCH","POST","DELETE","OPTIONS","TRACE","CONNECT"],"max_age":null,
			"credentials":false,"private_network":false,"preflight_continue":false}`},
		{"aws-lambda", `{"function_name":"orders","aws_region":"eu-west-1"}`, `{"timeout":60000,"keepalive":60000,
			"aws_key":null,"aws_secret":null,"aws_assume_role_arn":null,"aws_role_session_name":"kong",
			"aws_sts_endpoint_url":null,"aws_region":"eu-west-1","function_name":"orders","qualifier":null,
			"invocation_type":"RequestResponse","log_type":"Tail","host":null,"port":443,"disable_https":false,
			"unhandled_status":null,"forward_request_method":false,"forward_request_uri":false,
			"forward_request_headers":false,"forward_request_body":false,"is_proxy_integration":false,
			"awsgateway_compatible":false,"proxy_url":null,"skip_large_bodies":true,"base64_encode_body":true,
			"aws_imds_protocol_version":"v1","empty_arrays_mode":"legacy"}`},
		{"acl", `{"allow":["admins"]}`, `{"allow":["admins"],"deny":null,"hide_groups_header":false,
			"always_use_authenticated_groups":false}`},
		{"rate-limiting", `{"minute":10}`, `{"second":null,"minute":10,"hour":null,"day":null,"month":null,"year":null,
			"limit_by":"consumer","header_name":null,"path":null,"policy":"local","fault_tolerant":true,
			"redis":{"host":null,"port":6379,"timeout":2000,"username":null,"password":null,"database":0,
				"ssl":false,"ssl_verify":false,"server_name":null},
			"hide_client_headers":false,"error_code":429,"error_message":"API rate limit exceeded","sync_rate":-1}`},
		{"request-size-limiting", `{}`, `{"allowed_payload_size":128,"size_unit":"megabytes","require_content_length":false}`},
		{"ip-restriction", `{"deny":["10.0.0.0/8"]}`, `{"allow":null,"deny":["10.0.0.0/8"],"status":null,"message":null}`},
		{"request-transformer", `{}`, `{"http_method":null,
			"remove":{"body":[],"headers":[],"querystring":[]},
			"rename":{"body":[],"headers":[],"querystring":[]},
			"replace":{"body":[],"headers":[],"querystring":[],"uri":null},
			"add":{"body":[],"headers":[],"querystring":[]},
			"append":{"body":[],"headers":[],"querystring":[]}}`},
		{"correlation-id", `{}`, `{"header_name":"Kong-Request-ID","generator":"uuid#counter","echo_downstream":false}`},
		{"request-termination", `{}`, `{"status_code":503,"message":null,"content_type":null,"body":null,"echo":false,
			"trigger":null}`},
		{"file-log", `{"path":"/tmp/kong.log"}`, `{"path":"/tmp/kong.log","reopen":false,"custom_fields_by_lua":null}`},
		{"http-log", `{"http_endpoint":"http://logs.internal:8080/kong"}`, `{"http_endpoint":"http://logs.internal:8080/kong",
			"method":"POST","content_type":"application/json","timeout":10000,"keepalive":60000,"retry_count":null,
			"queue_size":null,"flush_timeout":null,"headers":null,
			"queue":{"max_batch_size":1,"max_coalescing_delay":1,"max_entries":10000,"max_bytes":null,
				"max_retry_time":60,"initial_retry_delay":0.01,"max_retry_delay":60,"concurrency_limit":1},
			"custom_fields_by_lua":null}`},
		{"request-validator", `{"body_schema":"[]"}`, `{"body_schema":"[]","parameter_schema":null,
			"allowed_content_types":["application/json"],"verbose_response":false,"version":"kong",
			"content_type_parameter_validation":true}`},
		{"request-validator", `{"parameter_schema":[{"in":"query","name":"page","required":false}]}`, `{"body_schema":null,
			"parameter_schema":[{"in":"query","name":"page","required":false,"style":null,"explode":null,"schema":null}],
			"allowed_content_types":["application/json"],"verbose_response":false,"version":"kong",
			"content_type_parameter_validation":true}`},
	}
	for _, tc := range cases {
		t.Run(tc.plugin+" "+tc.input, func(t *testing.T) {
			got, errs := lookupPlugin(t, tc.plugin).NormalizeConfig(decode(t, tc.input, false))
			if errs != nil {
				t.Fatalf("unexpected errors: %v", errs)
			}
			if want := jsonValue(t, tc.want); !reflect.DeepEqual(any(got), want) {
				t.Errorf("normalized config\n got %v\nwant %v", got, want)
			}
			// A stored config normalizes to itself, so a PUT of what GET returned changes nothing.
			again, errs := lookupPlugin(t, tc.plugin).NormalizeConfig(got)
			if errs != nil || !reflect.DeepEqual(again, got) {
				t.Errorf("normalizing the normalized config gave %v, %v", again, errs)
			}
		})
	}
}

// pluginErrorCase is an invalid config and the schema-violation message
// parts Kong reports for it.
type pluginErrorCase struct {
	name, plugin, input string
	want                []string
}

func runPluginErrorCases(t *testing.T, cases []pluginErrorCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.plugin+"/"+tc.name, func(t *testing.T) {
			got, errs := lookupPlugin(t, tc.plugin).NormalizeConfig(decode(t, tc.input, false))
			if len(tc.want) == 0 {
				if errs != nil {
					t.Fatalf("unexpected errors: %v", errs)
				}
				if got == nil {
					t.Fatal("no normalized config")
				}
				return
			}
			if parts := FlattenErrors("", errs); !reflect.DeepEqual(parts, tc.want) {
				t.Errorf("message parts\n got %q\nwant %q", parts, tc.want)
			}
		})
	}
}

func TestAuthAndCORSConfigs(t *testing.T) {
	runPluginErrorCases(t, []pluginErrorCase{
		{"valid key names", "key-auth", `{"key_names":["apikey","X-API-Key"]}`, nil},
		{"bad key name", "key-auth", `{"key_names":["ok","bad name"]}`, []string{
			"config.key_names: {\n  [2] = \"bad header name 'bad name', allowed characters are A-Z, a-z, 0-9, '_', and '-'\"\n}"}},
		{"key_names null", "key-auth", `{"key_names":null}`, []string{"config.key_names: required field missing"}},
		{"hide_credentials type", "key-auth", `{"hide_credentials":"yes"}`, []string{"config.hide_credentials: expected a boolean"}},
		{"unknown field", "key-auth", `{"key_name":"apikey"}`, []string{"config.key_name: unknown field"}},
		{"regex and star origins", "cors", `{"origins":["*","https://.*\\.example\\.com"],"max_age":3600}`, nil},
		{"bad origin regex", "cors", `{"origins":["("]}`, []string{"config.origins: {\n  \"'(' is not a valid regex\"\n}"}},
		{"bad method", "cors", `{"methods":["GET","get"]}`, []string{
			"config.methods: {\n  [2] = \"expected one of: GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS, TRACE, CONNECT\"\n}"}},
		{"credentials null", "cors", `{"credentials":null}`, []string{"config.credentials: required field missing"}},
	})
}

func TestAWSLambdaConfig(t *testing.T) {
	runPluginErrorCases(t, []pluginErrorCase{
		{"instance role", "aws-lambda", `{"function_name":"f","aws_region":"us-east-1","forward_request_body":true,
			"is_proxy_integration":true,"proxy_url":"http://proxy.internal:3128"}`, nil},
		{"static keys together", "aws-lambda", `{"aws_key":"AKIA","aws_secret":"s"}`, nil},
		{"vault references", "aws-lambda", `{"aws_key":"{vault://aws/key}","aws_secret":"{vault://aws/secret}"}`, nil},
		{"key without secret", "aws-lambda", `{"aws_key":"AKIA"}`, []string{
			"all or none of these fields must be set: 'config.aws_key', 'config.aws_secret'"}},
		{"https proxy", "aws-lambda", `{"proxy_url":"https://proxy:3128"}`, []string{"proxy_url scheme must be http"}},
		{"proxy without scheme", "aws-lambda", `{"proxy_url":"proxy:3128"}`, []string{"config.proxy_url: missing host in url"}},
		{"sts endpoint without scheme", "aws-lambda", `{"aws_sts_endpoint_url":"//sts.amazonaws.com"}`,
			[]string{"config.aws_sts_endpoint_url: missing scheme in url"}},
		{"region with port", "aws-lambda", `{"aws_region":"eu-west-1:443"}`, []string{"config.aws_region: must not have a port"}},
		{"region invalid", "aws-lambda", `{"aws_region":"eu west"}`, []string{"config.aws_region: invalid value: eu west"}},
		{"host as IP", "aws-lambda", `{"host":"10.0.0.1"}`, nil},
		{"port out of range", "aws-lambda", `{"port":70000}`, []string{"config.port: value should be between 0 and 65535"}},
		{"unhandled status", "aws-lambda", `{"unhandled_status":99}`, []string{"config.unhandled_status: value should be between 100 and 999"}},
		{"invocation type", "aws-lambda", `{"invocation_type":"Async"}`, []string{
			"config.invocation_type: expected one of: RequestResponse, Event, DryRun"}},
		{"timeout as string", "aws-lambda", `{"timeout":"60000"}`, []string{"config.timeout: expected a number"}},
		{"several errors sorted", "aws-lambda", `{"log_type":"All","aws_secret":"s","port":-1}`, []string{
			"all or none of these fields must be set: 'config.aws_key', 'config.aws_secret'",
			"config.log_type: expected one of: Tail, None",
			"config.port: value should be between 0 and 65535"}},
	})
}

func TestPluginMetadata(t *testing.T) {
	cases := []struct {
		name       string
		priority   int
		noConsumer bool
		defaults   string
		allowed    string
	}{
		{"key-auth", 1250, true, "grpc grpcs http https", "grpc grpcs http https"},
		{"cors", 2000, true, "grpc grpcs http https", "grpc grpcs http https"},
		{"aws-lambda", 750, false, "grpc grpcs http https", "grpc grpcs http https"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := lookupPlugin(t, tc.name)
			if p.Priority != tc.priority || p.NoConsumer != tc.noConsumer || p.NoRoute || p.NoService || p.Enterprise {
				t.Errorf("metadata = %+v", p)
			}
			if got := strings.Join(p.DefaultProtocols, " "); got != tc.defaults {
				t.Errorf("default protocols = %s, want %s", got, tc.defaults)
			}
			if got := strings.Join(p.AllowedProtocols, " "); got != tc.allowed {
				t.Errorf("allowed protocols = %s, want %s", got, tc.allowed)
			}
		})
	}
}

func TestACLAndIPRestrictionConfigs(t *testing.T) {
	runPluginErrorCases(t, []pluginErrorCase{
		{"deny only", "acl", `{"deny":["blocked"]}`, nil},
		{"neither list", "acl", `{}`, []string{
			"exactly one of these fields must be non-empty: 'config.allow', 'config.deny'",
			"at least one of these fields must be non-empty: 'config.allow', 'config.deny'"}},
		{"empty lists count as unset", "acl", `{"allow":[],"deny":[]}`, []string{
			"exactly one of these fields must be non-empty: 'config.allow', 'config.deny'",
			"at least one of these fields must be non-empty: 'config.allow', 'config.deny'"}},
		{"both lists", "acl", `{"allow":["a"],"deny":["b"]}`, []string{
			"exactly one of these fields must be non-empty: 'config.allow', 'config.deny'"}},
		{"IPv4, IPv6 and CIDR", "ip-restriction", `{"allow":["10.0.0.1","10.0.0.0/8","::1","2001:db8::/32"],"status":403}`, nil},
		{"neither list", "ip-restriction", `{"message":"no"}`, []string{
			"at least one of these fields must be non-empty: 'config.allow', 'config.deny'"}},
		{"invalid entries", "ip-restriction", `{"deny":["10.0.0.0/8","10.0.0.0/33","host"]}`, []string{
			"config.deny: {\n  [2] = \"invalid ip or cidr range: '10.0.0.0/33'\",\n  [3] = \"invalid ip or cidr range: 'host'\"\n}"}},
	})
}

func TestRateLimitingConfig(t *testing.T) {
	runPluginErrorCases(t, []pluginErrorCase{
		{"redis policy", "rate-limiting", `{"second":5,"hour":1000,"policy":"redis",
			"redis":{"host":"redis.internal","password":"","ssl":true,"server_name":"redis.internal"},"sync_rate":1}`, nil},
		{"no limit", "rate-limiting", `{"policy":"local"}`, []string{
			"at least one of these fields must be non-empty: 'config.second', 'config.minute', 'config.hour', " +
				"'config.day', 'config.month', 'config.year'"}},
		{"limit not positive", "rate-limiting", `{"minute":0}`, []string{"config.minute: value must be greater than 0"}},
		{"limits decrease", "rate-limiting", `{"minute":20,"hour":10}`, []string{
			"config: The limit for hour(10.0) cannot be lower than the limit for minute(20.0)"}},
		{"sync_rate without redis", "rate-limiting", `{"minute":1,"sync_rate":10}`, []string{
			"config: sync_rate can only be used with the redis policy"}},
		{"sync_rate too small", "rate-limiting", `{"minute":1,"policy":"redis","redis":{"host":"r"},"sync_rate":0.01}`,
			[]string{"config: sync_rate must be greater than 0.02, or -1 to disable"}},
		{"redis without host", "rate-limiting", `{"minute":1,"policy":"redis"}`, []string{
			"failed conditional validation given value of field 'config.policy'",
			"config.redis: {\n  host = \"required field missing\"\n}"}},
		{"redis without port and timeout", "rate-limiting",
			`{"minute":1,"policy":"redis","redis":{"host":"r","port":null,"timeout":null}}`, []string{
				"failed conditional validation given value of field 'config.policy'",
				"failed conditional validation given value of field 'config.policy'",
				"config.redis: {\n  port = \"required field missing\",\n  timeout = \"required field missing\"\n}"}},
		{"limit by header without header", "rate-limiting", `{"minute":1,"limit_by":"header"}`, []string{
			"failed conditional validation given value of field 'config.limit_by'",
			"config.header_name: required field missing"}},
		{"limit by path", "rate-limiting", `{"minute":1,"limit_by":"path","path":"/v1//x"}`, []string{
			"config.path: must not have empty segments"}},
		{"bad policy", "rate-limiting", `{"minute":1,"policy":"memcached"}`, []string{
			"config.policy: expected one of: local, cluster, redis"}},
		{"empty policy passes len_min 0 but not one_of", "rate-limiting", `{"minute":1,"policy":""}`, []string{
			"config.policy: expected one of: local, cluster, redis"}},
		{"redis server name is an IP", "rate-limiting", `{"minute":1,"redis":{"server_name":"10.0.0.1"}}`, []string{
			"config.redis: {\n  server_name = \"must not be an IP\"\n}"}},
		{"redis timeout not an integer", "rate-limiting", `{"minute":1,"redis":{"timeout":1.5}}`, []string{
			"config.redis: {\n  timeout = \"expected an integer\"\n}"}},
		{"unknown redis field", "rate-limiting", `{"minute":1,"redis":{"hostname":"r"}}`, []string{
			"config.redis: {\n  hostname = \"unknown field\"\n}"}},
		{"legacy redis shorthands", "rate-limiting", `{"minute":1,"policy":"redis","redis_host":"r","redis_port":6380}`, nil},
		{"legacy shorthand of the wrong type", "rate-limiting", `{"minute":1,"redis_ssl":"yes"}`, []string{
			"redis_ssl: expected a boolean"}},
		{"legacy shorthand disagreeing with redis", "rate-limiting", `{"minute":1,"redis_host":"a","redis":{"host":"b"}}`,
			[]string{"redis_host: both deprecated and new field are used but their values mismatch: redis_host = a vs redis.host = b"}},
	})
}

func TestRateLimitingShorthandMirrors(t *testing.T) {
	p := lookupPlugin(t, "rate-limiting")
	stored, errs := p.NormalizeConfig(decode(t, `{"minute":1,"policy":"redis","redis_host":"r","redis_timeout":500}`, false))
	if errs != nil {
		t.Fatalf("unexpected errors: %v", errs)
	}
	redis := stored["redis"].(map[string]any)
	if redis["host"] != "r" || redis["timeout"] != float64(500) || redis["port"] != float64(6379) {
		t.Errorf("shorthands not moved into redis: %v", redis)
	}
	if _, ok := stored["redis_host"]; ok {
		t.Errorf("stored config keeps the shorthand: %v", stored)
	}
	out := p.OutputConfig(stored)
	want := map[string]any{
		"redis_host": "r", "redis_port": float64(6379), "redis_password": nil, "redis_username": nil,
		"redis_ssl": false, "redis_ssl_verify": false, "redis_server_name": nil, "redis_timeout": float64(500),
		"redis_database": float64(0),
	}
	for k, v := range want {
		if got, ok := out[k]; !ok || !reflect.DeepEqual(got, v) {
			t.Errorf("output %s = %v (present %v), want %v", k, got, ok, v)
		}
	}
	// Sending back what GET showed, mirrors included, stores the same config.
	again, errs := p.NormalizeConfig(out)
	if errs != nil || !reflect.DeepEqual(again, stored) {
		t.Errorf("round trip through the output gave %v, %v", again, errs)
	}
}

func TestTransformAndTerminationConfigs(t *testing.T) {
	runPluginErrorCases(t, []pluginErrorCase{
		{"full config", "request-transformer", `{"http_method":"POST",
			"remove":{"headers":["X-Debug"],"querystring":["debug"],"body":["password"]},
			"rename":{"headers":["X-Old:X-New"],"querystring":["a:b"],"body":["c:d"]},
			"replace":{"headers":["Host:internal"],"uri":"/v2","body":["k:$(headers.x)"]},
			"add":{"headers":["X-Empty:","X-Kong:yes"],"querystring":["q:1"]},
			"append":{"headers":["X-Trace:a:b"]}}`, nil},
		{"lowercase method", "request-transformer", `{"http_method":"post"}`, []string{"config.http_method: invalid value: post"}},
		{"add without value", "request-transformer", `{"add":{"querystring":["q:1","flag"]}}`, []string{
			"config.add: {\n  querystring = {\n    [2] = \"key 'flag' has no value\"\n  }\n}"}},
		{"header entry without colon", "request-transformer", `{"add":{"headers":["X-Only"]}}`, []string{
			"config.add: {\n  headers = {\n    \"invalid value: X-Only\"\n  }\n}"}},
		{"bad header name", "request-transformer", `{"append":{"headers":["X Bad:v"]}}`, []string{
			"config.append: {\n  headers = {\n    \"'X Bad' is not a valid header\"\n  }\n}"}},
		{"rename to a bad header", "request-transformer", `{"rename":{"headers":["X-Old:new name"]}}`, []string{
			"config.rename: {\n  headers = {\n    \"'new name' is not a valid header\"\n  }\n}"}},
		{"lists are required", "request-transformer", `{"remove":{"headers":null}}`, []string{
			"config.remove: {\n  headers = \"required field missing\"\n}"}},
		{"message", "request-termination", `{"status_code":403,"message":"Forbidden"}`, nil},
		{"body with content type", "request-termination", `{"body":"{}","content_type":"application/json"}`, nil},
		{"status out of range", "request-termination", `{"status_code":600}`, []string{
			"config.status_code: value should be between 100 and 599"}},
		{"message with body", "request-termination", `{"message":"m","body":"b"}`, []string{
			"config: message cannot be used with content_type or body"}},
		{"content type without body", "request-termination", `{"content_type":"text/plain"}`, []string{
			"config: content_type requires a body"}},
		{"echo with body", "request-termination", `{"echo":true,"body":"b"}`, []string{
			"config: echo cannot be used with content_type and body"}},
		{"bad trigger", "request-termination", `{"trigger":"X Trigger"}`, []string{
			"config.trigger: bad header name 'X Trigger', allowed characters are A-Z, a-z, 0-9, '_', and '-'"}},
	})
}

func TestSmallPluginConfigs(t *testing.T) {
	runPluginErrorCases(t, []pluginErrorCase{
		{"bytes", "request-size-limiting", `{"allowed_payload_size":1024,"size_unit":"bytes"}`, nil},
		{"size unit", "request-size-limiting", `{"size_unit":"gigabytes"}`, []string{
			"config.size_unit: expected one of: megabytes, kilobytes, bytes"}},
		{"fractional size", "request-size-limiting", `{"allowed_payload_size":1.5}`, []string{
			"config.allowed_payload_size: expected an integer"}},
		{"generator", "correlation-id", `{"generator":"random"}`, []string{
			"config.generator: expected one of: uuid, uuid#counter, tracker"}},
		{"header name null", "correlation-id", `{"header_name":null,"generator":"tracker"}`, nil},
	})
}

func TestLogPluginConfigs(t *testing.T) {
	runPluginErrorCases(t, []pluginErrorCase{
		{"path required", "file-log", `{}`, []string{"config.path: required field missing"}},
		{"bad filename", "file-log", `{"path":"/tmp/kong-*.log"}`, []string{"config.path: not a valid filename"}},
		{"backslash", "file-log", `{"path":"C:\\logs"}`, []string{"config.path: not a valid filename"}},
		{"custom fields", "file-log", `{"path":"/tmp/k.log","custom_fields_by_lua":{"env":"return 'prod'"}}`, nil},
		{"empty custom field", "file-log", `{"path":"/tmp/k.log","custom_fields_by_lua":{"env":""}}`, []string{
			"config.custom_fields_by_lua: length must be at least 1"}},
		{"full config", "http-log", `{"http_endpoint":"https://logs.internal/kong","method":"PUT",
			"content_type":"application/json; charset=utf-8","headers":{"X-Token":"t"},
			"queue":{"max_batch_size":100,"max_coalescing_delay":5,"concurrency_limit":-1}}`, nil},
		{"endpoint required", "http-log", `{}`, []string{"config.http_endpoint: required field missing"}},
		{"endpoint without scheme", "http-log", `{"http_endpoint":"logs.internal"}`, []string{
			"config.http_endpoint: missing host in url"}},
		{"method", "http-log", `{"http_endpoint":"http://l","method":"GET"}`, []string{
			"config.method: expected one of: POST, PUT, PATCH"}},
		{"host header", "http-log", `{"http_endpoint":"http://l","headers":{"HOST":"x"}}`, []string{
			"config.headers: cannot contain 'Host' header"}},
		{"content-type header", "http-log", `{"http_endpoint":"http://l","headers":{"content-type":"x"}}`, []string{
			"config.headers: cannot contain 'Content-Type' header"}},
		{"content-length header", "http-log", `{"http_endpoint":"http://l","headers":{"Content-Length":"1"}}`, []string{
			"config.headers: cannot contain 'Content-Length' header"}},
		{"Kong's Content-Length pattern misses an uppercase N", "http-log",
			`{"http_endpoint":"http://l","headers":{"CONTENT-LENGTH":"1"}}`, nil},
		{"bad header name", "http-log", `{"http_endpoint":"http://l","headers":{"X Bad":"1"}}`, []string{
			"config.headers: bad header name 'X Bad', allowed characters are A-Z, a-z, 0-9, '_', and '-'"}},
		{"authorization with user info", "http-log",
			`{"http_endpoint":"http://u:p@logs.internal","headers":{"authorization":"Basic x"}}`, []string{
				"config: specifying both an 'Authorization' header and user info in 'http_endpoint' is not allowed"}},
		{"authorization without user info", "http-log",
			`{"http_endpoint":"http://logs.internal","headers":{"Authorization":"Basic x"}}`, nil},
		{"queue batch size", "http-log", `{"http_endpoint":"http://l","queue":{"max_batch_size":0}}`, []string{
			"config.queue: {\n  max_batch_size = \"value should be between 1 and 1000000\"\n}"}},
		{"queue retry delay", "http-log", `{"http_endpoint":"http://l","queue":{"initial_retry_delay":0}}`, []string{
			"config.queue: {\n  initial_retry_delay = \"value should be between 0 and 1000000\"\n}"}},
		{"queue concurrency", "http-log", `{"http_endpoint":"http://l","queue":{"concurrency_limit":2}}`, []string{
			"config.queue: {\n  concurrency_limit = \"expected one of: -1, 1\"\n}"}},
		{"deprecated fields still accepted", "http-log", `{"http_endpoint":"http://l","retry_count":3,"queue_size":10}`, nil},
	})
}

func TestRequestValidatorConfig(t *testing.T) {
	runPluginErrorCases(t, []pluginErrorCase{
		{"parameter with full schema", "request-validator", `{"version":"draft4","parameter_schema":[
			{"in":"path","name":"id","required":true,"style":"simple","explode":false,"schema":"{\"type\":\"string\"}"}],
			"allowed_content_types":["application/json; charset=utf-8"],"verbose_response":true}`, nil},
		{"neither schema", "request-validator", `{}`, []string{
			"at least one of these fields must be non-empty: 'config.body_schema', 'config.parameter_schema'"}},
		{"version", "request-validator", `{"body_schema":"[]","version":"draft7"}`, []string{
			"config.version: expected one of: kong, draft4"}},
		{"parameter rules", "request-validator", `{"parameter_schema":[
			{"in":"query","name":"a","required":true},
			{"in":"cookie","name":"b","required":true,"style":"form"}]}`, []string{
			"config.parameter_schema: {\n  [2] = {\n    [\"@entity\"] = {\n" +
				"      \"all or none of these fields must be set: 'style', 'explode', 'schema'\"\n    },\n" +
				"    [\"in\"] = \"expected one of: header, path, query\"\n  }\n}"}},
	})
}
