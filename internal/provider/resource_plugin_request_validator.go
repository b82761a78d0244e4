package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// NewPluginRequestValidatorResource is the kong_plugin_request_validator resource. Work in progress: the schema and lifecycle follow.
func NewPluginRequestValidatorResource() resource.Resource { return &pluginRequestValidatorResource{} }

type pluginRequestValidatorResource struct{}

func (r *pluginRequestValidatorResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_plugin_request_validator"
}

func (r *pluginRequestValidatorResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true},
	}}
}

func (r *pluginRequestValidatorResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {
}
func (r *pluginRequestValidatorResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {
}
func (r *pluginRequestValidatorResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {
}
func (r *pluginRequestValidatorResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}
