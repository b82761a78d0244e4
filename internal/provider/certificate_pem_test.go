package provider

import (
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/testing/testcert"
)

func TestPrivateKeyFormats(t *testing.T) {
	ec := testcert.New(t, testcert.Options{})
	rsaPair := testcert.New(t, testcert.Options{Key: testcert.RSA})
	ed := testcert.New(t, testcert.Options{Key: testcert.Ed25519})
	sec1, _ := x509.MarshalECPrivateKey(ec.Key.(*ecdsa.PrivateKey))
	pkcs1 := x509.MarshalPKCS1PrivateKey(rsaPair.Key.(*rsa.PrivateKey))
	block := func(typ string, der []byte) string {
		return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
	}
	for name, tc := range map[string]struct {
		key, cert, problem string
	}{
		"PKCS #8 ECDSA":         {ec.KeyPEM, ec.CertPEM, ""},
		"SEC 1 ECDSA":           {block("EC PRIVATE KEY", sec1), ec.CertPEM, ""},
		"PKCS #1 RSA":           {block("RSA PRIVATE KEY", pkcs1), rsaPair.CertPEM, ""},
		"Ed25519":               {ed.KeyPEM, ed.CertPEM, ""},
		"with surrounding text": {"\n\n" + ec.KeyPEM + "\n", ec.CertPEM, ""},
		"encrypted":             {block("ENCRYPTED PRIVATE KEY", []byte{1}), "", "encrypted with a passphrase"},
		"a certificate":         {ec.CertPEM, "", "not a private key"},
		"garbage in a block":    {block("PRIVATE KEY", []byte("nope")), "", "not a private key Kong can use"},
		"not PEM":               {"MIIEvQIBADANBg", "", "not a PEM private key"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := parsePrivateKeyPEM(tc.key)
			if tc.problem == "" && err != nil || tc.problem != "" && (err == nil || !strings.Contains(err.Error(), tc.problem)) {
				t.Fatalf("err = %v, want %q", err, tc.problem)
			}
			if tc.cert != "" {
				if problem := keyMismatch(tc.cert, tc.key); problem != "" {
					t.Fatalf("the certificate's own key does not match: %s", problem)
				}
			}
		})
	}
}

func TestKeyMismatchAndTypes(t *testing.T) {
	a, b := testcert.New(t, testcert.Options{}), testcert.New(t, testcert.Options{})
	r := testcert.New(t, testcert.Options{Key: testcert.RSA})
	if got := keyMismatch(a.CertPEM, b.KeyPEM); !strings.Contains(got, "ECDSA P-256") {
		t.Errorf("another certificate's key: %q", got)
	}
	if got := keyMismatch(r.CertPEM, a.KeyPEM); !strings.Contains(got, "(ECDSA P-256) is not the private key") || !strings.Contains(got, "RSA 2048") {
		t.Errorf("an ECDSA key for an RSA certificate: %q", got)
	}
	if keyMismatch("garbage", a.KeyPEM) != "" || keyMismatch(a.CertPEM, "garbage") != "" {
		t.Error("unparsable input is the rules' to report, not the match's")
	}
	if !sameKeyAlgorithm(a.CertPEM, b.CertPEM) || sameKeyAlgorithm(a.CertPEM, r.CertPEM) || sameKeyAlgorithm("x", a.CertPEM) {
		t.Error("sameKeyAlgorithm")
	}
}

func TestCACertificateChecks(t *testing.T) {
	ca := testcert.New(t, testcert.Options{CA: true})
	leaf := testcert.New(t, testcert.Options{Issuer: ca})
	bare := testcert.New(t, testcert.Options{NoBasicConstraints: true})
	for name, tc := range map[string]struct{ cert, problem string }{
		"a CA":                 {ca.CertPEM, ""},
		"a leaf":               {leaf.CertPEM, "not a CA certificate"},
		"no basic constraints": {bare.CertPEM, "not a CA certificate"},
		"two":                  {ca.CertPEM + leaf.CertPEM, "more than one certificate"},
		"a key":                {ca.KeyPEM, "private key"},
		"empty":                {"", "not a PEM certificate"},
	} {
		if got := caCertificateProblem(tc.cert); tc.problem == "" && got != "" || !strings.Contains(got, tc.problem) {
			t.Errorf("%s: %q, want %q", name, got, tc.problem)
		}
	}
	if got := caCertificateExpired(ca.CertPEM, ca.Cert.NotAfter.Add(time.Second)); !strings.Contains(got, "expired on") {
		t.Errorf("expired: %q", got)
	}
	if got := caCertificateExpired(ca.CertPEM, ca.Cert.NotAfter); got != "" {
		t.Errorf("current until Not After: %q", got)
	}
}

// TestFlattenCertificate: a key written write-only never reaches the state, one written plainly does (so
// drift in it shows), and an empty SNI list written as [] stays [].
func TestFlattenCertificate(t *testing.T) {
	got := &kong.Certificate{ID: kong.String("id"), Cert: kong.String("c"), Key: kong.String("k"),
		CertAlt: kong.String("ca"), KeyAlt: kong.String("ka"), SNIs: []*string{}}
	prior := certificateModel{KeyWOVersion: types.Int64Value(3), KeyAltWOVersion: types.Int64Null(),
		SNIs: types.SetValueMust(types.StringType, nil)}
	m := flattenCertificate(got, prior, nil)
	if !m.Key.IsNull() || m.KeyWOVersion.ValueInt64() != 3 || m.KeyAlt.ValueString() != "ka" || !m.KeyWO.IsNull() {
		t.Errorf("keys: %+v", m)
	}
	if m.SNIs.IsNull() || len(m.SNIs.Elements()) != 0 {
		t.Errorf("snis = %v, want []", m.SNIs)
	}
	var diags diag.Diagnostics
	e := expandCertificate(t.Context(), certificateModel{Key: types.StringNull(), KeyWO: types.StringValue("wo"),
		KeyWOVersion: types.Int64Value(1), KeyAlt: types.StringValue("plain"), KeyAltWOVersion: types.Int64Null(),
		SNIs: types.SetUnknown(types.StringType)}, nil, &diags)
	if diags.HasError() || kong.StringValue(e.Key) != "wo" || kong.StringValue(e.KeyAlt) != "plain" || e.SNIs != nil {
		t.Errorf("expand: %+v", e)
	}
}
