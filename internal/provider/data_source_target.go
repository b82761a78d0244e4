package provider

import (
	"context"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"
)

var _ datasource.DataSourceWithConfigure = (*targetDataSource)(nil)

// NewTargetDataSource is the kong_target data source.
func NewTargetDataSource() datasource.DataSource { return &targetDataSource{} }

type targetDataSource struct{ data *providerData }

// targetLookupModel is the data source's model: the upstream and target it is given by (each an id or a
// key) and what Kong holds.
type targetLookupModel struct {
	Upstream   types.String `tfsdk:"upstream"`
	Target     types.String `tfsdk:"target"`
	ID         types.String `tfsdk:"id"`
	UpstreamID types.String `tfsdk:"upstream_id"`
	Weight     types.Int64  `tfsdk:"weight"`
	Tags       types.Set    `tfsdk:"tags"`
	CreatedAt  types.Int64  `tfsdk:"created_at"`
}

func (d *targetDataSource) modelRoundTrip() modelRoundTrip { return roundTripOf[targetLookupModel]() }

func (d *targetDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_target"
}

func (d *targetDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		Description: "Looks up a target of a Kong upstream by its address or id.",
		Attributes: map[string]dschema.Attribute{
			"upstream": dschema.StringAttribute{Required: true, Description: "The upstream's id or name."},
			"target": dschema.StringAttribute{Required: true,
				Description: "The target's id, or its address with the port, as Kong stores it (`10.0.0.5:8080`)."},
			"id":          computedString("The target's UUID."),
			"upstream_id": computedString("The upstream's UUID."),
			"weight":      computedInt64("Share of the upstream's traffic, relative to the other targets' weights."),
			"tags":        computedTags(),
			"created_at":  computedInt64("Unix time the target was created."),
		},
	}
}

func (d *targetDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *targetDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, diags := getModel[targetLookupModel](ctx, req.Config.Schema, req.Config.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	upstream, target := cfg.Upstream.ValueString(), cfg.Target.ValueString()
	for attr, v := range map[string]string{"upstream": upstream, "target": target} {
		if reason := invalidImportID(v); reason != "" {
			resp.Diagnostics.AddAttributeError(path.Root(attr), "Invalid "+attr, fmt.Sprintf("%q cannot be looked up: %s.", v, reason))
			return
		}
	}
	got, err := sendJSON[targetEntity](ctx, d.data.client.Kong, http.MethodGet, targetPath(upstream, target), nil)
	if kong.IsNotFoundErr(err) {
		resp.Diagnostics.AddAttributeError(path.Root("target"), "Kong target not found",
			fmt.Sprintf("Kong has no target %q in upstream %q (an address needs its port).", target, upstream))
		return
	}
	if err != nil {
		addKongError(&resp.Diagnostics, fmt.Sprintf("Cannot read Kong target %q of upstream %q", target, upstream), err)
		return
	}
	m := flattenTarget(got, targetModel{}, nil)
	setState(ctx, &resp.State, targetLookupModel{
		Upstream: cfg.Upstream, Target: cfg.Target, ID: m.ID, UpstreamID: m.UpstreamID,
		Weight: m.Weight, Tags: m.Tags, CreatedAt: m.CreatedAt,
	}, &resp.Diagnostics)
}
