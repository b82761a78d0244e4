// Command openapi-request-validator is a Kong plugin (Kong's Go plugin server protocol, go-pdk) that refuses
// requests that break one OpenAPI operation's rules before the upstream, typically an AWS Lambda function,
// sees them. Its config is the validation output of the provider's provider::kong::openapi_operations
// function, so Kong OSS validates what Kong Enterprise's request-validator would.
//
// Install: put the binary on the Kong node, then in kong.conf
//
//	pluginserver_names = openapi-request-validator
//	pluginserver_openapi_request_validator_socket = /usr/local/kong/openapi-request-validator.socket
//	pluginserver_openapi_request_validator_start_cmd = /usr/local/bin/openapi-request-validator
//	pluginserver_openapi_request_validator_query_cmd = /usr/local/bin/openapi-request-validator -dump
//	plugins = bundled,openapi-request-validator
package main

import (
	"log"

	"github.com/Kong/go-pdk/server"
)

// Version is set at release (-X main.Version).
var Version = "dev"

// Priority is that of Kong Enterprise's request-validator, so the two run at the same point: after
// authentication (key-auth 1250) and CORS, before the function is invoked (aws-lambda 750).
const Priority = 999

func main() {
	if err := server.StartServer(New, Version, Priority); err != nil {
		log.Fatal(err)
	}
}
