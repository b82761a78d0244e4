package provider

import (
	"context"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Every resource and data source of the provider reads its values into its model and writes them back
// unchanged, with every attribute set, null, or unknown: no attribute is lost, and no model field is
// tagged with an attribute the schema lacks (getModel refuses those). The walk is over the provider's own
// lists, so a resource added later is checked without being named here.
func TestModelCodecAgreesWithTheFramework(t *testing.T) {
	ctx := context.Background()
	p := New("test")()
	type subject struct {
		name   string
		schema interface {
			Type() attr.Type
		}
		model any
	}
	var subjects []subject
	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "kong"}, &meta)
		var resp resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &resp)
		subjects = append(subjects, subject{meta.TypeName, resp.Schema, r})
	}
	for _, newDataSource := range p.DataSources(ctx) {
		d := newDataSource()
		var meta datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "kong"}, &meta)
		var resp datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &resp)
		subjects = append(subjects, subject{"data " + meta.TypeName, resp.Schema, d})
	}
	for _, s := range subjects {
		m, ok := s.model.(codecModel)
		if !ok {
			if _, isResource := s.model.(resource.Resource); isResource {
				t.Errorf("%s: every resource goes through the codec, but it has no modelRoundTrip", s.name)
			}
			continue // a data source that reads with the framework's Get
		}
		objectType := s.schema.Type().TerraformType(ctx)
		for _, sample := range []string{"set", "null", "unknown"} {
			t.Run(s.name+" "+sample, func(t *testing.T) {
				raw := sampleValue(objectType, "", sample == "set")
				if sample == "unknown" {
					raw = unknownAttributes(objectType.(tftypes.Object))
				}
				got, diags := m.modelRoundTrip()(ctx, s.schema, raw)
				if diags.HasError() {
					t.Fatal(diags)
				}
				if !got.Equal(raw) {
					t.Fatalf("read and written back:\n%v\nwas\n%v", got, raw)
				}
			})
		}
	}
}

// unknownAttributes is an object whose attributes are all unknown.
func unknownAttributes(t tftypes.Object) tftypes.Value {
	values := map[string]tftypes.Value{}
	for name, attrType := range t.AttributeTypes {
		values[name] = tftypes.NewValue(attrType, tftypes.UnknownValue)
	}
	return tftypes.NewValue(t, values)
}

// TestModelCodecCanary says when the codec can go: once the framework's Get and Set of a model cost less than
// twice the codec's allocations (today about 650 against 100, for kong_consumer), the codec's reason is gone:
// delete model_codec.go and use the framework's Get and Set.
func TestModelCodecCanary(t *testing.T) {
	ctx := context.Background()
	var resp resource.SchemaResponse
	NewConsumerResource().Schema(ctx, resource.SchemaRequest{}, &resp)
	state := tfsdk.State{Schema: resp.Schema, Raw: sampleValue(resp.Schema.Type().TerraformType(ctx), "", true)}
	empty := tftypes.NewValue(state.Raw.Type(), nil)
	codec := testing.AllocsPerRun(20, func() {
		m, _ := getModel[consumerModel](ctx, state.Schema, state.Raw)
		_, _ = setModel(ctx, state.Schema, empty, m)
	})
	framework := testing.AllocsPerRun(20, func() {
		var m consumerModel
		state.Get(ctx, &m)
		out := tfsdk.State{Schema: state.Schema, Raw: empty}
		out.Set(ctx, m)
	})
	t.Logf("allocations of one Get and one Set: codec %.0f, framework %.0f", codec, framework)
	if framework < 2*codec {
		t.Fatalf("the framework's Get and Set now allocate %.0f times, the codec %.0f: the codec is no longer worth its weight; delete it", framework, codec)
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
	// The framework refuses a tag without an attribute; so does the codec, unless the field says it may be absent.
	type unknownTag struct {
		Username types.String `tfsdk:"user_name"`
	}
	if _, diags := getModel[unknownTag](ctx, resp.Schema, raw); !diags.HasError() || !strings.Contains(diags[0].Detail(), "user_name") {
		t.Errorf("a tag without an attribute was read: %v", diags)
	}
	if _, diags := setModel(ctx, resp.Schema, raw, unknownTag{Username: types.StringValue("x")}); !diags.HasError() {
		t.Error("a tag without an attribute was written")
	}
	type optionalTag struct {
		Username types.String `tfsdk:"user_name" codec:"optional"`
	}
	if m, diags := getModel[optionalTag](ctx, resp.Schema, raw); diags.HasError() || !m.Username.IsNull() {
		t.Errorf("an optional field without an attribute: %v, %v", m, diags)
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
