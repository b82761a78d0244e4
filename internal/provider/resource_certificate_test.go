package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/testing/testcert"
)

func getCertificate(ctx context.Context, c *kong.Client, id string) error {
	_, err := c.Certificates.Get(ctx, kong.String(id))
	return err
}

func kongCertificate(t *testing.T, id string) *kong.Certificate {
	t.Helper()
	got, err := testKong(t).Certificates.Get(context.Background(), kong.String(id))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// pemBody is the base64 body of a PEM text, which no state may hold when it is a write-only key.
func pemBody(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[1:len(lines)-1], "")[:40]
}

// TestAccCertificate_lifecycle: a certificate with its SNIs, renewed in place, imported by id and by one of
// its SNI names, drift in set and unset attributes shown and reverted, attributes removed reset in Kong,
// and an out-of-band delete planned as a create.
func TestAccCertificate_lifecycle(t *testing.T) {
	name := randomName("cert")
	sniA, sniB := "a."+name+".example", "*."+name+".example"
	first, renewed := testcert.New(t, testcert.Options{}), testcert.New(t, testcert.Options{})
	alt := testcert.New(t, testcert.Options{Key: testcert.RSA})
	const addr = "kong_certificate.test"
	config := func(p *testcert.Pair, body string) string {
		return fmt.Sprintf(`
resource "kong_certificate" "test" {
  cert = %s
  key  = %s
  %s
}
`, heredoc(p.CertPEM), heredoc(p.KeyPEM), body)
	}
	full := config(first, fmt.Sprintf(`snis = [%q, %q]
  tags = ["edge"]`, sniA, sniB))
	renewedConfig := config(renewed, fmt.Sprintf(`snis = [%q]
  tags = ["edge"]`, sniA))
	var id string
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_certificate", getCertificate),
		Steps: slices.Concat([]resource.TestStep{
			{
				Config: full,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(randomIDPattern)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("snis"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact(sniA), knownvalue.StringExact(sniB)})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("key"), knownvalue.StringExact(first.KeyPEM)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("cert_alt"), knownvalue.Null()),
				},
				Check: func(s *terraform.State) error {
					id, _ = stateID(s, addr)
					if got := kongCertificate(t, sniB); kong.StringValue(got.ID) != id || kong.StringValue(got.Cert) != first.CertPEM {
						return fmt.Errorf("Kong holds %+v", got)
					}
					return nil
				},
			},
			{
				// A renewed certificate and key, and one SNI fewer: the same entity, rewritten.
				Config: renewedConfig,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error {
					got := kongCertificate(t, id)
					if kong.StringValue(got.Key) != renewed.KeyPEM || len(got.SNIs) != 1 || kong.StringValue(got.SNIs[0]) != sniA {
						return fmt.Errorf("Kong holds %+v", got)
					}
					if _, err := testKong(t).SNIs.Get(context.Background(), kong.String(sniB)); !kong.IsNotFoundErr(err) {
						return fmt.Errorf("the SNI left out is still in Kong: %w", err)
					}
					return nil
				},
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
			{
				// Kong addresses a certificate by any of its SNI names.
				ResourceName: addr, ImportState: true, ImportStateVerify: true, ImportStateId: sniA,
			},
			{
				// Drift in a set attribute (snis, tags) and in an unset one (cert_alt) shows and is reverted.
				PreConfig: func() {
					_, err := testKong(t).Certificates.Update(context.Background(), &kong.Certificate{ID: kong.String(id),
						SNIs: kong.StringSlice("c." + name + ".example"), Tags: kong.StringSlice("other"),
						CertAlt: kong.String(alt.CertPEM), KeyAlt: kong.String(alt.KeyPEM)})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: renewedConfig,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("cert_alt"), knownvalue.Null()),
					},
				},
				Check: func(*terraform.State) error {
					got := kongCertificate(t, id)
					if got.CertAlt != nil || got.KeyAlt != nil || len(got.SNIs) != 1 || kong.StringValue(got.SNIs[0]) != sniA || kong.StringValue(got.Tags[0]) != "edge" {
						return fmt.Errorf("drift not reverted: %+v", got)
					}
					return nil
				},
			},
			{
				// Tags removed and snis = [] reset them in Kong; an alternative RSA certificate is added.
				Config: config(renewed, fmt.Sprintf("snis = []\n  cert_alt = %s\n  key_alt = %s", heredoc(alt.CertPEM), heredoc(alt.KeyPEM))),
				Check: func(*terraform.State) error {
					got := kongCertificate(t, id)
					if len(got.SNIs) != 0 || len(got.Tags) != 0 || kong.StringValue(got.CertAlt) != alt.CertPEM {
						return fmt.Errorf("not reset: %+v", got)
					}
					return nil
				},
			},
			{
				// Removing the alternative pair resets it.
				Config: config(renewed, "snis = []"),
				Check: func(*terraform.State) error {
					if got := kongCertificate(t, id); got.CertAlt != nil || got.KeyAlt != nil {
						return fmt.Errorf("not reset: %+v", got)
					}
					return nil
				},
			},
		}, []resource.TestStep{
			outOfBandDeleteStep(t, addr, config(renewed, "snis = []"), func(ctx context.Context, c *kong.Client) error {
				return c.Certificates.Delete(ctx, kong.String(id))
			}),
		}),
	})
}

// TestAccCertificate_writeOnlyKey: a key given write-only reaches Kong but never the plan or state, and a
// renewal rotates it in place with its version.
func TestAccCertificate_writeOnlyKey(t *testing.T) {
	first, renewed := testcert.New(t, testcert.Options{}), testcert.New(t, testcert.Options{})
	const addr = "kong_certificate.test"
	config := func(p *testcert.Pair, version int, tags string) string {
		return fmt.Sprintf(`
resource "kong_certificate" "test" {
  cert           = %s
  key_wo         = %s
  key_wo_version = %d
  tags           = %s
}
`, heredoc(p.CertPEM), heredoc(p.KeyPEM), version, tags)
	}
	keyIs := func(want *testcert.Pair) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			id, _ := stateID(s, addr)
			if got := kongCertificate(t, id); kong.StringValue(got.Key) != want.KeyPEM {
				return fmt.Errorf("Kong holds another key")
			}
			return nil
		}
	}
	noKey := checkStateHoldsNone(addr, pemBody(first.KeyPEM), pemBody(renewed.KeyPEM))
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_certificate", getCertificate),
		Steps: []resource.TestStep{
			{
				Config: config(first, 1, `["a"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("key"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("key_wo"), knownvalue.Null()),
				},
				Check: resource.ComposeAggregateTestCheckFunc(noKey, keyIs(first)),
			},
			{
				// Another attribute changes; the write-only key is sent again and stays.
				Config: config(first, 1, `["b"]`),
				Check:  resource.ComposeAggregateTestCheckFunc(noKey, keyIs(first)),
			},
			{
				Config: config(renewed, 2, `["b"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(noKey, keyIs(renewed)),
			},
		},
	})
}

// TestAccCertificate_snisBySNIResources: a certificate that leaves snis unset keeps the SNIs kong_sni
// resources give it across its own updates, and shows them.
func TestAccCertificate_snisBySNIResources(t *testing.T) {
	name := randomName("cert-sni")
	p := testcert.New(t, testcert.Options{})
	config := func(tags string) string {
		return fmt.Sprintf(`
resource "kong_certificate" "c" {
  cert = %s
  key  = %s
  tags = %s
}

resource "kong_sni" "a" {
  name           = "a.%[4]s.example"
  certificate_id = kong_certificate.c.id
}

resource "kong_sni" "b" {
  name           = "b.%[4]s.example"
  certificate_id = kong_certificate.c.id
}
`, heredoc(p.CertPEM), heredoc(p.KeyPEM), tags, name)
	}
	both := knownvalue.SetExact([]knownvalue.Check{
		knownvalue.StringExact("a." + name + ".example"), knownvalue.StringExact("b." + name + ".example")})
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_certificate", getCertificate),
		Steps: []resource.TestStep{
			{Config: config(`["one"]`)},
			{
				// The refresh shows the SNIs in the certificate, without a change to plan.
				Config: config(`["one"]`), PlanOnly: true,
			},
			{
				Config: config(`["two"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("kong_certificate.c", tfjsonpath.New("snis"), both),
				},
				Check: func(s *terraform.State) error {
					id, _ := stateID(s, "kong_certificate.c")
					if got := kongCertificate(t, id); len(got.SNIs) != 2 {
						return fmt.Errorf("the certificate's update dropped the SNIs: %+v", got.SNIs)
					}
					return nil
				},
			},
		},
	})
}

// TestAccCertificate_takenSNIFailsWithTheImportBlock: an SNI name another certificate holds is never taken
// over: the create names that certificate, with the import block, and leaves it as it was.
func TestAccCertificate_takenSNIFailsWithTheImportBlock(t *testing.T) {
	name := randomName("cert-taken") + ".example"
	p := testcert.New(t, testcert.Options{})
	theirs, err := testKong(t).Certificates.Create(context.Background(), &kong.Certificate{
		Cert: kong.String(p.CertPEM), Key: kong.String(p.KeyPEM), SNIs: kong.StringSlice(name)})
	if err != nil {
		t.Fatal(err)
	}
	defer testKong(t).Certificates.Delete(context.Background(), theirs.ID) //nolint:errcheck
	shorten(t, &conflictGrace, 0)
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf("resource \"kong_certificate\" \"ours\" {\n  cert = %s  key = %s  snis = [%q]\n}\n",
				heredoc(p.CertPEM), heredoc(p.KeyPEM), name),
			ExpectError: regexp.MustCompile(loosely(`Kong already has a certificate with the SNI "`+name+`"`) +
				`[\s\S]*to = kong_certificate\.<name of this resource>[\s\S]*id = "` + *theirs.ID + `"`),
		}},
	})
	if got := kongCertificate(t, *theirs.ID); len(got.SNIs) != 1 || kong.StringValue(got.SNIs[0]) != name {
		t.Fatalf("the holder lost its SNI: %+v", got.SNIs)
	}
}

// TestAccCertificate_invalidFailsAtPlan: what Kong would refuse fails at plan, on the attribute.
func TestAccCertificate_invalidFailsAtPlan(t *testing.T) {
	ec, other := testcert.New(t, testcert.Options{}), testcert.New(t, testcert.Options{})
	rsaPair := testcert.New(t, testcert.Options{Key: testcert.RSA})
	pub := publicPEM(t, ec.Key.Public())
	cert := func(p *testcert.Pair) string { return "cert = " + heredoc(p.CertPEM) }
	key := func(p *testcert.Pair) string { return "key = " + heredoc(p.KeyPEM) }
	cases := map[string]struct{ body, want string }{
		"garbage certificate":     {`cert = "not a certificate"` + "\n" + key(ec), `Invalid certificate[\s\S]*not a PEM certificate`},
		"key as certificate":      {"cert = " + heredoc(ec.KeyPEM) + key(ec), `Invalid certificate[\s\S]*private key`},
		"garbage key":             {cert(ec) + `key = "-----BEGIN PRIVATE KEY-----"`, `Invalid private key`},
		"public key as key":       {cert(ec) + "key = " + heredoc(pub), `not a private key`},
		"key of another cert":     {cert(ec) + key(other), `Key does not match the certificate[\s\S]*not the private key`},
		"write-only key mismatch": {cert(ec) + "key_wo = " + heredoc(other.KeyPEM) + "key_wo_version = 1", `(?s)key_wo.*Key does not match|Key does not match.*key_wo`},
		"no key":                  {cert(ec), `(?s)key.*key_wo|No attribute specified`},
		"both keys":               {cert(ec) + key(ec) + "key_wo = " + heredoc(ec.KeyPEM) + "key_wo_version = 1", `(?s)key_wo`},
		"key_wo without version":  {cert(ec) + "key_wo = " + heredoc(ec.KeyPEM), `key_wo_version`},
		"alt without its key":     {cert(ec) + key(ec) + "cert_alt = " + heredoc(rsaPair.CertPEM), `Missing alternative key`},
		"alt key without cert":    {cert(ec) + key(ec) + "key_alt = " + heredoc(rsaPair.KeyPEM), `Missing alternative certificate`},
		"alt of the same type":    {cert(ec) + key(ec) + "cert_alt = " + heredoc(other.CertPEM) + "key_alt = " + heredoc(other.KeyPEM), `Alternative certificate of the same type`},
		"alt key mismatch":        {cert(ec) + key(ec) + "cert_alt = " + heredoc(rsaPair.CertPEM) + "key_alt = " + heredoc(other.KeyPEM), `Key does not match the certificate`},
		"sni wildcard in middle":  {cert(ec) + key(ec) + `snis = ["foo.*.example.com"]`, `Invalid SNI`},
		"sni with port":           {cert(ec) + key(ec) + `snis = ["a.example.com:443"]`, `Invalid SNI`},
		"null sni":                {cert(ec) + key(ec) + `snis = [null]`, `null`},
	}
	for label, tc := range cases {
		t.Run(label, func(t *testing.T) {
			testCase(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      "resource \"kong_certificate\" \"test\" {\n" + tc.body + "\n}\n",
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}
