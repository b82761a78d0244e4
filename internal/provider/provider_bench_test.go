package provider

import (
	"context"
	"encoding/json"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/kongform/terraform-provider-kong/internal/kongtest"
)

// BenchmarkPlanOfUnchangedResource measures the provider's own work for one resource in a plan that finds
// nothing to change: the five calls Terraform makes for it (UpgradeResourceState, ReadResource, and
// ValidateResourceConfig and PlanResourceChange, the validation once in Terraform's validate walk and once
// in its plan walk), with reads answered from the bulk listing as in a large plan. In-process, so no
// gRPC: what is left is the provider and terraform-plugin-framework.
func BenchmarkPlanOfUnchangedResource(b *testing.B) {
	srv := kongtest.NewServer(kongtest.Options{})
	b.Cleanup(srv.Close)
	// One provider applies, another plans: a provider leaves out of its listings what it wrote itself.
	h := newProtocolHarness(b, srv.URL)
	service := h.create("kong_service", map[string]tftypes.Value{
		"name":         tftypes.NewValue(tftypes.String, "bench-svc"),
		"host":         tftypes.NewValue(tftypes.String, "api.lambda.invalid"),
		"read_timeout": tftypes.NewValue(tftypes.Number, 30000),
		"tags":         tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, "api:1")}),
	})
	serviceID := h.attribute(service, "id")
	resources := []struct {
		typeName string
		config   map[string]tftypes.Value
	}{
		{"kong_service", map[string]tftypes.Value{
			"name":         tftypes.NewValue(tftypes.String, "bench-svc-2"),
			"host":         tftypes.NewValue(tftypes.String, "api2.lambda.invalid"),
			"read_timeout": tftypes.NewValue(tftypes.Number, 30000),
			"tags":         tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, "api:2")}),
		}},
		{"kong_route", map[string]tftypes.Value{
			"name":       tftypes.NewValue(tftypes.String, "bench-route"),
			"service_id": serviceID,
			"paths":      tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, "/v1/api1/items")}),
			"methods":    tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, "GET"), tftypes.NewValue(tftypes.String, "POST")}),
			"strip_path": tftypes.NewValue(tftypes.Bool, false),
		}},
		{"kong_consumer", map[string]tftypes.Value{
			"username": tftypes.NewValue(tftypes.String, "bench-client"),
			"tags":     tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, "client")}),
		}},
		{"kong_plugin", map[string]tftypes.Value{
			"name":       tftypes.NewValue(tftypes.String, "key-auth"),
			"service_id": serviceID,
			"config": tftypes.NewValue(
				tftypes.Object{AttributeTypes: map[string]tftypes.Type{"key_names": tftypes.Tuple{ElementTypes: []tftypes.Type{tftypes.String}}, "hide_credentials": tftypes.Bool}},
				map[string]tftypes.Value{
					"key_names":        tftypes.NewValue(tftypes.Tuple{ElementTypes: []tftypes.Type{tftypes.String}}, []tftypes.Value{tftypes.NewValue(tftypes.String, "x-api-key")}),
					"hide_credentials": tftypes.NewValue(tftypes.Bool, true),
				}),
		}},
	}
	states := make([]tftypes.Value, len(resources))
	for i, r := range resources {
		states[i] = h.create(r.typeName, r.config)
	}
	planner := newProtocolHarness(b, srv.URL)
	for i, r := range resources {
		b.Run(r.typeName, func(b *testing.B) {
			config := planner.object(r.typeName, r.config)
			b.ReportAllocs()
			for b.Loop() {
				planner.plan(r.typeName, config, states[i])
			}
		})
	}
}

// protocolHarness drives the provider through terraform-plugin-go's protocol, as Terraform does.
type protocolHarness struct {
	tb      testing.TB
	ctx     context.Context
	server  tfprotov6.ProviderServer
	schemas map[string]*tfprotov6.Schema
}

// newProtocolHarness configures a new provider instance for the Admin API at adminURL.
func newProtocolHarness(tb testing.TB, adminURL string) *protocolHarness {
	server, err := providerserver.NewProtocol6WithError(New("bench")())()
	if err != nil {
		tb.Fatal(err)
	}
	h := &protocolHarness{tb: tb, ctx: context.Background(), server: server}
	schemas, err := server.GetProviderSchema(h.ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		tb.Fatal(err)
	}
	h.schemas = schemas.ResourceSchemas
	providerType := schemas.Provider.ValueType().(tftypes.Object)
	config := nullObject(providerType, map[string]tftypes.Value{"admin_url": tftypes.NewValue(tftypes.String, adminURL)})
	resp, err := server.ConfigureProvider(h.ctx, &tfprotov6.ConfigureProviderRequest{Config: h.dynamic(providerType, config)})
	h.check(err, resp.Diagnostics)
	return h
}

// nullObject is an object of type t with the given attributes and every other attribute null.
func nullObject(t tftypes.Object, set map[string]tftypes.Value) tftypes.Value {
	values := map[string]tftypes.Value{}
	for name, attrType := range t.AttributeTypes {
		if v, ok := set[name]; ok {
			values[name] = v
		} else {
			values[name] = tftypes.NewValue(attrType, nil)
		}
	}
	return tftypes.NewValue(t, values)
}

func (h *protocolHarness) object(typeName string, set map[string]tftypes.Value) tftypes.Value {
	t := h.schemas[typeName].ValueType().(tftypes.Object)
	// A dynamic attribute (a plugin's config) carries the concrete type of its value.
	attrTypes := map[string]tftypes.Type{}
	for name, attrType := range t.AttributeTypes {
		attrTypes[name] = attrType
		if v, ok := set[name]; ok && attrType.Is(tftypes.DynamicPseudoType) {
			attrTypes[name] = v.Type()
		}
	}
	return nullObject(tftypes.Object{AttributeTypes: attrTypes}, set)
}

func (h *protocolHarness) dynamic(t tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	dv, err := tfprotov6.NewDynamicValue(t, v)
	if err != nil {
		h.tb.Fatal(err)
	}
	return &dv
}

func (h *protocolHarness) decode(typeName string, dv *tfprotov6.DynamicValue) tftypes.Value {
	v, err := dv.Unmarshal(h.schemas[typeName].ValueType())
	if err != nil {
		h.tb.Fatal(err)
	}
	return v
}

// create plans and applies a new resource and returns its state.
func (h *protocolHarness) create(typeName string, set map[string]tftypes.Value) tftypes.Value {
	t := h.schemas[typeName].ValueType()
	config := h.dynamic(t, h.object(typeName, set))
	null := h.dynamic(t, tftypes.NewValue(t, nil))
	plan, err := h.server.PlanResourceChange(h.ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: typeName, Config: config, PriorState: null, ProposedNewState: config,
	})
	h.check(err, plan.Diagnostics)
	applied, err := h.server.ApplyResourceChange(h.ctx, &tfprotov6.ApplyResourceChangeRequest{
		TypeName: typeName, Config: config, PriorState: null, PlannedState: plan.PlannedState, PlannedPrivate: plan.PlannedPrivate,
	})
	h.check(err, applied.Diagnostics)
	return h.decode(typeName, applied.NewState)
}

// plan makes the calls of one plan of an unchanged resource and fails when it plans a change.
func (h *protocolHarness) plan(typeName string, config, state tftypes.Value) {
	t := h.schemas[typeName].ValueType()
	configValue := h.dynamic(t, config)
	for range 2 {
		validated, err := h.server.ValidateResourceConfig(h.ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: typeName, Config: configValue})
		h.check(err, validated.Diagnostics)
	}
	upgraded, err := h.server.UpgradeResourceState(h.ctx, &tfprotov6.UpgradeResourceStateRequest{
		TypeName: typeName, Version: h.schemas[typeName].Version, RawState: &tfprotov6.RawState{JSON: h.stateJSON(typeName, state)},
	})
	h.check(err, upgraded.Diagnostics)
	read, err := h.server.ReadResource(h.ctx, &tfprotov6.ReadResourceRequest{TypeName: typeName, CurrentState: upgraded.UpgradedState})
	h.check(err, read.Diagnostics)
	planned, err := h.server.PlanResourceChange(h.ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: typeName, Config: configValue, PriorState: read.NewState, ProposedNewState: read.NewState, PriorPrivate: read.Private,
	})
	h.check(err, planned.Diagnostics)
	if !h.decode(typeName, planned.PlannedState).Equal(state) {
		h.tb.Fatalf("%s: the plan of an unchanged resource changes it", typeName)
	}
}

// stateJSON is the state as Terraform stores it, the form UpgradeResourceState receives: a dynamic
// attribute's value is stored with its type.
func (h *protocolHarness) stateJSON(typeName string, state tftypes.Value) []byte {
	var attrs map[string]tftypes.Value
	if err := state.As(&attrs); err != nil {
		h.tb.Fatal(err)
	}
	out := map[string]any{}
	for name, attrType := range h.schemas[typeName].ValueType().(tftypes.Object).AttributeTypes {
		v := attrs[name]
		out[name] = plainValue(v)
		if attrType.Is(tftypes.DynamicPseudoType) && !v.IsNull() {
			// A dynamic value travels with its type as Terraform encodes it; tftypes has no other way to write it.
			typeJSON, err := v.Type().MarshalJSON() //nolint:staticcheck // SA1019: the protocol's own encoding
			if err != nil {
				h.tb.Fatal(err)
			}
			out[name] = map[string]any{"value": plainValue(v), "type": json.RawMessage(typeJSON)}
		}
	}
	raw, err := json.Marshal(out)
	if err != nil {
		h.tb.Fatal(err)
	}
	return raw
}

func plainValue(v tftypes.Value) any {
	if v.IsNull() {
		return nil
	}
	switch {
	case v.Type().Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return s
	case v.Type().Is(tftypes.Bool):
		var b bool
		_ = v.As(&b)
		return b
	case v.Type().Is(tftypes.Number):
		var f big.Float
		_ = v.As(&f)
		return json.Number(f.Text('g', -1))
	case v.Type().Is(tftypes.Object{}), v.Type().Is(tftypes.Map{}):
		var m map[string]tftypes.Value
		_ = v.As(&m)
		out := map[string]any{}
		for k, e := range m {
			out[k] = plainValue(e)
		}
		return out
	default: // list, set, tuple
		var l []tftypes.Value
		_ = v.As(&l)
		out := []any{}
		for _, e := range l {
			out = append(out, plainValue(e))
		}
		return out
	}
}

func (h *protocolHarness) attribute(state tftypes.Value, name string) tftypes.Value {
	var m map[string]tftypes.Value
	if err := state.As(&m); err != nil {
		h.tb.Fatal(err)
	}
	return m[name]
}

// check fails on an error or an error diagnostic of a protocol call.
func (h *protocolHarness) check(err error, diags []*tfprotov6.Diagnostic) {
	h.tb.Helper()
	if err != nil {
		h.tb.Fatal(err)
	}
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			h.tb.Fatalf("%s: %s (%v)", d.Summary, d.Detail, d.Attribute)
		}
	}
}
