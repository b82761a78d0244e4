package provider

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"regexp"
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
)

func getJWT(ctx context.Context, c *kong.Client, id string) error {
	_, err := c.JWTAuths.GetByID(ctx, kong.String(id))
	return err
}

func publicPEM(t *testing.T, pub any) string {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

// heredoc puts a PEM or JSON text into HCL unchanged.
func heredoc(s string) string { return "<<-EOT\n" + strings.TrimSpace(s) + "\nEOT\n" }

func kongJWT(t *testing.T, id string) *kong.JWTAuth {
	t.Helper()
	got, err := testKong(t).JWTAuths.GetByID(context.Background(), kong.String(id))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestAccConsumerJWT_lifecycle: an RS256 credential whose key is an issuer URL, updated in place, imported by
// id and by consumer/key, drift shown and reverted, attributes removed go back to Kong's defaults, and an
// out-of-band delete planned as a create.
func TestAccConsumerJWT_lifecycle(t *testing.T) {
	name := randomName("jwt")
	issuer := "https://idp.example.com/realms/" + name
	keys := testRSAKeys()
	const addr = "kong_consumer_jwt.test"
	config := func(body string) string {
		return fmt.Sprintf(`
resource "kong_consumer" "c" {
  username = %q
}

resource "kong_consumer_jwt" "test" {
  consumer_id = kong_consumer.c.id
  key         = %q
  %s
}
`, name, issuer, body)
	}
	rs256 := func(pub *rsa.PublicKey, extra string) string {
		return "algorithm = \"RS256\"\n  " + extra + "\n  rsa_public_key = " + heredoc(publicPEM(t, pub))
	}
	sameID := statecheck.CompareValue(compare.ValuesSame())
	var id string
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_consumer_jwt", getJWT),
		Steps: []resource.TestStep{
			{
				Config: config(rs256(&keys[0].PublicKey, `tags = ["ui"]`)),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("key"), knownvalue.StringExact(issuer)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("secret_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
				},
				Check: func(s *terraform.State) error {
					id, _ = stateID(s, addr)
					if got := kongJWT(t, id); kong.StringValue(got.Algorithm) != "RS256" || kong.StringValue(got.RSAPublicKey) != publicPEM(t, &keys[0].PublicKey) {
						return fmt.Errorf("Kong holds %+v", got)
					}
					return nil
				},
			},
			{
				// A new key and tags rewrite the same credential.
				Config: config(rs256(&keys[1].PublicKey, `tags = ["ui", "idp"]`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(addr, tfjsonpath.New("id"))},
				Check: func(*terraform.State) error {
					if got := kongJWT(t, id); kong.StringValue(got.RSAPublicKey) != publicPEM(t, &keys[1].PublicKey) || len(got.Tags) != 2 {
						return fmt.Errorf("Kong holds %+v", got)
					}
					return nil
				},
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
			{
				// The key is an issuer URL with slashes: everything after the consumer is the key.
				ResourceName: addr, ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return name + "/" + issuer, nil },
			},
			{
				ResourceName: addr, ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return name + "/" + id, nil },
			},
			{
				// Changes made outside Terraform show in the plan and are reverted.
				PreConfig: func() {
					cred := &kong.JWTAuth{ID: kong.String(id), Algorithm: kong.String("RS512"), RSAPublicKey: kong.String(publicPEM(t, &keys[2].PublicKey))}
					if _, err := testKong(t).JWTAuths.Update(context.Background(), kong.String(name), cred); err != nil {
						t.Fatal(err)
					}
				},
				Config: config(rs256(&keys[1].PublicKey, `tags = ["ui", "idp"]`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("algorithm"), knownvalue.StringExact("RS256")),
					},
				},
				Check: func(*terraform.State) error {
					if got := kongJWT(t, id); kong.StringValue(got.Algorithm) != "RS256" || kong.StringValue(got.RSAPublicKey) != publicPEM(t, &keys[1].PublicKey) {
						return fmt.Errorf("drift not reverted: %+v", got)
					}
					return nil
				},
			},
			{
				// Removing algorithm, rsa_public_key and tags resets them in Kong; the key stays.
				Config: config(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("algorithm"), knownvalue.StringExact("HS256")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("rsa_public_key"), knownvalue.Null()),
				},
				Check: func(*terraform.State) error {
					got := kongJWT(t, id)
					if kong.StringValue(got.Algorithm) != "HS256" || got.RSAPublicKey != nil || len(got.Tags) != 0 || kong.StringValue(got.Key) != issuer {
						return fmt.Errorf("not reset: %+v", got)
					}
					return nil
				},
			},
			{
				// A public key added outside Terraform is drift too.
				PreConfig: func() {
					cred := &kong.JWTAuth{ID: kong.String(id), RSAPublicKey: kong.String(publicPEM(t, &keys[2].PublicKey))}
					if _, err := testKong(t).JWTAuths.Update(context.Background(), kong.String(name), cred); err != nil {
						t.Fatal(err)
					}
				},
				Config: config(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
			},
			{
				PreConfig: func() {
					if err := testKong(t).JWTAuths.Delete(context.Background(), kong.String(name), kong.String(id)); err != nil {
						t.Fatal(err)
					}
				},
				Config: config(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// TestAccConsumerJWT_writeOnlySecret: the HMAC secret reaches Kong but never the state, rotates in place
// with its version, survives updates of other attributes, and leaving it lets Kong generate a new one,
// which later updates keep.
func TestAccConsumerJWT_writeOnlySecret(t *testing.T) {
	name := randomName("jwt-wo")
	const addr = "kong_consumer_jwt.test"
	config := func(secret string, version int, tags string) string {
		wo := ""
		if secret != "" {
			wo = fmt.Sprintf("secret_wo = %q\n  secret_wo_version = %d", secret, version)
		}
		return fmt.Sprintf(`
resource "kong_consumer" "c" {
  username = %q
}

resource "kong_consumer_jwt" "test" {
  consumer_id = kong_consumer.c.id
  tags        = %s
  %s
}
`, name, tags, wo)
	}
	var id, generated string
	secretIs := func(want string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			id, _ = stateID(s, addr)
			if got := kong.StringValue(kongJWT(t, id).Secret); got != want {
				return fmt.Errorf("Kong's secret is %.4s..., want %.4s...", got, want)
			}
			return nil
		}
	}
	noSecretInState := checkStateHoldsNone(addr, "first-secret-", "second-secret-")
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_consumer_jwt", getJWT),
		Steps: []resource.TestStep{
			{
				Config: config("first-secret-0123456789", 1, `["a"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("secret_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("algorithm"), knownvalue.StringExact("HS256")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(noSecretInState, secretIs("first-secret-0123456789"),
					func(s *terraform.State) error {
						if len(s.RootModule().Resources[addr].Primary.Attributes["key"]) != 32 {
							return fmt.Errorf("Kong's generated key is not in the state")
						}
						return nil
					}),
			},
			{
				Config: config("second-secret-0123456789", 2, `["a"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(noSecretInState, secretIs("second-secret-0123456789")),
			},
			{
				Config: config("second-secret-0123456789", 2, `["b"]`),
				Check:  resource.ComposeAggregateTestCheckFunc(noSecretInState, secretIs("second-secret-0123456789")),
			},
			{
				// Leaving the write-only secret: Kong generates a new one, so the old one stops working.
				Config: config("", 0, `["b"]`),
				Check: func(s *terraform.State) error {
					id, _ = stateID(s, addr)
					generated = kong.StringValue(kongJWT(t, id).Secret)
					if generated == "" || generated == "second-secret-0123456789" {
						return fmt.Errorf("the write-only secret is still in Kong")
					}
					return nil
				},
			},
			{
				// An update keeps the secret Kong generated.
				Config: config("", 0, `["c"]`),
				Check:  func(s *terraform.State) error { return secretIs(generated)(s) },
			},
		},
	})
}

func TestAccConsumerJWT_invalidFailsAtPlan(t *testing.T) {
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	rsaPEM := publicPEM(t, &testRSAKeys()[0].PublicKey)
	privDER, _ := x509.MarshalECPrivateKey(ec)
	privPEM := string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: privDER}))
	cases := []struct{ name, body, want string }{
		{"RS256 without key", `algorithm = "RS256"`, `Missing public key`},
		{"ES256 without key", `algorithm = "ES256"`, `Missing public key`},
		{"not PEM", "algorithm = \"RS256\"\n  rsa_public_key = \"MIIBIjANBg\"", `Invalid rsa_public_key`},
		{"private key", "algorithm = \"ES256\"\n  rsa_public_key = " + heredoc(privPEM), `it is a private key`},
		{"EC key for RS256", "algorithm = \"RS256\"\n  rsa_public_key = " + heredoc(publicPEM(t, &ec.PublicKey)), `does not fit the algorithm`},
		{"RSA key for ES256", "algorithm = \"ES256\"\n  rsa_public_key = " + heredoc(rsaPEM), `an EC key on P-256`},
		{"unknown algorithm", `algorithm = "none"`, `value must be one of`},
		{"secret without version", `secret_wo = "s"`, `secret_wo_version`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			testCase(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: "resource \"kong_consumer_jwt\" \"test\" {\n  consumer_id = \"9b2e6f2a-3f59-4b9c-8a3b-0d7b1c1e2f3a\"\n  " +
						tc.body + "\n}\n",
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}
