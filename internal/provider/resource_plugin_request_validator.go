package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// NewPluginRequestValidatorResource is the kong_plugin_request_validator resource.
func NewPluginRequestValidatorResource() resource.Resource {
	return newPluginResource(requestValidatorPlugin)
}

var requestValidatorVersions = []string{"kong", "draft4", "draft6", "draft7", "draft201909", "draft202012"}

var requestValidatorPlugin = &pluginDefinition{
	typeSuffix: "_plugin_request_validator",
	pluginName: "request-validator",
	description: "Kong's request-validator plugin (Kong Enterprise only): Kong checks each request's body and parameters against schemas and answers 400 to those that do not match, " +
		"so the upstream only sees well-formed requests. On Kong OSS the plan fails with a message saying so. At least one of `body_schema` and `parameter_schema` is required.",
	configAttributes: map[string]schema.Attribute{
		"body_schema": schema.StringAttribute{
			Optional:   true,
			CustomType: jsontypes.NormalizedType{},
			// Kong's rule that a validator must have something to validate.
			Validators: []validator.String{stringvalidator.AtLeastOneOf(path.MatchRoot("parameter_schema"))},
			Description: "Schema the request body must match, as JSON text (write it with `jsonencode`). With `version = \"kong\"` it is a Kong schema, an array of field definitions; " +
				"otherwise a JSON Schema document. Only requests with a body in `allowed_content_types` pass. Formatting and key order do not matter.",
		},
		"parameter_schema": schema.ListNestedAttribute{
			Optional:    true,
			Validators:  []validator.List{listvalidator.SizeAtLeast(1)},
			Description: "Rules for individual headers, path segments and query arguments, in OpenAPI's parameter style. Parameters are always checked with JSON Schema draft 4.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"in": schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.OneOf("header", "path", "query")},
					Description: "Where the parameter is: `header`, `path` or `query`."},
				"name":     schema.StringAttribute{Required: true, Description: "Name of the header, path parameter or query argument."},
				"required": schema.BoolAttribute{Required: true, Description: "Whether requests without the parameter are refused."},
				"style": schema.StringAttribute{Optional: true,
					Validators:  []validator.String{stringvalidator.OneOf("deepObject", "form", "label", "matrix", "pipeDelimited", "simple", "spaceDelimited")},
					Description: "How the value is serialized (OpenAPI `style`). Set together with `explode` and `schema`."},
				"explode": schema.BoolAttribute{Optional: true,
					Description: "Whether arrays and objects are spread over several parameters (OpenAPI `explode`). Set together with `style` and `schema`."},
				"schema": schema.StringAttribute{Optional: true, CustomType: jsontypes.NormalizedType{},
					Description: "JSON Schema the value must match, as JSON text with a top-level `type`. Set together with `style` and `explode`."},
			}},
		},
		"allowed_content_types": optionalStringList("Content types a request body may have, compared exactly, parameters such as `charset` included. Requests with another type are refused. Default `[\"application/json\"]`.",
			listvalidator.SizeAtLeast(1)),
		"verbose_response": optionalBool("Tell the client in the 400 answer what failed validation. Default `false`: a generic message."),
		"version": optionalString("Schema language of `body_schema`: `kong` (default, Kong's own schema syntax) or a JSON Schema draft: `draft4`; Kong 3.11 and later also `draft6`, `draft7`, `draft201909`, `draft202012`.",
			stringvalidator.OneOf(requestValidatorVersions...)),
	},
}
