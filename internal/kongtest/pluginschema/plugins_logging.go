package pluginschema

// Kong 3.9 logging and observability plugins (kong/plugins/*/schema.lua at 3.9.1).

func datadog(version string) *Plugin {
	return New(Plugin{Name: "datadog", Version: version, Priority: 10},
		[]*Field{
			HostField("host").Def("localhost").Ref(),
			PortField("port").Def(8125),
			String("prefix").Def("kong"),
			String("service_name_tag").Def("name"),
			String("status_tag").Def("status"),
			String("consumer_tag").Def("consumer"),
			Integer("retry_count").Deprecated(Deprecation{Message: "datadog: config.retry_count no longer works, please use config.queue.max_retry_time instead", RemovalInVersion: "4.0", OldDefault: 10}),
			Integer("queue_size").Deprecated(Deprecation{Message: "datadog: config.queue_size is deprecated, please use config.queue.max_batch_size instead", RemovalInVersion: "4.0", OldDefault: 1}),
			Number("flush_timeout").Deprecated(Deprecation{Message: "datadog: config.flush_timeout is deprecated, please use config.queue.max_coalescing_delay instead", RemovalInVersion: "4.0", OldDefault: 2}),
			queueRecord(),
			Array("metrics", Record("",
				String("name").Req().Enum("kong_latency", "latency", "request_count", "request_size", "response_size", "upstream_latency"),
				String("stat_type").Req().Enum("counter", "gauge", "histogram", "meter", "set", "timer", "distribution"),
				Array("tags", String("").Matches("^.*[^:]$", `(?s)^.*[^:]$`)),
				Number("sample_rate").Range(0, 1),
				String("consumer_identifier").Enum("consumer_id", "custom_id", "username"),
			).NotReq().Checks(Conditional("stat_type", map[string]any{"one_of": []string{"counter", "gauge"}}, "sample_rate", map[string]any{"required": true}, ""))).Req().Def([]any{map[string]any{"consumer_identifier": "custom_id", "name": "request_count", "sample_rate": 1, "tags": []string{"app:kong"}, "stat_type": "counter"}, map[string]any{"name": "latency", "stat_type": "timer", "tags": []string{"app:kong"}, "consumer_identifier": "custom_id"}, map[string]any{"name": "request_size", "stat_type": "timer", "tags": []string{"app:kong"}, "consumer_identifier": "custom_id"}, map[string]any{"name": "response_size", "stat_type": "timer", "tags": []string{"app:kong"}, "consumer_identifier": "custom_id"}, map[string]any{"name": "upstream_latency", "stat_type": "timer", "tags": []string{"app:kong"}, "consumer_identifier": "custom_id"}, map[string]any{"name": "kong_latency", "stat_type": "timer", "tags": []string{"app:kong"}, "consumer_identifier": "custom_id"}}),
		})
}

func loggly(version string) *Plugin {
	return New(Plugin{Name: "loggly", Version: version, Priority: 6},
		[]*Field{
			HostField("host").Def("logs-01.loggly.com"),
			PortField("port").Def(514),
			String("key").Req().Ref().Secret(),
			Set("tags", String("")).Def([]string{"kong"}),
			String("log_level").Def("info").Enum("debug", "info", "notice", "warning", "err", "crit", "alert", "emerg"),
			String("successful_severity").Def("info").Enum("debug", "info", "notice", "warning", "err", "crit", "alert", "emerg"),
			String("client_errors_severity").Def("info").Enum("debug", "info", "notice", "warning", "err", "crit", "alert", "emerg"),
			String("server_errors_severity").Def("info").Enum("debug", "info", "notice", "warning", "err", "crit", "alert", "emerg"),
			Number("timeout").Def(10000),
			Map("custom_fields_by_lua", String("").MinLen(1), String("").MinLen(1)),
		})
}

func statsd(version string) *Plugin {
	return New(Plugin{Name: "statsd", Version: version, Priority: 11},
		[]*Field{
			String("host").Def("localhost"),
			Integer("port").Def(8125).Range(0, 65535),
			String("prefix").Def("kong"),
			Array("metrics", Record("",
				String("name").Req().Enum("kong_latency", "latency", "request_count", "request_per_user", "request_size", "response_size", "status_count", "status_count_per_user", "unique_users", "upstream_latency", "status_count_per_workspace", "status_count_per_user_per_route", "shdict_usage"),
				String("stat_type").Req().Enum("counter", "gauge", "histogram", "meter", "set", "timer"),
				Number("sample_rate").Gt(0),
				String("consumer_identifier").Enum("consumer_id", "custom_id", "username"),
				String("service_identifier").Enum("service_id", "service_name", "service_host", "service_name_or_host"),
				String("workspace_identifier").Enum("workspace_id", "workspace_name"),
			).NotReq().Checks(Conditional("stat_type", map[string]any{"one_of": []string{"counter", "gauge"}}, "sample_rate", map[string]any{"required": true}, ""))).Def([]any{map[string]any{"name": "request_count", "sample_rate": 1, "stat_type": "counter"}, map[string]any{"name": "latency", "stat_type": "timer"}, map[string]any{"name": "request_size", "sample_rate": 1, "stat_type": "counter"}, map[string]any{"name": "status_count", "sample_rate": 1, "stat_type": "counter"}, map[string]any{"name": "response_size", "sample_rate": 1, "stat_type": "counter"}, map[string]any{"name": "unique_users", "stat_type": "set"}, map[string]any{"name": "request_per_user", "sample_rate": 1, "stat_type": "counter"}, map[string]any{"name": "upstream_latency", "stat_type": "timer"}, map[string]any{"name": "kong_latency", "stat_type": "timer"}, map[string]any{"name": "status_count_per_user", "sample_rate": 1, "stat_type": "counter"}, map[string]any{"name": "status_count_per_workspace", "sample_rate": 1, "stat_type": "counter"}, map[string]any{"name": "status_count_per_user_per_route", "sample_rate": 1, "stat_type": "counter"}, map[string]any{"name": "shdict_usage", "sample_rate": 1, "stat_type": "gauge"}}),
			Array("allow_status_codes", String("")),
			Number("udp_packet_size").Def(0).Range(0, 65507),
			Boolean("use_tcp").Def(false),
			Boolean("hostname_in_prefix").Def(false),
			String("consumer_identifier_default").Req().Def("custom_id").Enum("consumer_id", "custom_id", "username"),
			String("service_identifier_default").Req().Def("service_name_or_host").Enum("service_id", "service_name", "service_host", "service_name_or_host"),
			String("workspace_identifier_default").Req().Def("workspace_id").Enum("workspace_id", "workspace_name"),
			Integer("retry_count").Deprecated(Deprecation{Message: "statsd: config.retry_count no longer works, please use config.queue.max_retry_time instead", RemovalInVersion: "4.0", OldDefault: 10}),
			Integer("queue_size").Deprecated(Deprecation{Message: "statsd: config.queue_size is deprecated, please use config.queue.max_batch_size instead", RemovalInVersion: "4.0", OldDefault: 1}),
			Number("flush_timeout").Deprecated(Deprecation{Message: "statsd: config.flush_timeout is deprecated, please use config.queue.max_coalescing_delay instead", RemovalInVersion: "4.0", OldDefault: 2}),
			String("tag_style").Enum("dogstatsd", "influxdb", "librato", "signalfx"),
			queueRecord(),
		})
}

func syslog(version string) *Plugin {
	return New(Plugin{Name: "syslog", Version: version, Priority: 4},
		[]*Field{
			String("log_level").Req().Def("info").Enum("debug", "info", "notice", "warning", "err", "crit", "alert", "emerg"),
			String("successful_severity").Req().Def("info").Enum("debug", "info", "notice", "warning", "err", "crit", "alert", "emerg"),
			String("client_errors_severity").Req().Def("info").Enum("debug", "info", "notice", "warning", "err", "crit", "alert", "emerg"),
			String("server_errors_severity").Req().Def("info").Enum("debug", "info", "notice", "warning", "err", "crit", "alert", "emerg"),
			Map("custom_fields_by_lua", String("").MinLen(1), String("").MinLen(1)),
			String("facility").Req().Def("user").Enum("auth", "authpriv", "cron", "daemon", "ftp", "kern", "lpr", "mail", "news", "syslog", "user", "uucp", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"),
		})
}

func tcpLog(version string) *Plugin {
	return New(Plugin{Name: "tcp-log", Version: version, Priority: 7},
		[]*Field{
			String("host").Req(),
			Integer("port").Req().Range(0, 65535),
			Number("timeout").Def(10000),
			Number("keepalive").Def(60000),
			Boolean("tls").Req().Def(false),
			String("tls_sni"),
			LuaCodeField("custom_fields_by_lua"),
		})
}

func udpLog(version string) *Plugin {
	return New(Plugin{Name: "udp-log", Version: version, Priority: 8},
		[]*Field{
			HostField("host").Req(),
			PortField("port").Req(),
			Number("timeout").Def(10000),
			Map("custom_fields_by_lua", String("").MinLen(1), String("").MinLen(1)),
		})
}

func opentelemetry(version string) *Plugin {
	p := New(httpOnly(Plugin{Name: "opentelemetry", Version: version, Priority: 14}),
		[]*Field{
			URLField("traces_endpoint").Ref(),
			URLField("logs_endpoint").Ref(),
			Map("headers", HeaderNameField(""), String("").Ref()),
			Map("resource_attributes", String("").Req(), String("").Req()),
			queueRecord().Def(map[string]any{"max_batch_size": 200}),
			Integer("batch_span_count").Deprecated(Deprecation{Message: "opentelemetry: config.batch_span_count is deprecated, please use config.queue.max_batch_size instead", RemovalInVersion: "4.0", OldDefault: 200}),
			Integer("batch_flush_delay").Deprecated(Deprecation{Message: "opentelemetry: config.batch_flush_delay is deprecated, please use config.queue.max_coalescing_delay instead", RemovalInVersion: "4.0", OldDefault: 3}),
			TimeoutField("connect_timeout").Def(1000),
			TimeoutField("send_timeout").Def(5000),
			TimeoutField("read_timeout").Def(5000),
			String("http_response_header_for_traceid"),
			String("header_type").Def("preserve").Enum("preserve", "ignore", "b3", "b3-single", "w3c", "jaeger", "ot", "aws", "gcp", "datadog").Deprecated(Deprecation{Message: "opentelemetry: config.header_type is deprecated, please use config.propagation options instead", RemovalInVersion: "4.0", OldDefault: "preserve"}),
			Number("sampling_rate").Range(0, 1),
			propagationRecord("w3c"),
		})
	p.config.Checks(AtLeastOneOf("traces_endpoint", "logs_endpoint"))
	p.config.Alias(URLField("endpoint").Ref().Deprecated(Deprecation{
		Message:          "OpenTelemetry: config.endpoint is deprecated, please use config.traces_endpoint instead",
		RemovalInVersion: "4.0",
	}), "traces_endpoint")
	return p
}

func zipkin(version string) *Plugin {
	return New(Plugin{Name: "zipkin", Version: version, Priority: 100000},
		[]*Field{
			String("local_service_name").Req().Def("kong"),
			URLField("http_endpoint"),
			Number("sample_ratio").Def(0.001).Range(0, 1),
			String("default_service_name"),
			Boolean("include_credential").Req().Def(true),
			Integer("traceid_byte_count").Req().Def(16).Enum(8, 16),
			String("header_type").Req().Def("preserve").Enum("preserve", "ignore", "b3", "b3-single", "w3c", "jaeger", "ot", "aws", "datadog", "gcp").Deprecated(Deprecation{Message: "zipkin: config.header_type is deprecated, please use config.propagation options instead", RemovalInVersion: "4.0", OldDefault: "preserve"}),
			String("default_header_type").Req().Def("b3").Enum("b3", "b3-single", "w3c", "jaeger", "ot", "aws", "datadog", "gcp").Deprecated(Deprecation{Message: "zipkin: config.default_header_type is deprecated, please use config.propagation.default_format instead", RemovalInVersion: "4.0", OldDefault: "b3"}),
			String("tags_header").Req().Def("Zipkin-Tags"),
			Array("static_tags", Record("",
				String("name").Req().NotEnum("error", "http.method", "http.path", "http.status_code", "kong.balancer.state", "kong.balancer.try", "kong.consumer", "kong.credential", "kong.node.id", "kong.route", "kong.service", "lc", "peer.hostname"),
				String("value").Req(),
			).NotReq()),
			String("http_span_name").Req().Def("method").Enum("method", "method_path"),
			TimeoutField("connect_timeout").Def(2000),
			TimeoutField("send_timeout").Def(5000),
			TimeoutField("read_timeout").Def(5000),
			String("http_response_header_for_traceid"),
			String("phase_duration_flavor").Req().Def("annotations").Enum("annotations", "tags"),
			queueRecord(),
			propagationRecord("b3"),
		})
}

func prometheus(version string) *Plugin {
	return New(Plugin{Name: "prometheus", Version: version, Priority: 13},
		[]*Field{
			Boolean("per_consumer").Def(false),
			Boolean("status_code_metrics").Def(false),
			Boolean("ai_metrics").Def(false),
			Boolean("latency_metrics").Def(false),
			Boolean("bandwidth_metrics").Def(false),
			Boolean("upstream_health_metrics").Def(false),
		})
}

// tracingFormats are Kong's propagation formats (kong/observability/tracing/propagation/utils.lua).
var tracingFormats = []any{"w3c", "b3", "b3-single", "jaeger", "ot", "datadog", "aws", "gcp"}

// propagationRecord is typedefs.propagation with the plugin's default format.
func propagationRecord(defaultFormat string) *Field {
	extractors := []any{}
	for _, f := range tracingFormats {
		if f != "b3-single" { // b3 and b3-single share the b3 extractor
			extractors = append(extractors, f)
		}
	}
	return Record("propagation",
		Array("extract", String("").Enum(extractors...)),
		Array("clear", HeaderNameField("")),
		Array("inject", String("").Enum(append([]any{"preserve"}, tracingFormats...)...)),
		String("default_format").Req().Enum(tracingFormats...),
	).Def(map[string]any{"default_format": defaultFormat})
}
