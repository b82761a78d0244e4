// Command kong-local runs the kongtest in-memory Kong Admin API test double as a
// standalone process for demos and manual testing. It is not Kong.
//
// It listens on 127.0.0.1:8001, or on $KONG_LOCAL_LISTEN, prints one line with its
// URL and stops gracefully on SIGINT or SIGTERM.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/kongform/terraform-provider-kong/internal/kongtest"
)

const defaultListen = "127.0.0.1:8001"

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "kong-local:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	flags := flag.NewFlagSet("kong-local", flag.ContinueOnError)
	enterprise := flags.Bool("enterprise", false, "act as a Kong Enterprise node")
	dbless := flags.Bool("dbless", false, "act as a DB-less node (entity writes refused)")
	latency := flags.Duration("latency", 0, "latency added to every Admin API request, e.g. 20ms")
	if err := flags.Parse(args); err != nil {
		return err
	}
	listen := os.Getenv("KONG_LOCAL_LISTEN")
	if listen == "" {
		listen = defaultListen
	}
	srv := kongtest.NewUnstartedServer(kongtest.Options{
		Enterprise: *enterprise,
		DBLess:     *dbless,
		Faults:     kongtest.Faults{Latency: *latency},
	})
	if err := srv.Start(listen); err != nil {
		return err
	}
	fmt.Println("kong-local (kongtest Admin API test double) listening on", srv.URL)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}
