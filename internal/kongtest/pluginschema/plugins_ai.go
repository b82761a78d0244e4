package pluginschema

// Kong 3.9 AI plugins (kong/plugins/ai-*/schema.lua at 3.9.1).

func aiPromptDecorator(version string) *Plugin {
	return New(httpOnly(Plugin{Name: "ai-prompt-decorator", Version: version, Priority: 772}),
		[]*Field{
			Record("prompts",
				Array("prepend", Record("",
					String("role").Req().Def("system").Enum("system", "assistant", "user"),
					String("content").Req().MinLen(1).MaxLen(500),
				).NotReq()).MaxLen(15),
				Array("append", Record("",
					String("role").Req().Def("system").Enum("system", "assistant", "user"),
					String("content").Req().MinLen(1).MaxLen(500),
				).NotReq()).MaxLen(15),
			).NotReq(),
			Integer("max_request_body_size").Def(8192).Gt(0),
			String("llm_format").Def("openai").Enum("openai", "bedrock", "gemini"),
		},
		AtLeastOneOf("config.prompts.prepend", "config.prompts.append"),
	)
}

func aiPromptGuard(version string) *Plugin {
	return New(httpOnly(Plugin{Name: "ai-prompt-guard", Version: version, Priority: 771}),
		[]*Field{
			Array("allow_patterns", String("").MinLen(1).MaxLen(500)).MaxLen(10),
			Array("deny_patterns", String("").MinLen(1).MaxLen(500)).MaxLen(10),
			Boolean("allow_all_conversation_history").Req().Def(false),
			Integer("max_request_body_size").Def(8192).Gt(0),
			Boolean("match_all_roles").Req().Def(false),
			String("llm_format").Def("openai").Enum("openai", "bedrock", "gemini"),
		},
		AtLeastOneOf("config.allow_patterns", "config.deny_patterns"),
		Conditional("config.match_all_roles", map[string]any{"eq": true}, "config.allow_all_conversation_history", map[string]any{"eq": false}, ""),
	)
}

func aiPromptTemplate(version string) *Plugin {
	return New(httpOnly(Plugin{Name: "ai-prompt-template", Version: version, Priority: 773}),
		[]*Field{
			Array("templates", Record("",
				String("name").Req(),
				String("template").Req(),
			)).Req(),
			Boolean("allow_untemplated_requests").Req().Def(true),
			Boolean("log_original_request").Req().Def(false),
			Integer("max_request_body_size").Def(8192).Gt(0),
		})
}

func aiRequestTransformer(version string) *Plugin {
	return New(httpOnly(Plugin{Name: "ai-request-transformer", Version: version, Priority: 777, NoConsumer: true, ProtocolsFirst: true}),
		[]*Field{
			String("prompt").Req(),
			String("transformation_extract_pattern"),
			Integer("http_timeout").Req().Def(60000),
			Boolean("https_verify").Req().Def(true),
			Integer("max_request_body_size").Def(8192).Gt(0),
			HostField("http_proxy_host"),
			PortField("http_proxy_port"),
			HostField("https_proxy_host"),
			PortField("https_proxy_port"),
			// TODO empty field in facts,
		},
		Conditional("config.llm.route_type", map[string]any{"not_one_of": []string{"llm/v1/chat"}}, "config.llm.route_type", map[string]any{"eq": "llm/v1/chat"}, "'config.llm.route_type' must be 'llm/v1/chat' for AI transformer plugins"),
		MutuallyRequired("config.http_proxy_host", "config.http_proxy_port"),
		MutuallyRequired("config.https_proxy_host", "config.https_proxy_port"),
	)
}

func aiResponseTransformer(version string) *Plugin {
	return New(httpOnly(Plugin{Name: "ai-response-transformer", Version: version, Priority: 768}),
		[]*Field{
			String("prompt").Req(),
			String("transformation_extract_pattern"),
			Boolean("parse_llm_response_json_instructions").Req().Def(false),
			Integer("http_timeout").Req().Def(60000),
			Boolean("https_verify").Req().Def(true),
			Integer("max_request_body_size").Def(8192).Gt(0),
			HostField("http_proxy_host"),
			PortField("http_proxy_port"),
			HostField("https_proxy_host"),
			PortField("https_proxy_port"),
			// TODO empty field in facts,
		},
		Conditional("config.llm.route_type", map[string]any{"not_one_of": []string{"llm/v1/chat"}}, "config.llm.route_type", map[string]any{"eq": "llm/v1/chat"}, "'config.llm.route_type' must be 'llm/v1/chat' for AI transformer plugins"),
		MutuallyRequired("config.http_proxy_host", "config.http_proxy_port"),
		MutuallyRequired("config.https_proxy_host", "config.https_proxy_port"),
	)
}
