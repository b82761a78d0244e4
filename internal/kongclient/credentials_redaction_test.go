package kongclient

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kong/go-kong/kong"
)

// The basic-auth password, the hmac-auth secret and the oauth2 client secret never reach an error, even
// when Kong's answer repeats them (a message, a field, a Lua-rendered key), and the username or client_id
// addressing a credential is not shown from the request path.
func TestCredentialSecretsAreRedacted(t *testing.T) {
	const consumer = "0b9a8c1e-2f3d-4e5a-8b7c-6d5e4f3a2b1c"
	cases := map[string]struct {
		secret string
		write  func(c *kong.Client) error
	}{
		"basic-auth password": {"hunter2-password", func(c *kong.Client) error {
			_, err := c.BasicAuths.Create(context.Background(), kong.String(consumer),
				&kong.BasicAuth{ID: kong.String(consumer), Username: kong.String("alice"), Password: kong.String("hunter2-password")})
			return err
		}},
		"hmac-auth secret": {"hmac-shared-secret", func(c *kong.Client) error {
			_, err := c.HMACAuths.Create(context.Background(), kong.String(consumer),
				&kong.HMACAuth{Username: kong.String("alice"), Secret: kong.String("hmac-shared-secret")})
			return err
		}},
		"oauth2 client secret": {"oauth-client-secret", func(c *kong.Client) error {
			_, err := c.Oauth2Credentials.Create(context.Background(), kong.String(consumer),
				&kong.Oauth2Credential{Name: kong.String("app"), ClientSecret: kong.String("oauth-client-secret")})
			return err
		}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			body, _ := json.Marshal(map[string]any{
				"code": 2, "name": "schema violation",
				"message": "schema violation (value '" + tc.secret + "' rejected; conflict on '{password=\"other-pass\",secret=\"other-secret\"}')",
				"fields":  map[string]any{"password": tc.secret, "secret": tc.secret, "client_secret": tc.secret},
			})
			ts := fakeKong(t, answer(400, string(body)))
			c := newTestClient(t, Config{AdminURL: ts.URL})
			err := tc.write(c.Kong)
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v", err)
			}
			fields, _ := json.Marshal(apiErr.Fields)
			var goKong *kong.APIError
			errors.As(err, &goKong)
			for _, s := range []string{err.Error(), string(fields), string(goKong.Raw())} {
				for _, secret := range []string{tc.secret, "other-pass", "other-secret"} {
					if strings.Contains(s, secret) {
						t.Errorf("%q leaks: %s", secret, s)
					}
				}
			}
		})
	}
	for _, p := range []string{"/consumers/bob/basic-auth/alice", "/basic-auths/alice", "/consumers/bob/hmac-auth/alice",
		"/hmac-auths/alice", "/consumers/bob/oauth2/client-id-1", "/oauth2/client-id-1"} {
		if d := describeRequest(httptest.NewRequest("GET", p, nil)); strings.Contains(d, "alice") || strings.Contains(d, "client-id-1") {
			t.Errorf("the request shows the credential's key: %s", d)
		}
	}
}

// Kong finds an oauth2 credential by its client_id: the answer to GET /oauth2/{client_id} is that credential.
func TestOAuth2CredentialByClientID(t *testing.T) {
	ts := fakeKong(t, answer(200, `{"id":"0b9a8c1e-2f3d-4e5a-8b7c-6d5e4f3a2b1c","client_id":"app-1"}`))
	c := newTestClient(t, Config{AdminURL: ts.URL})
	var got kong.Oauth2Credential
	if err := c.Get(context.Background(), OAuth2Credentials, "app-1", &got); err != nil {
		t.Fatal(err)
	}
	if err := c.Get(context.Background(), OAuth2Credentials, "app-2", &got); err == nil || !strings.Contains(err.Error(), "answered for") {
		t.Errorf("an answer for another client_id was accepted: %v", err)
	}
}
