package provider

import (
	"context"
	"net/http"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

var (
	_ datasource.DataSourceWithConfigure        = (*caCertificateDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*caCertificateDataSource)(nil)
)

// sha256HexPattern is a cert_digest as Kong writes it.
var sha256HexPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// NewCACertificateDataSource is the kong_ca_certificate data source.
func NewCACertificateDataSource() datasource.DataSource { return &caCertificateDataSource{} }

type caCertificateDataSource struct{ data *providerData }

func (d *caCertificateDataSource) modelRoundTrip() modelRoundTrip {
	return roundTripOf[caCertificateModel]()
}

func (d *caCertificateDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ca_certificate"
}

func (d *caCertificateDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		Description: "Looks up a Kong CA certificate by `id` or by `cert_digest` (exactly one), for example to trust it in a service's `ca_certificates`.",
		Attributes: map[string]dschema.Attribute{
			"id": lookupStringAttribute("The CA certificate's UUID.", uuidRule),
			"cert_digest": lookupStringAttribute("Lowercase hex SHA-256 of the certificate (`sha256sum` of its DER form), which Kong keeps unique.",
				[]validator.String{stringvalidator.RegexMatches(sha256HexPattern, "must be 64 lowercase hex digits")}...),
			"cert":       computedString("The CA certificate in PEM."),
			"tags":       computedTags(),
			"created_at": computedInt64("Unix time the CA certificate was created."),
		},
	}
}

func (d *caCertificateDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneKey("id", "cert_digest")
}

func (d *caCertificateDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Read finds a CA certificate by digest in Kong's listing, which has no lookup by digest.
func (d *caCertificateDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, diags := getModel[caCertificateModel](ctx, req.Config.Schema, req.Config.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	key := chosenKey(lookupKey{"id", cfg.ID}, lookupKey{"cert_digest", cfg.CertDigest})
	id := cfg.ID.ValueString()
	if key.attr == "cert_digest" {
		var err error
		if id, err = holderIn("/"+kongclient.CACertificates, digestIs(cfg.CertDigest.ValueString()))(ctx, d.data.client); err == nil && id == "" {
			err = kong.NewAPIError(http.StatusNotFound, "no CA certificate has this digest")
		}
		if err != nil {
			addLookupError(&resp.Diagnostics, "CA certificate", key, err)
			return
		}
	}
	var got kong.CACertificate
	if err := d.data.client.Get(ctx, kongclient.CACertificates, id, &got); err != nil {
		addLookupError(&resp.Diagnostics, "CA certificate", key, err)
		return
	}
	setState(ctx, &resp.State, flattenCACertificate(&got, caCertificateModel{}, nil), &resp.Diagnostics)
}
