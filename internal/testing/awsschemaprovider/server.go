package awsschemaprovider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Server answers the protocol 5 RPCs that `terraform validate` and
// `terraform test` with `mock_provider` send to a real provider binary:
// schema, metadata and config validation. Every RPC that would need real
// AWS behaviour (plan, apply, read, import, functions, ephemeral resources)
// returns an error diagnostic that says to use mock_provider, so a test that
// forgets its mock fails loudly instead of passing on invented values.
//
// The schema is converted lazily on the first RPC that needs it: Terraform
// starts many provider processes per command and most of them only answer
// the handshake or a single validate call.
type Server struct {
	schemas func() (*tfprotov5.GetProviderSchemaResponse, error)
}

var _ tfprotov5.ProviderServer = (*Server)(nil)

// NewServer returns a server for the hashicorp/aws schema in schemaJSON, a
// `terraform providers schema -json` document.
func NewServer(schemaJSON []byte) *Server {
	return &Server{schemas: sync.OnceValues(func() (*tfprotov5.GetProviderSchemaResponse, error) {
		return convertSchemas(schemaJSON)
	})}
}

func convertSchemas(schemaJSON []byte) (*tfprotov5.GetProviderSchemaResponse, error) {
	file, err := DecodeSchemaFile(schemaJSON)
	if err != nil {
		return nil, err
	}
	aws, err := file.AWS()
	if err != nil {
		return nil, err
	}
	provider, err := aws.Provider.toProto("provider")
	if err != nil {
		return nil, err
	}
	resources, err := convertSchemaMap(aws.ResourceSchemas)
	if err != nil {
		return nil, err
	}
	dataSources, err := convertSchemaMap(aws.DataSourceSchemas)
	if err != nil {
		return nil, err
	}
	return &tfprotov5.GetProviderSchemaResponse{
		ServerCapabilities: serverCapabilities,
		Provider:           provider,
		ResourceSchemas:    resources,
		DataSourceSchemas:  dataSources,
	}, nil
}

func convertSchemaMap(in map[string]*Schema) (map[string]*tfprotov5.Schema, error) {
	out := make(map[string]*tfprotov5.Schema, len(in))
	for name, schema := range in {
		converted, err := schema.toProto(name)
		if err != nil {
			return nil, err
		}
		out[name] = converted
	}
	return out, nil
}

// serverCapabilities lets Terraform fetch the schema once per command instead
// of once per provider instance, which is the difference between seconds and
// tens of seconds for a `terraform test` run.
var serverCapabilities = &tfprotov5.ServerCapabilities{GetProviderSchemaOptional: true}

func errorDiagnostics(summary, detail string) []*tfprotov5.Diagnostic {
	return []*tfprotov5.Diagnostic{{
		Severity: tfprotov5.DiagnosticSeverityError,
		Summary:  summary,
		Detail:   detail,
	}}
}

func schemaErrorDiagnostics(err error) []*tfprotov5.Diagnostic {
	return errorDiagnostics("Invalid embedded AWS provider schema", err.Error())
}

// unsupported is the diagnostic for RPCs a schema-only provider cannot answer.
func unsupported(rpc string) []*tfprotov5.Diagnostic {
	return errorDiagnostics(
		"Not supported by the schema-only AWS provider",
		fmt.Sprintf("%s needs the real hashicorp/aws provider. This test-only binary serves the schema for "+
			"`terraform validate` and for `terraform test` with `mock_provider \"aws\"`; add the mock to the test.", rpc),
	)
}

// GetMetadata lists the served resource and data source types.
func (s *Server) GetMetadata(context.Context, *tfprotov5.GetMetadataRequest) (*tfprotov5.GetMetadataResponse, error) {
	schemas, err := s.schemas()
	if err != nil {
		return &tfprotov5.GetMetadataResponse{Diagnostics: schemaErrorDiagnostics(err)}, nil
	}
	resp := &tfprotov5.GetMetadataResponse{ServerCapabilities: serverCapabilities}
	for _, name := range slices.Sorted(maps.Keys(schemas.ResourceSchemas)) {
		resp.Resources = append(resp.Resources, tfprotov5.ResourceMetadata{TypeName: name})
	}
	for _, name := range slices.Sorted(maps.Keys(schemas.DataSourceSchemas)) {
		resp.DataSources = append(resp.DataSources, tfprotov5.DataSourceMetadata{TypeName: name})
	}
	return resp, nil
}

// GetProviderSchema serves the converted schema.
func (s *Server) GetProviderSchema(context.Context, *tfprotov5.GetProviderSchemaRequest) (*tfprotov5.GetProviderSchemaResponse, error) {
	schemas, err := s.schemas()
	if err != nil {
		return &tfprotov5.GetProviderSchemaResponse{Diagnostics: schemaErrorDiagnostics(err)}, nil
	}
	return schemas, nil
}

// GetResourceIdentitySchemas serves no identities: the mock never asks the
// binary for identity data, and Terraform accepts an empty answer.
func (s *Server) GetResourceIdentitySchemas(context.Context, *tfprotov5.GetResourceIdentitySchemasRequest) (*tfprotov5.GetResourceIdentitySchemasResponse, error) {
	return &tfprotov5.GetResourceIdentitySchemasResponse{}, nil
}

// PrepareProviderConfig accepts the provider block as written.
func (s *Server) PrepareProviderConfig(_ context.Context, req *tfprotov5.PrepareProviderConfigRequest) (*tfprotov5.PrepareProviderConfigResponse, error) {
	return &tfprotov5.PrepareProviderConfigResponse{PreparedConfig: req.Config}, nil
}

// ConfigureProvider is answered by the mock; reaching here means no mock.
func (s *Server) ConfigureProvider(context.Context, *tfprotov5.ConfigureProviderRequest) (*tfprotov5.ConfigureProviderResponse, error) {
	return &tfprotov5.ConfigureProviderResponse{Diagnostics: unsupported("ConfigureProvider")}, nil
}

// StopProvider has nothing in flight to stop.
func (s *Server) StopProvider(context.Context, *tfprotov5.StopProviderRequest) (*tfprotov5.StopProviderResponse, error) {
	return &tfprotov5.StopProviderResponse{}, nil
}

// ValidateResourceTypeConfig warns about deprecated arguments and accepts
// everything else Terraform has already checked against the schema: value
// checks (enums, ARN formats) live in the real provider's code, which is why
// the modules carry their own validations.
func (s *Server) ValidateResourceTypeConfig(_ context.Context, req *tfprotov5.ValidateResourceTypeConfigRequest) (*tfprotov5.ValidateResourceTypeConfigResponse, error) {
	schemas, err := s.schemas()
	if err != nil {
		return &tfprotov5.ValidateResourceTypeConfigResponse{Diagnostics: schemaErrorDiagnostics(err)}, nil
	}
	return &tfprotov5.ValidateResourceTypeConfigResponse{Diagnostics: validateTypeConfig(schemas.ResourceSchemas, "resource", req.TypeName, req.Config)}, nil
}

// ValidateDataSourceConfig works like ValidateResourceTypeConfig.
func (s *Server) ValidateDataSourceConfig(_ context.Context, req *tfprotov5.ValidateDataSourceConfigRequest) (*tfprotov5.ValidateDataSourceConfigResponse, error) {
	schemas, err := s.schemas()
	if err != nil {
		return &tfprotov5.ValidateDataSourceConfigResponse{Diagnostics: schemaErrorDiagnostics(err)}, nil
	}
	return &tfprotov5.ValidateDataSourceConfigResponse{Diagnostics: validateTypeConfig(schemas.DataSourceSchemas, "data source", req.TypeName, req.Config)}, nil
}

func validateTypeConfig(schemas map[string]*tfprotov5.Schema, kind, typeName string, config *tfprotov5.DynamicValue) []*tfprotov5.Diagnostic {
	schema, ok := schemas[typeName]
	if !ok {
		return errorDiagnostics("Unsupported "+kind+" type", fmt.Sprintf("%s %q is not in the schema subset; add it to internal/testing/awsschemaprovider/schema/types.txt", kind, typeName))
	}
	return validateConfig(schema, config)
}

// ValidateEphemeralResourceConfig is never reached: no ephemeral types are served.
func (s *Server) ValidateEphemeralResourceConfig(context.Context, *tfprotov5.ValidateEphemeralResourceConfigRequest) (*tfprotov5.ValidateEphemeralResourceConfigResponse, error) {
	return &tfprotov5.ValidateEphemeralResourceConfigResponse{Diagnostics: unsupported("ValidateEphemeralResourceConfig")}, nil
}

// UpgradeResourceState passes through state written at the schema's own version: OpenTofu's `tofu test`
// asks the provider to upgrade the state a mocked run left behind before the next run or the destroy, where
// Terraform does not. State of another version would need the real provider's upgraders.
func (s *Server) UpgradeResourceState(_ context.Context, req *tfprotov5.UpgradeResourceStateRequest) (*tfprotov5.UpgradeResourceStateResponse, error) {
	schemas, err := s.schemas()
	if err != nil {
		return &tfprotov5.UpgradeResourceStateResponse{Diagnostics: schemaErrorDiagnostics(err)}, nil
	}
	schema, ok := schemas.ResourceSchemas[req.TypeName]
	switch {
	case !ok:
		return &tfprotov5.UpgradeResourceStateResponse{Diagnostics: errorDiagnostics("Unknown resource type",
			fmt.Sprintf("The AWS provider schema has no resource type %q.", req.TypeName))}, nil
	case req.RawState == nil || req.RawState.JSON == nil || req.Version != schema.Version:
		return &tfprotov5.UpgradeResourceStateResponse{Diagnostics: unsupported(fmt.Sprintf(
			"Upgrading %s state from schema version %d to %d", req.TypeName, req.Version, schema.Version))}, nil
	}
	typ := schema.ValueType()
	value, err := req.RawState.UnmarshalWithOpts(typ, tfprotov5.UnmarshalOpts{
		ValueFromJSONOpts: tftypes.ValueFromJSONOpts{IgnoreUndefinedAttributes: true},
	})
	if err != nil {
		return &tfprotov5.UpgradeResourceStateResponse{Diagnostics: errorDiagnostics("Invalid "+req.TypeName+" state", err.Error())}, nil
	}
	upgraded, err := tfprotov5.NewDynamicValue(typ, value)
	if err != nil {
		return &tfprotov5.UpgradeResourceStateResponse{Diagnostics: errorDiagnostics("Invalid "+req.TypeName+" state", err.Error())}, nil
	}
	return &tfprotov5.UpgradeResourceStateResponse{UpgradedState: &upgraded}, nil
}

// UpgradeResourceIdentity needs the real provider.
func (s *Server) UpgradeResourceIdentity(context.Context, *tfprotov5.UpgradeResourceIdentityRequest) (*tfprotov5.UpgradeResourceIdentityResponse, error) {
	return &tfprotov5.UpgradeResourceIdentityResponse{Diagnostics: unsupported("UpgradeResourceIdentity")}, nil
}

// ReadResource needs the real provider.
func (s *Server) ReadResource(context.Context, *tfprotov5.ReadResourceRequest) (*tfprotov5.ReadResourceResponse, error) {
	return &tfprotov5.ReadResourceResponse{Diagnostics: unsupported("ReadResource")}, nil
}

// PlanResourceChange needs the real provider.
func (s *Server) PlanResourceChange(context.Context, *tfprotov5.PlanResourceChangeRequest) (*tfprotov5.PlanResourceChangeResponse, error) {
	return &tfprotov5.PlanResourceChangeResponse{Diagnostics: unsupported("PlanResourceChange")}, nil
}

// ApplyResourceChange needs the real provider.
func (s *Server) ApplyResourceChange(context.Context, *tfprotov5.ApplyResourceChangeRequest) (*tfprotov5.ApplyResourceChangeResponse, error) {
	return &tfprotov5.ApplyResourceChangeResponse{Diagnostics: unsupported("ApplyResourceChange")}, nil
}

// ImportResourceState needs the real provider.
func (s *Server) ImportResourceState(context.Context, *tfprotov5.ImportResourceStateRequest) (*tfprotov5.ImportResourceStateResponse, error) {
	return &tfprotov5.ImportResourceStateResponse{Diagnostics: unsupported("ImportResourceState")}, nil
}

// MoveResourceState needs the real provider.
func (s *Server) MoveResourceState(context.Context, *tfprotov5.MoveResourceStateRequest) (*tfprotov5.MoveResourceStateResponse, error) {
	return &tfprotov5.MoveResourceStateResponse{Diagnostics: unsupported("MoveResourceState")}, nil
}

// GenerateResourceConfig needs the real provider.
func (s *Server) GenerateResourceConfig(context.Context, *tfprotov5.GenerateResourceConfigRequest) (*tfprotov5.GenerateResourceConfigResponse, error) {
	return &tfprotov5.GenerateResourceConfigResponse{Diagnostics: unsupported("GenerateResourceConfig")}, nil
}

// ReadDataSource needs the real provider.
func (s *Server) ReadDataSource(context.Context, *tfprotov5.ReadDataSourceRequest) (*tfprotov5.ReadDataSourceResponse, error) {
	return &tfprotov5.ReadDataSourceResponse{Diagnostics: unsupported("ReadDataSource")}, nil
}

// OpenEphemeralResource is never reached: no ephemeral types are served.
func (s *Server) OpenEphemeralResource(context.Context, *tfprotov5.OpenEphemeralResourceRequest) (*tfprotov5.OpenEphemeralResourceResponse, error) {
	return &tfprotov5.OpenEphemeralResourceResponse{Diagnostics: unsupported("OpenEphemeralResource")}, nil
}

// RenewEphemeralResource is never reached: no ephemeral types are served.
func (s *Server) RenewEphemeralResource(context.Context, *tfprotov5.RenewEphemeralResourceRequest) (*tfprotov5.RenewEphemeralResourceResponse, error) {
	return &tfprotov5.RenewEphemeralResourceResponse{Diagnostics: unsupported("RenewEphemeralResource")}, nil
}

// CloseEphemeralResource is never reached: no ephemeral types are served.
func (s *Server) CloseEphemeralResource(context.Context, *tfprotov5.CloseEphemeralResourceRequest) (*tfprotov5.CloseEphemeralResourceResponse, error) {
	return &tfprotov5.CloseEphemeralResourceResponse{Diagnostics: unsupported("CloseEphemeralResource")}, nil
}

// GetFunctions serves no provider functions; the modules do not call any.
func (s *Server) GetFunctions(context.Context, *tfprotov5.GetFunctionsRequest) (*tfprotov5.GetFunctionsResponse, error) {
	return &tfprotov5.GetFunctionsResponse{}, nil
}

// CallFunction is never reached: no functions are served.
func (s *Server) CallFunction(_ context.Context, req *tfprotov5.CallFunctionRequest) (*tfprotov5.CallFunctionResponse, error) {
	return &tfprotov5.CallFunctionResponse{Error: &tfprotov5.FunctionError{
		Text: fmt.Sprintf("function %q is not served by the schema-only AWS provider", req.Name),
	}}, nil
}
