package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/kong/go-kong/kong"
)

// Plan-time checks of kong_plugin config values that Kong's validator accepts but cannot keep as written.
// Kong (LuaJIT) holds every number as a 64-bit float: an integer beyond 2^53 or a number beyond a double's
// range is stored as another number, so the read shows a difference that no apply removes.

// validateConfigNumbers refuses, in config, sensitive_config and config_wo, numbers Kong would change.
func validateConfigNumbers(config tfsdk.Config, diags *diag.Diagnostics) {
	var attrs map[string]tftypes.Value
	if err := config.Raw.As(&attrs); err != nil {
		return
	}
	for _, name := range genericConfigAttributes {
		v, err := configFromTerraform(attrs[name])
		if err == nil {
			checkNumbers(name, v, []string{"config"}, diags)
		}
	}
	if wo, known, err := parseWriteOnlyConfig(config.Raw); err == nil && known && wo != nil {
		checkNumbers(writeOnlyConfigAttr, wo, []string{"config"}, diags)
	}
}

func checkNumbers(attr string, v any, at []string, diags *diag.Diagnostics) {
	switch v := v.(type) {
	case map[string]any:
		for _, k := range sortedKeys(v) {
			checkNumbers(attr, v[k], appendStep(at, k), diags)
		}
	case []any:
		for i, e := range v {
			checkNumbers(attr, e, appendStep(at, strconv.Itoa(i)), diags)
		}
	case json.Number:
		if stored, ok := storedAsDouble(v); !ok {
			shown := v.String()
			if attr == writeOnlyConfigAttr {
				shown = "a number" // the value is a secret
			}
			diags.AddAttributeError(path.Root(attr), "Number Kong cannot store exactly",
				fmt.Sprintf("%s is %s, which Kong would store as %s: Kong keeps numbers as 64-bit floating point, exact for integers up to 2^53 (9007199254740992). "+
					"Every plan would then show the difference. Use a number Kong can hold, or a string if the field takes one.", dottedPath(at), shown, stored))
		}
	}
}

// storedAsDouble is the number Kong would store for n, and whether that reads back as the same number. A
// decimal such as 0.1 is no double either, but its double's shortest form is 0.1 again, so it is kept.
func storedAsDouble(n json.Number) (string, bool) {
	f, _, err := big.ParseFloat(n.String(), 10, numberPrecision, big.ToNearestEven)
	if err != nil {
		return "an error", false
	}
	d, _ := f.Float64()
	if math.IsInf(d, 0) {
		return "infinity", false
	}
	text := strconv.FormatFloat(d, 'g', -1, 64)
	back, _, err := big.ParseFloat(text, 10, numberPrecision, big.ToNearestEven)
	return text, err == nil && back.Cmp(f) == 0
}

// checkEmptyProtocols refuses `protocols = []` where Kong refuses it: a plugin's protocols must overlap
// those of its route, or of one of its service's routes, and an empty set overlaps nothing. A global
// plugin, or one on a service without routes, may have none; Kong keeps [] and so does the provider.
func (r *pluginResource) checkEmptyProtocols(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var protocols types.Set
	var route, service types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("protocols"), &protocols)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("route_id"), &route)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("service_id"), &service)...)
	if protocols.IsNull() || protocols.IsUnknown() || len(protocols.Elements()) > 0 {
		return
	}
	const advice = " Leave protocols unset for the plugin's default protocols, or set enabled = false to switch the plugin off."
	if !route.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("protocols"), "No protocols",
			"protocols = [] never matches the route's protocols, so Kong refuses the plugin."+advice)
		return
	}
	if service.IsNull() || service.IsUnknown() {
		return
	}
	routes, _, err := r.data.client.Kong.Routes.ListForService(ctx, kong.String(service.ValueString()), &kong.ListOpt{Size: 1})
	if err == nil && len(routes) > 0 {
		resp.Diagnostics.AddAttributeError(path.Root("protocols"), "No protocols",
			"protocols = [] never matches the protocols of the service's routes, so Kong refuses the plugin."+advice)
	}
}
