// Package lambdaevent turns a captured ALB target-group Lambda event into the event Kong 3.9's aws-lambda plugin
// would send for the same request, and a function's response into what each of them answers the client. Teams
// replay their captured requests through their Flask handler with it before moving an API from its Lambda target
// group to Kong (docs/guides/lambda-events.md).
//
// The behaviour modelled is Kong 3.9.x's kong/plugins/aws-lambda/request-util.lua and handler.lua, plus the NGINX in
// front of Kong in examples/complete. Nothing here calls Kong or AWS.
package lambdaevent

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Pair is one header or query argument, in the order the request carried it.
type Pair struct {
	Name, Value string
}

// Request is the HTTP request an ALB event describes, as far as the event lets us recover it.
type Request struct {
	Method string
	// Path as the ALB passed it: not decoded.
	Path string
	// RawQuery holds the query arguments still URL-encoded: the ALB does not decode them.
	RawQuery []Pair
	// Headers with lower-case names, as the ALB writes them.
	Headers []Pair
	Body    []byte
	// MultiValue is true when the event came from a target group with lambda.multi_value_headers.enabled; in
	// single-value mode the ALB kept only the last of repeated headers and arguments, so the others are lost.
	MultiValue     bool
	TargetGroupARN string
}

// albEvent is the documented shape of an ALB target-group event.
type albEvent struct {
	RequestContext struct {
		ELB *struct {
			TargetGroupARN string `json:"targetGroupArn"`
		} `json:"elb"`
	} `json:"requestContext"`
	HTTPMethod                      string              `json:"httpMethod"`
	Path                            string              `json:"path"`
	QueryStringParameters           map[string]string   `json:"queryStringParameters"`
	MultiValueQueryStringParameters map[string][]string `json:"multiValueQueryStringParameters"`
	Headers                         map[string]string   `json:"headers"`
	MultiValueHeaders               map[string][]string `json:"multiValueHeaders"`
	Body                            *string             `json:"body"`
	IsBase64Encoded                 bool                `json:"isBase64Encoded"`
}

// ParseALBEvent reads an ALB target-group event (single- or multi-value mode). JSON objects have no order, so
// repeated names keep their order but different names come out sorted.
func ParseALBEvent(data []byte) (*Request, error) {
	var ev albEvent
	if err := json.Unmarshal(data, &ev); err != nil {
		return nil, fmt.Errorf("not an ALB event: %w", err)
	}
	if ev.RequestContext.ELB == nil {
		return nil, errors.New("not an ALB event: requestContext.elb is missing (an API Gateway or Kong event?)")
	}
	if ev.HTTPMethod == "" || ev.Path == "" {
		return nil, errors.New("not an ALB event: httpMethod and path are required")
	}
	r := &Request{
		Method:         ev.HTTPMethod,
		Path:           ev.Path,
		TargetGroupARN: ev.RequestContext.ELB.TargetGroupARN,
		MultiValue:     ev.MultiValueHeaders != nil || ev.MultiValueQueryStringParameters != nil,
	}
	if r.MultiValue {
		r.Headers = pairsMulti(ev.MultiValueHeaders)
		r.RawQuery = pairsMulti(ev.MultiValueQueryStringParameters)
	} else {
		r.Headers = pairsSingle(ev.Headers)
		r.RawQuery = pairsSingle(ev.QueryStringParameters)
	}
	for i := range r.Headers {
		r.Headers[i].Name = strings.ToLower(r.Headers[i].Name)
	}
	// An empty body stays nil: NGINX reads no body for it, as for none.
	if ev.Body != nil && *ev.Body != "" {
		if ev.IsBase64Encoded {
			b, err := base64.StdEncoding.DecodeString(*ev.Body)
			if err != nil {
				return nil, fmt.Errorf("body: isBase64Encoded is true but the body is not base64: %w", err)
			}
			r.Body = b
		} else {
			r.Body = []byte(*ev.Body)
		}
	}
	return r, nil
}

func pairsSingle(m map[string]string) []Pair {
	out := make([]Pair, 0, len(m))
	for _, k := range sortedKeys(m) {
		out = append(out, Pair{k, m[k]})
	}
	return out
}

func pairsMulti(m map[string][]string) []Pair {
	var out []Pair
	for _, k := range sortedKeys(m) {
		for _, v := range m[k] {
			out = append(out, Pair{k, v})
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// header returns the first value of a header (names are lower case).
func header(h []Pair, name string) (string, bool) {
	for _, p := range h {
		if p.Name == name {
			return p.Value, true
		}
	}
	return "", false
}
