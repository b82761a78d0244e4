package e2e

import (
	"fmt"
	"strings"
)

// Mix is how many entities of each kind a generated configuration has.
type Mix struct {
	Services, Routes, Consumers, Plugins int
}

// Total is the number of entities (Terraform resources) in the mix.
func (m Mix) Total() int { return m.Services + m.Routes + m.Consumers + m.Plugins }

// RealisticMix splits n entities the way a Lambda gateway looks: for every service (one Lambda API), two
// routes (a proxy-style catch-all and a versioned operation), one consumer and one plugin (key-auth on the
// service). n is rounded down to a multiple of 5.
func RealisticMix(n int) Mix {
	apis := n / 5
	return Mix{Services: apis, Routes: 2 * apis, Consumers: apis, Plugins: apis}
}

// Config renders a root module with the mix. Every name starts with prefix, so tests can count what is in
// Kong. variant changes every service's read_timeout, to force an update of each service.
//
// Each entity is its own resource block rather than one block with count: Terraform evaluates a reference
// into a counted resource (kong_service.api[i].id) by building the whole list of instances, which makes
// large counted configurations quadratic in Terraform itself and would drown what the provider costs.
func Config(prefix string, m Mix, variant int, providerBlock string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "terraform {\n  required_providers {\n    kong = { source = \"kongform/kong\" }\n  }\n}\n\n%s\n", providerBlock)
	for i := range m.Services {
		fmt.Fprintf(&b, `
resource "kong_service" "api%[1]d" {
  name         = "%[2]s-svc-%[1]d"
  host         = "api%[1]d.lambda.invalid"
  read_timeout = %[3]d
  tags         = ["api:%[1]d"]
}
`, i, prefix, 30000+variant)
	}
	for i := range m.Routes {
		api := i / 2
		if i%2 == 0 {
			fmt.Fprintf(&b, `
resource "kong_route" "r%[1]d" {
  name       = "%[2]s-route-%[1]d"
  service_id = kong_service.api%[3]d.id
  paths      = ["/dev/api%[3]d"]
  strip_path = false
}
`, i, prefix, api%max(m.Services, 1))
		} else {
			fmt.Fprintf(&b, `
resource "kong_route" "r%[1]d" {
  name       = "%[2]s-route-%[1]d"
  service_id = kong_service.api%[3]d.id
  paths      = ["/v1/api%[3]d/items"]
  methods    = ["GET", "POST"]
  strip_path = false
}
`, i, prefix, api%max(m.Services, 1))
		}
	}
	for i := range m.Consumers {
		fmt.Fprintf(&b, `
resource "kong_consumer" "c%[1]d" {
  username = "%[2]s-client-%[1]d"
  tags     = ["client"]
}
`, i, prefix)
	}
	for i := range m.Plugins {
		fmt.Fprintf(&b, `
resource "kong_plugin" "key_auth%[1]d" {
  name       = "key-auth"
  service_id = kong_service.api%[2]d.id
  config = {
    key_names        = ["x-api-key"]
    hide_credentials = true
  }
}
`, i, i%max(m.Services, 1))
	}
	return b.String()
}
