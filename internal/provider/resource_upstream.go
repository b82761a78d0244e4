package provider

import (
	"context"
	"net/http"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

var (
	_ resource.ResourceWithConfigure      = (*upstreamResource)(nil)
	_ resource.ResourceWithImportState    = (*upstreamResource)(nil)
	_ resource.ResourceWithValidateConfig = (*upstreamResource)(nil)
)

// NewUpstreamResource is the kong_upstream resource.
func NewUpstreamResource() resource.Resource {
	return &upstreamResource{lifecycleResource[upstreamModel, upstreamEntity]{lifecycle: upstreamLifecycle}}
}

type upstreamResource struct {
	lifecycleResource[upstreamModel, upstreamEntity]
}

type upstreamModel struct {
	ID                     types.String `tfsdk:"id"`
	Name                   types.String `tfsdk:"name"`
	Algorithm              types.String `tfsdk:"algorithm"`
	HashOn                 types.String `tfsdk:"hash_on"`
	HashFallback           types.String `tfsdk:"hash_fallback"`
	HashOnHeader           types.String `tfsdk:"hash_on_header"`
	HashFallbackHeader     types.String `tfsdk:"hash_fallback_header"`
	HashOnCookie           types.String `tfsdk:"hash_on_cookie"`
	HashOnCookiePath       types.String `tfsdk:"hash_on_cookie_path"`
	HashOnQueryArg         types.String `tfsdk:"hash_on_query_arg"`
	HashFallbackQueryArg   types.String `tfsdk:"hash_fallback_query_arg"`
	HashOnURICapture       types.String `tfsdk:"hash_on_uri_capture"`
	HashFallbackURICapture types.String `tfsdk:"hash_fallback_uri_capture"`
	Slots                  types.Int64  `tfsdk:"slots"`
	Healthchecks           types.Object `tfsdk:"healthchecks"`
	HostHeader             types.String `tfsdk:"host_header"`
	ClientCertificateID    types.String `tfsdk:"client_certificate_id"`
	UseSrvName             types.Bool   `tfsdk:"use_srv_name"`
	Tags                   types.Set    `tfsdk:"tags"`
	CreatedAt              types.Int64  `tfsdk:"created_at"`
	UpdatedAt              types.Int64  `tfsdk:"updated_at"`
}

// upstreamEntity is an upstream as the Admin API reads and writes it. go-kong's Upstream cannot carry it:
// it has whole seconds where Kong has fractions (healthcheck timeouts and intervals) and drops an empty
// status list, which Kong would replace by its default.
type upstreamEntity struct {
	ID                     *string        `json:"id,omitempty"`
	Name                   *string        `json:"name,omitempty"`
	Algorithm              *string        `json:"algorithm,omitempty"`
	HashOn                 *string        `json:"hash_on,omitempty"`
	HashFallback           *string        `json:"hash_fallback,omitempty"`
	HashOnHeader           *string        `json:"hash_on_header,omitempty"`
	HashFallbackHeader     *string        `json:"hash_fallback_header,omitempty"`
	HashOnCookie           *string        `json:"hash_on_cookie,omitempty"`
	HashOnCookiePath       *string        `json:"hash_on_cookie_path,omitempty"`
	HashOnQueryArg         *string        `json:"hash_on_query_arg,omitempty"`
	HashFallbackQueryArg   *string        `json:"hash_fallback_query_arg,omitempty"`
	HashOnURICapture       *string        `json:"hash_on_uri_capture,omitempty"`
	HashFallbackURICapture *string        `json:"hash_fallback_uri_capture,omitempty"`
	Slots                  *int           `json:"slots,omitempty"`
	Healthchecks           map[string]any `json:"healthchecks,omitempty"`
	HostHeader             *string        `json:"host_header,omitempty"`
	ClientCertificate      *foreignKey    `json:"client_certificate,omitempty"`
	UseSrvName             *bool          `json:"use_srv_name,omitempty"`
	Tags                   []*string      `json:"tags,omitempty"`
	CreatedAt              *int64         `json:"created_at,omitempty"`
	UpdatedAt              *int64         `json:"updated_at,omitempty"`
}

var (
	upstreamAlgorithms = []string{"round-robin", "consistent-hashing", "least-connections", "latency"}
	hashOnValues       = []string{"none", "consumer", "ip", "header", "cookie", "path", "query_arg", "uri_capture"}
)

func (r *upstreamResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_upstream"
}

func (r *upstreamResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	nonEmpty := stringvalidator.LengthAtLeast(1)
	resp.Schema = schema.Schema{
		Description: "A Kong upstream: a load-balanced pool of targets (kong_target). A service whose host is the upstream's name sends its traffic to the upstream's targets.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("upstream"),
			"name": schema.StringAttribute{
				Required:    true,
				Validators:  []validator.String{upstreamNameRule},
				Description: "Unique name, a host name: services reach the upstream by setting their host to it. No IP address, no port.",
			},
			"algorithm": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("round-robin"),
				Validators:  []validator.String{stringvalidator.OneOf(upstreamAlgorithms...)},
				Description: "Load-balancing algorithm: " + quoteList(upstreamAlgorithms) + ". Default `round-robin`. `consistent-hashing` goes with a `hash_on` other than `none`, and only it does.",
			},
			"hash_on": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("none"),
				Validators:  []validator.String{stringvalidator.OneOf(hashOnValues...)},
				Description: "What consistent hashing hashes: " + quoteList(hashOnValues) + ". Default `none`.",
			},
			"hash_fallback": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("none"),
				Validators:  []validator.String{stringvalidator.OneOf(hashOnValues...)},
				Description: "What to hash when the `hash_on` value is missing; `none` when `hash_on` is `none` or `cookie`, and never the same as `hash_on`. Default `none`.",
			},
			"hash_on_header":            optionalString("Header to hash when `hash_on` is `header`.", kongHeaderNameRule),
			"hash_fallback_header":      optionalString("Header to hash when `hash_fallback` is `header`; not the same as `hash_on_header`.", kongHeaderNameRule),
			"hash_on_cookie":            optionalString("Cookie to hash when `hash_on` or `hash_fallback` is `cookie`; Kong sets it when the client has none.", cookieNameRule),
			"hash_on_query_arg":         optionalString("Query argument to hash when `hash_on` is `query_arg`.", nonEmpty),
			"hash_fallback_query_arg":   optionalString("Query argument to hash when `hash_fallback` is `query_arg`; not the same as `hash_on_query_arg`.", nonEmpty),
			"hash_on_uri_capture":       optionalString("Named route path capture to hash when `hash_on` is `uri_capture`.", nonEmpty),
			"hash_fallback_uri_capture": optionalString("Named route path capture to hash when `hash_fallback` is `uri_capture`; not the same as `hash_on_uri_capture`.", nonEmpty),
			"hash_on_cookie_path": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("/"),
				Validators:  []validator.String{upstreamPathRule},
				Description: "Path of the cookie Kong sets for `cookie` hashing. Default `/`.",
			},
			"slots": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(10000),
				Validators:  []validator.Int64{int64validator.Between(10, 65536)},
				Description: "Slots in the load balancer's ring, 10 to 65536. Default `10000`.",
			},
			"healthchecks": healthchecksPart.attr,
			"host_header": optionalString("Host header Kong sends to the targets instead of the request's; a host with an optional port.",
				hostWithOptionalPortRule),
			"client_certificate_id": optionalString("Id of the certificate Kong presents to the targets (mutual TLS).", uuidRule),
			"use_srv_name": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				Description: "Whether Kong uses the name of a target's DNS SRV record as the TLS server name and Host. Default `false`.",
			},
			"tags":       tagsAttribute(),
			"created_at": createdAtAttribute(),
			"updated_at": schema.Int64Attribute{Computed: true, Description: "Unix time of the last change."},
		},
	}
	resp.Schema.Attributes = wholeNumbers(resp.Schema.Attributes)
}

// ValidateConfig applies Kong's cross-field rules at plan time (see upstream_checks.go).
func (r *upstreamResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	m, diags := getModel[upstreamModel](ctx, req.Config.Schema, req.Config.Raw)
	resp.Diagnostics.Append(diags...)
	if !resp.Diagnostics.HasError() {
		checkUpstream(m, &resp.Diagnostics)
	}
}

// upstreamLifecycle writes upstreams with one PUT each and reads them through the bulk reader.
var upstreamLifecycle = &entityLifecycle[upstreamModel, upstreamEntity]{
	collection: kongclient.Upstreams,
	typeName:   "kong_upstream",
	noun:       "upstream",
	id:         func(m upstreamModel) types.String { return m.ID },
	withID:     func(m upstreamModel, id string) upstreamModel { m.ID = types.StringValue(id); return m },
	uniques: func(m upstreamModel) []uniqueKey {
		return nameKey(kongclient.Upstreams, m.Name)
	},
	describe: func(m upstreamModel) string { return describe(m.Name, m.ID) },
	expand:   expandUpstream,
	flatten:  flattenUpstream,
	put: func(ctx context.Context, c *kong.Client, _ upstreamModel, e *upstreamEntity) (*upstreamEntity, error) {
		return sendJSON[upstreamEntity](ctx, c, http.MethodPut, "/upstreams/"+url.PathEscape(*e.ID), e)
	},
	remove: func(ctx context.Context, c *kong.Client, m upstreamModel) error {
		return deleteAt(ctx, c, "/upstreams/"+url.PathEscape(m.ID.ValueString()))
	},
}

// sendJSON makes one Admin API request with a JSON body (nil: none) and decodes the answer into an R.
func sendJSON[R any](ctx context.Context, c *kong.Client, method, endpoint string, body any) (*R, error) {
	req, err := c.NewRequest(method, endpoint, nil, body)
	if err != nil {
		return nil, err
	}
	out := new(R)
	if _, err := c.Do(ctx, req, out); err != nil {
		return nil, err
	}
	return out, nil
}

// deleteAt deletes the entity at an Admin API endpoint.
func deleteAt(ctx context.Context, c *kong.Client, endpoint string) error {
	req, err := c.NewRequest(http.MethodDelete, endpoint, nil, nil)
	if err != nil {
		return err
	}
	_, err = c.Do(ctx, req, nil)
	return err
}

func expandUpstream(ctx context.Context, m upstreamModel, defaultTags []string, diags *diag.Diagnostics) *upstreamEntity {
	e := &upstreamEntity{
		ID:                     strPtr(m.ID),
		Name:                   strPtr(m.Name),
		Algorithm:              strPtr(m.Algorithm),
		HashOn:                 strPtr(m.HashOn),
		HashFallback:           strPtr(m.HashFallback),
		HashOnHeader:           strPtr(m.HashOnHeader),
		HashFallbackHeader:     strPtr(m.HashFallbackHeader),
		HashOnCookie:           strPtr(m.HashOnCookie),
		HashOnCookiePath:       strPtr(m.HashOnCookiePath),
		HashOnQueryArg:         strPtr(m.HashOnQueryArg),
		HashFallbackQueryArg:   strPtr(m.HashFallbackQueryArg),
		HashOnURICapture:       strPtr(m.HashOnURICapture),
		HashFallbackURICapture: strPtr(m.HashFallbackURICapture),
		Slots:                  intPtr(m.Slots),
		HostHeader:             strPtr(m.HostHeader),
		UseSrvName:             boolPtr(m.UseSrvName),
		Tags:                   expandTags(ctx, m.Tags, defaultTags, diags),
	}
	hc, d := hcToJSON(ctx, m.Healthchecks)
	diags.Append(d...)
	if record, ok := hc.(map[string]any); ok {
		e.Healthchecks = record
	}
	if hasValue(m.ClientCertificateID) {
		e.ClientCertificate = &foreignKey{ID: m.ClientCertificateID.ValueString()}
	}
	return e
}

// flattenUpstream maps Kong's answer onto the model; prior says only whether an empty tag set was written.
func flattenUpstream(u *upstreamEntity, prior upstreamModel, defaultTags []string) upstreamModel {
	hc, _ := hcFromJSON(healthchecksType, u.Healthchecks)
	m := upstreamModel{
		ID:                     types.StringPointerValue(u.ID),
		Name:                   types.StringPointerValue(u.Name),
		Algorithm:              types.StringPointerValue(u.Algorithm),
		HashOn:                 types.StringPointerValue(u.HashOn),
		HashFallback:           types.StringPointerValue(u.HashFallback),
		HashOnHeader:           types.StringPointerValue(u.HashOnHeader),
		HashFallbackHeader:     types.StringPointerValue(u.HashFallbackHeader),
		HashOnCookie:           types.StringPointerValue(u.HashOnCookie),
		HashOnCookiePath:       types.StringPointerValue(u.HashOnCookiePath),
		HashOnQueryArg:         types.StringPointerValue(u.HashOnQueryArg),
		HashFallbackQueryArg:   types.StringPointerValue(u.HashFallbackQueryArg),
		HashOnURICapture:       types.StringPointerValue(u.HashOnURICapture),
		HashFallbackURICapture: types.StringPointerValue(u.HashFallbackURICapture),
		Slots:                  int64FromPtr(u.Slots),
		Healthchecks:           hc.(types.Object),
		HostHeader:             types.StringPointerValue(u.HostHeader),
		ClientCertificateID:    types.StringNull(),
		UseSrvName:             types.BoolPointerValue(u.UseSrvName),
		Tags:                   flattenTags(u.Tags, defaultTags, prior.Tags),
		CreatedAt:              types.Int64PointerValue(u.CreatedAt),
		UpdatedAt:              types.Int64PointerValue(u.UpdatedAt),
	}
	if u.ClientCertificate != nil {
		m.ClientCertificateID = types.StringValue(u.ClientCertificate.ID)
	}
	return m
}
