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
	_ datasource.DataSourceWithConfigure        = (*certificateDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*certificateDataSource)(nil)
)

// NewCertificateDataSource is the kong_certificate data source.
func NewCertificateDataSource() datasource.DataSource { return &certificateDataSource{} }

type certificateDataSource struct{ data *providerData }

// certificateDataModel is a certificate without its private keys, which a lookup has no use for and which
// would otherwise land in the state of every configuration that reads the certificate.
type certificateDataModel struct {
	ID        types.String `tfsdk:"id"`
	SNI       types.String `tfsdk:"sni"`
	Cert      types.String `tfsdk:"cert"`
	CertAlt   types.String `tfsdk:"cert_alt"`
	SNIs      types.Set    `tfsdk:"snis"`
	Tags      types.Set    `tfsdk:"tags"`
	CreatedAt types.Int64  `tfsdk:"created_at"`
}

func (d *certificateDataSource) modelRoundTrip() modelRoundTrip {
	return roundTripOf[certificateDataModel]()
}

func (d *certificateDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_certificate"
}

func (d *certificateDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		Description: "Looks up a Kong certificate by `id` or by one of its server names (`sni`), exactly one. The private keys are not read.",
		Attributes: map[string]dschema.Attribute{
			"id":         lookupStringAttribute("The certificate's UUID.", uuidRule),
			"sni":        lookupStringAttribute("One of the certificate's server names, such as `api.example.com` or `*.example.com`.", routeSNIRule),
			"cert":       computedString("The certificate in PEM."),
			"cert_alt":   computedString("The alternative certificate in PEM, if any."),
			"snis":       computedStringSet("All of the certificate's server names."),
			"tags":       computedTags(),
			"created_at": computedInt64("Unix time the certificate was created."),
		},
	}
}

func (d *certificateDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneKey("id", "sni")
}

func (d *certificateDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *certificateDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, diags := getModel[certificateDataModel](ctx, req.Config.Schema, req.Config.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	key := chosenKey(lookupKey{"id", cfg.ID}, lookupKey{"sni", cfg.SNI})
	var got kong.Certificate
	if err := d.data.client.Get(ctx, kongclient.Certificates, key.value.ValueString(), &got); err != nil {
		addLookupError(&resp.Diagnostics, "certificate", key, err)
		return
	}
	setState(ctx, &resp.State, certificateDataModel{
		ID:        types.StringPointerValue(got.ID),
		SNI:       cfg.SNI,
		Cert:      types.StringPointerValue(got.Cert),
		CertAlt:   types.StringPointerValue(got.CertAlt),
		SNIs:      flattenStringSet(got.SNIs, types.SetNull(types.StringType)),
		Tags:      flattenStringSet(got.Tags, types.SetNull(types.StringType)),
		CreatedAt: types.Int64PointerValue(got.CreatedAt),
	}, &resp.Diagnostics)
}
