package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

// Config values Kong generates. A field marked auto in a plugin's schema (the oauth2 plugin's
// provision_key) gets a random value on every PUT that leaves it out, so an update of a plugin would
// replace the value clients were given. The read never shows these fields (nonDefaultConfig skips them),
// and an update sends Kong's current value back for each one the configuration leaves unset.

// keepGenerated is the plugin lifecycle's keep hook: it adds Kong's generated config values to the update.
// The plugin is read only when its schema (cached per run) has a generated field: no update of a plugin
// without one pays for a read.
func (r *pluginResource) keepGenerated(ctx context.Context, data *providerData, prior, plan pluginModel, diags *diag.Diagnostics) pluginModel {
	ps, err := r.schemaOf(ctx, plan.name)
	if err != nil {
		addKongError(diags, "Cannot read the schema of the "+plan.name+" plugin", err)
		return plan
	}
	if !hasAutoField(ps.Config) {
		return plan
	}
	got := new(pluginEntity)
	err = data.client.Get(ctx, kongclient.Plugins, prior.scope.ID.ValueString(), got)
	if kong.IsNotFoundErr(err) || (err == nil && got.Name != plan.name) {
		return plan
	}
	if err != nil {
		addKongError(diags, "Cannot read Kong plugin "+prior.scope.ID.ValueString(), err)
		return plan
	}
	plan.generated = generatedConfig(got.Config, ps.Config)
	return plan
}

// hasAutoField reports whether a config record has a generated field at any depth.
func hasAutoField(record *schemaField) bool {
	if record == nil {
		return false
	}
	for i := range record.Fields {
		if f := &record.Fields[i]; f.Auto || f.Type == "record" && hasAutoField(f) {
			return true
		}
	}
	return false
}

// generatedConfig picks the values of auto fields from a stored config, record by record.
func generatedConfig(stored map[string]any, record *schemaField) map[string]any {
	out := map[string]any{}
	if record == nil {
		return out
	}
	for i := range record.Fields {
		f := &record.Fields[i]
		v := stored[f.Name]
		switch m, isRecord := v.(map[string]any); {
		case v == nil:
		case f.Auto:
			out[f.Name] = v
		case f.Type == "record" && isRecord:
			if nested := generatedConfig(m, f); len(nested) > 0 {
				out[f.Name] = nested
			}
		}
	}
	return out
}

// addUnset copies into config the values of src whose fields config leaves unset (absent or null).
func addUnset(config, src map[string]any) {
	for k, sv := range src {
		cv := config[k]
		cm, configIsRecord := cv.(map[string]any)
		sm, srcIsRecord := sv.(map[string]any)
		switch {
		case cv == nil:
			config[k] = sv
		case configIsRecord && srcIsRecord:
			addUnset(cm, sm)
		}
	}
}
