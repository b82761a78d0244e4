package provider

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

func TestRelevantFieldErrors(t *testing.T) {
	errs := []kongclient.FieldError{
		{Path: []string{"config", "http_endpoint"}, Message: "required field missing"},
		{Path: []string{"config", "queue", "max_batch_size"}, Message: "value should be between 1 and 1000000"},
		{Path: []string{"config"}, Entity: true, Message: "at least one of these fields must be non-empty: 'config.allow', 'config.deny'"},
		{Path: []string{"config", "redis"}, Message: "required field missing"},
		{Path: []string{"protocols"}, Message: "must match the associated route's protocols"},
		{Path: []string{"config", "minute"}, Message: "expected a number"},
	}
	unknown := [][]string{{"config", "http_endpoint"}, {"config", "allow"}, {"config", "redis", "host"}, {"protocols"}}
	var got []string
	for _, fe := range relevantFieldErrors(errs, unknown) {
		got = append(got, fe.String())
	}
	want := []string{"config.queue.max_batch_size: value should be between 1 and 1000000", "config.minute: expected a number"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestErrorAttribute(t *testing.T) {
	tests := []struct {
		def  *pluginDefinition
		err  kongclient.FieldError
		want path.Path
		ok   bool
	}{
		{genericPlugin, kongclient.FieldError{Path: []string{"config", "redis", "host"}}, path.Root("config"), true},
		{genericPlugin, kongclient.FieldError{Path: []string{"consumer"}}, path.Root("consumer_id"), true},
		{genericPlugin, kongclient.FieldError{Path: []string{"protocols"}}, path.Root("protocols"), true},
		{genericPlugin, kongclient.FieldError{Entity: true, Message: "whole plugin"}, path.Empty(), false},
		{awsLambdaPlugin, kongclient.FieldError{Path: []string{"config", "aws_region"}}, path.Root("aws_region"), true},
		{awsLambdaPlugin, kongclient.FieldError{Path: []string{"config", "aws_secret"}}, path.Root("aws_secret"), true},
		{awsLambdaPlugin, kongclient.FieldError{Entity: true, Message: "all or none of these fields must be set: 'config.aws_key', 'config.aws_secret'"},
			path.Root("aws_key"), true},
		{requestValidatorPlugin, kongclient.FieldError{Path: []string{"config", "parameter_schema", "1", "in"}},
			path.Root("parameter_schema").AtListIndex(1).AtName("in"), true},
		{requestValidatorPlugin, kongclient.FieldError{Path: []string{"config", "parameter_schema", "0"}, Entity: true,
			Message: "all or none of these fields must be set: 'style', 'explode', 'schema'"},
			path.Root("parameter_schema").AtListIndex(0).AtName("style"), true},
		{keyAuthPlugin, kongclient.FieldError{Path: []string{"config", "unknown_field"}}, path.Empty(), false},
		{awsLambdaPlugin, kongclient.FieldError{Entity: true, Message: "proxy_url scheme must be http"}, path.Root("proxy_url"), true},
		{awsLambdaPlugin, kongclient.FieldError{Entity: true, Message: "unknown_field must be set"}, path.Empty(), false},
		{genericPlugin, kongclient.FieldError{Entity: true, Message: "proxy_url scheme must be http"}, path.Empty(), false},
	}
	for _, tt := range tests {
		got, ok := tt.def.errorAttribute(tt.err)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("%s %v: got %s %v, want %s %v", tt.def.typeSuffix, tt.err, got, ok, tt.want, tt.ok)
		}
	}
	// A write-only attribute takes the errors of its field when no plain attribute sets it.
	def := &pluginDefinition{pluginName: "x", writeOnlyAttributes: map[string]string{"token_wo": "token"}}
	if got, ok := def.attributePath([]string{"config", "token"}); !ok || !got.Equal(path.Root("token_wo")) {
		t.Errorf("write-only: got %s %v", got, ok)
	}
}

func TestExpandFlattenPlugin(t *testing.T) {
	ctx := context.Background()
	var diags diag.Diagnostics
	scope := pluginScopeModel{
		ID: types.StringValue("4f0d3c7e-7a51-4f64-9f35-0c3a58a2f7d1"), InstanceName: types.StringNull(),
		ServiceID: types.StringUnknown(), RouteID: types.StringValue("r1"), ConsumerID: types.StringNull(),
		Protocols: types.SetValueMust(types.StringType, nil), Enabled: types.BoolValue(false),
		Tags: types.SetNull(types.StringType), CreatedAt: types.Int64Value(1700000000), UpdatedAt: types.Int64Unknown(),
	}
	e := expandPlugin(ctx, "cors", scope, nil, []string{"managed"}, &diags)
	keepCreatedAt(&e, scope.CreatedAt) // as the lifecycle's update does
	body, _ := json.Marshal(e)
	want := `{"id":"4f0d3c7e-7a51-4f64-9f35-0c3a58a2f7d1","name":"cors","service":{"id":"00000000-0000-0000-0000-000000000000"},` +
		`"route":{"id":"r1"},"config":{},"protocols":[],"enabled":false,"tags":["managed"],"created_at":1700000000}`
	if string(body) != want || diags.HasError() {
		t.Errorf("body %s\nwant %s", body, want)
	}

	created, updated := int64(1), int64(2)
	got := flattenPluginScope(pluginEntity{ID: "id", Name: "cors", Service: &foreignKey{ID: "s1"}, Protocols: &[]string{"https"},
		Enabled: kong.Bool(true), Tags: []string{"managed", "own"}, CreatedAt: &created, UpdatedAt: &updated}, scope, []string{"managed"})
	if got.ServiceID.ValueString() != "s1" || !got.RouteID.IsNull() || len(got.Protocols.Elements()) != 1 ||
		!got.Enabled.ValueBool() || len(got.Tags.Elements()) != 1 || got.UpdatedAt.ValueInt64() != 2 {
		t.Errorf("flattened %+v", got)
	}
}

func TestDropDerivedFields(t *testing.T) {
	config := map[string]any{
		"function_name": "arn:aws:lambda:eu-west-1:123456789012:function:orders:live",
		"aws_region":    "eu-west-1",
		"qualifier":     "blue", // differs from the ARN's: written by the user
		"timeout":       json.Number("1000"),
	}
	dropDerivedFields(config, completeLambdaConfig)
	want := map[string]any{
		"function_name": "arn:aws:lambda:eu-west-1:123456789012:function:orders:live",
		"qualifier":     "blue",
		"timeout":       json.Number("1000"),
	}
	if !reflect.DeepEqual(config, want) {
		t.Errorf("got %v", config)
	}
}

func TestPluginUnavailableMessage(t *testing.T) {
	oss := kongclient.Gateway{Edition: "oss", Version: "3.9.3"}
	if msg := pluginUnavailableMessage("request-validator", oss); !strings.Contains(msg, "part of Kong Enterprise") {
		t.Errorf("OSS: %s", msg)
	}
	ee := kongclient.Gateway{Edition: "enterprise", Version: "3.11.0.0-enterprise-edition"}
	if msg := pluginUnavailableMessage("request-validator", ee); strings.Contains(msg, "part of Kong Enterprise") || !strings.Contains(msg, "`plugins` setting") {
		t.Errorf("Enterprise: %s", msg)
	}
	if msg := pluginUnavailableMessage("my-custom", oss); !strings.Contains(msg, "custom plugins must also be installed") {
		t.Errorf("custom: %s", msg)
	}
}

func TestPluginSchemasAreConsistent(t *testing.T) {
	for _, def := range []*pluginDefinition{genericPlugin, awsLambdaPlugin, keyAuthPlugin, corsPlugin, requestValidatorPlugin} {
		s := def.schema()
		if _, ok := s.Attributes["consumer_id"]; ok == def.forbidsConsumer {
			t.Errorf("%s: consumer_id present = %v, but forbidsConsumer = %v", def.typeSuffix, ok, def.forbidsConsumer)
		}
		for name, a := range s.Attributes {
			if a.GetDescription() == "" {
				t.Errorf("%s.%s has no description", def.typeSuffix, name)
			}
		}
		for name := range def.configAttributes {
			if a := s.Attributes[name]; a.IsComputed() || a.IsRequired() {
				t.Errorf("%s.%s: config attributes must be optional and not computed, so null means Kong's default", def.typeSuffix, name)
			}
		}
	}
}
