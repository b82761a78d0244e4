package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Kong's cross-field rules for routes, checked at plan time, and the protocol-dependent default of strip_path.

// endpointNeedsIPOrPort is Kong's rule that each source or destination names an ip, a port, or both.
type endpointNeedsIPOrPort struct{}

func (endpointNeedsIPOrPort) Description(context.Context) string {
	return "needs an ip, a port, or both"
}
func (v endpointNeedsIPOrPort) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}
func (endpointNeedsIPOrPort) ValidateObject(_ context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	attrs := req.ConfigValue.Attributes()
	if attrs["ip"].IsNull() && attrs["port"].IsNull() {
		resp.Diagnostics.AddAttributeError(req.Path, "Empty endpoint",
			"Each entry of sources and destinations needs an ip, a port, or both.")
	}
}

// ValidateConfig applies Kong's cross-field route rules at plan time.
func (r *routeResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	m, diags := getModel[routeModel](ctx, req.Config.Schema, req.Config.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(routeConfigProblems(m)...)
}

// presence says whether a collection attribute counts as set for Kong: Kong never receives an empty one.
type presence int

const (
	absent presence = iota
	present
	notYetKnown
)

func presenceOf(v interface {
	IsNull() bool
	IsUnknown() bool
}, size func() int) presence {
	switch {
	case v.IsUnknown():
		return notYetKnown
	case v.IsNull() || size() == 0:
		return absent
	}
	return present
}

// routeConfigProblems is Kong's entity checks on routes (protocol groups and the per-protocol subschemas).
// Values not known until apply are given the benefit of the doubt.
func routeConfigProblems(m routeModel) diag.Diagnostics {
	var diags diag.Diagnostics
	protocols, known := knownStrings(m.Protocols)
	if m.Protocols.IsNull() {
		protocols, known = defaultRouteProtocols, true
	}
	if !known {
		return diags
	}
	fields := map[string]presence{
		"methods":      presenceOf(m.Methods, func() int { return len(m.Methods.Elements()) }),
		"hosts":        presenceOf(m.Hosts, func() int { return len(m.Hosts.Elements()) }),
		"paths":        presenceOf(m.Paths, func() int { return len(m.Paths.Elements()) }),
		"headers":      presenceOf(m.Headers, func() int { return len(m.Headers.Elements()) }),
		"snis":         presenceOf(m.SNIs, func() int { return len(m.SNIs.Elements()) }),
		"sources":      presenceOf(m.Sources, func() int { return len(m.Sources.Elements()) }),
		"destinations": presenceOf(m.Destinations, func() int { return len(m.Destinations.Elements()) }),
	}
	has := func(p ...string) bool {
		return slices.ContainsFunc(protocols, func(x string) bool { return slices.Contains(p, x) })
	}
	list := strings.Join(protocols, ", ")

	var groups []string
	for _, g := range routeProtocolGroups {
		if has(g...) {
			groups = append(groups, "{"+strings.Join(g, ", ")+"}")
		}
	}
	if len(groups) > 1 {
		diags.AddAttributeError(path.Root("protocols"), "Incompatible route protocols",
			fmt.Sprintf("protocols [%s] mix the groups %s; a route's protocols must all come from one group.", list, strings.Join(groups, " and ")))
		return diags
	}
	if fields["snis"] == present && !has("grpcs", "https", "tls", "tls_passthrough") {
		diags.AddAttributeError(path.Root("snis"), "SNIs need TLS",
			fmt.Sprintf("snis can only be set when protocols include grpcs, https, tls or tls_passthrough, not [%s].", list))
	}
	forbid := func(names []string, kind string) {
		for _, name := range names {
			if fields[name] == present {
				diags.AddAttributeError(path.Root(name), "Attribute not allowed",
					fmt.Sprintf("%s cannot be set on a route with %s protocols [%s].", name, kind, list))
			}
		}
	}
	requireOne := func(names []string) {
		for _, name := range names {
			if fields[name] != absent {
				return
			}
		}
		diags.AddAttributeError(path.Root("protocols"), "Route matches nothing",
			fmt.Sprintf("A route with protocols [%s] must set at least one of %s.", list, strings.Join(names, ", ")))
	}
	switch {
	case has("http", "https"):
		forbid([]string{"sources", "destinations"}, "HTTP")
		if has("https") {
			requireOne([]string{"methods", "hosts", "headers", "paths", "snis"})
		} else {
			requireOne([]string{"methods", "hosts", "headers", "paths"})
		}
	case has("tcp", "tls", "udp", "tls_passthrough"):
		forbid([]string{"methods", "hosts", "paths", "headers"}, "stream")
		if has("tls_passthrough") {
			requireOne([]string{"snis"})
		} else {
			requireOne([]string{"sources", "destinations", "snis"})
		}
	case has("grpc", "grpcs"):
		forbid([]string{"methods", "sources", "destinations"}, "gRPC")
		if !m.StripPath.IsNull() && !m.StripPath.IsUnknown() && m.StripPath.ValueBool() {
			diags.AddAttributeError(path.Root("strip_path"), "Attribute not allowed",
				fmt.Sprintf("strip_path cannot be true on a route with gRPC protocols [%s]; leave it unset.", list))
		}
		if has("grpcs") {
			requireOne([]string{"hosts", "headers", "paths", "snis"})
		} else {
			requireOne([]string{"hosts", "headers", "paths"})
		}
	}
	return diags
}

// knownStrings returns the elements of a set, sorted, when the set and all its elements are known.
func knownStrings(s types.Set) ([]string, bool) {
	if s.IsUnknown() {
		return nil, false
	}
	out := make([]string, 0, len(s.Elements()))
	for _, e := range s.Elements() {
		str, ok := e.(types.String)
		if !ok || str.IsUnknown() {
			return nil, false
		}
		out = append(out, str.ValueString())
	}
	slices.Sort(out)
	return out, true
}

// stripPathDefault plans Kong's default for an unset strip_path, which depends on the protocols: gRPC
// routes cannot strip, so Kong stores false for them and true for every other route.
type stripPathDefault struct{}

func (stripPathDefault) Description(context.Context) string {
	return "defaults to false for grpc and grpcs routes and true for others"
}
func (m stripPathDefault) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }
func (stripPathDefault) PlanModifyBool(ctx context.Context, req planmodifier.BoolRequest, resp *planmodifier.BoolResponse) {
	if !req.ConfigValue.IsNull() {
		return
	}
	var protocols types.Set
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("protocols"), &protocols)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.PlanValue = defaultStripPath(protocols)
}

func defaultStripPath(protocols types.Set) types.Bool {
	list, known := knownStrings(protocols)
	if !known {
		return types.BoolUnknown()
	}
	return types.BoolValue(!slices.Contains(list, "grpc") && !slices.Contains(list, "grpcs"))
}
