package lambdaevent

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// PluginConfig holds the aws-lambda settings that shape the event and the client's response.
type PluginConfig struct {
	AWSGatewayCompatible  bool
	ForwardRequestBody    bool
	ForwardRequestHeaders bool
	ForwardRequestMethod  bool
	ForwardRequestURI     bool
	Base64EncodeBody      bool
	SkipLargeBodies       bool
	IsProxyIntegration    bool
}

// KongDefaults are the plugin's schema defaults in Kong 3.9.
func KongDefaults() PluginConfig {
	return PluginConfig{Base64EncodeBody: true, SkipLargeBodies: true}
}

// ModuleDefaults are the settings modules/kong-lambda-api gives every function.
func ModuleDefaults() PluginConfig {
	return PluginConfig{AWSGatewayCompatible: true, IsProxyIntegration: true, Base64EncodeBody: true}
}

// Consumer emulates key-auth (with hide_credentials) having authenticated the request before aws-lambda runs:
// key-auth's priority is higher, and the headers it sets and clears are the ones the event carries.
type Consumer struct {
	ID, Username, CredentialID string
	// KeyNames are key-auth's key_names: hide_credentials removes them from the headers and the query.
	KeyNames []string
}

// Env is what the request meets between the ALB and the plugin: the NGINX of examples/complete and kong.conf.
type Env struct {
	// SourceIP is $realip_remote_addr: the address of the peer that connected to Kong, before trusted_ips and
	// real_ip_header are applied. Behind NGINX on the same instance that is 127.0.0.1.
	SourceIP string
	// SetHeaders are set (replacing any value) and RemoveHeaders removed by NGINX's proxy_set_header.
	SetHeaders    []Pair
	RemoveHeaders []string
	// KeepUnderscoreHeaders: NGINX drops header names with "_" unless underscores_in_headers is on.
	KeepUnderscoreHeaders bool
	// BodyBufferSize is nginx_http_client_body_buffer_size (Kong's default 8k): larger bodies go to a temporary
	// file, which skip_large_bodies leaves out of the event.
	BodyBufferSize int
	// MaxHeaders and MaxArgs are lua_max_req_headers and lua_max_uri_args (100 each by default).
	MaxHeaders, MaxArgs int
	RequestID           string
	Start               time.Time
	Consumer            *Consumer
	// RawQuery, when not empty, replaces the query the ALB event describes: the ALB drops repeated arguments in
	// single-value mode and writes "?flag" as "", so a captured access-log line can be more exact.
	RawQuery string
}

// ExamplesCompleteEnv is the Env of examples/complete: NGINX on the instance proxies /api/... to Kong, removing
// "/api", dropping Connection and adding X-Forwarded-Prefix.
func ExamplesCompleteEnv() Env {
	return Env{
		SourceIP:       "127.0.0.1",
		SetHeaders:     []Pair{{"x-forwarded-prefix", "/api"}},
		RemoveHeaders:  []string{"connection"},
		BodyBufferSize: 8192,
		MaxHeaders:     100,
		MaxArgs:        100,
	}
}

// Options are everything the conversion depends on.
type Options struct {
	Plugin PluginConfig
	Route  Route
	Env    Env
}

// Result is Kong's event and what it cost: Warnings name what the ALB event cannot tell or Kong will drop.
type Result struct {
	Event    map[string]any
	Warnings []string
}

// KongEvent builds the JSON payload Kong 3.9's aws-lambda plugin sends to the function for the request.
func KongEvent(r *Request, o Options) (*Result, error) {
	res := &Result{}
	if !r.MultiValue && o.Env.RawQuery == "" {
		res.Warnings = append(res.Warnings, "single-value target group: the ALB kept only the last of repeated headers and query arguments; Kong sees them all and puts the first in headers/queryStringParameters")
	}
	headers, rawQuery := applyEnv(r, o.Env)
	if len(o.Env.RawQuery) > 0 {
		rawQuery = splitQuery(strings.TrimPrefix(o.Env.RawQuery, "?"))
	}
	if o.Env.Consumer != nil {
		headers, rawQuery = applyConsumer(headers, rawQuery, *o.Env.Consumer)
	}
	if o.Env.MaxHeaders > 0 && len(headers) > o.Env.MaxHeaders {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d headers: Kong reads only the first %d (lua_max_req_headers)", len(headers), o.Env.MaxHeaders))
		headers = headers[:o.Env.MaxHeaders]
	}
	args := parseArgs(rawQuery, o.Env.MaxArgs)
	if o.Env.MaxArgs > 0 && len(rawQuery) > o.Env.MaxArgs {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d query arguments: Kong reads only the first %d (lua_max_uri_args)", len(rawQuery), o.Env.MaxArgs))
	}

	body := r.Body
	if len(body) > 0 && o.Env.BodyBufferSize > 0 && len(body) > o.Env.BodyBufferSize && o.Plugin.SkipLargeBodies {
		res.Warnings = append(res.Warnings, fmt.Sprintf("body of %d bytes exceeds the %d-byte body buffer: with skip_large_bodies Kong invokes the function without it", len(body), o.Env.BodyBufferSize))
		body = nil
	}

	switch {
	case o.Plugin.AWSGatewayCompatible:
		ev, err := gatewayEvent(r, o, headers, args, body)
		if err != nil {
			return nil, err
		}
		res.Event = ev
	case o.Plugin.ForwardRequestBody || o.Plugin.ForwardRequestHeaders || o.Plugin.ForwardRequestMethod || o.Plugin.ForwardRequestURI:
		res.Event = forwardEvent(r, o, headers, args, rawQuery, body, &res.Warnings)
	default:
		// Neither mode: Kong sends the query arguments merged with the parsed body, nothing else.
		ev := argsMap(args)
		if parsed, err := bodyArgs(headers, body); err == nil {
			if m, ok := parsed.(map[string]any); ok {
				for k, v := range m {
					ev[k] = v
				}
			}
		}
		res.Event = ev
	}
	return res, nil
}

// applyEnv is what NGINX does to the headers before Kong reads them.
func applyEnv(r *Request, env Env) (headers, rawQuery []Pair) {
	drop := map[string]bool{}
	for _, n := range env.RemoveHeaders {
		drop[strings.ToLower(n)] = true
	}
	for _, p := range env.SetHeaders {
		drop[strings.ToLower(p.Name)] = true
	}
	for _, p := range r.Headers {
		if drop[p.Name] || (!env.KeepUnderscoreHeaders && strings.Contains(p.Name, "_")) {
			continue
		}
		if p.Name == "host" {
			// proxy_set_header Host $host: lower case, without the port.
			p.Value = strings.ToLower(p.Value)
			if h, _, ok := strings.Cut(p.Value, ":"); ok && !strings.HasPrefix(p.Value, "[") {
				p.Value = h
			}
		}
		headers = append(headers, p)
	}
	for _, p := range env.SetHeaders {
		headers = append(headers, Pair{strings.ToLower(p.Name), p.Value})
	}
	return headers, append([]Pair(nil), r.RawQuery...)
}

func applyConsumer(headers, rawQuery []Pair, c Consumer) ([]Pair, []Pair) {
	keys := map[string]bool{}
	for _, k := range c.KeyNames {
		keys[strings.ToLower(k)] = true
	}
	var h, q []Pair
	for _, p := range headers {
		if !keys[p.Name] && !strings.HasPrefix(p.Name, "x-consumer-") && p.Name != "x-credential-identifier" && p.Name != "x-anonymous-consumer" {
			h = append(h, p)
		}
	}
	for _, p := range rawQuery {
		if !keys[strings.ToLower(unescapeArg(p.Name))] {
			q = append(q, p)
		}
	}
	h = append(h, Pair{"x-consumer-id", c.ID}, Pair{"x-consumer-username", c.Username}, Pair{"x-credential-identifier", c.CredentialID})
	return h, q
}

// gatewayEvent is aws_serializer: an API Gateway REST (payload 1.0) proxy event.
func gatewayEvent(r *Request, o Options, headers []Pair, args []argPair, body []byte) (map[string]any, error) {
	reqURI := normalizePath(r.Path)
	prefix, captures, err := o.Route.match(reqURI)
	if err != nil {
		return nil, err
	}
	path := escapePath(o.Route.upstreamURI(reqURI, prefix))

	single, multi := map[string]any{}, map[string]any{}
	for _, p := range headers {
		if _, ok := single[p.Name]; !ok {
			single[p.Name] = p.Value
			multi[p.Name] = []any{}
		}
		multi[p.Name] = append(multi[p.Name].([]any), p.Value)
	}
	query, multiQuery := map[string]any{}, map[string]any{}
	for _, a := range args {
		if _, ok := query[a.Name]; !ok {
			query[a.Name] = a.Value
			multiQuery[a.Name] = []any{}
		}
		multiQuery[a.Name] = append(multiQuery[a.Name].([]any), a.Value)
	}
	pathParameters := map[string]any{}
	for k, v := range captures {
		pathParameters[k] = v
	}

	ev := map[string]any{
		"version":                         "1.0",
		"path":                            path,
		"httpMethod":                      r.Method,
		"headers":                         single,
		"multiValueHeaders":               multi,
		"pathParameters":                  pathParameters,
		"queryStringParameters":           query,
		"multiValueQueryStringParameters": multiQuery,
		"isBase64Encoded":                 false,
	}
	// No body reads as nil in Kong: base64 of nil is "" (and isBase64Encoded true); without base64 the key is absent.
	switch {
	case o.Plugin.Base64EncodeBody:
		ev["body"] = base64.StdEncoding.EncodeToString(body)
		ev["isBase64Encoded"] = true
	case body != nil:
		ev["body"] = string(body)
	}
	if res, ok := o.Route.resource(); ok {
		ev["resource"] = res
	}

	host := ""
	if h, ok := header(headers, "host"); ok {
		host = h
	}
	identity := map[string]any{"sourceIp": o.Env.SourceIP}
	if ua, ok := header(headers, "user-agent"); ok {
		identity["userAgent"] = ua
	}
	start := o.Env.Start
	if start.IsZero() {
		start = time.Now()
	}
	reqID := o.Env.RequestID
	if reqID == "" {
		reqID = newRequestID()
	}
	ev["requestContext"] = map[string]any{
		"path":             path,
		"protocol":         "HTTP/1.1",
		"httpMethod":       r.Method,
		"domainName":       host,
		"domainPrefix":     strings.Split(host, ".")[0],
		"identity":         identity,
		"requestId":        reqID,
		"requestTime":      start.UTC().Format("02/Jan/2006:15:04:05 -0700"),
		"requestTimeEpoch": start.UnixMilli(),
		"resourcePath":     path,
	}
	return ev, nil
}

// newRequestID has the shape of NGINX's $request_id (32 hex digits), which Kong uses as its request id.
func newRequestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func argsMap(args []argPair) map[string]any {
	m := map[string]any{}
	for _, a := range args {
		switch prev := m[a.Name].(type) {
		case nil:
			m[a.Name] = a.Value
		case []any:
			m[a.Name] = append(prev, a.Value)
		default:
			m[a.Name] = []any{prev, a.Value}
		}
	}
	return m
}

// rawContentTypes are sent as they are by forward_request_body; the header must equal one of them exactly.
var rawContentTypes = map[string]bool{"text/plain": true, "text/html": true, "application/xml": true, "text/xml": true, "application/soap+xml": true}

// forwardEvent is the forward_request_* payload (awsgateway_compatible off).
func forwardEvent(r *Request, o Options, headers []Pair, args []argPair, rawQuery []Pair, body []byte, warnings *[]string) map[string]any {
	ev := map[string]any{}
	if o.Plugin.ForwardRequestMethod {
		ev["request_method"] = r.Method
	}
	if o.Plugin.ForwardRequestHeaders {
		hs := map[string]any{}
		for _, p := range headers {
			switch prev := hs[p.Name].(type) {
			case nil:
				hs[p.Name] = p.Value
			case []any:
				hs[p.Name] = append(prev, p.Value)
			default:
				hs[p.Name] = []any{prev, p.Value}
			}
		}
		ev["request_headers"] = hs
	}
	if o.Plugin.ForwardRequestURI {
		uri := r.Path
		var parts []string
		for _, p := range rawQuery {
			if p.Value == flagNoValue {
				parts = append(parts, p.Name)
			} else {
				parts = append(parts, p.Name+"="+p.Value)
			}
		}
		if len(parts) > 0 {
			uri += "?" + strings.Join(parts, "&")
		}
		ev["request_uri"] = uri
		ev["request_uri_args"] = argsMap(args)
	}
	if o.Plugin.ForwardRequestBody {
		parsed, err := bodyArgs(headers, body)
		raw := string(body)
		if err != nil && strings.Contains(err.Error(), "content type") {
			parsed = map[string]any{}
			ct, _ := header(headers, "content-type")
			if !rawContentTypes[ct] && o.Plugin.Base64EncodeBody {
				raw = base64.StdEncoding.EncodeToString(body)
				ev["request_body_base64"] = true
			}
		} else if err != nil {
			*warnings = append(*warnings, "request_body_args left out: "+err.Error())
		}
		if body != nil || ev["request_body_base64"] == true {
			ev["request_body"] = raw
		}
		if parsed != nil {
			ev["request_body_args"] = parsed
		}
	}
	return ev
}

// bodyArgs is kong.request.get_body(): JSON, urlencoded forms and multipart forms are parsed, anything else is an
// error naming the content type.
func bodyArgs(headers []Pair, body []byte) (any, error) {
	ct, ok := header(headers, "content-type")
	if !ok {
		return nil, fmt.Errorf("missing content type")
	}
	lct := strings.ToLower(ct)
	switch {
	case strings.Contains(lct, "application/x-www-form-urlencoded"):
		return argsMap(parseArgs(splitQuery(string(body)), 100)), nil
	case strings.Contains(lct, "application/json"):
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			return nil, fmt.Errorf("invalid json body")
		}
		switch v.(type) {
		case map[string]any, []any:
			return v, nil
		}
		return nil, fmt.Errorf("invalid json body")
	case strings.Contains(lct, "multipart/form-data"):
		return nil, fmt.Errorf("multipart bodies are parsed by Kong but not modelled here")
	}
	return nil, fmt.Errorf("unsupported content type '%s'", ct)
}
