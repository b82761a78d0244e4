package provider

import (
	"context"
	"math/big"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The codec must read and write exactly what the framework's Get and Set do, for every flat model and the
// schema it is used with, with every attribute set and with every attribute null.
func TestModelCodecAgreesWithTheFramework(t *testing.T) {
	ctx := context.Background()
	resourceSchema := func(r resource.Resource) tfsdk.State {
		var resp resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &resp)
		return tfsdk.State{Schema: resp.Schema}
	}
	dataSourceSchema := func(d datasource.DataSource) tfsdk.State {
		var resp datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &resp)
		return tfsdk.State{Schema: resp.Schema}
	}
	cases := map[string]struct {
		state tfsdk.State
		check func(t *testing.T, state tfsdk.State)
	}{
		"kong_service":           {resourceSchema(NewServiceResource()), agreesWithFramework[serviceModel]},
		"kong_route":             {resourceSchema(NewRouteResource()), agreesWithFramework[routeModel]},
		"kong_consumer":          {resourceSchema(NewConsumerResource()), agreesWithFramework[consumerModel]},
		"kong_consumer_acl":      {resourceSchema(NewConsumerACLResource()), agreesWithFramework[consumerACLModel]},
		"kong_consumer_key_auth": {resourceSchema(NewConsumerKeyAuthResource()), agreesWithFramework[consumerKeyAuthModel]},
		"data kong_service":      {dataSourceSchema(NewServiceDataSource()), agreesWithFramework[serviceModel]},
		"data kong_route":        {dataSourceSchema(NewRouteDataSource()), agreesWithFramework[routeModel]},
		"data kong_consumer":     {dataSourceSchema(NewConsumerDataSource()), agreesWithFramework[consumerModel]},
		"data kong_gateway":      {dataSourceSchema(NewGatewayDataSource()), agreesWithFramework[gatewayModel]},
	}
	for name, c := range cases {
		objectType := c.state.Schema.Type().TerraformType(ctx)
		for _, filled := range []bool{true, false} {
			state := c.state
			state.Raw = sampleValue(objectType, "", filled)
			t.Run(name+map[bool]string{true: " set", false: " null"}[filled], func(t *testing.T) { c.check(t, state) })
		}
	}
}

func agreesWithFramework[M any](t *testing.T, state tfsdk.State) {
	ctx := context.Background()
	var want M
	if diags := state.Get(ctx, &want); diags.HasError() {
		t.Fatalf("framework Get: %v", diags)
	}
	got, diags := getModel[M](ctx, state.Schema, state.Raw)
	if diags.HasError() {
		t.Fatalf("getModel: %v", diags)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("getModel = %+v\nframework Get = %+v", got, want)
	}
	framework := tfsdk.State{Schema: state.Schema, Raw: tftypes.NewValue(state.Raw.Type(), nil)}
	if diags := framework.Set(ctx, want); diags.HasError() {
		t.Fatalf("framework Set: %v", diags)
	}
	written, diags := setModel(ctx, state.Schema, tftypes.NewValue(state.Raw.Type(), nil), got)
	if diags.HasError() {
		t.Fatalf("setModel: %v", diags)
	}
	if !written.Equal(framework.Raw) || !written.Equal(state.Raw) {
		t.Fatalf("setModel = %v\nframework Set = %v\nread from %v", written, framework.Raw, state.Raw)
	}
}

// A plugin's scope is part of its attributes: the codec reads and writes those and keeps the others, and
// leaves consumer_id null where the schema has none.
func TestModelCodecReadsAndWritesPartOfAnObject(t *testing.T) {
	ctx := context.Background()
	for _, r := range []resource.Resource{NewPluginResource(), NewPluginCORSResource()} {
		var resp resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &resp)
		state := tfsdk.State{Schema: resp.Schema}
		objectType := resp.Schema.Type().TerraformType(ctx).(tftypes.Object)
		state.Raw = sampleValue(objectType, "", true)
		_, hasConsumer := objectType.AttributeTypes["consumer_id"]

		scope, diags := getModel[pluginScopeModel](ctx, state.Schema, state.Raw)
		if diags.HasError() {
			t.Fatal(diags)
		}
		var instance types.String
		state.GetAttribute(ctx, path.Root("instance_name"), &instance)
		if !scope.InstanceName.Equal(instance) || scope.InstanceName.IsNull() {
			t.Errorf("instance_name = %v, want %v", scope.InstanceName, instance)
		}
		if scope.ConsumerID.IsNull() == hasConsumer {
			t.Errorf("consumer_id = %v, schema has consumer_id: %t", scope.ConsumerID, hasConsumer)
		}

		scope.InstanceName = types.StringValue("changed")
		written, diags := setModel(ctx, state.Schema, state.Raw, scope)
		if diags.HasError() {
			t.Fatal(diags)
		}
		after := tfsdk.State{Schema: state.Schema, Raw: written}
		after.GetAttribute(ctx, path.Root("instance_name"), &instance)
		if instance.ValueString() != "changed" {
			t.Errorf("instance_name after setModel = %v", instance)
		}
		var before, kept types.Bool
		state.GetAttribute(ctx, path.Root("enabled"), &before)
		after.GetAttribute(ctx, path.Root("enabled"), &kept)
		if !kept.Equal(before) {
			t.Errorf("enabled changed from %v to %v", before, kept)
		}
		beforeAttrs, afterAttrs := map[string]tftypes.Value{}, map[string]tftypes.Value{}
		state.Raw.As(&beforeAttrs)
		written.As(&afterAttrs)
		for name, v := range beforeAttrs {
			if name != "instance_name" && !afterAttrs[name].Equal(v) {
				t.Errorf("%s changed from %v to %v, though the scope does not name it or kept it", name, v, afterAttrs[name])
			}
		}
	}
}

func TestModelCodecRefusesModelsItCannotFill(t *testing.T) {
	ctx := context.Background()
	var resp resource.SchemaResponse
	NewConsumerResource().Schema(ctx, resource.SchemaRequest{}, &resp)
	raw := sampleValue(resp.Schema.Type().TerraformType(ctx), "", true)

	type plainField struct {
		Username string `tfsdk:"username"`
	}
	if _, diags := getModel[plainField](ctx, resp.Schema, raw); !diags.HasError() || !strings.Contains(diags[0].Detail(), "plainField.Username") {
		t.Errorf("a field that is not a framework value: %v", diags)
	}
	type wrongType struct {
		Username types.Int64 `tfsdk:"username"`
	}
	if _, diags := getModel[wrongType](ctx, resp.Schema, raw); !diags.HasError() {
		t.Error("a field of the wrong framework type was filled")
	}
	if _, diags := setModel(ctx, resp.Schema, raw, wrongType{Username: types.Int64Value(1)}); !diags.HasError() {
		t.Error("a value of the wrong type was written")
	}
}

// sampleValue is a value of type t with every attribute and element set (or, unless filled, null).
func sampleValue(t tftypes.Type, name string, filled bool) tftypes.Value {
	if !filled && name != "" {
		return tftypes.NewValue(t, nil)
	}
	switch {
	case t.Is(tftypes.String), t.Is(tftypes.DynamicPseudoType):
		return tftypes.NewValue(tftypes.String, "value-of-"+name)
	case t.Is(tftypes.Number):
		return tftypes.NewValue(t, big.NewFloat(float64(len(name))))
	case t.Is(tftypes.Bool):
		return tftypes.NewValue(t, true)
	case t.Is(tftypes.List{}):
		return tftypes.NewValue(t, []tftypes.Value{sampleValue(t.(tftypes.List).ElementType, name, true)})
	case t.Is(tftypes.Set{}):
		return tftypes.NewValue(t, []tftypes.Value{sampleValue(t.(tftypes.Set).ElementType, name, true)})
	case t.Is(tftypes.Map{}):
		return tftypes.NewValue(t, map[string]tftypes.Value{"k": sampleValue(t.(tftypes.Map).ElementType, name, true)})
	case t.Is(tftypes.Object{}):
		values := map[string]tftypes.Value{}
		for attr, attrType := range t.(tftypes.Object).AttributeTypes {
			values[attr] = sampleValue(attrType, attr, filled)
		}
		return tftypes.NewValue(t, values)
	}
	panic("sampleValue: unexpected type " + t.String())
}
