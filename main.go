// Command terraform-provider-kong serves the kongform Kong Gateway provider to Terraform.
package main

import (
	"flag"
	"log"
	"os"
	"runtime/debug"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/kongform/terraform-provider-kong/internal/provider"
)

// version is set at release time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	quietUnlessAsked()
	collectGarbageLessOften()

	serve := func() tfprotov6.ProviderServer {
		return releasedContexts{providerserver.NewProtocol6(provider.New(version)())()}
	}
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	if err := tf6server.Serve("registry.terraform.io/kongform/kong", serve, opts...); err != nil {
		log.Fatal(err.Error())
	}
}

// logSettings are the environment variables through which a user asks Terraform for provider logs.
var logSettings = []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_KONG", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"}

// quietUnlessAsked turns provider logging off when nobody asked for logs. Otherwise the plugin SDK writes
// trace lines for every attribute of every resource, which Terraform then throws away; at a few thousand
// resources that formatting alone doubles the time a plan spends in the provider. With TF_LOG (or any of
// the provider-specific variables) set, logging is exactly as the user asked.
func quietUnlessAsked() {
	for _, name := range logSettings {
		if os.Getenv(name) != "" {
			return
		}
	}
	for _, name := range logSettings[1:] {
		os.Setenv(name, "off")
	}
}

// collectGarbageLessOften lets the heap grow to five times its live size between collections instead of
// twice, unless GOGC says otherwise. A plan allocates heavily and briefly in terraform-plugin-framework
// (it copies attribute maps and values for every attribute of every resource) while the live heap stays
// small, so with Go's default the collector took about a quarter of the provider's CPU in a plan of 2,000
// resources. At this setting it takes a tenth, for a peak of about 150 MB instead of 70 MB.
func collectGarbageLessOften() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
}
