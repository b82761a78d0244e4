package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

var (
	_ resource.ResourceWithConfigure      = (*routeResource)(nil)
	_ resource.ResourceWithImportState    = (*routeResource)(nil)
	_ resource.ResourceWithValidateConfig = (*routeResource)(nil)
)

// NewRouteResource is the kong_route resource.
func NewRouteResource() resource.Resource {
	return &routeResource{lifecycleResource[routeModel, kong.Route]{lifecycle: routeLifecycle}}
}

type routeResource struct {
	lifecycleResource[routeModel, kong.Route]
}

type routeModel struct {
	ID                      types.String `tfsdk:"id"`
	Name                    types.String `tfsdk:"name"`
	Protocols               types.Set    `tfsdk:"protocols"`
	Methods                 types.Set    `tfsdk:"methods"`
	Hosts                   types.List   `tfsdk:"hosts"`
	Paths                   types.List   `tfsdk:"paths"`
	Headers                 types.Map    `tfsdk:"headers"`
	HTTPSRedirectStatusCode types.Int64  `tfsdk:"https_redirect_status_code"`
	RegexPriority           types.Int64  `tfsdk:"regex_priority"`
	StripPath               types.Bool   `tfsdk:"strip_path"`
	PreserveHost            types.Bool   `tfsdk:"preserve_host"`
	RequestBuffering        types.Bool   `tfsdk:"request_buffering"`
	ResponseBuffering       types.Bool   `tfsdk:"response_buffering"`
	PathHandling            types.String `tfsdk:"path_handling"`
	SNIs                    types.Set    `tfsdk:"snis"`
	Sources                 types.Set    `tfsdk:"sources"`
	Destinations            types.Set    `tfsdk:"destinations"`
	Tags                    types.Set    `tfsdk:"tags"`
	ServiceID               types.String `tfsdk:"service_id"`
	CreatedAt               types.Int64  `tfsdk:"created_at"`
	UpdatedAt               types.Int64  `tfsdk:"updated_at"`
}

var endpointAttrTypes = map[string]attr.Type{"ip": types.StringType, "port": types.Int64Type}

var (
	routeProtocols = []string{"grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp"}
	// routeProtocolGroups are Kong's mutually exclusive protocol subsets: a route's protocols come from one.
	routeProtocolGroups      = [][]string{{"http", "https"}, {"tcp", "tls", "udp"}, {"tls_passthrough"}, {"grpc", "grpcs"}}
	defaultRouteProtocols    = []string{"http", "https"}
	httpsRedirectStatusCodes = []int64{426, 301, 302, 307, 308}
	pathHandlings            = []string{"v0", "v1"}
)

func (r *routeResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_route"
}

func (r *routeResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	hostLike := func(rule stringRule) []validator.Set {
		return []validator.Set{setvalidator.NoNullValues(), setvalidator.ValueStringsAre(rule)}
	}
	endpoints := func(what string) schema.SetNestedAttribute {
		return schema.SetNestedAttribute{
			Optional:    true,
			Validators:  []validator.Set{setvalidator.NoNullValues()},
			Description: what + " of the connection, each an IP address or CIDR range, a port, or both. Only for stream routes (`tcp`, `tls`, `udp`, `tls_passthrough`).",
			NestedObject: schema.NestedAttributeObject{Validators: []validator.Object{endpointNeedsIPOrPort{}}, Attributes: map[string]schema.Attribute{
				"ip": schema.StringAttribute{
					Optional:    true,
					Validators:  []validator.String{ipOrCIDRRule},
					Description: "IP address or CIDR range.",
				},
				"port": schema.Int64Attribute{
					Optional:    true,
					Validators:  []validator.Int64{int64validator.Between(0, 65535)},
					Description: "Port, 0 to 65535.",
				},
			}},
		}
	}
	resp.Schema = schema.Schema{
		Description: "A Kong route: the rules that match a client request and send it to a service. " +
			"The `expression` and `priority` fields are not supported: Kong only has them with `router_flavor = expressions`, " +
			"and this resource manages routes of the traditional and traditional_compatible routers (Kong's default).",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("route"),
			"name": schema.StringAttribute{
				Optional:    true,
				Validators:  nameValidators(),
				Description: "Unique name. Letters, digits, `.`, `-`, `_` and `~`.",
			},
			"protocols": schema.SetAttribute{
				ElementType: types.StringType,
				Optional:    true, Computed: true,
				Default: setdefault.StaticValue(types.SetValueMust(types.StringType, []attr.Value{
					types.StringValue("http"), types.StringValue("https")})),
				Validators: []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.NoNullValues(), setvalidator.ValueStringsAre(stringvalidator.OneOf(routeProtocols...))},
				Description: "Protocols the route accepts: " + quoteList(routeProtocols) + ", all from one of the groups " +
					"{`http`, `https`}, {`tcp`, `tls`, `udp`}, {`tls_passthrough`}, {`grpc`, `grpcs`}. Default `[\"http\", \"https\"]`.",
			},
			"methods": schema.SetAttribute{
				ElementType: types.StringType,
				Optional:    true,
				Validators: []validator.Set{setvalidator.NoNullValues(), setvalidator.ValueStringsAre(stringvalidator.RegexMatches(methodPattern,
					"must be an HTTP method in upper case, such as GET"))},
				Description: "HTTP methods that match, in upper case. Not for stream or gRPC routes.",
			},
			"hosts": schema.ListAttribute{
				ElementType: types.StringType,
				Optional:    true,
				Validators:  []validator.List{listvalidator.NoNullValues(), listvalidator.ValueStringsAre(routeHostRule)},
				Description: "Host header values that match, optionally with a port; one wildcard is allowed as the leftmost or rightmost label (`*.example.com`, `example.*`).",
			},
			"paths": schema.ListAttribute{
				ElementType: types.StringType,
				Optional:    true,
				Validators:  []validator.List{listvalidator.NoNullValues(), listvalidator.ValueStringsAre(routePathRule)},
				Description: "Request paths that match: prefixes starting with `/`, written normalized, or regular expressions starting with `~/`. " +
					"Kong compiles regex paths with PCRE; with its default `router_flavor = traditional_compatible` they must also compile with " +
					"Rust's regex crate (no look-around or back-references), which the plan checks against the node's router flavor.",
			},
			"headers": schema.MapAttribute{
				ElementType: types.ListType{ElemType: types.StringType},
				Optional:    true,
				Validators: []validator.Map{
					mapvalidator.KeysAre(headerNameRule),
					mapvalidator.NoNullValues(),
					mapvalidator.ValueListsAre(listvalidator.SizeAtLeast(1), listvalidator.NoNullValues(), listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))),
				},
				Description: "Request headers that match: header name to the values that match it. The Host header goes in `hosts` instead. " +
					"A value starting with `~*` is a case-insensitive regex (with `router_flavor = traditional_compatible` one Rust's regex crate compiles).",
			},
			"https_redirect_status_code": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(426),
				Validators:  []validator.Int64{int64validator.OneOf(httpsRedirectStatusCodes...)},
				Description: "Status Kong answers with when a request matches except for its protocol being HTTP instead of HTTPS: 426, 301, 302, 307 or 308. Default `426`.",
			},
			"regex_priority": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(0),
				Description: "Which route wins when regex paths of several routes match: the highest number. Default `0`.",
			},
			"strip_path": schema.BoolAttribute{
				Optional: true, Computed: true,
				PlanModifiers: []planmodifier.Bool{stripPathDefault{}},
				Description:   "Whether the matched path prefix is removed from the upstream request. Default `true`, but `false` for `grpc` and `grpcs` routes, which cannot strip.",
			},
			"preserve_host": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				Description: "Whether the client's Host header is sent upstream instead of the service's host. Default `false`.",
			},
			"request_buffering": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				Description: "Whether Kong buffers the request body before proxying. Default `true`.",
			},
			"response_buffering": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				Description: "Whether Kong buffers the response body before answering. Default `true`.",
			},
			"path_handling": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("v0"),
				Validators:  []validator.String{stringvalidator.OneOf(pathHandlings...)},
				Description: "How the service path, route path and request path combine: `v0` or the deprecated `v1` (which the traditional_compatible router ignores). Default `v0`.",
			},
			"snis": schema.SetAttribute{
				ElementType: types.StringType,
				Optional:    true,
				Validators:  hostLike(routeSNIRule),
				Description: "TLS server names that match. Only with `https`, `grpcs`, `tls` or `tls_passthrough`. A wildcard as the first or last " +
					"character (`*.example.com`) needs `router_flavor = traditional_compatible`, Kong's default.",
			},
			"sources":      endpoints("Sources"),
			"destinations": endpoints("Destinations"),
			"tags":         tagsAttribute(),
			"service_id": schema.StringAttribute{
				Optional:   true,
				Validators: []validator.String{uuidRule},
				Description: "Id of the service matched requests go to. Changing it moves the route in place. " +
					"To move routes to a new service and delete the old service in one apply, give the services " +
					"`lifecycle { create_before_destroy = true }`: otherwise Terraform deletes the old service before it " +
					"updates the routes, Kong refuses to delete a service that routes still use, and a second apply finishes the job.",
			},
			"created_at": createdAtAttribute(),
			"updated_at": schema.Int64Attribute{Computed: true, Description: "Unix time of the last change."},
		},
	}
	resp.Schema.Attributes = wholeNumbers(resp.Schema.Attributes)
}

// routeLifecycle writes routes with one PUT each (a changed service_id moves the route in place) and reads
// them through the bulk reader.
var routeLifecycle = &entityLifecycle[routeModel, kong.Route]{
	collection: kongclient.Routes,
	typeName:   "kong_route",
	noun:       "route",
	id:         func(m routeModel) types.String { return m.ID },
	withID:     func(m routeModel, id string) routeModel { m.ID = types.StringValue(id); return m },
	uniques: func(m routeModel) []uniqueKey {
		return nameKey(kongclient.Routes, m.Name)
	},
	describe: func(m routeModel) string { return describe(m.Name, m.ID) },
	expand:   expandRoute,
	flatten:  flattenRoute,
	put: func(ctx context.Context, c *kong.Client, _ routeModel, e *kong.Route) (*kong.Route, error) {
		return c.Routes.Create(ctx, e)
	},
	remove: func(ctx context.Context, c *kong.Client, m routeModel) error {
		return c.Routes.Delete(ctx, m.ID.ValueStringPointer())
	},
}

func expandRoute(ctx context.Context, m routeModel, defaultTags []string, diags *diag.Diagnostics) *kong.Route {
	route := &kong.Route{
		ID:                      strPtr(m.ID),
		Name:                    strPtr(m.Name),
		Protocols:               expandStrings(ctx, m.Protocols, diags),
		Methods:                 expandStrings(ctx, m.Methods, diags),
		Hosts:                   expandStrings(ctx, m.Hosts, diags),
		Paths:                   expandStrings(ctx, m.Paths, diags),
		HTTPSRedirectStatusCode: intPtr(m.HTTPSRedirectStatusCode),
		RegexPriority:           intPtr(m.RegexPriority),
		StripPath:               boolPtr(m.StripPath),
		PreserveHost:            boolPtr(m.PreserveHost),
		RequestBuffering:        boolPtr(m.RequestBuffering),
		ResponseBuffering:       boolPtr(m.ResponseBuffering),
		PathHandling:            strPtr(m.PathHandling),
		SNIs:                    expandStrings(ctx, m.SNIs, diags),
		Sources:                 expandEndpoints(ctx, m.Sources, diags),
		Destinations:            expandEndpoints(ctx, m.Destinations, diags),
		Tags:                    expandTags(ctx, m.Tags, defaultTags, diags),
	}
	if !m.Headers.IsNull() && !m.Headers.IsUnknown() {
		diags.Append(m.Headers.ElementsAs(ctx, &route.Headers, false)...)
	}
	if id := strPtr(m.ServiceID); id != nil {
		route.Service = &kong.Service{ID: id}
	}
	return route
}

func expandEndpoints(ctx context.Context, s types.Set, diags *diag.Diagnostics) []*kong.CIDRPort {
	if s.IsNull() || s.IsUnknown() {
		return nil
	}
	// Read element by element, not with ElementsAs: port's type is wholeNumberType in a configuration or plan
	// and types.Int64 in what flattenEndpoints built.
	out := make([]*kong.CIDRPort, 0, len(s.Elements()))
	for _, e := range s.Elements() {
		obj, ok := e.(types.Object)
		if !ok {
			diags.AddError("Provider error: bad endpoint", fmt.Sprintf("Got a %T.", e))
			return nil
		}
		ip, _ := obj.Attributes()["ip"].(types.String)
		port, d := int64Of(ctx, obj.Attributes()["port"])
		diags.Append(d...)
		out = append(out, &kong.CIDRPort{IP: strPtr(ip), Port: intPtr(port)})
	}
	return out
}

// flattenRoute maps Kong's answer onto the model. prior supplies only what Kong cannot say: whether an
// empty collection was written as empty or left out.
func flattenRoute(r *kong.Route, prior routeModel, defaultTags []string) routeModel {
	m := routeModel{
		ID:                      types.StringPointerValue(r.ID),
		Name:                    types.StringPointerValue(r.Name),
		Protocols:               flattenStringSet(r.Protocols, prior.Protocols),
		Methods:                 flattenStringSet(r.Methods, prior.Methods),
		Hosts:                   flattenStringList(r.Hosts, prior.Hosts),
		Paths:                   flattenStringList(r.Paths, prior.Paths),
		Headers:                 flattenHeaders(r.Headers, prior.Headers),
		HTTPSRedirectStatusCode: int64FromPtr(r.HTTPSRedirectStatusCode),
		RegexPriority:           int64FromPtr(r.RegexPriority),
		StripPath:               types.BoolPointerValue(r.StripPath),
		PreserveHost:            types.BoolPointerValue(r.PreserveHost),
		RequestBuffering:        types.BoolPointerValue(r.RequestBuffering),
		ResponseBuffering:       types.BoolPointerValue(r.ResponseBuffering),
		PathHandling:            types.StringPointerValue(r.PathHandling),
		SNIs:                    flattenStringSet(r.SNIs, prior.SNIs),
		Sources:                 flattenEndpoints(r.Sources, prior.Sources),
		Destinations:            flattenEndpoints(r.Destinations, prior.Destinations),
		Tags:                    flattenTags(r.Tags, defaultTags, prior.Tags),
		ServiceID:               types.StringNull(),
		CreatedAt:               int64FromPtr(r.CreatedAt),
		UpdatedAt:               int64FromPtr(r.UpdatedAt),
	}
	if r.Service != nil {
		m.ServiceID = types.StringPointerValue(r.Service.ID)
	}
	return m
}

var headersType = types.ListType{ElemType: types.StringType}

func flattenHeaders(headers map[string][]string, prior types.Map) types.Map {
	if len(headers) == 0 {
		if !prior.IsNull() && !prior.IsUnknown() && len(prior.Elements()) == 0 {
			return prior
		}
		return types.MapNull(headersType)
	}
	elems := make(map[string]attr.Value, len(headers))
	for name, values := range headers {
		list := make([]attr.Value, 0, len(values))
		for _, v := range values {
			list = append(list, types.StringValue(v))
		}
		elems[name] = types.ListValueMust(types.StringType, list)
	}
	return types.MapValueMust(headersType, elems)
}

func flattenEndpoints(endpoints []*kong.CIDRPort, prior types.Set) types.Set {
	objectType := types.ObjectType{AttrTypes: endpointAttrTypes}
	if len(endpoints) == 0 {
		if !prior.IsNull() && !prior.IsUnknown() && len(prior.Elements()) == 0 {
			return prior
		}
		return types.SetNull(objectType)
	}
	elems := make([]attr.Value, 0, len(endpoints))
	for _, e := range endpoints {
		elems = append(elems, types.ObjectValueMust(endpointAttrTypes, map[string]attr.Value{
			"ip": types.StringPointerValue(e.IP), "port": int64FromPtr(e.Port),
		}))
	}
	return types.SetValueMust(objectType, elems)
}
