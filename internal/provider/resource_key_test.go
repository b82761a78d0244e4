package provider

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
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

// testKeyPair is a P-256 key generated at run time, as PEM and as a private JWK.
type testKeyPair struct {
	privatePEM, publicPEM string
	jwk                   map[string]string // private: with "d"
}

func newTestKeyPair(t *testing.T, kid string) testKeyPair {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := k.PublicKey.ECDH()
	if err != nil {
		t.Fatal(err)
	}
	priv, err := k.ECDH()
	if err != nil {
		t.Fatal(err)
	}
	point, b64 := pub.Bytes(), base64.RawURLEncoding.EncodeToString
	return testKeyPair{
		privatePEM: string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})),
		publicPEM:  publicPEM(t, &k.PublicKey),
		jwk: map[string]string{"kty": "EC", "crv": "P-256", "kid": kid, "x": b64(point[1:33]), "y": b64(point[33:]),
			"d": b64(priv.Bytes())},
	}
}

// jwkJSON is the key's JWK as a JSON string; without "d" when public.
func (p testKeyPair) jwkJSON(t *testing.T, public bool) string {
	t.Helper()
	m := map[string]string{}
	for k, v := range p.jwk {
		if !public || k != "d" {
			m[k] = v
		}
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func getKey(ctx context.Context, c *kong.Client, id string) error {
	_, err := c.Keys.Get(ctx, kong.String(id))
	return err
}

func getKeySet(ctx context.Context, c *kong.Client, id string) error {
	_, err := c.KeySets.Get(ctx, kong.String(id))
	return err
}

func kongKey(t *testing.T, idOrName string) *kong.Key {
	t.Helper()
	got, err := testKong(t).Keys.Get(context.Background(), kong.String(idOrName))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// hclString quotes a value for HCL, escaping ${ and %{ too.
func hclString(s string) string {
	b, _ := json.Marshal(s)
	return strings.NewReplacer("${", "$${", "%{", "%%{").Replace(string(b))
}

// TestAccKey_pemLifecycle: a PEM key in a key set, updated in place, imported by id and by name, drift shown
// and reverted, removed attributes reset in Kong, an out-of-band delete of the key and then of its set
// planned as creates, and the set's name owned.
func TestAccKey_pemLifecycle(t *testing.T) {
	name := randomName("key")
	keys := newTestKeyPair(t, "")
	other := newTestKeyPair(t, "")
	const addr, setAddr = "kong_key.test", "kong_key_set.test"
	config := func(set, key string) string {
		return fmt.Sprintf(`
resource "kong_key_set" "test" {
  name = %q
  %s
}

resource "kong_key" "test" {
  set_id = kong_key_set.test.id
  kid    = "signing-1"
  %s
}
`, name, set, key)
	}
	full := func(public string) string {
		return config(`tags = ["idp"]`, fmt.Sprintf(`name = %q
  tags = ["idp"]
  pem = {
    private_key = %s
    public_key  = %s
  }`, name, hclString(keys.privatePEM), hclString(public)))
	}
	publicOnly := config("", fmt.Sprintf(`pem = {
    public_key = %s
  }`, hclString(keys.publicPEM)))
	sameID := statecheck.CompareValue(compare.ValuesSame())
	var id string
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_key", getKey),
		Steps: []resource.TestStep{
			{
				Config: full(keys.publicPEM),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					statecheck.CompareValuePairs(addr, tfjsonpath.New("set_id"), setAddr, tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("jwk"), knownvalue.Null()),
				},
				Check: func(s *terraform.State) error {
					id, _ = stateID(s, addr)
					got := kongKey(t, name)
					if kong.StringValue(got.ID) != id || kong.StringValue(got.PEM.PrivateKey) != keys.privatePEM || kong.StringValue(got.KID) != "signing-1" {
						return fmt.Errorf("Kong holds %+v", got)
					}
					return nil
				},
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
			{
				ResourceName: addr, ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return name, nil },
			},
			{ResourceName: setAddr, ImportState: true, ImportStateVerify: true},
			{
				ResourceName: setAddr, ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return name, nil },
			},
			{
				// Another public key that does not belong to the private key fails at plan.
				Config:      full(other.publicPEM),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`pem.public_key is not the public half of the private key`),
			},
			{
				// Drift: a public key and tags changed by hand show and are reverted.
				PreConfig: func() {
					k := kongKey(t, id)
					k.PEM.PublicKey = kong.String(other.publicPEM)
					k.PEM.PrivateKey = kong.String(other.privatePEM)
					k.Tags = nil
					if _, err := testKong(t).Keys.Create(context.Background(), k); err != nil {
						t.Fatal(err)
					}
				},
				Config: full(keys.publicPEM),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(addr, tfjsonpath.New("id"))},
				Check: func(*terraform.State) error {
					if got := kongKey(t, id); kong.StringValue(got.PEM.PrivateKey) != keys.privatePEM || len(got.Tags) != 1 {
						return fmt.Errorf("drift not reverted: %+v", got)
					}
					return nil
				},
			},
			{
				// Removing name, tags and the private key resets them in Kong.
				Config: publicOnly,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error {
					got := kongKey(t, id)
					if got.Name != nil || len(got.Tags) != 0 || got.PEM.PrivateKey != nil || kong.StringValue(got.PEM.PublicKey) != keys.publicPEM {
						return fmt.Errorf("not reset: %+v", got)
					}
					return nil
				},
			},
			{
				// A name given to the key outside Terraform, which the configuration leaves unset, is drift.
				PreConfig: func() {
					k := kongKey(t, id)
					k.Name = kong.String(name + "-oob")
					if _, err := testKong(t).Keys.Create(context.Background(), k); err != nil {
						t.Fatal(err)
					}
				},
				Config: publicOnly,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.Null()),
					},
				},
			},
			{
				PreConfig: func() {
					if err := testKong(t).Keys.Delete(context.Background(), kong.String(id)); err != nil {
						t.Fatal(err)
					}
				},
				Config: publicOnly,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
			},
			{
				// Deleting the set in Kong takes its keys with it: both are created again.
				PreConfig: func() {
					if err := testKong(t).KeySets.Delete(context.Background(), kong.String(name)); err != nil {
						t.Fatal(err)
					}
				},
				Config: publicOnly,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(setAddr, plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
					},
				},
			},
		},
	})
}

// TestAccKey_jwk: a public JWK, then a private one kept out of the state with jwk_wo, rotated by its
// version; the private member never reaches the state, and the data source shows only the public side.
func TestAccKey_jwk(t *testing.T) {
	name := randomName("jwk")
	keys := newTestKeyPair(t, "jwk-1")
	rotated := newTestKeyPair(t, "jwk-1")
	const addr = "kong_key.test"
	config := func(body string) string {
		return fmt.Sprintf(`
resource "kong_key" "test" {
  name = %q
  kid  = "jwk-1"
  %s
}

data "kong_key" "test" {
  name = kong_key.test.name
}
`, name, body)
	}
	kongJWK := func(want string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := kong.StringValue(kongKey(t, name).JWK); got != want {
				return fmt.Errorf("Kong's jwk is %.20s..., want %.20s...", got, want)
			}
			return nil
		}
	}
	noPrivate := func(k testKeyPair) resource.TestCheckFunc {
		return resource.ComposeAggregateTestCheckFunc(checkStateHoldsNone(addr, k.jwk["d"]), checkStateHoldsNone("data.kong_key.test", k.jwk["d"]))
	}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_key", getKey),
		Steps: []resource.TestStep{
			{
				Config: config("jwk = " + hclString(keys.jwkJSON(t, true))),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("jwk"), knownvalue.StringExact(keys.jwkJSON(t, true))),
					statecheck.ExpectKnownValue("data.kong_key.test", tfjsonpath.New("public_jwk"), knownvalue.StringExact(keys.jwkJSON(t, true))),
					statecheck.ExpectKnownValue("data.kong_key.test", tfjsonpath.New("set_id"), knownvalue.Null()),
				},
				Check: kongJWK(keys.jwkJSON(t, true)),
			},
			{
				Config: config("jwk_wo = " + hclString(keys.jwkJSON(t, false)) + "\n  jwk_wo_version = 1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("jwk"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("jwk_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.kong_key.test", tfjsonpath.New("public_jwk"), knownvalue.StringExact(keys.jwkJSON(t, true))),
				},
				Check: resource.ComposeAggregateTestCheckFunc(kongJWK(keys.jwkJSON(t, false)), noPrivate(keys)),
			},
			{
				// Unchanged version: nothing to do, though the state cannot compare the key.
				Config:   config("jwk_wo = " + hclString(keys.jwkJSON(t, false)) + "\n  jwk_wo_version = 1"),
				PlanOnly: true,
			},
			{
				Config: config("jwk_wo = " + hclString(rotated.jwkJSON(t, false)) + "\n  jwk_wo_version = 2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(kongJWK(rotated.jwkJSON(t, false)), noPrivate(rotated)),
			},
			{
				// Import reads the key Kong holds into jwk; the write-only attributes cannot be imported.
				ResourceName: addr, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"jwk", "jwk_wo_version"},
			},
		},
	})
}

// TestAccKey_writeOnlyPrivateKey: pem.private_key_wo reaches Kong but never the state, and is sent again on
// updates of other attributes.
func TestAccKey_writeOnlyPrivateKey(t *testing.T) {
	name := randomName("key-wo")
	keys := newTestKeyPair(t, "")
	const addr = "kong_key.test"
	config := func(tags string) string {
		return fmt.Sprintf(`
resource "kong_key" "test" {
  name = %q
  kid  = "wo"
  tags = %s
  pem = {
    private_key_wo         = %s
    private_key_wo_version = 1
    public_key             = %s
  }
}
`, name, tags, hclString(keys.privatePEM), hclString(keys.publicPEM))
	}
	body := strings.Split(strings.TrimSpace(keys.privatePEM), "\n")[1]
	holds := func(*terraform.State) error {
		if got := kongKey(t, name); kong.StringValue(got.PEM.PrivateKey) != keys.privatePEM {
			return fmt.Errorf("Kong does not hold the private key: %+v", got.PEM)
		}
		return nil
	}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_key", getKey),
		Steps: []resource.TestStep{
			{
				Config: config(`["a"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("pem").AtMapKey("private_key"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("pem").AtMapKey("private_key_wo"), knownvalue.Null()),
				},
				Check: resource.ComposeAggregateTestCheckFunc(holds, checkStateHoldsNone(addr, body)),
			},
			{
				Config: config(`["a", "b"]`),
				Check:  resource.ComposeAggregateTestCheckFunc(holds, checkStateHoldsNone(addr, body)),
			},
		},
	})
}

// Bad key input fails at plan on the attribute, and nothing reaches Kong.
func TestAccKey_badInputFailsAtPlan(t *testing.T) {
	keys := newTestKeyPair(t, "k")
	other := newTestKeyPair(t, "k")
	key := func(body string) string {
		return "resource \"kong_key\" \"bad\" {\n  kid = \"k\"\n  " + body + "\n}\n"
	}
	cases := map[string]struct{ config, want string }{
		"neither jwk nor pem":     {key(""), `Exactly one of these attributes must be configured: \[jwk,jwk_wo,pem\]`},
		"jwk and pem":             {key("jwk = " + hclString(keys.jwkJSON(t, true)) + "\n  pem = { public_key = " + hclString(keys.publicPEM) + " }"), `(?s)Invalid Attribute Combination`},
		"jwk not JSON":            {key(`jwk = "{"`), `jwk must be a JSON object`},
		"jwk of another kid":      {key("jwk = " + hclString(strings.Replace(keys.jwkJSON(t, true), `"kid":"k"`, `"kid":"other"`, 1))), `must have a "kid" member equal to the key's kid`},
		"symmetric jwk":           {key(`jwk = jsonencode({ kty = "oct", kid = "k", k = "c2VjcmV0" })`), `is not a key Kong can load`},
		"jwk with unknown member": {key("jwk = " + hclString(strings.Replace(keys.jwkJSON(t, true), `{`, `{"ext":"true",`, 1))), `ext: unknown field`},
		"jwk_wo without version":  {key("jwk_wo = " + hclString(keys.jwkJSON(t, false))), `(?s)jwk_wo_version`},
		"empty pem":               {key("pem = {}"), `pem needs a private_key`},
		"public key not PEM":      {key(`pem = { public_key = "not a key" }`), `Kong cannot load this public key`},
		"private key as public":   {key("pem = { public_key = " + hclString(keys.privatePEM) + " }"), `Kong cannot load this public key`},
		"public key as private":   {key("pem = { private_key = " + hclString(keys.publicPEM) + " }"), `Kong cannot load this private key`},
		"halves of two keys":      {key("pem = {\n private_key = " + hclString(keys.privatePEM) + "\n public_key = " + hclString(other.publicPEM) + "\n}"), `not the public half`},
		"set_id not a UUID":       {key(`set_id = "signing"` + "\n  jwk = " + hclString(keys.jwkJSON(t, true))), `"signing" is not a UUID`},
		"fractional version":      {key("jwk_wo = " + hclString(keys.jwkJSON(t, false)) + "\n  jwk_wo_version = 1.5"), `jwk_wo_version must be a whole number`},
		"fractional pem version":  {key("pem = {\n private_key_wo = " + hclString(keys.privatePEM) + "\n private_key_wo_version = 1.5\n}"), `private_key_wo_version must be a whole number`},
		"empty kid":               {"resource \"kong_key\" \"bad\" {\n  kid = \"\"\n  pem = { public_key = " + hclString(keys.publicPEM) + " }\n}\n", `(?s)kid.*at least 1`},
	}
	for label, tc := range cases {
		t.Run(label, func(t *testing.T) { expectPlanError(t, tc.config, tc.want) })
	}
}

// A kid taken in a set by a key this configuration does not manage is not taken over; two keys with one kid
// in one set, or one name, fail at plan.
func TestAccKey_ownership(t *testing.T) {
	name := randomName("key-own")
	keys := newTestKeyPair(t, "")
	set, err := testKong(t).KeySets.Create(context.Background(), &kong.KeySet{Name: kong.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	defer testKong(t).KeySets.Delete(context.Background(), set.ID) //nolint:errcheck
	theirs, err := testKong(t).Keys.Create(context.Background(), &kong.Key{KID: kong.String("shared"), Set: &kong.KeySet{ID: set.ID},
		PEM: &kong.PEM{PublicKey: kong.String(keys.publicPEM)}})
	if err != nil {
		t.Fatal(err)
	}
	key := func(label, kid, extra string) string {
		return fmt.Sprintf(`
resource "kong_key" %q {
  set_id = %q
  kid    = %q
  %s
  pem = {
    public_key = %s
  }
}
`, label, *set.ID, kid, extra, hclString(keys.publicPEM))
	}
	shorten(t, &conflictGrace, 0)
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: key("ours", "shared", ""),
				ExpectError: regexp.MustCompile(loosely(`Kong already has a key with kid = "shared" in set_id "`+*set.ID+`"`) +
					`[\s\S]*to = kong_key\.<name of this resource>[\s\S]*id = "` + *theirs.ID + `"`),
			},
			{
				Config:      key("a", "dup", "") + key("b", "dup", ""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Two resources would be the same Kong entity[\s\S]*` + loosely(`kid = "dup" in set_id`)),
			},
			{
				Config:      key("a", "one", `name = "`+name+`"`) + key("b", "two", `name = "`+name+`"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Two resources would be the same Kong entity[\s\S]*` + loosely(`name = "`+name+`"`)),
			},
		},
	})
	if got := kongKey(t, *theirs.ID); kong.StringValue(got.PEM.PublicKey) != keys.publicPEM || got.Name != nil {
		t.Fatalf("the holder was changed: %+v", got)
	}
}

func TestAccDataSourceKeySet_lookups(t *testing.T) {
	name := randomName("ds-keyset")
	config := fmt.Sprintf(`
resource "kong_key_set" "test" {
  name = %q
  tags = ["a"]
}

data "kong_key_set" "by_id" {
  id = kong_key_set.test.id
}

data "kong_key_set" "by_name" {
  name = kong_key_set.test.name
}
`, name)
	attrs := []string{"id", "name", "tags.#", "tags.0", "created_at"}
	testAccOneStep(t, resource.TestStep{
		Config: config,
		Check: resource.ComposeAggregateTestCheckFunc(
			testCheckSameAttributes("data.kong_key_set.by_id", "kong_key_set.test", attrs...),
			testCheckSameAttributes("data.kong_key_set.by_name", "kong_key_set.test", attrs...),
		),
	})
	testAccDataSourceError(t, `
data "kong_key" "missing" {
  name = "no-such-key"
}
`, `Kong has no key with name "no-such-key"`)
}
