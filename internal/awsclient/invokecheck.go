package awsclient

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
)

// invokeAction is the permission Kong's aws-lambda plugin uses.
const invokeAction = "lambda:InvokeFunction"

// InvokeCheckInput describes Kong's side of a Lambda invocation.
type InvokeCheckInput struct {
	// RoleARN is the IAM role of Kong's instance profile.
	RoleARN string
	// VPCID is the VPC Kong runs in.
	VPCID string
	// FunctionARNs are the functions Kong invokes, unqualified or qualified
	// with a version or alias, as the aws-lambda plugin calls them.
	FunctionARNs []string
}

// FunctionReport says whether Kong can invoke one function, and if not, why.
type FunctionReport struct {
	ARN            string
	Exists         bool
	Active         bool
	RoleAllowed    bool
	EndpointFound  bool
	EndpointID     string
	PrivateDNS     bool
	EndpointAllows bool
	OK             bool
	// Reasons explains each failed or unverifiable check, in plain words.
	Reasons []string
}

// InvokeCheckReport is the result for all functions, ordered by ARN.
type InvokeCheckReport struct {
	Functions []FunctionReport
	AllOK     bool
	// Problems lists every reason of every function, prefixed by its ARN.
	Problems []string
}

// lambdaConfigurationGetter is the part of the Lambda client the check uses.
type lambdaConfigurationGetter interface {
	GetFunctionConfiguration(ctx context.Context, in *lambda.GetFunctionConfigurationInput, optFns ...func(*lambda.Options)) (*lambda.GetFunctionConfigurationOutput, error)
}

// policySimulator is the part of the IAM client the check uses: the role's
// policies and the endpoint policy are both evaluated by IAM.
type policySimulator interface {
	SimulatePrincipalPolicy(ctx context.Context, in *iam.SimulatePrincipalPolicyInput, optFns ...func(*iam.Options)) (*iam.SimulatePrincipalPolicyOutput, error)
	SimulateCustomPolicy(ctx context.Context, in *iam.SimulateCustomPolicyInput, optFns ...func(*iam.Options)) (*iam.SimulateCustomPolicyOutput, error)
}

// invokeChecker holds the clients of one check. Lambda clients are per
// region because a function ARN may name a region other than Kong's.
type invokeChecker struct {
	lambdaIn  func(region string) lambdaConfigurationGetter
	iam       policySimulator
	endpoints ec2.DescribeVpcEndpointsAPIClient
	// region is Kong's region, where its VPC and Lambda endpoint are.
	region string
}

// CheckLambdaInvoke checks, with the credentials of s, whether the role in
// in can invoke each function through a Lambda interface endpoint of the
// VPC. It reports every problem in the result, including AWS errors of the
// check itself, and never fails: callers decide how to surface problems.
// The region of s must be the VPC's region.
func CheckLambdaInvoke(ctx context.Context, s Settings, in InvokeCheckInput) InvokeCheckReport {
	cfg, err := LoadConfig(ctx, s)
	if err != nil {
		return newInvokeCheckReport(in.FunctionARNs, func(r *FunctionReport) {
			r.Reasons = []string{"the check could not run: " + err.Error()}
		})
	}
	return newInvokeChecker(cfg).check(ctx, in)
}

func newInvokeChecker(cfg aws.Config) invokeChecker {
	return invokeChecker{
		lambdaIn: func(region string) lambdaConfigurationGetter {
			return lambda.NewFromConfig(cfg, func(o *lambda.Options) { o.Region = region })
		},
		iam:       iam.NewFromConfig(cfg),
		endpoints: ec2.NewFromConfig(cfg),
		region:    cfg.Region,
	}
}

// newInvokeCheckReport runs checkFunction for each distinct ARN, in ARN
// order, and summarizes the results.
func newInvokeCheckReport(functionARNs []string, checkFunction func(*FunctionReport)) InvokeCheckReport {
	arns := slices.Clone(functionARNs)
	slices.Sort(arns)
	report := InvokeCheckReport{AllOK: true}
	for _, a := range slices.Compact(arns) {
		r := FunctionReport{ARN: a}
		checkFunction(&r)
		r.OK = r.Exists && r.Active && r.RoleAllowed && r.EndpointFound && r.PrivateDNS && r.EndpointAllows
		report.AllOK = report.AllOK && r.OK
		for _, reason := range r.Reasons {
			report.Problems = append(report.Problems, a+": "+reason)
		}
		report.Functions = append(report.Functions, r)
	}
	return report
}

func (c invokeChecker) check(ctx context.Context, in InvokeCheckInput) InvokeCheckReport {
	endpoint, endpointProblem := c.lambdaEndpoint(ctx, in.VPCID)
	return newInvokeCheckReport(in.FunctionARNs, func(r *FunctionReport) {
		fn, err := parseFunctionARN(r.ARN)
		if err != nil {
			r.Reasons = append(r.Reasons, err.Error())
			return
		}
		c.checkFunction(ctx, fn, r)
		c.checkRole(ctx, in, endpoint, r)
		switch {
		case fn.Region != c.region:
			r.Reasons = append(r.Reasons, fmt.Sprintf("the function is in region %s, but Kong's VPC %s is in %s and its Lambda endpoint only reaches functions there", fn.Region, in.VPCID, c.region))
		case endpoint == nil:
			r.Reasons = append(r.Reasons, endpointProblem)
		default:
			c.checkEndpoint(ctx, in, *endpoint, r)
		}
	})
}

// functionARN is a parsed Lambda function ARN.
type functionARN struct {
	arn.ARN
	// Unqualified is the ARN without its version or alias.
	Unqualified string
	// Qualifier is the version or alias ("" when unqualified).
	Qualifier string
}

// ValidateFunctionARN reports whether s is a Lambda function ARN, qualified
// or not, as the check accepts it.
func ValidateFunctionARN(s string) error {
	_, err := parseFunctionARN(s)
	return err
}

func parseFunctionARN(s string) (functionARN, error) {
	parsed, err := arn.Parse(s)
	parts := strings.Split(parsed.Resource, ":")
	if err != nil || parsed.Service != "lambda" || parts[0] != "function" || len(parts) < 2 || len(parts) > 3 || parts[1] == "" {
		return functionARN{}, fmt.Errorf("%q is not a Lambda function ARN (arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER])", s)
	}
	fn := functionARN{ARN: parsed, Unqualified: s}
	if len(parts) == 3 {
		fn.Qualifier = parts[2]
		fn.Unqualified = strings.TrimSuffix(s, ":"+fn.Qualifier)
	}
	return fn, nil
}

// lambdaEndpoint finds the Lambda interface endpoint of the VPC, preferring
// an available one with private DNS. Without one it explains why.
func (c invokeChecker) lambdaEndpoint(ctx context.Context, vpcID string) (*ec2types.VpcEndpoint, string) {
	service := lambdaEndpointService(c.region)
	pages := ec2.NewDescribeVpcEndpointsPaginator(c.endpoints, &ec2.DescribeVpcEndpointsInput{Filters: []ec2types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{vpcID}},
		{Name: aws.String("service-name"), Values: []string{service}},
		{Name: aws.String("vpc-endpoint-type"), Values: []string{string(ec2types.VpcEndpointTypeInterface)}},
	}})
	var found []ec2types.VpcEndpoint
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, fmt.Sprintf("the VPC endpoints of %s could not be listed%s: %v", vpcID, permissionHint(err, "ec2:DescribeVpcEndpoints"), err)
		}
		found = append(found, page.VpcEndpoints...)
	}
	if len(found) == 0 {
		return nil, fmt.Sprintf("VPC %s has no interface endpoint for %s, so Kong has no private route to the Lambda API", vpcID, service)
	}
	var best *ec2types.VpcEndpoint
	for i, e := range found {
		// EC2 sends the state in lower case although the SDK's enum
		// constants are capitalized.
		if !strings.EqualFold(string(e.State), string(ec2types.StateAvailable)) {
			continue
		}
		if best == nil || (aws.ToBool(e.PrivateDnsEnabled) && !aws.ToBool(best.PrivateDnsEnabled)) {
			best = &found[i]
		}
	}
	if best == nil {
		return nil, fmt.Sprintf("the %s endpoint %s of VPC %s is %s, not available", service, aws.ToString(found[0].VpcEndpointId), vpcID, found[0].State)
	}
	return best, ""
}

// lambdaEndpointService is the VPC endpoint service name of Lambda in region.
func lambdaEndpointService(region string) string {
	if strings.HasPrefix(region, "cn-") {
		return "cn.com.amazonaws." + region + ".lambda"
	}
	return "com.amazonaws." + region + ".lambda"
}

// permissionHint names the permission the plan's identity lacks when err is
// an authorization failure.
func permissionHint(err error, permission string) string {
	if isAccessDenied(err) {
		return " (the identity running the check needs " + permission + ")"
	}
	return ""
}

// checkFunction sets Exists and Active.
func (c invokeChecker) checkFunction(ctx context.Context, fn functionARN, r *FunctionReport) {
	in := &lambda.GetFunctionConfigurationInput{FunctionName: aws.String(fn.Unqualified)}
	if fn.Qualifier != "" {
		in.Qualifier = aws.String(fn.Qualifier)
	}
	out, err := c.lambdaIn(fn.Region).GetFunctionConfiguration(ctx, in)
	var notFound *lambdatypes.ResourceNotFoundException
	switch {
	case errors.As(err, &notFound) && fn.Qualifier != "":
		r.Reasons = append(r.Reasons, fmt.Sprintf("the function or its version or alias %q does not exist", fn.Qualifier))
		return
	case errors.As(err, &notFound):
		r.Reasons = append(r.Reasons, "the function does not exist")
		return
	case err != nil:
		r.Reasons = append(r.Reasons, fmt.Sprintf("the function could not be read%s: %v", permissionHint(err, "lambda:GetFunctionConfiguration"), err))
		return
	}
	r.Exists = true
	r.Active = out.State == lambdatypes.StateActive
	if !r.Active {
		reason := fmt.Sprintf("the function is %s, not Active", out.State)
		if why := aws.ToString(out.StateReason); why != "" {
			reason += ": " + why
		}
		r.Reasons = append(r.Reasons, reason)
	}
}

// checkRole sets RoleAllowed by simulating the role's policies for the
// invocation, as it arrives through the endpoint when there is one, so that
// aws:SourceVpce/aws:SourceVpc conditions are evaluated, with the other keys
// such policies use (see callContext).
func (c invokeChecker) checkRole(ctx context.Context, in InvokeCheckInput, endpoint *ec2types.VpcEndpoint, r *FunctionReport) {
	sim := &iam.SimulatePrincipalPolicyInput{
		PolicySourceArn: aws.String(in.RoleARN),
		ActionNames:     []string{invokeAction},
		ResourceArns:    []string{r.ARN},
	}
	var endpointID string
	if endpoint != nil {
		endpointID = aws.ToString(endpoint.VpcEndpointId)
	}
	sim.ContextEntries = callContext(in.RoleARN, in.VPCID, endpointID, r.ARN, c.region)
	out, err := c.iam.SimulatePrincipalPolicy(ctx, sim)
	var noRole *iamtypes.NoSuchEntityException
	switch {
	case errors.As(err, &noRole):
		r.Reasons = append(r.Reasons, fmt.Sprintf("role %s does not exist", in.RoleARN))
		return
	case err != nil:
		r.Reasons = append(r.Reasons, fmt.Sprintf("the policies of role %s could not be simulated%s: %v", in.RoleARN, permissionHint(err, "iam:SimulatePrincipalPolicy"), err))
		return
	case len(out.EvaluationResults) != 1:
		r.Reasons = append(r.Reasons, fmt.Sprintf("IAM returned %d evaluation results for one action and resource", len(out.EvaluationResults)))
		return
	}
	result := out.EvaluationResults[0]
	if result.EvalDecision == iamtypes.PolicyEvaluationDecisionTypeAllowed {
		r.RoleAllowed = true
		return
	}
	r.Reasons = append(r.Reasons, roleDenialReason(in.RoleARN, result))
}

// roleDenialReason explains a denied simulation.
func roleDenialReason(role string, result iamtypes.EvaluationResult) string {
	reason := fmt.Sprintf("role %s may not call %s on it", role, invokeAction)
	var causes []string
	if d := result.OrganizationsDecisionDetail; d != nil && !d.AllowedByOrganizations {
		causes = append(causes, "an organization service control policy denies it")
	}
	if d := result.PermissionsBoundaryDecisionDetail; d != nil && !d.AllowedByPermissionsBoundary {
		causes = append(causes, "the role's permissions boundary does not allow it")
	}
	switch result.EvalDecision {
	case iamtypes.PolicyEvaluationDecisionTypeExplicitDeny:
		causes = append(causes, "a policy statement denies it")
	default:
		causes = append(causes, "no policy of the role allows it")
	}
	if len(result.MissingContextValues) > 0 {
		causes = append(causes, "its policy depends on context keys the check cannot supply: "+strings.Join(result.MissingContextValues, ", "))
	}
	return reason + ": " + strings.Join(causes, "; ")
}

// checkEndpoint sets EndpointFound, EndpointID, PrivateDNS and
// EndpointAllows for the endpoint Kong's calls go through.
func (c invokeChecker) checkEndpoint(ctx context.Context, in InvokeCheckInput, endpoint ec2types.VpcEndpoint, r *FunctionReport) {
	id := aws.ToString(endpoint.VpcEndpointId)
	r.EndpointFound = true
	r.EndpointID = id
	r.PrivateDNS = aws.ToBool(endpoint.PrivateDnsEnabled)
	if !r.PrivateDNS {
		r.Reasons = append(r.Reasons, fmt.Sprintf("Lambda endpoint %s has private DNS disabled, so lambda.%s.amazonaws.com does not resolve to it from the VPC", id, c.region))
	}
	result, err := c.simulateEndpointPolicy(ctx, aws.ToString(endpoint.PolicyDocument), callContext(in.RoleARN, in.VPCID, id, r.ARN, c.region), r.ARN)
	if err != nil {
		r.Reasons = append(r.Reasons, fmt.Sprintf("the policy of Lambda endpoint %s could not be evaluated: %v", id, err))
		return
	}
	if result.EvalDecision == iamtypes.PolicyEvaluationDecisionTypeAllowed {
		r.EndpointAllows = true
		return
	}
	switch why, undetermined := endpointDenialReason(*result); {
	case undetermined:
		r.Reasons = append(r.Reasons, fmt.Sprintf("the policy of Lambda endpoint %s could not be verified for role %s: %s; check it by hand", id, in.RoleARN, why))
	default:
		r.Reasons = append(r.Reasons, fmt.Sprintf("the policy of Lambda endpoint %s does not allow role %s to call %s on it: %s", id, in.RoleARN, invokeAction, why))
	}
}
