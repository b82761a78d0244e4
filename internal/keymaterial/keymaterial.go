// Package keymaterial is Kong 3.9's check of key and certificate material: a key entity's pem and jwk
// (kong/db/schema/entities/keys.lua and typedefs.pem/typedefs.jwk in kong/db/schema/typedefs.lua, with
// Kong's messages) and certificates with their keys (certificate.go). Kong loads both with OpenSSL; this
// package approximates that with Go's parsers, in one place: the provider checks with it at plan time and
// the test double (internal/kongtest) on writes, so both refuse what Kong refuses.
package keymaterial

import (
	"crypto"
	"crypto/ecdh"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"sort"
	"strings"
)

// Kong's messages.
const (
	MsgPublicKey    = "could not load public key"
	MsgPrivateKey   = "could not load private key"
	MsgKeysDiffer   = "public key does not match private key"
	MsgJWKJSON      = "could not json decode jwk string"
	MsgJWKKid       = "kid in jwk.kid must be equal to keys.kid"
	MsgJWKNotLoaded = "could not load JWK, likely not a valid key"
)

// IsVaultReference is kong.vault.is_reference: "{vault://" ... "}". Kong stores a reference as given and
// checks nothing else about it.
func IsVaultReference(s string) bool {
	return strings.HasPrefix(s, "{vault://") && strings.HasSuffix(s, "}")
}

// PEMProblem is Kong's check of a pem record (either part may be empty): each given part must load as a
// key of its kind, and a pair must belong together. Kong appends OpenSSL's reason to the private key
// message; that reason is not reproduced. A vault reference in either part skips the check, as in Kong.
func PEMProblem(privateKey, publicKey string) string {
	if IsVaultReference(privateKey) || IsVaultReference(publicKey) {
		return ""
	}
	var pub, priv crypto.PublicKey
	if publicKey != "" {
		if pub = ParsePublicKey(publicKey); pub == nil {
			return MsgPublicKey
		}
	}
	if privateKey != "" {
		signer := ParsePrivateKey(privateKey)
		if signer == nil {
			return MsgPrivateKey
		}
		priv = signer.Public()
	}
	if pub != nil && priv != nil && !SameKey(pub, priv) {
		return MsgKeysDiffer
	}
	return ""
}

// ParsePublicKey reads a PEM public key as OpenSSL does for Kong ("PUBLIC KEY" or PKCS #1 "RSA PUBLIC
// KEY"); nil when it is none.
func ParsePublicKey(s string) crypto.PublicKey {
	block, _ := pem.Decode([]byte(strings.TrimSpace(s)))
	if block == nil {
		return nil
	}
	switch block.Type {
	case "PUBLIC KEY":
		k, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err == nil {
			return k
		}
	case "RSA PUBLIC KEY":
		k, err := x509.ParsePKCS1PublicKey(block.Bytes)
		if err == nil {
			return k
		}
	}
	return nil
}

// ParsePrivateKey reads an unencrypted PEM private key (PKCS #8, PKCS #1 RSA or SEC 1 EC); nil when it is
// none.
func ParsePrivateKey(s string) crypto.Signer {
	block, _ := pem.Decode([]byte(strings.TrimSpace(s)))
	if block == nil {
		return nil
	}
	var k any
	var err error
	switch block.Type {
	case "PRIVATE KEY":
		k, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	case "RSA PRIVATE KEY":
		k, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		k, err = x509.ParseECPrivateKey(block.Bytes)
	default:
		return nil
	}
	signer, ok := k.(crypto.Signer)
	if err != nil || !ok {
		return nil
	}
	return signer
}

// jwkMembers are the members Kong's typedefs.jwk knows; arrays are the members whose value is a list of
// strings, every other member is a string.
var (
	jwkMembers = map[string]bool{"issuer": true, "kty": true, "use": true, "key_ops": true, "alg": true, "kid": true,
		"x5u": true, "x5c": true, "x5t": true, "x5t#S256": true, "k": true, "x": true, "y": true, "crv": true, "n": true,
		"e": true, "d": true, "p": true, "q": true, "dp": true, "dq": true, "qi": true, "oth": true, "r": true, "t": true}
	jwkArrays = map[string]bool{"key_ops": true, "x5c": true}
)

// JWKProblem is Kong's check of a key's jwk against its kid, in Kong's order: JSON, the kid, whether
// OpenSSL can load it as a key, then the members' types. A vault reference skips it.
func JWKProblem(jwk, kid string) string {
	if IsVaultReference(jwk) {
		return ""
	}
	var doc any
	if err := json.Unmarshal([]byte(jwk), &doc); err != nil {
		return MsgJWKJSON
	}
	members, _ := doc.(map[string]any)
	if got, ok := members["kid"].(string); !ok || got != kid {
		return MsgJWKKid
	}
	if !loadable(members) {
		return MsgJWKNotLoaded
	}
	var problems []string
	for name, v := range members {
		switch {
		case !jwkMembers[name]:
			problems = append(problems, name+": unknown field")
		case jwkArrays[name]:
			if msg := stringListProblem(v); msg != "" {
				problems = append(problems, name+": "+msg)
			}
		default:
			if _, ok := v.(string); !ok {
				problems = append(problems, name+": expected a string")
			}
		}
	}
	if len(problems) == 0 {
		return ""
	}
	// Kong lists them in Lua's table order, which is not stable; sorted here.
	sort.Strings(problems)
	return "Validation error: " + strings.Join(problems, "; ")
}

// stringListProblem is Kong's message for a member that must be an array of strings; an element's error is
// rendered as Kong renders nested errors.
func stringListProblem(v any) string {
	list, ok := v.([]any)
	if !ok {
		return "expected an array"
	}
	for _, item := range list {
		if _, ok := item.(string); !ok {
			return "Validation error: expected a string"
		}
	}
	return ""
}

// loadable approximates OpenSSL's JWK import (lua-resty-openssl's pkey.new with format JWK): RSA, EC on
// the NIST curves and OKP keys, whose public parts must decode; symmetric ("oct") keys are refused.
func loadable(m map[string]any) bool {
	member := func(name string) []byte {
		s, _ := m[name].(string)
		b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
		if err != nil || len(b) == 0 {
			return nil
		}
		return b
	}
	crv, _ := m["crv"].(string)
	switch m["kty"] {
	case "RSA":
		return member("n") != nil && member("e") != nil
	case "EC":
		curve := map[string]ecdh.Curve{"P-256": ecdh.P256(), "P-384": ecdh.P384(), "P-521": ecdh.P521()}[crv]
		x, y := member("x"), member("y")
		if curve == nil || x == nil || y == nil || len(x) != len(y) {
			return false
		}
		_, err := curve.NewPublicKey(append(append([]byte{4}, x...), y...))
		return err == nil
	case "OKP":
		size := map[string]int{"Ed25519": 32, "X25519": 32, "Ed448": 57, "X448": 56}[crv]
		return size > 0 && len(member("x")) == size
	}
	return false
}
