package lambdaevent

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// ClientResponse is what the client receives for a function's response document.
type ClientResponse struct {
	Status int
	// Headers in the order names sort; a name may carry several values.
	Headers map[string][]string
	Body    []byte
}

// InvokeHeaders are headers of Lambda's Invoke API answer, which Kong passes on to the client under the
// function's own (the function's win on an exact name match). X-Amz-Log-Result joins them with log_type "Tail".
func InvokeHeaders(logTail bool) map[string][]string {
	h := map[string][]string{
		"Content-Type":           {"application/json"},
		"X-Amz-Executed-Version": {"$LATEST"},
		"X-Amzn-Requestid":       {"00000000-0000-0000-0000-000000000000"},
	}
	if logTail {
		h["X-Amz-Log-Result"] = []string{"<base64 of the last 4 KB of the function's log>"}
	}
	return h
}

// proxyResponse is the response document of a proxy integration (API Gateway REST) or an ALB target.
type proxyResponse struct {
	StatusCode        json.RawMessage            `json:"statusCode"`
	StatusDescription string                     `json:"statusDescription"`
	Headers           map[string]json.RawMessage `json:"headers"`
	MultiValueHeaders map[string][]any           `json:"multiValueHeaders"`
	Body              *string                    `json:"body"`
	IsBase64Encoded   json.RawMessage            `json:"isBase64Encoded"`
}

// KongResponse is what Kong 3.9 answers for the function's output. Without is_proxy_integration the output is the
// body, with status 200. With it, the output must be a response document (statusCode 100-599, a number or a
// numeric string; body a string; isBase64Encoded a boolean), or the client gets 502; multiValueHeaders replace
// headers of the same name, and Content-Length is computed.
func KongResponse(output []byte, isProxyIntegration bool, invoke map[string][]string) ClientResponse {
	headers := map[string][]string{}
	for k, v := range invoke {
		headers[k] = v
	}
	headers["Via"] = []string{"1.1 kong/3.9.1"}
	if !isProxyIntegration {
		return ClientResponse{Status: 200, Headers: headers, Body: output}
	}
	bad := func(err string) ClientResponse {
		b, _ := json.Marshal(map[string]string{"message": "Bad Gateway", "error": "could not JSON decode Lambda function response: " + err})
		return ClientResponse{Status: 502, Headers: map[string][]string{"Content-Type": {"application/json; charset=utf-8"}}, Body: b}
	}
	var doc proxyResponse
	if err := json.Unmarshal(output, &doc); err != nil {
		return bad(err.Error())
	}
	status, ok := statusCode(doc.StatusCode)
	if !ok {
		return bad("statusCode validation failed")
	}
	body := ""
	if doc.Body != nil {
		body = *doc.Body
	}
	switch strings.TrimSpace(string(doc.IsBase64Encoded)) {
	case "", "null", "false":
	case "true":
		b, err := base64.StdEncoding.DecodeString(body)
		if err != nil {
			return bad("body is not base64")
		}
		body = string(b)
	default:
		return bad("isBase64Encoded must be a boolean")
	}
	for k, raw := range doc.Headers {
		var s any
		_ = json.Unmarshal(raw, &s)
		headers[k] = []string{fmt.Sprint(s)}
	}
	for k, vs := range doc.MultiValueHeaders {
		headers[k] = nil
		for _, v := range vs {
			headers[k] = append(headers[k], fmt.Sprint(v))
		}
	}
	headers["Content-Length"] = []string{strconv.Itoa(len(body))}
	return ClientResponse{Status: status, Headers: headers, Body: []byte(body)}
}

func statusCode(raw json.RawMessage) (int, bool) {
	s := strings.Trim(strings.TrimSpace(string(raw)), `"`)
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n < 100 || n > 599 {
		return 0, false
	}
	return int(n), true
}

// ALBResponse is what the ALB answers for the same document, as AWS documents it: in single-value mode only
// headers count, in multi-value mode only multiValueHeaders; the ALB computes Content-Length.
func ALBResponse(output []byte, multiValue bool) (ClientResponse, error) {
	var doc proxyResponse
	if err := json.Unmarshal(output, &doc); err != nil {
		return ClientResponse{}, fmt.Errorf("not a response document: %w", err)
	}
	status, ok := statusCode(doc.StatusCode)
	if !ok {
		return ClientResponse{}, fmt.Errorf("statusCode missing or not 100-599 (the ALB answers 502)")
	}
	body := ""
	if doc.Body != nil {
		body = *doc.Body
	}
	if string(doc.IsBase64Encoded) == "true" {
		b, err := base64.StdEncoding.DecodeString(body)
		if err != nil {
			return ClientResponse{}, fmt.Errorf("body is not base64")
		}
		body = string(b)
	}
	headers := map[string][]string{}
	if multiValue {
		for k, vs := range doc.MultiValueHeaders {
			for _, v := range vs {
				headers[k] = append(headers[k], fmt.Sprint(v))
			}
		}
	} else {
		for k, raw := range doc.Headers {
			var s any
			_ = json.Unmarshal(raw, &s)
			headers[k] = []string{fmt.Sprint(s)}
		}
	}
	headers["Content-Length"] = []string{strconv.Itoa(len(body))}
	return ClientResponse{Status: status, Headers: headers, Body: []byte(body)}, nil
}

// HeaderLines renders headers one "Name: value" per line, names sorted, for diffs.
func (c ClientResponse) HeaderLines() []string {
	var out []string
	names := make([]string, 0, len(c.Headers))
	for k := range c.Headers {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		for _, v := range c.Headers[k] {
			out = append(out, k+": "+v)
		}
	}
	return out
}
