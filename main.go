// Command terraform-provider-kong serves the kongform Kong Gateway provider to Terraform.
package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/kongform/terraform-provider-kong/internal/provider"
)

// version is set at release time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	quietUnlessAsked()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/kongform/kong",
		Debug:   debug,
	})
	if err != nil {
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
