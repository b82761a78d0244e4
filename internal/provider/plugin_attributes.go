package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Attribute builders for the typed plugin resources. Every config attribute is Optional and never
// Computed: null means "Kong's default", so Kong's defaults never show in plans and removing an attribute
// resets the field.

func optionalString(description string, validators ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, Description: description, Validators: validators}
}

func optionalBool(description string) schema.BoolAttribute {
	return schema.BoolAttribute{Optional: true, Description: description}
}

// optionalNumber is for Kong's "number" fields, which accept fractions.
func optionalNumber(description string) schema.Float64Attribute {
	return schema.Float64Attribute{Optional: true, Description: description}
}

func optionalStringList(description string, validators ...validator.List) schema.ListAttribute {
	return schema.ListAttribute{ElementType: types.StringType, Optional: true, Description: description, Validators: validators}
}

// headerNamesValidator is Kong's rule for header names in plugin configs (the same as for route headers).
func headerNamesValidator() validator.List {
	return listvalidator.ValueStringsAre(stringvalidator.RegexMatches(headerNamePattern,
		"must be a header name: letters, digits, '-' and '_'"))
}
