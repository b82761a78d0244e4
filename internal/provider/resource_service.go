package provider

import (
	"context"
	"fmt"
	"net"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

var (
	_ resource.ResourceWithConfigure      = (*serviceResource)(nil)
	_ resource.ResourceWithImportState    = (*serviceResource)(nil)
	_ resource.ResourceWithValidateConfig = (*serviceResource)(nil)
)

// NewServiceResource is the kong_service resource.
func NewServiceResource() resource.Resource {
	return &serviceResource{lifecycleResource[serviceModel, kong.Service]{lifecycle: serviceLifecycle}}
}

type serviceResource struct {
	lifecycleResource[serviceModel, kong.Service]
}

type serviceModel struct {
	ID                  types.String `tfsdk:"id"`
	Name                types.String `tfsdk:"name"`
	Protocol            types.String `tfsdk:"protocol"`
	Host                types.String `tfsdk:"host"`
	Port                types.Int64  `tfsdk:"port"`
	Path                types.String `tfsdk:"path"`
	Retries             types.Int64  `tfsdk:"retries"`
	ConnectTimeout      types.Int64  `tfsdk:"connect_timeout"`
	WriteTimeout        types.Int64  `tfsdk:"write_timeout"`
	ReadTimeout         types.Int64  `tfsdk:"read_timeout"`
	Enabled             types.Bool   `tfsdk:"enabled"`
	ClientCertificateID types.String `tfsdk:"client_certificate_id"`
	TLSVerify           types.Bool   `tfsdk:"tls_verify"`
	TLSVerifyDepth      types.Int64  `tfsdk:"tls_verify_depth"`
	CACertificates      types.Set    `tfsdk:"ca_certificates"`
	Tags                types.Set    `tfsdk:"tags"`
	CreatedAt           types.Int64  `tfsdk:"created_at"`
	UpdatedAt           types.Int64  `tfsdk:"updated_at"`
}

var serviceProtocols = []string{"grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp"}

// A Kong timeout is 1 ms to 2^31-2 ms.
var timeoutValidators = []validator.Int64{int64validator.Between(1, 2147483646)}

func (r *serviceResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_service"
}

func (r *serviceResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "A Kong service: the upstream that routes send requests to. For a Lambda-backed API the host is a placeholder, because the aws-lambda plugin answers the request before Kong proxies it.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("service"),
			"name": schema.StringAttribute{
				Optional:    true,
				Validators:  nameValidators(),
				Description: "Unique name. Letters, digits, `.`, `-`, `_` and `~`.",
			},
			"protocol": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("http"),
				Validators:  []validator.String{stringvalidator.OneOf(serviceProtocols...)},
				Description: "Protocol Kong uses to reach the upstream: " + quoteList(serviceProtocols) + ". Default `http`.",
			},
			"host": schema.StringAttribute{
				Required:    true,
				Validators:  []validator.String{hostRule},
				Description: "Host name or IP address of the upstream, without a port.",
			},
			"port": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(80),
				Validators:  []validator.Int64{int64validator.Between(0, 65535)},
				Description: "Upstream port, 0 to 65535. Default `80`.",
			},
			"path": schema.StringAttribute{
				Optional:    true,
				Validators:  []validator.String{upstreamPathRule},
				Description: "Path prefix Kong adds to upstream requests. Must start with `/`. Only for `http`, `https`.",
			},
			"retries": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(5),
				Validators:  []validator.Int64{int64validator.Between(0, 32767)},
				Description: "How often Kong retries a failed proxy attempt. Default `5`.",
			},
			"connect_timeout": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(60000),
				Validators: timeoutValidators, Description: "Milliseconds Kong waits to connect to the upstream. Default `60000`.",
			},
			"write_timeout": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(60000),
				Validators: timeoutValidators, Description: "Milliseconds between two writes to the upstream. Default `60000`.",
			},
			"read_timeout": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(60000),
				Validators: timeoutValidators, Description: "Milliseconds between two reads from the upstream. Default `60000`.",
			},
			"enabled": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				Description: "Whether routes to this service are served. A disabled service's routes answer 404. Default `true`.",
			},
			"client_certificate_id": schema.StringAttribute{
				Optional:    true,
				Validators:  []validator.String{uuidRule},
				Description: "Id of the certificate Kong presents to the upstream (mutual TLS). Only for `https` and `tls`.",
			},
			"tls_verify": schema.BoolAttribute{
				Optional:    true,
				Description: "Whether Kong verifies the upstream's TLS certificate; unset follows Kong's global setting. Only for `https` and `tls`.",
			},
			"tls_verify_depth": schema.Int64Attribute{
				Optional:    true,
				Validators:  []validator.Int64{int64validator.Between(0, 64)},
				Description: "Maximum certificate chain depth when verifying the upstream. Only for `https` and `tls`.",
			},
			"ca_certificates": schema.SetAttribute{
				ElementType: types.StringType,
				Optional:    true,
				Validators:  []validator.Set{setvalidator.NoNullValues(), setvalidator.ValueStringsAre(uuidRule)},
				Description: "Ids of CA certificates trusted for the upstream's certificate. Only for `https` and `tls`.",
			},
			"tags":       tagsAttribute(),
			"created_at": createdAtAttribute(),
			"updated_at": schema.Int64Attribute{Computed: true, Description: "Unix time of the last change."},
		},
	}
	resp.Schema.Attributes = wholeNumbers(resp.Schema.Attributes)
}

// ValidateConfig applies Kong's cross-field rules at plan time.
func (r *serviceResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	m, diags := getModel[serviceModel](ctx, req.Config.Schema, req.Config.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() || m.Protocol.IsUnknown() {
		return
	}
	protocol := m.Protocol.ValueString()
	if m.Protocol.IsNull() {
		protocol = "http"
	}
	switch protocol {
	case "tcp", "tls", "udp", "grpc", "grpcs", "tls_passthrough":
		if !m.Path.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("path"), "Path not allowed",
				fmt.Sprintf("A service with protocol %q cannot have a path; Kong only adds paths to http and https requests.", protocol))
		}
	}
	if protocol != "https" && protocol != "tls" {
		for name, v := range map[string]interface{ IsNull() bool }{
			"client_certificate_id": m.ClientCertificateID, "tls_verify": m.TLSVerify,
			"tls_verify_depth": m.TLSVerifyDepth, "ca_certificates": m.CACertificates,
		} {
			if !v.IsNull() {
				resp.Diagnostics.AddAttributeError(path.Root(name), "Setting needs TLS",
					fmt.Sprintf("%s only applies to services with protocol \"https\" or \"tls\", not %q.", name, protocol))
			}
		}
	}
}

// serviceLifecycle writes services with one PUT each and reads them through the bulk reader.
var serviceLifecycle = &entityLifecycle[serviceModel, kong.Service]{
	collection: kongclient.Services,
	typeName:   "kong_service",
	noun:       "service",
	id:         func(m serviceModel) types.String { return m.ID },
	withID:     func(m serviceModel, id string) serviceModel { m.ID = types.StringValue(id); return m },
	uniques: func(m serviceModel) []uniqueKey {
		return nameKey(kongclient.Services, m.Name)
	},
	describe: func(m serviceModel) string { return describe(m.Name, m.ID) },
	expand:   expandService,
	flatten:  flattenService,
	put: func(ctx context.Context, c *kong.Client, _ serviceModel, e *kong.Service) (*kong.Service, error) {
		return c.Services.Create(ctx, e)
	},
	remove: func(ctx context.Context, c *kong.Client, m serviceModel) error {
		return c.Services.Delete(ctx, m.ID.ValueStringPointer())
	},
}

func expandService(ctx context.Context, m serviceModel, defaultTags []string, diags *diag.Diagnostics) *kong.Service {
	svc := &kong.Service{
		ID:             strPtr(m.ID),
		Name:           strPtr(m.Name),
		Protocol:       strPtr(m.Protocol),
		Host:           strPtr(m.Host),
		Port:           intPtr(m.Port),
		Path:           strPtr(m.Path),
		Retries:        intPtr(m.Retries),
		ConnectTimeout: intPtr(m.ConnectTimeout),
		WriteTimeout:   intPtr(m.WriteTimeout),
		ReadTimeout:    intPtr(m.ReadTimeout),
		Enabled:        boolPtr(m.Enabled),
		TLSVerify:      boolPtr(m.TLSVerify),
		TLSVerifyDepth: intPtr(m.TLSVerifyDepth),
		CACertificates: expandStrings(ctx, m.CACertificates, diags),
		Tags:           expandTags(ctx, m.Tags, defaultTags, diags),
	}
	if id := strPtr(m.ClientCertificateID); id != nil {
		svc.ClientCertificate = &kong.Certificate{ID: id}
	}
	return svc
}

// flattenService maps Kong's answer onto the model. prior supplies only what Kong cannot say: whether an
// empty set was written as [] or left out.
func flattenService(s *kong.Service, prior serviceModel, defaultTags []string) serviceModel {
	m := serviceModel{
		ID:             types.StringPointerValue(s.ID),
		Name:           types.StringPointerValue(s.Name),
		Protocol:       types.StringPointerValue(s.Protocol),
		Host:           types.StringPointerValue(s.Host),
		Port:           int64FromPtr(s.Port),
		Path:           types.StringPointerValue(s.Path),
		Retries:        int64FromPtr(s.Retries),
		ConnectTimeout: int64FromPtr(s.ConnectTimeout),
		WriteTimeout:   int64FromPtr(s.WriteTimeout),
		ReadTimeout:    int64FromPtr(s.ReadTimeout),
		Enabled:        types.BoolPointerValue(s.Enabled),
		TLSVerify:      types.BoolPointerValue(s.TLSVerify),
		TLSVerifyDepth: int64FromPtr(s.TLSVerifyDepth),
		CACertificates: flattenStringSet(s.CACertificates, prior.CACertificates),
		Tags:           flattenTags(s.Tags, defaultTags, prior.Tags),
		CreatedAt:      int64FromPtr(s.CreatedAt),
		UpdatedAt:      int64FromPtr(s.UpdatedAt),
	}
	m.ClientCertificateID = types.StringNull()
	if s.ClientCertificate != nil {
		m.ClientCertificateID = types.StringPointerValue(s.ClientCertificate.ID)
	}
	return m
}

// hostRule is Kong's rule for a service host: a host name or an IP address, never with a port.
var hostRule = stringRule{"Invalid host", "a host name or IP address without a port", hostProblem}

var hostnamePattern = regexp.MustCompile(`^(?:[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.)*[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.?$`)

func hostProblem(h string) string {
	if net.ParseIP(strings.Trim(h, "[]")) != nil {
		return ""
	}
	if _, port, err := net.SplitHostPort(h); err == nil && port != "" {
		return fmt.Sprintf("%q must not have a port; set the port attribute instead.", h)
	}
	if len(h) > 253 || !hostnamePattern.MatchString(h) {
		return fmt.Sprintf("%q is not a valid host name or IP address.", h)
	}
	return ""
}

// upstreamPathRule is Kong's rule for a service path: starts with '/', no empty segments, only
// RFC 3986 characters, valid percent-encoding.
var upstreamPathRule = stringRule{"Invalid path", "a path starting with /", upstreamPathProblem}

var rfc3986PathPattern = regexp.MustCompile(`^[A-Za-z0-9.\-_~/%:@!$&'()*+,;=]*$`)
var percentEncodingPattern = regexp.MustCompile(`%(?:[0-9A-Fa-f]{2})?`)

func upstreamPathProblem(p string) string {
	switch {
	case !strings.HasPrefix(p, "/"):
		return fmt.Sprintf("%q must start with /.", p)
	case strings.Contains(p, "//"):
		return fmt.Sprintf("%q must not have empty segments (//).", p)
	case !rfc3986PathPattern.MatchString(p):
		return fmt.Sprintf("%q has characters outside RFC 3986's reserved and unreserved sets; percent-encode them.", p)
	}
	for _, m := range percentEncodingPattern.FindAllString(p, -1) {
		if len(m) != 3 {
			return fmt.Sprintf("%q has an invalid percent-encoding.", p)
		}
	}
	return ""
}
