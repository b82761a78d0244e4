package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/kongform/terraform-provider-kong/internal/awsclient"
)

var _ datasource.DataSourceWithConfigure = (*lambdaInvokeCheckDataSource)(nil)

// NewLambdaInvokeCheckDataSource is the kong_lambda_invoke_check data source.
func NewLambdaInvokeCheckDataSource() datasource.DataSource { return &lambdaInvokeCheckDataSource{} }

type lambdaInvokeCheckDataSource struct {
	aws awsclient.Settings
}

type lambdaInvokeCheckModel struct {
	RoleARN      types.String          `tfsdk:"role_arn"`
	VPCID        types.String          `tfsdk:"vpc_id"`
	FunctionARNs []string              `tfsdk:"function_arns"`
	AWS          *awsModel             `tfsdk:"aws"`
	Functions    []lambdaFunctionModel `tfsdk:"functions"`
	AllOK        types.Bool            `tfsdk:"all_ok"`
	Problems     []string              `tfsdk:"problems"`
}

type lambdaFunctionModel struct {
	ARN            string       `tfsdk:"arn"`
	Exists         bool         `tfsdk:"exists"`
	Active         bool         `tfsdk:"active"`
	RoleAllowed    bool         `tfsdk:"role_allowed"`
	EndpointFound  bool         `tfsdk:"endpoint_found"`
	EndpointID     types.String `tfsdk:"endpoint_id"`
	PrivateDNS     bool         `tfsdk:"private_dns"`
	EndpointAllows bool         `tfsdk:"endpoint_allows"`
	OK             bool         `tfsdk:"ok"`
	Reasons        []string     `tfsdk:"reasons"`
}

func (d *lambdaInvokeCheckDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_lambda_invoke_check"
}

func (d *lambdaInvokeCheckDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if pd := providerDataFrom(req.ProviderData, &resp.Diagnostics); pd != nil {
		d.aws = pd.aws
	}
}

func (d *lambdaInvokeCheckDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computedBool := func(description string) schema.BoolAttribute {
		return schema.BoolAttribute{Computed: true, Description: description}
	}
	resp.Schema = schema.Schema{
		Description: "Checks, with read-only AWS calls, whether Kong's aws-lambda plugin will be able to invoke each Lambda function: " +
			"the function exists and is active, Kong's role may call `lambda:InvokeFunction` on it (simulated through the Lambda endpoint), " +
			"and the VPC has an available Lambda interface endpoint with private DNS whose policy allows the call. " +
			"It never fails by itself: use `all_ok` and `problems` in a `check` block (plan warnings) or a precondition (hard stop).",
		Attributes: map[string]schema.Attribute{
			"role_arn": schema.StringAttribute{
				Required:    true,
				Description: "ARN of the IAM role of Kong's instance profile, e.g. `arn:aws:iam::111122223333:role/kong-ec2`.",
				Validators: []validator.String{stringvalidator.RegexMatches(
					regexp.MustCompile(`^arn:[^:]+:iam::\d{12}:role/.+$`), "must be an IAM role ARN (not an instance profile or assumed-role ARN)")},
			},
			"vpc_id": schema.StringAttribute{
				Required:    true,
				Description: "ID of the VPC Kong runs in. The check's region (provider `aws.region`, or this data source's) must be the VPC's.",
				Validators:  []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^vpc-[0-9a-f]+$`), "must be a VPC ID such as vpc-0123abcd")},
			},
			"function_arns": schema.SetAttribute{
				ElementType: types.StringType,
				Required:    true,
				Description: "ARNs of the functions Kong invokes: unqualified, or qualified with the version or alias the plugin's `qualifier` names (`...:function:api1:live`).",
				Validators:  []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(functionARNRule)},
			},
			"aws": schema.SingleNestedAttribute{
				Optional:    true,
				Description: "Overrides of the provider's `aws` settings for this check, field by field.",
				Attributes: map[string]schema.Attribute{
					"region":          schema.StringAttribute{Optional: true, Description: "Region of Kong's VPC."},
					"profile":         schema.StringAttribute{Optional: true, Description: "Shared-config profile."},
					"assume_role_arn": schema.StringAttribute{Optional: true, Description: "Role to assume for the check's read-only calls."},
				},
			},
			"functions": schema.ListNestedAttribute{
				Computed:    true,
				Description: "One result per function, ordered by ARN.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"arn":             schema.StringAttribute{Computed: true, Description: "The function ARN as given."},
					"exists":          computedBool("The function (and its version or alias, when qualified) exists."),
					"active":          computedBool("The function's state is `Active`."),
					"role_allowed":    computedBool("IAM policy simulation allows the role `lambda:InvokeFunction` on the ARN, with `aws:SourceVpce`/`aws:SourceVpc` set to the endpoint and VPC."),
					"endpoint_found":  computedBool("An available `com.amazonaws.<region>.lambda` interface endpoint serves the VPC, in the function's region."),
					"endpoint_id":     schema.StringAttribute{Computed: true, Description: "ID of that endpoint; null when none."},
					"private_dns":     computedBool("The endpoint has private DNS enabled, so the plugin's default host `lambda.<region>.amazonaws.com` reaches it."),
					"endpoint_allows": computedBool("The endpoint's policy allows the role to invoke the ARN."),
					"ok":              computedBool("All of the above hold."),
					"reasons":         schema.ListAttribute{ElementType: types.StringType, Computed: true, Description: "Why each failed check failed, or why it could not be verified."},
				}},
			},
			"all_ok": schema.BoolAttribute{Computed: true, Description: "Every function is `ok`."},
			"problems": schema.ListAttribute{
				ElementType: types.StringType,
				Computed:    true,
				Description: "Every reason of every function, as `<arn>: <reason>`; empty when `all_ok`.",
			},
		},
	}
}

func (d *lambdaInvokeCheckDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m lambdaInvokeCheckModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	report := awsclient.CheckLambdaInvoke(ctx, overrideAWSSettings(d.aws, m.AWS), awsclient.InvokeCheckInput{
		RoleARN:      m.RoleARN.ValueString(),
		VPCID:        m.VPCID.ValueString(),
		FunctionARNs: m.FunctionARNs,
	})
	flattenInvokeCheckReport(report, &m)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// overrideAWSSettings applies the data source's aws attributes that are set
// over the provider's settings.
func overrideAWSSettings(base awsclient.Settings, m *awsModel) awsclient.Settings {
	if m == nil {
		return base
	}
	for _, o := range []struct {
		value  types.String
		target *string
	}{
		{m.Region, &base.Region},
		{m.Profile, &base.Profile},
		{m.AssumeRoleARN, &base.AssumeRoleARN},
	} {
		if !o.value.IsNull() && !o.value.IsUnknown() {
			*o.target = o.value.ValueString()
		}
	}
	return base
}

// flattenInvokeCheckReport writes report into m. Lists are empty rather than
// null, so that length() and join() work on them.
func flattenInvokeCheckReport(report awsclient.InvokeCheckReport, m *lambdaInvokeCheckModel) {
	m.AllOK = types.BoolValue(report.AllOK)
	m.Problems = append([]string{}, report.Problems...)
	m.Functions = make([]lambdaFunctionModel, 0, len(report.Functions))
	for _, f := range report.Functions {
		endpointID := types.StringNull()
		if f.EndpointID != "" {
			endpointID = types.StringValue(f.EndpointID)
		}
		m.Functions = append(m.Functions, lambdaFunctionModel{
			ARN: f.ARN, Exists: f.Exists, Active: f.Active, RoleAllowed: f.RoleAllowed,
			EndpointFound: f.EndpointFound, EndpointID: endpointID, PrivateDNS: f.PrivateDNS,
			EndpointAllows: f.EndpointAllows, OK: f.OK, Reasons: append([]string{}, f.Reasons...),
		})
	}
}

// functionARNRule accepts Lambda function ARNs, qualified or not.
var functionARNRule = stringRule{"Invalid Lambda function ARN", "a Lambda function ARN, optionally qualified with a version or alias", func(v string) string {
	if err := awsclient.ValidateFunctionARN(v); err != nil {
		return err.Error()
	}
	return ""
}}
