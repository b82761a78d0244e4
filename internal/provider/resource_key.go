package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
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
	_ resource.ResourceWithConfigure        = (*keyResource)(nil)
	_ resource.ResourceWithImportState      = (*keyResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*keyResource)(nil)
	_ resource.ResourceWithValidateConfig   = (*keyResource)(nil)
	_ resource.ResourceWithConfigValidators = (*keyResource)(nil)
)

// NewKeyResource is the kong_key resource.
func NewKeyResource() resource.Resource {
	return &keyResource{lifecycleResource[keyModel, kong.Key]{lifecycle: keyLifecycle}}
}

// keyResource adds to the shared lifecycle the checks of the key material (resource_key_checks.go).
type keyResource struct {
	lifecycleResource[keyModel, kong.Key]
}

type keyModel struct {
	ID           types.String `tfsdk:"id"`
	SetID        types.String `tfsdk:"set_id"`
	Name         types.String `tfsdk:"name"`
	KID          types.String `tfsdk:"kid"`
	JWK          types.String `tfsdk:"jwk"`
	JWKWO        types.String `tfsdk:"jwk_wo"`
	JWKWOVersion types.Int64  `tfsdk:"jwk_wo_version"`
	PEM          types.Object `tfsdk:"pem"`
	Tags         types.Set    `tfsdk:"tags"`
	CreatedAt    types.Int64  `tfsdk:"created_at"`
}

// pemTypes are the attributes of pem; the version is a wholeNumberType, as every settable Int64 is.
var pemTypes = map[string]attr.Type{
	"private_key": types.StringType, "private_key_wo": types.StringType,
	"private_key_wo_version": wholeNumberType{}, "public_key": types.StringType,
}

// keyPEM is pem's attributes, read from an object value (all null when the object is null or unknown).
type keyPEM struct {
	privateKey, privateKeyWO, publicKey types.String
	version                             types.Int64
}

func pemOf(ctx context.Context, o types.Object) keyPEM {
	p := keyPEM{types.StringNull(), types.StringNull(), types.StringNull(), types.Int64Null()}
	if o.IsNull() || o.IsUnknown() {
		return p
	}
	a := o.Attributes()
	p.privateKey, _ = a["private_key"].(types.String)
	p.privateKeyWO, _ = a["private_key_wo"].(types.String)
	p.publicKey, _ = a["public_key"].(types.String)
	p.version, _ = int64Of(ctx, a["private_key_wo_version"])
	return p
}

// writeOnly reports whether the private key is the configuration's write-only one.
func (p keyPEM) writeOnly() bool { return !p.version.IsNull() }

// object is the pem attribute's value; the write-only key itself is never kept.
func (p keyPEM) object() types.Object {
	return types.ObjectValueMust(pemTypes, map[string]attr.Value{
		"private_key": p.privateKey, "private_key_wo": types.StringNull(),
		"private_key_wo_version": wholeNumber{Int64Value: p.version}, "public_key": p.publicKey,
	})
}

func (r *keyResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_key"
}

func (r *keyResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	privateKeyRules := []validator.String{keyPrivatePEMRule}
	resp.Schema = schema.Schema{
		Description: "A key in Kong: a JSON Web Key (`jwk` or `jwk_wo`) or a PEM key pair (`pem`), exactly one, identified by its `kid`, " +
			"optionally in a key set (`kong_key_set`). Keep private keys out of the state with `jwk_wo` or `pem.private_key_wo` " +
			"(Terraform 1.11 or later), or out of Terraform entirely with a vault reference (`{vault://<prefix>/<secret>}`, see `kong_vault`).",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("key"),
			"set_id": schema.StringAttribute{
				Optional:    true,
				Validators:  []validator.String{uuidRule},
				Description: "Id of the key set the key belongs to. Deleting the set in Kong deletes its keys.",
			},
			"name": schema.StringAttribute{
				Optional:    true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
				Description: "Unique name of the key.",
			},
			"kid": schema.StringAttribute{
				Required:    true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
				Description: "The key's identifier. Unique within its key set (and among keys without a set); a `jwk`'s own `kid` must equal it.",
			},
			"jwk": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				Description: "The key as a JSON Web Key (a JSON string, e.g. from `jsonencode`), public or private: RSA, EC (P-256, P-384, P-521) or " +
					"OKP. Kept in the state (sensitive); use `jwk_wo` to keep it out. A vault reference is accepted as is.",
			},
			"jwk_wo": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				WriteOnly: true,
				Validators: []validator.String{stringvalidator.AlsoRequires(path.MatchRoot("jwk_wo_version")),
					stringvalidator.ConflictsWith(path.MatchRoot("jwk"))},
				Description: "`jwk`, write-only: sent to Kong on every write but never stored in the plan or state. Set `jwk_wo_version` with it.",
			},
			"jwk_wo_version": schema.Int64Attribute{
				Optional:    true,
				Validators:  []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("jwk_wo"))},
				Description: "Any number you change to rewrite the key with a new `jwk_wo`.",
			},
			"pem": schema.SingleNestedAttribute{
				Optional: true,
				Attributes: map[string]schema.Attribute{
					"private_key": schema.StringAttribute{
						Optional:    true,
						Sensitive:   true,
						Validators:  append(privateKeyRules, stringvalidator.ConflictsWith(path.MatchRelative().AtParent().AtName("private_key_wo"))),
						Description: "The private key in PEM (PKCS #8, or PKCS #1 RSA / SEC 1 EC), unencrypted. Kept in the state (sensitive); use `private_key_wo` to keep it out.",
					},
					"private_key_wo": schema.StringAttribute{
						Optional:  true,
						Sensitive: true,
						WriteOnly: true,
						Validators: append(privateKeyRules,
							stringvalidator.AlsoRequires(path.MatchRelative().AtParent().AtName("private_key_wo_version"))),
						Description: "`private_key`, write-only: sent to Kong on every write but never stored in the plan or state. Set `private_key_wo_version` with it.",
					},
					"private_key_wo_version": schema.Int64Attribute{
						Optional: true,
						Validators: []validator.Int64{
							int64validator.AlsoRequires(path.MatchRelative().AtParent().AtName("private_key_wo"))},
						Description: "Any number you change to rewrite the key with a new `private_key_wo`.",
					},
					"public_key": schema.StringAttribute{
						Optional:    true,
						Validators:  []validator.String{keyPublicPEMRule},
						Description: "The public key in PEM (`-----BEGIN PUBLIC KEY-----`). With a private key, it must be that key's public half.",
					},
				},
				Description: "The key as PEM: a private key, a public key or both.",
			},
			"tags":       tagsAttribute(),
			"created_at": createdAtAttribute(),
		},
	}
	resp.Schema.Attributes = wholeNumbers(resp.Schema.Attributes)
}

// keyLifecycle writes keys with one PUT each and reads them through the bulk reader.
var keyLifecycle = &entityLifecycle[keyModel, kong.Key]{
	collection: kongclient.Keys,
	typeName:   "kong_key",
	noun:       "key",
	id:         func(m keyModel) types.String { return m.ID },
	withID:     func(m keyModel, id string) keyModel { m.ID = types.StringValue(id); return m },
	uniques:    keyKeys,
	describe:   func(m keyModel) string { return describe(m.KID, m.ID) },
	expand:     expandKey,
	flatten:    flattenKey,
	put: func(ctx context.Context, c *kong.Client, _ keyModel, e *kong.Key) (*kong.Key, error) {
		return c.Keys.Create(ctx, e)
	},
	remove: func(ctx context.Context, c *kong.Client, m keyModel) error {
		return c.Keys.Delete(ctx, m.ID.ValueStringPointer())
	},
	writeOnly:      keyWriteOnly,
	fieldAttribute: keyFieldAttribute,
}

// keyWriteOnly adds the configuration's write-only jwk and private key to the model about to be written.
func keyWriteOnly(ctx context.Context, config tfsdk.Config, m keyModel, diags *diag.Diagnostics) keyModel {
	diags.Append(config.GetAttribute(ctx, path.Root("jwk_wo"), &m.JWKWO)...)
	var pem types.Object
	diags.Append(config.GetAttribute(ctx, path.Root("pem"), &pem)...)
	if wo := pemOf(ctx, pem).privateKeyWO; hasValue(wo) && !m.PEM.IsNull() && !m.PEM.IsUnknown() {
		a := make(map[string]attr.Value, len(pemTypes))
		for k, v := range m.PEM.Attributes() {
			a[k] = v
		}
		a["private_key_wo"] = wo
		m.PEM = types.ObjectValueMust(pemTypes, a)
	}
	return m
}

// expandKey is the whole key; the write-only jwk or private key, when the configuration has one, is sent in
// place of the kept one.
func expandKey(ctx context.Context, m keyModel, defaultTags []string, diags *diag.Diagnostics) *kong.Key {
	k := &kong.Key{
		ID:   strPtr(m.ID),
		Name: strPtr(m.Name),
		KID:  strPtr(m.KID),
		JWK:  strPtr(m.JWK),
		Tags: expandTags(ctx, m.Tags, defaultTags, diags),
	}
	if hasValue(m.JWKWO) {
		k.JWK = strPtr(m.JWKWO)
	}
	if hasValue(m.SetID) {
		k.Set = &kong.KeySet{ID: strPtr(m.SetID)}
	}
	if !m.PEM.IsNull() && !m.PEM.IsUnknown() {
		p := pemOf(ctx, m.PEM)
		k.PEM = &kong.PEM{PrivateKey: strPtr(p.privateKey), PublicKey: strPtr(p.publicKey)}
		if hasValue(p.privateKeyWO) {
			k.PEM.PrivateKey = strPtr(p.privateKeyWO)
		}
	}
	return k
}

// flattenKey maps Kong's answer onto the model. A jwk or private key given write-only never reaches the
// state: prior (the plan or the last state) says which were, and holds their versions.
func flattenKey(k *kong.Key, prior keyModel, defaultTags []string) keyModel {
	ctx := context.Background()
	m := keyModel{
		ID:           types.StringPointerValue(k.ID),
		SetID:        types.StringNull(),
		Name:         types.StringPointerValue(k.Name),
		KID:          types.StringPointerValue(k.KID),
		JWK:          types.StringPointerValue(k.JWK),
		JWKWO:        types.StringNull(),
		JWKWOVersion: prior.JWKWOVersion,
		PEM:          types.ObjectNull(pemTypes),
		Tags:         flattenTags(k.Tags, defaultTags, prior.Tags),
		CreatedAt:    types.Int64PointerValue(k.CreatedAt),
	}
	if k.Set != nil && k.Set.ID != nil {
		m.SetID = types.StringValue(*k.Set.ID)
	}
	if !prior.JWKWOVersion.IsNull() {
		m.JWK = types.StringNull()
	}
	if k.PEM != nil {
		was := pemOf(ctx, prior.PEM)
		p := keyPEM{types.StringPointerValue(k.PEM.PrivateKey), types.StringNull(), types.StringPointerValue(k.PEM.PublicKey), was.version}
		if was.writeOnly() {
			p.privateKey = types.StringNull()
		}
		m.PEM = p.object()
	}
	return m
}
