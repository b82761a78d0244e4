package awsclient

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/kongform/terraform-provider-kong/internal/awsclient/awsfake"
)

// noBackoff makes retries immediate.
type noBackoff struct{}

func (noBackoff) BackoffDelay(int, error) (time.Duration, error) { return 0, nil }

// fakeConfig returns a config whose clients all call fake.
func fakeConfig(t *testing.T, fake *awsfake.Server, s Settings) aws.Config {
	t.Helper()
	s.BaseEndpoint = fake.URL
	cfg, err := loadConfig(context.Background(), s, noBackoff{})
	if err != nil {
		t.Fatalf("loadConfig: %v", err)
	}
	return cfg
}

func TestLoadConfigAssumesRole(t *testing.T) {
	awsfake.IsolateEnv(t)
	const role = "arn:aws:iam::111122223333:role/atlantis-plan"
	fake := awsfake.New(t, awsfake.State{AssumableRoles: []string{role}, Secrets: map[string]string{"kong/admin": "tok"}})

	cfg := fakeConfig(t, fake, Settings{AssumeRoleARN: role})
	if _, err := fetchAdminToken(context.Background(), cfg, TokenSource{SecretID: "kong/admin"}); err != nil {
		t.Fatalf("fetchAdminToken: %v", err)
	}

	assumes := fake.Calls("AssumeRole")
	if len(assumes) != 1 || assumes[0].AccessKeyID != awsfake.TestAccessKeyID || assumes[0].Params.Get("RoleSessionName") != assumeRoleSessionName {
		t.Fatalf("AssumeRole calls = %+v, want one signed by the base identity with session %q", assumes, assumeRoleSessionName)
	}
	if got := fake.Calls("GetSecretValue")[0].AccessKeyID; got != awsfake.AssumedAccessKeyID {
		t.Errorf("GetSecretValue signed with %q, want the assumed role's key %q", got, awsfake.AssumedAccessKeyID)
	}
}

func TestLoadConfigErrors(t *testing.T) {
	tests := []struct {
		name     string
		settings Settings
		env      map[string]string
		wantErr  string
	}{
		{
			name:     "role that cannot be assumed",
			settings: Settings{AssumeRoleARN: "arn:aws:iam::111122223333:role/other"},
			wantErr:  "assuming AWS role arn:aws:iam::111122223333:role/other",
		},
		{
			name:    "no region",
			env:     map[string]string{"AWS_REGION": ""},
			wantErr: "no AWS region configured",
		},
		{
			name:     "unknown profile",
			settings: Settings{Profile: "missing"},
			wantErr:  "missing",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			awsfake.IsolateEnv(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			fake := awsfake.New(t, awsfake.State{})
			tt.settings.BaseEndpoint = fake.URL
			_, err := LoadConfig(context.Background(), tt.settings)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("LoadConfig error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}
