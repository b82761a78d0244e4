package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

var (
	_ datasource.DataSourceWithConfigure        = (*sniDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*sniDataSource)(nil)
)

// NewSNIDataSource is the kong_sni data source.
func NewSNIDataSource() datasource.DataSource { return &sniDataSource{} }

type sniDataSource struct{ data *providerData }

func (d *sniDataSource) modelRoundTrip() modelRoundTrip { return roundTripOf[sniModel]() }

func (d *sniDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sni"
}

func (d *sniDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		Description: "Looks up a Kong SNI by `id` or `name` (exactly one), for example to find the certificate Kong serves for a name.",
		Attributes: map[string]dschema.Attribute{
			"id":             lookupStringAttribute("The SNI's UUID.", uuidRule),
			"name":           lookupStringAttribute("The server name, such as `api.example.com` or `*.example.com`.", routeSNIRule),
			"certificate_id": computedString("Id of the certificate Kong serves for the name."),
			"tags":           computedTags(),
			"created_at":     computedInt64("Unix time the SNI was created."),
		},
	}
}

func (d *sniDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneKey("id", "name")
}

func (d *sniDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *sniDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, diags := getModel[sniModel](ctx, req.Config.Schema, req.Config.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	key := chosenKey(lookupKey{"id", cfg.ID}, lookupKey{"name", cfg.Name})
	var got kong.SNI
	if err := d.data.client.Get(ctx, kongclient.SNIs, key.value.ValueString(), &got); err != nil {
		addLookupError(&resp.Diagnostics, "SNI", key, err)
		return
	}
	setState(ctx, &resp.State, flattenSNI(&got, sniModel{}, nil), &resp.Diagnostics)
}
