package kongtest

import (
	"errors"
	"net/http"
	"time"

	"github.com/kongform/terraform-provider-kong/internal/keymaterial"
)

// Kong checks certificates and keys with OpenSSL (resty.openssl x509.new and pkey.new); internal/keymaterial
// approximates it with crypto/x509. The reason after "x509.new: " or "pkey.new:load_key: " is OpenSSL's in
// Kong, and only approximated here.

// checkCertificate is Kong's typedefs.certificate.
func checkCertificate(s string) string {
	_, _, err := keymaterial.FirstCertificate(s)
	switch {
	case errors.Is(err, keymaterial.ErrNoCertificate):
		return "invalid certificate: x509.new: no start line"
	case err != nil:
		return "invalid certificate: x509.new: nested asn1 error"
	}
	return ""
}

// checkPrivateKey is Kong's typedefs.key.
func checkPrivateKey(s string) string {
	if keymaterial.PublicPart(s) == nil {
		return "invalid key: pkey.new:load_key: unsupported"
	}
	return ""
}

// keyMatchesCertificate compares the certificate's public key with the key's public part; both are valid.
func keyMatchesCertificate(certPEM, keyPEM string) bool {
	cert, _, _ := keymaterial.FirstCertificate(certPEM)
	return keymaterial.SameKey(cert.PublicKey, keymaterial.PublicPart(keyPEM))
}

// sameKeyType reports whether two valid certificates have keys of one type (RSA, ECDSA, Ed25519).
func sameKeyType(a, b string) bool {
	ca, _, _ := keymaterial.FirstCertificate(a)
	cb, _, _ := keymaterial.FirstCertificate(b)
	return ca.PublicKeyAlgorithm == cb.PublicKeyAlgorithm
}

// caCertificateProblem is the entity check of a valid CA certificate: one certificate, not expired, and
// marked as a CA by its basic constraints. "" when it passes.
func caCertificateProblem(s string, now time.Time) string {
	if keymaterial.MoreThanOneCertificate(s) {
		return "please submit only one certificate at a time"
	}
	cert, _, _ := keymaterial.FirstCertificate(s)
	if cert.NotAfter.Before(now) {
		return `certificate expired, "Not After" time is in the past`
	}
	if !keymaterial.IsCA(cert) {
		return `certificate does not appear to be a CA because it is missing the "CA" basic constraint`
	}
	return ""
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
			e["cert_digest"] = keymaterial.CertificateDigest(cert)
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
