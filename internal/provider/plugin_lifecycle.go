package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

// The plugin resources' hooks into the shared entity lifecycle (resource_entity.go): how a plugin's
// attributes become the entity a PUT sends, and how Kong's answer becomes the state.

var (
	_ resource.ResourceWithConfigure      = (*pluginResource)(nil)
	_ resource.ResourceWithImportState    = (*pluginResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*pluginResource)(nil)
	_ resource.ResourceWithValidateConfig = (*pluginResource)(nil)
)

// pluginResource is kong_plugin or a typed plugin resource: the shared lifecycle, with the definition's
// schema, plan-time validation and hooks.
type pluginResource struct {
	lifecycleResource[pluginModel, pluginEntity]
	def *pluginDefinition
}

func newPluginResource(def *pluginDefinition) *pluginResource {
	r := &pluginResource{def: def}
	r.lifecycle = &entityLifecycle[pluginModel, pluginEntity]{
		collection: kongclient.Plugins,
		typeName:   "kong" + def.typeSuffix,
		noun:       "plugin",
		nounOf:     func(m pluginModel) string { return strings.TrimSpace(m.name + " plugin") },
		id:         func(m pluginModel) types.String { return m.scope.ID },
		withID: func(m pluginModel, id string) pluginModel {
			m.scope.ID = types.StringValue(id)
			return m
		},
		uniques:  func(m pluginModel) []uniqueKey { return pluginKeys(m.name, m.scope) },
		describe: func(m pluginModel) string { return describe(m.scope.InstanceName, m.scope.ID) },
		expand:   r.expand,
		flatten:  flattenPlugin,
		put: func(ctx context.Context, c *kong.Client, m pluginModel, e *pluginEntity) (*pluginEntity, error) {
			return sendPlugin(ctx, c, http.MethodPut, m.scope.ID.ValueString(), e)
		},
		remove: func(ctx context.Context, c *kong.Client, m pluginModel) error {
			_, err := sendPlugin(ctx, c, http.MethodDelete, m.scope.ID.ValueString(), nil)
			return err
		},
		writeOnly: func(_ context.Context, config tfsdk.Config, m pluginModel, _ *diag.Diagnostics) pluginModel {
			m.config = config.Raw
			return m
		},
		keep:           r.keepGenerated,
		load:           r.load,
		store:          storePlugin,
		readState:      r.readState,
		fieldAttribute: def.errorAttribute,
		markImport:     true,
	}
	return r
}

// pluginModel is a plugin's plan or state: the scope, which every plugin resource has, and the whole value,
// whose config attributes differ per plugin and are read as JSON (plugin_config.go).
type pluginModel struct {
	scope pluginScopeModel
	name  string        // the Kong plugin; "" while unknown
	raw   tftypes.Value // the plan or state
	// config is the configuration, which alone holds write-only values; null but during writes.
	config tftypes.Value
	// generated are the config values Kong generated, which an update sends back (plugin_generated.go).
	generated map[string]any
}

func (r *pluginResource) load(ctx context.Context, schema schemaTyper, raw tftypes.Value) (pluginModel, diag.Diagnostics) {
	scope, diags := getModel[pluginScopeModel](ctx, schema, raw)
	m := pluginModel{scope: scope, name: r.def.pluginName, raw: raw, config: tftypes.NewValue(raw.Type(), nil)}
	if r.def.generic() {
		var attrs map[string]tftypes.Value
		if err := raw.As(&attrs); err == nil && attrs["name"].IsKnown() && !attrs["name"].IsNull() {
			_ = attrs["name"].As(&m.name)
		}
	}
	return m, diags
}

// expand is the whole plugin for a PUT: Kong replaces every field, so a config field or attribute removed
// from the configuration returns to Kong's default.
func (r *pluginResource) expand(ctx context.Context, m pluginModel, defaultTags []string, diags *diag.Diagnostics) *pluginEntity {
	cfg, _, err := r.userConfig(m.raw, m.config)
	if err != nil {
		diags.AddError("Invalid plugin configuration", err.Error())
		return nil
	}
	if r.def.completeConfig != nil {
		r.def.completeConfig(cfg)
	}
	addUnset(cfg, m.generated)
	e := expandPlugin(ctx, m.name, m.scope, cfg, defaultTags, diags)
	return &e
}

// flattenPlugin is the state after a write: the plan (the config exactly as written) plus what only Kong
// knows.
func flattenPlugin(got *pluginEntity, plan pluginModel, defaultTags []string) pluginModel {
	stored := flattenPluginScope(*got, plan.scope, defaultTags)
	if !plan.scope.Protocols.IsUnknown() {
		stored.Protocols = plan.scope.Protocols
	}
	stored.Tags = plan.scope.Tags
	return pluginModel{scope: stored, name: got.Name, raw: plan.raw, config: plan.config}
}

// modelRoundTrip reads and writes a plugin as its lifecycle does: the scope through the codec, the rest kept.
func (r *pluginResource) modelRoundTrip() modelRoundTrip {
	return func(ctx context.Context, schema schemaTyper, raw tftypes.Value) (tftypes.Value, diag.Diagnostics) {
		m, diags := r.load(ctx, schema, raw)
		if diags.HasError() {
			return raw, diags
		}
		return setModel(ctx, schema, m.raw.Copy(), m.scope)
	}
}

func storePlugin(ctx context.Context, state *tfsdk.State, m pluginModel, diags *diag.Diagnostics) {
	state.Raw = m.raw.Copy()
	setState(ctx, state, m.scope, diags)
}

// readState puts Kong's plugin into the state: the scope as Kong holds it, and the config projected onto
// what the user wrote (plugin_read.go).
func (r *pluginResource) readState(ctx context.Context, data *providerData, got *pluginEntity, prior pluginModel, req resource.ReadRequest, resp *resource.ReadResponse) {
	if !r.def.generic() && got.Name != r.def.pluginName {
		resp.Diagnostics.AddError("Not a "+r.def.pluginName+" plugin",
			fmt.Sprintf("Kong plugin %s is a %q plugin. Manage it with kong_plugin or the resource for that plugin.", got.ID, got.Name))
		return
	}
	imported, diags := req.Private.GetKey(ctx, importedKey)
	resp.Diagnostics.Append(diags...)

	setState(ctx, &resp.State, flattenPluginScope(*got, prior.scope, data.defaultTags), &resp.Diagnostics)
	values := r.readConfig(ctx, got, req.State.Raw, imported != nil, &resp.Diagnostics)
	if r.def.generic() {
		values["name"] = types.StringValue(got.Name)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	raw, diags := setAttributes(ctx, resp.State.Schema.Type(), resp.State.Raw, values)
	resp.Diagnostics.Append(diags...)
	resp.State.Raw = raw
	if imported != nil {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedKey, nil)...)
	}
}

func (r *pluginResource) schemaOf(ctx context.Context, name string) (pluginSchema, error) {
	doc, err := r.data.client.PluginSchema(ctx, name)
	if err != nil {
		return pluginSchema{}, err
	}
	return parsePluginSchema(doc), nil
}

// pluginScopeModel is what every plugin resource has besides the config: identity, scope and switches.
// Only some of a plugin resource's attributes are in it; the rest (name, config) differ per plugin. Where
// Kong forbids a consumer, the schema has no consumer_id and ConsumerID stays null.
type pluginScopeModel struct {
	ID           types.String `tfsdk:"id"`
	InstanceName types.String `tfsdk:"instance_name"`
	ServiceID    types.String `tfsdk:"service_id"`
	RouteID      types.String `tfsdk:"route_id"`
	ConsumerID   types.String `tfsdk:"consumer_id" codec:"optional"`
	Protocols    types.Set    `tfsdk:"protocols"`
	Enabled      types.Bool   `tfsdk:"enabled"`
	Tags         types.Set    `tfsdk:"tags"`
	CreatedAt    types.Int64  `tfsdk:"created_at"`
	UpdatedAt    types.Int64  `tfsdk:"updated_at"`
}

type attributeGetter interface {
	GetAttribute(ctx context.Context, p path.Path, target any) diag.Diagnostics
}

// loadScope reads the scope attributes of a plan or state (its schema and raw value).
func loadScope(ctx context.Context, schema schemaTyper, raw tftypes.Value, diags *diag.Diagnostics) pluginScopeModel {
	m, d := getModel[pluginScopeModel](ctx, schema, raw)
	diags.Append(d...)
	return m
}

// pluginName is the Kong plugin a plan or state is about; ok is false while it is unknown.
func (r *pluginResource) pluginName(ctx context.Context, src attributeGetter, diags *diag.Diagnostics) (string, bool) {
	if !r.def.generic() {
		return r.def.pluginName, true
	}
	var name types.String
	diags.Append(src.GetAttribute(ctx, path.Root("name"), &name)...)
	return name.ValueString(), !name.IsUnknown() && !name.IsNull()
}

// userConfig is the config the user wrote, read from a plan or state, plus the write-only fields from the
// configuration (write-only values exist only there). Unknown values are unknownConfigValue.
func (r *pluginResource) userConfig(raw, configRaw tftypes.Value) (config map[string]any, known bool, err error) {
	var attrs map[string]tftypes.Value
	if err := raw.As(&attrs); err != nil {
		return nil, false, err
	}
	config = map[string]any{}
	if r.def.generic() {
		for _, name := range genericConfigAttributes {
			v, err := configFromTerraform(attrs[name])
			if err != nil {
				return nil, false, err
			}
			switch v := v.(type) {
			case unknownConfigValue:
				return nil, false, nil
			case map[string]any:
				mergeConfig(config, v)
			case nil:
			default:
				return nil, false, fmt.Errorf("%s must be an object", name)
			}
		}
		if known, err := addWriteOnlyConfig(config, configRaw); err != nil || !known {
			return nil, false, err
		}
	}
	for _, name := range sortedKeys(r.def.configAttributes) {
		v, err := configFromTerraform(attrs[name])
		if err != nil {
			return nil, false, err
		}
		if v != nil {
			config[name] = v
		}
	}
	if len(r.def.writeOnlyAttributes) > 0 && !configRaw.IsNull() {
		var configAttrs map[string]tftypes.Value
		if err := configRaw.As(&configAttrs); err != nil {
			return nil, false, err
		}
		for attrName, field := range r.def.writeOnlyAttributes {
			v, err := configFromTerraform(configAttrs[attrName])
			if err != nil {
				return nil, false, err
			}
			if v != nil {
				config[field] = v
			}
		}
	}
	return config, true, nil
}

// pluginEntity is the plugin as the Admin API reads and writes it. Config keeps numbers as json.Number so
// they come back exactly as written.
type pluginEntity struct {
	ID           string         `json:"id,omitempty"`
	Name         string         `json:"name"`
	InstanceName *string        `json:"instance_name,omitempty"`
	Service      *foreignKey    `json:"service,omitempty"`
	Route        *foreignKey    `json:"route,omitempty"`
	Consumer     *foreignKey    `json:"consumer,omitempty"`
	Config       map[string]any `json:"config"`
	Protocols    *[]string      `json:"protocols,omitempty"` // nil: Kong's default; empty: none, as written
	Enabled      *bool          `json:"enabled,omitempty"`
	Tags         []string       `json:"tags,omitempty"`
	CreatedAt    *int64         `json:"created_at,omitempty"`
	UpdatedAt    *int64         `json:"updated_at,omitempty"`
}

type foreignKey struct {
	ID string `json:"id"`
}

// placeholderID stands in for a foreign key not known until apply: Kong's validation checks the shape of
// the entity, not whether referenced entities exist, so any UUID gives the same verdict.
const placeholderID = "00000000-0000-0000-0000-000000000000"

func foreignKeyOf(id types.String) *foreignKey {
	switch {
	case id.IsNull():
		return nil
	case id.IsUnknown():
		return &foreignKey{ID: placeholderID}
	}
	return &foreignKey{ID: id.ValueString()}
}

// expandPlugin builds the entity for a full PUT (or for validation, where unknown scope values are left to
// Kong's defaults or stand-ins). Kong fills every config field not given with its default.
func expandPlugin(ctx context.Context, name string, m pluginScopeModel, config map[string]any, defaultTags []string, diags *diag.Diagnostics) pluginEntity {
	if config == nil {
		config = map[string]any{} // the config record is required; an empty one means "all defaults"
	}
	e := pluginEntity{
		ID:           m.ID.ValueString(),
		Name:         name,
		InstanceName: strPtr(m.InstanceName),
		Service:      foreignKeyOf(m.ServiceID),
		Route:        foreignKeyOf(m.RouteID),
		Consumer:     foreignKeyOf(m.ConsumerID),
		Config:       config,
		Protocols:    pluginProtocols(ctx, m.Protocols, diags),
		Enabled:      boolPtr(m.Enabled),
		Tags:         derefStrings(expandTags(ctx, m.Tags, defaultTags, diags)),
	}
	return e
}

// flattenPluginScope maps Kong's answer onto the scope model; prior supplies only what Kong cannot say
// (whether an empty tag set was written as []).
func flattenPluginScope(e pluginEntity, prior pluginScopeModel, defaultTags []string) pluginScopeModel {
	m := pluginScopeModel{
		ID:           types.StringValue(e.ID),
		InstanceName: types.StringPointerValue(e.InstanceName),
		ServiceID:    types.StringNull(),
		RouteID:      types.StringNull(),
		ConsumerID:   types.StringNull(),
		Protocols:    flattenStringSet(kong.StringSlice(derefProtocols(e.Protocols)...), prior.Protocols),
		Enabled:      types.BoolPointerValue(e.Enabled),
		Tags:         flattenTags(kong.StringSlice(e.Tags...), defaultTags, prior.Tags),
		CreatedAt:    types.Int64PointerValue(e.CreatedAt),
		UpdatedAt:    types.Int64PointerValue(e.UpdatedAt),
	}
	if e.Service != nil {
		m.ServiceID = types.StringValue(e.Service.ID)
	}
	if e.Route != nil {
		m.RouteID = types.StringValue(e.Route.ID)
	}
	if e.Consumer != nil {
		m.ConsumerID = types.StringValue(e.Consumer.ID)
	}
	return m
}

// sendPlugin makes one Admin API call on a plugin and decodes the answer with numbers kept exact.
func sendPlugin(ctx context.Context, c *kong.Client, method, idOrName string, body any) (*pluginEntity, error) {
	// go-kong encodes the body as JSON; json.Number values in the config are written as the numbers they are.
	req, err := c.NewRequest(method, "/plugins/"+url.PathEscape(idOrName), nil, body)
	if err != nil {
		return nil, err
	}
	if method == http.MethodDelete {
		_, err := c.Do(ctx, req, nil) // 204, no body
		return nil, err
	}
	var raw json.RawMessage
	if _, err := c.Do(ctx, req, &raw); err != nil {
		return nil, err
	}
	var e pluginEntity
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if err := d.Decode(&e); err != nil {
		return nil, fmt.Errorf("reading Kong's answer: %w", err)
	}
	return &e, nil
}
