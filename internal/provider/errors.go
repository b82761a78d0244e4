package provider

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

// fieldAttribute maps a field Kong blames onto the attribute that sets it. Resources whose attributes are
// not Kong's top-level fields (plugins: config fields become attributes of their own) pass their own.
type fieldAttribute func(kongclient.FieldError) (path.Path, bool)

// addKongError reports a failed Admin API call: summary says what the provider was doing, the detail is
// Kong's reason. Every resource and data source reports Admin API errors through it.
//
// Where Kong names fields, each named field that maps to an attribute gets an attribute error (so
// Terraform points at the line that set it) with Kong's message; fields that map to none are reported in
// one error without an attribute. Core entities need no mapping: Kong's top-level field names are the
// attribute names, and foreign keys (service, route, consumer) are the *_id attributes. Secret values
// never appear: kongclient redacts them from Kong's answers.
func addKongError(diags *diag.Diagnostics, summary string, err error, attributeOf ...fieldAttribute) {
	var apiErr *kongclient.APIError
	if !errors.As(err, &apiErr) {
		diags.AddError(summary, kongErrorDetail(err))
		return
	}
	mapField := coreFieldAttribute
	if len(attributeOf) > 0 && attributeOf[0] != nil {
		mapField = attributeOf[0]
	}
	var unmapped []string
	attached := false
	for _, fe := range apiErr.FieldErrors() {
		at, ok := mapField(fe)
		if !ok {
			unmapped = append(unmapped, fe.String())
			continue
		}
		attached = true
		diags.AddAttributeError(at, summary, kongFieldDetail(apiErr, fe))
	}
	if !attached || len(unmapped) > 0 {
		diags.AddError(summary, kongErrorDetail(err))
	}
}

// kongErrorDetail renders an Admin API error for a diagnostic: Kong's own message (which names the fields
// at fault), the error's name and the HTTP status.
func kongErrorDetail(err error) string {
	var apiErr *kongclient.APIError
	if errors.As(err, &apiErr) {
		return strings.TrimSuffix(apiErr.Error(), ".") + "." + referencedByHint(apiErr)
	}
	var goKongErr *kong.APIError
	if errors.As(err, &goKongErr) {
		return fmt.Sprintf("Kong answered HTTP %d: %s", goKongErr.Code(), goKongErr.Error())
	}
	return err.Error()
}

// kongFieldDetail is the detail of an attribute error: what Kong says about this field, after the status.
func kongFieldDetail(apiErr *kongclient.APIError, fe kongclient.FieldError) string {
	head := fmt.Sprintf("Kong answered HTTP %d", apiErr.Status)
	if apiErr.Name != "" {
		head += " (" + apiErr.Name + ")"
	}
	if fe.Message == apiErr.Message {
		return head + ": " + strings.TrimSuffix(apiErr.Message, ".") + "."
	}
	return head + ": " + fe.String() + ". Kong's whole answer: " + strings.TrimSuffix(apiErr.Message, ".") + "."
}

// coreFieldAttribute maps a core entity's field (service, route, consumer, credential) onto its attribute:
// the top-level field name, with foreign keys renamed to their *_id attributes. Errors inside a nested
// field go on the top-level attribute holding it; checks across fields ("@entity") go on none.
func coreFieldAttribute(fe kongclient.FieldError) (path.Path, bool) {
	if fe.Entity || len(fe.Path) == 0 || strings.HasPrefix(fe.Path[0], "@") {
		return path.Empty(), false
	}
	switch name := fe.Path[0]; name {
	case "service", "route", "consumer":
		return path.Root(name + "_id"), true
	case "id", "created_at", "updated_at":
		return path.Empty(), false // Kong's own or the provider's, never the user's
	default:
		return path.Root(name), true
	}
}

// referencedByHint helps with Kong's refusal to delete an entity others still use: Kong names only the kind
// of the referencing entities ("an existing 'routes' entity references this 'services' entity"), so the
// hint says how to list them.
func referencedByHint(apiErr *kongclient.APIError) string {
	referencing, _ := apiErr.Fields["@referenced_by"].(string)
	method, entityPath, _ := strings.Cut(apiErr.Request, " ")
	if referencing == "" || method != "DELETE" || entityPath == "" {
		return ""
	}
	return fmt.Sprintf(" Kong does not say which %s: GET %s/%s lists them. Delete them or move them to another entity first.",
		referencing, entityPath, referencing)
}

// A plugin's attributes are not Kong's field names: a typed plugin's config fields are attributes of their
// own (or write-only attributes), and kong_plugin's are inside config.

// errorAttribute is the attribute a validation error belongs on, if the error names one.
func (d *pluginDefinition) errorAttribute(fe kongclient.FieldError) (path.Path, bool) {
	if at, ok := d.attributePath(fe.Field()); ok {
		return at, true
	}
	// Kong's custom entity checks name their field unquoted, first: "proxy_url scheme must be http".
	first, _, _ := strings.Cut(fe.Message, " ")
	if _, ok := d.configAttributes[first]; fe.Entity && len(fe.Path) == 0 && ok {
		return d.attributePath([]string{"config", first})
	}
	return path.Empty(), false
}

// attributePath maps a Kong field path onto the attribute that sets it.
func (d *pluginDefinition) attributePath(p []string) (path.Path, bool) {
	if len(p) == 0 {
		return path.Empty(), false
	}
	switch p[0] {
	case "service", "route", "consumer":
		return path.Root(p[0] + "_id"), true
	case "name", "instance_name", "protocols", "enabled", "tags":
		return path.Root(p[0]), true
	case "config":
	default:
		return path.Empty(), false
	}
	if d.generic() {
		return path.Root("config"), true
	}
	if len(p) < 2 {
		return path.Empty(), false
	}
	at, found := path.Root(p[1]), false
	if _, ok := d.configAttributes[p[1]]; ok {
		found = true
	}
	for attrName, field := range d.writeOnlyAttributes {
		if field == p[1] && !found {
			at, found = path.Root(attrName), true
		}
	}
	if !found {
		return path.Empty(), false
	}
	for _, step := range p[2:] {
		if i, err := strconv.Atoi(step); err == nil {
			at = at.AtListIndex(i)
		} else {
			at = at.AtName(step)
		}
	}
	return at, true
}
