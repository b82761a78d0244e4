package pluginschema

// OpenAPIRequestValidatorName is the Go plugin in plugins/openapi-request-validator.
const OpenAPIRequestValidatorName = "openapi-request-validator"

// OpenAPIRequestValidator is the config schema the openapi-request-validator Go plugin reports to Kong:
// go-pdk derives it from the plugin's Config struct (the fields of reqvalidate.Rules), every field optional
// and without defaults. It is not bundled: a node has it only once registered (kong-local -custom-plugins,
// or Register in a test), as a real node has it only with plugins = bundled,openapi-request-validator.
func OpenAPIRequestValidator() *Plugin {
	return New(Plugin{Name: OpenAPIRequestValidatorName, Version: "dev", Priority: 999},
		[]*Field{
			String("operation_id"),
			String("path_pattern"),
			Array("parameter_schema", Record("",
				String("name"),
				String("in"),
				Boolean("required"),
				String("style"),
				Boolean("explode"),
				String("schema"),
			)),
			Map("body_schemas", String(""), String("")),
			Boolean("body_required"),
		},
	)
}

// Custom returns the schema of a plugin Kong does not bundle but this repository builds, by name.
func Custom(name string) (*Plugin, bool) {
	switch name {
	case OpenAPIRequestValidatorName:
		return OpenAPIRequestValidator(), true
	}
	return nil, false
}
