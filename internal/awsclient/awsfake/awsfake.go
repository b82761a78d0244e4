// Package awsfake is a fake of the AWS APIs kongform calls (STS AssumeRole,
// Secrets Manager GetSecretValue, SSM GetParameter, Lambda
// GetFunctionConfiguration, IAM SimulatePrincipalPolicy and
// SimulateCustomPolicy, and EC2
// DescribeVpcEndpoints), served by httptest on 127.0.0.1 and speaking each
// service's wire protocol, so tests run real aws-sdk-go-v2 clients against it
// through a base endpoint.
package awsfake

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// Decisions IAM SimulatePrincipalPolicy returns.
const (
	Allowed      = "allowed"
	ImplicitDeny = "implicitDeny"
	ExplicitDeny = "explicitDeny"
)

// Parameter is an SSM parameter.
type Parameter struct {
	Type  string // String, StringList or SecureString
	Value string
}

// Function is a Lambda function, version or alias.
type Function struct {
	State       string // Active, Pending, Inactive or Failed
	StateReason string
}

// Endpoint is a VPC endpoint.
type Endpoint struct {
	ID          string
	VPCID       string
	ServiceName string
	Type        string // Interface, Gateway, ...
	State       string // as EC2 sends it, e.g. "available"
	PrivateDNS  bool
	Policy      string
	// Decisions is what SimulateCustomPolicy answers for this endpoint's
	// policy (the call's aws:SourceVpce names the endpoint), per function
	// ARN; Allowed when absent. The fake does not evaluate Policy: IAM does.
	Decisions map[string]string
	// MissingContextValues come with every decision other than Allowed.
	MissingContextValues []string
}

// Request is one API call the fake received.
type Request struct {
	Operation string
	// AccessKeyID is the key that signed the request.
	AccessKeyID string
	// Params holds the query parameters (query protocols), the top-level
	// string and bool fields (JSON protocols) or the URL query (Lambda).
	Params url.Values
}

// State is what the fake account holds.
type State struct {
	// AssumableRoles are the role ARNs AssumeRole succeeds for.
	AssumableRoles []string
	// Secrets maps secret IDs to their SecretString.
	Secrets map[string]string
	// BinarySecrets are secret IDs that hold SecretBinary only.
	BinarySecrets []string
	// Parameters maps SSM parameter names to parameters.
	Parameters map[string]Parameter
	// Functions maps Lambda ARNs, qualified ("…:function:f:live") or not,
	// to functions.
	Functions map[string]Function
	// Simulations maps an IAM role ARN to the decision for each resource ARN
	// (ImplicitDeny when absent). An unknown role gets NoSuchEntity.
	Simulations map[string]map[string]string
	// Endpoints are the account's VPC endpoints.
	Endpoints []Endpoint
}

// Server is the fake.
type Server struct {
	URL string

	// mu guards everything below and is held while a request is served, so
	// that Change never overlaps a request.
	mu       sync.Mutex
	state    State
	failures map[string][]string
	requests []Request
}

// New starts a fake holding initial, bound to 127.0.0.1, and closes it when
// tb ends.
func New(tb testing.TB, initial State) *Server {
	tb.Helper()
	s := &Server{state: initial, failures: map[string][]string{}}
	srv := httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	tb.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

// Change edits the account between calls of the code under test.
func (s *Server) Change(change func(*State)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	change(&s.state)
}

// FailNext makes the next `times` calls of operation fail with the AWS
// error code code (e.g. "ThrottlingException", "AccessDeniedException").
func (s *Server) FailNext(operation, code string, times int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range times {
		s.failures[operation] = append(s.failures[operation], code)
	}
}

// Requests returns the calls received so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Calls returns the requests of one operation.
func (s *Server) Calls(operation string) []Request {
	var calls []Request
	for _, r := range s.Requests() {
		if r.Operation == operation {
			calls = append(calls, r)
		}
	}
	return calls
}

// apiError is an AWS error response, rendered per protocol.
type apiError struct {
	status  int
	code    string
	message string
}

var credentialPattern = regexp.MustCompile(`Credential=([^/]+)/`)

// lambdaConfigurationPath matches GetFunctionConfiguration.
var lambdaConfigurationPath = regexp.MustCompile(`^/2015-03-31/functions/([^/]+)/configuration$`)

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	req := Request{Params: url.Values{}}
	if m := credentialPattern.FindStringSubmatch(r.Header.Get("Authorization")); m != nil {
		req.AccessKeyID = m[1]
	}
	var handle func(Request) (any, *apiError)
	var write func(http.ResponseWriter, string, any, *apiError)
	switch target := r.Header.Get("X-Amz-Target"); {
	case target != "":
		req.Operation = target[strings.LastIndex(target, ".")+1:]
		req.Params = jsonParams(body)
		write = writeJSON
		handle = map[string]func(Request) (any, *apiError){
			"GetSecretValue": s.getSecretValue,
			"GetParameter":   s.getParameter,
		}[req.Operation]
	case lambdaConfigurationPath.MatchString(r.URL.Path):
		req.Operation = "GetFunctionConfiguration"
		req.Params = r.URL.Query()
		req.Params.Set("FunctionName", lambdaConfigurationPath.FindStringSubmatch(r.URL.Path)[1])
		write = writeRESTJSON
		handle = s.getFunctionConfiguration
	default:
		form, err := url.ParseQuery(string(body))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		req.Operation = form.Get("Action")
		req.Params = form
		write = writeQuery
		handle = map[string]func(Request) (any, *apiError){
			"AssumeRole":              s.assumeRole,
			"SimulatePrincipalPolicy": s.simulatePrincipalPolicy,
			"SimulateCustomPolicy":    s.simulateCustomPolicy,
			"DescribeVpcEndpoints":    s.describeVpcEndpoints,
		}[req.Operation]
		if req.Operation == "DescribeVpcEndpoints" {
			write = writeEC2
		}
	}
	if handle == nil {
		http.Error(w, "awsfake: unsupported request "+r.Method+" "+r.URL.String(), http.StatusNotImplemented)
		return
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, req)
	if queue := s.failures[req.Operation]; len(queue) > 0 {
		s.failures[req.Operation] = queue[1:]
		write(w, req.Operation, nil, errorFor(queue[0], "injected failure"))
		return
	}
	out, apiErr := handle(req)
	write(w, req.Operation, out, apiErr)
}

// errorFor gives code the HTTP status AWS uses for it.
func errorFor(code, message string) *apiError {
	status := http.StatusBadRequest
	switch {
	case strings.HasPrefix(code, "AccessDenied"), code == "UnauthorizedOperation":
		status = http.StatusForbidden
	case code == "TooManyRequestsException":
		status = http.StatusTooManyRequests
	case code == "ResourceNotFoundException", code == "NoSuchEntity":
		status = http.StatusNotFound
	}
	return &apiError{status: status, code: code, message: message}
}

func jsonParams(body []byte) url.Values {
	params := url.Values{}
	var fields map[string]any
	if json.Unmarshal(body, &fields) != nil {
		return params
	}
	for k, v := range fields {
		switch v := v.(type) {
		case string:
			params.Set(k, v)
		case bool:
			params.Set(k, fmt.Sprint(v))
		}
	}
	return params
}

func (s *Server) getSecretValue(req Request) (any, *apiError) {
	id := req.Params.Get("SecretId")
	for _, binary := range s.state.BinarySecrets {
		if binary == id {
			return map[string]any{"Name": id, "SecretBinary": "AAEC"}, nil
		}
	}
	value, ok := s.state.Secrets[id]
	if !ok {
		return nil, errorFor("ResourceNotFoundException", "Secrets Manager can't find the specified secret.")
	}
	return map[string]any{"Name": id, "SecretString": value, "VersionId": "v1"}, nil
}

func (s *Server) getParameter(req Request) (any, *apiError) {
	name := req.Params.Get("Name")
	p, ok := s.state.Parameters[name]
	if !ok {
		return nil, errorFor("ParameterNotFound", "")
	}
	return map[string]any{"Parameter": map[string]any{"Name": name, "Type": p.Type, "Value": p.Value, "Version": 1}}, nil
}

func (s *Server) getFunctionConfiguration(req Request) (any, *apiError) {
	arn := req.Params.Get("FunctionName")
	if q := req.Params.Get("Qualifier"); q != "" {
		arn += ":" + q
	}
	fn, ok := s.state.Functions[arn]
	if !ok {
		return nil, errorFor("ResourceNotFoundException", "Function not found: "+arn)
	}
	return map[string]any{"FunctionArn": arn, "State": fn.State, "StateReason": fn.StateReason}, nil
}

type xmlCredentials struct {
	AccessKeyID     string `xml:"AccessKeyId"`
	SecretAccessKey string
	SessionToken    string
	Expiration      string
}

type assumeRoleResult struct {
	XMLName     xml.Name `xml:"AssumeRoleResult"`
	Credentials xmlCredentials
}

// AssumedAccessKeyID is the access key of the credentials AssumeRole hands
// out, so tests can see which calls were made under the assumed role.
const AssumedAccessKeyID = "ASIAFAKEASSUMEDROLE"

func (s *Server) assumeRole(req Request) (any, *apiError) {
	arn := req.Params.Get("RoleArn")
	for _, assumable := range s.state.AssumableRoles {
		if assumable == arn {
			return assumeRoleResult{Credentials: xmlCredentials{
				AccessKeyID:     AssumedAccessKeyID,
				SecretAccessKey: "fake-secret",
				SessionToken:    "fake-session",
				Expiration:      "2099-01-01T00:00:00Z",
			}}, nil
		}
	}
	return nil, errorFor("AccessDenied", "not authorized to perform: sts:AssumeRole on resource: "+arn)
}

type evaluationResult struct {
	EvalActionName       string
	EvalResourceName     string
	EvalDecision         string
	MissingContextValues []string `xml:"MissingContextValues>member,omitempty"`
}

type simulateResult struct {
	XMLName           xml.Name           `xml:"SimulatePrincipalPolicyResult"`
	EvaluationResults []evaluationResult `xml:"EvaluationResults>member"`
	IsTruncated       bool
}

func (s *Server) simulatePrincipalPolicy(req Request) (any, *apiError) {
	decisions, ok := s.state.Simulations[req.Params.Get("PolicySourceArn")]
	if !ok {
		return nil, errorFor("NoSuchEntity", "The role with name cannot be found.")
	}
	var result simulateResult
	for _, action := range members(req.Params, "ActionNames") {
		for _, resource := range members(req.Params, "ResourceArns") {
			decision := decisions[resource]
			if decision == "" {
				decision = ImplicitDeny
			}
			result.EvaluationResults = append(result.EvaluationResults, evaluationResult{EvalActionName: action, EvalResourceName: resource, EvalDecision: decision})
		}
	}
	return result, nil
}

type simulateCustomResult struct {
	XMLName           xml.Name           `xml:"SimulateCustomPolicyResult"`
	EvaluationResults []evaluationResult `xml:"EvaluationResults>member"`
	IsTruncated       bool
}

// simulateCustomPolicy answers with the Decisions of the endpoint named by
// the aws:SourceVpce context entry.
func (s *Server) simulateCustomPolicy(req Request) (any, *apiError) {
	if len(members(req.Params, "PolicyInputList")) == 0 {
		return nil, errorFor("InvalidInput", "PolicyInputList is required")
	}
	var endpoint Endpoint
	for i := 1; req.Params.Has(fmt.Sprintf("ContextEntries.member.%d.ContextKeyName", i)); i++ {
		if strings.EqualFold(req.Params.Get(fmt.Sprintf("ContextEntries.member.%d.ContextKeyName", i)), "aws:SourceVpce") {
			id := req.Params.Get(fmt.Sprintf("ContextEntries.member.%d.ContextKeyValues.member.1", i))
			for _, e := range s.state.Endpoints {
				if e.ID == id {
					endpoint = e
				}
			}
		}
	}
	var result simulateCustomResult
	for _, action := range members(req.Params, "ActionNames") {
		for _, resource := range members(req.Params, "ResourceArns") {
			r := evaluationResult{EvalActionName: action, EvalResourceName: resource, EvalDecision: endpoint.Decisions[resource]}
			if r.EvalDecision == "" {
				r.EvalDecision = Allowed
			}
			if r.EvalDecision != Allowed {
				r.MissingContextValues = endpoint.MissingContextValues
			}
			result.EvaluationResults = append(result.EvaluationResults, r)
		}
	}
	return result, nil
}

// members returns the values of a query-protocol list: name.member.1, …
func members(params url.Values, name string) []string {
	var values []string
	for i := 1; params.Has(fmt.Sprintf("%s.member.%d", name, i)); i++ {
		values = append(values, params.Get(fmt.Sprintf("%s.member.%d", name, i)))
	}
	return values
}

type xmlEndpoint struct {
	VpcEndpointID     string `xml:"vpcEndpointId"`
	VpcEndpointType   string `xml:"vpcEndpointType"`
	VpcID             string `xml:"vpcId"`
	ServiceName       string `xml:"serviceName"`
	State             string `xml:"state"`
	PolicyDocument    string `xml:"policyDocument,omitempty"`
	PrivateDNSEnabled bool   `xml:"privateDnsEnabled"`
}

type describeVpcEndpointsResult struct {
	XMLName   xml.Name      `xml:"DescribeVpcEndpointsResponse"`
	Endpoints []xmlEndpoint `xml:"vpcEndpointSet>item"`
}

// endpointFilters are the DescribeVpcEndpoints filters the fake supports.
var endpointFilters = map[string]func(Endpoint) string{
	"vpc-id":            func(e Endpoint) string { return e.VPCID },
	"service-name":      func(e Endpoint) string { return e.ServiceName },
	"vpc-endpoint-type": func(e Endpoint) string { return e.Type },
}

func (s *Server) describeVpcEndpoints(req Request) (any, *apiError) {
	var result describeVpcEndpointsResult
	for _, e := range s.state.Endpoints {
		if s.matchesFilters(req.Params, e) {
			result.Endpoints = append(result.Endpoints, xmlEndpoint{
				VpcEndpointID: e.ID, VpcEndpointType: e.Type, VpcID: e.VPCID, ServiceName: e.ServiceName,
				State: e.State, PolicyDocument: e.Policy, PrivateDNSEnabled: e.PrivateDNS,
			})
		}
	}
	return result, nil
}

// matchesFilters applies EC2 filters (Filter.N.Name, Filter.N.Value.M): the
// names are ANDed and the values of one name ORed.
func (s *Server) matchesFilters(params url.Values, e Endpoint) bool {
	for i := 1; params.Has(fmt.Sprintf("Filter.%d.Name", i)); i++ {
		field, ok := endpointFilters[params.Get(fmt.Sprintf("Filter.%d.Name", i))]
		if !ok {
			return false
		}
		matched := false
		for j := 1; params.Has(fmt.Sprintf("Filter.%d.Value.%d", i, j)); j++ {
			matched = matched || params.Get(fmt.Sprintf("Filter.%d.Value.%d", i, j)) == field(e)
		}
		if !matched {
			return false
		}
	}
	return true
}

func writeJSON(w http.ResponseWriter, _ string, out any, apiErr *apiError) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	if apiErr != nil {
		w.WriteHeader(apiErr.status)
		out = map[string]string{"__type": apiErr.code, "message": apiErr.message}
	}
	_ = json.NewEncoder(w).Encode(out)
}

func writeRESTJSON(w http.ResponseWriter, _ string, out any, apiErr *apiError) {
	w.Header().Set("Content-Type", "application/json")
	if apiErr != nil {
		w.Header().Set("X-Amzn-ErrorType", apiErr.code)
		w.WriteHeader(apiErr.status)
		out = map[string]string{"Type": "User", "message": apiErr.message}
	}
	_ = json.NewEncoder(w).Encode(out)
}

// writeQuery renders the awsQuery protocol (STS, IAM).
func writeQuery(w http.ResponseWriter, operation string, out any, apiErr *apiError) {
	w.Header().Set("Content-Type", "text/xml")
	if apiErr != nil {
		w.WriteHeader(apiErr.status)
		fmt.Fprintf(w, `<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>fake</RequestId></ErrorResponse>`,
			escape(apiErr.code), escape(apiErr.message))
		return
	}
	result, err := xml.Marshal(out)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	fmt.Fprintf(w, `<%sResponse>%s<ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></%sResponse>`, operation, result, operation)
}

// writeEC2 renders the ec2Query protocol.
func writeEC2(w http.ResponseWriter, _ string, out any, apiErr *apiError) {
	w.Header().Set("Content-Type", "text/xml")
	if apiErr != nil {
		w.WriteHeader(apiErr.status)
		fmt.Fprintf(w, `<Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors><RequestID>fake</RequestID></Response>`,
			escape(apiErr.code), escape(apiErr.message))
		return
	}
	if err := xml.NewEncoder(w).Encode(out); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

func escape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// TestAccessKeyID is the access key IsolateEnv hands the SDK.
const TestAccessKeyID = "AKIAFAKEBASEIDENTITY"

// IsolateEnv gives the AWS SDK static credentials and region eu-west-1
// through the environment and hides the host's AWS files, profiles and
// instance metadata, so that code under test never reaches a real AWS
// address or identity.
func IsolateEnv(tb testing.TB) {
	tb.Helper()
	dir := tb.TempDir()
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID":           TestAccessKeyID,
		"AWS_SECRET_ACCESS_KEY":       "fake-secret-key",
		"AWS_SESSION_TOKEN":           "",
		"AWS_REGION":                  "eu-west-1",
		"AWS_DEFAULT_REGION":          "",
		"AWS_PROFILE":                 "",
		"AWS_ENDPOINT_URL":            "",
		"AWS_CONFIG_FILE":             filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED":   "true",
		"AWS_ROLE_ARN":                "",
		"AWS_WEB_IDENTITY_TOKEN_FILE": "",
	} {
		tb.Setenv(k, v)
	}
}
