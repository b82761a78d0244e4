package kongtest

import (
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha1" //nolint:gosec // Kong's basic-auth hash is SHA-1; the test double must produce the same value.
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
)

const (
	basicAuthTable = "basicauth_credentials"
	hmacAuthTable  = "hmacauth_credentials"
	oauth2Table    = "oauth2_credentials"
)

func consumerCascade() []foreignKey {
	return []foreignKey{{field: "consumer", table: "consumers", onDelete: onDeleteCascade}}
}

// newBasicAuthType is Kong 3.9's basicauth_credentials (kong/plugins/basic-auth/daos.lua): username unique
// and the endpoint key, and the password stored as BasicAuthHash, recomputed whenever a write carries it.
func newBasicAuthType() *entityType {
	return &entityType{
		table: basicAuthTable,
		schema: newSchema(basicAuthTable, credentialFields(
			stringField("username").req(),
			stringField("password").req().secret(),
		)...),
		endpointKey: "username",
		uniques:     []uniqueConstraint{{"username"}},
		foreignKeys: consumerCascade(),
		transformations: []transformation{{
			input: []string{"password"}, needs: []string{"consumer.id"},
			onWrite: func(e map[string]any, args []any) {
				e["password"] = BasicAuthHash(args[1].(string), args[0].(string))
			},
		}},
	}
}

// BasicAuthHash is what Kong stores for a basic-auth password (kong/plugins/basic-auth/crypto.lua): the
// hex SHA-1 of the password followed by the consumer's id.
func BasicAuthHash(consumerID, password string) string {
	sum := sha1.Sum([]byte(password + consumerID)) //nolint:gosec // Kong's own rule
	return hex.EncodeToString(sum[:])
}

// newHMACAuthType is Kong 3.9's hmacauth_credentials (kong/plugins/hmac-auth/daos.lua): username unique and
// the endpoint key; the secret, stored as sent, is generated when an insert or a PUT leaves it out.
func newHMACAuthType() *entityType {
	return &entityType{
		table: hmacAuthTable,
		schema: newSchema(hmacAuthTable, credentialFields(
			stringField("username").req(),
			stringField("secret").autoFilled(),
		)...),
		endpointKey: "username",
		uniques:     []uniqueConstraint{{"username"}},
		foreignKeys: consumerCascade(),
	}
}

// newOAuth2Type is Kong 3.9's oauth2_credentials (kong/plugins/oauth2/daos.lua): client_id unique, the
// endpoint key and generated like client_secret; with hash_secret in the body Kong stores the secret as
// a PBKDF2 hash (OAuth2SecretHash).
func newOAuth2Type() *entityType {
	fields := credentialFields(
		stringField("name").req(),
		stringField("client_id").autoFilled(),
		stringField("client_secret").autoFilled().secret(),
		booleanField("hash_secret").req().dflt(false),
		&field{name: "redirect_uris", kind: kindArray, elem: &field{kind: kindString, check: stringCheck(checkRedirectURI)}},
	)
	fields = append(fields, stringField("client_type").req().dflt("confidential").one("confidential", "public"))
	return &entityType{
		table: oauth2Table, schema: newSchema(oauth2Table, fields...),
		endpointKey: "client_id",
		uniques:     []uniqueConstraint{{"client_id"}},
		foreignKeys: consumerCascade(),
		transformations: []transformation{{
			input: []string{"hash_secret"}, needs: []string{"client_secret"},
			onWrite: func(e map[string]any, args []any) {
				if args[0] == true {
					e["client_secret"] = OAuth2SecretHash(args[1].(string), nil)
				}
			},
		}},
	}
}

// OAuth2SecretHash is Kong 3.9's hash of an OAuth2 client secret (kong/plugins/oauth2/secret.lua): PBKDF2
// with SHA-512, 10000 iterations and a 32-byte key, in PHC form with unpadded base64 salt and hash. A nil
// salt is 16 random bytes, as in Kong.
func OAuth2SecretHash(secret string, salt []byte) string {
	if salt == nil {
		salt = make([]byte, 16)
		_, _ = rand.Read(salt)
	}
	key, err := pbkdf2.Key(sha512.New, secret, salt, 10000, 32)
	if err != nil {
		panic("kongtest: pbkdf2: " + err.Error())
	}
	return fmt.Sprintf("$pbkdf2-sha512$i=10000,l=32$%s$%s",
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

var uriScheme = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9+\-.]*:`)

// checkRedirectURI is the oauth2 credential's validate_uri, on LuaSocket's url.parse: the URI needs a
// scheme and a host, and no fragment (not even an empty one).
func checkRedirectURI(uri string) string {
	rest, _, hasFragment := strings.Cut(uri, "#")
	scheme := uriScheme.FindString(rest)
	host := ""
	if after, ok := strings.CutPrefix(rest[len(scheme):], "//"); ok && scheme != "" {
		authority, _, _ := strings.Cut(after, "/")
		if i := strings.Index(authority, "@"); i >= 0 {
			authority = authority[i+1:]
		}
		if i := strings.LastIndex(authority, ":"); i >= 0 && !strings.Contains(authority[i:], "]") {
			authority = authority[:i]
		}
		host = authority
	}
	switch {
	case scheme == "" || host == "":
		return "cannot parse '" + uri + "'"
	case hasFragment:
		return "fragment not allowed in '" + uri + "'"
	}
	return ""
}
