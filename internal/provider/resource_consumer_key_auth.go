package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// NewConsumerKeyAuthResource is the kong_consumer_key_auth resource. Work in progress: the schema and lifecycle follow.
func NewConsumerKeyAuthResource() resource.Resource { return &consumerKeyAuthResource{} }

type consumerKeyAuthResource struct{}

func (r *consumerKeyAuthResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_consumer_key_auth"
}

func (r *consumerKeyAuthResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true},
	}}
}

func (r *consumerKeyAuthResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {
}
func (r *consumerKeyAuthResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {
}
func (r *consumerKeyAuthResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {
}
func (r *consumerKeyAuthResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}
