package provider

import (
	"context"
	"fmt"
	"net/url"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

var (
	_ resource.ResourceWithConfigure   = (*vaultResource)(nil)
	_ resource.ResourceWithImportState = (*vaultResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*vaultResource)(nil)
)

// NewVaultResource is the kong_vault resource.
func NewVaultResource() resource.Resource {
	return &vaultResource{lifecycleResource[vaultModel, kong.Vault]{lifecycle: vaultLifecycle}}
}

type vaultResource struct {
	lifecycleResource[vaultModel, kong.Vault]
}

type vaultModel struct {
	ID          types.String `tfsdk:"id"`
	Prefix      types.String `tfsdk:"prefix"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Config      types.Object `tfsdk:"config"`
	Tags        types.Set    `tfsdk:"tags"`
	CreatedAt   types.Int64  `tfsdk:"created_at"`
}

// The config of the env vault, the one vault Kong OSS 3.9 bundles (kong/vaults/env/schema.lua). It is a
// typed nested attribute rather than a JSON string: every field Kong has is an attribute, so a field the
// configuration leaves unset holds Kong's default (null) in state and a change made outside Terraform
// shows as drift, while Kong's answer needs no normalising to avoid a perpetual diff.
var vaultConfigTypes = map[string]attr.Type{"prefix": types.StringType}

// vaultConfigDefault is the env vault's config when the configuration has none: Kong's defaults.
var vaultConfigDefault = types.ObjectValueMust(vaultConfigTypes, map[string]attr.Value{"prefix": types.StringNull()})

// Kong's rules for a vault's prefix (the host of a reference, {vault://<prefix>/<secret>}) and for the env
// vault's config.prefix (the start of environment variable names).
var (
	vaultPrefixPattern    = regexp.MustCompile(`^[a-z][a-z0-9-]*[a-z0-9]$`)
	envVaultPrefixPattern = regexp.MustCompile(`^[A-Za-z_-][A-Za-z0-9_-]*$`)
)

// vaultNames are the vaults Kong OSS 3.9 bundles; a prefix may not be one of them.
var vaultNames = []string{"env"}

var vaultPrefixRule = stringRule{"Invalid vault prefix", "a lower-case label such as my-env", func(v string) string {
	for _, name := range vaultNames {
		if v == name {
			return fmt.Sprintf("prefix %q is the name of a vault, which Kong refuses (it must not be one of: %s).", v, quoteList(vaultNames))
		}
	}
	if !vaultPrefixPattern.MatchString(v) {
		return fmt.Sprintf("prefix %q must start with a lower-case letter, end with a lower-case letter or digit, and hold only "+
			"lower-case letters, digits and '-' (at least two characters), as the host part of {vault://<prefix>/<secret>} (Kong's rule).", v)
	}
	return ""
}}

func (r *vaultResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_vault"
}

func (r *vaultResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "A Kong vault: a named source of secrets. Any field Kong marks referenceable (a plugin's secrets, such as " +
			"aws-lambda's `aws_secret` or a plugin config value `{vault://env-secrets/my-secret}`, or a key's `jwk` and " +
			"`pem.private_key`) takes a reference `{vault://<prefix>/<secret>}` instead of the secret. Kong resolves it when it " +
			"uses the value, so the secret is in neither the Terraform configuration, plan and state nor Kong's database: " +
			"the way to keep secrets out of Terraform entirely. Kong OSS 3.9 bundles the `env` vault, which reads " +
			"environment variables of the Kong nodes.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("vault"),
			"prefix": schema.StringAttribute{
				Required:   true,
				Validators: []validator.String{vaultPrefixRule},
				Description: "The name references use for this vault: `{vault://<prefix>/<secret>}`. Unique in Kong; lower-case letters, " +
					"digits and `-`, starting with a letter, and not the name of a vault (`env`). Renaming it breaks every reference that uses the old prefix.",
			},
			"name": schema.StringAttribute{
				Optional:    true,
				Computed:    true,
				Default:     stringdefault.StaticString("env"),
				Validators:  []validator.String{stringvalidator.OneOf(vaultNames...)},
				Description: "The kind of vault. Kong OSS 3.9 bundles only `env` (environment variables), the default.",
			},
			"description": schema.StringAttribute{
				Optional:    true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
				Description: "Free text about the vault.",
			},
			"config": schema.SingleNestedAttribute{
				Optional: true,
				Computed: true,
				Default:  objectdefault.StaticValue(vaultConfigDefault),
				Attributes: map[string]schema.Attribute{
					"prefix": schema.StringAttribute{
						Optional: true,
						Validators: []validator.String{stringvalidator.RegexMatches(envVaultPrefixPattern,
							"must start with a letter, '_' or '-' and hold only letters, digits, '_' and '-' (Kong's rule for the env vault)")},
						Description: "Prepended to the secret's name to form the environment variable's: with `prefix = \"SECRETS_\"`, " +
							"`{vault://<vault prefix>/db-password}` reads `SECRETS_DB_PASSWORD` (Kong upper-cases the name and turns `-` into `_`).",
					},
				},
				Description: "The `env` vault's settings. Unset, Kong's defaults (no prefix).",
			},
			"tags":       tagsAttribute(),
			"created_at": createdAtAttribute(),
		},
	}
}

// vaultLifecycle writes vaults with one PUT each and reads them through the bulk reader.
var vaultLifecycle = &entityLifecycle[vaultModel, kong.Vault]{
	collection: kongclient.Vaults,
	typeName:   "kong_vault",
	noun:       "vault",
	id:         func(m vaultModel) types.String { return m.ID },
	withID:     func(m vaultModel, id string) vaultModel { m.ID = types.StringValue(id); return m },
	uniques:    vaultKeys,
	describe:   func(m vaultModel) string { return describe(m.Prefix, m.ID) },
	expand:     expandVault,
	flatten:    flattenVault,
	put: func(ctx context.Context, c *kong.Client, _ vaultModel, e *kong.Vault) (*kong.Vault, error) {
		return c.Vaults.Create(ctx, e)
	},
	remove: func(ctx context.Context, c *kong.Client, m vaultModel) error {
		return c.Vaults.Delete(ctx, m.ID.ValueStringPointer())
	},
}

// vaultKeys is the vault's prefix, unique in Kong and its endpoint key.
func vaultKeys(m vaultModel) []uniqueKey {
	if !hasValue(m.Prefix) {
		return nil
	}
	p := m.Prefix.ValueString()
	return []uniqueKey{{
		attribute: path.Root("prefix"),
		what:      fmt.Sprintf("prefix = %q", p),
		identity:  entityKey(kongclient.Vaults, "prefix", p),
		holder:    holderAt("/" + kongclient.Vaults + "/" + url.PathEscape(p)),
	}}
}

func expandVault(ctx context.Context, m vaultModel, defaultTags []string, diags *diag.Diagnostics) *kong.Vault {
	config := kong.Configuration{}
	if !m.Config.IsNull() && !m.Config.IsUnknown() {
		if p, ok := m.Config.Attributes()["prefix"].(types.String); ok && hasValue(p) {
			config["prefix"] = p.ValueString()
		}
	}
	return &kong.Vault{
		ID:          strPtr(m.ID),
		Prefix:      strPtr(m.Prefix),
		Name:        strPtr(m.Name),
		Description: strPtr(m.Description),
		Config:      config,
		Tags:        expandTags(ctx, m.Tags, defaultTags, diags),
	}
}

// flattenVault maps Kong's answer onto the model: every config field the env vault has, set or not.
func flattenVault(v *kong.Vault, prior vaultModel, defaultTags []string) vaultModel {
	prefix := types.StringNull()
	if p, ok := v.Config["prefix"].(string); ok {
		prefix = types.StringValue(p)
	}
	return vaultModel{
		ID:          types.StringPointerValue(v.ID),
		Prefix:      types.StringPointerValue(v.Prefix),
		Name:        types.StringPointerValue(v.Name),
		Description: types.StringPointerValue(v.Description),
		Config:      types.ObjectValueMust(vaultConfigTypes, map[string]attr.Value{"prefix": prefix}),
		Tags:        flattenTags(v.Tags, defaultTags, prior.Tags),
		CreatedAt:   types.Int64PointerValue(v.CreatedAt),
	}
}
