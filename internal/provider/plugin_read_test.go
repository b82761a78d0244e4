package provider

import (
	"testing"
)

// kong_plugin's read projects Kong's config onto what the user wrote and then removes the written fields from
// the non-default rest; a map field is projected whole, so the two share Kong's map. Removing the written keys
// from the rest must leave the projection alone, or a written map key reads back as null and every plan shows
// it changing (seen with openapi-request-validator's body_schemas).
func TestRemoveWrittenLeavesTheProjectionAlone(t *testing.T) {
	schema := parsePluginSchema(decodeJSON(t, `{"fields":[{"config":{"type":"record","fields":[
		{"operation_id":{"type":"string"}},
		{"body_schemas":{"type":"map","keys":{"type":"string"},"values":{"type":"string"}}},
		{"queue":{"type":"record","fields":[{"max_batch_size":{"type":"integer","default":1}},{"max_retry_time":{"type":"integer","default":60}}]}}
	]}}]}`).(map[string]any))
	stored := decodeJSON(t, `{"operation_id":"x","body_schemas":{"application/json":"{}","text/plain":"{\"maxLength\":9}"},
		"queue":{"max_batch_size":5,"max_retry_time":30}}`).(map[string]any)
	written := decodeJSON(t, `{"operation_id":"x","body_schemas":{"application/json":"{}"},"queue":{"max_batch_size":5}}`).(map[string]any)

	projected := projectConfig(stored, written, schema.Config)
	extra := nonDefaultConfig(stored, schema.Config)
	removeWritten(extra, written)

	if want := decodeJSON(t, `{"operation_id":"x","body_schemas":{"application/json":"{}","text/plain":"{\"maxLength\":9}"},
		"queue":{"max_batch_size":5}}`); !jsonEqual(projected, want) {
		t.Errorf("projection changed by removeWritten: %#v", projected)
	}
	if want := decodeJSON(t, `{"body_schemas":{"text/plain":"{\"maxLength\":9}"},"queue":{"max_retry_time":30}}`); !jsonEqual(extra, want) {
		t.Errorf("extra = %#v, want only what the user did not write", extra)
	}
	if want := decodeJSON(t, `{"application/json":"{}","text/plain":"{\"maxLength\":9}"}`); !jsonEqual(stored["body_schemas"], want) {
		t.Errorf("Kong's stored config was modified: %#v", stored["body_schemas"])
	}
}
