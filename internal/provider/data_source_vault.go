package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

var (
	_ datasource.DataSourceWithConfigure        = (*vaultDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*vaultDataSource)(nil)
)

// NewVaultDataSource is the kong_vault data source.
func NewVaultDataSource() datasource.DataSource { return &vaultDataSource{} }

type vaultDataSource struct{ data *providerData }

func (d *vaultDataSource) modelRoundTrip() modelRoundTrip { return roundTripOf[vaultModel]() }

func (d *vaultDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_vault"
}

func (d *vaultDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		Description: "Looks up a Kong vault by `id` or `prefix` (exactly one), for example to check that the vault a " +
			"`{vault://<prefix>/<secret>}` reference needs exists.",
		Attributes: map[string]dschema.Attribute{
			"id":          lookupStringAttribute("The vault's UUID.", uuidRule),
			"prefix":      lookupStringAttribute("The vault's unique prefix, as references use it.", vaultPrefixRule),
			"name":        computedString("The kind of vault, e.g. `env`."),
			"description": computedString("Free text about the vault."),
			"config": dschema.SingleNestedAttribute{
				Computed:    true,
				Attributes:  map[string]dschema.Attribute{"prefix": computedString("The env vault's prefix of environment variable names.")},
				Description: "The vault's settings (the env vault's).",
			},
			"tags":       computedTags(),
			"created_at": computedInt64("Unix time the vault was created."),
		},
	}
}

func (d *vaultDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneKey("id", "prefix")
}

func (d *vaultDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *vaultDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, diags := getModel[vaultModel](ctx, req.Config.Schema, req.Config.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	key := chosenKey(lookupKey{"id", cfg.ID}, lookupKey{"prefix", cfg.Prefix})
	var got kong.Vault
	if err := d.data.client.Get(ctx, kongclient.Vaults, key.value.ValueString(), &got); err != nil {
		addLookupError(&resp.Diagnostics, "vault", key, err)
		return
	}
	setState(ctx, &resp.State, flattenVault(&got, vaultModel{}, nil), &resp.Diagnostics)
}
