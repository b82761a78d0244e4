package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

// pluginKeys are what Kong keeps unique for a plugin (see ownership.go): its instance_name, and its name
// within one scope (one plugin of a name per combination of service, route and consumer). Kong-wide
// (global) plugins are one scope too. Keys with an unknown part are left out.
func pluginKeys(name string, scope pluginScopeModel) []uniqueKey {
	var keys []uniqueKey
	if hasValue(scope.InstanceName) {
		instance := scope.InstanceName.ValueString()
		keys = append(keys, uniqueKey{
			attribute: path.Root("instance_name"),
			what:      fmt.Sprintf("instance_name = %q", instance),
			identity:  entityKey(kongclient.Plugins, "instance_name", instance),
			holder:    holderAt("/plugins/" + url.PathEscape(instance)),
		})
	}
	if name == "" || scope.ServiceID.IsUnknown() || scope.RouteID.IsUnknown() || scope.ConsumerID.IsUnknown() {
		return keys
	}
	service, route, consumer := scope.ServiceID.ValueString(), scope.RouteID.ValueString(), scope.ConsumerID.ValueString()
	return append(keys, uniqueKey{
		attribute: path.Root(scopeAttribute(scope)),
		what:      describePluginScope(name, service, route, consumer),
		identity:  entityKey(kongclient.Plugins, "scope", name, service, route, consumer),
		holder:    pluginHolder(name, service, route, consumer),
	})
}

// scopeAttribute is the attribute that narrows a plugin's scope most, where a conflict is reported.
func scopeAttribute(scope pluginScopeModel) string {
	switch {
	case hasValue(scope.RouteID):
		return "route_id"
	case hasValue(scope.ServiceID):
		return "service_id"
	case hasValue(scope.ConsumerID):
		return "consumer_id"
	}
	return "id"
}

func describePluginScope(name, service, route, consumer string) string {
	var parts []string
	for _, p := range [][2]string{{"service_id", service}, {"route_id", route}, {"consumer_id", consumer}} {
		if p[1] != "" {
			parts = append(parts, fmt.Sprintf("%s = %q", p[0], p[1]))
		}
	}
	if len(parts) == 0 {
		return fmt.Sprintf("the %s plugin Kong-wide (no service_id, route_id or consumer_id)", name)
	}
	return fmt.Sprintf("the %s plugin on %s", name, strings.Join(parts, ", "))
}

// pluginHolder finds the plugin of this name on exactly this scope, in the narrowest listing.
func pluginHolder(name, service, route, consumer string) func(ctx context.Context, c *kongclient.Client) (string, error) {
	endpoint := "/plugins"
	switch {
	case route != "":
		endpoint = "/routes/" + url.PathEscape(route) + "/plugins"
	case service != "":
		endpoint = "/services/" + url.PathEscape(service) + "/plugins"
	case consumer != "":
		endpoint = "/consumers/" + url.PathEscape(consumer) + "/plugins"
	}
	return holderIn(endpoint, func(raw json.RawMessage) bool {
		var p pluginEntity
		return json.Unmarshal(raw, &p) == nil && p.Name == name &&
			fkID(p.Service) == service && fkID(p.Route) == route && fkID(p.Consumer) == consumer
	})
}

func fkID(fk *foreignKey) string {
	if fk == nil {
		return ""
	}
	return fk.ID
}
