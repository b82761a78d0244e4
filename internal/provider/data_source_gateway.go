package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

var _ datasource.DataSourceWithConfigure = (*gatewayDataSource)(nil)

// NewGatewayDataSource is the kong_gateway data source.
func NewGatewayDataSource() datasource.DataSource { return &gatewayDataSource{} }

type gatewayDataSource struct{ data *providerData }

func (d *gatewayDataSource) modelRoundTrip() modelRoundTrip { return roundTripOf[gatewayModel]() }

type gatewayModel struct {
	Version          types.String `tfsdk:"version"`
	Edition          types.String `tfsdk:"edition"`
	Database         types.String `tfsdk:"database"`
	Hostname         types.String `tfsdk:"hostname"`
	RouterFlavor     types.String `tfsdk:"router_flavor"`
	PluginsAvailable types.List   `tfsdk:"plugins_available"`
}

func (d *gatewayDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_gateway"
}

func (d *gatewayDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		Description: "What the Kong node behind the Admin API says about itself, for example to check the version or that a plugin is installed before using it.",
		Attributes: map[string]dschema.Attribute{
			"version":           computedString("Kong version, such as `3.9.1`."),
			"edition":           computedString("`oss` or `enterprise`."),
			"database":          computedString("Database Kong stores its configuration in, such as `postgres`."),
			"hostname":          computedString("Host name of the Kong node."),
			"router_flavor":     computedString("Router in use: `traditional_compatible` (Kong's default), `traditional` or `expressions`."),
			"plugins_available": computedStringList("Names of the plugins the node can run, sorted."),
		},
	}
}

func (d *gatewayDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Read reports what the provider learned when it connected, so the data source costs no request.
func (d *gatewayDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	setState(ctx, &resp.State, flattenGateway(d.data.client.Gateway), &resp.Diagnostics)
}

func flattenGateway(g kongclient.Gateway) gatewayModel {
	plugins := make([]attr.Value, 0, len(g.PluginsAvailable))
	for _, name := range g.PluginsAvailable {
		plugins = append(plugins, types.StringValue(name))
	}
	return gatewayModel{
		Version:          types.StringValue(g.Version),
		Edition:          types.StringValue(g.Edition),
		Database:         types.StringValue(g.Database),
		Hostname:         types.StringValue(g.Hostname),
		RouterFlavor:     types.StringValue(g.RouterFlavor),
		PluginsAvailable: types.ListValueMust(types.StringType, plugins),
	}
}
