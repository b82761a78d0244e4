package kongclient

import (
	"context"
	"sort"
	"strings"
	"sync"

	"github.com/kong/go-kong/kong"
)

// Gateway is what the node says about itself in GET /.
type Gateway struct {
	Version  string
	Edition  string // "oss" or "enterprise"
	Database string // "postgres", or "off" for DB-less
	Hostname string
	// RouterFlavor is "traditional_compatible", "traditional" or "expressions".
	RouterFlavor     string
	PluginsAvailable []string // sorted
}

// IsEnterprise reports whether the node runs Kong Enterprise.
func (g Gateway) IsEnterprise() bool { return g.Edition == "enterprise" }

// HasPlugin reports whether the node can run a plugin of this name.
func (g Gateway) HasPlugin(name string) bool {
	i := sort.SearchStrings(g.PluginsAvailable, name)
	return i < len(g.PluginsAvailable) && g.PluginsAvailable[i] == name
}

func gatewayFromRoot(root map[string]any) Gateway {
	g := Gateway{Edition: "oss"}
	g.Version, _ = root["version"].(string)
	g.Hostname, _ = root["hostname"].(string)
	if v, err := kong.ParseSemanticVersion(kong.VersionFromInfo(root)); err == nil && v.IsKongGatewayEnterprise() {
		g.Edition = "enterprise"
	}
	if strings.Contains(g.Version, "enterprise") {
		g.Edition = "enterprise"
	}
	if conf, ok := root["configuration"].(map[string]any); ok {
		g.Database, _ = conf["database"].(string)
		g.RouterFlavor, _ = conf["router_flavor"].(string)
	}
	if plugins, ok := root["plugins"].(map[string]any); ok {
		if avail, ok := plugins["available_on_server"].(map[string]any); ok {
			for name := range avail {
				g.PluginsAvailable = append(g.PluginsAvailable, name)
			}
		}
	}
	sort.Strings(g.PluginsAvailable)
	return g
}

type schemaEntry struct {
	once   sync.Once
	schema map[string]any
	err    error
}

// PluginSchema returns GET /schemas/plugins/{name}, fetched at most once per plugin name for the life of the
// provider process (one Terraform run), however many resources use the plugin.
func (c *Client) PluginSchema(ctx context.Context, name string) (map[string]any, error) {
	c.schemasMu.Lock()
	e, ok := c.schemas[name]
	if !ok {
		e = &schemaEntry{}
		c.schemas[name] = e
	}
	c.schemasMu.Unlock()
	e.once.Do(func() {
		var s kong.Schema
		s, e.err = c.Kong.Plugins.GetFullSchema(ctx, kong.String(name))
		e.schema = s
	})
	return e.schema, e.err
}
