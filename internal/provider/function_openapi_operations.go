package provider

import (
	"context"
	"encoding/json"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kongform/terraform-provider-kong/internal/openapi"
)

var _ function.Function = openAPIOperationsFunction{}

// NewOpenAPIOperationsFunction is provider::kong::openapi_operations.
func NewOpenAPIOperationsFunction() function.Function { return openAPIOperationsFunction{} }

// openAPIOperationsFunction is pure: the same document and options give the same value, with schemas as JSON
// text with sorted keys, so an unchanged document plans empty.
type openAPIOperationsFunction struct{}

var (
	oasParameterType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"name": types.StringType, "in": types.StringType, "required": types.BoolType,
		"style": types.StringType, "explode": types.BoolType, "schema": types.StringType,
	}}
	oasRouteType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"paths": types.ListType{ElemType: types.StringType}, "methods": types.ListType{ElemType: types.StringType},
		"required_headers": types.ListType{ElemType: types.StringType}, "regex_priority": types.Int64Type,
	}}
	oasValidationType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"config":                types.StringType,
		"path_pattern":          types.StringType,
		"parameter_schema":      types.ListType{ElemType: oasParameterType},
		"body_schemas":          types.MapType{ElemType: types.StringType},
		"body_required":         types.BoolType,
		"body_schema":           types.StringType,
		"allowed_content_types": types.ListType{ElemType: types.StringType},
	}}
	oasOperationType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"operation_id": types.StringType, "method": types.StringType, "path": types.StringType,
		"route": oasRouteType, "validation": oasValidationType,
	}}
)

func (openAPIOperationsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "openapi_operations"
}

func (openAPIOperationsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Kong routes and request validation rules of an OpenAPI document, by operation id",
		MarkdownDescription: "Reads an OpenAPI 3.0 or 3.1 document (YAML or JSON) and returns a map from each operation's `operationId` " +
			"(or `<method>_<path>` when it has none, e.g. `get_pets_petId`) to:\n\n" +
			"- `operation_id`, `method` (upper case) and `path` (the OpenAPI path template);\n" +
			"- `route`: `paths` (one anchored regex such as `~/v1/pets/(?<petId>[^/]+)$`, whose named captures fill the aws-lambda " +
			"event's `pathParameters`), `methods`, `required_headers` (the required header parameters) and `regex_priority` " +
			"(more literal segments rank higher, so `/pets/mine` wins over `/pets/{petId}`), ready for `kong_route`;\n" +
			"- `validation`: `config`, the JSON config of the `openapi-request-validator` plugin (Kong OSS, built from this repository); " +
			"its parts `path_pattern`, `parameter_schema` (name, in, required, style, explode and a JSON Schema as JSON text), " +
			"`body_schemas` (content type to JSON Schema text; `true` accepts the body unchecked, as for binary uploads) and `body_required`; and " +
			"`body_schema` and `allowed_content_types` for Kong Enterprise's `request-validator`.\n\n" +
			"Schemas become standalone JSON Schema 2020-12: referenced components are copied into `$defs`, OpenAPI 3.0's `nullable` " +
			"becomes a type list, boolean `exclusiveMinimum`/`exclusiveMaximum` become numbers, and `required` readOnly properties " +
			"are not required of requests. The route prefix is the path of `servers` (operation, path item, then document level; " +
			"variables take their defaults), or the `base_path` option.\n\n" +
			"What the gateway cannot express fails the plan, naming the operation and the JSON pointer: cookie parameters, callbacks, " +
			"parameters with `content` or object schemas, styles other than `form`/`spaceDelimited`/`pipeDelimited` for query and " +
			"`simple` for path and header, bodies other than JSON, `text/*` and binary, external `$ref`s, path parameters that " +
			"cannot be regex capture names, servers with different paths, duplicate operation ids, and Swagger 2.0.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:        "document",
				Description: "The OpenAPI document as YAML or JSON text, for example `file(\"api2.v1.yaml\")`.",
			},
			function.MapParameter{
				Name:        "options",
				ElementType: types.StringType,
				Description: "Options, `{}` for none. `base_path`: the route prefix (for example `/dev/api2/v1`), used instead of the path of `servers`.",
			},
		},
		Return: function.MapReturn{ElementType: oasOperationType},
	}
}

func (openAPIOperationsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var document string
	var options map[string]*string
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &document, &options))
	if resp.Error != nil {
		return
	}
	var opts openapi.Options
	for _, k := range sortedOptionKeys(options) {
		switch k {
		case "base_path":
			opts.BasePath = options[k]
		default:
			resp.Error = function.NewArgumentFuncError(1, "Unknown option "+k+"; the options are: base_path")
			return
		}
	}
	ops, err := openapi.Operations([]byte(document), opts)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, "OpenAPI document: "+err.Error())
		return
	}
	out := make(map[string]attr.Value, len(ops))
	for id, op := range ops {
		v, ferr := operationValue(op)
		if ferr != nil {
			resp.Error = ferr
			return
		}
		out[id] = v
	}
	result, diags := types.MapValue(oasOperationType, out)
	if diags.HasError() {
		resp.Error = function.FuncErrorFromDiags(ctx, diags)
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, result))
}

func sortedOptionKeys(m map[string]*string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func operationValue(op openapi.Operation) (attr.Value, *function.FuncError) {
	config, err := json.Marshal(op.Rules)
	if err != nil {
		return nil, function.NewFuncError(err.Error())
	}
	params := make([]attr.Value, 0, len(op.Rules.ParameterSchema))
	for _, p := range op.Rules.ParameterSchema {
		params = append(params, types.ObjectValueMust(oasParameterType.AttrTypes, map[string]attr.Value{
			"name": types.StringValue(p.Name), "in": types.StringValue(p.In), "required": types.BoolValue(p.Required),
			"style": types.StringValue(p.Style), "explode": types.BoolValue(p.Explode), "schema": oasNullableString(p.Schema),
		}))
	}
	bodies := make(map[string]attr.Value, len(op.Rules.BodySchemas))
	for ct, s := range op.Rules.BodySchemas {
		bodies[ct] = types.StringValue(s)
	}
	route := types.ObjectValueMust(oasRouteType.AttrTypes, map[string]attr.Value{
		"paths": oasStringList(op.Route.Paths), "methods": oasStringList(op.Route.Methods),
		"required_headers": oasStringList(op.Route.RequiredHeaders), "regex_priority": types.Int64Value(op.Route.RegexPriority),
	})
	validation := types.ObjectValueMust(oasValidationType.AttrTypes, map[string]attr.Value{
		"config":                types.StringValue(string(config)),
		"path_pattern":          types.StringValue(op.Rules.PathPattern),
		"parameter_schema":      types.ListValueMust(oasParameterType, params),
		"body_schemas":          types.MapValueMust(types.StringType, bodies),
		"body_required":         types.BoolValue(op.Rules.BodyRequired),
		"body_schema":           oasNullableString(op.BodySchema),
		"allowed_content_types": oasStringList(op.AllowedContentTypes),
	})
	return types.ObjectValueMust(oasOperationType.AttrTypes, map[string]attr.Value{
		"operation_id": types.StringValue(op.OperationID), "method": types.StringValue(op.Method), "path": types.StringValue(op.Path),
		"route": route, "validation": validation,
	}), nil
}

// oasNullableString is null for "", so `body_schema = op.validation.body_schema` leaves the attribute unset.
func oasNullableString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

func oasStringList(s []string) types.List {
	vals := make([]attr.Value, len(s))
	for i, x := range s {
		vals[i] = types.StringValue(x)
	}
	return types.ListValueMust(types.StringType, vals)
}
