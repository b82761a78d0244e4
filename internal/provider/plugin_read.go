package provider

import (
	"context"
	"fmt"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The read of a plugin's config. Two rules decide what reaches the state:
//   - a field the user wrote holds Kong's current value, in the Terraform type the user wrote it in;
//   - a field the user left unset is expected to hold what the last apply set: Kong's default, or the value
//     the provider derived from other fields. Only when Kong holds something else does the field appear in
//     the state, with Kong's value, so the plan shows it going back (updates are whole PUTs).
// Fields written through a write-only attribute are never read: their values must not reach the state.

// readConfig returns the config attributes of the state from Kong's config. An imported plugin has no
// prior configuration; it gets the fields whose values differ from Kong's defaults.
func (r *pluginResource) readConfig(ctx context.Context, got *pluginEntity, priorRaw tftypes.Value, imported bool, diags *diag.Diagnostics) map[string]attr.Value {
	values := map[string]attr.Value{}
	var priorAttrs map[string]tftypes.Value
	if err := priorRaw.As(&priorAttrs); err != nil {
		diags.AddError("Cannot read the prior state", err.Error())
		return values
	}
	// The schema gives the defaults every unset field is compared with; the client caches it, so a plan
	// fetches it once per plugin name.
	ps, err := r.schemaOf(ctx, got.Name)
	if err != nil {
		addKongError(diags, "Cannot read the schema of the "+got.Name+" plugin", err)
		return values
	}
	if r.def.generic() {
		r.readGenericConfig(ctx, got, priorAttrs, ps.Config, imported, values, diags)
		return values
	}

	var config map[string]any
	if imported {
		config = nonDefaultConfig(got.Config, ps.Config)
		if r.def.completeConfig != nil {
			dropDerivedFields(config, r.def.completeConfig)
		}
		// A secret that can be written write-only is not imported: the state must not hold it unless the
		// configuration puts it there.
		for _, field := range r.def.writeOnlyAttributes {
			delete(config, field)
		}
	} else {
		shape, _, err := r.userConfig(priorRaw, tftypes.NewValue(priorRaw.Type(), nil))
		if err != nil {
			diags.AddError("Cannot read the prior state", err.Error())
			return values
		}
		config = r.typedDrift(got.Config, shape, priorAttrs, ps.Config)
	}
	for _, name := range sortedKeys(r.def.configAttributes) {
		t := r.def.configAttributes[name].GetType().TerraformType(ctx)
		r.setConfigAttribute(ctx, name, config[name], t, values, diags)
	}
	return values
}

// typedDrift is the config of a typed resource's state: Kong's values of the fields the user wrote, and of
// the unset fields whose values differ from what the last apply set.
func (r *pluginResource) typedDrift(stored, written map[string]any, priorAttrs map[string]tftypes.Value, record *schemaField) map[string]any {
	config, _ := projectConfig(stored, written, record).(map[string]any)
	if config == nil {
		config = map[string]any{}
	}
	expected := make(map[string]any, len(written))
	for k, v := range written {
		expected[k] = v
	}
	if r.def.completeConfig != nil {
		r.def.completeConfig(expected)
	}
	skip := map[string]bool{}
	for attrName, field := range r.def.writeOnlyAttributes {
		// A secret sent write-only is in Kong but must not reach the state (nor be compared: the provider
		// never knows its value after the apply).
		if v, ok := priorAttrs[attrName+"_version"]; ok && !v.IsNull() {
			skip[field] = true
		}
	}
	for name := range r.def.configAttributes {
		if _, set := written[name]; set || skip[name] {
			continue
		}
		f := record.child(name)
		want, derived := expected[name]
		if !derived && f != nil {
			want = f.Default
		}
		if v := stored[name]; !sameConfigValue(v, want, f) {
			config[name] = v
		}
	}
	return config
}

// readGenericConfig fills kong_plugin's config and sensitive_config: each projected onto what the user wrote
// in it, plus the fields nobody wrote whose values differ from Kong's defaults (secrets, by the schema's
// `encrypted` mark, in sensitive_config), so that the plan shows them going back to the defaults.
func (r *pluginResource) readGenericConfig(ctx context.Context, got *pluginEntity, priorAttrs map[string]tftypes.Value, record *schemaField, imported bool, values map[string]attr.Value, diags *diag.Diagnostics) {
	configs := map[string]map[string]any{}
	if imported {
		plain, secret := splitEncrypted(nonDefaultConfig(got.Config, record), record)
		if len(plain) > 0 {
			configs["config"] = plain
		}
		if len(secret) > 0 {
			configs["sensitive_config"] = secret
		}
	} else {
		extra := nonDefaultConfig(got.Config, record)
		for _, name := range genericConfigAttributes {
			shape, err := configFromTerraform(priorAttrs[name])
			if err != nil {
				diags.AddError("Cannot read the prior state", err.Error())
				return
			}
			if m, ok := shape.(map[string]any); ok {
				configs[name], _ = projectConfig(got.Config, m, record).(map[string]any)
				removeWritten(extra, m)
			}
		}
		removeWritten(extra, writeOnlyShape(priorAttrs))
		plain, secret := splitEncrypted(extra, record)
		for name, fields := range map[string]map[string]any{"config": plain, "sensitive_config": secret} {
			if len(fields) == 0 {
				continue
			}
			if configs[name] == nil {
				configs[name] = map[string]any{}
			}
			mergeConfig(configs[name], fields)
		}
	}
	for _, name := range genericConfigAttributes {
		var value any
		if v, ok := configs[name]; ok {
			value = v
		}
		like := priorAttrs[name].Type()
		if value != nil {
			like = widenType(like, value)
		}
		r.setConfigAttribute(ctx, name, value, like, values, diags)
	}
}

// removeWritten deletes from extra the fields written in shape; records are compared field by field, so
// an unwritten field of a record the user wrote part of stays. Nested objects are copied before fields are
// deleted from them: they may be Kong's stored objects themselves, which the projected config shares (a map
// field such as body_schemas is projected whole), and deleting from them would empty the projection too.
func removeWritten(extra, shape map[string]any) {
	for k, w := range shape {
		e, present := extra[k]
		if !present {
			continue
		}
		em, extraIsObject := e.(map[string]any)
		wm, writtenIsObject := w.(map[string]any)
		if extraIsObject && writtenIsObject {
			em = maps.Clone(em)
			removeWritten(em, wm)
			if len(em) > 0 {
				extra[k] = em
				continue
			}
		}
		delete(extra, k)
	}
}

// widenType is like, with the object attributes v has and like lacks added in their natural types, so
// that fields Kong holds beyond what the user wrote keep their place in the dynamic config.
func widenType(like tftypes.Type, v any) tftypes.Type {
	m, isMap := v.(map[string]any)
	obj, isObject := like.(tftypes.Object)
	if !isMap || !isObject {
		if like == nil || like.Is(tftypes.DynamicPseudoType) {
			return naturalTerraformValue(v).Type()
		}
		return like
	}
	attrTypes := make(map[string]tftypes.Type, len(m))
	for k, t := range obj.AttributeTypes {
		attrTypes[k] = t
	}
	for k, e := range m {
		if t, ok := attrTypes[k]; ok {
			attrTypes[k] = widenType(t, e)
		} else {
			attrTypes[k] = naturalTerraformValue(e).Type()
		}
	}
	return tftypes.Object{AttributeTypes: attrTypes}
}

// sameConfigValue compares a stored value with the value expected for a field: numbers by value (1 and
// 1.0 are equal), sets without regard to order, null and absent alike.
func sameConfigValue(a, b any, f *schemaField) bool {
	if f != nil && f.Type == "set" {
		as, aOK := a.([]any)
		bs, bOK := b.([]any)
		if aOK && bOK {
			return sameElements(as, bs)
		}
	}
	return jsonEqual(a, b)
}

// sameElements reports whether two arrays hold the same elements, in any order.
func sameElements(a, b []any) bool {
	if len(a) != len(b) {
		return false
	}
	used := make([]bool, len(b))
	for _, x := range a {
		found := false
		for j, y := range b {
			if !used[j] && jsonEqual(x, y) {
				used[j], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// setConfigAttribute puts a config value into values[name], typed like the attribute (or, for the dynamic
// config, like the prior value).
func (r *pluginResource) setConfigAttribute(ctx context.Context, name string, v any, like tftypes.Type, values map[string]attr.Value, diags *diag.Diagnostics) {
	tv, ok := terraformFromConfig(v, like)
	if !ok && !r.def.generic() {
		diags.AddAttributeError(path.Root(name), "Unexpected value in Kong",
			fmt.Sprintf("Kong holds %v for %s, which does not fit the attribute's type.", v, name))
		return
	}
	if !ok {
		tv = naturalTerraformValue(v)
	}
	var attrType attr.Type = types.DynamicType
	if !r.def.generic() {
		attrType = r.def.configAttributes[name].GetType()
	}
	av, err := attrType.ValueFromTerraform(ctx, tv)
	if err != nil {
		diags.AddAttributeError(path.Root(name), "Unexpected value in Kong", err.Error())
		return
	}
	values[name] = av
}

// dropDerivedFields removes the fields an imported config holds only because the provider derived them
// from other fields when it wrote the plugin, so that the configuration that wrote them imports unchanged.
func dropDerivedFields(config map[string]any, complete func(map[string]any)) {
	for _, k := range sortedKeys(config) {
		without := make(map[string]any, len(config))
		for field, v := range config {
			if field != k {
				without[field] = v
			}
		}
		complete(without)
		if jsonEqual(without[k], config[k]) {
			delete(config, k)
		}
	}
}

// pluginProtocols is the protocols to send: nil (Kong's default) when unset, and an empty set written as []
// sent as [], which Kong keeps, so that `protocols = []` converges instead of planning forever.
func pluginProtocols(ctx context.Context, s types.Set, diags *diag.Diagnostics) *[]string {
	if s.IsNull() || s.IsUnknown() {
		return nil
	}
	p := derefStrings(expandStrings(ctx, s, diags))
	if p == nil {
		p = []string{}
	}
	return &p
}

func derefProtocols(p *[]string) []string {
	if p == nil {
		return nil
	}
	return *p
}
