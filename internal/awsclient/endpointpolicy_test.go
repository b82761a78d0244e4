package awsclient

import (
	"strings"
	"testing"
)

func TestWildcardMatch(t *testing.T) {
	tests := []struct {
		pattern, value string
		want           bool
	}{
		{"", "", true},
		{"*", "", true},
		{"*", "anything", true},
		{"lambda:*", "lambda:InvokeFunction", true},
		{"lambda:Invoke*", "lambda:InvokeFunction", true},
		{"lambda:Get*", "lambda:InvokeFunction", false},
		{"a?c", "abc", true},
		{"a?c", "ac", false},
		{"*c*e", "abcde", true},
		{"*c*e", "abcdf", false},
		{"a*b*c", "aXbYbZc", true},
		{"exact", "Exact", false},
	}
	for _, tt := range tests {
		if got := wildcardMatch(tt.pattern, tt.value); got != tt.want {
			t.Errorf("wildcardMatch(%q, %q) = %v, want %v", tt.pattern, tt.value, got, tt.want)
		}
	}
}

func TestARNMatch(t *testing.T) {
	const fn = "arn:aws:lambda:eu-west-1:111122223333:function:api1"
	tests := []struct {
		pattern, value string
		want           bool
	}{
		{"*", fn, true},
		{fn, fn, true},
		{fn + ":*", fn, false},
		{fn + ":*", fn + ":live", true},
		{fn + "*", fn + ":live", true},
		{fn + "*", fn, true},
		{fn, fn + ":live", false},
		{"arn:aws:lambda:*:111122223333:function:*", fn, true},
		{"arn:aws:lambda:*:444455556666:function:*", fn, false},
		{"arn:aws:lambda:eu-west-1:*", fn, false}, // too few components
		{"arn:aws:lambda:eu-west-1:111122223333:function:API1", fn, false},
	}
	for _, tt := range tests {
		if got := arnMatch(tt.pattern, tt.value); got != tt.want {
			t.Errorf("arnMatch(%q, %q) = %v, want %v", tt.pattern, tt.value, got, tt.want)
		}
	}
}

func TestEvaluateEndpointPolicy(t *testing.T) {
	const (
		role = "arn:aws:iam::111122223333:role/kong-ec2"
		fn   = "arn:aws:lambda:eu-west-1:111122223333:function:api1"
	)
	req := policyRequest{
		principalARN: role,
		action:       "lambda:InvokeFunction",
		resource:     fn + ":live",
		context: map[string]string{
			"aws:principalarn":     role,
			"aws:principalaccount": "111122223333",
			"aws:sourcevpce":       "vpce-1",
		},
	}
	tests := []struct {
		name       string
		policy     string
		want       policyDecision
		wantDetail string
		wantErr    string
	}{
		{name: "no policy is full access", policy: "", want: decisionAllow},
		{name: "default full access policy", policy: `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`, want: decisionAllow},
		{name: "single statement object", policy: `{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"lambda:*","Resource":"*"}}`, want: decisionAllow},
		{
			name:   "role and qualified ARNs listed",
			policy: `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"` + role + `"},"Action":"lambda:InvokeFunction","Resource":["` + fn + `","` + fn + `:*"]}]}`,
			want:   decisionAllow,
		},
		{
			name:       "only the unqualified ARN listed",
			policy:     `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"` + role + `"},"Action":"lambda:InvokeFunction","Resource":"` + fn + `"}]}`,
			want:       decisionImplicitDeny,
			wantDetail: "no statement allows it",
		},
		{
			name:   "action case-insensitive",
			policy: `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"Lambda:invokefunction","Resource":"*"}]}`,
			want:   decisionAllow,
		},
		{
			name:       "other action only",
			policy:     `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"lambda:GetFunction","Resource":"*"}]}`,
			want:       decisionImplicitDeny,
			wantDetail: "no statement allows it",
		},
		{
			name:   "account principal",
			policy: `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"*","Resource":"*"}]}`,
			want:   decisionAllow,
		},
		{
			name:   "account root principal",
			policy: `{"Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root"]},"Action":"*","Resource":"*"}]}`,
			want:   decisionAllow,
		},
		{
			name:       "other role",
			policy:     `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/other"},"Action":"*","Resource":"*"}]}`,
			want:       decisionImplicitDeny,
			wantDetail: "no statement allows it",
		},
		{
			name:       "service principal",
			policy:     `{"Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"*","Resource":"*"}]}`,
			want:       decisionImplicitDeny,
			wantDetail: "no statement allows it",
		},
		{
			name: "explicit deny wins",
			policy: `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},
				{"Sid":"NoApi1","Effect":"Deny","Principal":"*","Action":"lambda:*","Resource":"` + fn + `*"}]}`,
			want:       decisionExplicitDeny,
			wantDetail: "statement NoApi1 denies it",
		},
		{
			name: "deny for other principals via NotPrincipal",
			policy: `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},
				{"Effect":"Deny","NotPrincipal":{"AWS":"` + role + `"},"Action":"*","Resource":"*"}]}`,
			want: decisionAllow,
		},
		{
			name:   "NotAction and NotResource",
			policy: `{"Statement":[{"Effect":"Allow","Principal":"*","NotAction":"lambda:Delete*","NotResource":"arn:aws:lambda:*:*:function:admin*"}]}`,
			want:   decisionAllow,
		},
		{
			name:   "condition on the endpoint holds",
			policy: `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":["vpce-0","vpce-1"]}}}]}`,
			want:   decisionAllow,
		},
		{
			name:       "condition on the endpoint fails",
			policy:     `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:sourcevpce":"vpce-9"}}}]}`,
			want:       decisionImplicitDeny,
			wantDetail: "no statement allows it",
		},
		{
			name:   "negated ARN condition with IfExists",
			policy: `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"ArnNotLikeIfExists":{"aws:PrincipalArn":"arn:aws:iam::*:role/blocked-*"}}}]}`,
			want:   decisionAllow,
		},
		{
			name:       "condition on an unknown key",
			policy:     `{"Statement":[{"Sid":"Org","Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}]}`,
			want:       decisionUndetermined,
			wantDetail: "allowed only by statement Org (condition key aws:PrincipalOrgID)",
		},
		{
			name: "false condition outweighs an undecidable one",
			policy: `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*",
				"Condition":{"StringEquals":{"aws:SourceVpce":"vpce-9"},"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}}]}`,
			want:       decisionImplicitDeny,
			wantDetail: "no statement allows it",
		},
		{
			name: "undecidable deny beats allow",
			policy: `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},
				{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}`,
			want:       decisionUndetermined,
			wantDetail: "may be denied by statement #2 (condition operator IpAddress)",
		},
		{name: "not JSON", policy: `{`, wantErr: "parsing policy"},
		{name: "bad effect", policy: `{"Statement":[{"Effect":"allow","Principal":"*","Action":"*","Resource":"*"}]}`, wantErr: `statement #1: effect "allow"`},
		{name: "no principal", policy: `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`, wantErr: "exactly one of Principal and NotPrincipal"},
		{name: "action and not action", policy: `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","NotAction":"x","Resource":"*"}]}`, wantErr: "exactly one of Action and NotAction"},
		{name: "bad principal string", policy: `{"Statement":[{"Effect":"Allow","Principal":"me","Action":"*","Resource":"*"}]}`, wantErr: `principal "me"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := evaluateEndpointPolicy(tt.policy, req)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if got.decision != tt.want || !strings.Contains(got.detail, tt.wantDetail) {
				t.Fatalf("evaluation = %+v, want decision %v with detail containing %q", got, tt.want, tt.wantDetail)
			}
		})
	}
}
