package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

var (
	_ datasource.DataSourceWithConfigure        = (*routeDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*routeDataSource)(nil)
)

// NewRouteDataSource is the kong_route data source.
func NewRouteDataSource() datasource.DataSource { return &routeDataSource{} }

type routeDataSource struct{ data *providerData }

func (d *routeDataSource) modelRoundTrip() modelRoundTrip { return roundTripOf[routeModel]() }

func (d *routeDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_route"
}

func (d *routeDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	endpoints := func(what string) dschema.SetNestedAttribute {
		return dschema.SetNestedAttribute{
			Computed:    true,
			Description: what + " of the connection (stream routes).",
			NestedObject: dschema.NestedAttributeObject{Attributes: map[string]dschema.Attribute{
				"ip":   computedString("IP address or CIDR range."),
				"port": computedInt64("Port."),
			}},
		}
	}
	resp.Schema = dschema.Schema{
		Description: "Looks up a Kong route by `id` or `name` (exactly one).",
		Attributes: map[string]dschema.Attribute{
			"id":                         lookupStringAttribute("The route's UUID.", uuidRule),
			"name":                       lookupStringAttribute("The route's unique name.", nameValidators()...),
			"protocols":                  computedStringSet("Protocols the route accepts."),
			"methods":                    computedStringSet("HTTP methods that match."),
			"hosts":                      computedStringList("Host header values that match."),
			"paths":                      computedStringList("Request paths that match (`~` marks a regular expression)."),
			"headers":                    dschema.MapAttribute{Computed: true, ElementType: types.ListType{ElemType: types.StringType}, Description: "Request headers that match, by name."},
			"https_redirect_status_code": computedInt64("Status Kong answers with when only the protocol does not match."),
			"regex_priority":             computedInt64("Priority among routes whose regex paths match."),
			"strip_path":                 computedBool("Whether the matched path prefix is removed from the upstream request."),
			"preserve_host":              computedBool("Whether the client's Host header is sent upstream."),
			"request_buffering":          computedBool("Whether Kong buffers the request body."),
			"response_buffering":         computedBool("Whether Kong buffers the response body."),
			"path_handling":              computedString("How the service, route and request paths combine."),
			"snis":                       computedStringSet("TLS server names that match."),
			"sources":                    endpoints("Sources"),
			"destinations":               endpoints("Destinations"),
			"tags":                       computedTags(),
			"service_id":                 computedString("Id of the service matched requests go to."),
			"created_at":                 computedInt64("Unix time the route was created."),
			"updated_at":                 computedInt64("Unix time of the last change."),
		},
	}
}

func (d *routeDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneKey("id", "name")
}

func (d *routeDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *routeDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, diags := getModel[routeModel](ctx, req.Config.Schema, req.Config.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	key := chosenKey(lookupKey{"id", cfg.ID}, lookupKey{"name", cfg.Name})
	var got kong.Route
	if err := d.data.client.Get(ctx, kongclient.Routes, key.value.ValueString(), &got); err != nil {
		addLookupError(&resp.Diagnostics, "route", key, err)
		return
	}
	setState(ctx, &resp.State, flattenRoute(&got, routeModel{}, nil), &resp.Diagnostics)
}
