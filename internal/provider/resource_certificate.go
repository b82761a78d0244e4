package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

var (
	_ resource.ResourceWithConfigure        = (*certificateResource)(nil)
	_ resource.ResourceWithImportState      = (*certificateResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*certificateResource)(nil)
	_ resource.ResourceWithValidateConfig   = (*certificateResource)(nil)
	_ resource.ResourceWithConfigValidators = (*certificateResource)(nil)
)

// NewCertificateResource is the kong_certificate resource.
func NewCertificateResource() resource.Resource {
	return &certificateResource{lifecycleResource[certificateModel, kong.Certificate]{lifecycle: certificateLifecycle}}
}

// certificateResource adds to the shared lifecycle the checks of the keys against the certificates.
type certificateResource struct {
	lifecycleResource[certificateModel, kong.Certificate]
}

type certificateModel struct {
	ID              types.String `tfsdk:"id"`
	Cert            types.String `tfsdk:"cert"`
	Key             types.String `tfsdk:"key"`
	KeyWO           types.String `tfsdk:"key_wo"`
	KeyWOVersion    types.Int64  `tfsdk:"key_wo_version"`
	CertAlt         types.String `tfsdk:"cert_alt"`
	KeyAlt          types.String `tfsdk:"key_alt"`
	KeyAltWO        types.String `tfsdk:"key_alt_wo"`
	KeyAltWOVersion types.Int64  `tfsdk:"key_alt_wo_version"`
	SNIs            types.Set    `tfsdk:"snis"`
	Tags            types.Set    `tfsdk:"tags"`
	CreatedAt       types.Int64  `tfsdk:"created_at"`

	// snisManaged is whether the configuration sets snis, which only the configuration says (the plan and
	// state hold the SNIs either way): when it does not, the SNIs belong to kong_sni resources.
	snisManaged bool
}

func (r *certificateResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_certificate"
}

// keyAttributes are a private key's three attributes: the key in the (sensitive) state, or write-only with
// its version. name is "key" or "key_alt"; of is the certificate attribute it belongs to.
func keyAttributes(name, of string) map[string]schema.Attribute {
	wo, version := name+"_wo", name+"_wo_version"
	return map[string]schema.Attribute{
		name: schema.StringAttribute{
			Optional: true, Sensitive: true,
			Validators:  []validator.String{privateKeyPEMRule, stringvalidator.ConflictsWith(path.MatchRoot(wo))},
			Description: fmt.Sprintf("Private key of `%s` in PEM, unencrypted. Kept in the state (sensitive); use `%s` to keep it out. Checked against the certificate at plan.", of, wo),
		},
		wo: schema.StringAttribute{
			Optional: true, Sensitive: true, WriteOnly: true,
			Validators:  []validator.String{privateKeyPEMRule, stringvalidator.AlsoRequires(path.MatchRoot(version))},
			Description: fmt.Sprintf("Private key of `%s` in PEM, write-only: sent to Kong on every write but never stored in the plan or state (Terraform 1.11 or later). Set `%s` with it.", of, version),
		},
		version: schema.Int64Attribute{
			Optional:    true,
			Validators:  []validator.Int64{int64validator.AlsoRequires(path.MatchRoot(wo))},
			Description: fmt.Sprintf("Any number you change when `%s` changes (a renewed certificate's new key): Terraform cannot see the write-only value change itself.", wo),
		},
	}
}

func (r *certificateResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"id": idAttribute("certificate"),
		"cert": schema.StringAttribute{
			Required:    true,
			Validators:  []validator.String{certificatePEMRule},
			Description: "The certificate in PEM, optionally followed by its intermediate certificates. Checked at plan.",
		},
		"cert_alt": schema.StringAttribute{
			Optional:    true,
			Validators:  []validator.String{certificatePEMRule},
			Description: "An alternative certificate in PEM for clients that support it, with a key of the other algorithm than `cert` (ECDSA beside RSA). Needs `key_alt` or `key_alt_wo`.",
		},
		"snis": schema.SetAttribute{
			ElementType: types.StringType,
			Optional:    true, Computed: true,
			Validators: []validator.Set{setvalidator.NoNullValues(), setvalidator.ValueStringsAre(routeSNIRule)},
			Description: "Server names (SNIs) Kong serves this certificate for, such as `api.example.com` or `*.example.com`; Kong keeps each name on one certificate. " +
				"Set, the list is authoritative: names missing from it are removed, `[]` removes all. Unset, the certificate's SNIs are left as they are, " +
				"for `kong_sni` resources to manage; the attribute then shows them. Use either this list or `kong_sni` for one certificate, not both.",
		},
		"tags":       tagsAttribute(),
		"created_at": createdAtAttribute(),
	}
	for name, a := range keyAttributes("key", "cert") {
		attrs[name] = a
	}
	for name, a := range keyAttributes("key_alt", "cert_alt") {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		Description: "A TLS certificate and its private key, which Kong serves to clients for the server names (SNIs) it is attached to, " +
			"or presents to upstreams as a service's `client_certificate_id`. The private key can stay out of the state with `key_wo`.",
		Attributes: wholeNumbers(attrs),
	}
}

func (r *certificateResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{resourcevalidator.ExactlyOneOf(path.MatchRoot("key"), path.MatchRoot("key_wo"))}
}

// ValidateConfig refuses at plan what Kong refuses when it stores the certificate: a key that is not the
// certificate's, an alternative certificate without its key, and an alternative certificate whose key has
// the same algorithm as the main one's.
func (r *certificateResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	m, diags := getModel[certificateModel](ctx, req.Config.Schema, req.Config.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	pair := func(cert types.String, keyAttr string, key, keyWO types.String) {
		k, attr := key, keyAttr
		if k.IsNull() {
			k, attr = keyWO, keyAttr+"_wo"
		}
		if !hasValue(cert) || !hasValue(k) {
			return
		}
		if problem := keyMismatch(cert.ValueString(), k.ValueString()); problem != "" {
			resp.Diagnostics.AddAttributeError(path.Root(attr), "Key does not match the certificate", problem)
		}
	}
	pair(m.Cert, "key", m.Key, m.KeyWO)
	pair(m.CertAlt, "key_alt", m.KeyAlt, m.KeyAltWO)
	altKey := !m.KeyAlt.IsNull() || !m.KeyAltWO.IsNull()
	switch {
	case m.CertAlt.IsNull() && altKey:
		resp.Diagnostics.AddAttributeError(path.Root("cert_alt"), "Missing alternative certificate",
			"key_alt (or key_alt_wo) is set without cert_alt; Kong needs both or neither.")
	case !m.CertAlt.IsNull() && !altKey:
		resp.Diagnostics.AddAttributeError(path.Root("key_alt"), "Missing alternative key",
			"cert_alt is set without its private key: set key_alt or key_alt_wo; Kong needs both or neither.")
	}
	if hasValue(m.Cert) && hasValue(m.CertAlt) && sameKeyAlgorithm(m.Cert.ValueString(), m.CertAlt.ValueString()) {
		resp.Diagnostics.AddAttributeError(path.Root("cert_alt"), "Alternative certificate of the same type",
			"cert and cert_alt have keys of the same algorithm; Kong needs them to differ (an RSA and an ECDSA certificate), so that it can serve each client the one it supports.")
	}
}

// certificateLifecycle writes certificates with one PUT each. The snis the configuration does not set are
// read from Kong and sent back (keepSNIs), because a PUT without snis removes all of a certificate's SNIs.
var certificateLifecycle = &entityLifecycle[certificateModel, kong.Certificate]{
	collection: kongclient.Certificates,
	typeName:   "kong_certificate",
	noun:       "certificate",
	id:         func(m certificateModel) types.String { return m.ID },
	withID:     func(m certificateModel, id string) certificateModel { m.ID = types.StringValue(id); return m },
	uniques:    certificateSNIKeys,
	describe:   func(m certificateModel) string { return describe(types.StringNull(), m.ID) },
	expand:     expandCertificate,
	flatten:    flattenCertificate,
	put: func(ctx context.Context, c *kong.Client, _ certificateModel, e *kong.Certificate) (*kong.Certificate, error) {
		got, err := c.Certificates.Create(ctx, e)
		return got, sniTaken(err)
	},
	remove: func(ctx context.Context, c *kong.Client, m certificateModel) error {
		return c.Certificates.Delete(ctx, m.ID.ValueStringPointer())
	},
	writeOnly: func(ctx context.Context, config tfsdk.Config, m certificateModel, diags *diag.Diagnostics) certificateModel {
		diags.Append(config.GetAttribute(ctx, path.Root("key_wo"), &m.KeyWO)...)
		diags.Append(config.GetAttribute(ctx, path.Root("key_alt_wo"), &m.KeyAltWO)...)
		var snis types.Set
		diags.Append(config.GetAttribute(ctx, path.Root("snis"), &snis)...)
		m.snisManaged = !snis.IsNull()
		return m
	},
	keep: keepSNIs,
}

// certificateSNIKeys are the names the configuration's snis sets: Kong keeps each SNI name unique, whether
// a certificate's snis or a kong_sni holds it, so both claim the same key. The holder is the certificate
// that has the name.
func certificateSNIKeys(m certificateModel) []uniqueKey {
	if !m.snisManaged || !hasValue(m.SNIs) {
		return nil
	}
	var keys []uniqueKey
	for _, e := range m.SNIs.Elements() {
		name, ok := e.(types.String)
		if !ok || !hasValue(name) {
			continue
		}
		n := name.ValueString()
		keys = append(keys, uniqueKey{
			attribute: path.Root("snis"),
			what:      fmt.Sprintf("the SNI %q", n),
			identity:  entityKey(kongclient.SNIs, "name", n),
			holder:    holderAt("/certificates/" + url.PathEscape(n)),
		})
	}
	return keys
}

// sniTaken turns Kong's answer to snis that name another certificate's SNI (a schema violation, where
// other taken keys are 409s) into the conflict it is: the write then waits for a resource of the same apply
// that is releasing the name, and finally names the holder with the import block that adopts it.
func sniTaken(err error) error {
	var apiErr *kongclient.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusBadRequest {
		return err
	}
	if msg, _ := apiErr.Fields["snis"].(string); !strings.Contains(msg, "already associated with existing certificate") {
		return err
	}
	conflict := *apiErr
	conflict.Status = http.StatusConflict
	return &conflict
}

// keepSNIs puts the certificate's current SNIs into an update whose configuration leaves snis unset: they
// belong to kong_sni resources, which a PUT without them would delete.
func keepSNIs(ctx context.Context, data *providerData, prior, plan certificateModel, diags *diag.Diagnostics) certificateModel {
	if plan.snisManaged {
		return plan
	}
	current, err := data.client.Kong.Certificates.Get(ctx, prior.ID.ValueStringPointer())
	if err != nil && !kong.IsNotFoundErr(err) {
		addKongError(diags, "Cannot read the SNIs of Kong certificate "+prior.ID.ValueString(), err)
		return plan
	}
	plan.SNIs = types.SetNull(types.StringType)
	if current != nil {
		plan.SNIs = flattenStringSet(current.SNIs, plan.SNIs)
	}
	return plan
}

// expandCertificate is the whole certificate. A write-only key, when set, is the key sent.
func expandCertificate(ctx context.Context, m certificateModel, defaultTags []string, diags *diag.Diagnostics) *kong.Certificate {
	key, keyAlt := m.Key, m.KeyAlt
	if !m.KeyWOVersion.IsNull() {
		key = m.KeyWO
	}
	if !m.KeyAltWOVersion.IsNull() {
		keyAlt = m.KeyAltWO
	}
	return &kong.Certificate{
		ID:      strPtr(m.ID),
		Cert:    strPtr(m.Cert),
		Key:     strPtr(key),
		CertAlt: strPtr(m.CertAlt),
		KeyAlt:  strPtr(keyAlt),
		SNIs:    expandStrings(ctx, m.SNIs, diags),
		Tags:    expandTags(ctx, m.Tags, defaultTags, diags),
	}
}

// flattenCertificate maps Kong's answer onto the model. A key written write-only never reaches the state;
// prior supplies the write-only versions and whether an empty set was written as [].
func flattenCertificate(c *kong.Certificate, prior certificateModel, defaultTags []string) certificateModel {
	m := certificateModel{
		ID:              types.StringPointerValue(c.ID),
		Cert:            types.StringPointerValue(c.Cert),
		Key:             types.StringPointerValue(c.Key),
		KeyWO:           types.StringNull(),
		KeyWOVersion:    prior.KeyWOVersion,
		CertAlt:         types.StringPointerValue(c.CertAlt),
		KeyAlt:          types.StringPointerValue(c.KeyAlt),
		KeyAltWO:        types.StringNull(),
		KeyAltWOVersion: prior.KeyAltWOVersion,
		SNIs:            flattenStringSet(c.SNIs, prior.SNIs),
		Tags:            flattenTags(c.Tags, defaultTags, prior.Tags),
		CreatedAt:       types.Int64PointerValue(c.CreatedAt),
	}
	if !prior.KeyWOVersion.IsNull() {
		m.Key = types.StringNull()
	}
	if !prior.KeyAltWOVersion.IsNull() {
		m.KeyAlt = types.StringNull()
	}
	return m
}
