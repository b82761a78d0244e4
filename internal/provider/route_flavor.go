package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/kongform/terraform-provider-kong/internal/routepath"
)

// Kong checks a route differently per router flavor (kong.conf router_flavor): traditional_compatible,
// Kong 3.9's default, and expressions also hand the whole route to the ATC router, whose Rust regex crate
// refuses regexes PCRE accepts (look-around, back-references, "{id}"), and take wildcard snis;
// traditional takes only plain server names as snis.
//
// The attribute validators hold only the rules every flavor shares: they also run without a connection
// (terraform validate, and before the provider is configured), where the flavor is not known. ModifyPlan,
// which has the node's flavor from GET / (kongclient.Gateway), adds that flavor's rules. A node whose
// flavor is not known (an Admin API that does not report it) gets no flavor rules at plan time: whatever
// either flavor accepts is planned, and Kong's own answer at apply has the last word.

// ModifyPlan claims the route's unique keys and checks the planned matching fields against the router
// flavor of the Kong node.
func (r *routeResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.lifecycle.claim(ctx, r.data, req, resp)
	if req.Plan.Raw.IsNull() || r.data == nil || resp.Diagnostics.HasError() {
		return
	}
	checkRouteFlavor(ctx, r.data.client.Gateway.RouterFlavor, req.Plan, &resp.Diagnostics)
}

// checkRouteFlavor reports, on the attribute each comes from, the planned paths, header regexes and snis
// the flavor's router refuses.
func checkRouteFlavor(ctx context.Context, flavor string, plan tfsdk.Plan, diags *diag.Diagnostics) {
	var paths types.List
	var headers types.Map
	var snis types.Set
	diags.Append(plan.GetAttribute(ctx, path.Root("paths"), &paths)...)
	diags.Append(plan.GetAttribute(ctx, path.Root("headers"), &headers)...)
	diags.Append(plan.GetAttribute(ctx, path.Root("snis"), &snis)...)
	if diags.HasError() {
		return
	}
	for i, p := range listStrings(paths) {
		if msg := routePathFlavorProblem(flavor, p); msg != "" {
			diags.AddAttributeError(path.Root("paths").AtListIndex(i), "Invalid route path", msg)
		}
	}
	if !headers.IsNull() && !headers.IsUnknown() {
		for name, values := range headers.Elements() {
			list, ok := values.(types.List)
			if !ok {
				continue
			}
			for i, v := range listStrings(list) {
				if msg := routeHeaderFlavorProblem(flavor, v); msg != "" {
					diags.AddAttributeError(path.Root("headers").AtMapKey(name).AtListIndex(i), "Invalid route header value", msg)
				}
			}
		}
	}
	if !snis.IsNull() && !snis.IsUnknown() {
		for _, v := range snis.Elements() {
			sni, ok := v.(types.String)
			if !ok || sni.IsUnknown() || sni.IsNull() {
				continue
			}
			if msg := routeSNIFlavorProblem(flavor, sni.ValueString()); msg != "" {
				diags.AddAttributeError(path.Root("snis").AtSetValue(sni), "Invalid SNI", msg)
			}
		}
	}
}

// listStrings returns a list's elements by index, "" for the unknown ones (which no rule refuses).
func listStrings(l types.List) []string {
	if l.IsNull() || l.IsUnknown() {
		return nil
	}
	out := make([]string, len(l.Elements()))
	for i, v := range l.Elements() {
		if s, ok := v.(types.String); ok && !s.IsUnknown() && !s.IsNull() {
			out[i] = s.ValueString()
		}
	}
	return out
}

// routePathFlavorProblem is the ATC router's verdict on a regex path that passed Kong's field rules.
func routePathFlavorProblem(flavor, p string) string {
	if !routepath.UsesATC(flavor) || routepath.Problem(p) != "" {
		return ""
	}
	if msg := routepath.ATCRegexProblem(p); msg != "" {
		return fmt.Sprintf("Kong's %s router refuses %q: it compiles regex paths with Rust's regex crate, which "+
			"has no look-around or back-references (router_flavor = traditional would take the PCRE regex):\n%s", flavor, p, msg)
	}
	return ""
}

// routeHeaderFlavorProblem is the ATC router's verdict on a header value matched as a regex ("~*...").
func routeHeaderFlavorProblem(flavor, v string) string {
	if !routepath.UsesATC(flavor) {
		return ""
	}
	if msg := routepath.ATCHeaderProblem(v); msg != "" {
		return fmt.Sprintf("Kong's %s router refuses the header regex %q: it compiles it, lower-cased, with "+
			"Rust's regex crate:\n%s", flavor, v, msg)
	}
	return ""
}

// routeSNIFlavorProblem is the traditional router's rule for snis (typedefs.sni): no wildcard.
func routeSNIFlavorProblem(flavor, sni string) string {
	if flavor == routepath.FlavorTraditional && strings.Contains(sni, "*") {
		return fmt.Sprintf("Kong's traditional router takes snis as plain server names, so %q is refused "+
			"(\"invalid value: %s\"); wildcard snis need router_flavor = traditional_compatible.", sni, sni)
	}
	return ""
}
