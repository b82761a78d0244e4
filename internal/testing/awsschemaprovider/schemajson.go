// Package awsschemaprovider is a test-only stand-in for the hashicorp/aws
// Terraform provider. It serves the provider's real schema (a committed subset
// of `terraform providers schema -json`) and nothing else, which is all that
// `terraform validate` and `terraform test` with `mock_provider "aws"` need:
// the mock answers plan, apply and read itself but asks the real binary for
// the schema and for config validation.
package awsschemaprovider

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// AWSProviderAddress is the source address the schema is read from and served as.
const AWSProviderAddress = "registry.terraform.io/hashicorp/aws"

// SchemaFile is the document `terraform providers schema -json` prints,
// reduced to the parts this provider serves. Fields not modelled here
// (descriptions, functions, identities, list resources, actions) are dropped
// when a file is decoded, which is how the committed subset loses them.
type SchemaFile struct {
	FormatVersion   string                     `json:"format_version"`
	ProviderSchemas map[string]*ProviderSchema `json:"provider_schemas"`
}

// ProviderSchema holds one provider's configuration, resource and data source schemas.
type ProviderSchema struct {
	Provider          *Schema            `json:"provider"`
	ResourceSchemas   map[string]*Schema `json:"resource_schemas,omitempty"`
	DataSourceSchemas map[string]*Schema `json:"data_source_schemas,omitempty"`
}

// Schema is the JSON form of one provider, resource or data source schema.
type Schema struct {
	Version int64  `json:"version"`
	Block   *Block `json:"block"`
}

// Block is the JSON form of a configuration block.
type Block struct {
	Attributes         map[string]*Attribute   `json:"attributes,omitempty"`
	BlockTypes         map[string]*NestedBlock `json:"block_types,omitempty"`
	Deprecated         bool                    `json:"deprecated,omitempty"`
	DeprecationMessage string                  `json:"deprecation_message,omitempty"`
}

// Attribute is the JSON form of an attribute. NestedType is decoded only to be
// refused: protocol 5 has no nested attributes and the AWS 6.x schema has none.
type Attribute struct {
	Type               json.RawMessage `json:"type,omitempty"`
	NestedType         json.RawMessage `json:"nested_type,omitempty"`
	Required           bool            `json:"required,omitempty"`
	Optional           bool            `json:"optional,omitempty"`
	Computed           bool            `json:"computed,omitempty"`
	Sensitive          bool            `json:"sensitive,omitempty"`
	WriteOnly          bool            `json:"write_only,omitempty"`
	Deprecated         bool            `json:"deprecated,omitempty"`
	DeprecationMessage string          `json:"deprecation_message,omitempty"`
}

// NestedBlock is the JSON form of a nested block type.
type NestedBlock struct {
	Block       *Block `json:"block"`
	NestingMode string `json:"nesting_mode"`
	MinItems    int64  `json:"min_items,omitempty"`
	MaxItems    int64  `json:"max_items,omitempty"`
}

// DecodeSchemaFile decodes a provider schema document.
func DecodeSchemaFile(data []byte) (*SchemaFile, error) {
	var file SchemaFile
	if err := json.Unmarshal(data, &file); err != nil {
		return nil, fmt.Errorf("decoding provider schema JSON: %w", err)
	}
	return &file, nil
}

// AWS returns the hashicorp/aws schemas in the file.
func (f *SchemaFile) AWS() (*ProviderSchema, error) {
	aws, ok := f.ProviderSchemas[AWSProviderAddress]
	if !ok || aws.Provider == nil {
		return nil, fmt.Errorf("schema file has no %s provider schema", AWSProviderAddress)
	}
	return aws, nil
}

// toProto converts a JSON schema to its protocol 5 form.
func (s *Schema) toProto(path string) (*tfprotov5.Schema, error) {
	if s.Block == nil {
		return nil, fmt.Errorf("%s: schema has no block", path)
	}
	block, err := s.Block.toProto(path)
	if err != nil {
		return nil, err
	}
	block.Version = s.Version
	return &tfprotov5.Schema{Version: s.Version, Block: block}, nil
}

func (b *Block) toProto(path string) (*tfprotov5.SchemaBlock, error) {
	block := &tfprotov5.SchemaBlock{
		Deprecated:         b.Deprecated,
		DeprecationMessage: b.DeprecationMessage,
	}
	for _, name := range slices.Sorted(maps.Keys(b.Attributes)) {
		attr := b.Attributes[name]
		attrPath := path + "." + name
		if len(attr.NestedType) > 0 {
			return nil, fmt.Errorf("%s: nested_type attributes need protocol 6 and are not supported", attrPath)
		}
		typ, err := ParseType(attr.Type)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", attrPath, err)
		}
		block.Attributes = append(block.Attributes, &tfprotov5.SchemaAttribute{
			Name:               name,
			Type:               typ,
			Required:           attr.Required,
			Optional:           attr.Optional,
			Computed:           attr.Computed,
			Sensitive:          attr.Sensitive,
			WriteOnly:          attr.WriteOnly,
			Deprecated:         attr.Deprecated,
			DeprecationMessage: attr.DeprecationMessage,
		})
	}
	for _, name := range slices.Sorted(maps.Keys(b.BlockTypes)) {
		nested := b.BlockTypes[name]
		nestedPath := path + "." + name
		mode, ok := nestingModes[nested.NestingMode]
		if !ok {
			return nil, fmt.Errorf("%s: unknown nesting_mode %q", nestedPath, nested.NestingMode)
		}
		if nested.Block == nil {
			return nil, fmt.Errorf("%s: nested block type has no block", nestedPath)
		}
		inner, err := nested.Block.toProto(nestedPath)
		if err != nil {
			return nil, err
		}
		block.BlockTypes = append(block.BlockTypes, &tfprotov5.SchemaNestedBlock{
			TypeName: name,
			Block:    inner,
			Nesting:  mode,
			MinItems: nested.MinItems,
			MaxItems: nested.MaxItems,
		})
	}
	return block, nil
}

var nestingModes = map[string]tfprotov5.SchemaNestedBlockNestingMode{
	"single": tfprotov5.SchemaNestedBlockNestingModeSingle,
	"group":  tfprotov5.SchemaNestedBlockNestingModeGroup,
	"list":   tfprotov5.SchemaNestedBlockNestingModeList,
	"set":    tfprotov5.SchemaNestedBlockNestingModeSet,
	"map":    tfprotov5.SchemaNestedBlockNestingModeMap,
}

// ParseType converts a cty type in its JSON form ("string",
// ["list","string"], ["object",{...},["optional"]], ...) to a tftypes.Type.
func ParseType(raw json.RawMessage) (tftypes.Type, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil, fmt.Errorf("attribute has no type")
	}
	var primitive string
	if err := json.Unmarshal(raw, &primitive); err == nil {
		switch primitive {
		case "string":
			return tftypes.String, nil
		case "number":
			return tftypes.Number, nil
		case "bool":
			return tftypes.Bool, nil
		case "dynamic":
			return tftypes.DynamicPseudoType, nil
		default:
			return nil, fmt.Errorf("unknown primitive type %q", primitive)
		}
	}
	var parts []json.RawMessage
	if err := json.Unmarshal(raw, &parts); err != nil || len(parts) < 2 {
		return nil, fmt.Errorf("invalid type %s", raw)
	}
	var kind string
	if err := json.Unmarshal(parts[0], &kind); err != nil {
		return nil, fmt.Errorf("invalid type kind in %s", raw)
	}
	switch kind {
	case "list", "set", "map":
		if len(parts) != 2 {
			return nil, fmt.Errorf("invalid %s type %s", kind, raw)
		}
		elem, err := ParseType(parts[1])
		if err != nil {
			return nil, err
		}
		switch kind {
		case "list":
			return tftypes.List{ElementType: elem}, nil
		case "set":
			return tftypes.Set{ElementType: elem}, nil
		default:
			return tftypes.Map{ElementType: elem}, nil
		}
	case "object":
		return parseObjectType(parts, raw)
	case "tuple":
		var rawElems []json.RawMessage
		if len(parts) != 2 || json.Unmarshal(parts[1], &rawElems) != nil {
			return nil, fmt.Errorf("invalid tuple type %s", raw)
		}
		elems := make([]tftypes.Type, 0, len(rawElems))
		for _, rawElem := range rawElems {
			elem, err := ParseType(rawElem)
			if err != nil {
				return nil, err
			}
			elems = append(elems, elem)
		}
		return tftypes.Tuple{ElementTypes: elems}, nil
	default:
		return nil, fmt.Errorf("unknown type kind %q", kind)
	}
}

func parseObjectType(parts []json.RawMessage, raw json.RawMessage) (tftypes.Type, error) {
	var rawAttrs map[string]json.RawMessage
	if len(parts) > 3 || json.Unmarshal(parts[1], &rawAttrs) != nil {
		return nil, fmt.Errorf("invalid object type %s", raw)
	}
	obj := tftypes.Object{AttributeTypes: make(map[string]tftypes.Type, len(rawAttrs))}
	for name, rawAttr := range rawAttrs {
		attr, err := ParseType(rawAttr)
		if err != nil {
			return nil, fmt.Errorf("object attribute %q: %w", name, err)
		}
		obj.AttributeTypes[name] = attr
	}
	if len(parts) == 3 {
		var optional []string
		if err := json.Unmarshal(parts[2], &optional); err != nil {
			return nil, fmt.Errorf("invalid optional attribute list in %s", raw)
		}
		obj.OptionalAttributes = make(map[string]struct{}, len(optional))
		for _, name := range optional {
			if _, ok := obj.AttributeTypes[name]; !ok {
				return nil, fmt.Errorf("optional attribute %q is not an attribute of %s", name, raw)
			}
			obj.OptionalAttributes[name] = struct{}{}
		}
	}
	return obj, nil
}
