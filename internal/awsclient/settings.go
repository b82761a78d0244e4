// Package awsclient is the one place where the provider builds AWS SDK
// clients. It reads the Kong admin token from Secrets Manager or SSM and
// checks whether Kong's instance role can invoke Lambda functions through the
// VPC's Lambda interface endpoint.
package awsclient

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// Settings selects the AWS account, region and credentials used by the
// provider. Empty fields fall back to the SDK's default chain (AWS_REGION,
// AWS_PROFILE, web identity, instance profile, ...), so no static keys are
// needed.
type Settings struct {
	Region        string
	Profile       string
	AssumeRoleARN string
	// BaseEndpoint sends every AWS API call (STS included) to this URL
	// instead of the public endpoints: for LocalStack, a private proxy, or the
	// fake AWS server of the tests. The provider fills it from
	// KONG_AWS_ENDPOINT_URL; the SDK's own AWS_ENDPOINT_URL also works.
	BaseEndpoint string
}

const (
	// assumeRoleSessionName shows up in CloudTrail for every call the
	// provider makes under an assumed role.
	assumeRoleSessionName = "kongform"

	// retryMaxAttempts leaves room for the throttling that IAM and EC2 apply
	// to bursts of describe calls when many plans run at once (Atlantis).
	retryMaxAttempts = 8
	retryMaxBackoff  = 10 * time.Second
)

// LoadConfig resolves s into an aws.Config and retrieves credentials once, so
// that a credential problem (no instance profile, a role that cannot be
// assumed) is reported as such instead of as a failure of the first API call.
func LoadConfig(ctx context.Context, s Settings) (aws.Config, error) {
	return loadConfig(ctx, s, nil)
}

// loadConfig is LoadConfig with a replaceable retry backoff: tests use a
// zero delay so that throttling retries do not sleep.
func loadConfig(ctx context.Context, s Settings, backoff retry.BackoffDelayer) (aws.Config, error) {
	opts := []func(*config.LoadOptions) error{
		config.WithRetryer(func() aws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) {
				o.MaxAttempts = retryMaxAttempts
				o.MaxBackoff = retryMaxBackoff
				if backoff != nil {
					o.Backoff = backoff
				}
			})
		}),
	}
	if s.Region != "" {
		opts = append(opts, config.WithRegion(s.Region))
	}
	if s.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(s.Profile))
	}
	if s.BaseEndpoint != "" {
		opts = append(opts, config.WithBaseEndpoint(s.BaseEndpoint))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return aws.Config{}, fmt.Errorf("loading AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		return aws.Config{}, errors.New("no AWS region configured: set the provider's aws.region, KONG_AWS_REGION or AWS_REGION")
	}
	if s.AssumeRoleARN != "" {
		provider := stscreds.NewAssumeRoleProvider(sts.NewFromConfig(cfg), s.AssumeRoleARN, func(o *stscreds.AssumeRoleOptions) {
			o.RoleSessionName = assumeRoleSessionName
		})
		cfg.Credentials = aws.NewCredentialsCache(provider)
	}
	if cfg.Credentials == nil {
		return aws.Config{}, errors.New("no AWS credentials found")
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		if s.AssumeRoleARN != "" {
			return aws.Config{}, fmt.Errorf("assuming AWS role %s: %w", s.AssumeRoleARN, err)
		}
		return aws.Config{}, fmt.Errorf("resolving AWS credentials: %w", err)
	}
	return cfg, nil
}
