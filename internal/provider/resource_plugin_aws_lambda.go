package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// NewPluginAWSLambdaResource is the kong_plugin_aws_lambda resource. Work in progress: the schema and lifecycle follow.
func NewPluginAWSLambdaResource() resource.Resource { return &pluginAWSLambdaResource{} }

type pluginAWSLambdaResource struct{}

func (r *pluginAWSLambdaResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_plugin_aws_lambda"
}

func (r *pluginAWSLambdaResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true},
	}}
}

func (r *pluginAWSLambdaResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {
}
func (r *pluginAWSLambdaResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {
}
func (r *pluginAWSLambdaResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {
}
func (r *pluginAWSLambdaResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}
