package awsclient

import (
	"context"
	"strings"
	"testing"

	"github.com/kongform/terraform-provider-kong/internal/awsclient/awsfake"
)

const storedToken = "kong-admin-token-value"

func TestTokenSourceValidate(t *testing.T) {
	tests := []struct {
		name    string
		src     TokenSource
		wantErr string
	}{
		{name: "secret", src: TokenSource{SecretID: "s"}},
		{name: "secret with JSON key", src: TokenSource{SecretID: "s", SecretJSONKey: "k"}},
		{name: "parameter", src: TokenSource{SSMParameter: "p"}},
		{name: "none", src: TokenSource{}, wantErr: "no Secrets Manager secret or SSM parameter"},
		{name: "both", src: TokenSource{SecretID: "s", SSMParameter: "p"}, wantErr: "not both"},
		{name: "JSON key without secret", src: TokenSource{SSMParameter: "p", SecretJSONKey: "k"}, wantErr: "needs a Secrets Manager secret ID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.src.Validate()
			if tt.wantErr == "" && err != nil {
				t.Fatalf("Validate() = %v, want nil", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("Validate() = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestFetchAdminToken(t *testing.T) {
	tests := []struct {
		name string
		src  TokenSource
		// failures are injected as operation → error code, repeated times.
		failOp, failCode string
		failTimes        int
		// wantCalls is how many calls of failOp the SDK must make.
		wantCalls int
		want      string
		wantErr   string
	}{
		{name: "whole secret string", src: TokenSource{SecretID: "kong/plain"}, want: storedToken},
		{name: "secret JSON key", src: TokenSource{SecretID: "kong/json", SecretJSONKey: "admin_token"}, want: storedToken},
		{name: "secret by ARN", src: TokenSource{SecretID: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:kong/plain"}, want: storedToken},
		{name: "secret surrounded by whitespace", src: TokenSource{SecretID: "kong/newline"}, want: storedToken},
		{name: "SecureString parameter", src: TokenSource{SSMParameter: "/kong/admin-token"}, want: storedToken},
		{
			name: "secret throttled then served", src: TokenSource{SecretID: "kong/plain"},
			failOp: "GetSecretValue", failCode: "ThrottlingException", failTimes: 3, wantCalls: 4, want: storedToken,
		},
		{
			name: "parameter throttled then served", src: TokenSource{SSMParameter: "/kong/admin-token"},
			failOp: "GetParameter", failCode: "ThrottlingException", failTimes: 2, wantCalls: 3, want: storedToken,
		},
		{
			name: "throttled beyond the retry budget", src: TokenSource{SecretID: "kong/plain"},
			failOp: "GetSecretValue", failCode: "ThrottlingException", failTimes: retryMaxAttempts + 1, wantCalls: retryMaxAttempts,
			wantErr: `reading secrets manager secret "kong/plain"`,
		},
		{name: "missing secret", src: TokenSource{SecretID: "kong/nope"}, wantErr: `secrets manager secret "kong/nope" was not found`},
		{
			name: "secret access denied", src: TokenSource{SecretID: "kong/plain"},
			failOp: "GetSecretValue", failCode: "AccessDeniedException", failTimes: 1,
			wantErr: `access to secrets manager secret "kong/plain" was denied`,
		},
		{name: "binary secret", src: TokenSource{SecretID: "kong/binary"}, wantErr: `secret "kong/binary" holds binary data`},
		{name: "JSON key missing", src: TokenSource{SecretID: "kong/json", SecretJSONKey: "token"}, wantErr: `secret "kong/json": JSON key "token" is missing`},
		{name: "JSON key not a string", src: TokenSource{SecretID: "kong/json", SecretJSONKey: "port"}, wantErr: `JSON key "port" is not a string`},
		{name: "secret not JSON", src: TokenSource{SecretID: "kong/plain", SecretJSONKey: "admin_token"}, wantErr: `secret "kong/plain": value is not a JSON object`},
		{name: "empty secret", src: TokenSource{SecretID: "kong/blank"}, wantErr: `secret "kong/blank" holds an empty admin token`},
		{name: "missing parameter", src: TokenSource{SSMParameter: "/kong/nope"}, wantErr: `SSM parameter "/kong/nope" was not found`},
		{name: "plain String parameter", src: TokenSource{SSMParameter: "/kong/plain"}, wantErr: `SSM parameter "/kong/plain" is of type String; store the admin token as a SecureString`},
		{
			name: "parameter access denied", src: TokenSource{SSMParameter: "/kong/admin-token"},
			failOp: "GetParameter", failCode: "AccessDeniedException", failTimes: 1,
			wantErr: `access to SSM parameter "/kong/admin-token" was denied`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			awsfake.IsolateEnv(t)
			fake := awsfake.New(t, awsfake.State{
				Secrets: map[string]string{
					"kong/plain": storedToken,
					"arn:aws:secretsmanager:eu-west-1:111122223333:secret:kong/plain": storedToken,
					"kong/json":    `{"admin_token":"` + storedToken + `","port":8001}`,
					"kong/newline": " " + storedToken + "\n",
					"kong/blank":   " \n",
				},
				BinarySecrets: []string{"kong/binary"},
				Parameters: map[string]awsfake.Parameter{
					"/kong/admin-token": {Type: "SecureString", Value: storedToken},
					"/kong/plain":       {Type: "String", Value: storedToken},
				},
			})
			if tt.failTimes > 0 {
				fake.FailNext(tt.failOp, tt.failCode, tt.failTimes)
			}

			got, err := fetchAdminToken(context.Background(), fakeConfig(t, fake, Settings{}), tt.src)
			if tt.wantCalls > 0 {
				if calls := len(fake.Calls(tt.failOp)); calls != tt.wantCalls {
					t.Errorf("%s called %d times, want %d", tt.failOp, calls, tt.wantCalls)
				}
			}

			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), storedToken) {
					t.Fatalf("error %q leaks the stored token", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if got != storedToken {
				t.Fatalf("token = %q, want %q", got, storedToken)
			}
		})
	}
}

func TestFetchAdminTokenDecryptsParameter(t *testing.T) {
	awsfake.IsolateEnv(t)
	fake := awsfake.New(t, awsfake.State{Parameters: map[string]awsfake.Parameter{"/kong/admin-token": {Type: "SecureString", Value: storedToken}}})

	if _, err := FetchAdminToken(context.Background(), Settings{BaseEndpoint: fake.URL}, TokenSource{SSMParameter: "/kong/admin-token"}); err != nil {
		t.Fatalf("FetchAdminToken: %v", err)
	}
	if got := fake.Calls("GetParameter")[0].Params.Get("WithDecryption"); got != "true" {
		t.Fatalf("GetParameter WithDecryption = %q, want true", got)
	}
}

func TestFetchAdminTokenRejectsInvalidSourceBeforeCallingAWS(t *testing.T) {
	awsfake.IsolateEnv(t)
	fake := awsfake.New(t, awsfake.State{})

	_, err := FetchAdminToken(context.Background(), Settings{BaseEndpoint: fake.URL}, TokenSource{SecretID: "s", SSMParameter: "p"})
	if err == nil || !strings.Contains(err.Error(), "not both") {
		t.Fatalf("error = %v, want the invalid source reported", err)
	}
	if reqs := fake.Requests(); len(reqs) != 0 {
		t.Fatalf("AWS was called %d times, want none", len(reqs))
	}
}
