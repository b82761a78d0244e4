package awsclient

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// TestAsIdentityPolicy covers the one thing the check does to an endpoint
// policy before IAM evaluates it: the Principal becomes conditions on the
// caller, and everything else (conditions, policy variables) passes through.
func TestAsIdentityPolicy(t *testing.T) {
	const role = "arn:aws:iam::111122223333:role/kong-ec2"
	tests := []struct {
		name, policy string
		want         string // the rewritten Statement list
		wantErr      string
	}{
		{
			name:   "anyone: the principal goes, a policy variable stays for IAM",
			policy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"${aws:ResourceAccount}"}}}]}`,
			want:   `[{"Action":"lambda:InvokeFunction","Condition":{"StringEquals":{"aws:PrincipalAccount":"${aws:ResourceAccount}"}},"Effect":"Allow","Resource":"*"}]`,
		},
		{
			name:   "a single statement object, AWS star",
			policy: `{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*","Resource":"*"}}`,
			want:   `[{"Action":"*","Effect":"Allow","Resource":"*"}]`,
		},
		{
			name:   "a role",
			policy: `{"Statement":[{"Sid":"kong","Effect":"Allow","Principal":{"AWS":"` + role + `"},"Action":"*","Resource":"*"}]}`,
			want:   `[{"Action":"*","Condition":{"ArnEquals":{"aws:PrincipalArn":["` + role + `"]}},"Effect":"Allow","Resource":"*","Sid":"kong"}]`,
		},
		{
			name:   "roles and accounts split into one statement each, the existing condition kept",
			policy: `{"Statement":[{"Effect":"Allow","Principal":{"AWS":["` + role + `","444455556666","arn:aws:iam::777788889999:root"]},"Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1"}}}]}`,
			want: `[{"Action":"*","Condition":{"ArnEquals":{"aws:PrincipalArn":["` + role + `"]},"StringEquals":{"aws:SourceVpce":"vpce-1"}},"Effect":"Allow","Resource":"*"},` +
				`{"Action":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":["444455556666","777788889999"],"aws:SourceVpce":"vpce-1"}},"Effect":"Allow","Resource":"*"}]`,
		},
		{
			name:   "NotPrincipal: every principal but those",
			policy: `{"Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":["` + role + `","444455556666"]},"Action":"*","Resource":"*"}]}`,
			want:   `[{"Action":"*","Condition":{"ArnNotEquals":{"aws:PrincipalArn":["` + role + `"]},"StringNotEquals":{"aws:PrincipalAccount":["444455556666"]}},"Effect":"Deny","Resource":"*"}]`,
		},
		{
			name:   "service principals never concern Kong's role",
			policy: `{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"*","Resource":"*"}]}`,
			want:   `[{"Effect":"Deny","NotAction":"*","Resource":"*"}]`,
		},
		{
			name:    "no principal",
			policy:  `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`,
			wantErr: "statement #1: needs exactly one of Principal and NotPrincipal",
		},
		{
			name:    "a principal the rewrite would have to merge into the same condition",
			policy:  `{"Statement":[{"Sid":"s","Effect":"Allow","Principal":{"AWS":"` + role + `"},"Action":"*","Resource":"*","Condition":{"ArnEquals":{"aws:PrincipalArn":"x"}}}]}`,
			wantErr: "statement s: its principal and its condition both use ArnEquals on aws:PrincipalArn",
		},
		{name: "not JSON", policy: `{`, wantErr: "parsing policy"},
		{name: "no statements", policy: `{"Statement":"x"}`, wantErr: "Statement is neither"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := asIdentityPolicy(tt.policy)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var doc map[string]json.RawMessage
			if err := json.Unmarshal([]byte(got), &doc); err != nil {
				t.Fatal(err)
			}
			var gotStatements, wantStatements any
			_ = json.Unmarshal(doc["Statement"], &gotStatements)
			if err := json.Unmarshal([]byte(tt.want), &wantStatements); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(gotStatements, wantStatements) {
				t.Errorf("statements = %s\nwant         %s", doc["Statement"], tt.want)
			}
			if _, ok := doc["Principal"]; ok || strings.Contains(got, "Principal\":") {
				t.Errorf("a Principal element is left: %s", got)
			}
		})
	}
}
