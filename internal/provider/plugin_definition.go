package provider

import (
	"context"
	"fmt"

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
			Validators:  []validator.String{uuidRule},
			Description: "Id of the service whose requests the plugin handles. Leave `service_id`, `route_id` and `consumer_id` unset for a global plugin that handles every request.",
		},
		"route_id": schema.StringAttribute{
			Optional:    true,
			Validators:  []validator.String{uuidRule},
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
			Validators:  []validator.String{uuidRule},
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
	return schema.Schema{Description: d.description, Attributes: wholeNumbers(attrs)}
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
