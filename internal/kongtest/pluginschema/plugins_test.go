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
	}
	for _, tc := range cases {
		t.Run(tc.plugin, func(t *testing.T) {
			got, errs := lookupPlugin(t, tc.plugin).NormalizeConfig(decode(t, tc.input, false))
			if errs != nil {
				t.Fatalf("unexpected errors: %v", errs)
			}
			if want := jsonValue(t, tc.want); !reflect.DeepEqual(any(got), want) {
				t.Errorf("normalized config\n got %v\nwant %v", got, want)
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
