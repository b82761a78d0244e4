package awsclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	ssmtypes "github.com/aws/aws-sdk-go-v2/service/ssm/types"
)

// TokenSource names where the Kong admin token is stored: exactly one of
// SecretID (a Secrets Manager secret name or ARN, optionally a JSON object
// read at SecretJSONKey) or SSMParameter (a SecureString parameter name or
// ARN).
type TokenSource struct {
	SecretID      string
	SecretJSONKey string
	SSMParameter  string
}

// Validate reports a TokenSource that names no source, both sources, or a
// JSON key without a secret.
func (src TokenSource) Validate() error {
	switch {
	case src.SecretID != "" && src.SSMParameter != "":
		return errors.New("the admin token can come from a Secrets Manager secret or an SSM parameter, not both")
	case src.SecretID == "" && src.SSMParameter == "":
		return errors.New("no Secrets Manager secret or SSM parameter named for the admin token")
	case src.SecretJSONKey != "" && src.SecretID == "":
		return errors.New("a secret JSON key needs a Secrets Manager secret ID")
	}
	return nil
}

// secretValueGetter is the part of the Secrets Manager client the token
// fetch uses.
type secretValueGetter interface {
	GetSecretValue(ctx context.Context, in *secretsmanager.GetSecretValueInput, optFns ...func(*secretsmanager.Options)) (*secretsmanager.GetSecretValueOutput, error)
}

// parameterGetter is the part of the SSM client the token fetch uses.
type parameterGetter interface {
	GetParameter(ctx context.Context, in *ssm.GetParameterInput, optFns ...func(*ssm.Options)) (*ssm.GetParameterOutput, error)
}

// FetchAdminToken reads the Kong admin token from src with the credentials
// of s. Errors name the secret or parameter and the cause but never contain
// the secret's value.
func FetchAdminToken(ctx context.Context, s Settings, src TokenSource) (string, error) {
	if err := src.Validate(); err != nil {
		return "", err
	}
	cfg, err := LoadConfig(ctx, s)
	if err != nil {
		return "", err
	}
	return fetchAdminToken(ctx, cfg, src)
}

func fetchAdminToken(ctx context.Context, cfg aws.Config, src TokenSource) (string, error) {
	if src.SecretID != "" {
		return tokenFromSecret(ctx, secretsmanager.NewFromConfig(cfg), src.SecretID, src.SecretJSONKey)
	}
	return tokenFromParameter(ctx, ssm.NewFromConfig(cfg), src.SSMParameter)
}

func tokenFromSecret(ctx context.Context, client secretValueGetter, secretID, jsonKey string) (string, error) {
	out, err := client.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(secretID)})
	var notFound *smtypes.ResourceNotFoundException
	switch {
	case errors.As(err, &notFound):
		return "", fmt.Errorf("secrets manager secret %q was not found (or has no current version)", secretID)
	case isAccessDenied(err):
		return "", fmt.Errorf("access to secrets manager secret %q was denied: the AWS identity needs secretsmanager:GetSecretValue on it (and kms:Decrypt if it uses a customer managed key): %w", secretID, err)
	case err != nil:
		return "", fmt.Errorf("reading secrets manager secret %q: %w", secretID, err)
	}
	if out.SecretString == nil {
		return "", fmt.Errorf("secrets manager secret %q holds binary data, not a string", secretID)
	}
	value := *out.SecretString
	if jsonKey != "" {
		if value, err = jsonStringField(value, jsonKey); err != nil {
			return "", fmt.Errorf("secrets manager secret %q: %w", secretID, err)
		}
	}
	return nonEmptyToken(value, fmt.Sprintf("secrets manager secret %q", secretID))
}

// jsonStringField returns the string at key in the JSON object doc. Its
// errors never quote doc, which is secret.
func jsonStringField(doc, key string) (string, error) {
	var fields map[string]json.RawMessage
	if json.Unmarshal([]byte(doc), &fields) != nil {
		return "", fmt.Errorf("value is not a JSON object, so JSON key %q cannot be read", key)
	}
	raw, ok := fields[key]
	if !ok {
		return "", fmt.Errorf("JSON key %q is missing", key)
	}
	var value string
	if json.Unmarshal(raw, &value) != nil {
		return "", fmt.Errorf("JSON key %q is not a string", key)
	}
	return value, nil
}

func tokenFromParameter(ctx context.Context, client parameterGetter, name string) (string, error) {
	out, err := client.GetParameter(ctx, &ssm.GetParameterInput{Name: aws.String(name), WithDecryption: aws.Bool(true)})
	var notFound *ssmtypes.ParameterNotFound
	switch {
	case errors.As(err, &notFound):
		return "", fmt.Errorf("SSM parameter %q was not found", name)
	case isAccessDenied(err):
		return "", fmt.Errorf("access to SSM parameter %q was denied: the AWS identity needs ssm:GetParameter on it and kms:Decrypt on its key: %w", name, err)
	case err != nil:
		return "", fmt.Errorf("reading SSM parameter %q: %w", name, err)
	}
	if out.Parameter == nil || out.Parameter.Value == nil {
		return "", fmt.Errorf("SSM parameter %q has no value", name)
	}
	if out.Parameter.Type != ssmtypes.ParameterTypeSecureString {
		return "", fmt.Errorf("SSM parameter %q is of type %s; store the admin token as a SecureString", name, out.Parameter.Type)
	}
	return nonEmptyToken(*out.Parameter.Value, fmt.Sprintf("SSM parameter %q", name))
}

// nonEmptyToken trims the whitespace that editors and `echo` leave around a
// stored token, and rejects a token that is empty after that.
func nonEmptyToken(value, source string) (string, error) {
	token := strings.TrimSpace(value)
	if token == "" {
		return "", fmt.Errorf("%s holds an empty admin token", source)
	}
	return token, nil
}
