package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// NewPluginKeyAuthResource is the kong_plugin_key_auth resource.
func NewPluginKeyAuthResource() resource.Resource { return newPluginResource(keyAuthPlugin) }

var keyAuthPlugin = &pluginDefinition{
	typeSuffix: "_plugin_key_auth",
	pluginName: "key-auth",
	description: "Kong's key-auth plugin: requests must carry an API key belonging to a consumer (see `kong_consumer_key_auth`), " +
		"otherwise Kong answers 401 and the upstream never sees them. Once the key identifies the consumer, " +
		"the acl plugin can decide which consumers may use which API. Kong does not allow this plugin on a consumer, so there is no `consumer_id`.",
	forbidsConsumer: true,
	configAttributes: map[string]schema.Attribute{
		"key_names": optionalStringList("Names under which Kong looks for the key, in headers, query parameters or body fields (see the `key_in_*` switches). Default `[\"apikey\"]`.",
			listvalidator.SizeAtLeast(1), headerNamesValidator()),
		"hide_credentials": optionalBool("Remove the key from the request before Kong forwards it, so the upstream never sees it. Default `false`."),
		"anonymous": optionalString("Id or username of a consumer that requests without a valid key are treated as, instead of being refused with 401. " +
			"Use it to let another authentication plugin or the acl plugin decide. Default: refuse."),
		"key_in_header":    optionalBool("Look for the key in request headers. Default `true`."),
		"key_in_query":     optionalBool("Look for the key in query parameters. Keys in URLs end up in access logs; consider `false`. Default `true`."),
		"key_in_body":      optionalBool("Look for the key in form or JSON bodies. Default `false`."),
		"run_on_preflight": optionalBool("Demand the key on CORS preflight requests (OPTIONS) too. Browsers send preflights without credentials, so set `false` for APIs called from web pages. Default `true`."),
		"realm":            optionalString("Realm Kong names in the `WWW-Authenticate` header of its 401 answers. Default: unset."),
	},
}
