package provider

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseLambdaARN(t *testing.T) {
	tests := []struct {
		in   string
		want lambdaARN
		ok   bool
	}{
		{"arn:aws:lambda:eu-west-1:123456789012:function:orders", lambdaARN{"eu-west-1", "123456789012", "orders", ""}, true},
		{"arn:aws:lambda:us-gov-west-1:123456789012:function:orders:live", lambdaARN{"us-gov-west-1", "123456789012", "orders", "live"}, true},
		{"arn:aws-cn:lambda:cn-north-1:123456789012:function:f:$LATEST", lambdaARN{"cn-north-1", "123456789012", "f", "$LATEST"}, true},
		{"orders", lambdaARN{}, false},
		{"arn:aws:lambda:eu-west-1:123:function:orders", lambdaARN{}, false},
		{"arn:aws:s3:::bucket", lambdaARN{}, false},
	}
	for _, tt := range tests {
		got, ok := parseLambdaARN(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("parseLambdaARN(%q) = %+v %v", tt.in, got, ok)
		}
	}
}

func TestCompleteLambdaConfig(t *testing.T) {
	tests := []struct {
		name     string
		in, want map[string]any
	}{
		{"ARN gives region and qualifier",
			map[string]any{"function_name": "arn:aws:lambda:eu-west-1:123456789012:function:orders:live"},
			map[string]any{"function_name": "arn:aws:lambda:eu-west-1:123456789012:function:orders:live", "aws_region": "eu-west-1", "qualifier": "live"}},
		{"what the user set is kept",
			map[string]any{"function_name": "arn:aws:lambda:eu-west-1:123456789012:function:orders", "aws_region": "eu-west-1", "qualifier": "blue"},
			map[string]any{"function_name": "arn:aws:lambda:eu-west-1:123456789012:function:orders", "aws_region": "eu-west-1", "qualifier": "blue"}},
		{"no qualifier in the ARN",
			map[string]any{"function_name": "arn:aws:lambda:eu-west-1:123456789012:function:orders"},
			map[string]any{"function_name": "arn:aws:lambda:eu-west-1:123456789012:function:orders", "aws_region": "eu-west-1"}},
		{"a plain name gives nothing", map[string]any{"function_name": "orders"}, map[string]any{"function_name": "orders"}},
		{"no function", map[string]any{}, map[string]any{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			completeLambdaConfig(tt.in)
			if !reflect.DeepEqual(tt.in, tt.want) {
				t.Errorf("got %v, want %v", tt.in, tt.want)
			}
		})
	}
}

func TestLambdaFunctionProblem(t *testing.T) {
	for in, want := range map[string]string{
		"orders":      "",
		"orders:live": "",
		"arn:aws:lambda:eu-west-1:123456789012:function:orders": "",
		"arn:aws:lambda:eu-west-1:123456789012:orders":          "not a Lambda function ARN",
		"my function":           "not a Lambda function name",
		strings.Repeat("a", 65): "not a Lambda function name",
	} {
		got := lambdaFunctionProblem(in)
		if (want == "") != (got == "") || !strings.Contains(got, want) {
			t.Errorf("lambdaFunctionProblem(%q) = %q, want %q", in, got, want)
		}
	}
}
