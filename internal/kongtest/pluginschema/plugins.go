package pluginschema

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/kongform/terraform-provider-kong/internal/routepath"
)

// bundled returns the plugin schemas of Kong 3.9 (kong/plugins/*/schema.lua
// at tag 3.9.3; request-validator from the Enterprise 3.9 schema) as
// reported by a node of the given version.
func bundled(version string) []*Plugin {
	return []*Plugin{
		awsLambda(version),
		keyAuth(version),
		jwt(version),
		cors(version),
		acl(version),
		rateLimiting(version),
		requestSizeLimiting(version),
		ipRestriction(version),
		requestTransformer(version),
		correlationID(version),
		requestTermination(version),
		fileLog(version),
		httpLog(version),
		requestValidator(version),
		basicAuth(version), hmacAuth(version), ldapAuth(version), oauth2(version), botDetection(version),
		datadog(version), loggly(version), statsd(version), syslog(version), tcpLog(version), udpLog(version),
		opentelemetry(version), zipkin(version), prometheus(version),
		responseRatelimiting(version), proxyCache(version), redirect(version), responseTransformer(version),
		azureFunctions(version), grpcGateway(version), grpcWeb(version), standardWebhooks(version),
		aiPromptDecorator(version), aiPromptGuard(version), aiPromptTemplate(version),
		aiRequestTransformer(version), aiResponseTransformer(version),
	}
}

func awsLambda(version string) *Plugin {
	return New(httpOnly(Plugin{Name: "aws-lambda", Version: version, Priority: 750}),
		[]*Field{
			Number("timeout").Req().Def(60000),
			Number("keepalive").Req().Def(60000),
			String("aws_key").Secret().Ref(),
			String("aws_secret").Secret().Ref(),
			String("aws_assume_role_arn").Secret().Ref(),
			String("aws_role_session_name").Def("kong"),
			URLField("aws_sts_endpoint_url"),
			HostField("aws_region"),
			String("function_name"),
			String("qualifier"),
			String("invocation_type").Req().Def("RequestResponse").Enum("RequestResponse", "Event", "DryRun"),
			String("log_type").Req().Def("Tail").Enum("Tail", "None"),
			HostField("host"),
			PortField("port").Def(443),
			Boolean("disable_https").Def(false),
			Integer("unhandled_status").Range(100, 999),
			Boolean("forward_request_method").Def(false),
			Boolean("forward_request_uri").Def(false),
			Boolean("forward_request_headers").Def(false),
			Boolean("forward_request_body").Def(false),
			Boolean("is_proxy_integration").Def(false),
			Boolean("awsgateway_compatible").Def(false),
			URLField("proxy_url"),
			Boolean("skip_large_bodies").Def(true),
			Boolean("base64_encode_body").Def(true),
			String("aws_imds_protocol_version").Req().Def("v1").Enum("v1", "v2"),
			String("empty_arrays_mode").Req().Def("legacy").Enum("legacy", "correct"),
		},
		MutuallyRequired("config.aws_key", "config.aws_secret"),
		CustomCheck(checkLambdaProxyScheme, "config.proxy_url"),
	)
}

var urlSchemePrefix = regexp.MustCompile(`^([^:]+)://`)

func checkLambdaProxyScheme(entity map[string]any) string {
	proxy, _ := lookup(entity, "config.proxy_url")
	if s, ok := proxy.(string); ok {
		if m := urlSchemePrefix.FindStringSubmatch(s); m != nil && m[1] != "http" {
			return "proxy_url scheme must be http"
		}
	}
	return ""
}

func keyAuth(version string) *Plugin {
	return New(httpOnly(Plugin{Name: "key-auth", Version: version, Priority: 1250, NoConsumer: true}),
		[]*Field{
			Array("key_names", HeaderNameField("")).Req().Def([]string{"apikey"}),
			Boolean("hide_credentials").Req().Def(false),
			String("anonymous"),
			Boolean("key_in_header").Req().Def(true),
			Boolean("key_in_query").Req().Def(true),
			Boolean("key_in_body").Req().Def(false),
			Boolean("run_on_preflight").Req().Def(true),
			String("realm"),
		})
}

func jwt(version string) *Plugin {
	return New(httpOnly(Plugin{Name: "jwt", Version: version, Priority: 1450, NoConsumer: true}),
		[]*Field{
			Set("uri_param_names", String("")).Def([]string{"jwt"}),
			Set("cookie_names", String("")).Def([]string{}),
			String("key_claim_name").Def("iss"),
			Boolean("secret_is_base64").Req().Def(false),
			Set("claims_to_verify", String("").Enum("exp", "nbf")),
			String("anonymous"),
			Boolean("run_on_preflight").Req().Def(true),
			Number("maximum_expiration").Def(0).Range(0, 31536000),
			Set("header_names", String("")).Def([]string{"authorization"}),
			String("realm"),
		},
		// A limit on a token's lifetime means nothing unless its expiry is checked.
		Conditional("config.maximum_expiration", map[string]any{"gt": 0},
			"config.claims_to_verify", map[string]any{"contains": "exp"}, ""),
	)
}

var corsMethods = []any{"GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT"}

func cors(version string) *Plugin {
	return New(httpOnly(Plugin{Name: "cors", Version: version, Priority: 2000, NoConsumer: true}),
		[]*Field{
			Array("origins", String("").Check(checkOrigin)),
			Array("headers", String("")),
			Array("exposed_headers", String("")),
			Array("methods", String("").Enum(corsMethods...)).Def(corsMethods),
			Number("max_age"),
			Boolean("credentials").Req().Def(false),
			Boolean("private_network").Req().Def(false),
			Boolean("preflight_continue").Req().Def(false),
		})
}

// checkOrigin accepts "*" or a regular expression, compiled as PCRE (see
// routepath.RegexProblem).
func checkOrigin(v any) string {
	origin := v.(string)
	if origin == "*" {
		return ""
	}
	if routepath.RegexProblem(origin) != "" {
		return fmt.Sprintf("'%s' is not a valid regex", origin)
	}
	return ""
}

func acl(version string) *Plugin {
	return New(httpOnly(Plugin{Name: "acl", Version: version, Priority: 950, NoConsumer: true}),
		[]*Field{
			Array("allow", String("")),
			Array("deny", String("")),
			Boolean("hide_groups_header").Req().Def(false),
			Boolean("always_use_authenticated_groups").Req().Def(false),
		},
		OnlyOneOf("config.allow", "config.deny"),
		AtLeastOneOf("config.allow", "config.deny"),
	)
}

var rateLimitPeriods = []string{"second", "minute", "hour", "day", "month", "year"}

func rateLimiting(version string) *Plugin {
	config := []*Field{}
	for _, period := range rateLimitPeriods {
		config = append(config, Number(period).Gt(0))
	}
	config = append(config,
		String("limit_by").Def("consumer").Enum("consumer", "credential", "ip", "service", "header", "path"),
		HeaderNameField("header_name"),
		PathField("path"),
		String("policy").Def("local").MinLen(0).Enum("local", "cluster", "redis"),
		Boolean("fault_tolerant").Req().Def(true),
		redisRecord(),
		Boolean("hide_client_headers").Req().Def(false),
		Number("error_code").Def(429).Gt(0),
		String("error_message").Def("API rate limit exceeded"),
		Number("sync_rate").Req().Def(-1),
	)
	p := New(httpOnly(Plugin{Name: "rate-limiting", Version: version, Priority: 910}), config,
		AtLeastOneOf(prefixed("config.", rateLimitPeriods)...),
		RequiredWhen("config.policy", "redis", "config.redis.host"),
		RequiredWhen("config.policy", "redis", "config.redis.port"),
		RequiredWhen("config.policy", "redis", "config.redis.timeout"),
		RequiredWhen("config.limit_by", "header", "config.header_name"),
		RequiredWhen("config.limit_by", "path", "config.path"),
	)
	p.config.Check(checkRateLimits)
	addRedisAliases(p)
	return p
}

// addRedisAliases adds the deprecated redis_* shorthands that rate-limiting and response-ratelimiting
// keep for their config.redis fields.
func addRedisAliases(p *Plugin) {
	for _, alias := range []struct {
		field  *Field
		target string
	}{
		{String("redis_host"), "host"},
		{Integer("redis_port"), "port"},
		{String("redis_password").MinLen(0), "password"},
		{String("redis_username"), "username"},
		{Boolean("redis_ssl"), "ssl"},
		{Boolean("redis_ssl_verify"), "ssl_verify"},
		{String("redis_server_name"), "server_name"},
		{Integer("redis_timeout"), "timeout"},
		{Integer("redis_database"), "database"},
	} {
		alias.field.Deprecated(Deprecation{
			Message: fmt.Sprintf("%s: config.%s is deprecated, please use config.redis.%s instead",
				p.Name, alias.field.Name, alias.target),
			RemovalInVersion: "4.0",
			ReplacedWith:     "redis." + alias.target,
		})
		p.config.Alias(alias.field, "redis."+alias.target)
	}
}

// redisRecord is Kong's shared Redis config (kong/tools/redis/schema.lua).
func redisRecord() *Field {
	return Record("redis",
		HostField("host"),
		PortField("port").Def(6379),
		TimeoutField("timeout").Def(2000),
		String("username").Ref(),
		String("password").Secret().Ref().MinLen(0),
		Integer("database").Def(0),
		Boolean("ssl").Def(false),
		Boolean("ssl_verify").Def(false),
		SNIField("server_name"),
	)
}

func prefixed(prefix string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = prefix + n
	}
	return out
}

// checkRateLimits requires limits not to decrease with longer periods and
// sync_rate to be used only with the redis policy.
func checkRateLimits(v any) string {
	config := v.(map[string]any)
	for i, shorter := range rateLimitPeriods {
		low, ok := config[shorter].(float64)
		if !ok {
			continue
		}
		for _, longer := range rateLimitPeriods[i+1:] {
			if high, ok := config[longer].(float64); ok && high < low {
				return fmt.Sprintf("The limit for %s(%.1f) cannot be lower than the limit for %s(%.1f)",
					longer, high, shorter, low)
			}
		}
	}
	syncRate, _ := config["sync_rate"].(float64)
	if config["policy"] != "redis" && syncRate != -1 {
		return "sync_rate can only be used with the redis policy"
	}
	if config["policy"] == "redis" && syncRate != -1 && syncRate < 0.02 {
		return "sync_rate must be greater than 0.02, or -1 to disable"
	}
	return ""
}

func requestSizeLimiting(version string) *Plugin {
	return New(httpOnly(Plugin{Name: "request-size-limiting", Version: version, Priority: 951}),
		[]*Field{
			Integer("allowed_payload_size").Def(128),
			String("size_unit").Req().Def("megabytes").Enum("megabytes", "kilobytes", "bytes"),
			Boolean("require_content_length").Req().Def(false),
		})
}

func ipRestriction(version string) *Plugin {
	return New(Plugin{
		Name: "ip-restriction", Version: version, Priority: 990,
		DefaultProtocols: []string{"http", "https", "tcp", "tls", "grpc", "grpcs"},
	},
		[]*Field{
			Array("allow", IPOrCIDRField("")),
			Array("deny", IPOrCIDRField("")),
			Number("status"),
			String("message"),
		},
		AtLeastOneOf("config.allow", "config.deny"),
	)
}

func requestTransformer(version string) *Plugin {
	// Each list is a required array defaulting to [].
	list := func(name string, elem *Field) *Field { return Array(name, elem).Req().Def([]any{}) }
	plain := func() *Field { return String("") }
	headerName := func() *Field { return String("").Check(checkTransformHeader(false)) }
	keyValue := func() *Field { return String("").Check(checkKeyValue) }
	headerValue := func() *Field {
		return String("").Matches("^[^:]+:.*$", `(?s)^[^:]+:.*$`).Check(checkTransformHeader(false))
	}
	headerRename := func() *Field {
		return String("").Matches("^[^:]+:.*$", `(?s)^[^:]+:.*$`).Check(checkTransformHeader(true))
	}
	addLike := func(name string, extra ...*Field) *Field {
		return Record(name, append([]*Field{
			list("body", keyValue()), list("headers", headerValue()), list("querystring", keyValue()),
		}, extra...)...)
	}
	return New(Plugin{Name: "request-transformer", Version: version, Priority: 801},
		[]*Field{
			HTTPMethodField("http_method"),
			Record("remove", list("body", plain()), list("headers", headerName()), list("querystring", plain())),
			Record("rename", list("body", keyValue()), list("headers", headerRename()), list("querystring", keyValue())),
			addLike("replace", String("uri")),
			addLike("add"),
			addLike("append"),
		})
}

// transformEntry splits a "name:value" entry as the request-transformer
// does: the name up to the first colon, the value after any run of colons.
var transformEntry = regexp.MustCompile(`(?s)^([^:]+):*(.*)$`)

func splitEntry(entry string) (name, value string, ok bool) {
	m := transformEntry.FindStringSubmatch(entry)
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
}

// checkKeyValue requires a value after the colon. Kong also compiles the
// value as a Penlight template; the test double does not.
func checkKeyValue(v any) string {
	name, value, _ := splitEntry(v.(string))
	if value == "" {
		return fmt.Sprintf("key '%s' has no value", name)
	}
	return ""
}

func checkTransformHeader(checkValue bool) func(any) string {
	return func(v any) string {
		name, value, _ := splitEntry(v.(string))
		if headerNameError(name) != "" {
			return fmt.Sprintf("'%s' is not a valid header", name)
		}
		if checkValue && headerNameError(value) != "" {
			return fmt.Sprintf("'%s' is not a valid header", value)
		}
		return ""
	}
}

func correlationID(version string) *Plugin {
	return New(httpOnly(Plugin{Name: "correlation-id", Version: version, Priority: 100001}),
		[]*Field{
			String("header_name").Def("Kong-Request-ID"),
			String("generator").Req().Def("uuid#counter").Enum("uuid", "uuid#counter", "tracker"),
			Boolean("echo_downstream").Req().Def(false),
		})
}

func requestTermination(version string) *Plugin {
	p := New(httpOnly(Plugin{Name: "request-termination", Version: version, Priority: 2}),
		[]*Field{
			Integer("status_code").Req().Def(503).Range(100, 599),
			String("message"),
			String("content_type"),
			String("body"),
			Boolean("echo").Req().Def(false),
			HeaderNameField("trigger"),
		})
	p.config.Check(checkTermination)
	return p
}

func checkTermination(v any) string {
	config := v.(map[string]any)
	set := func(name string) bool {
		s, ok := config[name].(string)
		return ok && s != ""
	}
	switch {
	case set("message") && (set("content_type") || set("body")):
		return "message cannot be used with content_type or body"
	case set("content_type") && !set("body"):
		return "content_type requires a body"
	case config["echo"] == true && (set("content_type") || set("body")):
		return "echo cannot be used with content_type and body"
	}
	return ""
}

func fileLog(version string) *Plugin {
	return New(Plugin{Name: "file-log", Version: version, Priority: 9},
		[]*Field{
			String("path").Req().Matches("^[^*&%%\\`]+$", "^[^*&%\\\\`]+$").Message("not a valid filename"),
			Boolean("reopen").Req().Def(false),
			LuaCodeField("custom_fields_by_lua"),
		})
}

func httpLog(version string) *Plugin {
	deprecated := func(f *Field, message string, oldDefault float64) *Field {
		return f.Deprecated(Deprecation{Message: message, RemovalInVersion: "4.0", OldDefault: oldDefault})
	}
	p := New(Plugin{Name: "http-log", Version: version, Priority: 12},
		[]*Field{
			URLField("http_endpoint").Req().Secret().Ref(),
			String("method").Def("POST").Enum("POST", "PUT", "PATCH"),
			String("content_type").Def("application/json").Enum("application/json", "application/json; charset=utf-8"),
			Number("timeout").Def(10000),
			Number("keepalive").Def(60000),
			deprecated(Integer("retry_count"),
				"http-log: config.retry_count no longer works, please use config.queue.max_retry_time instead", 10),
			deprecated(Integer("queue_size"),
				"http-log: config.queue_size is deprecated, please use config.queue.max_batch_size instead", 1),
			deprecated(Number("flush_timeout"),
				"http-log: config.flush_timeout is deprecated, please use config.queue.max_coalescing_delay instead", 2),
			Map("headers",
				HeaderNameField("").
					Rejects("^[Hh][Oo][Ss][Tt]$", "^[Hh][Oo][Ss][Tt]$", "cannot contain 'Host' header").
					// Kong's pattern has a typo ([nn]): only a lowercase n matches there.
					Rejects("^[Cc][Oo][Nn][Tt][Ee][Nn][Tt]%-[Ll][Ee][nn][Gg][Tt][Hh]$",
						"^[Cc][Oo][Nn][Tt][Ee][Nn][Tt]-[Ll][Ee]n[Gg][Tt][Hh]$", "cannot contain 'Content-Length' header").
					Rejects("^[Cc][Oo][Nn][Tt][Ee][Nn][Tt]%-[Tt][Yy][Pp][Ee]$",
						"^[Cc][Oo][Nn][Tt][Ee][Nn][Tt]-[Tt][Yy][Pp][Ee]$", "cannot contain 'Content-Type' header"),
				String("").Ref()),
			queueRecord(),
			LuaCodeField("custom_fields_by_lua"),
		})
	p.config.Check(checkHTTPLogAuthorization)
	return p
}

// queueRecord is Kong's shared queue config (kong/tools/queue_schema.lua).
func queueRecord() *Field {
	return Record("queue",
		Integer("max_batch_size").Def(1).Range(1, 1000000),
		Number("max_coalescing_delay").Def(1).Range(0, 3600),
		Integer("max_entries").Def(10000).Range(1, 1000000),
		Integer("max_bytes"),
		Number("max_retry_time").Def(60),
		Number("initial_retry_delay").Def(0.01).Range(0.001, 1000000),
		Number("max_retry_delay").Def(60).Range(0.001, 1000000),
		Integer("concurrency_limit").Def(1).Enum(-1, 1),
	)
}

func checkHTTPLogAuthorization(v any) string {
	config := v.(map[string]any)
	endpoint, _ := config["http_endpoint"].(string)
	headers, _ := config["headers"].(map[string]any)
	if !urlUserInfo(endpoint) {
		return ""
	}
	for name := range headers {
		if strings.EqualFold(name, "authorization") {
			return "specifying both an 'Authorization' header and user info in 'http_endpoint' is not allowed"
		}
	}
	return ""
}

// requestValidator is the Enterprise request-validator plugin (3.9 schema
// from Kong's developer docs; priority 999).
func requestValidator(version string) *Plugin {
	parameter := Record("",
		String("in").Req().Enum("header", "path", "query"),
		String("name").Req(),
		Boolean("required").Req(),
		String("style").Enum("deepObject", "form", "label", "matrix", "pipeDelimited", "simple", "spaceDelimited"),
		Boolean("explode"),
		String("schema"),
	).Checks(MutuallyRequired("style", "explode", "schema"))
	return New(httpOnly(Plugin{Name: "request-validator", Version: version, Priority: 999, Enterprise: true}),
		[]*Field{
			String("body_schema"),
			Array("parameter_schema", parameter),
			Array("allowed_content_types", String("")).Def([]string{"application/json"}),
			Boolean("verbose_response").Def(false),
			String("version").Def("kong").Enum("kong", "draft4"),
			Boolean("content_type_parameter_validation").Def(true),
		},
		AtLeastOneOf("config.body_schema", "config.parameter_schema"),
	)
}
