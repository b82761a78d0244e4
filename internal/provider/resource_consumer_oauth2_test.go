package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/kong/go-kong/kong"
)

func getOAuth2(ctx context.Context, c *kong.Client, id string) error {
	_, err := c.Oauth2Credentials.GetByID(ctx, kong.String(id))
	return err
}

func kongOAuth2(t *testing.T, id string) *kong.Oauth2Credential {
	t.Helper()
	got, err := testKong(t).Oauth2Credentials.GetByID(context.Background(), kong.String(id))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestAccConsumerOAuth2_lifecycle: Kong's generated client id and secret are kept by updates; a write-only
// secret reaches Kong (hashed with hash_secret) but never the state; drift shows and is reverted; removed
// attributes reset to Kong's defaults; import by id and consumer/client_id; out-of-band delete.
func TestAccConsumerOAuth2_lifecycle(t *testing.T) {
	name := randomName("oauth2")
	const addr = "kong_consumer_oauth2.test"
	config := func(body string) string {
		return fmt.Sprintf(`
resource "kong_consumer" "c" {
  username = %[1]q
}

resource "kong_consumer_oauth2" "test" {
  consumer_id = kong_consumer.c.id
  name        = "%[1]s-app"
  %[2]s
}
`, name, body)
	}
	var id, consumerID, clientID, generated string
	read := func(s *terraform.State) *kong.Oauth2Credential {
		rs := s.RootModule().Resources[addr].Primary
		id, consumerID = rs.ID, rs.Attributes["consumer_id"]
		return kongOAuth2(t, id)
	}
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)}}
	full := `redirect_uris = ["https://app.example.com/cb", "com.example.app://cb"]
  client_type   = "public"
  tags          = ["a"]`
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_consumer_oauth2", getOAuth2),
		Steps: []resource.TestStep{
			{
				Config: config(full),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("hash_secret"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_type"), knownvalue.StringExact("public")),
				},
				Check: func(s *terraform.State) error {
					got := read(s)
					clientID, generated = kong.StringValue(got.ClientID), kong.StringValue(got.ClientSecret)
					if s.RootModule().Resources[addr].Primary.Attributes["client_id"] != clientID || len(clientID) != 32 || generated == "" {
						return fmt.Errorf("Kong holds %+v", got)
					}
					return checkStateHoldsNone(addr, generated)(s)
				},
			},
			{
				// An update keeps the generated client id and secret.
				Config:           config(strings.Replace(full, `["a"]`, `["a", "b"]`, 1)),
				ConfigPlanChecks: update,
				Check: func(s *terraform.State) error {
					if got := read(s); kong.StringValue(got.ClientID) != clientID || kong.StringValue(got.ClientSecret) != generated || len(got.Tags) != 2 {
						return fmt.Errorf("Kong holds %+v", got)
					}
					return nil
				},
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
			{
				ResourceName: addr, ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return name + "/" + clientID, nil },
			},
			{
				// A write-only secret, hashed by Kong, and a client id of our own.
				Config: config(`client_id = "` + name + `-client"
  client_secret_wo = "first-secret-0123"
  client_secret_wo_version = 1
  hash_secret = true`),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_secret_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_type"), knownvalue.StringExact("confidential")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("redirect_uris"), knownvalue.Null()),
				},
				Check: func(s *terraform.State) error {
					got := read(s)
					if !strings.HasPrefix(kong.StringValue(got.ClientSecret), "$pbkdf2-sha512$") || kong.StringValue(got.ClientID) != name+"-client" ||
						len(got.RedirectURIs) != 0 || kong.StringValue(got.ClientType) != "confidential" || len(got.Tags) != 0 {
						return fmt.Errorf("Kong holds %+v", got)
					}
					return checkStateHoldsNone(addr, "first-secret-", kong.StringValue(got.ClientSecret))(s)
				},
			},
			{
				// Drift: client_type, redirect_uris and hash_secret changed outside Terraform.
				PreConfig: func() {
					cred := &kong.Oauth2Credential{ID: kong.String(id), ClientType: kong.String("public"), HashSecret: kong.Bool(false),
						ClientSecret: kong.String("intruder"), RedirectURIs: kong.StringSlice("https://evil.example.com")}
					if _, err := testKong(t).Oauth2Credentials.Update(context.Background(), kong.String(consumerID), cred); err != nil {
						t.Fatal(err)
					}
				},
				Config: config(`client_id = "` + name + `-client"
  client_secret_wo = "first-secret-0123"
  client_secret_wo_version = 1
  hash_secret = true`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("client_type"), knownvalue.StringExact("confidential")),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("hash_secret"), knownvalue.Bool(true)),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("redirect_uris"), knownvalue.Null()),
				}},
				Check: func(s *terraform.State) error {
					if got := read(s); !strings.HasPrefix(kong.StringValue(got.ClientSecret), "$pbkdf2-sha512$") || len(got.RedirectURIs) != 0 {
						return fmt.Errorf("drift not reverted: %+v", got)
					}
					return nil
				},
			},
			{
				// An empty list of redirect URIs is kept as written.
				Config: config(`client_id = "` + name + `-client"
  client_secret_wo = "second-secret-0123"
  client_secret_wo_version = 2
  redirect_uris = []`),
				ConfigPlanChecks: update,
				Check: func(s *terraform.State) error {
					if got := read(s); kong.StringValue(got.ClientSecret) != "second-secret-0123" || deref(got.HashSecret) {
						return fmt.Errorf("rotation: Kong holds %+v", got)
					}
					return nil
				},
			},
			{
				PreConfig: func() {
					if err := testKong(t).Oauth2Credentials.Delete(context.Background(), kong.String(consumerID), kong.String(id)); err != nil {
						t.Fatal(err)
					}
				},
				Config: config(`client_id = "` + name + `-client"
  client_secret_wo = "second-secret-0123"
  client_secret_wo_version = 2
  redirect_uris = []`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// A client_id held by another consumer's credential fails the create naming the holder; two resources with
// one client_id fail at plan.
func TestAccConsumerOAuth2_ownership(t *testing.T) {
	name := randomName("oauth2-own")
	expectPlanError(t, fmt.Sprintf(`
resource "kong_consumer_oauth2" "a" {
  consumer_id = "9b2e6f2a-3f59-4b9c-8a3b-0d7b1c1e2f3a"
  name        = "a"
  client_id   = %[1]q
}

resource "kong_consumer_oauth2" "b" {
  consumer_id = "9b2e6f2a-3f59-4b9c-8a3b-0d7b1c1e2f3a"
  name        = "b"
  client_id   = %[1]q
}
`, name), `Two resources would be the same Kong entity`)

	ctx := context.Background()
	theirs, err := testKong(t).Consumers.Create(ctx, &kong.Consumer{Username: kong.String(name + "-theirs")})
	if err != nil {
		t.Fatal(err)
	}
	defer testKong(t).Consumers.Delete(ctx, theirs.ID) //nolint:errcheck
	held, err := testKong(t).Oauth2Credentials.Create(ctx, theirs.ID, &kong.Oauth2Credential{Name: kong.String("theirs"), ClientID: kong.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	shorten(t, &conflictGrace, 0)
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "kong_consumer" "c" {
  username = %[1]q
}

resource "kong_consumer_oauth2" "test" {
  consumer_id = kong_consumer.c.id
  name        = "ours"
  client_id   = %[1]q
}
`, name),
			ExpectError: regexp.MustCompile(loosely(`Kong already has a oauth2 credential with client_id = "`+name+`"`) +
				`[\s\S]*id = "` + *held.ID + `"`),
		}},
	})
	if got := kongOAuth2(t, *held.ID); kong.StringValue(got.Name) != "theirs" || kong.StringValue(got.Consumer.ID) != *theirs.ID {
		t.Errorf("the holder was changed: %+v", got)
	}
}

func TestAccConsumerOAuth2_invalidFailsAtPlan(t *testing.T) {
	const consumer = "consumer_id = \"9b2e6f2a-3f59-4b9c-8a3b-0d7b1c1e2f3a\"\n  "
	cases := []struct{ name, body, want string }{
		{"no name", consumer, `The argument "name" is required`},
		{"hashed generated secret", consumer + "name = \"a\"\n  hash_secret = true", `(?s)hash_secret.*needs client_secret_wo`},
		{"relative redirect", consumer + "name = \"a\"\n  redirect_uris = [\"/cb\"]", `(?s)Invalid redirect URI.*"/cb" is not an absolute URI`},
		{"redirect without host", consumer + "name = \"a\"\n  redirect_uris = [\"https://ok.example.com\", \"myapp:cb\"]", `(?s)Invalid redirect URI.*"myapp:cb" is not an absolute URI`},
		{"redirect with fragment", consumer + "name = \"a\"\n  redirect_uris = [\"https://a.example.com/cb#x\"]", `has a fragment`},
		{"null redirect", consumer + "name = \"a\"\n  redirect_uris = [null]", `(?s)redirect_uris.*null`},
		{"client type", consumer + "name = \"a\"\n  client_type = \"private\"", `(?s)client_type.*value must be one of`},
		{"empty client id", consumer + "name = \"a\"\n  client_id = \"\"", `(?s)client_id.*at least 1`},
		{"secret without version", consumer + "name = \"a\"\n  client_secret_wo = \"s\"", `client_secret_wo_version`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectPlanError(t, "resource \"kong_consumer_oauth2\" \"test\" {\n  "+tc.body+"\n}\n", tc.want)
		})
	}
}

// The oauth2 plugin's provision_key is an auto field: Kong generates it when the config leaves it out. It
// must not show as a difference, and an update must not replace it (clients' authorization servers use it).
func TestAccPlugin_oauth2GeneratedProvisionKey(t *testing.T) {
	name := randomName("oauth2-plugin")
	const addr = "kong_plugin.test"
	config := func(tags string) string {
		return fmt.Sprintf(`
resource "kong_service" "svc" {
  name = %q
  host = "example.com"
}

resource "kong_plugin" "test" {
  name       = "oauth2"
  service_id = kong_service.svc.id
  config     = { scopes = ["read"], enable_client_credentials = true }
  tags       = %s
}
`, name, tags)
	}
	var key string
	provisionKey := func(s *terraform.State) string {
		id, _ := stateID(s, addr)
		got, err := testKong(t).Plugins.Get(context.Background(), kong.String(id))
		if err != nil {
			t.Fatal(err)
		}
		k, _ := got.Config["provision_key"].(string)
		return k
	}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_plugin", getPlugin),
		Steps: []resource.TestStep{
			{
				Config: config(`["a"]`),
				Check: func(s *terraform.State) error {
					if key = provisionKey(s); len(key) != 32 {
						return fmt.Errorf("Kong generated no provision_key: %q", key)
					}
					return checkStateHoldsNone(addr, key)(s)
				},
			},
			{Config: config(`["a"]`), PlanOnly: true},
			{
				Config: config(`["b"]`),
				Check: func(s *terraform.State) error {
					if got := provisionKey(s); got != key {
						return fmt.Errorf("the update replaced the provision_key")
					}
					return nil
				},
			},
		},
	})
}
