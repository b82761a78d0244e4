package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/kongform/terraform-provider-kong/internal/testing/testcert"
)

// TestAccDataSourceCertificates_lookups: kong_certificate by id and by SNI name, kong_ca_certificate by id
// and by digest, kong_sni by id and by name, each showing what the resource holds and no private key.
func TestAccDataSourceCertificates_lookups(t *testing.T) {
	name := randomName("ds-cert")
	p := testcert.New(t, testcert.Options{})
	ca := testcert.New(t, testcert.Options{CA: true})
	config := fmt.Sprintf(`
resource "kong_certificate" "test" {
  cert = %s
  key  = %s
  tags = ["edge"]
}

resource "kong_sni" "b" {
  name           = "b.%[5]s.example"
  certificate_id = kong_certificate.test.id
}

resource "kong_ca_certificate" "test" {
  cert = %[3]s
  tags = ["trust"]
}

data "kong_certificate" "by_id" {
  id         = kong_certificate.test.id
  depends_on = [kong_sni.b]
}

data "kong_certificate" "by_sni" {
  sni        = "b.%[5]s.example"
  depends_on = [kong_sni.b]
}

data "kong_ca_certificate" "by_id" {
  id = kong_ca_certificate.test.id
}

data "kong_ca_certificate" "by_digest" {
  cert_digest = kong_ca_certificate.test.cert_digest
}

data "kong_sni" "by_id" {
  id = kong_sni.b.id
}

data "kong_sni" "by_name" {
  name = kong_sni.b.name
}
`, heredoc(p.CertPEM), heredoc(p.KeyPEM), heredoc(ca.CertPEM), "", name)
	certAttrs := []string{"id", "cert", "tags.#", "tags.0", "created_at"}
	caAttrs := []string{"id", "cert", "cert_digest", "tags.#", "tags.0", "created_at"}
	sniAttrs := []string{"id", "name", "certificate_id", "created_at"}
	testAccOneStep(t, resource.TestStep{
		Config: config,
		Check: resource.ComposeAggregateTestCheckFunc(
			testCheckSameAttributes("data.kong_certificate.by_id", "kong_certificate.test", certAttrs...),
			testCheckSameAttributes("data.kong_certificate.by_sni", "kong_certificate.test", certAttrs...),
			resource.TestCheckResourceAttr("data.kong_certificate.by_sni", "snis.#", "1"),
			resource.TestCheckTypeSetElemAttr("data.kong_certificate.by_id", "snis.*", "b."+name+".example"),
			resource.TestCheckNoResourceAttr("data.kong_certificate.by_id", "key"),
			testCheckSameAttributes("data.kong_ca_certificate.by_id", "kong_ca_certificate.test", caAttrs...),
			testCheckSameAttributes("data.kong_ca_certificate.by_digest", "kong_ca_certificate.test", caAttrs...),
			testCheckSameAttributes("data.kong_sni.by_id", "kong_sni.b", sniAttrs...),
			testCheckSameAttributes("data.kong_sni.by_name", "kong_sni.b", sniAttrs...),
		),
	})
}

func TestAccDataSourceCertificates_notFound(t *testing.T) {
	cases := map[string]string{
		`data "kong_certificate" "x" { sni = "nothing.example" }`:                                                         `(?s)Kong certificate not found.*sni "nothing.example"`,
		`data "kong_ca_certificate" "x" { cert_digest = "` + fmt.Sprintf("%064d", 0) + `" }`:                              `(?s)Kong CA certificate not found.*cert_digest`,
		`data "kong_ca_certificate" "x" { id = "0f6e4c1d-2b3a-4c5d-8e9f-a0b1c2d3e4f5" }`:                                  `(?s)Kong CA certificate not found`,
		`data "kong_sni" "x" { name = "nothing.example" }`:                                                                `(?s)Kong SNI not found.*name "nothing.example"`,
		"data \"kong_certificate\" \"x\" {\n  id  = \"0f6e4c1d-2b3a-4c5d-8e9f-a0b1c2d3e4f5\"\n  sni = \"a.example\"\n}\n": `(?s)Invalid Attribute Combination`,
		`data "kong_certificate" "x" { sni = "foo.*.example" }`:                                                           `Invalid SNI`,
	}
	for config, want := range cases {
		t.Run(want, func(t *testing.T) { testAccDataSourceError(t, config, want) })
	}
}
