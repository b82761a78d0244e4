package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

// Plan-time validation of plugins: the plugin must be available on the node, and Kong's own validator must
// accept the planned entity.

// ModifyPlan checks the plan against the running Kong, reading only: the plugin must exist on the node,
// and Kong's own validator must accept the configuration. It also plans the default protocols.
func (r *pluginResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil {
		return
	}
	name, known := r.pluginName(ctx, req.Plan, &resp.Diagnostics)
	if !known || resp.Diagnostics.HasError() {
		return
	}
	r.lifecycle.claim(ctx, r.data, req, resp)
	gw := r.data.client.Gateway
	// A node that does not list its plugins (an Admin API behind a restrictive proxy) leaves the question to
	// Kong's validator, which refuses unknown plugins too.
	if len(gw.PluginsAvailable) > 0 && !gw.HasPlugin(name) {
		at := path.Root("name")
		if !r.def.generic() {
			at = path.Empty()
		}
		resp.Diagnostics.AddAttributeError(at, "Plugin not available", pluginUnavailableMessage(name, gw))
		return
	}
	var configured types.Set
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("protocols"), &configured)...)
	// Without protocols in the configuration, an existing plugin is planned back to the plugin's default
	// protocols (so removing them resets them). A new plugin gets Kong's default on create; its protocols are
	// known after apply, which spares the schema request during apply.
	if configured.IsNull() && !req.State.Raw.IsNull() {
		ps, err := r.schemaOf(ctx, name)
		if err != nil {
			addKongError(&resp.Diagnostics, "Cannot read the schema of the "+name+" plugin", err)
			return
		}
		if len(ps.DefaultProtocols) > 0 {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("protocols"), ps.DefaultProtocols)...)
		}
	}
	r.planWriteOnlyFields(ctx, req, resp)
	r.checkEmptyProtocols(ctx, req, resp)
	if !req.State.Raw.IsNull() && resp.Plan.Raw.Equal(req.State.Raw) {
		return // nothing will be written, so there is nothing for Kong to judge; large configurations stay cheap to plan
	}
	r.validate(ctx, name, resp.Plan, req.Config, &resp.Diagnostics)
}

func pluginUnavailableMessage(name string, gw kongclient.Gateway) string {
	msg := fmt.Sprintf("The Kong node (%s %s) does not have the %q plugin.", gw.Edition, gw.Version, name)
	if enterpriseOnlyPlugins[name] && !gw.IsEnterprise() {
		return msg + " It is part of Kong Enterprise and cannot run on Kong OSS."
	}
	return msg + " Bundled plugins must be listed in the node's `plugins` setting; custom plugins must also be installed on every node."
}

// enterpriseOnlyPlugins are plugins users commonly expect on Kong OSS; the list only improves a message.
var enterpriseOnlyPlugins = map[string]bool{
	"request-validator": true, "openid-connect": true, "rate-limiting-advanced": true, "oas-validation": true,
	"jwt-signer": true, "mtls-auth": true, "request-transformer-advanced": true,
}

// validate sends the known part of the planned plugin to Kong's validator and reports its complaints on the
// attributes concerned. Complaints that may stem from values not known yet are dropped: they are checked
// again when the values are known (during apply, before anything is written).
func (r *pluginResource) validate(ctx context.Context, name string, plan tfsdk.Plan, config tfsdk.Config, diags *diag.Diagnostics) {
	scope := loadScope(ctx, plan.Schema, plan.Raw, diags)
	cfg, known, err := r.userConfig(plan.Raw, config.Raw)
	if err != nil || !known || diags.HasError() {
		return // unknown as a whole, or already reported by ValidateConfig
	}
	cfg, unknown := withoutUnknowns(cfg, []string{"config"})
	if r.def.completeConfig != nil {
		r.def.completeConfig(cfg)
	}
	if scope.Protocols.IsUnknown() {
		unknown = append(unknown, []string{"protocols"})
	}
	var scratch diag.Diagnostics
	entity := expandPlugin(ctx, name, scope, cfg, nil, &scratch)
	entity.ID, entity.Tags = "", nil // not the validator's concern
	// Only whether a scope is set matters to the validator, not which entity it names; with the same
	// placeholder everywhere, plugins that share a configuration share one validation per run.
	for _, fk := range []*foreignKey{entity.Service, entity.Route, entity.Consumer} {
		if fk != nil {
			fk.ID = placeholderID
		}
	}
	if scope.InstanceName.IsUnknown() {
		entity.InstanceName = nil
	}
	fieldErrs, err := r.data.client.ValidatePlugin(ctx, entity)
	if kong.IsForbiddenErr(err) {
		// A token that may only read (Kong Enterprise RBAC, the usual token of a pull-request plan in
		// Atlantis) may not POST even to the side-effect-free validator. The plan stays useful without it.
		diags.AddWarning("Kong-side validation of the "+name+" plugin configuration was skipped",
			"Kong refused to validate the configuration because the admin token may not write ("+kongErrorDetail(err)+"). "+
				"The plan still checks that the plugin is available on the node, the attribute types and the "+
				"provider's own rules, but not the config fields and values against Kong's schema: Kong checks "+
				"those at apply, made with a token that may write.")
		return
	}
	if err != nil {
		addKongError(diags, "Cannot validate the "+name+" plugin configuration", err)
		return
	}
	for _, fe := range relevantFieldErrors(fieldErrs, unknown) {
		detail := fmt.Sprintf("Kong rejects the %s plugin configuration: %s", name, fe)
		if at, ok := r.def.errorAttribute(fe); ok {
			diags.AddAttributeError(at, "Invalid plugin configuration", detail)
		} else {
			diags.AddError("Invalid plugin configuration", detail)
		}
	}
}

// relevantFieldErrors drops the errors that may only be due to values not known yet: errors on an unknown
// field, on something inside it or on the record holding it, and cross-field errors naming it.
func relevantFieldErrors(errs []kongclient.FieldError, unknown [][]string) []kongclient.FieldError {
	var out []kongclient.FieldError
	for _, fe := range errs {
		if !concernsUnknown(fe, unknown) {
			out = append(out, fe)
		}
	}
	return out
}

func concernsUnknown(fe kongclient.FieldError, unknown [][]string) bool {
	for _, u := range unknown {
		if fe.Entity {
			if strings.Contains(fe.Message, "'"+dottedPath(u)+"'") {
				return true
			}
			continue
		}
		if isPrefix(u, fe.Path) || isPrefix(fe.Path, u) {
			return true
		}
	}
	return false
}

func isPrefix(prefix, p []string) bool {
	if len(prefix) > len(p) {
		return false
	}
	for i := range prefix {
		if prefix[i] != p[i] {
			return false
		}
	}
	return true
}
