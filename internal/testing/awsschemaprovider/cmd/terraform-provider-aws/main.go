// Command terraform-provider-aws is the test-only schema-only stand-in for
// hashicorp/aws. scripts/test-modules.sh builds it and installs it through a
// dev_overrides CLI config; see the awsschemaprovider package.
package main

import (
	"log"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-go/tfprotov5/tf5server"

	"github.com/kongform/terraform-provider-kong/internal/testing/awsschemaprovider"
	"github.com/kongform/terraform-provider-kong/internal/testing/awsschemaprovider/schema"
)

func main() {
	server := awsschemaprovider.NewServer(schema.AWSSubsetJSON)
	if err := tf5server.Serve(awsschemaprovider.AWSProviderAddress, func() tfprotov5.ProviderServer { return server }); err != nil {
		log.Fatal(err)
	}
}
