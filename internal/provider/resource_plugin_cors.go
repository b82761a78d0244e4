package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// NewPluginCORSResource is the kong_plugin_cors resource.
func NewPluginCORSResource() resource.Resource { return newPluginResource(corsPlugin) }

var corsMethods = []string{"GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT"}

var corsPlugin = &pluginDefinition{
	typeSuffix: "_plugin_cors",
	pluginName: "cors",
	description: "Kong's cors plugin: lets web pages from other origins (for example an Angular UI served from its own domain) call the API. " +
		"Kong answers browsers' preflight requests itself and adds the Access-Control-* headers to responses. " +
		"Kong does not allow this plugin on a consumer, so there is no `consumer_id`.",
	forbidsConsumer: true,
	configAttributes: map[string]schema.Attribute{
		"origins": optionalStringList("Origins whose pages may call the API, such as `https://ui.example.com`; an entry may also be a regular expression, or `*` for any origin. " +
			"Kong echoes the matching origin in `Access-Control-Allow-Origin`. Default: any origin (`*`)."),
		"headers":         optionalStringList("Request headers pages may send (`Access-Control-Allow-Headers`). Default: whatever headers the preflight asks for."),
		"exposed_headers": optionalStringList("Response headers scripts may read besides the always-readable ones (`Access-Control-Expose-Headers`). Default: none."),
		"methods": optionalStringList("Methods pages may use (`Access-Control-Allow-Methods`): "+quoteList(corsMethods)+". Default: all of them.",
			listvalidator.ValueStringsAre(stringvalidator.OneOf(corsMethods...))),
		"max_age": optionalNumber("Seconds a browser may reuse a preflight answer before asking again (`Access-Control-Max-Age`). Default: unset, the browser decides."),
		"credentials": optionalBool("Let pages send cookies and `Authorization` headers (`Access-Control-Allow-Credentials: true`). " +
			"Browsers then refuse the `*` origin, so list the origins. Default `false`."),
		"private_network":    optionalBool("Allow pages on public sites to call this API on a private network (answers Chrome's Private Network Access preflights). Default `false`."),
		"preflight_continue": optionalBool("Forward preflight requests to the upstream instead of answering them in Kong. Default `false`."),
	},
}
