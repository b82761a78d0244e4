package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

var (
	_ datasource.DataSourceWithConfigure        = (*upstreamDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*upstreamDataSource)(nil)
)

// NewUpstreamDataSource is the kong_upstream data source.
func NewUpstreamDataSource() datasource.DataSource { return &upstreamDataSource{} }

type upstreamDataSource struct{ data *providerData }

func (d *upstreamDataSource) modelRoundTrip() modelRoundTrip { return roundTripOf[upstreamModel]() }

func (d *upstreamDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_upstream"
}

func (d *upstreamDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		Description: "Looks up a Kong upstream by `id` or `name` (exactly one), for example to point a service's host at it or to add targets to one another configuration manages.",
		Attributes: map[string]dschema.Attribute{
			"id":                        lookupStringAttribute("The upstream's UUID.", uuidRule),
			"name":                      lookupStringAttribute("The upstream's unique name, a host name.", upstreamNameRule),
			"algorithm":                 computedString("Load-balancing algorithm."),
			"hash_on":                   computedString("What consistent hashing hashes."),
			"hash_fallback":             computedString("What to hash when the hash_on value is missing."),
			"hash_on_header":            computedString("Header hashed when hash_on is header."),
			"hash_fallback_header":      computedString("Header hashed when hash_fallback is header."),
			"hash_on_cookie":            computedString("Cookie hashed when hashing on cookie."),
			"hash_on_cookie_path":       computedString("Path of the hashing cookie."),
			"hash_on_query_arg":         computedString("Query argument hashed when hash_on is query_arg."),
			"hash_fallback_query_arg":   computedString("Query argument hashed when hash_fallback is query_arg."),
			"hash_on_uri_capture":       computedString("Path capture hashed when hash_on is uri_capture."),
			"hash_fallback_uri_capture": computedString("Path capture hashed when hash_fallback is uri_capture."),
			"slots":                     computedInt64("Slots in the load balancer's ring."),
			"healthchecks": dschema.ObjectAttribute{Computed: true, AttributeTypes: healthchecksType.AttrTypes,
				Description: "Health checks of the targets, as in the kong_upstream resource."},
			"host_header":           computedString("Host header Kong sends to the targets."),
			"client_certificate_id": computedString("Id of the certificate Kong presents to the targets."),
			"use_srv_name":          computedBool("Whether Kong uses SRV record names as TLS server name and Host."),
			"tags":                  computedTags(),
			"created_at":            computedInt64("Unix time the upstream was created."),
			"updated_at":            computedInt64("Unix time of the last change."),
		},
	}
}

func (d *upstreamDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneKey("id", "name")
}

func (d *upstreamDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *upstreamDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, diags := getModel[upstreamModel](ctx, req.Config.Schema, req.Config.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	key := chosenKey(lookupKey{"id", cfg.ID}, lookupKey{"name", cfg.Name})
	var got upstreamEntity
	if err := d.data.client.Get(ctx, kongclient.Upstreams, key.value.ValueString(), &got); err != nil {
		addLookupError(&resp.Diagnostics, "upstream", key, err)
		return
	}
	setState(ctx, &resp.State, flattenUpstream(&got, upstreamModel{}, nil), &resp.Diagnostics)
}
