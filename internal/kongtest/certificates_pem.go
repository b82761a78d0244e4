package kongtest

import (
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"net/http"
	"reflect"
	"strings"
	"time"
)

// Kong checks certificates and keys with OpenSSL (resty.openssl x509.new and pkey.new); these approximate
// it with crypto/x509. The reason after "x509.new: " or "pkey.new:load_key: " is OpenSSL's in Kong, and
// only approximated here.

// parseCertificate reads the first certificate of a PEM text, as OpenSSL's PEM reader does: blocks of
// other types before it are skipped.
func parseCertificate(s string) (*x509.Certificate, string) {
	rest := []byte(s)
	for {
		block, next := pem.Decode(rest)
		if block == nil {
			return nil, "no start line"
		}
		rest = next
		if block.Type != "CERTIFICATE" {
			continue
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, "nested asn1 error"
		}
		return cert, ""
	}
}

// parsePublicPart reads a key as OpenSSL's pkey.new does (a private key, or a public key) and returns its
// public part.
func parsePublicPart(s string) (crypto.PublicKey, bool) {
	block, _ := pem.Decode([]byte(s))
	if block == nil {
		return nil, false
	}
	type signer interface{ Public() crypto.PublicKey }
	if k, err := x509.ParsePKCS8PrivateKey(block.Bytes); err == nil {
		if sk, ok := k.(signer); ok {
			return sk.Public(), true
		}
	}
	if k, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return k.Public(), true
	}
	if k, err := x509.ParseECPrivateKey(block.Bytes); err == nil {
		return k.Public(), true
	}
	if k, err := x509.ParsePKIXPublicKey(block.Bytes); err == nil {
		return k, true
	}
	if k, err := x509.ParsePKCS1PublicKey(block.Bytes); err == nil {
		return k, true
	}
	return nil, false
}

// checkCertificate is Kong's typedefs.certificate.
func checkCertificate(s string) string {
	if _, reason := parseCertificate(s); reason != "" {
		return "invalid certificate: x509.new: " + reason
	}
	return ""
}

// checkPrivateKey is Kong's typedefs.key.
func checkPrivateKey(s string) string {
	if _, ok := parsePublicPart(s); !ok {
		return "invalid key: pkey.new:load_key: unsupported"
	}
	return ""
}

// keyMatchesCertificate compares the certificate's public key with the key's public part; both are valid.
func keyMatchesCertificate(certPEM, keyPEM string) bool {
	cert, _ := parseCertificate(certPEM)
	pub, _ := parsePublicPart(keyPEM)
	certKey, ok := cert.PublicKey.(interface{ Equal(crypto.PublicKey) bool })
	return ok && certKey.Equal(pub)
}

// sameKeyType reports whether two valid certificates have keys of one type (RSA, ECDSA, Ed25519).
func sameKeyType(a, b string) bool {
	ca, _ := parseCertificate(a)
	cb, _ := parseCertificate(b)
	return reflect.TypeOf(ca.PublicKey) == reflect.TypeOf(cb.PublicKey)
}

const pemCertificateTag = "-----BEGIN CERTIFICATE-----"

// caCertificateProblem is the entity check of a CA certificate: one certificate, not expired, and marked
// as a CA by its basic constraints. "" when it passes.
func caCertificateProblem(s string, now time.Time) string {
	if first := strings.Index(s, pemCertificateTag); first >= 0 && strings.Contains(s[first+len(pemCertificateTag):], pemCertificateTag) {
		return "please submit only one certificate at a time"
	}
	cert, _ := parseCertificate(s)
	if cert.NotAfter.Before(now) {
		return `certificate expired, "Not After" time is in the past`
	}
	if !cert.BasicConstraintsValid || !cert.IsCA {
		return `certificate does not appear to be a CA because it is missing the "CA" basic constraint`
	}
	return ""
}

// certificateDigest is a CA certificate's cert_digest: the lowercase hex SHA-256 of its DER form.
func certificateDigest(s string) string {
	cert, _ := parseCertificate(s)
	sum := sha256.Sum256(cert.Raw)
	return hex.EncodeToString(sum[:])
}

func newCACertificatesType() *entityType {
	sc := newSchema(caCertificatesTable, append(autoFields(),
		&field{name: "cert", kind: kindString, required: true, check: stringCheck(checkCertificate)},
		stringField("cert_digest"),
		tagsField(),
	)...)
	sc.checks = []any{customCheck("cert")}
	return &entityType{
		table: caCertificatesTable, schema: sc,
		uniques: []uniqueConstraint{{"cert_digest"}},
		// The entity check needs the clock, and cert_digest is Kong's on_write transformation of cert.
		complete: func(s *Server, e, _ map[string]any, _ bool, errs fieldErrors) {
			cert, _ := e["cert"].(string)
			if errs["cert"] != nil || cert == "" {
				return
			}
			if msg := caCertificateProblem(cert, s.now()); msg != "" {
				errs.entity(msg)
				return
			}
			e["cert_digest"] = certificateDigest(cert)
		},
		beforeDelete: refuseReferencedCACertificate,
	}
}

// refuseReferencedCACertificate is the CA certificates DAO's delete: a CA certificate that a service still
// trusts cannot be deleted (Kong names the first such service).
func refuseReferencedCACertificate(s *Server, id string) *apiError {
	services := s.tables["services"]
	for _, sid := range services.ids {
		cas, _ := services.rows[sid]["ca_certificates"].([]any)
		if containsValue(cas, id) {
			return daoError(http.StatusBadRequest, codeReferencedByOthers, "referenced by others",
				"ca certificate "+id+" is still referenced by services (id = "+sid+")")
		}
	}
	return nil
}
