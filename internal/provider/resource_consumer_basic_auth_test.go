package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/kong/go-kong/kong"
)

func TestBasicAuthHash(t *testing.T) {
	// sha1("pass123" .. "id123"), Kong's rule (kong/plugins/basic-auth/crypto.lua).
	if got := basicAuthHash("id123", "pass123"); got != "fc4f9b44781125d2ebd9c08e402d78501c59535b" {
		t.Errorf("got %s", got)
	}
}

func TestPasswordFingerprint(t *testing.T) {
	hash := basicAuthHash("id123", "pass123")
	f, err := newPasswordFingerprint(hash)
	if err != nil {
		t.Fatal(err)
	}
	g, _ := newPasswordFingerprint(hash)
	raw, _ := json.Marshal(f)
	switch {
	case f.Iterations != fingerprintIterations || len(f.Salt) != 16 || len(f.Sum) != 32:
		t.Errorf("not a whole fingerprint: %+v", f)
	case bytes.Equal(f.Salt, g.Salt) || bytes.Equal(f.Sum, g.Sum):
		t.Error("two fingerprints of one hash share a salt or a sum")
	case bytes.Contains(raw, []byte(hash)) || bytes.Contains(raw, []byte("pass123")):
		t.Errorf("the record holds the hash or the password: %s", raw)
	case !f.matches(hash) || !g.matches(hash):
		t.Error("a fingerprint does not match its hash")
	case f.matches(basicAuthHash("id123", "pass124")) || f.matches(basicAuthHash("id124", "pass123")) || f.matches(""):
		t.Error("a fingerprint matches another hash")
	}
	for _, broken := range []passwordFingerprint{{}, {Iterations: 0, Salt: f.Salt, Sum: f.Sum}, {Iterations: f.Iterations, Sum: f.Sum},
		{Iterations: f.Iterations, Salt: f.Salt}, {Iterations: -1, Salt: f.Salt, Sum: f.Sum}} {
		if broken.matches(hash) {
			t.Errorf("the incomplete record %+v matches", broken)
		}
	}
}

func TestPlannedInSync(t *testing.T) {
	const consumer = "0b1f7c52-5d6a-4f0e-9c1a-2f3e4d5c6b7a"
	f, err := newPasswordFingerprint(basicAuthHash(consumer, "pw"))
	if err != nil {
		t.Fatal(err)
	}
	yes, no, unknown := types.BoolValue(true), types.BoolValue(false), types.BoolUnknown()
	c, pw := types.StringValue(consumer), types.StringValue("pw")
	tests := []struct {
		name        string
		inSync      types.Bool
		consumer    types.String
		pass        types.String
		fingerprint *passwordFingerprint
		want        types.Bool
	}{
		{"unchanged", yes, c, pw, &f, yes},
		{"new password", yes, c, types.StringValue("pw2"), &f, unknown},
		{"other consumer", yes, types.StringValue("1b1f7c52-5d6a-4f0e-9c1a-2f3e4d5c6b7a"), pw, &f, unknown},
		{"changed in Kong", no, c, pw, &f, yes},
		{"imported", no, c, pw, nil, yes},
		{"no fingerprint", yes, c, pw, nil, unknown},
		{"consumer known at apply", yes, types.StringUnknown(), pw, &f, unknown},
		{"password known at apply", yes, c, types.StringUnknown(), &f, unknown},
		{"null state value", types.BoolNull(), c, pw, &f, yes},
	}
	for _, tt := range tests {
		if got := plannedInSync(tt.inSync, tt.consumer, tt.pass, tt.fingerprint); !got.Equal(tt.want) {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}

// checkStateFilesHoldNone fails when a Terraform state file under dir holds one of secrets, in an attribute
// or in a resource's private state (which `terraform show` leaves out), or when no private state holds a
// password fingerprint (so the check looked at the right files).
func checkStateFilesHoldNone(dir string, secrets func() []string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		fingerprints := 0
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".tfstate") {
				return err
			}
			raw, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			var state struct {
				Resources []struct {
					Instances []struct {
						Private []byte `json:"private"`
					} `json:"instances"`
				} `json:"resources"`
			}
			if err := json.Unmarshal(raw, &state); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			texts := [][]byte{raw}
			for _, r := range state.Resources {
				for _, i := range r.Instances {
					var private map[string][]byte
					if len(i.Private) > 0 && json.Unmarshal(i.Private, &private) != nil {
						return fmt.Errorf("%s: private state is not the framework's", p)
					}
					texts = append(texts, i.Private)
					for k, v := range private {
						texts = append(texts, v)
						if k == passwordFingerprintKey {
							fingerprints++
						}
					}
				}
			}
			for _, text := range texts {
				for _, secret := range secrets() {
					if bytes.Contains(bytes.ToLower(text), []byte(strings.ToLower(secret))) {
						return fmt.Errorf("%s holds a secret", p)
					}
				}
			}
			return nil
		})
		if err == nil && fingerprints == 0 {
			err = fmt.Errorf("no state file under %s holds a password fingerprint", dir)
		}
		return err
	}
}

func getBasicAuth(ctx context.Context, c *kong.Client, id string) error {
	_, err := c.BasicAuths.GetByID(ctx, kong.String(id))
	return err
}

func kongBasicAuth(t *testing.T, id string) *kong.BasicAuth {
	t.Helper()
	got, err := testKong(t).BasicAuths.GetByID(context.Background(), kong.String(id))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestAccConsumerBasicAuth_lifecycle: the password reaches Kong (as Kong's hash) but never the state, rotates
// in place, a password or username changed outside Terraform is drift that the apply reverts, removed tags
// reset, import by id and by consumer/username, and an out-of-band delete is planned as a create.
func TestAccConsumerBasicAuth_lifecycle(t *testing.T) {
	stateDir := t.TempDir()
	t.Setenv("TF_ACC_TEMP_DIR", stateDir) // to look into the state files, private state included
	name := randomName("basic")
	const addr = "kong_consumer_basic_auth.test"
	config := func(password string, version int, extra string) string {
		return fmt.Sprintf(`
resource "kong_consumer" "c" {
  username = %[1]q
}

resource "kong_consumer_basic_auth" "test" {
  consumer_id         = kong_consumer.c.id
  username            = "%[1]s-user"
  password_wo         = %[2]q
  password_wo_version = %[3]d
  %[4]s
}
`, name, password, version, extra)
	}
	var id, consumerID string
	hashIs := func(password string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			rs := s.RootModule().Resources[addr].Primary
			id, consumerID = rs.ID, rs.Attributes["consumer_id"]
			got := kong.StringValue(kongBasicAuth(t, id).Password)
			if got != basicAuthHash(consumerID, password) {
				return fmt.Errorf("Kong's hash %s is not the hash of the configured password", got)
			}
			return nil
		}
	}
	// Neither the passwords nor any hash Kong held for them are in a state file.
	var kongHashes []string
	keepKongHash := func(*terraform.State) error {
		kongHashes = append(kongHashes, kong.StringValue(kongBasicAuth(t, id).Password))
		return nil
	}
	noPassword := resource.ComposeAggregateTestCheckFunc(
		checkStateHoldsNone(addr, "first-pass-", "second-pass-", "third-pass-"),
		keepKongHash,
		checkStateFilesHoldNone(stateDir, func() []string {
			return append([]string{"first-pass-", "second-pass-", "third-pass-", "intruder"}, kongHashes...)
		}))
	inSync := statecheck.ExpectKnownValue(addr, tfjsonpath.New("password_in_sync"), knownvalue.Bool(true))
	sameID := statecheck.CompareValue(compare.ValuesSame())
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)}}
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testCheckGone("kong_consumer_basic_auth", getBasicAuth),
		Steps: []resource.TestStep{
			{
				Config: config("first-pass-0123", 1, `tags = ["a"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("password_wo"), knownvalue.Null()),
					inSync,
				},
				Check: resource.ComposeAggregateTestCheckFunc(hashIs("first-pass-0123"), noPassword),
			},
			{
				// Tags change in place; the password stays.
				Config:            config("first-pass-0123", 1, `tags = ["a", "b"]`),
				ConfigPlanChecks:  update,
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(addr, tfjsonpath.New("id"))},
				Check:             resource.ComposeAggregateTestCheckFunc(hashIs("first-pass-0123"), noPassword),
			},
			{
				// Rotation with the version.
				Config:           config("second-pass-0123", 2, `tags = ["a", "b"]`),
				ConfigPlanChecks: update,
				Check:            resource.ComposeAggregateTestCheckFunc(hashIs("second-pass-0123"), noPassword),
			},
			{
				// A new password without a new version shows too: Kong's hash would differ.
				Config: config("third-pass-0123", 2, `tags = ["a", "b"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(addr, tfjsonpath.New("password_in_sync")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{inSync},
				Check:             resource.ComposeAggregateTestCheckFunc(hashIs("third-pass-0123"), noPassword),
			},
			{
				ResourceName: addr, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"password_wo_version", "password_in_sync"},
			},
			{
				ResourceName: addr, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"password_wo_version", "password_in_sync"},
				ImportStateIdFunc:       func(*terraform.State) (string, error) { return name + "/" + name + "-user", nil },
			},
			{
				ResourceName: addr, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"password_wo_version", "password_in_sync"},
				ImportStateIdFunc:       func(*terraform.State) (string, error) { return consumerID + "/" + id, nil },
			},
			{
				// A password changed outside Terraform, and nothing else, is drift.
				PreConfig: func() {
					cred := &kong.BasicAuth{ID: kong.String(id), Password: kong.String("intruder")}
					if _, err := testKong(t).BasicAuths.Update(context.Background(), kong.String(consumerID), cred); err != nil {
						t.Fatal(err)
					}
				},
				Config: config("third-pass-0123", 2, `tags = ["a", "b"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("password_in_sync"), knownvalue.Bool(true)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{inSync},
				Check:             resource.ComposeAggregateTestCheckFunc(hashIs("third-pass-0123"), noPassword),
			},
			{
				// A password and username changed outside Terraform are drift, and the apply writes the configured ones.
				PreConfig: func() {
					cred := &kong.BasicAuth{ID: kong.String(id), Username: kong.String(name + "-other"), Password: kong.String("intruder")}
					if _, err := testKong(t).BasicAuths.Update(context.Background(), kong.String(consumerID), cred); err != nil {
						t.Fatal(err)
					}
				},
				Config: config("third-pass-0123", 2, `tags = ["a", "b"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("password_in_sync"), knownvalue.Bool(true)),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("username"), knownvalue.StringExact(name+"-user")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{inSync},
				Check: resource.ComposeAggregateTestCheckFunc(hashIs("third-pass-0123"), noPassword, func(*terraform.State) error {
					if got := kong.StringValue(kongBasicAuth(t, id).Username); got != name+"-user" {
						return fmt.Errorf("username not reverted: %s", got)
					}
					return nil
				}),
			},
			{
				// Removing the tags resets them in Kong.
				Config:           config("third-pass-0123", 2, ""),
				ConfigPlanChecks: update,
				Check: func(*terraform.State) error {
					if got := kongBasicAuth(t, id); len(got.Tags) != 0 {
						return fmt.Errorf("tags not reset: %v", got.Tags)
					}
					return nil
				},
			},
			{
				PreConfig: func() {
					if err := testKong(t).BasicAuths.Delete(context.Background(), kong.String(consumerID), kong.String(id)); err != nil {
						t.Fatal(err)
					}
				},
				Config: config("third-pass-0123", 2, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
				Check: hashIs("third-pass-0123"),
			},
		},
	})
}

// A username another consumer's credential holds is not taken over: the create fails naming the holder
// with the import block, and the holder is unchanged.
func TestAccConsumerBasicAuth_takenUsername(t *testing.T) {
	name := randomName("basic-own")
	ctx := context.Background()
	theirs, err := testKong(t).Consumers.Create(ctx, &kong.Consumer{Username: kong.String(name + "-theirs")})
	if err != nil {
		t.Fatal(err)
	}
	defer testKong(t).Consumers.Delete(ctx, theirs.ID) //nolint:errcheck
	held, err := testKong(t).BasicAuths.Create(ctx, theirs.ID, &kong.BasicAuth{Username: kong.String(name), Password: kong.String("theirs")})
	if err != nil {
		t.Fatal(err)
	}
	shorten(t, &conflictGrace, 0)
	config := fmt.Sprintf(`
resource "kong_consumer" "c" {
  username = %[1]q
}

resource "kong_consumer_basic_auth" "test" {
  consumer_id         = kong_consumer.c.id
  username            = %[1]q
  password_wo         = "ours-0123"
  password_wo_version = 1
}
`, name)
	testCase(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ExpectError: regexp.MustCompile(loosely(`Kong already has a basic-auth credential with username = "`+name+`"`) +
				`[\s\S]*to = kong_consumer_basic_auth\.<name of this resource>[\s\S]*id = "` + *held.ID + `"`),
		}},
	})
	got := kongBasicAuth(t, *held.ID)
	if kong.StringValue(got.Consumer.ID) != *theirs.ID || kong.StringValue(got.Password) != basicAuthHash(*theirs.ID, "theirs") {
		t.Errorf("the holder was changed: %+v", got)
	}
}

func TestAccConsumerBasicAuth_invalidFailsAtPlan(t *testing.T) {
	const consumer = `consumer_id = "9b2e6f2a-3f59-4b9c-8a3b-0d7b1c1e2f3a"`
	cases := []struct{ name, body, want string }{
		{"empty username", consumer + "\n  username = \"\"\n  password_wo = \"p\"", `(?s)username.*at least 1`},
		{"empty password", consumer + "\n  username = \"u\"\n  password_wo = \"\"", `(?s)password_wo.*at least 1`},
		{"no password", consumer + "\n  username = \"u\"", `The argument "password_wo" is required`},
		{"bad consumer", "consumer_id = \"bob\"\n  username = \"u\"\n  password_wo = \"p\"", `(?s)consumer_id.*not a UUID`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectPlanError(t, "resource \"kong_consumer_basic_auth\" \"test\" {\n  "+tc.body+"\n}\n", tc.want)
		})
	}
	t.Run("one username twice", func(t *testing.T) {
		two := "resource \"kong_consumer_basic_auth\" \"a\" {\n  " + consumer + "\n  username = \"same\"\n  password_wo = \"p\"\n}\n"
		expectPlanError(t, two+strings.Replace(two, `"a"`, `"b"`, 1), `Two resources would be the same Kong entity`)
	})
}
