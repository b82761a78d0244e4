package provider

import (
	"context"
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Why this type exists: Terraform's number type has no integers, so `port = 443.5` or
// `port = 9223372036854775808` reach the provider as valid numbers. The framework's Int64 type cannot hold
// them and fails while merely reading the configuration, with "Value %!s(*big.Float=443.5) is not an integer
// ... This is always an error in the provider. Please report the following to the provider developer".
// wholeNumberType reads any number; a value that is not a whole int64 becomes unknown to the rest of the
// provider (so range validators and models skip it) and reports itself, through xattr.ValidateableAttribute,
// as "port must be a whole number" on the attribute, at plan.
//
// Every settable Int64 attribute of every resource uses it: wrap a schema's attributes in wholeNumbers, or
// set `CustomType: wholeNumberType{}` by hand. Models keep types.Int64 fields: getModel converts (see
// model_codec.go). Plugin resources: wrap your attribute maps in wholeNumbers (nested attributes included);
// where you read values with the framework's reflection (ElementsAs, Get), read an Int64 attribute into a
// wholeNumber field, or call int64Of on the attr.Value.

var (
	_ basetypes.Int64Typable      = wholeNumberType{}
	_ basetypes.Int64Valuable     = wholeNumber{}
	_ xattr.ValidateableAttribute = wholeNumber{}
)

// wholeNumberType is an Int64 type that tolerates any number in the configuration and reports the ones
// that are not whole int64 values as a validation error.
type wholeNumberType struct{ basetypes.Int64Type }

func (t wholeNumberType) Equal(o attr.Type) bool { _, ok := o.(wholeNumberType); return ok }
func (t wholeNumberType) String() string         { return "wholeNumberType" }

func (t wholeNumberType) ValueType(context.Context) attr.Value { return wholeNumber{} }

func (t wholeNumberType) ValueFromInt64(_ context.Context, v basetypes.Int64Value) (basetypes.Int64Valuable, diag.Diagnostics) {
	return wholeNumber{Int64Value: v}, nil
}

// Validate replaces Int64Type's: its complaint about fractions would come without the attribute's name.
// The framework calls ValidateAttribute on the value instead.
func (t wholeNumberType) Validate(context.Context, tftypes.Value, path.Path) diag.Diagnostics {
	return nil
}

func (t wholeNumberType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	if in.IsKnown() && !in.IsNull() {
		var f *big.Float
		if err := in.As(&f); err != nil {
			return nil, err
		}
		if _, accuracy := f.Int64(); !f.IsInt() || accuracy != big.Exact {
			return wholeNumber{Int64Value: types.Int64Unknown(), notWhole: f}, nil
		}
	}
	v, err := t.Int64Type.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	return wholeNumber{Int64Value: v.(basetypes.Int64Value)}, nil
}

// wholeNumber is a value of wholeNumberType. notWhole holds a configured number that is not a whole int64;
// the embedded value is then unknown.
type wholeNumber struct {
	basetypes.Int64Value
	notWhole *big.Float
}

func (v wholeNumber) Type(context.Context) attr.Type { return wholeNumberType{} }

func (v wholeNumber) Equal(o attr.Value) bool {
	other, ok := o.(wholeNumber)
	if !ok {
		return false
	}
	if v.notWhole != nil || other.notWhole != nil {
		return v.notWhole != nil && other.notWhole != nil && v.notWhole.Cmp(other.notWhole) == 0
	}
	return v.Int64Value.Equal(other.Int64Value)
}

// ToTerraformValue gives back the number as configured, even when it is not whole, so the configuration
// the framework reads and the one Terraform sent stay the same.
func (v wholeNumber) ToTerraformValue(ctx context.Context) (tftypes.Value, error) {
	if v.notWhole != nil {
		return tftypes.NewValue(tftypes.Number, v.notWhole), nil
	}
	return v.Int64Value.ToTerraformValue(ctx)
}

func (v wholeNumber) String() string {
	if v.notWhole != nil {
		return v.notWhole.Text('f', -1)
	}
	return v.Int64Value.String()
}

func (v wholeNumber) ValidateAttribute(_ context.Context, req xattr.ValidateAttributeRequest, resp *xattr.ValidateAttributeResponse) {
	if v.notWhole == nil {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Not a whole number", wholeNumberProblem(attributeName(req.Path), v.notWhole))
}

// wholeNumberProblem explains why a configured number cannot be used.
func wholeNumberProblem(name string, f *big.Float) string {
	if f.IsInt() {
		return fmt.Sprintf("%s must be a whole number between %d and %d; %s is out of that range.",
			name, int64(-1<<63), int64(1<<63-1), f.Text('f', -1))
	}
	return fmt.Sprintf("%s must be a whole number; %s is not.", name, f.Text('f', -1))
}

// attributeName is the name the user wrote for the attribute at p: its last attribute step.
func attributeName(p path.Path) string {
	steps := p.Steps()
	for i := len(steps) - 1; i >= 0; i-- {
		if name, ok := steps[i].(path.PathStepAttributeName); ok {
			return string(name)
		}
	}
	return p.String()
}

// int64Of reads an Int64 attribute's value whatever its type: types.Int64 or wholeNumber.
func int64Of(ctx context.Context, v attr.Value) (types.Int64, diag.Diagnostics) {
	if iv, ok := v.(basetypes.Int64Valuable); ok {
		return iv.ToInt64Value(ctx)
	}
	var diags diag.Diagnostics
	diags.AddError("Provider error: not an integer attribute", fmt.Sprintf("Got a %T.", v))
	return types.Int64Unknown(), diags
}

// wholeNumbers gives every settable Int64 attribute in attrs, nested ones included, the type wholeNumberType,
// so none of them can fail on a fraction or an overflow with an error that blames the provider.
func wholeNumbers(attrs map[string]schema.Attribute) map[string]schema.Attribute {
	for name, a := range attrs {
		switch a := a.(type) {
		case schema.Int64Attribute:
			if (a.Optional || a.Required) && a.CustomType == nil {
				a.CustomType = wholeNumberType{}
				attrs[name] = a
			}
		case schema.SingleNestedAttribute:
			a.Attributes = wholeNumbers(a.Attributes)
			attrs[name] = a
		case schema.ListNestedAttribute:
			a.NestedObject.Attributes = wholeNumbers(a.NestedObject.Attributes)
			attrs[name] = a
		case schema.SetNestedAttribute:
			a.NestedObject.Attributes = wholeNumbers(a.NestedObject.Attributes)
			attrs[name] = a
		case schema.MapNestedAttribute:
			a.NestedObject.Attributes = wholeNumbers(a.NestedObject.Attributes)
			attrs[name] = a
		}
	}
	return attrs
}
