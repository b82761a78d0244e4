package provider

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// NewPluginResource is the kong_plugin resource: any plugin, bundled or custom, with its config as an
// object.
func NewPluginResource() resource.Resource { return newPluginResource(genericPlugin) }

var genericPlugin = &pluginDefinition{
	typeSuffix: "_plugin",
	description: "A Kong plugin of any kind, bundled or custom, applied globally or to a service, route or consumer. " +
		"`config` holds only the fields you write; Kong's defaults for the others never show as a difference. " +
		"The plan checks the plugin and its configuration against the running Kong (reading only). " +
		"For aws-lambda, key-auth, cors and request-validator, the typed resources offer documented attributes instead of `config`.",
	otherAttributes: writeOnlyConfigAttributes,
}

// pluginNamePattern catches what cannot be a plugin (a Lua module name); whether the node has the plugin is
// checked against the node during the plan.
var pluginNamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

func pluginNameValidator() validator.String {
	return stringvalidator.RegexMatches(pluginNamePattern, "must be a plugin name: letters, digits, '-', '_' and '.'")
}
