package awsschemaprovider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// validateConfig answers a Validate*Config RPC the way the real provider's
// SDKv2 half does for schema-only concerns: a warning for every deprecated
// argument or block the configuration sets. Terraform core itself only warns
// about *references* to deprecated attributes, so without this a module
// setting, say, aws_iam_role.managed_policy_arns would validate silently.
func validateConfig(schema *tfprotov5.Schema, config *tfprotov5.DynamicValue) []*tfprotov5.Diagnostic {
	if config == nil {
		return nil
	}
	value, err := config.Unmarshal(schema.ValueType())
	if err != nil {
		return errorDiagnostics("Invalid configuration value", err.Error())
	}
	return deprecationWarnings(schema.Block, value, tftypes.NewAttributePath())
}

func deprecationWarnings(block *tfprotov5.SchemaBlock, value tftypes.Value, path *tftypes.AttributePath) []*tfprotov5.Diagnostic {
	if value.IsNull() || !value.IsKnown() {
		return nil
	}
	var fields map[string]tftypes.Value
	if err := value.As(&fields); err != nil {
		return errorDiagnostics("Invalid configuration value", fmt.Sprintf("%s: %v", path, err))
	}
	var diags []*tfprotov5.Diagnostic
	for _, attr := range block.Attributes {
		if attr.Deprecated && !fields[attr.Name].IsNull() {
			diags = append(diags, deprecatedWarning(path.WithAttributeName(attr.Name), attr.DeprecationMessage))
		}
	}
	for _, nested := range block.BlockTypes {
		nestedPath := path.WithAttributeName(nested.TypeName)
		elements, err := blockElements(nested.Nesting, fields[nested.TypeName], nestedPath)
		if err != nil {
			return errorDiagnostics("Invalid configuration value", err.Error())
		}
		if nested.Block.Deprecated && len(elements) > 0 {
			diags = append(diags, deprecatedWarning(nestedPath, nested.Block.DeprecationMessage))
		}
		for _, element := range elements {
			diags = append(diags, deprecationWarnings(nested.Block, element.value, element.path)...)
		}
	}
	return diags
}

type blockElement struct {
	path  *tftypes.AttributePath
	value tftypes.Value
}

// blockElements lists the configured instances of a nested block.
func blockElements(nesting tfprotov5.SchemaNestedBlockNestingMode, value tftypes.Value, path *tftypes.AttributePath) ([]blockElement, error) {
	if value.IsNull() || !value.IsKnown() {
		return nil, nil
	}
	switch nesting {
	case tfprotov5.SchemaNestedBlockNestingModeSingle, tfprotov5.SchemaNestedBlockNestingModeGroup:
		return []blockElement{{path: path, value: value}}, nil
	case tfprotov5.SchemaNestedBlockNestingModeList:
		var list []tftypes.Value
		if err := value.As(&list); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		elements := make([]blockElement, 0, len(list))
		for i, v := range list {
			elements = append(elements, blockElement{path: path.WithElementKeyInt(i), value: v})
		}
		return elements, nil
	case tfprotov5.SchemaNestedBlockNestingModeSet:
		var set []tftypes.Value
		if err := value.As(&set); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		elements := make([]blockElement, 0, len(set))
		for _, v := range set {
			elements = append(elements, blockElement{path: path.WithElementKeyValue(v), value: v})
		}
		return elements, nil
	case tfprotov5.SchemaNestedBlockNestingModeMap:
		var m map[string]tftypes.Value
		if err := value.As(&m); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		elements := make([]blockElement, 0, len(m))
		for k, v := range m {
			elements = append(elements, blockElement{path: path.WithElementKeyString(k), value: v})
		}
		return elements, nil
	default:
		return nil, fmt.Errorf("%s: unsupported nesting mode %v", path, nesting)
	}
}

func deprecatedWarning(path *tftypes.AttributePath, message string) *tfprotov5.Diagnostic {
	return &tfprotov5.Diagnostic{
		Severity:  tfprotov5.DiagnosticSeverityWarning,
		Summary:   "Argument is deprecated",
		Detail:    message,
		Attribute: path,
	}
}
