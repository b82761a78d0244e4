package provider

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/kong/go-kong/kong"
)

// addKongError reports a failed Admin API call: summary says what the provider was doing, the detail is
// Kong's reason. Every resource and data source reports Admin API errors through it.
func addKongError(diags *diag.Diagnostics, summary string, err error) {
	addKongError(diags, summary, err)
}

// kongErrorDetail renders an Admin API error for a diagnostic: Kong's own message (which names the fields
// at fault) and the HTTP status.
func kongErrorDetail(err error) string {
	var apiErr *kong.APIError
	if !errors.As(err, &apiErr) {
		return err.Error()
	}
	var body struct {
		Message string `json:"message"`
	}
	if json.Unmarshal(apiErr.Raw(), &body) != nil || body.Message == "" {
		return fmt.Sprintf("Kong answered HTTP %d.", apiErr.Code())
	}
	return fmt.Sprintf("Kong answered HTTP %d: %s", apiErr.Code(), body.Message)
}

