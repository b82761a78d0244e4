package provider

import (
	"reflect"
	"testing"
)

func TestGeneratedConfig(t *testing.T) {
	record := &schemaField{Type: "record", Fields: []schemaField{
		{Name: "provision_key", Type: "string", Auto: true},
		{Name: "scopes", Type: "array"},
		{Name: "redis", Type: "record", Fields: []schemaField{{Name: "token", Type: "string", Auto: true}, {Name: "host", Type: "string"}}},
		{Name: "other", Type: "record", Fields: []schemaField{{Name: "host", Type: "string"}}},
		{Name: "missing", Type: "string", Auto: true},
	}}
	stored := map[string]any{
		"provision_key": "k", "scopes": []any{"a"}, "redis": map[string]any{"token": "t", "host": "h"},
		"other": map[string]any{"host": "h"}, "missing": nil,
	}
	want := map[string]any{"provision_key": "k", "redis": map[string]any{"token": "t"}}
	if got := generatedConfig(stored, record); !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if got := generatedConfig(stored, nil); len(got) != 0 {
		t.Errorf("no schema: %v", got)
	}

	config := map[string]any{"provision_key": "mine", "redis": map[string]any{"host": "h2"}, "scopes": nil}
	addUnset(config, map[string]any{"provision_key": "k", "redis": map[string]any{"token": "t"}, "scopes": []any{"x"}, "new": map[string]any{"a": 1}})
	wantConfig := map[string]any{"provision_key": "mine", "redis": map[string]any{"host": "h2", "token": "t"}, "scopes": []any{"x"}, "new": map[string]any{"a": 1}}
	if !reflect.DeepEqual(config, wantConfig) {
		t.Errorf("got %v, want %v", config, wantConfig)
	}
}

func TestHasAutoField(t *testing.T) {
	nested := &schemaField{Type: "record", Fields: []schemaField{
		{Name: "redis", Type: "record", Fields: []schemaField{{Name: "token", Type: "string", Auto: true}}},
	}}
	plain := &schemaField{Type: "record", Fields: []schemaField{
		{Name: "host", Type: "string"}, {Name: "redis", Type: "record", Fields: []schemaField{{Name: "port", Type: "integer"}}},
	}}
	if !hasAutoField(nested) || hasAutoField(plain) || hasAutoField(nil) {
		t.Errorf("hasAutoField: nested %v, plain %v, nil %v", hasAutoField(nested), hasAutoField(plain), hasAutoField(nil))
	}
}
