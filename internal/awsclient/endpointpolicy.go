package awsclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// IAM decides whether the endpoint policy allows Kong's call: the policy is
// simulated with iam:SimulateCustomPolicy, so conditions, operators, policy
// variables ("${aws:ResourceAccount}") and wildcards are evaluated by AWS, not
// re-implemented here.
//
// The simulator cannot take the endpoint policy as a resource policy
// (ResourcePolicy): it then needs a CallerArn, and only an IAM user may be
// the caller, while Kong calls as a role. So the policy goes in as an
// identity policy, which has no Principal element; each statement's
// Principal becomes the condition on aws:PrincipalArn or aws:PrincipalAccount
// that it means. That rewrite is all this file does with the policy.

// callContext is what the check knows about Kong's call through the
// endpoint: the condition keys IAM needs to evaluate policies written for it.
func callContext(roleARN, vpcID, endpointID, functionARN, region string) []iamtypes.ContextEntry {
	entries := []iamtypes.ContextEntry{
		contextEntry("aws:PrincipalArn", roleARN),
		contextEntry("aws:PrincipalAccount", arnAccount(roleARN)),
		contextEntry("aws:PrincipalType", "AssumedRole"),
		contextEntry("aws:ResourceAccount", arnAccount(functionARN)),
		contextEntry("aws:RequestedRegion", region),
	}
	if endpointID != "" {
		entries = append(entries, contextEntry("aws:SourceVpce", endpointID), contextEntry("aws:SourceVpc", vpcID))
	}
	return entries
}

func contextEntry(key, value string) iamtypes.ContextEntry {
	return iamtypes.ContextEntry{ContextKeyName: aws.String(key), ContextKeyType: iamtypes.ContextKeyTypeEnumString, ContextKeyValues: []string{value}}
}

// simulateEndpointPolicy asks IAM whether the endpoint policy doc allows the
// call. An empty document is the default endpoint policy, which allows all.
func (c invokeChecker) simulateEndpointPolicy(ctx context.Context, doc string, context []iamtypes.ContextEntry, functionARN string) (*iamtypes.EvaluationResult, error) {
	if strings.TrimSpace(doc) == "" {
		return &iamtypes.EvaluationResult{EvalDecision: iamtypes.PolicyEvaluationDecisionTypeAllowed}, nil
	}
	identityPolicy, err := asIdentityPolicy(doc)
	if err != nil {
		return nil, err
	}
	out, err := c.iam.SimulateCustomPolicy(ctx, &iam.SimulateCustomPolicyInput{
		PolicyInputList: []string{identityPolicy},
		ActionNames:     []string{invokeAction},
		ResourceArns:    []string{functionARN},
		ContextEntries:  context,
	})
	if err != nil {
		return nil, fmt.Errorf("IAM could not simulate it%s: %w", permissionHint(err, "iam:SimulateCustomPolicy"), err)
	}
	if len(out.EvaluationResults) != 1 {
		return nil, fmt.Errorf("IAM returned %d evaluation results for one action and resource", len(out.EvaluationResults))
	}
	return &out.EvaluationResults[0], nil
}

// accountID is a bare account ID, which a Principal may use for the account.
var accountID = regexp.MustCompile(`^\d{12}$`)

// asIdentityPolicy rewrites an endpoint policy for the simulator: a
// statement's Principal (or NotPrincipal) becomes conditions on the calling
// principal, and a statement whose principals are all services or federated
// identities, which Kong's role never is, is dropped. Every other element is
// passed on untouched for IAM to evaluate.
func asIdentityPolicy(doc string) (string, error) {
	var policy map[string]json.RawMessage
	if err := json.Unmarshal([]byte(doc), &policy); err != nil {
		return "", fmt.Errorf("parsing policy: %w", err)
	}
	var statements []map[string]any
	raw := policy["Statement"]
	if err := json.Unmarshal(raw, &statements); err != nil {
		var single map[string]any
		if err := json.Unmarshal(raw, &single); err != nil {
			return "", fmt.Errorf("parsing policy: Statement is neither a statement nor a list of them")
		}
		statements = []map[string]any{single}
	}
	var out []map[string]any
	for i, st := range statements {
		rewritten, err := principalAsCondition(st)
		if err != nil {
			return "", fmt.Errorf("statement %s: %w", statementName(st, i), err)
		}
		out = append(out, rewritten...)
	}
	if len(out) == 0 {
		// No statement can concern Kong's role: nothing allows the call.
		out = []map[string]any{{"Effect": "Deny", "NotAction": "*", "Resource": "*"}}
	}
	policy["Statement"], _ = json.Marshal(out)
	b, err := json.Marshal(policy)
	return string(b), err
}

func statementName(st map[string]any, i int) string {
	if sid, ok := st["Sid"].(string); ok && sid != "" {
		return sid
	}
	return fmt.Sprintf("#%d", i+1)
}

// principalAsCondition returns the statement, or the statements, that apply
// to exactly the principals the statement names.
func principalAsCondition(st map[string]any) ([]map[string]any, error) {
	principal, positive := st["Principal"]
	notPrincipal, negative := st["NotPrincipal"]
	if positive == negative {
		return nil, errors.New("needs exactly one of Principal and NotPrincipal")
	}
	delete(st, "Principal")
	delete(st, "NotPrincipal")
	arns, accounts, anyone, err := awsPrincipals(principal)
	if negative {
		arns, accounts, anyone, err = awsPrincipals(notPrincipal)
	}
	switch {
	case err != nil:
		return nil, err
	case negative && anyone:
		return nil, nil // applies to no one
	case negative:
		// Applies to every principal that is none of the listed ones.
		st, err := withConditions(st, condition{"ArnNotEquals", "aws:PrincipalArn", arns}, condition{"StringNotEquals", "aws:PrincipalAccount", accounts})
		return []map[string]any{st}, err
	case anyone:
		return []map[string]any{st}, nil
	}
	// Conditions AND, so a list naming roles and accounts becomes one
	// statement for the roles and one for the accounts.
	var out []map[string]any
	for _, c := range []condition{{"ArnEquals", "aws:PrincipalArn", arns}, {"StringEquals", "aws:PrincipalAccount", accounts}} {
		if len(c.values) == 0 {
			continue
		}
		rewritten, err := withConditions(st, c)
		if err != nil {
			return nil, err
		}
		out = append(out, rewritten)
	}
	return out, nil
}

// awsPrincipals reads a Principal element: "*", or {"AWS": …} with ARNs,
// account IDs or account root ARNs (which stand for the whole account).
func awsPrincipals(element any) (arns, accounts []string, anyone bool, err error) {
	if element == "*" {
		return nil, nil, true, nil
	}
	byType, ok := element.(map[string]any)
	if !ok {
		return nil, nil, false, fmt.Errorf("principal %v must be \"*\" or an object", element)
	}
	var names []any
	switch v := byType["AWS"].(type) {
	case nil:
	case []any:
		names = v
	default:
		names = []any{v}
	}
	for _, n := range names {
		name, _ := n.(string)
		switch {
		case name == "*":
			anyone = true
		case accountID.MatchString(name):
			accounts = append(accounts, name)
		case strings.HasSuffix(name, ":root") && arnAccount(name) != "":
			accounts = append(accounts, arnAccount(name))
		case arnAccount(name) != "":
			arns = append(arns, name)
		default:
			return nil, nil, false, fmt.Errorf("principal %q is neither an ARN nor an account ID", name)
		}
	}
	return arns, accounts, anyone, nil
}

// condition is one operator on one key of a Condition block.
type condition struct {
	operator, key string
	values        []string
}

// withConditions copies st with the conditions (those with values) added to
// its own, which must not already use the same operator on the same key.
func withConditions(st map[string]any, add ...condition) (map[string]any, error) {
	copied := make(map[string]any, len(st))
	for k, v := range st {
		copied[k] = v
	}
	conditions := map[string]any{}
	if existing, ok := st["Condition"].(map[string]any); ok {
		for op, keys := range existing {
			conditions[op] = keys
		}
	}
	for _, c := range add {
		if len(c.values) == 0 {
			continue
		}
		keys := map[string]any{}
		if existing, ok := conditions[c.operator].(map[string]any); ok {
			for k, v := range existing {
				if strings.EqualFold(k, c.key) {
					return nil, fmt.Errorf("its principal and its condition both use %s on %s, which the check cannot combine", c.operator, c.key)
				}
				keys[k] = v
			}
		}
		keys[c.key] = c.values
		conditions[c.operator] = keys
	}
	if len(conditions) > 0 {
		copied["Condition"] = conditions
	}
	return copied, nil
}

// arnAccount returns the account field of an ARN ("" if s is no ARN).
func arnAccount(s string) string {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return ""
	}
	return parts[4]
}

// endpointDenialReason explains a simulation of the endpoint policy that did
// not allow the call; undetermined is true when IAM lacked a context value.
func endpointDenialReason(result iamtypes.EvaluationResult) (reason string, undetermined bool) {
	if result.EvalDecision == iamtypes.PolicyEvaluationDecisionTypeExplicitDeny {
		return "a statement denies it", false
	}
	if len(result.MissingContextValues) > 0 {
		return "it depends on context keys the check cannot supply: " + strings.Join(result.MissingContextValues, ", "), true
	}
	return "no statement allows it", false
}
