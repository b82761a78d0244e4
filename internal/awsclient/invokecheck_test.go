package awsclient

import (
	"context"
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/kongform/terraform-provider-kong/internal/awsclient/awsfake"
)

const (
	kongRole   = "arn:aws:iam::111122223333:role/kong-ec2"
	kongVPC    = "vpc-0kong"
	api1       = "arn:aws:lambda:eu-west-1:111122223333:function:api1"
	api1Live   = api1 + ":live"
	lambdaSvc  = "com.amazonaws.eu-west-1.lambda"
	endpointID = "vpce-0lambda"
)

// checkState is an account where Kong can invoke api1 and api1:live: both
// exist and are active, the role allows them, and the VPC has an available
// Lambda endpoint with private DNS and the default policy.
func checkState() awsfake.State {
	return awsfake.State{
		Functions: map[string]awsfake.Function{
			api1:     {State: "Active"},
			api1Live: {State: "Active"},
		},
		Simulations: map[string]map[string]string{
			kongRole: {api1: awsfake.Allowed, api1Live: awsfake.Allowed},
		},
		Endpoints: []awsfake.Endpoint{
			{ID: endpointID, VPCID: kongVPC, ServiceName: lambdaSvc, Type: "Interface", State: "available", PrivateDNS: true},
		},
	}
}

// injectedFailure makes the next times calls of op fail with code.
type injectedFailure struct {
	op, code string
	times    int
}

func TestCheckLambdaInvoke(t *testing.T) {
	allGood := FunctionReport{Exists: true, Active: true, RoleAllowed: true, EndpointFound: true, EndpointID: endpointID, PrivateDNS: true, EndpointAllows: true, OK: true}
	tests := []struct {
		name     string
		function string
		edit     func(*awsfake.State)
		failures []injectedFailure
		want     FunctionReport // ARN and Reasons are not compared
		// wantReason must be contained in the only reason; "" means none.
		wantReason string
	}{
		{name: "unqualified function", function: api1, want: allGood},
		{name: "alias", function: api1Live, want: allGood},
		{
			name: "throttled calls are retried", function: api1,
			failures: []injectedFailure{
				{"SimulatePrincipalPolicy", "Throttling", 2},
				{"GetFunctionConfiguration", "TooManyRequestsException", 2},
				{"DescribeVpcEndpoints", "RequestLimitExceeded", 2},
			},
			want: allGood,
		},
		{
			name: "endpoint with private DNS preferred", function: api1,
			edit: func(st *awsfake.State) {
				st.Endpoints = append([]awsfake.Endpoint{{ID: "vpce-0nodns", VPCID: kongVPC, ServiceName: lambdaSvc, Type: "Interface", State: "available"}}, st.Endpoints...)
			},
			want: allGood,
		},
		{
			name: "missing function", function: "arn:aws:lambda:eu-west-1:111122223333:function:gone",
			edit: func(st *awsfake.State) {
				st.Simulations[kongRole]["arn:aws:lambda:eu-west-1:111122223333:function:gone"] = awsfake.Allowed
			},
			want:       FunctionReport{RoleAllowed: true, EndpointFound: true, EndpointID: endpointID, PrivateDNS: true, EndpointAllows: true},
			wantReason: "the function does not exist",
		},
		{
			name: "missing alias", function: api1 + ":stable",
			edit:       func(st *awsfake.State) { st.Simulations[kongRole][api1+":stable"] = awsfake.Allowed },
			want:       FunctionReport{RoleAllowed: true, EndpointFound: true, EndpointID: endpointID, PrivateDNS: true, EndpointAllows: true},
			wantReason: `version or alias "stable" does not exist`,
		},
		{
			name: "function not active", function: api1,
			edit: func(st *awsfake.State) {
				st.Functions[api1] = awsfake.Function{State: "Failed", StateReason: "ENI limit reached"}
			},
			want:       FunctionReport{Exists: true, RoleAllowed: true, EndpointFound: true, EndpointID: endpointID, PrivateDNS: true, EndpointAllows: true},
			wantReason: "the function is Failed, not Active: ENI limit reached",
		},
		{
			name: "function unreadable", function: api1,
			failures:   []injectedFailure{{"GetFunctionConfiguration", "AccessDeniedException", 1}},
			want:       FunctionReport{RoleAllowed: true, EndpointFound: true, EndpointID: endpointID, PrivateDNS: true, EndpointAllows: true},
			wantReason: "needs lambda:GetFunctionConfiguration",
		},
		{
			name: "role not allowed", function: api1Live,
			edit:       func(st *awsfake.State) { delete(st.Simulations[kongRole], api1Live) },
			want:       FunctionReport{Exists: true, Active: true, EndpointFound: true, EndpointID: endpointID, PrivateDNS: true, EndpointAllows: true},
			wantReason: "role " + kongRole + " may not call lambda:InvokeFunction on it: no policy of the role allows it",
		},
		{
			name: "role explicitly denied", function: api1,
			edit:       func(st *awsfake.State) { st.Simulations[kongRole][api1] = awsfake.ExplicitDeny },
			want:       FunctionReport{Exists: true, Active: true, EndpointFound: true, EndpointID: endpointID, PrivateDNS: true, EndpointAllows: true},
			wantReason: "a policy statement denies it",
		},
		{
			name: "role missing", function: api1,
			edit:       func(st *awsfake.State) { delete(st.Simulations, kongRole) },
			want:       FunctionReport{Exists: true, Active: true, EndpointFound: true, EndpointID: endpointID, PrivateDNS: true, EndpointAllows: true},
			wantReason: "role " + kongRole + " does not exist",
		},
		{
			name: "simulation not permitted", function: api1,
			failures:   []injectedFailure{{"SimulatePrincipalPolicy", "AccessDenied", 1}},
			want:       FunctionReport{Exists: true, Active: true, EndpointFound: true, EndpointID: endpointID, PrivateDNS: true, EndpointAllows: true},
			wantReason: "needs iam:SimulatePrincipalPolicy",
		},
		{
			name: "no endpoint in the VPC", function: api1,
			edit: func(st *awsfake.State) {
				st.Endpoints = []awsfake.Endpoint{
					{ID: "vpce-0other", VPCID: "vpc-0other", ServiceName: lambdaSvc, Type: "Interface", State: "available", PrivateDNS: true},
					{ID: "vpce-0sqs", VPCID: kongVPC, ServiceName: "com.amazonaws.eu-west-1.sqs", Type: "Interface", State: "available", PrivateDNS: true},
				}
			},
			want:       FunctionReport{Exists: true, Active: true, RoleAllowed: true},
			wantReason: "VPC " + kongVPC + " has no interface endpoint for " + lambdaSvc,
		},
		{
			name: "endpoint not available", function: api1,
			edit:       func(st *awsfake.State) { st.Endpoints[0].State = "pending" },
			want:       FunctionReport{Exists: true, Active: true, RoleAllowed: true},
			wantReason: "endpoint " + endpointID + " of VPC " + kongVPC + " is pending, not available",
		},
		{
			name: "endpoints unreadable", function: api1,
			failures:   []injectedFailure{{"DescribeVpcEndpoints", "UnauthorizedOperation", 1}},
			want:       FunctionReport{Exists: true, Active: true, RoleAllowed: true},
			wantReason: "needs ec2:DescribeVpcEndpoints",
		},
		{
			name: "endpoint without private DNS", function: api1,
			edit:       func(st *awsfake.State) { st.Endpoints[0].PrivateDNS = false },
			want:       FunctionReport{Exists: true, Active: true, RoleAllowed: true, EndpointFound: true, EndpointID: endpointID, EndpointAllows: true},
			wantReason: "has private DNS disabled, so lambda.eu-west-1.amazonaws.com does not resolve to it",
		},
		{
			name: "endpoint policy without the alias", function: api1Live,
			edit: func(st *awsfake.State) {
				st.Endpoints[0].Policy = `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"` + kongRole + `"},"Action":"lambda:InvokeFunction","Resource":"` + api1 + `"}]}`
				st.Endpoints[0].Decisions = map[string]string{api1Live: awsfake.ImplicitDeny}
			},
			want:       FunctionReport{Exists: true, Active: true, RoleAllowed: true, EndpointFound: true, EndpointID: endpointID, PrivateDNS: true},
			wantReason: "the policy of Lambda endpoint " + endpointID + " does not allow role " + kongRole + " to call lambda:InvokeFunction on it: no statement allows it",
		},
		{
			name: "endpoint policy allows through a policy variable", function: api1,
			edit: func(st *awsfake.State) {
				st.Endpoints[0].Policy = `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"${aws:ResourceAccount}"}}}]}`
			},
			want: allGood,
		},
		{
			name: "endpoint policy denies explicitly", function: api1,
			edit: func(st *awsfake.State) {
				st.Endpoints[0].Policy = `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}`
				st.Endpoints[0].Decisions = map[string]string{api1: awsfake.ExplicitDeny}
			},
			want:       FunctionReport{Exists: true, Active: true, RoleAllowed: true, EndpointFound: true, EndpointID: endpointID, PrivateDNS: true},
			wantReason: "does not allow role " + kongRole + " to call lambda:InvokeFunction on it: a statement denies it",
		},
		{
			name: "endpoint policy with a condition the check cannot supply", function: api1,
			edit: func(st *awsfake.State) {
				st.Endpoints[0].Policy = `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}]}`
				st.Endpoints[0].Decisions = map[string]string{api1: awsfake.ImplicitDeny}
				st.Endpoints[0].MissingContextValues = []string{"aws:PrincipalOrgID"}
			},
			want:       FunctionReport{Exists: true, Active: true, RoleAllowed: true, EndpointFound: true, EndpointID: endpointID, PrivateDNS: true},
			wantReason: "could not be verified for role " + kongRole + ": it depends on context keys the check cannot supply: aws:PrincipalOrgID; check it by hand",
		},
		{
			name: "endpoint policy the check cannot rewrite", function: api1,
			edit:       func(st *awsfake.State) { st.Endpoints[0].Policy = `{"Statement":[{"Effect":"Allow"}]}` },
			want:       FunctionReport{Exists: true, Active: true, RoleAllowed: true, EndpointFound: true, EndpointID: endpointID, PrivateDNS: true},
			wantReason: "could not be evaluated: statement #1: needs exactly one of Principal and NotPrincipal",
		},
		{
			name: "endpoint policy simulation refused", function: api1,
			edit: func(st *awsfake.State) {
				st.Endpoints[0].Policy = `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`
			},
			failures:   []injectedFailure{{"SimulateCustomPolicy", "AccessDenied", 1}},
			want:       FunctionReport{Exists: true, Active: true, RoleAllowed: true, EndpointFound: true, EndpointID: endpointID, PrivateDNS: true},
			wantReason: "could not be evaluated: IAM could not simulate it (the identity running the check needs iam:SimulateCustomPolicy)",
		},
		{
			name: "function in another region", function: "arn:aws:lambda:us-east-1:111122223333:function:api9",
			edit: func(st *awsfake.State) {
				st.Functions["arn:aws:lambda:us-east-1:111122223333:function:api9"] = awsfake.Function{State: "Active"}
				st.Simulations[kongRole]["arn:aws:lambda:us-east-1:111122223333:function:api9"] = awsfake.Allowed
			},
			want:       FunctionReport{Exists: true, Active: true, RoleAllowed: true},
			wantReason: "the function is in region us-east-1, but Kong's VPC " + kongVPC + " is in eu-west-1",
		},
		{
			name: "not a function ARN", function: "arn:aws:lambda:eu-west-1:111122223333:layer:deps:3",
			wantReason: "is not a Lambda function ARN",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			awsfake.IsolateEnv(t)
			state := checkState()
			if tt.edit != nil {
				tt.edit(&state)
			}
			fake := awsfake.New(t, state)
			for _, f := range tt.failures {
				fake.FailNext(f.op, f.code, f.times)
			}

			report := newInvokeChecker(fakeConfig(t, fake, Settings{})).check(context.Background(),
				InvokeCheckInput{RoleARN: kongRole, VPCID: kongVPC, FunctionARNs: []string{tt.function}})

			if len(report.Functions) != 1 {
				t.Fatalf("got %d function reports, want 1", len(report.Functions))
			}
			got := report.Functions[0]
			if got.ARN != tt.function {
				t.Errorf("ARN = %q, want %q", got.ARN, tt.function)
			}
			reasons := got.Reasons
			got.ARN, got.Reasons = "", nil
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("report = %+v\nwant     %+v", got, tt.want)
			}
			if report.AllOK != tt.want.OK {
				t.Errorf("AllOK = %v, want %v", report.AllOK, tt.want.OK)
			}
			switch {
			case tt.wantReason == "" && len(reasons) > 0:
				t.Errorf("reasons = %q, want none", reasons)
			case tt.wantReason != "" && (len(reasons) != 1 || !strings.Contains(reasons[0], tt.wantReason)):
				t.Errorf("reasons = %q, want one containing %q", reasons, tt.wantReason)
			}
			if want := prefixed(tt.function, reasons); !slices.Equal(report.Problems, want) {
				t.Errorf("problems = %q, want %q", report.Problems, want)
			}
		})
	}
}

func prefixed(prefix string, reasons []string) []string {
	var out []string
	for _, r := range reasons {
		out = append(out, prefix+": "+r)
	}
	return out
}

func TestCheckLambdaInvokeSimulatesCallThroughEndpoint(t *testing.T) {
	awsfake.IsolateEnv(t)
	fake := awsfake.New(t, checkState())

	report := CheckLambdaInvoke(context.Background(), Settings{BaseEndpoint: fake.URL},
		InvokeCheckInput{RoleARN: kongRole, VPCID: kongVPC, FunctionARNs: []string{api1Live, api1, api1Live}})

	if !report.AllOK || len(report.Functions) != 2 || report.Functions[0].ARN != api1 || report.Functions[1].ARN != api1Live {
		t.Fatalf("report = %+v, want api1 and api1:live, once each, in order, all OK", report)
	}
	if n := len(fake.Calls("DescribeVpcEndpoints")); n != 1 {
		t.Errorf("DescribeVpcEndpoints called %d times, want once per check", n)
	}
	sims := fake.Calls("SimulatePrincipalPolicy")
	if len(sims) != 2 {
		t.Fatalf("SimulatePrincipalPolicy called %d times, want 2", len(sims))
	}
	p := sims[0].Params
	want := map[string]string{
		"PolicySourceArn":       kongRole,
		"ActionNames.member.1":  "lambda:InvokeFunction",
		"ResourceArns.member.1": api1,
	}
	for k, v := range want {
		if p.Get(k) != v {
			t.Errorf("SimulatePrincipalPolicy %s = %q, want %q", k, p.Get(k), v)
		}
	}
	wantContext := map[string]string{
		"aws:PrincipalArn":     kongRole,
		"aws:PrincipalAccount": "111122223333",
		"aws:PrincipalType":    "AssumedRole",
		"aws:ResourceAccount":  "111122223333",
		"aws:RequestedRegion":  "eu-west-1",
		"aws:SourceVpce":       endpointID,
		"aws:SourceVpc":        kongVPC,
	}
	if got := contextEntries(p); !reflect.DeepEqual(got, wantContext) {
		t.Errorf("SimulatePrincipalPolicy context = %v, want %v", got, wantContext)
	}
	if n := len(fake.Calls("SimulateCustomPolicy")); n != 0 {
		t.Errorf("SimulateCustomPolicy called %d times for the default endpoint policy, want none", n)
	}
	fn := fake.Calls("GetFunctionConfiguration")[1].Params
	if fn.Get("FunctionName") != api1 || fn.Get("Qualifier") != "live" {
		t.Errorf("GetFunctionConfiguration params = %v, want the unqualified ARN and qualifier live", fn)
	}
}

// contextEntries reads the ContextEntries of a query-protocol IAM call.
func contextEntries(p url.Values) map[string]string {
	got := map[string]string{}
	for i := 1; p.Has(fmt.Sprintf("ContextEntries.member.%d.ContextKeyName", i)); i++ {
		if p.Get(fmt.Sprintf("ContextEntries.member.%d.ContextKeyType", i)) == "string" {
			got[p.Get(fmt.Sprintf("ContextEntries.member.%d.ContextKeyName", i))] = p.Get(fmt.Sprintf("ContextEntries.member.%d.ContextKeyValues.member.1", i))
		}
	}
	return got
}

// TestCheckLambdaInvokeSimulatesEndpointPolicy checks that IAM, not the
// provider, evaluates the endpoint policy: the policy goes to
// SimulateCustomPolicy as written (its principal as a condition), with the
// call's context, and IAM's answer decides.
func TestCheckLambdaInvokeSimulatesEndpointPolicy(t *testing.T) {
	awsfake.IsolateEnv(t)
	state := checkState()
	state.Endpoints[0].Policy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"${aws:ResourceAccount}"}}}]}`
	fake := awsfake.New(t, state)

	report := newInvokeChecker(fakeConfig(t, fake, Settings{})).check(context.Background(),
		InvokeCheckInput{RoleARN: kongRole, VPCID: kongVPC, FunctionARNs: []string{api1}})

	if !report.AllOK {
		t.Fatalf("report = %+v, want OK", report)
	}
	sims := fake.Calls("SimulateCustomPolicy")
	if len(sims) != 1 {
		t.Fatalf("SimulateCustomPolicy called %d times, want once", len(sims))
	}
	p := sims[0].Params
	if p.Get("ActionNames.member.1") != invokeAction || p.Get("ResourceArns.member.1") != api1 {
		t.Errorf("SimulateCustomPolicy params = %v, want the invocation of %s", p, api1)
	}
	wantPolicy := `{"Statement":[{"Action":"lambda:InvokeFunction","Condition":{"StringEquals":{"aws:PrincipalAccount":"${aws:ResourceAccount}"}},"Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}`
	if got := p.Get("PolicyInputList.member.1"); got != wantPolicy {
		t.Errorf("PolicyInputList = %s\nwant            %s", got, wantPolicy)
	}
	if got := contextEntries(p); got["aws:SourceVpce"] != endpointID || got["aws:ResourceAccount"] != "111122223333" || got["aws:PrincipalArn"] != kongRole {
		t.Errorf("SimulateCustomPolicy context = %v, want the call through %s", got, endpointID)
	}
}

func TestCheckLambdaInvokeReportsConfigurationFailure(t *testing.T) {
	awsfake.IsolateEnv(t)
	fake := awsfake.New(t, checkState())

	report := CheckLambdaInvoke(context.Background(),
		Settings{BaseEndpoint: fake.URL, AssumeRoleARN: "arn:aws:iam::111122223333:role/not-assumable"},
		InvokeCheckInput{RoleARN: kongRole, VPCID: kongVPC, FunctionARNs: []string{api1, api1Live}})

	if report.AllOK || len(report.Problems) != 2 {
		t.Fatalf("report = %+v, want both functions failed", report)
	}
	for _, p := range report.Problems {
		if !strings.Contains(p, "the check could not run: assuming AWS role arn:aws:iam::111122223333:role/not-assumable") {
			t.Errorf("problem %q does not explain the configuration failure", p)
		}
	}
}

func TestRoleDenialReason(t *testing.T) {
	tests := []struct {
		name   string
		result iamtypes.EvaluationResult
		want   string
	}{
		{
			name:   "implicit deny",
			result: iamtypes.EvaluationResult{EvalDecision: iamtypes.PolicyEvaluationDecisionTypeImplicitDeny},
			want:   "role R may not call lambda:InvokeFunction on it: no policy of the role allows it",
		},
		{
			name: "denied by SCP and boundary",
			result: iamtypes.EvaluationResult{
				EvalDecision:                      iamtypes.PolicyEvaluationDecisionTypeExplicitDeny,
				OrganizationsDecisionDetail:       &iamtypes.OrganizationsDecisionDetail{AllowedByOrganizations: false},
				PermissionsBoundaryDecisionDetail: &iamtypes.PermissionsBoundaryDecisionDetail{AllowedByPermissionsBoundary: false},
			},
			want: "role R may not call lambda:InvokeFunction on it: an organization service control policy denies it; the role's permissions boundary does not allow it; a policy statement denies it",
		},
		{
			name: "missing context",
			result: iamtypes.EvaluationResult{
				EvalDecision:                iamtypes.PolicyEvaluationDecisionTypeImplicitDeny,
				OrganizationsDecisionDetail: &iamtypes.OrganizationsDecisionDetail{AllowedByOrganizations: true},
				MissingContextValues:        []string{"aws:SourceVpce", "aws:SourceVpc"},
			},
			want: "its policy depends on context keys the check cannot supply: aws:SourceVpce, aws:SourceVpc",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := roleDenialReason("R", tt.result); !strings.Contains(got, tt.want) {
				t.Fatalf("roleDenialReason = %q, want it to contain %q", got, tt.want)
			}
		})
	}
}

func TestParseFunctionARN(t *testing.T) {
	tests := []struct {
		in                     string
		wantUnqualified, wantQ string
		wantRegion             string
		wantErr                bool
	}{
		{in: api1, wantUnqualified: api1, wantRegion: "eu-west-1"},
		{in: api1Live, wantUnqualified: api1, wantQ: "live", wantRegion: "eu-west-1"},
		{in: api1 + ":$LATEST", wantUnqualified: api1, wantQ: "$LATEST", wantRegion: "eu-west-1"},
		{in: "arn:aws-cn:lambda:cn-north-1:111122223333:function:f:7", wantUnqualified: "arn:aws-cn:lambda:cn-north-1:111122223333:function:f", wantQ: "7", wantRegion: "cn-north-1"},
		{in: "api1", wantErr: true},
		{in: "arn:aws:lambda:eu-west-1:111122223333:function:", wantErr: true},
		{in: "arn:aws:lambda:eu-west-1:111122223333:function:f:q:extra", wantErr: true},
		{in: "arn:aws:s3:::bucket", wantErr: true},
	}
	for _, tt := range tests {
		fn, err := parseFunctionARN(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("parseFunctionARN(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if !tt.wantErr && (fn.Unqualified != tt.wantUnqualified || fn.Qualifier != tt.wantQ || fn.Region != tt.wantRegion) {
			t.Errorf("parseFunctionARN(%q) = %+v", tt.in, fn)
		}
	}
}

func TestLambdaEndpointService(t *testing.T) {
	for region, want := range map[string]string{
		"eu-west-1":  "com.amazonaws.eu-west-1.lambda",
		"cn-north-1": "cn.com.amazonaws.cn-north-1.lambda",
	} {
		if got := lambdaEndpointService(region); got != want {
			t.Errorf("lambdaEndpointService(%q) = %q, want %q", region, got, want)
		}
	}
}
