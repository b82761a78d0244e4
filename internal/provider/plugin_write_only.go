package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// kong_plugin's write-only config. sensitive_config keeps secrets out of plans and output, but they are
// still in the state, and Terraform writes Dynamic values into its debug log. config_wo is a write-only
// string of JSON: Terraform never stores it, never plans it, and the provider only ever sends it to Kong.
// Since the provider cannot read it back, the names of the fields it sets are kept (config_wo_fields), so
// that their values in Kong are neither put in the state nor reported as drift.

const (
	writeOnlyConfigAttr  = "config_wo"
	writeOnlyVersionAttr = "config_wo_version"
	writeOnlyFieldsAttr  = "config_wo_fields"
)

var writeOnlyConfigAttributes = map[string]schema.Attribute{
	writeOnlyConfigAttr: schema.StringAttribute{
		Optional:  true,
		Sensitive: true,
		WriteOnly: true,
		Validators: []validator.String{
			stringvalidator.AlsoRequires(path.MatchRoot(writeOnlyVersionAttr)),
			jsonObjectRule,
		},
		Description: "Secret config fields, write-only (Terraform 1.11 or later): a JSON object like `config`, written with `jsonencode`, merged into the config sent to Kong. " +
			"It never reaches the plan, the state or Terraform's logs; use it, fed from an ephemeral resource or a variable, for passwords and tokens. " +
			"A field may be set in only one of `config`, `sensitive_config` and `config_wo`. Kong's values of these fields are not compared with anything, " +
			"so a change made to them outside Terraform is not shown. Change `config_wo_version` to send new values.",
	},
	writeOnlyVersionAttr: schema.Int64Attribute{
		Optional:    true,
		Validators:  []validator.Int64{int64validator.AlsoRequires(path.MatchRoot(writeOnlyConfigAttr))},
		Description: "Any number you change whenever a value in `config_wo` changes, since Terraform cannot compare write-only values; the plugin is then rewritten.",
	},
	writeOnlyFieldsAttr: schema.SetAttribute{
		ElementType: types.StringType,
		Computed:    true,
		Description: "The names (never the values) of the config fields `config_wo` sets, as dotted paths such as `redis.password`. Adding or removing a field rewrites the plugin.",
	},
}

// parseWriteOnlyConfig reads config_wo from the configuration: nil when unset, known false when unknown.
func parseWriteOnlyConfig(configRaw tftypes.Value) (config map[string]any, known bool, err error) {
	if configRaw.IsNull() || !configRaw.IsKnown() {
		return nil, configRaw.IsKnown(), nil
	}
	var attrs map[string]tftypes.Value
	if err := configRaw.As(&attrs); err != nil {
		return nil, false, err
	}
	v, ok := attrs[writeOnlyConfigAttr]
	if !ok || v.IsNull() {
		return nil, true, nil
	}
	if !v.IsKnown() {
		return nil, false, nil
	}
	var text string
	if err := v.As(&text); err != nil {
		return nil, false, err
	}
	config, err = decodeJSONObject(text)
	return config, err == nil, err
}

// decodeJSONObject parses a JSON object with numbers kept exact.
func decodeJSONObject(text string) (map[string]any, error) {
	d := json.NewDecoder(bytes.NewReader([]byte(text)))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		// The text is a secret: say where it breaks, never quote it.
		return nil, fmt.Errorf("%s is not valid JSON (near byte %d); write it with jsonencode", writeOnlyConfigAttr, d.InputOffset())
	}
	if d.More() {
		return nil, fmt.Errorf("%s holds more than one JSON value", writeOnlyConfigAttr)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s must be a JSON object of Kong config fields, for example jsonencode({ password = var.secret })", writeOnlyConfigAttr)
	}
	return m, nil
}

// addWriteOnlyConfig merges config_wo into a kong_plugin config; known is false while it is unknown.
func addWriteOnlyConfig(config map[string]any, configRaw tftypes.Value) (known bool, err error) {
	wo, known, err := parseWriteOnlyConfig(configRaw)
	if err != nil || !known {
		return known, err
	}
	mergeConfig(config, wo)
	return true, nil
}

// writeOnlyFieldPaths lists the dotted paths of the values an object sets (objects are descended into).
func writeOnlyFieldPaths(config map[string]any, prefix string) []string {
	var out []string
	for _, k := range sortedKeys(config) {
		if m, ok := config[k].(map[string]any); ok && len(m) > 0 {
			out = append(out, writeOnlyFieldPaths(m, prefix+k+".")...)
			continue
		}
		out = append(out, prefix+k)
	}
	sort.Strings(out)
	return out
}

// writeOnlyShape turns the state's config_wo_fields back into an object shape, for removeWritten.
func writeOnlyShape(attrs map[string]tftypes.Value) map[string]any {
	shape := map[string]any{}
	v, ok := attrs[writeOnlyFieldsAttr]
	if !ok || v.IsNull() || !v.IsKnown() {
		return shape
	}
	var elems []tftypes.Value
	if err := v.As(&elems); err != nil {
		return shape
	}
	for _, e := range elems {
		var p string
		if err := e.As(&p); err != nil {
			continue
		}
		steps := strings.Split(p, ".")
		at := shape
		for _, step := range steps[:len(steps)-1] {
			next, ok := at[step].(map[string]any)
			if !ok {
				next = map[string]any{}
				at[step] = next
			}
			at = next
		}
		at[steps[len(steps)-1]] = true
	}
	return shape
}

// planWriteOnlyFields plans config_wo_fields from the configuration (write-only values are readable during
// the plan).
func (r *pluginResource) planWriteOnlyFields(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !r.def.generic() {
		return
	}
	wo, known, err := parseWriteOnlyConfig(req.Config.Raw)
	fields := types.SetUnknown(types.StringType)
	switch {
	case err != nil:
		return // reported by the attribute's validator
	case known && wo == nil:
		fields = types.SetNull(types.StringType)
	case known:
		var d diag.Diagnostics
		fields, d = types.SetValueFrom(ctx, types.StringType, writeOnlyFieldPaths(wo, ""))
		resp.Diagnostics.Append(d...)
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(writeOnlyFieldsAttr), fields)...)
}

// validateWriteOnlyOverlap refuses a field set both in config_wo and in config or sensitive_config.
func validateWriteOnlyOverlap(config tfsdk.Config, diags *diag.Diagnostics) {
	wo, known, err := parseWriteOnlyConfig(config.Raw)
	if err != nil || !known || wo == nil {
		return
	}
	var attrs map[string]tftypes.Value
	if err := config.Raw.As(&attrs); err != nil {
		return
	}
	for _, name := range genericConfigAttributes {
		v, err := configFromTerraform(attrs[name])
		m, ok := v.(map[string]any)
		if err != nil || !ok {
			continue
		}
		for _, field := range overlappingFields(m, wo, []string{"config"}) {
			diags.AddAttributeError(path.Root(writeOnlyConfigAttr), "Field set twice",
				fmt.Sprintf("%s is set in both %s and %s; set it in one of them.", dottedPath(field), name, writeOnlyConfigAttr))
		}
	}
}

// jsonObjectRule demands a JSON object. The value is a secret: the message names the problem, never the text.
var jsonObjectRule = stringRule{"Invalid write-only config", "a JSON object", func(v string) string {
	if _, err := decodeJSONObject(v); err != nil {
		return err.Error()
	}
	return ""
}}
