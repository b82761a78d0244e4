package awsclient

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// The endpoint policy is evaluated here rather than with
// iam:SimulateCustomPolicy: that API only simulates an IAM user as the caller
// of a resource policy, while the caller of Lambda here is Kong's role.
//
// The evaluator covers what endpoint policies use: Allow/Deny statements with
// Principal/NotPrincipal, Action/NotAction and Resource/NotResource with
// wildcards, and the String*/Arn* condition operators over the keys the
// check knows about the call. A statement with any other condition makes the
// result undetermined instead of guessing.

// policyRequest is the call whose authorization is evaluated.
type policyRequest struct {
	principalARN string // the IAM role, as IAM policies name it
	action       string
	resource     string
	// context holds the condition keys known for the call, lower-cased.
	context map[string]string
}

type policyDecision int

const (
	decisionImplicitDeny policyDecision = iota
	decisionAllow
	decisionExplicitDeny
	decisionUndetermined
)

// policyEvaluation is a decision with the statements that led to it.
type policyEvaluation struct {
	decision policyDecision
	// detail explains a decision other than decisionAllow.
	detail string
}

type policyDocument struct {
	Statement statementList
}

type policyStatement struct {
	Sid          string
	Effect       string
	Principal    *principalSet
	NotPrincipal *principalSet
	Action       *stringList
	NotAction    *stringList
	Resource     *stringList
	NotResource  *stringList
	Condition    map[string]map[string]stringList
}

// statementList accepts a single statement object or an array of them.
type statementList []policyStatement

func (l *statementList) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '{' {
		var single policyStatement
		if err := json.Unmarshal(b, &single); err != nil {
			return err
		}
		*l = statementList{single}
		return nil
	}
	return json.Unmarshal(b, (*[]policyStatement)(l))
}

// stringList accepts a string, a number or bool, or an array of them, as
// policy grammar allows.
type stringList []string

func (l *stringList) UnmarshalJSON(b []byte) error {
	var many []any
	if err := json.Unmarshal(b, &many); err != nil {
		var one any
		if err := json.Unmarshal(b, &one); err != nil {
			return err
		}
		many = []any{one}
	}
	*l = make(stringList, 0, len(many))
	for _, v := range many {
		switch v := v.(type) {
		case string:
			*l = append(*l, v)
		case float64, bool:
			*l = append(*l, fmt.Sprint(v))
		default:
			return fmt.Errorf("unexpected policy value %v", v)
		}
	}
	return nil
}

// principalSet is "*" or {"AWS": [...], "Service": [...], ...}.
type principalSet struct {
	anyone bool
	aws    stringList
}

func (p *principalSet) UnmarshalJSON(b []byte) error {
	var star string
	if json.Unmarshal(b, &star) == nil {
		if star != "*" {
			return fmt.Errorf("principal %q must be \"*\" or an object", star)
		}
		p.anyone = true
		return nil
	}
	var byType map[string]stringList
	if err := json.Unmarshal(b, &byType); err != nil {
		return err
	}
	p.aws = byType["AWS"]
	return nil
}

// matches reports whether the set names the role: "*", the role's ARN, or
// its account (as an ID or a root ARN), which delegates to the account.
func (p *principalSet) matches(roleARN string) bool {
	if p.anyone {
		return true
	}
	account := arnAccount(roleARN)
	for _, name := range p.aws {
		if name == "*" || name == roleARN || name == account || (arnAccount(name) == account && strings.HasSuffix(name, ":root")) {
			return true
		}
	}
	return false
}

// arnAccount returns the account field of an ARN ("" if s is no ARN).
func arnAccount(s string) string {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return ""
	}
	return parts[4]
}

// evaluateEndpointPolicy decides req under the policy doc. An empty document
// is the default endpoint policy, which allows everything.
func evaluateEndpointPolicy(doc string, req policyRequest) (policyEvaluation, error) {
	if strings.TrimSpace(doc) == "" {
		return policyEvaluation{decision: decisionAllow}, nil
	}
	var policy policyDocument
	if err := json.Unmarshal([]byte(doc), &policy); err != nil {
		return policyEvaluation{}, fmt.Errorf("parsing policy: %w", err)
	}
	var allowed bool
	var undeterminedAllow, undeterminedDeny []string
	for i, st := range policy.Statement {
		name := st.Sid
		if name == "" {
			name = fmt.Sprintf("#%d", i+1)
		}
		applies, err := st.appliesTo(req)
		if err != nil {
			return policyEvaluation{}, fmt.Errorf("statement %s: %w", name, err)
		}
		if !applies {
			continue
		}
		holds, unsupported := conditionsHold(st.Condition, req.context)
		switch {
		case unsupported != "" && st.Effect == "Deny":
			undeterminedDeny = append(undeterminedDeny, fmt.Sprintf("statement %s (%s)", name, unsupported))
		case unsupported != "":
			undeterminedAllow = append(undeterminedAllow, fmt.Sprintf("statement %s (%s)", name, unsupported))
		case !holds:
		case st.Effect == "Deny":
			return policyEvaluation{decision: decisionExplicitDeny, detail: fmt.Sprintf("statement %s denies it", name)}, nil
		default:
			allowed = true
		}
	}
	switch {
	case len(undeterminedDeny) > 0:
		return policyEvaluation{decisionUndetermined, "it may be denied by " + strings.Join(undeterminedDeny, ", ") + ", whose condition the check cannot evaluate"}, nil
	case allowed:
		return policyEvaluation{decision: decisionAllow}, nil
	case len(undeterminedAllow) > 0:
		return policyEvaluation{decisionUndetermined, "it is allowed only by " + strings.Join(undeterminedAllow, ", ") + ", whose condition the check cannot evaluate"}, nil
	}
	return policyEvaluation{decisionImplicitDeny, "no statement allows it"}, nil
}

// appliesTo reports whether the statement's principal, action and resource
// cover req (conditions aside).
func (st policyStatement) appliesTo(req policyRequest) (bool, error) {
	if st.Effect != "Allow" && st.Effect != "Deny" {
		return false, fmt.Errorf("effect %q is neither Allow nor Deny", st.Effect)
	}
	principal, err := elementMatch("Principal", st.Principal, st.NotPrincipal, func(p *principalSet) bool {
		return p.matches(req.principalARN)
	})
	if err != nil {
		return false, err
	}
	action, err := elementMatch("Action", st.Action, st.NotAction, func(patterns *stringList) bool {
		return anyMatch(*patterns, func(p string) bool { return wildcardMatch(strings.ToLower(p), strings.ToLower(req.action)) })
	})
	if err != nil {
		return false, err
	}
	resource, err := elementMatch("Resource", st.Resource, st.NotResource, func(patterns *stringList) bool {
		return anyMatch(*patterns, func(p string) bool { return arnMatch(p, req.resource) })
	})
	if err != nil {
		return false, err
	}
	return principal && action && resource, nil
}

// elementMatch evaluates a policy element that has a positive and a Not
// form (Principal/NotPrincipal, ...), exactly one of which must be present.
func elementMatch[T any](element string, positive, negated *T, matches func(*T) bool) (bool, error) {
	switch {
	case (positive == nil) == (negated == nil):
		return false, fmt.Errorf("needs exactly one of %s and Not%s", element, element)
	case negated != nil:
		return !matches(negated), nil
	}
	return matches(positive), nil
}

func anyMatch(values []string, match func(string) bool) bool {
	for _, v := range values {
		if match(v) {
			return true
		}
	}
	return false
}

// conditionOperators are the supported operators, without an IfExists
// suffix: each says whether one policy value matches the request value and
// whether the operator is negated (true when no value matches).
var conditionOperators = map[string]struct {
	match   func(pattern, value string) bool
	negated bool
}{
	"stringequals":              {func(p, v string) bool { return p == v }, false},
	"stringnotequals":           {func(p, v string) bool { return p == v }, true},
	"stringequalsignorecase":    {strings.EqualFold, false},
	"stringnotequalsignorecase": {strings.EqualFold, true},
	"stringlike":                {wildcardMatch, false},
	"stringnotlike":             {wildcardMatch, true},
	"arnequals":                 {arnMatch, false},
	"arnlike":                   {arnMatch, false},
	"arnnotequals":              {arnMatch, true},
	"arnnotlike":                {arnMatch, true},
}

// conditionsHold evaluates a Condition block: all operators and keys must
// hold. When none is false but some cannot be decided (an unknown operator,
// or a key the check has no value for), unsupported lists them.
func conditionsHold(conditions map[string]map[string]stringList, context map[string]string) (holds bool, unsupported string) {
	holds = true
	var undecided []string
	for operator, keys := range conditions {
		// Every key the check knows is present in Kong's call, so IfExists
		// changes nothing for them; unknown keys are undecided either way.
		op, ok := conditionOperators[strings.TrimSuffix(strings.ToLower(operator), "ifexists")]
		if !ok {
			undecided = append(undecided, "condition operator "+operator)
			continue
		}
		for key, patterns := range keys {
			value, known := context[strings.ToLower(key)]
			switch {
			case !known:
				undecided = append(undecided, "condition key "+key)
			case anyMatch(patterns, func(p string) bool { return op.match(p, value) }) == op.negated:
				holds = false
			}
		}
	}
	if !holds || len(undecided) == 0 {
		return holds, ""
	}
	slices.Sort(undecided)
	return false, strings.Join(undecided, ", ")
}

// arnMatch matches an ARN against an ARN pattern component by component, as
// IAM does, so that "*" in the region does not swallow the account. The
// last component (the resource) may contain colons, which "*" crosses:
// "function:f*" covers "function:f:live".
func arnMatch(pattern, value string) bool {
	if pattern == "*" {
		return true
	}
	p := strings.SplitN(pattern, ":", 6)
	v := strings.SplitN(value, ":", 6)
	if len(p) != 6 || len(v) != 6 {
		return false
	}
	for i := range p {
		if !wildcardMatch(p[i], v[i]) {
			return false
		}
	}
	return true
}

// wildcardMatch matches value against pattern, where "*" stands for any run
// of characters and "?" for exactly one.
func wildcardMatch(pattern, value string) bool {
	p, v := 0, 0
	star, resume := -1, 0
	for v < len(value) {
		switch {
		case p < len(pattern) && (pattern[p] == '?' || pattern[p] == value[v]):
			p++
			v++
		case p < len(pattern) && pattern[p] == '*':
			star, resume = p, v
			p++
		case star >= 0:
			resume++
			p, v = star+1, resume
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
