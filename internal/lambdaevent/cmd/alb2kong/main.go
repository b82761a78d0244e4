// Command alb2kong turns captured ALB target-group Lambda events into the events Kong 3.9's aws-lambda plugin
// would send for the same requests, so they can be replayed through the Flask handler before cutover; with
// -diff it lists what changed field by field, with -response it shows what the client gets for a function's
// response document from the ALB and from Kong. docs/guides/lambda-events.md explains every difference.
//
//	go run ./internal/lambdaevent/cmd/alb2kong -route /dev/api1 event.json > kong-event.json
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kongform/terraform-provider-kong/internal/lambdaevent"
)

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "alb2kong:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("alb2kong", flag.ContinueOnError)
	fs.SetOutput(stderr)
	mod := lambdaevent.ModuleDefaults()
	env := lambdaevent.ExamplesCompleteEnv()
	var o lambdaevent.Options
	fs.StringVar(&o.Route.Path, "route", "", "the Kong route path the request matches: a prefix (/dev/api1) or a regex (~/dev/api2/v1/items/(?<id>[^/]+)$)")
	fs.BoolVar(&o.Route.StripPath, "strip-path", false, "the route's strip_path (the modules use false)")
	fs.StringVar(&o.Route.ServicePath, "service-path", "", "the service's path")
	fs.StringVar(&o.Route.RouterFlavor, "router-flavor", "traditional_compatible", "kong.conf router_flavor: only traditional fills resource")
	fs.BoolVar(&o.Plugin.AWSGatewayCompatible, "awsgateway-compatible", mod.AWSGatewayCompatible, "aws-lambda awsgateway_compatible")
	fs.BoolVar(&o.Plugin.ForwardRequestBody, "forward-request-body", false, "aws-lambda forward_request_body (with awsgateway_compatible=false)")
	fs.BoolVar(&o.Plugin.ForwardRequestHeaders, "forward-request-headers", false, "aws-lambda forward_request_headers")
	fs.BoolVar(&o.Plugin.ForwardRequestMethod, "forward-request-method", false, "aws-lambda forward_request_method")
	fs.BoolVar(&o.Plugin.ForwardRequestURI, "forward-request-uri", false, "aws-lambda forward_request_uri")
	fs.BoolVar(&o.Plugin.Base64EncodeBody, "base64-encode-body", mod.Base64EncodeBody, "aws-lambda base64_encode_body")
	fs.BoolVar(&o.Plugin.SkipLargeBodies, "skip-large-bodies", mod.SkipLargeBodies, "aws-lambda skip_large_bodies (Kong's default is true, the module sets false)")
	fs.BoolVar(&o.Plugin.IsProxyIntegration, "is-proxy-integration", mod.IsProxyIntegration, "aws-lambda is_proxy_integration (for -response)")
	fs.IntVar(&env.BodyBufferSize, "body-buffer-size", env.BodyBufferSize, "kong.conf nginx_http_client_body_buffer_size in bytes")
	fs.StringVar(&env.SourceIP, "source-ip", env.SourceIP, "the address Kong's peer connects from (NGINX on the instance: 127.0.0.1)")
	prefix := fs.String("forwarded-prefix", "/api", "X-Forwarded-Prefix NGINX adds (examples/complete's /api/ location); empty for none")
	var set, remove listFlag
	fs.Var(&set, "set-header", "name=value NGINX sets (repeatable)")
	fs.Var(&remove, "remove-header", "header NGINX removes (repeatable; connection is always removed)")
	consumer := fs.String("consumer", "", "emulate key-auth with hide_credentials for this consumer username")
	keyNames := fs.String("key-names", "apikey", "key-auth key_names, comma-separated (with -consumer)")
	fs.StringVar(&env.RawQuery, "query", "", "the exact query string (from an access log), instead of the event's")
	fs.StringVar(&env.RequestID, "request-id", "", "requestContext.requestId (random by default)")
	at := fs.String("time", "", "request time, RFC 3339 (now by default)")
	outDir := fs.String("out", "", "write kong-<file> per input into this directory instead of stdout")
	diff := fs.Bool("diff", false, "print the field-by-field differences, each with the guide's explanation")
	table := fs.Bool("table", false, "print the guide's difference table (Markdown) and exit")
	response := fs.Bool("response", false, "inputs are function response documents: print what the ALB and Kong answer the client")
	multiValue := fs.Bool("multi-value", false, "with -response: the target group has lambda.multi_value_headers.enabled")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: alb2kong [flags] alb-event.json...\n       alb2kong -response [-multi-value] response.json...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *table {
		_, err := io.WriteString(stdout, lambdaevent.Markdown())
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("no input files")
	}
	if *prefix != "" {
		env.SetHeaders = []lambdaevent.Pair{{Name: "x-forwarded-prefix", Value: *prefix}}
	} else {
		env.SetHeaders = nil
	}
	for _, s := range set {
		name, value, ok := strings.Cut(s, "=")
		if !ok {
			return fmt.Errorf("-set-header %q: want name=value", s)
		}
		env.SetHeaders = append(env.SetHeaders, lambdaevent.Pair{Name: name, Value: value})
	}
	env.RemoveHeaders = append(env.RemoveHeaders, remove...)
	if *consumer != "" {
		env.Consumer = &lambdaevent.Consumer{ID: "00000000-0000-4000-8000-000000000001", Username: *consumer,
			CredentialID: "00000000-0000-4000-8000-000000000002", KeyNames: strings.Split(*keyNames, ",")}
	}
	if *at != "" {
		t, err := time.Parse(time.RFC3339, *at)
		if err != nil {
			return fmt.Errorf("-time: %w", err)
		}
		env.Start = t
	}
	o.Env = env
	if len(fs.Args()) > 1 && *outDir == "" && !*diff && !*response {
		return errors.New("several inputs need -out DIR")
	}
	for _, file := range fs.Args() {
		data, err := os.ReadFile(file) // #nosec G304 -- reading the files the user names is the job
		if err != nil {
			return err
		}
		var out []byte
		if *response {
			out, err = responses(data, *multiValue, o.Plugin.IsProxyIntegration)
		} else {
			out, err = convert(data, o, *diff, file, stderr)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		if *outDir != "" {
			name := filepath.Join(*outDir, "kong-"+filepath.Base(file))
			if err := os.WriteFile(name, out, 0o600); err != nil {
				return err
			}
			continue
		}
		if _, err := stdout.Write(out); err != nil {
			return err
		}
	}
	return nil
}

func convert(data []byte, o lambdaevent.Options, diff bool, file string, stderr io.Writer) ([]byte, error) {
	req, err := lambdaevent.ParseALBEvent(data)
	if err != nil {
		return nil, err
	}
	res, err := lambdaevent.KongEvent(req, o)
	if err != nil {
		return nil, err
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "%s: warning: %s\n", file, w)
	}
	if !diff {
		b, err := json.MarshalIndent(res.Event, "", "  ")
		return append(b, '\n'), err
	}
	var alb map[string]any
	if err := json.Unmarshal(data, &alb); err != nil {
		return nil, err
	}
	kong, err := lambdaevent.ToMap(res.Event)
	if err != nil {
		return nil, err
	}
	diffs := lambdaevent.Diff(alb, kong)
	rows := lambdaevent.Explain(diffs)
	var b strings.Builder
	fmt.Fprintf(&b, "== %s\n", file)
	for _, d := range diffs {
		fmt.Fprintf(&b, "%s\n  ALB:  %s\n  Kong: %s\n", d.Field, clip(d.ALB), clip(d.Kong))
		if row := rows[d.Field]; row != nil {
			fmt.Fprintf(&b, "  why:  %s\n", row.Flask)
		}
	}
	return []byte(b.String()), nil
}

func responses(data []byte, multiValue, proxy bool) ([]byte, error) {
	var b strings.Builder
	alb, err := lambdaevent.ALBResponse(data, multiValue)
	if err != nil {
		fmt.Fprintf(&b, "ALB:  %v\n", err)
	} else {
		writeResponse(&b, "ALB", alb)
	}
	writeResponse(&b, "Kong", lambdaevent.KongResponse(data, proxy, lambdaevent.InvokeHeaders(false)))
	return []byte(b.String()), nil
}

func writeResponse(b *strings.Builder, who string, r lambdaevent.ClientResponse) {
	fmt.Fprintf(b, "%s: %d\n", who, r.Status)
	for _, h := range r.HeaderLines() {
		fmt.Fprintf(b, "  %s\n", h)
	}
	fmt.Fprintf(b, "  body: %s\n", clip(string(r.Body)))
}

func clip(s string) string {
	if len(s) > 120 {
		return s[:117] + "..."
	}
	return s
}
