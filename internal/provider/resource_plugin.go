package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// NewPluginResource is the kong_plugin resource. Work in progress: the schema and lifecycle follow.
func NewPluginResource() resource.Resource { return &pluginResource{} }

type pluginResource struct{}

func (r *pluginResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_plugin"
}

func (r *pluginResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true},
	}}
}

func (r *pluginResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {}
func (r *pluginResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse)       {}
func (r *pluginResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {}
func (r *pluginResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
