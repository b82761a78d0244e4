package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// NewConsumerACLResource is the kong_consumer_acl resource. Work in progress: the schema and lifecycle follow.
func NewConsumerACLResource() resource.Resource { return &consumerACLResource{} }

type consumerACLResource struct{}

func (r *consumerACLResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_consumer_acl"
}

func (r *consumerACLResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true},
	}}
}

func (r *consumerACLResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {
}
func (r *consumerACLResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}
func (r *consumerACLResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {
}
func (r *consumerACLResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}
