package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// NewPluginAWSLambdaResource is the kong_plugin_aws_lambda resource.
func NewPluginAWSLambdaResource() resource.Resource { return newPluginResource(awsLambdaPlugin) }

var awsLambdaPlugin = &pluginDefinition{
	typeSuffix: "_plugin_aws_lambda",
	pluginName: "aws-lambda",
	description: "Kong's aws-lambda plugin: Kong answers matching requests by invoking an AWS Lambda function and returning its result; the service's upstream is never called. " +
		"On EC2 the recommended setup needs no keys: Kong signs the invocation with the instance role's credentials, read from the instance metadata service " +
		"(set `aws_imds_protocol_version = \"v2\"`), and reaches a private Lambda through an interface VPC endpoint given as `host`.",
	configAttributes: map[string]schema.Attribute{
		"function_name": optionalString("Function to invoke: its name (optionally `name:qualifier`) or its full ARN, `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`. "+
			"With an ARN, the region and qualifier in it are sent as `aws_region` and `qualifier` unless those are set (and must agree with them if they are).",
			lambdaFunctionRule),
		"aws_region": optionalString("AWS region of the function. Default: the region of the `function_name` ARN, else the `AWS_REGION` or `AWS_DEFAULT_REGION` environment of the Kong node.",
			stringvalidator.RegexMatches(awsRegionPattern, "must be an AWS region such as eu-west-1")),
		"qualifier": optionalString("Version or alias to invoke. Default: the qualifier of the `function_name` ARN, else the unqualified function (`$LATEST`)."),
		"invocation_type": optionalString("How Kong invokes the function: `RequestResponse` waits for the result and returns it (default); "+
			"`Event` queues the invocation and answers at once without the result; `DryRun` only checks that the invocation would be allowed.",
			stringvalidator.OneOf("RequestResponse", "Event", "DryRun")),
		"log_type": optionalString("`Tail` (default) asks Lambda to include the end of the execution log in its answer; `None` leaves it out.",
			stringvalidator.OneOf("Tail", "None")),
		"awsgateway_compatible": optionalBool("Build the event the way API Gateway's REST proxy integration does (method, path, headers, query and body in API Gateway's format), " +
			"so functions written for API Gateway, such as Flask apps behind a WSGI adapter, run unchanged. Default `false`."),
		"is_proxy_integration": optionalBool("Read the function's result as an API Gateway proxy response (`statusCode`, `headers`, `body`, `isBase64Encoded`) and answer with that status, those headers and that body. " +
			"Default `false`: the result is returned as the JSON body with status 200."),
		"forward_request_body":    optionalBool("Include the request body in the event (when `awsgateway_compatible` is false). Default `false`."),
		"forward_request_headers": optionalBool("Include the request headers in the event (when `awsgateway_compatible` is false). Default `false`."),
		"forward_request_method":  optionalBool("Include the request method in the event (when `awsgateway_compatible` is false). Default `false`."),
		"forward_request_uri":     optionalBool("Include the request path and query arguments in the event (when `awsgateway_compatible` is false). Default `false`."),
		"timeout":                 optionalNumber("Milliseconds Kong waits for the function's answer before giving up on the request. Default `60000`."),
		"keepalive":               optionalNumber("Milliseconds an idle connection to Lambda stays open for reuse. Default `60000`."),
		"aws_assume_role_arn": optionalString("IAM role Kong assumes through STS before invoking, for example a role in the function's account. " +
			"Default: invoke with the instance role itself."),
		"aws_role_session_name": optionalString("Session name used when assuming `aws_assume_role_arn`; it shows in CloudTrail. Default `kong`."),
		"aws_sts_endpoint_url":  optionalString("STS endpoint used to assume the role, for example an interface VPC endpoint for STS when Kong has no internet access. Default: the public regional endpoint."),
		"aws_imds_protocol_version": optionalString("Protocol Kong uses to read the instance role's credentials from the EC2 metadata service: `v1` (default) or `v2`, session-token based. "+
			"Use `v2`; instances that require IMDSv2 refuse `v1`.", stringvalidator.OneOf("v1", "v2")),
		"proxy_url": optionalString("HTTP proxy (an `http://` URL) for the connection to Lambda. Not needed with a VPC endpoint."),
		"skip_large_bodies": optionalBool("Leave out request bodies that NGINX has buffered to disk because they exceed `client_body_buffer_size`; the function then receives no body. " +
			"Set `false` to read them (costs disk I/O). Default `true`."),
		"base64_encode_body": optionalBool("Base64-encode the request body in the event, so binary bodies survive. Default `true`."),
		"empty_arrays_mode": optionalString("How empty JSON arrays in the function's result reach the client: `legacy` (default) turns them into `{}`, `correct` keeps `[]`.",
			stringvalidator.OneOf("legacy", "correct")),
		"host": optionalString("Host to send invocations to instead of Lambda's public regional endpoint, such as the DNS name of the Lambda interface VPC endpoint. Without a port.",
			hostRule),
		"port": schema.Int64Attribute{Optional: true, Validators: []validator.Int64{int64validator.Between(0, 65535)},
			Description: "Port to send invocations to. Default `443`."},
		"disable_https": optionalBool("Invoke over plain HTTP. Only for local Lambda emulators. Default `false`."),
		"unhandled_status": schema.Int64Attribute{Optional: true, Validators: []validator.Int64{int64validator.Between(100, 999)},
			Description: "Status Kong answers with when the function fails with an unhandled error, instead of the invocation's own status. Default: unset."},
		"aws_key": schema.StringAttribute{Optional: true, Sensitive: true,
			Description: "Access key id of static AWS credentials. Not recommended: on EC2, leave the keys unset and Kong uses the instance role. Must be set together with a secret."},
		"aws_secret": schema.StringAttribute{Optional: true, Sensitive: true,
			Validators:  []validator.String{stringvalidator.ConflictsWith(path.MatchRoot("aws_secret_wo"))},
			Description: "Secret access key for `aws_key`. It is stored in the Terraform state (marked sensitive); prefer `aws_secret_wo`, or better the instance role."},
	},
	writeOnlyAttributes: map[string]string{"aws_secret_wo": "aws_secret"},
	otherAttributes: map[string]schema.Attribute{
		"aws_secret_wo": schema.StringAttribute{Optional: true, Sensitive: true, WriteOnly: true,
			Validators:  []validator.String{stringvalidator.AlsoRequires(path.MatchRoot("aws_secret_wo_version"))},
			Description: "Write-only form of `aws_secret` (Terraform 1.11 or later): sent to Kong but never stored in the plan or state. Change `aws_secret_wo_version` to send a new value."},
		"aws_secret_wo_version": schema.Int64Attribute{Optional: true,
			Validators:  []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("aws_secret_wo"))},
			Description: "Any number you change whenever `aws_secret_wo` changes, since Terraform cannot compare write-only values."},
	},
	completeConfig: completeLambdaConfig,
	validateConfig: validateLambdaConfig,
}

var (
	awsRegionPattern = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-\d$`)
	// lambdaARNPattern: partition, region, account, function name, optional qualifier.
	lambdaARNPattern  = regexp.MustCompile(`^arn:aws[a-z-]*:lambda:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):function:([A-Za-z0-9_-]{1,64})(?::(\$LATEST|[A-Za-z0-9_-]{1,128}))?$`)
	lambdaNamePattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}(?::(\$LATEST|[A-Za-z0-9_-]{1,128}))?$`)
)

// lambdaARN is what a function ARN says about the function.
type lambdaARN struct {
	Region, Account, Name, Qualifier string
}

// parseLambdaARN reads a full function ARN; ok is false for anything else (such as a plain name).
func parseLambdaARN(s string) (lambdaARN, bool) {
	m := lambdaARNPattern.FindStringSubmatch(s)
	if m == nil {
		return lambdaARN{}, false
	}
	return lambdaARN{Region: m[1], Account: m[2], Name: m[3], Qualifier: m[4]}, true
}

// completeLambdaConfig sends the region and qualifier of a function ARN unless the user set them.
func completeLambdaConfig(config map[string]any) {
	fn, _ := config["function_name"].(string)
	arn, ok := parseLambdaARN(fn)
	if !ok {
		return
	}
	if _, set := config["aws_region"]; !set {
		config["aws_region"] = arn.Region
	}
	if _, set := config["qualifier"]; !set && arn.Qualifier != "" {
		config["qualifier"] = arn.Qualifier
	}
}

// validateLambdaConfig rejects a region or qualifier that contradicts the function ARN.
func validateLambdaConfig(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) {
	var fn, region, qualifier types.String
	diags.Append(config.GetAttribute(ctx, path.Root("function_name"), &fn)...)
	diags.Append(config.GetAttribute(ctx, path.Root("aws_region"), &region)...)
	diags.Append(config.GetAttribute(ctx, path.Root("qualifier"), &qualifier)...)
	arn, ok := parseLambdaARN(fn.ValueString())
	if !ok || fn.IsUnknown() {
		return
	}
	if known(region) && region.ValueString() != arn.Region {
		diags.AddAttributeError(path.Root("aws_region"), "Region contradicts the function ARN",
			fmt.Sprintf("aws_region is %q but function_name is in %q. Remove aws_region to use the ARN's region.", region.ValueString(), arn.Region))
	}
	if known(qualifier) && arn.Qualifier != "" && qualifier.ValueString() != arn.Qualifier {
		diags.AddAttributeError(path.Root("qualifier"), "Qualifier contradicts the function ARN",
			fmt.Sprintf("qualifier is %q but function_name ends in qualifier %q. Remove one of them.", qualifier.ValueString(), arn.Qualifier))
	}
}

func known(v types.String) bool { return !v.IsNull() && !v.IsUnknown() }

// lambdaFunctionRule accepts a function name (with an optional qualifier) or a full function ARN.
var lambdaFunctionRule = stringRule{"Invalid Lambda function", "a Lambda function name or full function ARN", lambdaFunctionProblem}

func lambdaFunctionProblem(s string) string {
	if _, ok := parseLambdaARN(s); ok || lambdaNamePattern.MatchString(s) {
		return ""
	}
	if len(s) > 4 && s[:4] == "arn:" {
		return fmt.Sprintf("%q is not a Lambda function ARN of the form arn:aws:lambda:<region>:<12-digit account>:function:<name>[:<qualifier>].", s)
	}
	return fmt.Sprintf("%q is not a Lambda function name: up to 64 letters, digits, '-' and '_', optionally followed by :<version or alias>.", s)
}
