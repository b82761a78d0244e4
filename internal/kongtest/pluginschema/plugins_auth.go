package pluginschema

// Kong 3.9 authentication plugins (kong/plugins/*/schema.lua at 3.9.1).

func basicAuth(version string) *Plugin {
	return New(httpOnly(Plugin{Name: "basic-auth", Version: version, Priority: 1100, NoConsumer: true}),
		[]*Field{
			String("anonymous"),
			Boolean("hide_credentials").Req().Def(false),
			String("realm").Req().Def("service"),
		})
}

func hmacAuth(version string) *Plugin {
	return New(httpOnly(Plugin{Name: "hmac-auth", Version: version, Priority: 1030, NoConsumer: true}),
		[]*Field{
			Boolean("hide_credentials").Req().Def(false),
			Number("clock_skew").Def(300).Gt(0),
			String("anonymous"),
			Boolean("validate_request_body").Req().Def(false),
			Array("enforce_headers", String("")).Def([]string{}),
			Array("algorithms", String("").Enum("hmac-sha1", "hmac-sha256", "hmac-sha384", "hmac-sha512")).Def([]string{"hmac-sha1", "hmac-sha256", "hmac-sha384", "hmac-sha512"}),
			String("realm"),
		})
}

func ldapAuth(version string) *Plugin {
	p := New(httpOnly(Plugin{Name: "ldap-auth", Version: version, Priority: 1200, NoConsumer: true}),
		[]*Field{
			HostField("ldap_host").Req(),
			PortField("ldap_port").Req().Def(389),
			Boolean("ldaps").Req().Def(false),
			Boolean("start_tls").Req().Def(false),
			Boolean("verify_ldap_host").Req().Def(false),
			String("base_dn").Req(),
			String("attribute").Req(),
			Number("cache_ttl").Req().Def(60),
			Boolean("hide_credentials").Req().Def(false),
			Number("timeout").Def(10000),
			Number("keepalive").Def(60000),
			String("anonymous"),
			String("header_type").Def("ldap"),
			String("realm"),
		})
	p.config.Checks(Conditional("ldaps", map[string]any{"eq": true}, "start_tls", map[string]any{"eq": false},
		"'ldaps' and 'start_tls' cannot be enabled simultaneously"))
	return p
}

func oauth2(version string) *Plugin {
	p := New(httpOnly(Plugin{Name: "oauth2", Version: version, Priority: 1400, NoConsumer: true}),
		[]*Field{
			Array("scopes", String("")),
			Boolean("mandatory_scope").Req().Def(false),
			String("provision_key").Req().Unique().Auto().Secret(),
			Number("token_expiration").Req().Def(7200),
			Boolean("enable_authorization_code").Req().Def(false),
			Boolean("enable_implicit_grant").Req().Def(false),
			Boolean("enable_client_credentials").Req().Def(false),
			Boolean("enable_password_grant").Req().Def(false),
			Boolean("hide_credentials").Req().Def(false),
			Boolean("accept_http_if_already_terminated").Req().Def(false),
			String("anonymous"),
			Boolean("global_credentials").Req().Def(false),
			String("auth_header_name").Def("authorization"),
			Number("refresh_token_ttl").Req().Def(1209600).Range(0, 100000000),
			Boolean("reuse_refresh_token").Req().Def(false),
			String("pkce").Def("lax").Enum("none", "lax", "strict"),
			String("realm"),
		})
	p.config.Checks(RequiredWhen("mandatory_scope", true, "scopes"))
	return p
}

func botDetection(version string) *Plugin {
	return New(httpOnly(Plugin{Name: "bot-detection", Version: version, Priority: 2500, NoConsumer: true}),
		[]*Field{
			Array("allow", String("").Regex()).Def([]string{}),
			Array("deny", String("").Regex()).Def([]string{}),
		})
}
