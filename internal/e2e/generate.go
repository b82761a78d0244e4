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
func Config(prefix string, m Mix, variant int, providerBlock string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "terraform {\n  required_providers {\n    kong = { source = \"kongform/kong\" }\n  }\n}\n\n%s\n", providerBlock)
	fmt.Fprintf(&b, `
resource "kong_service" "api" {
  count        = %d
  name         = "%s-svc-${count.index}"
  host         = "api${count.index}.lambda.invalid"
  read_timeout = %d
  tags         = ["api:${count.index}"]
}
`, m.Services, prefix, 30000+variant)
	if m.Routes > 0 {
		fmt.Fprintf(&b, `
resource "kong_route" "api" {
  count      = %d
  name       = "%s-route-${count.index}"
  service_id = kong_service.api[floor(count.index / 2)].id
  paths      = count.index %% 2 == 0 ? ["/api/dev/api${floor(count.index / 2)}"] : ["/api/v1/api${floor(count.index / 2)}/items"]
  methods    = count.index %% 2 == 0 ? null : ["GET", "POST"]
  strip_path = false
}
`, m.Routes, prefix)
	}
	if m.Consumers > 0 {
		fmt.Fprintf(&b, `
resource "kong_consumer" "client" {
  count    = %d
  username = "%s-client-${count.index}"
  tags     = ["client"]
}
`, m.Consumers, prefix)
	}
	if m.Plugins > 0 {
		fmt.Fprintf(&b, `
resource "kong_plugin" "key_auth" {
  count      = %d
  name       = "key-auth"
  service_id = kong_service.api[count.index %% %d].id
  config = {
    key_names        = ["x-api-key"]
    hide_credentials = true
  }
}
`, m.Plugins, max(m.Services, 1))
	}
	return b.String()
}
