package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// BenchmarkModelCodec compares one read and one write of a model through the codec with the framework's
// Get and Set, on kong_consumer (the framework cannot fill the models of resources with whole-number
// attributes at all: it refuses a wholeNumberType value for a types.Int64 field).
func BenchmarkModelCodec(b *testing.B) {
	ctx := context.Background()
	var resp resource.SchemaResponse
	NewConsumerResource().Schema(ctx, resource.SchemaRequest{}, &resp)
	state := tfsdk.State{Schema: resp.Schema, Raw: sampleValue(resp.Schema.Type().TerraformType(ctx), "", true)}
	b.Run("codec", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m, _ := getModel[consumerModel](ctx, state.Schema, state.Raw)
			out := tfsdk.State{Schema: state.Schema, Raw: tftypes.NewValue(state.Raw.Type(), nil)}
			var d diag.Diagnostics
			setState(ctx, &out, m, &d)
		}
	})
	b.Run("framework", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var m consumerModel
			state.Get(ctx, &m)
			out := tfsdk.State{Schema: state.Schema, Raw: tftypes.NewValue(state.Raw.Type(), nil)}
			out.Set(ctx, m)
		}
	})
}
