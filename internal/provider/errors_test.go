package provider

import (
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

// TestAddKongErrorPutsKongsReasonOnAttributes: each field Kong names becomes an attribute error with Kong's
// reason; fields that map to no attribute, and errors naming no field, give one error without one.
func TestAddKongErrorPutsKongsReasonOnAttributes(t *testing.T) {
	type want struct{ attr, detail string }
	cases := map[string]struct {
		err    error
		mapper fieldAttribute
		want   []want
	}{
		"schema violation on two fields": {
			err: &kongclient.APIError{Status: 400, Code: 2, Name: "schema violation",
				Message: "2 schema violations (host: required field missing; port: value should be between 0 and 65535)",
				Fields:  map[string]any{"host": "required field missing", "port": "value should be between 0 and 65535"}},
			want: []want{{"host", "host: required field missing"}, {"port", "port: value should be between 0 and 65535"}},
		},
		"missing foreign key goes on service_id": {
			err: &kongclient.APIError{Status: 400, Code: 4, Name: "foreign key violation",
				Message: "the foreign key '{id=\"x\"}' does not reference an existing 'services' entity.",
				Fields:  map[string]any{"service": map[string]any{"id": "x"}}},
			want: []want{{"service_id", "does not reference an existing 'services' entity."}},
		},
		"referenced by others names no attribute": {
			err: &kongclient.APIError{Status: 400, Code: 4, Name: "foreign key violation", Request: "DELETE /services/abc",
				Message: "an existing 'routes' entity references this 'services' entity", Fields: map[string]any{"@referenced_by": "routes"}},
			want: []want{{"", "GET /services/abc/routes lists them"}},
		},
		"a plugin maps its own fields": {
			err: &kongclient.APIError{Status: 400, Code: 2, Name: "schema violation", Message: "schema violation (config.minute: expected an integer)",
				Fields: map[string]any{"config": map[string]any{"minute": "expected an integer"}}},
			mapper: func(fe kongclient.FieldError) (path.Path, bool) {
				return path.Root(fe.Path[len(fe.Path)-1]), true
			},
			want: []want{{"minute", "config.minute: expected an integer"}},
		},
		"not an API error": {err: errors.New("connection refused"), want: []want{{"", "connection refused"}}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var diags diag.Diagnostics
			addKongError(&diags, "Cannot write", tc.err, tc.mapper)
			if len(diags) != len(tc.want) {
				t.Fatalf("%d diagnostics, want %d: %v", len(diags), len(tc.want), diags)
			}
			for i, w := range tc.want {
				d := diags[i]
				attr := ""
				if withPath, ok := d.(diag.DiagnosticWithPath); ok {
					attr = withPath.Path().String()
				}
				if attr != w.attr || !strings.Contains(d.Detail(), w.detail) {
					t.Errorf("diagnostic %d: on %q: %s; want on %q, saying %q", i, attr, d.Detail(), w.attr, w.detail)
				}
			}
		})
	}
}
