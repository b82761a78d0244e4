package pluginschema

// Kong 3.9 traffic, transformation and serverless plugins (kong/plugins/*/schema.lua at 3.9.1).

func responseRatelimiting(version string) *Plugin {
	p := New(httpOnly(Plugin{Name: "response-ratelimiting", Version: version, Priority: 900}),
		[]*Field{
			String("header_name").Def("x-kong-limit"),
			String("limit_by").Def("consumer").Enum("consumer", "credential", "ip"),
			String("policy").Def("local").Enum("local", "cluster", "redis"),
			Boolean("fault_tolerant").Req().Def(true),
			redisRecord(),
			Boolean("block_on_first_violation").Req().Def(false),
			Boolean("hide_client_headers").Req().Def(false),
			Map("limits", String(""), Record("",
				Number("second").Gt(0),
				Number("minute").Gt(0),
				Number("hour").Gt(0),
				Number("day").Gt(0),
				Number("month").Gt(0),
				Number("year").Gt(0),
			).Checks(AtLeastOneOf("second", "minute", "hour", "day", "month", "year"))).Req().MinLen(1),
		},
		RequiredWhen("config.policy", "redis", "config.redis.host"),
		RequiredWhen("config.policy", "redis", "config.redis.port"),
		RequiredWhen("config.policy", "redis", "config.redis.timeout"),
	)
	addRedisAliases(p)
	return p
}

func proxyCache(version string) *Plugin {
	return New(Plugin{Name: "proxy-cache", Version: version, Priority: 100},
		[]*Field{
			Array("response_code", Integer("").Range(100, 900)).Req().Def([]any{200, 301, 404}).MinLen(1),
			Array("request_method", String("").Enum("HEAD", "GET", "POST", "PATCH", "PUT")).Req().Def([]string{"GET", "HEAD"}),
			Array("content_type", String("")).Req().Def([]string{"text/plain", "application/json"}),
			Integer("cache_ttl").Def(300).Gt(0),
			// Kong's strategies.STRATEGY_TYPES; the facts leave this one_of out.
			String("strategy").Req().Enum("memory"),
			Boolean("cache_control").Req().Def(false),
			Boolean("ignore_uri_case").Def(false),
			Integer("storage_ttl"),
			Record("memory",
				String("dictionary_name").Req().Def("kong_db_cache"),
			),
			Array("vary_query_params", String("")),
			Array("vary_headers", String("")),
			Record("response_headers",
				Boolean("age").Def(true),
				Boolean("X-Cache-Status").Def(true),
				Boolean("X-Cache-Key").Def(true),
			),
		},
		CustomCheck(checkProxyCacheDictionary, "config"),
	)
}

func redirect(version string) *Plugin {
	return New(httpOnly(Plugin{Name: "redirect", Version: version, Priority: 779}),
		[]*Field{
			Integer("status_code").Req().Def(301).Range(100, 599),
			String("location").Req(),
			Boolean("keep_incoming_path").Def(false),
		})
}

func responseTransformer(version string) *Plugin {
	return New(httpOnly(Plugin{Name: "response-transformer", Version: version, Priority: 800}),
		[]*Field{
			Record("remove",
				Array("json", String("")).Req().Def([]string{}),
				Array("headers", String("")).Req().Def([]string{}),
			),
			Record("rename",
				Array("json", String("").Matches("^[^:]+:.*$", `(?s)^[^:]+:.*$`)).Req().Def([]string{}),
				Array("headers", String("").Matches("^[^:]+:.*$", `(?s)^[^:]+:.*$`)).Req().Def([]string{}),
			),
			Record("replace",
				Array("json", String("").Matches("^[^:]+:.*$", `(?s)^[^:]+:.*$`)).Req().Def([]string{}),
				Array("json_types", String("").Enum("boolean", "number", "string")).Req().Def([]string{}),
				Array("headers", String("").Matches("^[^:]+:.*$", `(?s)^[^:]+:.*$`)).Req().Def([]string{}),
			),
			Record("add",
				Array("json", String("").Matches("^[^:]+:.*$", `(?s)^[^:]+:.*$`)).Req().Def([]string{}),
				Array("json_types", String("").Enum("boolean", "number", "string")).Req().Def([]string{}),
				Array("headers", String("").Matches("^[^:]+:.*$", `(?s)^[^:]+:.*$`)).Req().Def([]string{}),
			),
			Record("append",
				Array("json", String("").Matches("^[^:]+:.*$", `(?s)^[^:]+:.*$`)).Req().Def([]string{}),
				Array("json_types", String("").Enum("boolean", "number", "string")).Req().Def([]string{}),
				Array("headers", String("").Matches("^[^:]+:.*$", `(?s)^[^:]+:.*$`)).Req().Def([]string{}),
			),
		})
}

func azureFunctions(version string) *Plugin {
	return New(Plugin{Name: "azure-functions", Version: version, Priority: 749},
		[]*Field{
			Number("timeout").Def(600000),
			Number("keepalive").Def(60000),
			Boolean("https").Def(true),
			Boolean("https_verify").Def(false),
			String("apikey").Ref().Secret(),
			String("clientid").Ref().Secret(),
			String("appname").Req(),
			String("hostdomain").Req().Def("azurewebsites.net"),
			String("routeprefix").Def("api"),
			String("functionname").Req(),
		})
}

func grpcGateway(version string) *Plugin {
	return New(Plugin{Name: "grpc-gateway", Version: version, Priority: 998},
		[]*Field{
			String("proto"),
		})
}

func grpcWeb(version string) *Plugin {
	return New(Plugin{Name: "grpc-web", Version: version, Priority: 3},
		[]*Field{
			String("proto"),
			Boolean("pass_stripped_path"),
			String("allow_origin_header").Def("*"),
		})
}

func standardWebhooks(version string) *Plugin {
	return New(httpOnly(Plugin{Name: "standard-webhooks", Version: version, Priority: 760, NoConsumer: true}),
		[]*Field{
			String("secret_v1").Req().Ref().Secret(),
			Integer("tolerance_second").Req().Def(300).Gt(-1),
		})
}

// nginxSharedDicts are the lua_shared_dict names of Kong 3.9's default nginx template.
var nginxSharedDicts = map[string]bool{
	"kong": true, "kong_cluster_events": true, "kong_core_db_cache": true, "kong_core_db_cache_miss": true,
	"kong_db_cache": true, "kong_db_cache_miss": true, "kong_dns_cache": true, "kong_healthchecks": true,
	"kong_locks": true, "kong_rate_limiting_counters": true, "kong_secrets": true,
}

// checkProxyCacheDictionary is proxy-cache's entity check: the memory strategy needs a shared dict
// the node's nginx configuration defines.
func checkProxyCacheDictionary(entity map[string]any) string {
	config, _ := entity["config"].(map[string]any)
	memory, _ := config["memory"].(map[string]any)
	name, _ := memory["dictionary_name"].(string)
	if config["strategy"] == "memory" && !nginxSharedDicts[name] {
		return "missing shared dict '" + name + "'"
	}
	return ""
}
