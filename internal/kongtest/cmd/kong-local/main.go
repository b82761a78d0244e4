// Command kong-local runs the kongtest in-memory Kong Admin API test double as a
// standalone process for demos and manual testing. It is not Kong.
//
// It listens on 127.0.0.1:8001, or on $KONG_LOCAL_LISTEN, prints one line with its
// URL and stops gracefully on SIGINT or SIGTERM. When $KONG_LOCAL_ADMIN_TOKEN is set,
// every request must carry it in the Kong-Admin-Token header (Enterprise RBAC style).
// $KONG_LOCAL_READONLY_TOKEN is a second token that may only read: writes and plugin
// validation made with it get RBAC's 403, as a plan with a read-only token (Atlantis) sees.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/kongform/terraform-provider-kong/internal/kongtest"
	"github.com/kongform/terraform-provider-kong/internal/kongtest/pluginschema"
)

const (
	defaultListen   = "127.0.0.1:8001"
	shutdownTimeout = 5 * time.Second
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	env := environment{listen: os.Getenv("KONG_LOCAL_LISTEN"), adminToken: os.Getenv("KONG_LOCAL_ADMIN_TOKEN"),
		readOnlyToken: os.Getenv("KONG_LOCAL_READONLY_TOKEN")}
	err := run(ctx, os.Args[1:], env, os.Stdout)
	if errors.Is(err, flag.ErrHelp) {
		return // -h printed the usage; asking for it is not a failure
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "kong-local:", err)
		os.Exit(1)
	}
}

// environment holds the settings read from environment variables.
type environment struct {
	listen        string // overrides the default address
	adminToken    string // required Kong-Admin-Token, if any
	readOnlyToken string // a Kong-Admin-Token that may only read, if any
}

const usageEnvironment = `
Environment:
  KONG_LOCAL_LISTEN          address to listen on (default 127.0.0.1:8001)
  KONG_LOCAL_ADMIN_TOKEN     Kong-Admin-Token every request must carry (Enterprise RBAC style)
  KONG_LOCAL_READONLY_TOKEN  a Kong-Admin-Token that may only read: writes and
                             POST /schemas/plugins/validate get RBAC's 403, as a plan
                             with a read-only token (Atlantis) sees
`

// run serves until ctx ends, then shuts down gracefully.
func run(ctx context.Context, args []string, env environment, out io.Writer) error {
	flags := flag.NewFlagSet("kong-local", flag.ContinueOnError)
	flags.SetOutput(out)
	enterprise := flags.Bool("enterprise", false, "act as a Kong Enterprise node")
	dbless := flags.Bool("dbless", false, "act as a DB-less node (entity writes refused)")
	latency := flags.Duration("latency", 0, "latency added to every Admin API request, e.g. 20ms")
	flavor := flags.String("router-flavor", "traditional_compatible",
		"kong.conf router_flavor to act under: traditional_compatible (Kong's default) or traditional")
	custom := flags.String("custom-plugins", "", "comma-separated plugins built in this repository to offer besides the bundled ones, "+
		"as plugins = bundled,<name> does (openapi-request-validator)")
	flags.Usage = func() {
		fmt.Fprintln(out, "Usage: kong-local [flags]\n\nRuns the kongtest Admin API test double (not Kong).\n\nFlags:")
		flags.PrintDefaults()
		fmt.Fprint(out, usageEnvironment)
	}
	if err := flags.Parse(args); err != nil {
		return err
	}
	if *flavor != "traditional_compatible" && *flavor != "traditional" {
		return fmt.Errorf("-router-flavor %q: want traditional_compatible or traditional (expressions is not modelled)", *flavor)
	}
	if err := registerCustomPlugins(*custom); err != nil {
		return err
	}
	listen := env.listen
	if listen == "" {
		listen = defaultListen
	}
	srv := kongtest.NewUnstartedServer(kongtest.Options{
		Enterprise:    *enterprise,
		DBLess:        *dbless,
		AdminToken:    env.adminToken,
		ReadOnlyToken: env.readOnlyToken,
		Faults:        kongtest.Faults{Latency: *latency},
		RouterFlavor:  *flavor,
	})
	if err := srv.Start(listen); err != nil {
		return err
	}
	fmt.Fprintln(out, "kong-local (kongtest Admin API test double) listening on", srv.URL)
	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}

// registerCustomPlugins makes the named plugins' schemas known, so kong_plugin plans and validates them like
// bundled ones. Registration is process-wide; a name already registered is left as it is.
func registerCustomPlugins(list string) error {
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		p, ok := pluginschema.Custom(name)
		if !ok {
			return fmt.Errorf("-custom-plugins: no schema for plugin %q (known: %s)", name, pluginschema.OpenAPIRequestValidatorName)
		}
		if _, done := pluginschema.Lookup(name, true); done {
			continue
		}
		if err := pluginschema.Register(p); err != nil {
			return err
		}
	}
	return nil
}
