package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

var (
	_ datasource.DataSourceWithConfigure        = (*serviceDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*serviceDataSource)(nil)
)

// NewServiceDataSource is the kong_service data source.
func NewServiceDataSource() datasource.DataSource { return &serviceDataSource{} }

type serviceDataSource struct{ data *providerData }

func (d *serviceDataSource) modelRoundTrip() modelRoundTrip { return roundTripOf[serviceModel]() }

func (d *serviceDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_service"
}

func (d *serviceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		Description: "Looks up a Kong service by `id` or `name` (exactly one), for example one managed by another team or configuration.",
		Attributes: map[string]dschema.Attribute{
			"id":                    lookupStringAttribute("The service's UUID.", uuidRule),
			"name":                  lookupStringAttribute("The service's unique name.", nameValidators()...),
			"protocol":              computedString("Protocol Kong uses to reach the upstream."),
			"host":                  computedString("Host name or IP address of the upstream."),
			"port":                  computedInt64("Upstream port."),
			"path":                  computedString("Path prefix Kong adds to upstream requests."),
			"retries":               computedInt64("How often Kong retries a failed proxy attempt."),
			"connect_timeout":       computedInt64("Milliseconds Kong waits to connect to the upstream."),
			"write_timeout":         computedInt64("Milliseconds between two writes to the upstream."),
			"read_timeout":          computedInt64("Milliseconds between two reads from the upstream."),
			"enabled":               computedBool("Whether routes to this service are served."),
			"client_certificate_id": computedString("Id of the certificate Kong presents to the upstream."),
			"tls_verify":            computedBool("Whether Kong verifies the upstream's TLS certificate; null follows Kong's global setting."),
			"tls_verify_depth":      computedInt64("Maximum certificate chain depth when verifying the upstream."),
			"ca_certificates":       computedStringSet("Ids of CA certificates trusted for the upstream's certificate."),
			"tags":                  computedTags(),
			"created_at":            computedInt64("Unix time the service was created."),
			"updated_at":            computedInt64("Unix time of the last change."),
		},
	}
}

func (d *serviceDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneKey("id", "name")
}

func (d *serviceDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *serviceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, diags := getModel[serviceModel](ctx, req.Config.Schema, req.Config.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	key := chosenKey(lookupKey{"id", cfg.ID}, lookupKey{"name", cfg.Name})
	var got kong.Service
	if err := d.data.client.Get(ctx, kongclient.Services, key.value.ValueString(), &got); err != nil {
		addLookupError(&resp.Diagnostics, "service", key, err)
		return
	}
	setState(ctx, &resp.State, flattenService(&got, serviceModel{}, nil), &resp.Diagnostics)
}
