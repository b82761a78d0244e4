package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/keymaterial"
	"github.com/kongform/terraform-provider-kong/internal/testing/testcert"
)

func getCACertificate(ctx context.Context, c *kong.Client, id string) error {
	_, err := c.CACertificates.Get(ctx, kong.String(id))
	return err
}

func caConfig(p *testcert.Pair, tags string) string {
	return fmt.Sprintf(`
resource "kong_ca_certificate" "test" {
  cert = %s
  tags = %s
}
`, heredoc(p.CertPEM), tags)
}

// TestAccCACertificate_lifecycle: the digest is planned before Kong computes it, a new certificate and tags
// rewrite the same entity, import by id, drift and an out-of-band delete.
func TestAccCACertificate_lifecycle(t *testing.T) {
	ca, renewed := testcert.New(t, testcert.Options{CA: true}), testcert.New(t, testcert.Options{CA: true})
	const addr = "kong_ca_certificate.test"
	var id string
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_ca_certificate", getCACertificate),
		Steps: []resource.TestStep{
			{
				Config: caConfig(ca, `["a"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("cert_digest"), knownvalue.StringExact(keymaterial.CertificateDigest(ca.CertPEM))),
				}},
				Check: func(s *terraform.State) error {
					id, _ = stateID(s, addr)
					got, err := testKong(t).CACertificates.Get(context.Background(), kong.String(id))
					if err != nil || kong.StringValue(got.CertDigest) != keymaterial.CertificateDigest(ca.CertPEM) {
						return fmt.Errorf("Kong holds %+v (%w)", got, err)
					}
					return nil
				},
			},
			{
				Config: caConfig(renewed, `null`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("cert_digest"), knownvalue.StringExact(keymaterial.CertificateDigest(renewed.CertPEM))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), knownvalue.Null()),
				},
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
			{
				ResourceName: addr, ImportState: true, ImportStateId: "a-name",
				ExpectError: regexp.MustCompile(`Invalid import id[\s\S]*by its id`),
			},
			{
				// Tags added outside Terraform, where the configuration has none, are drift.
				PreConfig: func() {
					if _, err := testKong(t).CACertificates.Update(context.Background(), &kong.CACertificate{ID: kong.String(id), Tags: kong.StringSlice("x")}); err != nil {
						t.Fatal(err)
					}
				},
				Config: caConfig(renewed, `null`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
			},
			outOfBandDeleteStep(t, addr, caConfig(renewed, `null`), func(ctx context.Context, c *kong.Client) error {
				return c.CACertificates.Delete(ctx, kong.String(id))
			}),
		},
	})
}

// TestAccCACertificate_invalidFailsAtPlan: a leaf, a bundle, garbage and an expired certificate fail at plan.
func TestAccCACertificate_invalidFailsAtPlan(t *testing.T) {
	ca := testcert.New(t, testcert.Options{CA: true})
	leaf := testcert.New(t, testcert.Options{Issuer: ca})
	expired := testcert.New(t, testcert.Options{CA: true, NotBefore: time.Now().Add(-48 * time.Hour), NotAfter: time.Now().Add(-24 * time.Hour)})
	cases := map[string]struct{ cert, want string }{
		"a leaf":       {heredoc(leaf.CertPEM), `Invalid CA certificate[\s\S]*not a CA certificate`},
		"a bundle":     {heredoc(leaf.CertPEM + ca.CertPEM), `Invalid CA certificate[\s\S]*more than one certificate`},
		"garbage":      {`"MIIB"`, `Invalid CA certificate[\s\S]*not a PEM certificate`},
		"expired":      {heredoc(expired.CertPEM), `Expired CA certificate[\s\S]*expired on`},
		"a key, not a": {heredoc(ca.KeyPEM), `private key`},
	}
	for label, tc := range cases {
		t.Run(label, func(t *testing.T) {
			testCase(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      "resource \"kong_ca_certificate\" \"test\" {\n  cert = " + tc.cert + "\n}\n",
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}

// TestAccCACertificate_takenFailsWithTheImportBlock: a certificate Kong already holds under another entity
// is never written over: the create names the holder, found by its digest, with the import block.
func TestAccCACertificate_takenFailsWithTheImportBlock(t *testing.T) {
	ca := testcert.New(t, testcert.Options{CA: true})
	theirs, err := testKong(t).CACertificates.Create(context.Background(), &kong.CACertificate{Cert: kong.String(ca.CertPEM)})
	if err != nil {
		t.Fatal(err)
	}
	defer testKong(t).CACertificates.Delete(context.Background(), theirs.ID) //nolint:errcheck
	shorten(t, &conflictGrace, 0)
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: caConfig(ca, `null`),
			ExpectError: regexp.MustCompile(loosely(`Kong already has a CA certificate with this certificate`) +
				`[\s\S]*to = kong_ca_certificate\.<name of this resource>[\s\S]*id = "` + *theirs.ID + `"`),
		}},
	})
}
