package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/kongform/terraform-provider-kong/internal/kongtest"
)

// TestAccRoute_routerFlavorAtPlan plans routes against nodes of each router flavor (the in-repo server
// started with that flavor, which GET / reports): the plan refuses, on the attribute, what that flavor's
// router refuses and accepts the rest, and nothing is written.
func TestAccRoute_routerFlavorAtPlan(t *testing.T) {
	route := func(attrs string) string {
		return "resource \"kong_route\" \"r\" {\n  protocols = [\"https\"]\n" + attrs + "\n}\n"
	}
	for _, tc := range []struct {
		flavor, attrs string
		want          string // "" for a plan that succeeds
	}{
		{"traditional_compatible", `paths = ["/ok", "~/items(?=/)"]`,
			`(?s)Invalid route path.*paths = .*traditional_compatible router refuses\s+"~/items\(\?=/\)".*look-around, including look-ahead and look-behind, is not supported`},
		{"traditional_compatible", `headers = { "X-V" = ["~*^v(\\d)\\1$"] }`,
			`(?s)Invalid route header value.*backreferences are not supported`},
		{"traditional_compatible", `snis = ["*.example.com"]`, ""},
		{"traditional", `paths = ["~/items(?=/)"]` + "\n" + `headers = { "X-V" = ["~*^v(\\d)\\1$"] }`, ""},
		{"traditional", `snis = ["*.example.com"]`, `(?s)Invalid SNI.*takes snis as plain\s+server\s+names`},
	} {
		t.Run(tc.flavor+" "+tc.attrs, func(t *testing.T) {
			srv := kongtest.NewServer(kongtest.Options{RouterFlavor: tc.flavor})
			defer srv.Close()
			step := resource.TestStep{
				Config:   fmt.Sprintf("provider \"kong\" {\n  admin_url = %q\n}\n", srv.URL) + route(tc.attrs),
				PlanOnly: true, ExpectNonEmptyPlan: true,
			}
			if tc.want != "" {
				step.ExpectError = regexp.MustCompile(tc.want)
			}
			resource.UnitTest(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: []resource.TestStep{step}})
			if n := writeCount(srv.Stats().ByRoute); n != 0 {
				t.Errorf("the plan sent %d write(s)", n)
			}
		})
	}
}
