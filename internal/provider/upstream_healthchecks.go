package provider

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/float64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// An upstream's healthchecks record, as nested attributes. Every part the configuration leaves out holds
// Kong's default (each nested object's default is built from its attributes' defaults), so a removed
// setting goes back to Kong's default in Kong and a change made outside Terraform shows in the plan. The
// record travels as JSON: hcToJSON and hcFromJSON walk the framework values by their types, so the schema
// below is the only description of the record in the provider.

// hcPart is one attribute of the record with its default as Kong's JSON would hold it (nil: none).
type hcPart struct {
	attr schema.Attribute
	def  any
}

func hcInt(description string, def, lo, hi int64) hcPart {
	return hcPart{schema.Int64Attribute{
		Optional: true, Computed: true, CustomType: wholeNumberType{}, Default: int64default.StaticInt64(def),
		Validators:  []validator.Int64{int64validator.Between(lo, hi)},
		Description: fmt.Sprintf("%s %d to %d. Default `%d`.", description, lo, hi, def),
	}, def}
}

func hcSeconds(description string, def float64) hcPart {
	return hcPart{schema.Float64Attribute{
		Optional: true, Computed: true, Default: float64default.StaticFloat64(def),
		Validators:  []validator.Float64{float64validator.Between(0, 65535)},
		Description: fmt.Sprintf("%s Seconds, 0 to 65535. Default `%g`.", description, def),
	}, def}
}

func hcStatuses(description string, def ...int64) hcPart {
	elems := make([]attr.Value, len(def))
	list := make([]any, len(def))
	for i, s := range def {
		elems[i] = wholeNumber{Int64Value: types.Int64Value(s)}
		list[i] = s
	}
	// Whole-number elements: a status of 200.5 fails on the attribute instead of in the framework.
	return hcPart{schema.ListAttribute{
		ElementType: wholeNumberType{}, Optional: true, Computed: true,
		Default:     listdefault.StaticValue(types.ListValueMust(wholeNumberType{}, elems)),
		Validators:  []validator.List{wholeNumberElements{}, listvalidator.ValueInt64sAre(int64validator.Between(100, 999))},
		Description: description + " HTTP status codes, 100 to 999; Kong's defaults when unset.",
	}, list}
}

func hcType(description string) hcPart {
	kinds := []string{"tcp", "http", "https", "grpc", "grpcs"}
	return hcPart{schema.StringAttribute{
		Optional: true, Computed: true, Default: stringdefault.StaticString("http"),
		Validators:  []validator.String{stringvalidator.OneOf(kinds...)},
		Description: description + " " + quoteList(kinds) + ". Default `http`.",
	}, "http"}
}

// wholeNumberElements reports the elements of a list of whole numbers that are not whole: the framework
// validates the values of attributes, not of their elements.
type wholeNumberElements struct{}

func (wholeNumberElements) Description(context.Context) string { return "whole numbers" }
func (v wholeNumberElements) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (wholeNumberElements) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	for i, e := range req.ConfigValue.Elements() {
		if n, ok := e.(wholeNumber); ok && n.notWhole != nil {
			resp.Diagnostics.AddAttributeError(req.Path.AtListIndex(i), "Not a whole number",
				wholeNumberProblem(fmt.Sprintf("%s[%d]", attributeName(req.Path), i), n.notWhole))
		}
	}
}

// hcObject is a nested object whose default is its parts' defaults.
func hcObject(description string, parts map[string]hcPart) hcPart {
	attrs := make(map[string]schema.Attribute, len(parts))
	def := make(map[string]any, len(parts))
	for name, p := range parts {
		attrs[name] = p.attr
		def[name] = p.def
	}
	objectType := schema.SingleNestedAttribute{Attributes: attrs}.GetType().(types.ObjectType)
	value, diags := hcFromJSON(objectType, def)
	if diags.HasError() {
		panic(fmt.Sprintf("healthchecks defaults: %v", diags))
	}
	return hcPart{schema.SingleNestedAttribute{
		Optional: true, Computed: true, Attributes: attrs, Description: description,
		Default: objectdefault.StaticValue(value.(types.Object)),
	}, def}
}

// healthchecksPart is the healthchecks attribute, built once.
var healthchecksPart = hcObject("Health checks of the targets: active probes and passive checks of proxied traffic. "+
	"Every setting left out holds Kong's default (all checks off).", map[string]hcPart{
	"active": hcObject("Active health checks: Kong probes each target.", map[string]hcPart{
		"type":        hcType("Protocol of the probes:"),
		"timeout":     hcSeconds("Timeout of a probe.", 1),
		"concurrency": hcInt("Targets probed at once,", 10, 1, 1<<31),
		"http_path":   {schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("/"), Validators: []validator.String{upstreamPathRule}, Description: "Path of the HTTP probe. Default `/`."}, "/"},
		"https_sni":   {schema.StringAttribute{Optional: true, Validators: []validator.String{probeSNIRule}, Description: "Server name sent in the TLS handshake of `https` probes; unset sends the target's host."}, nil},
		"https_verify_certificate": {schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true),
			Description: "Whether `https` probes verify the target's certificate. Default `true`."}, true},
		"headers": {schema.MapAttribute{ElementType: types.ListType{ElemType: types.StringType}, Optional: true,
			Validators:  []validator.Map{mapvalidator.KeysAre(kongHeaderNameRule), mapvalidator.NoNullValues(), mapvalidator.ValueListsAre(listvalidator.NoNullValues())},
			Description: "Headers sent with each probe: header name to list of values."}, nil},
		"healthy": hcObject("When a probed target counts as healthy.", map[string]hcPart{
			"interval":      hcSeconds("Interval between probes of a healthy target; 0 disables them.", 0),
			"successes":     hcInt("Successful probes that make a target healthy; 0 disables the check,", 0, 0, 255),
			"http_statuses": hcStatuses("Probe answers that count as successes.", 200, 302),
		}),
		"unhealthy": hcObject("When a probed target counts as unhealthy.", map[string]hcPart{
			"interval":      hcSeconds("Interval between probes of an unhealthy target; 0 disables them.", 0),
			"tcp_failures":  hcInt("TCP failures that make a target unhealthy; 0 disables the check,", 0, 0, 255),
			"timeouts":      hcInt("Probe timeouts that make a target unhealthy; 0 disables the check,", 0, 0, 255),
			"http_failures": hcInt("Failing probe answers that make a target unhealthy; 0 disables the check,", 0, 0, 255),
			"http_statuses": hcStatuses("Probe answers that count as failures.", 429, 404, 500, 501, 502, 503, 504, 505),
		}),
	}),
	"passive": hcObject("Passive health checks (circuit breaker): Kong watches proxied traffic.", map[string]hcPart{
		"type": hcType("Protocol of the proxied traffic:"),
		"healthy": hcObject("When a target counts as healthy again.", map[string]hcPart{
			"successes": hcInt("Successful answers that make a target healthy; 0 disables the check,", 0, 0, 255),
			"http_statuses": hcStatuses("Answers that count as successes.", 200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
				300, 301, 302, 303, 304, 305, 306, 307, 308),
		}),
		"unhealthy": hcObject("When a target counts as unhealthy.", map[string]hcPart{
			"tcp_failures":  hcInt("TCP failures that make a target unhealthy; 0 disables the check,", 0, 0, 255),
			"timeouts":      hcInt("Timeouts that make a target unhealthy; 0 disables the check,", 0, 0, 255),
			"http_failures": hcInt("Failing answers that make a target unhealthy; 0 disables the check,", 0, 0, 255),
			"http_statuses": hcStatuses("Answers that count as failures.", 429, 500, 503),
		}),
	}),
	"threshold": {schema.Float64Attribute{Optional: true, Computed: true, Default: float64default.StaticFloat64(0),
		Validators:  []validator.Float64{float64validator.Between(0, 100)},
		Description: "Percentage of healthy targets below which the whole upstream counts as unhealthy, 0 to 100. Default `0`."}, float64(0)},
})

// healthchecksType is the framework type of the healthchecks attribute.
var healthchecksType = healthchecksPart.attr.GetType().(types.ObjectType)

// hcToJSON turns a framework value of the record into its JSON form (null and unknown give nil).
func hcToJSON(ctx context.Context, v attr.Value) (any, diag.Diagnostics) {
	var diags diag.Diagnostics
	if v == nil || v.IsNull() || v.IsUnknown() {
		return nil, diags
	}
	switch t := v.(type) {
	case types.Object:
		out := map[string]any{}
		for name, sub := range t.Attributes() {
			j, d := hcToJSON(ctx, sub)
			diags.Append(d...)
			out[name] = j
		}
		return out, diags
	case types.List:
		out := []any{}
		for _, e := range t.Elements() {
			j, d := hcToJSON(ctx, e)
			diags.Append(d...)
			out = append(out, j)
		}
		return out, diags
	case types.Map:
		out := map[string]any{}
		for k, e := range t.Elements() {
			j, d := hcToJSON(ctx, e)
			diags.Append(d...)
			out[k] = j
		}
		return out, diags
	case types.String:
		return t.ValueString(), diags
	case types.Bool:
		return t.ValueBool(), diags
	case types.Float64:
		return t.ValueFloat64(), diags
	}
	i, d := int64Of(ctx, v)
	diags.Append(d...)
	return i.ValueInt64(), diags
}

// hcFromJSON turns Kong's JSON of the record into a framework value of type t; what Kong leaves out is null.
func hcFromJSON(t attr.Type, v any) (attr.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	switch t := t.(type) {
	case types.ObjectType:
		m, _ := v.(map[string]any)
		if m == nil {
			return types.ObjectNull(t.AttrTypes), diags
		}
		values := make(map[string]attr.Value, len(t.AttrTypes))
		for name, sub := range t.AttrTypes {
			val, d := hcFromJSON(sub, m[name])
			diags.Append(d...)
			values[name] = val
		}
		obj, d := types.ObjectValue(t.AttrTypes, values)
		diags.Append(d...)
		return obj, diags
	case types.ListType:
		list, ok := v.([]any)
		if !ok {
			return types.ListNull(t.ElemType), diags
		}
		elems := make([]attr.Value, len(list))
		for i, e := range list {
			elems[i], _ = hcFromJSON(t.ElemType, e)
		}
		l, d := types.ListValue(t.ElemType, elems)
		diags.Append(d...)
		return l, diags
	case types.MapType:
		m, ok := v.(map[string]any)
		if !ok {
			return types.MapNull(t.ElemType), diags
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		elems := make(map[string]attr.Value, len(m))
		for _, k := range keys {
			elems[k], _ = hcFromJSON(t.ElemType, m[k])
		}
		mv, d := types.MapValue(t.ElemType, elems)
		diags.Append(d...)
		return mv, diags
	case basetypes.StringType:
		s, ok := v.(string)
		if !ok {
			return types.StringNull(), diags
		}
		return types.StringValue(s), diags
	case basetypes.BoolType:
		b, ok := v.(bool)
		if !ok {
			return types.BoolNull(), diags
		}
		return types.BoolValue(b), diags
	case basetypes.Float64Type:
		f, ok := hcNumber(v)
		if !ok {
			return types.Float64Null(), diags
		}
		return types.Float64Value(f), diags
	}
	i := types.Int64Null()
	if f, ok := hcNumber(v); ok && f == math.Trunc(f) {
		i = types.Int64Value(int64(f))
	}
	if _, whole := t.(wholeNumberType); whole {
		return wholeNumber{Int64Value: i}, diags
	}
	return i, diags
}

// hcNumber reads a number of the record: Kong's JSON (json.Number or float64) or a default (int64).
func hcNumber(v any) (float64, bool) {
	if i, ok := v.(int64); ok {
		return float64(i), true
	}
	f, ok := jsonNumber(v)
	if !ok {
		return 0, false
	}
	x, _ := f.Float64()
	return x, true
}
