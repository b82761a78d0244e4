package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// NewPluginKeyAuthResource is the kong_plugin_key_auth resource. Work in progress: the schema and lifecycle follow.
func NewPluginKeyAuthResource() resource.Resource { return &pluginKeyAuthResource{} }

type pluginKeyAuthResource struct{}

func (r *pluginKeyAuthResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_plugin_key_auth"
}

func (r *pluginKeyAuthResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true},
	}}
}

func (r *pluginKeyAuthResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {
}
func (r *pluginKeyAuthResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}
func (r *pluginKeyAuthResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {
}
func (r *pluginKeyAuthResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}
