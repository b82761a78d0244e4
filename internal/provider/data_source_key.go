package provider

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/keymaterial"
	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

var (
	_ datasource.DataSourceWithConfigure        = (*keyDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*keyDataSource)(nil)
)

// NewKeyDataSource is the kong_key data source.
func NewKeyDataSource() datasource.DataSource { return &keyDataSource{} }

type keyDataSource struct{ data *providerData }

// keyDataModel is a key's public side only: a data source's values are all in the state, so private key
// material never is.
type keyDataModel struct {
	ID        types.String `tfsdk:"id"`
	Name      types.String `tfsdk:"name"`
	KID       types.String `tfsdk:"kid"`
	SetID     types.String `tfsdk:"set_id"`
	PublicJWK types.String `tfsdk:"public_jwk"`
	PublicKey types.String `tfsdk:"public_key"`
	Tags      types.Set    `tfsdk:"tags"`
	CreatedAt types.Int64  `tfsdk:"created_at"`
}

func (d *keyDataSource) modelRoundTrip() modelRoundTrip { return roundTripOf[keyDataModel]() }

func (d *keyDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_key"
}

func (d *keyDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		Description: "Looks up a Kong key by `id` or `name` (exactly one) and shows its public side; private key material is never read into the state.",
		Attributes: map[string]dschema.Attribute{
			"id":     lookupStringAttribute("The key's UUID.", uuidRule),
			"name":   lookupStringAttribute("The key's unique name.", stringvalidator.LengthAtLeast(1)),
			"kid":    computedString("The key's identifier."),
			"set_id": computedString("Id of the key set the key belongs to; null when it belongs to none."),
			"public_jwk": computedString("A key given as a JSON Web Key: that JWK without its private members (`d`, `p`, `q`, `dp`, `dq`, `qi`, " +
				"`oth`, `k`); null for a PEM key or a vault reference."),
			"public_key": computedString("A key given as PEM: its public key, when Kong holds one; null otherwise."),
			"tags":       computedTags(),
			"created_at": computedInt64("Unix time the key was created."),
		},
	}
}

func (d *keyDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneKey("id", "name")
}

func (d *keyDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *keyDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, diags := getModel[keyDataModel](ctx, req.Config.Schema, req.Config.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	key := chosenKey(lookupKey{"id", cfg.ID}, lookupKey{"name", cfg.Name})
	var got kong.Key
	if err := d.data.client.Get(ctx, kongclient.Keys, key.value.ValueString(), &got); err != nil {
		addLookupError(&resp.Diagnostics, "key", key, err)
		return
	}
	setState(ctx, &resp.State, flattenKeyData(&got), &resp.Diagnostics)
}

func flattenKeyData(k *kong.Key) keyDataModel {
	m := keyDataModel{
		ID:        types.StringPointerValue(k.ID),
		Name:      types.StringPointerValue(k.Name),
		KID:       types.StringPointerValue(k.KID),
		SetID:     types.StringNull(),
		PublicJWK: publicJWK(kong.StringValue(k.JWK)),
		PublicKey: types.StringNull(),
		Tags:      flattenTags(k.Tags, nil, types.SetNull(types.StringType)),
		CreatedAt: types.Int64PointerValue(k.CreatedAt),
	}
	if k.Set != nil && k.Set.ID != nil {
		m.SetID = types.StringValue(*k.Set.ID)
	}
	if k.PEM != nil && k.PEM.PublicKey != nil && !keymaterial.IsVaultReference(*k.PEM.PublicKey) {
		m.PublicKey = types.StringValue(*k.PEM.PublicKey)
	}
	return m
}

// jwkPrivateMembers are the members of a JSON Web Key that hold private material (RFC 7518, section 6).
var jwkPrivateMembers = []string{"d", "p", "q", "dp", "dq", "qi", "oth", "k"}

// publicJWK is a JWK without its private members; null when there is no JWK object to show.
func publicJWK(jwk string) types.String {
	var members map[string]any
	if jwk == "" || json.Unmarshal([]byte(jwk), &members) != nil || members == nil {
		return types.StringNull()
	}
	for _, name := range jwkPrivateMembers {
		delete(members, name)
	}
	out, err := json.Marshal(members)
	if err != nil {
		return types.StringNull()
	}
	return types.StringValue(string(out))
}
