package provider

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kongform/terraform-provider-kong/internal/keymaterial"
)

// The plan-time checks of certificates and keys. Kong checks the same with OpenSSL when it stores them;
// checking at plan names the attribute and keeps a bad PEM from reaching Kong.

// parseCertificatePEM reads the first certificate of a PEM text, the one Kong serves (a chain's further
// certificates follow it), and says what is wrong with a text that does not hold one.
func parseCertificatePEM(s string) (*x509.Certificate, error) {
	cert, skipped, err := keymaterial.FirstCertificate(s)
	for _, typ := range skipped {
		if strings.Contains(typ, "PRIVATE KEY") {
			return nil, errors.New("it holds a private key: give the certificate here, and its key in the key attribute")
		}
	}
	switch {
	case errors.Is(err, keymaterial.ErrNoCertificate):
		return nil, errors.New("it is not a PEM certificate: expected a block starting with -----BEGIN CERTIFICATE-----")
	case err != nil:
		return nil, fmt.Errorf("the CERTIFICATE block is not an X.509 certificate: %w", err)
	}
	return cert, nil
}

// parsePrivateKeyPEM reads a private key in PEM (see keymaterial.ParsePrivateKey), and says what is wrong
// with a text that is not one. Kong's OpenSSL would also take a public key, which cannot serve TLS.
func parsePrivateKeyPEM(s string) (crypto.Signer, error) {
	if k := keymaterial.ParsePrivateKey(s); k != nil {
		return k, nil
	}
	switch typ := keymaterial.FirstBlockType(s); typ {
	case "":
		return nil, errors.New("it is not a PEM private key: expected a block starting with -----BEGIN PRIVATE KEY-----")
	case "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE":
		return nil, fmt.Errorf("it is a %s, not a private key: TLS needs the certificate's private key", strings.ToLower(typ))
	case "ENCRYPTED PRIVATE KEY":
		return nil, errors.New("it is encrypted with a passphrase, which Kong cannot use: give the key unencrypted")
	default:
		return nil, fmt.Errorf("the %s block is not a private key Kong can use (RSA, ECDSA or Ed25519)", typ)
	}
}

var (
	certificatePEMRule = stringRule{"Invalid certificate", "an X.509 certificate in PEM", func(s string) string {
		if _, err := parseCertificatePEM(s); err != nil {
			return err.Error()
		}
		return ""
	}}
	privateKeyPEMRule = stringRule{"Invalid private key", "an unencrypted private key in PEM", func(s string) string {
		if _, err := parsePrivateKeyPEM(s); err != nil {
			return err.Error()
		}
		return ""
	}}
	// caCertificatePEMRule is what Kong requires of a CA certificate besides being current (see
	// caCertificateExpired, checked when the certificate is written).
	caCertificatePEMRule = stringRule{"Invalid CA certificate", "one CA certificate in PEM", caCertificateProblem}
)

func caCertificateProblem(s string) string {
	if keymaterial.MoreThanOneCertificate(s) {
		return "it holds more than one certificate; Kong takes one CA certificate per entity, so make one kong_ca_certificate for each."
	}
	cert, err := parseCertificatePEM(s)
	if err != nil {
		return err.Error()
	}
	if !keymaterial.IsCA(cert) {
		return fmt.Sprintf("the certificate for %q is not a CA certificate (it lacks the basic constraint CA:TRUE), so Kong refuses it.", cert.Subject)
	}
	return ""
}

// caCertificateExpired says why Kong refuses to store an expired CA certificate ("" when it is current).
func caCertificateExpired(s string, now time.Time) string {
	cert, err := parseCertificatePEM(s)
	if err != nil || !cert.NotAfter.Before(now) {
		return ""
	}
	return fmt.Sprintf("the certificate for %q expired on %s; Kong refuses to store an expired CA certificate.", cert.Subject, cert.NotAfter.UTC().Format(time.RFC3339))
}

// keyMismatch says why keyPEM is not the private key of certPEM ("" when it is, or when either does not
// parse: their own rules report that).
func keyMismatch(certPEM, keyPEM string) string {
	cert, err := parseCertificatePEM(certPEM)
	if err != nil {
		return ""
	}
	key, err := parsePrivateKeyPEM(keyPEM)
	if err != nil {
		return ""
	}
	if keymaterial.SameKey(cert.PublicKey, key.Public()) {
		return ""
	}
	return fmt.Sprintf("the key (%s) is not the private key of the certificate for %q (%s).",
		keyTypeName(key.Public()), cert.Subject, keyTypeName(cert.PublicKey))
}

// keyTypeName names a public key's algorithm as Kong's messages do.
func keyTypeName(pub any) string {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return fmt.Sprintf("RSA %d", k.N.BitLen())
	case *ecdsa.PublicKey:
		return "ECDSA " + k.Curve.Params().Name
	case ed25519.PublicKey:
		return "Ed25519"
	}
	return fmt.Sprintf("%T", pub)
}

// sameKeyAlgorithm reports whether two certificates have keys of one algorithm (Kong needs an RSA and an
// ECDSA certificate for cert and cert_alt); false when either does not parse.
func sameKeyAlgorithm(certPEM, altPEM string) bool {
	a, errA := parseCertificatePEM(certPEM)
	b, errB := parseCertificatePEM(altPEM)
	return errA == nil && errB == nil && a.PublicKeyAlgorithm == b.PublicKeyAlgorithm
}
