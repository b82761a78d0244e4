package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// NewPluginCORSResource is the kong_plugin_cors resource. Work in progress: the schema and lifecycle follow.
func NewPluginCORSResource() resource.Resource { return &pluginCORSResource{} }

type pluginCORSResource struct{}

func (r *pluginCORSResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_plugin_cors"
}

func (r *pluginCORSResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true},
	}}
}

func (r *pluginCORSResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {
}
func (r *pluginCORSResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}
func (r *pluginCORSResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {
}
func (r *pluginCORSResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}
