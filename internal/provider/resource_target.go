package provider

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"
)

var (
	_ resource.ResourceWithConfigure   = (*targetResource)(nil)
	_ resource.ResourceWithImportState = (*targetResource)(nil)
)

// NewTargetResource is the kong_target resource.
func NewTargetResource() resource.Resource {
	return &targetResource{lifecycleResource[targetModel, targetEntity]{lifecycle: targetLifecycle}}
}

type targetResource struct {
	lifecycleResource[targetModel, targetEntity]
}

type targetModel struct {
	ID         types.String `tfsdk:"id"`
	UpstreamID types.String `tfsdk:"upstream_id"`
	Target     types.String `tfsdk:"target"`
	Weight     types.Int64  `tfsdk:"weight"`
	Tags       types.Set    `tfsdk:"tags"`
	CreatedAt  types.Int64  `tfsdk:"created_at"`
}

// targetEntity is a target as the Admin API reads and writes it. Tags are always sent, null when unset:
// a target's update is a merge, so a tag set left out of the body would be kept.
type targetEntity struct {
	ID        *string     `json:"id,omitempty"`
	Upstream  *foreignKey `json:"upstream,omitempty"`
	Target    *string     `json:"target,omitempty"`
	Weight    *int        `json:"weight,omitempty"`
	Tags      []*string   `json:"tags"`
	CreatedAt *float64    `json:"created_at,omitempty"`
}

func (r *targetResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_target"
}

func (r *targetResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "A target of a Kong upstream: one address the upstream balances its traffic over.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("target"),
			"upstream_id": schema.StringAttribute{
				Required:      true,
				Validators:    []validator.String{uuidRule},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Description:   "Id of the upstream. Changing it replaces the target.",
			},
			"target": schema.StringAttribute{
				Required:   true,
				Validators: []validator.String{targetRule},
				Description: "Address and port, `host:port` (`10.0.0.5:8080`, `app.internal:80`, `[2001:db8:0000:0000:0000:0000:0000:0001]:443`), " +
					"written as Kong stores it: IPv6 addresses in brackets with all eight groups, no leading zeros. " +
					"Unique within the upstream. Changing it updates the target in place.",
			},
			"weight": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(100),
				Validators:  []validator.Int64{int64validator.Between(0, 65535)},
				Description: "Share of the upstream's traffic, relative to the other targets' weights, 0 to 65535; 0 takes the target out of the balancer. Default `100`.",
			},
			"tags":       tagsAttribute(),
			"created_at": createdAtAttribute(),
		},
	}
	resp.Schema.Attributes = wholeNumbers(resp.Schema.Attributes)
}

// targetLifecycle writes targets under their upstream, where Kong serves them: a create is a POST with
// the id the provider chose (a PUT there only updates an existing target), an update a PUT, which Kong
// merges, of every field.
var targetLifecycle = &entityLifecycle[targetModel, targetEntity]{
	collection: "targets",
	typeName:   "kong_target",
	noun:       "target",
	id:         func(m targetModel) types.String { return m.ID },
	withID:     func(m targetModel, id string) targetModel { m.ID = types.StringValue(id); return m },
	uniques: func(m targetModel) []uniqueKey {
		if !hasValue(m.UpstreamID) || !hasValue(m.Target) {
			return nil
		}
		upstream, target := m.UpstreamID.ValueString(), m.Target.ValueString()
		return []uniqueKey{{
			attribute: path.Root("target"),
			what:      fmt.Sprintf("target = %q in upstream %s", target, upstream),
			identity:  entityKey("targets", upstream, target),
			holder:    holderAt(targetPath(upstream, target)),
		}}
	},
	describe: func(m targetModel) string {
		return describe(m.Target, m.ID) + " of upstream " + m.UpstreamID.ValueString()
	},
	expand:         expandTarget,
	flatten:        flattenTarget,
	importID:       importTarget,
	parentOnImport: "upstream_id",
	get: func(ctx context.Context, data *providerData, m targetModel, out *targetEntity) error {
		got, err := sendJSON[targetEntity](ctx, data.client.Kong, http.MethodGet, targetPath(m.UpstreamID.ValueString(), m.ID.ValueString()), nil)
		if err == nil {
			*out = *got
		}
		return err
	},
	put: putTarget,
	remove: func(ctx context.Context, c *kong.Client, m targetModel) error {
		return deleteAt(ctx, c, targetPath(m.UpstreamID.ValueString(), m.ID.ValueString()))
	},
}

// targetPath is the Admin API path of a target (by id or address) under its upstream (by id or name).
func targetPath(upstream, target string) string {
	return "/upstreams/" + url.PathEscape(upstream) + "/targets/" + url.PathEscape(target)
}

// putTarget creates (the plan has no created_at yet) or updates a target. A create Kong refuses because
// the id or the address is taken may be the retry of a create that reached Kong: when the target with
// this id is there, under this upstream, with this address, it is the resource's own.
func putTarget(ctx context.Context, c *kong.Client, m targetModel, e *targetEntity) (*targetEntity, error) {
	upstream := m.UpstreamID.ValueString()
	if hasValue(m.CreatedAt) {
		body := *e
		body.ID = nil
		return sendJSON[targetEntity](ctx, c, http.MethodPut, targetPath(upstream, m.ID.ValueString()), &body)
	}
	got, err := sendJSON[targetEntity](ctx, c, http.MethodPost, "/upstreams/"+url.PathEscape(upstream)+"/targets", e)
	if status := kongStatus(err); status == http.StatusConflict || status == http.StatusBadRequest {
		if mine, getErr := sendJSON[targetEntity](ctx, c, http.MethodGet, targetPath(upstream, m.ID.ValueString()), nil); getErr == nil &&
			kong.StringValue(mine.Target) == kong.StringValue(e.Target) {
			return mine, nil
		}
	}
	return got, err
}

func expandTarget(ctx context.Context, m targetModel, defaultTags []string, diags *diag.Diagnostics) *targetEntity {
	return &targetEntity{
		ID:     strPtr(m.ID),
		Target: strPtr(m.Target),
		Weight: intPtr(m.Weight),
		Tags:   expandTags(ctx, m.Tags, defaultTags, diags),
	}
}

// flattenTarget maps Kong's answer onto the model; prior says only whether an empty tag set was written.
// Kong keeps a target's creation time in milliseconds; the state has whole seconds, like other entities'.
func flattenTarget(t *targetEntity, prior targetModel, defaultTags []string) targetModel {
	m := targetModel{
		ID:         types.StringPointerValue(t.ID),
		UpstreamID: prior.UpstreamID,
		Target:     types.StringPointerValue(t.Target),
		Weight:     int64FromPtr(t.Weight),
		Tags:       flattenTags(t.Tags, defaultTags, prior.Tags),
		CreatedAt:  types.Int64Null(),
	}
	if t.Upstream != nil && t.Upstream.ID != "" {
		m.UpstreamID = types.StringValue(t.Upstream.ID)
	}
	if t.CreatedAt != nil {
		m.CreatedAt = types.Int64Value(int64(math.Floor(*t.CreatedAt)))
	}
	return m
}

// importTarget accepts `<upstream name or id>/<target address or id>` and answers `<upstream id>/<target id>`.
func importTarget(ctx context.Context, data *providerData, importID string, diags *diag.Diagnostics) string {
	upstream, target, ok := strings.Cut(importID, "/")
	if !ok || upstream == "" || target == "" || invalidImportID(upstream) != "" || strings.Contains(target, "/") {
		diags.AddError("Invalid import id", fmt.Sprintf("%q is not `<upstream name or id>/<target address or id>`, "+
			"as in `billing.internal/10.0.0.5:8080`.", importID))
		return ""
	}
	got, err := sendJSON[targetEntity](ctx, data.client.Kong, http.MethodGet, targetPath(upstream, target), nil)
	if err != nil {
		if kong.IsNotFoundErr(err) {
			diags.AddError("Kong target not found", fmt.Sprintf("Kong has no target %q in upstream %q (an address needs its port).", target, upstream))
			return ""
		}
		addKongError(diags, fmt.Sprintf("Cannot read Kong target %q of upstream %q", target, upstream), err)
		return ""
	}
	if got.Upstream == nil || got.ID == nil {
		diags.AddError("Unexpected answer from Kong", "Kong's target has no id or upstream.")
		return ""
	}
	return got.Upstream.ID + "/" + *got.ID
}
