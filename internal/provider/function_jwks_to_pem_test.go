package provider

import (
	"context"
	"crypto/rsa"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/kong/go-kong/kong"
)

// expectCreatesAndDestroys checks how many resource instances a plan creates and destroys (a replacement
// counts as both), and that it changes nothing else.
type expectCreatesAndDestroys struct{ creates, destroys int }

func (e expectCreatesAndDestroys) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	creates, destroys := 0, 0
	for _, rc := range req.Plan.ResourceChanges {
		a := rc.Change.Actions
		switch {
		case a.Create():
			creates++
		case a.Delete():
			destroys++
		case a.Replace():
			creates++
			destroys++
		case a.Update():
			resp.Error = errors.Join(resp.Error, fmt.Errorf("%s is updated", rc.Address))
		}
	}
	if creates != e.creates || destroys != e.destroys {
		resp.Error = errors.Join(resp.Error, fmt.Errorf("plan creates %d and destroys %d, want %d and %d", creates, destroys, e.creates, e.destroys))
	}
}

// kongStateCheck runs check after a step. The legacy Check functions cannot read a state with for_each
// instances, so Kong is checked from a state check instead.
type kongStateCheck func() error

func (c kongStateCheck) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = c()
}

// TestAccJWKSToPEM_rotation: a JWKS of two signing keys (and an encryption key, left out) becomes one
// kong_consumer_jwt per kid through for_each; when the identity provider replaces one key, the plan creates
// exactly one credential and destroys exactly one, and the kept key's credential is untouched.
func TestAccJWKSToPEM_rotation(t *testing.T) {
	name := randomName("jwks")
	k := testRSAKeys()
	encKey := rsaJWK("enc-1", &k[2].PublicKey)
	encKey["use"] = "enc"
	config := func(keys ...map[string]any) string {
		return fmt.Sprintf(`
locals {
  jwks = %s
}

resource "kong_consumer" "ui" {
  username = %q
}

resource "kong_consumer_jwt" "idp" {
  for_each       = provider::kong::jwks_to_pem(local.jwks)
  consumer_id    = kong_consumer.ui.id
  key            = "%s-${each.key}"
  algorithm      = "RS256"
  rsa_public_key = each.value
}
`, heredoc(jwksDoc(t, append(keys, encKey)...)), name, name)
	}
	keyOf := func(kid string, pub *rsa.PublicKey) func() error {
		return func() error {
			got, err := testKong(t).JWTAuths.Get(context.Background(), kong.String(name), kong.String(name+"-"+kid))
			if err != nil {
				return err
			}
			if kong.StringValue(got.RSAPublicKey) != publicPEM(t, pub) {
				return fmt.Errorf("credential %s holds another key", kid)
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config(rsaJWK("2024-a", &k[0].PublicKey), rsaJWK("2024-b", &k[1].PublicKey)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{expectCreatesAndDestroys{creates: 3}}, // the consumer and two credentials
				},
				ConfigStateChecks: []statecheck.StateCheck{kongStateCheck(func() error {
					if err := keyOf("2024-a", &k[0].PublicKey)(); err != nil {
						return err
					}
					if err := keyOf("2024-b", &k[1].PublicKey)(); err != nil {
						return err
					}
					if err := keyOf("enc-1", &k[2].PublicKey)(); !kong.IsNotFoundErr(err) {
						return fmt.Errorf("the encryption key became a credential (%w)", err)
					}
					return nil
				})},
			},
			{
				// Key 2024-a is retired and 2025-a published.
				Config: config(rsaJWK("2024-b", &k[1].PublicKey), rsaJWK("2025-a", &k[0].PublicKey)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						expectCreatesAndDestroys{creates: 1, destroys: 1},
						plancheck.ExpectResourceAction(`kong_consumer_jwt.idp["2024-a"]`, plancheck.ResourceActionDestroy),
						plancheck.ExpectResourceAction(`kong_consumer_jwt.idp["2025-a"]`, plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction(`kong_consumer_jwt.idp["2024-b"]`, plancheck.ResourceActionNoop),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{kongStateCheck(func() error {
					if err := keyOf("2025-a", &k[0].PublicKey)(); err != nil {
						return err
					}
					if err := keyOf("2024-b", &k[1].PublicKey)(); err != nil {
						return err
					}
					if err := keyOf("2024-a", &k[0].PublicKey)(); !kong.IsNotFoundErr(err) {
						return fmt.Errorf("the retired key's credential is still in Kong (%w)", err)
					}
					return nil
				})},
			},
			{
				// With no signing key left, both credentials go. This also leaves no for_each instance for the
				// testing framework's final destroy, whose legacy state cannot hold them.
				Config: config(),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{expectCreatesAndDestroys{destroys: 2}},
				},
			},
		},
	})
}

func TestAccJWKSToPEM_errors(t *testing.T) {
	cases := []struct{ name, jwks, want string }{
		{"no keys", `{}`, `no "keys" array`},
		{"no kid", `{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB"}]}`, `keys\[0\] has no kid`},
		{"small modulus", `{"keys":[{"kty":"RSA","kid":"x","n":"AQAB","e":"AQAB"}]}`, `keys\[0\] \(kid "x"\): the RSA modulus`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: fmt.Sprintf(`
output "keys" {
  value = provider::kong::jwks_to_pem(%q)
}
`, tc.jwks),
					PlanOnly: true,
					// Terraform wraps long messages anywhere a space is.
					ExpectError: regexp.MustCompile(strings.ReplaceAll(tc.want, " ", `\s+`)),
				}},
			})
		})
	}
}
