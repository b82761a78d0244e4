package provider

import (
	"context"
	"fmt"
	"reflect"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// getModel and setModel convert between a model (a struct of framework values, one field per attribute,
// tagged `tfsdk:"name"`) and the Terraform value of a configuration, plan or state of the schema's type.
// Resources use them in place of the framework's Get and Set, in every call they make per resource.
//
// Why: terraform-plugin-framework v1.19.0 inspects the model's struct tags on every Get and Set and compiles
// a regular expression for every field while doing so (internal/reflect isValidFieldName). Measured with
// BenchmarkModelCodec (go test -bench ModelCodec ./internal/provider/, 2 shared cores): one Get and one Set
// of kong_consumer take 6 KB and 107 allocations through the codec, 41 KB and 693 through the framework
// (about 2.4 times the CPU); a plan makes three reads and one write per resource, about 1 s of a 31 s plan
// of 5,000 entities (bench/README.md). Besides, the framework refuses to fill a types.Int64 field from a
// wholeNumberType attribute, which every Int64 attribute of the resources is (types_whole_number.go): without
// the codec every model would carry the custom value type. TestModelCodecAgreesWithTheFramework walks
// every resource and data source; TestModelCodecCanary fails once the framework's Get and Set cost less
// than twice the codec's, when it should go.
//
// Like the framework, the codec refuses a tagged field whose attribute the schema lacks, unless the field
// is also tagged `codec:"optional"` (a plugin's consumer_id, absent where Kong forbids a consumer).

// modelField is one tagged field of a model.
type modelField struct {
	name     string
	index    int
	optional bool // the schema may lack the attribute; the field then stays null
}

type modelFields struct {
	fields []modelField
	err    error
}

// fieldsByModel caches modelFields by model type.
var fieldsByModel sync.Map

// fieldsOf lists the model's tagged fields, each of which must hold a framework value.
func fieldsOf(t reflect.Type) ([]modelField, error) {
	if cached, ok := fieldsByModel.Load(t); ok {
		f := cached.(modelFields)
		return f.fields, f.err
	}
	var f modelFields
	valueType := reflect.TypeFor[attr.Value]()
	for i := range t.NumField() {
		field := t.Field(i)
		name := field.Tag.Get("tfsdk")
		if name == "" || name == "-" {
			continue
		}
		if !field.Type.Implements(valueType) {
			f = modelFields{err: fmt.Errorf("%s.%s is a %s, not a framework value", t.Name(), field.Name, field.Type)}
			break
		}
		f.fields = append(f.fields, modelField{name: name, index: i, optional: field.Tag.Get("codec") == "optional"})
	}
	fieldsByModel.Store(t, f)
	return f.fields, f.err
}

func missingAttribute(t reflect.Type, f modelField) string {
	return fmt.Sprintf("%s.%s is tagged %q, an attribute the schema does not have.", t.Name(), t.Field(f.index).Name, f.name)
}

// modelRoundTrip reads a value into a resource's or data source's model and writes the model back, as its
// calls do; the codec's tests walk every resource and data source through it (see codecModel).
type modelRoundTrip func(ctx context.Context, schema schemaTyper, raw tftypes.Value) (tftypes.Value, diag.Diagnostics)

// codecModel is implemented by every resource and data source whose values go through the codec.
type codecModel interface {
	modelRoundTrip() modelRoundTrip
}

func roundTripOf[M any]() modelRoundTrip {
	return func(ctx context.Context, schema schemaTyper, raw tftypes.Value) (tftypes.Value, diag.Diagnostics) {
		m, diags := getModel[M](ctx, schema, raw)
		if diags.HasError() {
			return raw, diags
		}
		return setModel(ctx, schema, tftypes.NewValue(raw.Type(), nil), m)
	}
}

// schemaTyper is the part of a configuration's, plan's or state's schema the codec needs.
type schemaTyper interface {
	Type() attr.Type
}

// getModel reads a configuration, plan or state (its schema and raw value) into a model.
func getModel[M any](ctx context.Context, schema schemaTyper, raw tftypes.Value) (M, diag.Diagnostics) {
	var m M
	var diags diag.Diagnostics
	fields, err := fieldsOf(reflect.TypeFor[M]())
	if err != nil {
		diags.AddError("Provider error: bad model", err.Error())
		return m, diags
	}
	attrTypes := attributeTypes(schema.Type())
	var values map[string]tftypes.Value
	if err := raw.As(&values); err != nil {
		diags.AddError("Provider error: cannot read the resource's value", err.Error())
		return m, diags
	}
	target := reflect.ValueOf(&m).Elem()
	for _, f := range fields {
		attrType, ok := attrTypes[f.name]
		if !ok {
			if !f.optional {
				diags.AddError("Provider error: bad model", missingAttribute(reflect.TypeFor[M](), f))
				return m, diags
			}
			continue
		}
		v, err := attrType.ValueFromTerraform(ctx, values[f.name])
		if err != nil {
			diags.AddAttributeError(path.Root(f.name), "Provider error: cannot read attribute", err.Error())
			return m, diags
		}
		field := target.Field(f.index)
		if i, ok := v.(wholeNumber); ok && field.Type() == reflect.TypeFor[types.Int64]() {
			// A wholeNumberType attribute fills a plain types.Int64 field: models need not know the type.
			v = i.Int64Value
		}
		value := reflect.ValueOf(v)
		if !value.Type().AssignableTo(field.Type()) {
			diags.AddAttributeError(path.Root(f.name), "Provider error: bad model",
				fmt.Sprintf("The attribute holds a %s, the model's field is a %s.", value.Type(), field.Type()))
			return m, diags
		}
		field.Set(value)
	}
	return m, diags
}

// setModel returns raw, a value of the schema's type, with the model's attributes replaced; attributes the
// model does not name keep their values (null when raw is null, as a new state's is).
func setModel[M any](ctx context.Context, schema schemaTyper, raw tftypes.Value, m M) (tftypes.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	fields, err := fieldsOf(reflect.TypeFor[M]())
	if err != nil {
		diags.AddError("Provider error: bad model", err.Error())
		return raw, diags
	}
	schemaType := schema.Type()
	attrTypes := attributeTypes(schemaType)
	source := reflect.ValueOf(m)
	values := make(map[string]attr.Value, len(fields))
	for _, f := range fields {
		if _, ok := attrTypes[f.name]; ok {
			values[f.name] = source.Field(f.index).Interface().(attr.Value)
		} else if !f.optional {
			diags.AddError("Provider error: bad model", missingAttribute(reflect.TypeFor[M](), f))
			return raw, diags
		}
	}
	return setAttributes(ctx, schemaType, raw, values)
}

// setAttributes returns raw, a value of the schema's type (schema.Type()), with the given attributes replaced.
func setAttributes(ctx context.Context, schemaType attr.Type, raw tftypes.Value, values map[string]attr.Value) (tftypes.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	objectType, ok := schemaType.TerraformType(ctx).(tftypes.Object)
	if !ok {
		diags.AddError("Provider error: bad schema", "The schema's type is not an object.")
		return raw, diags
	}
	var current map[string]tftypes.Value
	if err := raw.As(&current); err != nil {
		diags.AddError("Provider error: cannot read the resource's value", err.Error())
		return raw, diags
	}
	merged := make(map[string]tftypes.Value, len(objectType.AttributeTypes))
	for name, attrType := range objectType.AttributeTypes {
		if v, ok := current[name]; ok {
			merged[name] = v
		} else {
			merged[name] = tftypes.NewValue(attrType, nil)
		}
	}
	for name, v := range values {
		tv, err := v.ToTerraformValue(ctx)
		if err != nil {
			diags.AddAttributeError(path.Root(name), "Provider error: cannot write attribute", err.Error())
			return raw, diags
		}
		merged[name] = tv
	}
	if err := tftypes.ValidateValue(objectType, merged); err != nil {
		diags.AddError("Provider error: bad model", err.Error())
		return raw, diags
	}
	return tftypes.NewValue(objectType, merged), diags
}

// attributeTypes are the framework types of an object type's attributes.
func attributeTypes(schemaType attr.Type) map[string]attr.Type {
	if object, ok := schemaType.(attr.TypeWithAttributeTypes); ok {
		return object.AttributeTypes()
	}
	return nil
}

// setState replaces a state's value with the model.
func setState[M any](ctx context.Context, state *tfsdk.State, m M, diags *diag.Diagnostics) {
	raw, d := setModel(ctx, state.Schema, state.Raw, m)
	diags.Append(d...)
	state.Raw = raw
}
