// Package provider implements the kongform Terraform provider for Kong Gateway.
package provider

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/kongform/terraform-provider-kong/internal/awsclient"
	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

var (
	_ provider.Provider              = (*kongProvider)(nil)
	_ provider.ProviderWithFunctions = (*kongProvider)(nil)
)

// New returns the provider factory for a given release version.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &kongProvider{version: version} }
}

type kongProvider struct {
	version string
}

// providerModel is the provider block. Every attribute falls back to an environment variable (see envFallbacks),
// so CI and Atlantis can configure the provider without any secret in the configuration.
type providerModel struct {
	AdminURL              types.String  `tfsdk:"admin_url"`
	AdminToken            types.String  `tfsdk:"admin_token"`
	Headers               types.Map     `tfsdk:"headers"`
	Workspace             types.String  `tfsdk:"workspace"`
	CACertificate         types.String  `tfsdk:"ca_certificate"`
	ClientCertificate     types.String  `tfsdk:"client_certificate"`
	ClientKey             types.String  `tfsdk:"client_key"`
	TLSSkipVerify         types.Bool    `tfsdk:"tls_skip_verify"`
	Timeout               types.String  `tfsdk:"timeout"`
	MaxRetries            wholeNumber   `tfsdk:"max_retries"`
	MaxConcurrentRequests wholeNumber   `tfsdk:"max_concurrent_requests"`
	RequestsPerSecond     types.Float64 `tfsdk:"requests_per_second"`
	DefaultTags           types.Set     `tfsdk:"default_tags"`
	BulkRefresh           types.Bool    `tfsdk:"bulk_refresh"`
	AWS                   *awsModel     `tfsdk:"aws"`
	AdminTokenSecret      *secretModel  `tfsdk:"admin_token_secret"`
	AdminTokenSSM         types.String  `tfsdk:"admin_token_ssm_parameter"`
}

// awsModel selects the AWS account and credentials used to read the admin token and by the AWS data sources.
type awsModel struct {
	Region        types.String `tfsdk:"region"`
	Profile       types.String `tfsdk:"profile"`
	AssumeRoleARN types.String `tfsdk:"assume_role_arn"`
}

type secretModel struct {
	SecretID types.String `tfsdk:"secret_id"`
	JSONKey  types.String `tfsdk:"json_key"`
}

// providerData is what resources and data sources receive from Configure.
type providerData struct {
	client *kongclient.Client
	// defaultTags are stamped on every entity the provider writes, next to the resource's own tags.
	defaultTags []string
	// aws is how AWS-facing data sources reach AWS.
	aws awsclient.Settings
	// claims finds two resources of one configuration that would be the same Kong entity.
	claims *claimRegistry
}

const (
	defaultAdminURL   = "http://localhost:8001"
	defaultTimeout    = 30 * time.Second
	defaultMaxRetries = 5
)

func (p *kongProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "kong"
	resp.Version = p.version
}

func (p *kongProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Manages a database-backed Kong Gateway (OSS or Enterprise, 3.x) through its Admin API.",
		Attributes: map[string]schema.Attribute{
			"admin_url": schema.StringAttribute{
				Optional:    true,
				Validators:  []validator.String{adminURLRule},
				Description: "URL of the Kong Admin API, for example `http://127.0.0.1:8001`. Environment variable: `KONG_ADMIN_URL`. Default: `" + defaultAdminURL + "`.",
			},
			"admin_token": schema.StringAttribute{
				Optional:    true,
				Sensitive:   true,
				Validators:  []validator.String{headerValueRule("admin_token")},
				Description: "Token sent in the `Kong-Admin-Token` header (Kong Enterprise RBAC, or an authenticating proxy in front of the Admin API). Never logged. Environment variable: `KONG_ADMIN_TOKEN`.",
			},
			"headers": schema.MapAttribute{
				ElementType: types.StringType,
				Optional:    true,
				Sensitive:   true,
				Validators: []validator.Map{mapvalidator.NoNullValues(), mapvalidator.KeysAre(httpHeaderNameRule),
					mapvalidator.ValueStringsAre(headerValueRule("headers"))},
				Description: "Extra headers sent with every Admin API request. Environment variable: `KONG_ADMIN_HEADERS` as `Name=value` pairs separated by commas.",
			},
			"workspace": schema.StringAttribute{
				Optional:    true,
				Validators:  []validator.String{workspaceRule},
				Description: "Kong Enterprise workspace that every entity is managed in. Empty means the default workspace. Environment variable: `KONG_WORKSPACE`.",
			},
			"ca_certificate": schema.StringAttribute{
				Optional:    true,
				Description: "PEM-encoded CA certificate(s) that the Admin API's TLS certificate must chain to. Environment variable: `KONG_CA_CERTIFICATE`.",
			},
			"client_certificate": schema.StringAttribute{
				Optional:    true,
				Description: "PEM-encoded client certificate for mutual TLS with the Admin API. Environment variable: `KONG_CLIENT_CERTIFICATE`.",
			},
			"client_key": schema.StringAttribute{
				Optional:    true,
				Sensitive:   true,
				Description: "PEM-encoded private key of `client_certificate`. Environment variable: `KONG_CLIENT_KEY`.",
			},
			"tls_skip_verify": schema.BoolAttribute{
				Optional:    true,
				Description: "Accept any TLS certificate from the Admin API. Only for self-signed test setups. Environment variable: `KONG_TLS_SKIP_VERIFY`.",
			},
			"timeout": schema.StringAttribute{
				Optional:    true,
				Validators:  []validator.String{durationRule},
				Description: "Time limit for one Admin API request attempt, as a Go duration such as `30s`. Environment variable: `KONG_TIMEOUT`. Default: `30s`.",
			},
			"max_retries": schema.Int64Attribute{
				CustomType:  wholeNumberType{},
				Optional:    true,
				Validators:  []validator.Int64{int64validator.Between(0, 20)},
				Description: "How many times a request is retried after a connection error, a 429 (honouring `Retry-After`) or a 500/502/503/504, with exponential backoff and jitter. Safe because every write is an idempotent PUT on an id the provider chose. Environment variable: `KONG_MAX_RETRIES`. Default: `5`.",
			},
			"max_concurrent_requests": schema.Int64Attribute{
				CustomType:  wholeNumberType{},
				Optional:    true,
				Validators:  []validator.Int64{int64validator.AtLeast(1)},
				Description: "Upper bound on Admin API requests in flight at once, whatever Terraform's `-parallelism`. Environment variable: `KONG_MAX_CONCURRENT_REQUESTS`. Default: no bound.",
			},
			"requests_per_second": schema.Float64Attribute{
				Optional:    true,
				Validators:  []validator.Float64{float64validator.AtLeast(0.1)},
				Description: "Upper bound on the Admin API request rate, for gateways shared with other teams. Environment variable: `KONG_REQUESTS_PER_SECOND`. Default: no bound.",
			},
			"default_tags": schema.SetAttribute{
				ElementType: types.StringType,
				Optional:    true,
				Validators:  tagSetValidators(),
				Description: "Tags added to every entity this provider writes, on top of each resource's own `tags` (which never show them). Use them to mark ownership on a shared gateway, and to filter data sources. Environment variable: `KONG_DEFAULT_TAGS` (comma-separated).",
			},
			"bulk_refresh": schema.BoolAttribute{
				Optional:    true,
				Description: "Answer refreshes from one listing per entity type (pages of 1,000, filtered by `default_tags` when set) once a run has read more than a few entities of that type, instead of one request per resource. Entities deleted or changed outside Terraform are still seen. Environment variable: `KONG_BULK_REFRESH`. Default: `true`.",
			},
			"aws": schema.SingleNestedAttribute{
				Optional:    true,
				Description: "AWS access for `admin_token_secret`, `admin_token_ssm_parameter` and the AWS checks. Unset fields use the AWS SDK's default chain (environment, web identity, instance profile): no static keys are needed. `KONG_AWS_ENDPOINT_URL` (or the SDK's `AWS_ENDPOINT_URL`) sends every AWS call to another endpoint, such as LocalStack or a private proxy.",
				Attributes: map[string]schema.Attribute{
					"region":          schema.StringAttribute{Optional: true, Description: "AWS region. Environment variable: `KONG_AWS_REGION`, then the SDK's `AWS_REGION`."},
					"profile":         schema.StringAttribute{Optional: true, Description: "Shared-config profile. Environment variable: `KONG_AWS_PROFILE`, then the SDK's `AWS_PROFILE`."},
					"assume_role_arn": schema.StringAttribute{Optional: true, Description: "Role to assume before calling AWS, for example the Atlantis plan role. Environment variable: `KONG_AWS_ASSUME_ROLE_ARN`."},
				},
			},
			"admin_token_secret": schema.SingleNestedAttribute{
				Optional:    true,
				Description: "Read `admin_token` from AWS Secrets Manager once per run. The token never reaches state, plan or logs. Conflicts with `admin_token` and `admin_token_ssm_parameter`. Environment variables: `KONG_ADMIN_TOKEN_SECRET_ID`, `KONG_ADMIN_TOKEN_SECRET_JSON_KEY`.",
				Attributes: map[string]schema.Attribute{
					"secret_id": schema.StringAttribute{Required: true, Description: "Name or ARN of the secret."},
					"json_key":  schema.StringAttribute{Optional: true, Description: "When the secret is a JSON object, the key whose string value is the token. Unset: the whole secret string is the token."},
				},
			},
			"admin_token_ssm_parameter": schema.StringAttribute{
				Optional:    true,
				Description: "Read `admin_token` from this SSM Parameter Store SecureString (decrypted) once per run. Conflicts with `admin_token` and `admin_token_secret`. Environment variable: `KONG_ADMIN_TOKEN_SSM_PARAMETER`.",
			},
		},
	}
}

// envFallbacks names the environment variable behind each string-typed provider attribute.
var envFallbacks = map[string]string{
	"admin_url":                 "KONG_ADMIN_URL",
	"admin_token":               "KONG_ADMIN_TOKEN",
	"workspace":                 "KONG_WORKSPACE",
	"ca_certificate":            "KONG_CA_CERTIFICATE",
	"client_certificate":        "KONG_CLIENT_CERTIFICATE",
	"client_key":                "KONG_CLIENT_KEY",
	"timeout":                   "KONG_TIMEOUT",
	"admin_token_ssm_parameter": "KONG_ADMIN_TOKEN_SSM_PARAMETER",
}

func (p *kongProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg, defaultTags := p.clientConfig(ctx, m, p.envChecker(ctx, req, &resp.Diagnostics), resp)
	awsSettings := awsSettingsFrom(m.AWS)
	tokenSource, tokenAttr := adminTokenSource(m, resp)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, "admin_token", "client_key")
	if tokenSource != nil {
		if cfg.AdminToken != "" {
			resp.Diagnostics.AddAttributeError(path.Root(tokenAttr), "Conflicting admin token settings",
				"Set the admin token one way only: admin_token (KONG_ADMIN_TOKEN), admin_token_secret or admin_token_ssm_parameter.")
			return
		}
		token, err := awsclient.FetchAdminToken(ctx, awsSettings, *tokenSource)
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root(tokenAttr), "Cannot read the Kong admin token from AWS", err.Error())
			return
		}
		cfg.AdminToken = token
	}
	client, err := kongclient.New(ctx, cfg)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("admin_url"), "Cannot use the Kong Admin API", err.Error())
		return
	}
	tflog.Info(ctx, "Connected to Kong", map[string]any{
		"version": client.Gateway.Version, "edition": client.Gateway.Edition, "workspace": cfg.Workspace,
	})
	data := &providerData{client: client, defaultTags: defaultTags, aws: awsSettings, claims: newClaimRegistry()}
	resp.ResourceData = data
	resp.DataSourceData = data
}

// clientConfig resolves every setting with the precedence configuration > environment > default and
// reports errors against the attribute they concern.
func (p *kongProvider) clientConfig(ctx context.Context, m providerModel, env envChecker, resp *provider.ConfigureResponse) (kongclient.Config, []string) {
	str := func(attr string, v types.String) string {
		if v.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root(attr), "Unknown provider setting",
				"The value of "+attr+" is not known until apply. Set it statically or through the "+envFallbacks[attr]+" environment variable.")
			return ""
		}
		if !v.IsNull() {
			return v.ValueString()
		}
		s := os.Getenv(envFallbacks[attr])
		if s != "" && !env.check(attr, envFallbacks[attr], types.StringValue(s)) {
			return ""
		}
		return s
	}
	cfg := kongclient.Config{
		AdminURL:             str("admin_url", m.AdminURL),
		AdminToken:           str("admin_token", m.AdminToken),
		Workspace:            str("workspace", m.Workspace),
		CACertificatePEM:     str("ca_certificate", m.CACertificate),
		ClientCertificatePEM: str("client_certificate", m.ClientCertificate),
		ClientKeyPEM:         str("client_key", m.ClientKey),
		UserAgent:            "terraform-provider-kong/" + p.version + " (kongform)",
		Timeout:              defaultTimeout,
	}
	if cfg.AdminURL == "" {
		cfg.AdminURL = defaultAdminURL
	}
	if t := str("timeout", m.Timeout); t != "" {
		d, err := time.ParseDuration(t)
		if err != nil || d <= 0 {
			resp.Diagnostics.AddAttributeError(path.Root("timeout"), "Invalid timeout", fmt.Sprintf("%q is not a positive duration such as 30s.", t))
		}
		cfg.Timeout = d
	}
	cfg.TLSSkipVerify = boolSetting(m.TLSSkipVerify, "tls_skip_verify", "KONG_TLS_SKIP_VERIFY", false, resp)
	cfg.Retry = kongclient.DefaultRetryPolicy(int(intSetting(m.MaxRetries, "max_retries", "KONG_MAX_RETRIES", defaultMaxRetries, env)))
	cfg.MaxConcurrentRequests = int(intSetting(m.MaxConcurrentRequests, "max_concurrent_requests", "KONG_MAX_CONCURRENT_REQUESTS", 0, env))
	cfg.RequestsPerSecond = floatSetting(m.RequestsPerSecond, "requests_per_second", "KONG_REQUESTS_PER_SECOND", env)

	if m.Headers.IsUnknown() {
		resp.Diagnostics.AddAttributeError(path.Root("headers"), "Unknown provider setting", "The value of headers is not known until apply. Set it statically or through KONG_ADMIN_HEADERS.")
	} else if !m.Headers.IsNull() {
		cfg.Headers = map[string]string{}
		resp.Diagnostics.Append(m.Headers.ElementsAs(ctx, &cfg.Headers, false)...)
	} else if s := os.Getenv("KONG_ADMIN_HEADERS"); s != "" {
		headers, err := parseHeaderList(s)
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("headers"), "Invalid KONG_ADMIN_HEADERS", err.Error())
		} else if env.check("headers", "KONG_ADMIN_HEADERS", headerMap(headers)) {
			cfg.Headers = headers
		}
	}

	var defaultTags []string
	switch {
	case m.DefaultTags.IsUnknown():
		resp.Diagnostics.AddAttributeError(path.Root("default_tags"), "Unknown provider setting", "The value of default_tags is not known until apply. Set it statically or through KONG_DEFAULT_TAGS.")
	case !m.DefaultTags.IsNull():
		resp.Diagnostics.Append(m.DefaultTags.ElementsAs(ctx, &defaultTags, false)...)
	case os.Getenv("KONG_DEFAULT_TAGS") != "":
		defaultTags = env.envTags("default_tags", "KONG_DEFAULT_TAGS")
	}
	cfg.OwnershipTags = defaultTags
	if boolSetting(m.BulkRefresh, "bulk_refresh", "KONG_BULK_REFRESH", true, resp) {
		cfg.BulkReadThreshold = kongclient.DefaultBulkReadThreshold
	}
	return cfg, defaultTags
}

// awsSettingsFrom resolves the aws block with its KONG_AWS_* fallbacks; what stays empty is left to the SDK.
func awsSettingsFrom(m *awsModel) awsclient.Settings {
	if m == nil {
		m = &awsModel{}
	}
	pick := func(v types.String, env string) string {
		if !v.IsNull() && !v.IsUnknown() {
			return v.ValueString()
		}
		return os.Getenv(env)
	}
	return awsclient.Settings{
		Region:        pick(m.Region, "KONG_AWS_REGION"),
		Profile:       pick(m.Profile, "KONG_AWS_PROFILE"),
		AssumeRoleARN: pick(m.AssumeRoleARN, "KONG_AWS_ASSUME_ROLE_ARN"),
		BaseEndpoint:  os.Getenv("KONG_AWS_ENDPOINT_URL"),
	}
}

// adminTokenSource says where in AWS the admin token lives, if anywhere, and which attribute said so.
func adminTokenSource(m providerModel, resp *provider.ConfigureResponse) (*awsclient.TokenSource, string) {
	var src awsclient.TokenSource
	attr := ""
	if m.AdminTokenSecret != nil {
		if m.AdminTokenSecret.SecretID.IsUnknown() || m.AdminTokenSecret.JSONKey.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root("admin_token_secret"), "Unknown provider setting", "admin_token_secret must be known at plan time.")
			return nil, ""
		}
		src.SecretID, src.SecretJSONKey = m.AdminTokenSecret.SecretID.ValueString(), m.AdminTokenSecret.JSONKey.ValueString()
		attr = "admin_token_secret"
	} else if id := os.Getenv("KONG_ADMIN_TOKEN_SECRET_ID"); id != "" {
		src.SecretID, src.SecretJSONKey = id, os.Getenv("KONG_ADMIN_TOKEN_SECRET_JSON_KEY")
		attr = "admin_token_secret"
	}
	if m.AdminTokenSSM.IsUnknown() {
		resp.Diagnostics.AddAttributeError(path.Root("admin_token_ssm_parameter"), "Unknown provider setting", "admin_token_ssm_parameter must be known at plan time.")
		return nil, ""
	}
	ssm := m.AdminTokenSSM.ValueString()
	if m.AdminTokenSSM.IsNull() {
		ssm = os.Getenv("KONG_ADMIN_TOKEN_SSM_PARAMETER")
	}
	if ssm != "" {
		if attr != "" {
			resp.Diagnostics.AddAttributeError(path.Root("admin_token_ssm_parameter"), "Conflicting admin token settings",
				"admin_token_secret and admin_token_ssm_parameter are alternatives; set one.")
			return nil, ""
		}
		src.SSMParameter, attr = ssm, "admin_token_ssm_parameter"
	}
	if attr == "" {
		return nil, ""
	}
	return &src, attr
}

func boolSetting(v types.Bool, attr, env string, def bool, resp *provider.ConfigureResponse) bool {
	if !v.IsNull() && !v.IsUnknown() {
		return v.ValueBool()
	}
	if s := os.Getenv(env); s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root(attr), "Invalid "+env, fmt.Sprintf("%q is not a boolean.", s))
		}
		return b
	}
	return def
}

func intSetting(v wholeNumber, attr, env string, def int64, c envChecker) int64 {
	if !v.IsNull() && !v.IsUnknown() {
		return v.ValueInt64()
	}
	if n, ok := c.envInt64(attr, env); ok {
		return n
	}
	return def
}

func floatSetting(v types.Float64, attr, env string, c envChecker) float64 {
	if !v.IsNull() && !v.IsUnknown() {
		return v.ValueFloat64()
	}
	f, _ := c.envFloat64(attr, env)
	return f
}

// headerMap is headers as the value of the headers attribute, for its validators.
func headerMap(headers map[string]string) types.Map {
	elems := make(map[string]attr.Value, len(headers))
	for name, value := range headers {
		elems[name] = types.StringValue(value)
	}
	return types.MapValueMust(types.StringType, elems)
}

// parseHeaderList reads "Name=value,Other=value" as used by KONG_ADMIN_HEADERS.
func parseHeaderList(s string) (map[string]string, error) {
	headers := map[string]string{}
	for i, pair := range strings.Split(s, ",") {
		if strings.TrimSpace(pair) == "" {
			continue
		}
		name, value, ok := strings.Cut(pair, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			// The pair is not quoted: header values are often credentials.
			return nil, fmt.Errorf("entry %d is not a Name=value pair", i+1)
		}
		headers[name] = strings.TrimSpace(value)
	}
	return headers, nil
}

func (p *kongProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewServiceResource,
		NewRouteResource,
		NewConsumerResource,
		NewPluginResource,
		NewPluginAWSLambdaResource,
		NewPluginKeyAuthResource,
		NewPluginCORSResource,
		NewPluginRequestValidatorResource,
		NewConsumerKeyAuthResource,
		NewConsumerACLResource,
		NewConsumerJWTResource,
		NewPluginJWTResource,
		NewUpstreamResource,
		NewTargetResource,
		NewCertificateResource, NewCACertificateResource, NewSNIResource,
	}
}

// Functions are the provider-defined functions, called as provider::kong::<name>.
func (p *kongProvider) Functions(_ context.Context) []func() function.Function {
	return []func() function.Function{NewJWKSToPEMFunction, NewOpenAPIOperationsFunction}
}

func (p *kongProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewServiceDataSource,
		NewRouteDataSource,
		NewConsumerDataSource,
		NewGatewayDataSource,
		NewLambdaInvokeCheckDataSource,
		NewServicesDataSource, NewRoutesDataSource, NewConsumersDataSource, NewPluginsDataSource,
		NewUpstreamDataSource, NewTargetDataSource,
		NewCertificateDataSource, NewCACertificateDataSource, NewSNIDataSource,
	}
}
