package provider

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/testing/testcert"
)

func getSNI(ctx context.Context, c *kong.Client, id string) error {
	_, err := c.SNIs.Get(ctx, kong.String(id))
	return err
}

// twoCertificates configures certificates "one" and "two" for SNIs to point at.
func twoCertificates(t *testing.T) string {
	one, two := testcert.New(t, testcert.Options{}), testcert.New(t, testcert.Options{})
	return fmt.Sprintf(`
resource "kong_certificate" "one" {
  cert = %s
  key  = %s
}

resource "kong_certificate" "two" {
  cert = %s
  key  = %s
}
`, heredoc(one.CertPEM), heredoc(one.KeyPEM), heredoc(two.CertPEM), heredoc(two.KeyPEM))
}

// TestAccSNI_lifecycle: an SNI moved to another certificate in place, imported by id and by name, tag drift
// reverted, and an out-of-band delete planned as a create.
func TestAccSNI_lifecycle(t *testing.T) {
	name := "*." + randomName("sni") + ".example"
	certs := twoCertificates(t)
	const addr = "kong_sni.test"
	config := func(cert, tags string) string {
		return certs + fmt.Sprintf(`
resource "kong_sni" "test" {
  name           = %q
  certificate_id = kong_certificate.%s.id
  tags           = %s
}
`, name, cert, tags)
	}
	var id string
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_sni", getSNI),
		Steps: slices.Concat([]resource.TestStep{
			{
				Config: config("one", `["a"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(randomIDPattern)),
					statecheck.CompareValuePairs(addr, tfjsonpath.New("certificate_id"), "kong_certificate.one", tfjsonpath.New("id"), compare.ValuesSame()),
				},
				Check: func(s *terraform.State) error {
					id, _ = stateID(s, addr)
					certID, _ := stateID(s, "kong_certificate.one")
					if got := kongCertificate(t, certID); len(got.SNIs) != 1 || kong.StringValue(got.SNIs[0]) != name {
						return fmt.Errorf("the certificate has SNIs %v", got.SNIs)
					}
					return nil
				},
			},
			{
				Config: config("two", `null`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(addr, tfjsonpath.New("certificate_id"), "kong_certificate.two", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringFunc(func(v string) error {
						if v != id {
							return fmt.Errorf("replaced: %s, was %s", v, id)
						}
						return nil
					})),
				},
			},
		}, importSteps(addr, name), []resource.TestStep{
			{
				PreConfig: func() {
					if _, err := testKong(t).SNIs.Update(context.Background(), &kong.SNI{ID: kong.String(id), Tags: kong.StringSlice("x")}); err != nil {
						t.Fatal(err)
					}
				},
				Config: config("two", `null`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
			},
			outOfBandDeleteStep(t, addr, config("two", `null`), func(ctx context.Context, c *kong.Client) error {
				return c.SNIs.Delete(ctx, kong.String(id))
			}),
		}),
	})
}

// TestAccSNI_sameNameTwiceFailsAtPlan: Kong keeps SNI names unique, whether a kong_sni or a certificate's
// snis holds one, so two resources naming one fail at plan and write nothing.
func TestAccSNI_sameNameTwiceFailsAtPlan(t *testing.T) {
	name := randomName("sni-twice") + ".example"
	p := testcert.New(t, testcert.Options{})
	cert := fmt.Sprintf(`
resource "kong_certificate" "c" {
  cert = %s
  key  = %s
  %%s
}
`, heredoc(p.CertPEM), heredoc(p.KeyPEM))
	sni := func(label string) string {
		return fmt.Sprintf("resource \"kong_sni\" %q {\n  name = %q\n  certificate_id = \"6e0c8b1a-2f4d-4c3b-9a8e-7d6c5b4a3f21\"\n}\n", label, name)
	}
	cases := map[string]string{
		"two kong_sni":                fmt.Sprintf(cert, "") + sni("a") + sni("b"),
		"kong_sni and snis":           fmt.Sprintf(cert, fmt.Sprintf("snis = [%q]", name)) + sni("a"),
		"two certificates' snis list": fmt.Sprintf(cert, fmt.Sprintf("snis = [%q]", name)) + strings.Replace(fmt.Sprintf(cert, fmt.Sprintf("snis = [%q]", name)), `"c"`, `"d"`, 1),
	}
	for label, config := range cases {
		t.Run(label, func(t *testing.T) {
			testCase(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: config, PlanOnly: true,
					ExpectError: regexp.MustCompile(`Two resources would be the same Kong entity[\s\S]*` + regexp.QuoteMeta(name)),
				}},
			})
		})
	}
}

// TestAccSNI_takenFailsWithTheImportBlock: a name another certificate's SNI holds is not taken over.
func TestAccSNI_takenFailsWithTheImportBlock(t *testing.T) {
	name := randomName("sni-taken") + ".example"
	p := testcert.New(t, testcert.Options{})
	theirs, err := testKong(t).Certificates.Create(context.Background(), &kong.Certificate{
		Cert: kong.String(p.CertPEM), Key: kong.String(p.KeyPEM), SNIs: kong.StringSlice(name)})
	if err != nil {
		t.Fatal(err)
	}
	defer testKong(t).Certificates.Delete(context.Background(), theirs.ID) //nolint:errcheck
	sni, err := testKong(t).SNIs.Get(context.Background(), kong.String(name))
	if err != nil {
		t.Fatal(err)
	}
	shorten(t, &conflictGrace, 0)
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf("resource \"kong_sni\" \"ours\" {\n  name = %q\n  certificate_id = %q\n}\n", name, *theirs.ID),
			ExpectError: regexp.MustCompile(loosely(`Kong already has a SNI with name = "`+name+`"`) +
				`[\s\S]*to = kong_sni\.<name of this resource>[\s\S]*id = "` + *sni.ID + `"`),
		}},
	})
}

// TestAccCertificateChain is the whole chain of an https API in one configuration: a certificate, its SNI and
// an https route matching that SNI; the route's service, whose host is an upstream with a target, presenting
// a client certificate (also the upstream's) and verifying its backends with a CA certificate.
func TestAccCertificateChain(t *testing.T) {
	name := randomName("chain")
	server := testcert.New(t, testcert.Options{DNSNames: []string{"api." + name + ".example"}})
	client := testcert.New(t, testcert.Options{})
	ca := testcert.New(t, testcert.Options{CA: true})
	config := fmt.Sprintf(`
resource "kong_certificate" "server" {
  cert = %s
  key  = %s
}

resource "kong_sni" "api" {
  name           = "api.%[7]s.example"
  certificate_id = kong_certificate.server.id
}

resource "kong_certificate" "client" {
  cert           = %[3]s
  key_wo         = %[4]s
  key_wo_version = 1
}

resource "kong_ca_certificate" "upstream" {
  cert = %[5]s
}

resource "kong_upstream" "api" {
  name                  = "%[6]s.internal"
  client_certificate_id = kong_certificate.client.id
}

resource "kong_target" "api" {
  upstream_id = kong_upstream.api.id
  target      = "10.0.1.10:443"
}

resource "kong_service" "api" {
  name                  = %[6]q
  protocol              = "https"
  host                  = kong_upstream.api.name
  port                  = 443
  tls_verify            = true
  client_certificate_id = kong_certificate.client.id
  ca_certificates       = [kong_ca_certificate.upstream.id]
}

resource "kong_route" "api" {
  name       = %[6]q
  service_id = kong_service.api.id
  protocols  = ["https"]
  snis       = [kong_sni.api.name]
}
`, heredoc(server.CertPEM), heredoc(server.KeyPEM), heredoc(client.CertPEM), heredoc(client.KeyPEM), heredoc(ca.CertPEM), name, name)
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: resource.ComposeAggregateTestCheckFunc(testCheckGone("kong_certificate", getCertificate),
			testCheckGone("kong_ca_certificate", getCACertificate), testCheckGone("kong_sni", getSNI),
			testCheckGone("kong_upstream", getUpstream)),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: func(s *terraform.State) error {
					ids := map[string]string{}
					for _, addr := range []string{"kong_certificate.client", "kong_ca_certificate.upstream", "kong_certificate.server"} {
						ids[addr], _ = stateID(s, addr)
					}
					svc, err := testKong(t).Services.Get(context.Background(), kong.String(name))
					if err != nil {
						return err
					}
					if svc.ClientCertificate == nil || kong.StringValue(svc.ClientCertificate.ID) != ids["kong_certificate.client"] ||
						len(svc.CACertificates) != 1 || kong.StringValue(svc.CACertificates[0]) != ids["kong_ca_certificate.upstream"] {
						return fmt.Errorf("service holds %+v", svc)
					}
					// The service's host is the upstream, which has the target and the same client certificate.
					up := kongJSON(t, http.MethodGet, "/upstreams/"+name+".internal", nil)
					targets := kongJSON(t, http.MethodGet, "/upstreams/"+name+".internal/targets", nil)["data"].([]any)
					if kong.StringValue(svc.Host) != name+".internal" || at(up, "client_certificate", "id") != ids["kong_certificate.client"] ||
						len(targets) != 1 || targets[0].(map[string]any)["target"] != "10.0.1.10:443" {
						return fmt.Errorf("service host %s, upstream %v, targets %v", kong.StringValue(svc.Host), up, targets)
					}
					route, err := testKong(t).Routes.Get(context.Background(), kong.String(name))
					if err != nil {
						return err
					}
					if len(route.SNIs) != 1 || kong.StringValue(route.SNIs[0]) != "api."+name+".example" {
						return fmt.Errorf("route holds %+v", route.SNIs)
					}
					// The route's SNI selects the server certificate.
					if cert := kongCertificate(t, "api."+name+".example"); kong.StringValue(cert.ID) != ids["kong_certificate.server"] {
						return fmt.Errorf("the SNI names certificate %s", kong.StringValue(cert.ID))
					}
					return nil
				},
			},
			{Config: config, PlanOnly: true},
		},
	})
}
