package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

var (
	_ datasource.DataSourceWithConfigure        = (*keySetDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*keySetDataSource)(nil)
)

// NewKeySetDataSource is the kong_key_set data source.
func NewKeySetDataSource() datasource.DataSource { return &keySetDataSource{} }

type keySetDataSource struct{ data *providerData }

func (d *keySetDataSource) modelRoundTrip() modelRoundTrip { return roundTripOf[keySetModel]() }

func (d *keySetDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_key_set"
}

func (d *keySetDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		Description: "Looks up a Kong key set by `id` or `name` (exactly one), for example to add keys (`kong_key`) to a set another configuration manages.",
		Attributes: map[string]dschema.Attribute{
			"id":         lookupStringAttribute("The key set's UUID.", uuidRule),
			"name":       lookupStringAttribute("The key set's unique name.", stringvalidator.LengthAtLeast(1)),
			"tags":       computedTags(),
			"created_at": computedInt64("Unix time the key set was created."),
		},
	}
}

func (d *keySetDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneKey("id", "name")
}

func (d *keySetDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *keySetDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, diags := getModel[keySetModel](ctx, req.Config.Schema, req.Config.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	key := chosenKey(lookupKey{"id", cfg.ID}, lookupKey{"name", cfg.Name})
	var got kong.KeySet
	if err := d.data.client.Get(ctx, kongclient.KeySets, key.value.ValueString(), &got); err != nil {
		addLookupError(&resp.Diagnostics, "key set", key, err)
		return
	}
	setState(ctx, &resp.State, flattenKeySet(&got, keySetModel{}, nil), &resp.Diagnostics)
}
