package provider

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/kongform/terraform-provider-kong/internal/awsclient"
	"github.com/kongform/terraform-provider-kong/internal/awsclient/awsfake"
	"github.com/kongform/terraform-provider-kong/internal/e2e"
	"github.com/kongform/terraform-provider-kong/internal/kongtest"
)

func TestOverrideAWSSettings(t *testing.T) {
	base := awsclient.Settings{Region: "eu-west-1", Profile: "atlantis", AssumeRoleARN: "arn:aws:iam::111122223333:role/plan", BaseEndpoint: "http://127.0.0.1:4566"}
	tests := []struct {
		name     string
		override *awsModel
		want     awsclient.Settings
	}{
		{name: "no aws attribute", override: nil, want: base},
		{
			name:     "unset fields keep the provider's",
			override: &awsModel{Region: types.StringNull(), Profile: types.StringNull(), AssumeRoleARN: types.StringNull()},
			want:     base,
		},
		{
			name:     "set fields win",
			override: &awsModel{Region: types.StringValue("us-east-1"), Profile: types.StringNull(), AssumeRoleARN: types.StringValue("arn:aws:iam::444455556666:role/check")},
			want:     awsclient.Settings{Region: "us-east-1", Profile: "atlantis", AssumeRoleARN: "arn:aws:iam::444455556666:role/check", BaseEndpoint: "http://127.0.0.1:4566"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := overrideAWSSettings(base, tt.override); got != tt.want {
				t.Fatalf("overrideAWSSettings = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestFlattenInvokeCheckReport(t *testing.T) {
	const arn = "arn:aws:lambda:eu-west-1:111122223333:function:api1"
	var m lambdaInvokeCheckModel
	flattenInvokeCheckReport(awsclient.InvokeCheckReport{
		AllOK:     true,
		Functions: []awsclient.FunctionReport{{ARN: arn, Exists: true, Active: true, RoleAllowed: true, OK: true}},
	}, &m)

	want := lambdaInvokeCheckModel{
		AllOK:    types.BoolValue(true),
		Problems: []string{},
		Functions: []lambdaFunctionModel{{
			ARN: arn, Exists: true, Active: true, RoleAllowed: true, OK: true,
			EndpointID: types.StringNull(), Reasons: []string{},
		}},
	}
	if !reflect.DeepEqual(m, want) {
		t.Fatalf("model = %+v\nwant    %+v", m, want)
	}
}

// useInvokeCheckFake points the provider at a fake account where role kong-ec2 may invoke api1:live but not
// api2, through an endpoint with private DNS and the default policy.
func useInvokeCheckFake(t *testing.T) {
	awsfake.IsolateEnv(t)
	fake := awsfake.New(t, awsfake.State{
		Functions: map[string]awsfake.Function{
			testAPI1Live: {State: "Active"},
			testAPI2:     {State: "Active"},
		},
		Simulations: map[string]map[string]string{testKongRole: {testAPI1Live: awsfake.Allowed}},
		Endpoints: []awsfake.Endpoint{{
			ID: "vpce-0f1e2d3c", VPCID: "vpc-0a1b2c3d", ServiceName: "com.amazonaws.eu-west-1.lambda",
			Type: "Interface", State: "available", PrivateDNS: true,
		}},
	})
	t.Setenv("KONG_AWS_ENDPOINT_URL", fake.URL)
}

const (
	testKongRole = "arn:aws:iam::111122223333:role/kong-ec2"
	testAPI1Live = "arn:aws:lambda:eu-west-1:111122223333:function:api1:live"
	testAPI2     = "arn:aws:lambda:eu-west-1:111122223333:function:api2"
)

func testAccLambdaInvokeCheckConfig(extra string) string {
	return fmt.Sprintf(`
data "kong_lambda_invoke_check" "kong" {
  role_arn      = %q
  vpc_id        = "vpc-0a1b2c3d"
  function_arns = [%q, %q]
}
%s
`, testKongRole, testAPI1Live, testAPI2, extra)
}

func TestAccLambdaInvokeCheck(t *testing.T) {
	useInvokeCheckFake(t)
	const addr = "data.kong_lambda_invoke_check.kong"
	denied := `^` + regexp.QuoteMeta(testAPI2+": role "+testKongRole+" may not call lambda:InvokeFunction on it: no policy of the role allows it") + `$`

	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// A failing check block only warns: the run succeeds and the report is in state.
				Config: testAccLambdaInvokeCheckConfig(`
check "kong_can_invoke_lambdas" {
  assert {
    condition     = data.kong_lambda_invoke_check.kong.all_ok
    error_message = join("\n", data.kong_lambda_invoke_check.kong.problems)
  }
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("all_ok"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("problems"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringRegexp(regexp.MustCompile(denied)),
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("functions"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"arn": knownvalue.StringExact(testAPI1Live), "ok": knownvalue.Bool(true),
							"endpoint_id": knownvalue.StringExact("vpce-0f1e2d3c"), "reasons": knownvalue.ListSizeExact(0),
						}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"arn": knownvalue.StringExact(testAPI2), "exists": knownvalue.Bool(true), "active": knownvalue.Bool(true),
							"role_allowed": knownvalue.Bool(false), "endpoint_found": knownvalue.Bool(true),
							"endpoint_id": knownvalue.StringExact("vpce-0f1e2d3c"), "private_dns": knownvalue.Bool(true),
							"endpoint_allows": knownvalue.Bool(true), "ok": knownvalue.Bool(false),
							"reasons": knownvalue.ListSizeExact(1),
						}),
					})),
				},
			},
			{
				// A precondition turns the same report into a plan error naming the function and the reason.
				Config: testAccLambdaInvokeCheckConfig(`
resource "terraform_data" "routes" {
  lifecycle {
    precondition {
      condition     = data.kong_lambda_invoke_check.kong.all_ok
      error_message = join("\n", data.kong_lambda_invoke_check.kong.problems)
    }
  }
}`),
				ExpectError: regexp.MustCompile(regexp.QuoteMeta(testAPI2) + `: role\s+` + regexp.QuoteMeta(testKongRole) + `\s+may\s+not\s+call`),
			},
		},
	})
}

func TestAccLambdaInvokeCheck_regionOverride(t *testing.T) {
	useInvokeCheckFake(t)

	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			// The data source's region replaces the provider's: the VPC is now taken to be in us-east-1,
			// so the eu-west-1 function cannot be reached through its endpoint.
			Config: fmt.Sprintf(`
data "kong_lambda_invoke_check" "kong" {
  role_arn      = %q
  vpc_id        = "vpc-0a1b2c3d"
  function_arns = [%q]
  aws           = { region = "us-east-1" }
}
`, testKongRole, testAPI1Live),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.kong_lambda_invoke_check.kong", tfjsonpath.New("problems"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringRegexp(regexp.MustCompile(`the function is in region eu-west-1, but Kong's VPC vpc-0a1b2c3d is in us-east-1`)),
				})),
			},
		}},
	})
}

func TestLambdaInvokeCheckDataSource_invalidConfig(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "kong_lambda_invoke_check" "kong" {
  role_arn      = "arn:aws:iam::111122223333:instance-profile/kong"
  vpc_id        = "vpc-0a1b2c3d"
  function_arns = ["arn:aws:lambda:eu-west-1:111122223333:layer:deps"]
}
`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)(must be an IAM role ARN.*Invalid Lambda function ARN|Invalid Lambda function ARN.*must be an IAM role ARN)`),
		}},
	})
}

// TestAccLambdaInvokeCheck_example plans the documented example with the terraform CLI: a function the role
// cannot invoke must show up as a plan warning naming the function and the reason, and must stop the plan
// when a precondition guards it.
func TestAccLambdaInvokeCheck_example(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs the terraform CLI; set TF_ACC")
	}
	testAccPreCheck(t)
	example, err := os.ReadFile("../../examples/data-sources/kong_lambda_invoke_check/data-source.tf")
	if err != nil {
		t.Fatal(err)
	}
	const (
		api1 = "arn:aws:lambda:eu-west-1:111122223333:function:api1:live"
		api2 = "arn:aws:lambda:eu-west-1:111122223333:function:api2:live"
	)
	awsfake.IsolateEnv(t)
	fake := awsfake.New(t, awsfake.State{
		Functions:   map[string]awsfake.Function{api1: {State: "Active"}, api2: {State: "Active"}},
		Simulations: map[string]map[string]string{testKongRole: {api1: awsfake.Allowed}},
		Endpoints: []awsfake.Endpoint{{
			ID: "vpce-0f1e2d3c", VPCID: "vpc-0a1b2c3d4e5f67890", ServiceName: "com.amazonaws.eu-west-1.lambda",
			Type: "Interface", State: "available", PrivateDNS: true,
		}},
	})

	ctx := context.Background()
	providerDir, err := e2e.BuildProvider(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	w, err := e2e.NewWorkspace(t.TempDir(), providerDir, os.Getenv("KONG_ADMIN_URL"), "KONG_AWS_ENDPOINT_URL="+fake.URL)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteConfig("terraform {\n  required_providers {\n    kong = { source = \"kongform/kong\" }\n  }\n}\n" + string(example)); err != nil {
		t.Fatal(err)
	}
	plan := func() (int, string) {
		t.Helper()
		res, err := w.Terraform(ctx, "plan", "-input=false", "-no-color")
		if err != nil {
			t.Fatal(err)
		}
		// Terraform wraps diagnostics to the terminal width; compare words, not lines.
		return res.ExitCode, strings.Join(strings.Fields(res.Stdout+res.Stderr), " ")
	}

	code, out := plan()
	warning := "Warning: Check block assertion failed"
	reason := api2 + ": role " + testKongRole + " may not call lambda:InvokeFunction on it: no policy of the role allows it"
	if code != 0 || !strings.Contains(out, warning) || !strings.Contains(out, reason) {
		t.Fatalf("plan exited %d; want success with %q and %q in:\n%s", code, warning, reason, out)
	}

	// api1 is guarded by the example's precondition.
	fake.Change(func(st *awsfake.State) { delete(st.Simulations[testKongRole], api1) })
	code, out = plan()
	if want := "Kong cannot invoke " + api1 + ": role " + testKongRole + " may not call lambda:InvokeFunction"; code == 0 || !strings.Contains(out, want) {
		t.Fatalf("plan exited %d; want a failure with %q in:\n%s", code, want, out)
	}
}

// The provider's admin token from AWS, end to end: the provider configuration (or its environment variables)
// names a secret or parameter in the fake AWS, and a Kong that demands the token accepts the provider's calls.
// These tests share the AWS fakes of the data source; they may move next to the provider's own tests.

const testAdminToken = "kong-admin-token-from-aws"

// tokenKong starts a Kong that requires testAdminToken and points the provider at it.
func tokenKong(t *testing.T) {
	kong := kongtest.NewServer(kongtest.Options{AdminToken: testAdminToken})
	t.Cleanup(kong.Close)
	t.Setenv("KONG_ADMIN_URL", kong.URL)
	t.Setenv("KONG_ADMIN_TOKEN", "")
}

func TestAccProviderAdminTokenFromAWS(t *testing.T) {
	service := fmt.Sprintf("resource \"kong_service\" \"test\" {\n  name = %q\n  host = \"lambda.eu-west-1.amazonaws.com\"\n}\n", randomName("token"))
	tests := []struct {
		name     string
		env      map[string]string
		provider string
		wantErr  string
	}{
		{
			name: "secret JSON key from environment variables",
			env:  map[string]string{"KONG_ADMIN_TOKEN_SECRET_ID": "kong/admin", "KONG_ADMIN_TOKEN_SECRET_JSON_KEY": "token"},
		},
		{
			name:     "SecureString parameter from the configuration",
			provider: `provider "kong" { admin_token_ssm_parameter = "/kong/admin-token" }`,
		},
		{
			name:     "missing secret",
			provider: `provider "kong" { admin_token_secret = { secret_id = "kong/missing" } }`,
			wantErr:  `secrets manager secret "kong/missing" was not found`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			awsfake.IsolateEnv(t)
			fake := awsfake.New(t, awsfake.State{
				Secrets:    map[string]string{"kong/admin": `{"token":"` + testAdminToken + `"}`},
				Parameters: map[string]awsfake.Parameter{"/kong/admin-token": {Type: "SecureString", Value: testAdminToken}},
			})
			t.Setenv("KONG_AWS_ENDPOINT_URL", fake.URL)
			tokenKong(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			step := resource.TestStep{Config: tt.provider + "\n" + service, Check: testCheckStateLacks(testAdminToken)}
			if tt.wantErr != "" {
				step = resource.TestStep{Config: tt.provider + "\n" + service, ExpectError: regexp.MustCompile(regexp.QuoteMeta(tt.wantErr))}
			}
			testCase(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{step},
			})
		})
	}
}

// testCheckStateLacks fails when any attribute in the state holds secret.
func testCheckStateLacks(secret string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for addr, rs := range s.RootModule().Resources {
			for k, v := range rs.Primary.Attributes {
				if strings.Contains(v, secret) {
					return fmt.Errorf("%s.%s holds the admin token", addr, k)
				}
			}
		}
		return nil
	}
}
