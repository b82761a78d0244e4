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
	_ datasource.DataSourceWithConfigure        = (*consumerDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*consumerDataSource)(nil)
)

// NewConsumerDataSource is the kong_consumer data source.
func NewConsumerDataSource() datasource.DataSource { return &consumerDataSource{} }

type consumerDataSource struct{ data *providerData }

func (d *consumerDataSource) modelRoundTrip() modelRoundTrip { return roundTripOf[consumerModel]() }

func (d *consumerDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_consumer"
}

func (d *consumerDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		Description: "Looks up a Kong consumer by `id`, `username` or `custom_id` (exactly one).",
		Attributes: map[string]dschema.Attribute{
			"id":         lookupStringAttribute("The consumer's UUID.", uuidRule),
			"username":   lookupStringAttribute("The consumer's unique user name.", stringvalidator.LengthAtLeast(1)),
			"custom_id":  lookupStringAttribute("The consumer's unique id from another system.", stringvalidator.LengthAtLeast(1)),
			"tags":       computedTags(),
			"created_at": computedInt64("Unix time the consumer was created."),
		},
	}
}

func (d *consumerDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneKey("id", "username", "custom_id")
}

func (d *consumerDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *consumerDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, diags := getModel[consumerModel](ctx, req.Config.Schema, req.Config.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	key := chosenKey(lookupKey{"id", cfg.ID}, lookupKey{"username", cfg.Username}, lookupKey{"custom_id", cfg.CustomID})
	got := &kong.Consumer{}
	var err error
	if key.attr == "custom_id" {
		// custom_id is not an endpoint key: Kong finds it only through the collection's filter.
		got, err = d.data.client.Kong.Consumers.GetByCustomID(ctx, kong.String(key.value.ValueString()))
	} else {
		err = d.data.client.Get(ctx, kongclient.Consumers, key.value.ValueString(), got)
	}
	if err != nil {
		addLookupError(&resp.Diagnostics, "consumer", key, err)
		return
	}
	setState(ctx, &resp.State, flattenConsumer(got, consumerModel{}, nil), &resp.Diagnostics)
}
