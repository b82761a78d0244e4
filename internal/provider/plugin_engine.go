package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

// One engine serves kong_plugin and the typed plugin resources. A pluginDefinition says how a resource's
// attributes map onto the plugin entity; everything else (the full PUT, the read that projects Kong's config
// onto what the user wrote, import, plan-time validation against the running Kong) is shared.

var (
	_ resource.ResourceWithConfigure      = (*pluginResource)(nil)
	_ resource.ResourceWithImportState    = (*pluginResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*pluginResource)(nil)
	_ resource.ResourceWithValidateConfig = (*pluginResource)(nil)
)

// pluginDefinition describes one plugin resource type.
type pluginDefinition struct {
	typeSuffix  string // appended to the provider name: "_plugin_cors"
	description string
	// pluginName is the Kong plugin the resource manages. Empty for kong_plugin, where it is the `name`
	// attribute and the config is the dynamic `config` attribute.
	pluginName string
	// configAttributes are the typed resource's attributes, each the config field of the same name.
	configAttributes map[string]schema.Attribute
	// writeOnlyAttributes are write-only attributes, each sent as the config field it names; they never
	// reach the state, and their `_version` companions (in otherAttributes) trigger the update.
	writeOnlyAttributes map[string]string
	// otherAttributes are further attributes that are no config field.
	otherAttributes map[string]schema.Attribute
	// forbidsConsumer is set for plugins Kong refuses to scope to a consumer (authentication, CORS).
	forbidsConsumer bool
	// completeConfig adds the config fields implied by those the user wrote (never overriding one); the
	// result is what Kong validates and stores, while the state keeps what the user wrote.
	completeConfig func(config map[string]any)
	// validateConfig checks what can be checked without Kong; it must tolerate unknown values.
	validateConfig func(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics)
}

func (d *pluginDefinition) generic() bool { return d.pluginName == "" }

type pluginResource struct {
	def  *pluginDefinition
	data *providerData
}

// pluginScopeModel is what every plugin resource has besides the config: identity, scope and switches.
// Only some of a plugin resource's attributes are in it; the rest (name, config) differ per plugin. Where
// Kong forbids a consumer, the schema has no consumer_id and ConsumerID stays null.
type pluginScopeModel struct {
	ID           types.String `tfsdk:"id"`
	InstanceName types.String `tfsdk:"instance_name"`
	ServiceID    types.String `tfsdk:"service_id"`
	RouteID      types.String `tfsdk:"route_id"`
	ConsumerID   types.String `tfsdk:"consumer_id"`
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

func (r *pluginResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + r.def.typeSuffix
}

func (r *pluginResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.def.schema()
}

func (d *pluginDefinition) schema() schema.Schema {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:      true,
			Description:   idDescription("plugin"),
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"instance_name": schema.StringAttribute{
			Optional:    true,
			Validators:  nameValidators(),
			Description: "Unique name of this plugin instance, for telling several plugins of one kind apart. The plugin can be imported by it.",
		},
		"service_id": schema.StringAttribute{
			Optional:    true,
			Validators:  []validator.String{uuidValidator{}},
			Description: "Id of the service whose requests the plugin handles. Leave `service_id`, `route_id` and `consumer_id` unset for a global plugin that handles every request.",
		},
		"route_id": schema.StringAttribute{
			Optional:    true,
			Validators:  []validator.String{uuidValidator{}},
			Description: "Id of the route whose requests the plugin handles. With `service_id` as well, only requests matching both.",
		},
		"protocols": schema.SetAttribute{
			ElementType: types.StringType,
			Optional:    true,
			Computed:    true,
			Description: "Request protocols the plugin runs for. Unset means the plugin's default from Kong's schema (usually `grpc`, `grpcs`, `http`, `https`); removing it from the configuration returns to that default. With a route, it must overlap the route's protocols.",
		},
		"enabled": schema.BoolAttribute{
			Optional:    true,
			Computed:    true,
			Default:     booldefault.StaticBool(true),
			Description: "Whether the plugin runs. A disabled plugin stays configured but leaves requests untouched. Default `true`.",
		},
		"tags":       tagsAttribute(),
		"created_at": createdAtAttribute(),
		"updated_at": schema.Int64Attribute{Computed: true, Description: "Unix time of the last change."},
	}
	if !d.forbidsConsumer {
		attrs["consumer_id"] = schema.StringAttribute{
			Optional:    true,
			Validators:  []validator.String{uuidValidator{}},
			Description: "Id of the consumer whose requests the plugin handles, once an authentication plugin has identified the consumer.",
		}
	}
	if d.generic() {
		attrs["name"] = schema.StringAttribute{
			Required:      true,
			Validators:    []validator.String{pluginNameValidator()},
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			Description:   "Name of the plugin, bundled or custom, for example `rate-limiting`. It must be enabled on the Kong node (its `plugins` setting); the plan fails otherwise. Changing it replaces the plugin.",
		}
		attrs["config"] = schema.DynamicAttribute{
			Optional: true,
			Description: "The plugin's configuration as an object, with Kong's field names. Write only the fields you want to differ from Kong's defaults: " +
				"the state keeps exactly the fields written, Kong's defaults for the rest never show as a difference, and a field removed from the configuration returns to Kong's default. " +
				"A written field changed outside Terraform shows as drift, and so does a field not written that Kong holds with a value other than its default: the plan puts it back to the default. A field set to `null` counts as not written. " +
				"The configuration is checked against the running Kong during the plan, so a misspelt field or a wrong type fails `terraform plan`. " +
				"Put secrets in `config_wo` (kept out of state, plan and logs) or `sensitive_config` instead.",
		}
		attrs["sensitive_config"] = schema.DynamicAttribute{
			Optional:  true,
			Sensitive: true,
			Description: "Config fields that are secrets (passwords, tokens), as an object like `config`, which it is merged into: nested objects combine field by field, " +
				"and a field may be set in only one of the two. Terraform hides its values in plans and output, but they are stored in the state and Terraform writes them into its debug log (`TF_LOG`); " +
				"`config_wo` keeps a secret out of all three. Import, and drift in fields not written, put the fields Kong's schema marks as encrypted here.",
		}
	}
	for name, a := range d.configAttributes {
		attrs[name] = a
	}
	for name, a := range d.otherAttributes {
		attrs[name] = a
	}
	return schema.Schema{Description: d.description, Attributes: attrs}
}

func (r *pluginResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *pluginResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	if r.def.generic() {
		validateGenericConfig(ctx, req.Config, &resp.Diagnostics)
		validateWriteOnlyOverlap(req.Config, &resp.Diagnostics)
		validateConfigNumbers(req.Config, &resp.Diagnostics)
	}
	if r.def.validateConfig != nil {
		r.def.validateConfig(ctx, req.Config, &resp.Diagnostics)
	}
}

// genericConfigAttributes are kong_plugin's attributes that hold config fields; the plugin's config is
// their union.
var genericConfigAttributes = []string{"config", "sensitive_config"}

// validateGenericConfig demands objects, and each field in only one of config and sensitive_config.
func validateGenericConfig(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) {
	var attrs map[string]tftypes.Value
	if err := config.Raw.As(&attrs); err != nil {
		diags.AddError("Invalid configuration", err.Error())
		return
	}
	objects := map[string]map[string]any{}
	for _, name := range genericConfigAttributes {
		v, err := configFromTerraform(attrs[name])
		switch v := v.(type) {
		case map[string]any:
			objects[name] = v
		case nil, unknownConfigValue:
		default:
			diags.AddAttributeError(path.Root(name), "Invalid plugin configuration",
				fmt.Sprintf("%s must be an object of Kong config fields, for example { minute = 10 }.", name))
		}
		if err != nil {
			diags.AddAttributeError(path.Root(name), "Invalid plugin configuration", err.Error())
		}
	}
	for _, field := range overlappingFields(objects["config"], objects["sensitive_config"], []string{"config"}) {
		diags.AddAttributeError(path.Root("sensitive_config"), "Field set twice",
			fmt.Sprintf("%s is set in both config and sensitive_config; set it in one of them.", dottedPath(field)))
	}
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
	if !m.CreatedAt.IsNull() && !m.CreatedAt.IsUnknown() {
		// Kong resets created_at on every PUT unless the body carries it.
		created := m.CreatedAt.ValueInt64()
		e.CreatedAt = &created
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
func (r *pluginResource) sendPlugin(ctx context.Context, method, idOrName string, body any) (*pluginEntity, error) {
	// go-kong encodes the body as JSON; json.Number values in the config are written as the numbers they are.
	req, err := r.data.client.Kong.NewRequest(method, "/plugins/"+url.PathEscape(idOrName), nil, body)
	if err != nil {
		return nil, err
	}
	if method == http.MethodDelete {
		_, err := r.data.client.Kong.Do(ctx, req, nil) // 204, no body
		return nil, err
	}
	var raw json.RawMessage
	if _, err := r.data.client.Kong.Do(ctx, req, &raw); err != nil {
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

func (r *pluginResource) label(name string, m pluginScopeModel) string {
	if name == "" {
		name = r.def.pluginName
	}
	return strings.TrimSpace(name+" plugin ") + " " + describe(m.InstanceName, m.ID)
}

func (r *pluginResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	scope := loadScope(ctx, req.Plan.Schema, req.Plan.Raw, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	scope.ID = types.StringValue(newEntityID())
	r.put(ctx, scope, req.Plan, req.Config, &resp.State, &resp.Diagnostics, true)
}

func (r *pluginResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	scope := loadScope(ctx, req.Plan.Schema, req.Plan.Raw, &resp.Diagnostics)
	var prior pluginScopeModel
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &prior.ID)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("created_at"), &prior.CreatedAt)...)
	if resp.Diagnostics.HasError() {
		return
	}
	scope.ID, scope.CreatedAt = prior.ID, prior.CreatedAt
	r.put(ctx, scope, req.Plan, req.Config, &resp.State, &resp.Diagnostics, false)
}

// put writes the whole plugin with one PUT: Kong replaces every field, so a config field or attribute
// removed from the configuration returns to Kong's default. The state is the plan (the config exactly as
// written) plus what only Kong knows.
func (r *pluginResource) put(ctx context.Context, scope pluginScopeModel, plan tfsdk.Plan, config tfsdk.Config, state *tfsdk.State, diags *diag.Diagnostics, creating bool) {
	name, _ := r.pluginName(ctx, plan, diags)
	cfg, _, err := r.userConfig(plan.Raw, config.Raw)
	if err != nil {
		diags.AddError("Invalid plugin configuration", err.Error())
		return
	}
	if r.def.completeConfig != nil {
		r.def.completeConfig(cfg)
	}
	body := expandPlugin(ctx, name, scope, cfg, r.data.defaultTags, diags)
	if diags.HasError() {
		return
	}
	var got *pluginEntity
	send := func() (err error) {
		got, err = r.sendPlugin(ctx, http.MethodPut, scope.ID.ValueString(), body)
		return err
	}
	owned := ownedEntity{typeName: r.typeName(), noun: name + " plugin", keys: pluginKeys(name, scope)}
	if creating {
		if !putNew(ctx, r.data, owned, scope.ID.ValueString(), plan, state, diags, send) {
			return
		}
	} else if err := send(); isConflict(err) {
		reportTaken(ctx, r.data, owned, false, err, diags)
		return
	} else if err != nil {
		addKongError(diags, "Cannot write Kong "+r.label(name, scope), err, r.def.errorAttribute)
		return
	}
	stored := flattenPluginScope(*got, scope, r.data.defaultTags)
	if !scope.Protocols.IsUnknown() {
		stored.Protocols = scope.Protocols
	}
	stored.Tags = scope.Tags
	state.Raw = plan.Raw.Copy()
	setState(ctx, state, stored, diags)
}

func (r *pluginResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	prior := loadScope(ctx, req.State.Schema, req.State.Raw, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	got := &pluginEntity{}
	err := r.data.client.Get(ctx, kongclient.Plugins, prior.ID.ValueString(), got)
	if kong.IsNotFoundErr(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addKongError(&resp.Diagnostics, "Cannot read Kong "+r.label("", prior), err)
		return
	}
	if !r.def.generic() && got.Name != r.def.pluginName {
		resp.Diagnostics.AddError("Not a "+r.def.pluginName+" plugin",
			fmt.Sprintf("Kong plugin %s is a %q plugin. Manage it with kong_plugin or the resource for that plugin.", got.ID, got.Name))
		return
	}
	imported, diags := req.Private.GetKey(ctx, importedKey)
	resp.Diagnostics.Append(diags...)

	setState(ctx, &resp.State, flattenPluginScope(*got, prior, r.data.defaultTags), &resp.Diagnostics)
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

func (r *pluginResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	scope := loadScope(ctx, req.State.Schema, req.State.Raw, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if _, err := r.sendPlugin(ctx, http.MethodDelete, scope.ID.ValueString(), nil); err != nil && !kong.IsNotFoundErr(err) {
		addKongError(&resp.Diagnostics, "Cannot delete Kong "+r.label("", scope), err)
	}
}

// importedKey marks, in private state, a plugin that was just imported: its first read keeps the config
// fields that differ from Kong's defaults instead of projecting onto a prior configuration.
const importedKey = "imported"

// ImportState accepts the plugin's id or its instance_name; Read resolves a name to the id.
func (r *pluginResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByIDOrName(ctx, req, resp)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedKey, []byte("true"))...)
}

// ModifyPlan checks the plan against the running Kong, reading only: the plugin must exist on the node,
// and Kong's own validator must accept the configuration. It also plans the default protocols.
func (r *pluginResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil {
		return
	}
	name, known := r.pluginName(ctx, req.Plan, &resp.Diagnostics)
	if !known || resp.Diagnostics.HasError() {
		return
	}
	r.claim(ctx, name, req, resp)
	gw := r.data.client.Gateway
	// A node that does not list its plugins (an Admin API behind a restrictive proxy) leaves the question to
	// Kong's validator, which refuses unknown plugins too.
	if len(gw.PluginsAvailable) > 0 && !gw.HasPlugin(name) {
		at := path.Root("name")
		if !r.def.generic() {
			at = path.Empty()
		}
		resp.Diagnostics.AddAttributeError(at, "Plugin not available", pluginUnavailableMessage(name, gw))
		return
	}
	var configured types.Set
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("protocols"), &configured)...)
	// Without protocols in the configuration, an existing plugin is planned back to the plugin's default
	// protocols (so removing them resets them). A new plugin gets Kong's default on create; its protocols are
	// known after apply, which spares the schema request during apply.
	if configured.IsNull() && !req.State.Raw.IsNull() {
		ps, err := r.schemaOf(ctx, name)
		if err != nil {
			addKongError(&resp.Diagnostics, "Cannot read the schema of the "+name+" plugin", err)
			return
		}
		if len(ps.DefaultProtocols) > 0 {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("protocols"), ps.DefaultProtocols)...)
		}
	}
	r.planWriteOnlyFields(ctx, req, resp)
	r.checkEmptyProtocols(ctx, req, resp)
	if !req.State.Raw.IsNull() && resp.Plan.Raw.Equal(req.State.Raw) {
		return // nothing will be written, so there is nothing for Kong to judge; large configurations stay cheap to plan
	}
	r.validate(ctx, name, resp.Plan, req.Config, &resp.Diagnostics)
}

func pluginUnavailableMessage(name string, gw kongclient.Gateway) string {
	msg := fmt.Sprintf("The Kong node (%s %s) does not have the %q plugin.", gw.Edition, gw.Version, name)
	if enterpriseOnlyPlugins[name] && !gw.IsEnterprise() {
		return msg + " It is part of Kong Enterprise and cannot run on Kong OSS."
	}
	return msg + " Bundled plugins must be listed in the node's `plugins` setting; custom plugins must also be installed on every node."
}

// enterpriseOnlyPlugins are plugins users commonly expect on Kong OSS; the list only improves a message.
var enterpriseOnlyPlugins = map[string]bool{
	"request-validator": true, "openid-connect": true, "rate-limiting-advanced": true, "oas-validation": true,
	"jwt-signer": true, "mtls-auth": true, "request-transformer-advanced": true,
}

// validate sends the known part of the planned plugin to Kong's validator and reports its complaints on the
// attributes concerned. Complaints that may stem from values not known yet are dropped: they are checked
// again when the values are known (during apply, before anything is written).
func (r *pluginResource) validate(ctx context.Context, name string, plan tfsdk.Plan, config tfsdk.Config, diags *diag.Diagnostics) {
	scope := loadScope(ctx, plan.Schema, plan.Raw, diags)
	cfg, known, err := r.userConfig(plan.Raw, config.Raw)
	if err != nil || !known || diags.HasError() {
		return // unknown as a whole, or already reported by ValidateConfig
	}
	cfg, unknown := withoutUnknowns(cfg, []string{"config"})
	if r.def.completeConfig != nil {
		r.def.completeConfig(cfg)
	}
	if scope.Protocols.IsUnknown() {
		unknown = append(unknown, []string{"protocols"})
	}
	var scratch diag.Diagnostics
	entity := expandPlugin(ctx, name, scope, cfg, nil, &scratch)
	entity.ID, entity.Tags, entity.CreatedAt = "", nil, nil // not the validator's concern
	// Only whether a scope is set matters to the validator, not which entity it names; with the same
	// placeholder everywhere, plugins that share a configuration share one validation per run.
	for _, fk := range []*foreignKey{entity.Service, entity.Route, entity.Consumer} {
		if fk != nil {
			fk.ID = placeholderID
		}
	}
	if scope.InstanceName.IsUnknown() {
		entity.InstanceName = nil
	}
	fieldErrs, err := r.data.client.ValidatePlugin(ctx, entity)
	if kong.IsForbiddenErr(err) {
		// A token that may only read (Kong Enterprise RBAC, the usual token of a pull-request plan in
		// Atlantis) may not POST even to the side-effect-free validator. The plan stays useful without it.
		diags.AddWarning("Kong-side validation of the "+name+" plugin configuration was skipped",
			"Kong refused to validate the configuration because the admin token may not write ("+kongErrorDetail(err)+"). "+
				"The plan still checks that the plugin is available on the node, the attribute types and the "+
				"provider's own rules, but not the config fields and values against Kong's schema: Kong checks "+
				"those at apply, made with a token that may write.")
		return
	}
	if err != nil {
		addKongError(diags, "Cannot validate the "+name+" plugin configuration", err)
		return
	}
	for _, fe := range relevantFieldErrors(fieldErrs, unknown) {
		detail := fmt.Sprintf("Kong rejects the %s plugin configuration: %s", name, fe)
		if at, ok := r.def.errorAttribute(fe); ok {
			diags.AddAttributeError(at, "Invalid plugin configuration", detail)
		} else {
			diags.AddError("Invalid plugin configuration", detail)
		}
	}
}

// relevantFieldErrors drops the errors that may only be due to values not known yet: errors on an unknown
// field, on something inside it or on the record holding it, and cross-field errors naming it.
func relevantFieldErrors(errs []kongclient.FieldError, unknown [][]string) []kongclient.FieldError {
	var out []kongclient.FieldError
	for _, fe := range errs {
		if !concernsUnknown(fe, unknown) {
			out = append(out, fe)
		}
	}
	return out
}

func concernsUnknown(fe kongclient.FieldError, unknown [][]string) bool {
	for _, u := range unknown {
		if fe.Entity {
			if strings.Contains(fe.Message, "'"+dottedPath(u)+"'") {
				return true
			}
			continue
		}
		if isPrefix(u, fe.Path) || isPrefix(fe.Path, u) {
			return true
		}
	}
	return false
}

func isPrefix(prefix, p []string) bool {
	if len(prefix) > len(p) {
		return false
	}
	for i := range prefix {
		if prefix[i] != p[i] {
			return false
		}
	}
	return true
}

// errorFieldPath is the field an error is about. A cross-field error is put on the first field its
// message names: 'config.allow' from the plugin down, or 'style' within the record the error is about.
func errorFieldPath(fe kongclient.FieldError) []string {
	if !fe.Entity {
		return fe.Path
	}
	m := namedFieldPattern.FindStringSubmatch(fe.Message)
	if m == nil {
		return fe.Path
	}
	if strings.Contains(m[1], ".") {
		return strings.Split(m[1], ".") // named from the plugin down: 'config.allow'
	}
	return appendStep(fe.Path, m[1]) // named within the record: 'style'
}

// namedFieldPattern finds a field named in a cross-field message: 'config.allow' or 'style'.
var namedFieldPattern = regexp.MustCompile(`'([a-z0-9_]+(?:\.[a-z0-9_]+)*)'`)

// errorAttribute is the attribute a validation error belongs on, if the error names one.
func (d *pluginDefinition) errorAttribute(fe kongclient.FieldError) (path.Path, bool) {
	if at, ok := d.attributePath(errorFieldPath(fe)); ok {
		return at, true
	}
	// Kong's custom entity checks name their field unquoted, first: "proxy_url scheme must be http".
	first, _, _ := strings.Cut(fe.Message, " ")
	if _, ok := d.configAttributes[first]; fe.Entity && len(fe.Path) == 0 && ok {
		return d.attributePath([]string{"config", first})
	}
	return path.Empty(), false
}

// attributePath maps a Kong field path onto the attribute that sets it.
func (d *pluginDefinition) attributePath(p []string) (path.Path, bool) {
	if len(p) == 0 {
		return path.Empty(), false
	}
	switch p[0] {
	case "service", "route", "consumer":
		return path.Root(p[0] + "_id"), true
	case "name", "instance_name", "protocols", "enabled", "tags":
		return path.Root(p[0]), true
	case "config":
	default:
		return path.Empty(), false
	}
	if d.generic() {
		return path.Root("config"), true
	}
	if len(p) < 2 {
		return path.Empty(), false
	}
	at, found := path.Root(p[1]), false
	if _, ok := d.configAttributes[p[1]]; ok {
		found = true
	}
	for attrName, field := range d.writeOnlyAttributes {
		if field == p[1] && !found {
			at, found = path.Root(attrName), true
		}
	}
	if !found {
		return path.Empty(), false
	}
	for _, step := range p[2:] {
		if i, err := strconv.Atoi(step); err == nil {
			at = at.AtListIndex(i)
		} else {
			at = at.AtName(step)
		}
	}
	return at, true
}
