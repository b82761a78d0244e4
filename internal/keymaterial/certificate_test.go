package keymaterial

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/kongform/terraform-provider-kong/internal/testing/testcert"
)

func TestFirstCertificate(t *testing.T) {
	a, b := testcert.New(t, testcert.Options{}), testcert.New(t, testcert.Options{CommonName: "b.example"})
	broken := "-----BEGIN CERTIFICATE-----\nbm9wZQ==\n-----END CERTIFICATE-----\n"
	for name, tc := range map[string]struct {
		text    string
		want    *x509.Certificate
		skipped []string
		err     string // "", "none" for ErrNoCertificate, "parse" for another error
	}{
		"one":                 {a.CertPEM, a.Cert, nil, ""},
		"a chain: the first":  {a.CertPEM + b.CertPEM, a.Cert, nil, ""},
		"after text":          {"chain:\n" + a.CertPEM, a.Cert, nil, ""},
		"after a key":         {a.KeyPEM + a.CertPEM, a.Cert, []string{"PRIVATE KEY"}, ""},
		"a key only":          {a.KeyPEM, nil, []string{"PRIVATE KEY"}, "none"},
		"empty":               {"", nil, nil, "none"},
		"not PEM":             {"MIIB", nil, nil, "none"},
		"a broken one first":  {broken + a.CertPEM, nil, nil, "parse"},
		"header without body": {"-----BEGIN CERTIFICATE-----\n", nil, nil, "none"},
	} {
		t.Run(name, func(t *testing.T) {
			got, skipped, err := FirstCertificate(tc.text)
			switch {
			case tc.err == "none" && !errors.Is(err, ErrNoCertificate),
				tc.err == "parse" && (err == nil || errors.Is(err, ErrNoCertificate)),
				tc.err == "" && err != nil:
				t.Fatalf("err = %v, want %v", err, tc.err)
			case tc.want != nil && (got == nil || !got.Equal(tc.want)), tc.want == nil && got != nil:
				t.Fatalf("got %v, want %v", got, tc.want)
			case !reflect.DeepEqual(skipped, tc.skipped):
				t.Fatalf("skipped %v, want %v", skipped, tc.skipped)
			}
		})
	}
}

func TestCertificateRules(t *testing.T) {
	ca := testcert.New(t, testcert.Options{CA: true})
	leaf := testcert.New(t, testcert.Options{Issuer: ca})
	bare := testcert.New(t, testcert.Options{NoBasicConstraints: true})
	if !IsCA(ca.Cert) || IsCA(leaf.Cert) || IsCA(bare.Cert) {
		t.Error("IsCA")
	}
	if MoreThanOneCertificate(ca.CertPEM) || !MoreThanOneCertificate(ca.CertPEM+leaf.CertPEM) || MoreThanOneCertificate("") {
		t.Error("MoreThanOneCertificate")
	}
	sum := sha256.Sum256(ca.Cert.Raw)
	if d := CertificateDigest(ca.CertPEM + leaf.CertPEM); d != hex.EncodeToString(sum[:]) || d != strings.ToLower(d) {
		t.Errorf("digest %q", d)
	}
	if CertificateDigest("x") != "" || CertificateDigest(ca.KeyPEM) != "" {
		t.Error("digest of no certificate")
	}
}

func TestPublicPartAndSameKey(t *testing.T) {
	ec, rsaPair, ed := testcert.New(t, testcert.Options{}), testcert.New(t, testcert.Options{Key: testcert.RSA}),
		testcert.New(t, testcert.Options{Key: testcert.Ed25519})
	for _, p := range []*testcert.Pair{ec, rsaPair, ed} {
		pubDER, err := x509.MarshalPKIXPublicKey(p.Cert.PublicKey)
		pubPEM := pemOf(t, "PUBLIC KEY", pubDER, err)
		if !SameKey(PublicPart(p.KeyPEM), p.Cert.PublicKey) || !SameKey(PublicPart(pubPEM), p.Cert.PublicKey) {
			t.Errorf("%T: the public part of the key or of its public key is not the certificate's", p.Cert.PublicKey)
		}
	}
	if SameKey(PublicPart(ec.KeyPEM), rsaPair.Cert.PublicKey) || SameKey(ec.Cert.PublicKey, testcert.New(t, testcert.Options{}).Cert.PublicKey) {
		t.Error("different keys are the same")
	}
	if PublicPart(ec.CertPEM) != nil || PublicPart("") != nil || SameKey(nil, ec.Cert.PublicKey) || SameKey(nil, nil) {
		t.Error("a certificate, nothing or nil is a key")
	}
	if FirstBlockType("\n"+ec.KeyPEM) != "PRIVATE KEY" || FirstBlockType("x") != "" {
		t.Error("FirstBlockType")
	}
}
