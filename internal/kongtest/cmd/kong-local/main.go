// Command kong-local runs the kongtest in-memory Kong Admin API test double as a
// standalone process for demos and manual testing. It is not Kong.
//
// It listens on 127.0.0.1:8001, or on $KONG_LOCAL_LISTEN, prints one line with its
// URL and stops gracefully on SIGINT or SIGTERM. When $KONG_LOCAL_ADMIN_TOKEN is set,
// every request must carry it in the Kong-Admin-Token header (Enterprise RBAC style).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/kongform/terraform-provider-kong/internal/kongtest"
)

const (
	defaultListen   = "127.0.0.1:8001"
	shutdownTimeout = 5 * time.Second
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	env := environment{listen: os.Getenv("KONG_LOCAL_LISTEN"), adminToken: os.Getenv("KONG_LOCAL_ADMIN_TOKEN")}
	if err := run(ctx, os.Args[1:], env, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "kong-local:", err)
		os.Exit(1)
	}
}

// environment holds the settings read from environment variables.
type environment struct {
	listen     string // overrides the default address
	adminToken string // required Kong-Admin-Token, if any
}

// run serves until ctx ends, then shuts down gracefully.
func run(ctx context.Context, args []string, env environment, out io.Writer) error {
	flags := flag.NewFlagSet("kong-local", flag.ContinueOnError)
	flags.SetOutput(out)
	enterprise := flags.Bool("enterprise", false, "act as a Kong Enterprise node")
	dbless := flags.Bool("dbless", false, "act as a DB-less node (entity writes refused)")
	latency := flags.Duration("latency", 0, "latency added to every Admin API request, e.g. 20ms")
	if err := flags.Parse(args); err != nil {
		return err
	}
	listen := env.listen
	if listen == "" {
		listen = defaultListen
	}
	srv := kongtest.NewUnstartedServer(kongtest.Options{
		Enterprise: *enterprise,
		DBLess:     *dbless,
		AdminToken: env.adminToken,
		Faults:     kongtest.Faults{Latency: *latency},
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
