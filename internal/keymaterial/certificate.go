package keymaterial

import (
	"bytes"
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"strings"
)

// Kong's checks of certificates and of the keys that go with them (typedefs.certificate and typedefs.key in
// kong/db/schema/typedefs.lua, and the entity checks of kong/db/schema/entities/certificates.lua and
// ca_certificates.lua). The provider words its own messages from these results; the test double gives
// Kong's.

// ErrNoCertificate is FirstCertificate's answer for a text without a CERTIFICATE block.
var ErrNoCertificate = errors.New("no CERTIFICATE block")

const certificateTag = "-----BEGIN CERTIFICATE-----"

// FirstCertificate reads the first CERTIFICATE block of a PEM text, the one Kong serves (a chain's further
// certificates follow it). As OpenSSL's PEM reader does, blocks of other types before it are skipped: their
// types are returned in skipped. err is ErrNoCertificate, or why the block is not an X.509 certificate.
func FirstCertificate(s string) (cert *x509.Certificate, skipped []string, err error) {
	rest := []byte(s)
	for {
		block, next := pem.Decode(rest)
		if block == nil {
			return nil, skipped, ErrNoCertificate
		}
		rest = next
		if block.Type != "CERTIFICATE" {
			skipped = append(skipped, block.Type)
			continue
		}
		cert, err = x509.ParseCertificate(block.Bytes)
		return cert, skipped, err
	}
}

// MoreThanOneCertificate reports a text holding several certificates, which Kong refuses as a CA
// certificate.
func MoreThanOneCertificate(s string) bool {
	first := strings.Index(s, certificateTag)
	return first >= 0 && strings.Contains(s[first+len(certificateTag):], certificateTag)
}

// IsCA reports whether Kong takes cert as a CA certificate: its basic constraints say CA:TRUE.
func IsCA(cert *x509.Certificate) bool { return cert.BasicConstraintsValid && cert.IsCA }

// CertificateDigest is Kong's cert_digest of a CA certificate: the lowercase hex SHA-256 of the DER form of
// the first certificate; "" when s holds none.
func CertificateDigest(s string) string {
	cert, _, err := FirstCertificate(s)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(cert.Raw)
	return hex.EncodeToString(sum[:])
}

// FirstBlockType is the type of the first PEM block of s ("" when there is none), for messages saying what
// a text holds instead of what was expected.
func FirstBlockType(s string) string {
	block, _ := pem.Decode([]byte(strings.TrimSpace(s)))
	if block == nil {
		return ""
	}
	return block.Type
}

// PublicPart is the public key of a key as Kong's certificate key check loads it (OpenSSL's pkey.new): a
// private key (see ParsePrivateKey) or a public key (see ParsePublicKey); nil when it is neither.
func PublicPart(s string) crypto.PublicKey {
	if k := ParsePrivateKey(s); k != nil {
		return k.Public()
	}
	return ParsePublicKey(s)
}

// SameKey reports whether two public keys are one key, compared in their DER form as OpenSSL does; false
// when either is nil or of a kind x509 cannot encode.
func SameKey(a, b crypto.PublicKey) bool {
	if a == nil || b == nil {
		return false
	}
	da, errA := x509.MarshalPKIXPublicKey(a)
	db, errB := x509.MarshalPKIXPublicKey(b)
	return errA == nil && errB == nil && bytes.Equal(da, db)
}
