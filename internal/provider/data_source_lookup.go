package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"
)

// What the entity data sources share: they find one entity by exactly one of several keys and show all of
// its attributes, computed, under the same names and model as the resource.

// lookupKey is one attribute a data source can find its entity by.
type lookupKey struct {
	attr  string
	value types.String
}

// chosenKey is the key the configuration set; exactlyOneKey guarantees there is one.
func chosenKey(keys ...lookupKey) lookupKey {
	for _, k := range keys {
		if !k.value.IsNull() {
			return k
		}
	}
	return keys[0]
}

func exactlyOneKey(attrs ...string) []datasource.ConfigValidator {
	expressions := make([]path.Expression, len(attrs))
	for i, a := range attrs {
		expressions[i] = path.MatchRoot(a)
	}
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(expressions...)}
}

// addLookupError reports a failed lookup on the key it used, so a missing entity says what was looked for.
func addLookupError(diags *diag.Diagnostics, entity string, key lookupKey, err error) {
	lookedFor := fmt.Sprintf("%s %q", key.attr, key.value.ValueString())
	if kong.IsNotFoundErr(err) {
		diags.AddAttributeError(path.Root(key.attr), "Kong "+entity+" not found",
			fmt.Sprintf("Kong has no %s with %s.", entity, lookedFor))
		return
	}
	addKongError(diags, fmt.Sprintf("Cannot read the Kong %s with %s", entity, lookedFor), err)
}

func lookupStringAttribute(description string, validators ...validator.String) dschema.StringAttribute {
	return dschema.StringAttribute{Optional: true, Computed: true, Description: description, Validators: validators}
}

func computedString(description string) dschema.StringAttribute {
	return dschema.StringAttribute{Computed: true, Description: description}
}

func computedInt64(description string) dschema.Int64Attribute {
	return dschema.Int64Attribute{Computed: true, Description: description}
}

func computedBool(description string) dschema.BoolAttribute {
	return dschema.BoolAttribute{Computed: true, Description: description}
}

func computedStringSet(description string) dschema.SetAttribute {
	return dschema.SetAttribute{Computed: true, ElementType: types.StringType, Description: description}
}

func computedStringList(description string) dschema.ListAttribute {
	return dschema.ListAttribute{Computed: true, ElementType: types.StringType, Description: description}
}

func computedTags() dschema.SetAttribute {
	return computedStringSet("All of the entity's tags, including the provider's `default_tags`.")
}
