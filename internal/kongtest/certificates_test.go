package kongtest

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"strings"
	"testing"
	"time"

	"github.com/kongform/terraform-provider-kong/internal/keymaterial"
	"github.com/kongform/terraform-provider-kong/internal/testing/testcert"
)

// Expected bodies and messages below follow Kong 3.9.1's certificates, ca_certificates and snis schemas,
// DAOs and the certificates route (facts §3.8–3.10).

const (
	certID = "77777777-7777-4777-8777-777777777777"
	caID   = "88888888-8888-4888-8888-888888888888"
)

func quoteJSON(s string) string {
	raw, _ := json.Marshal(s)
	return string(raw)
}

// certBody is a certificate's JSON body with the pair's cert and key, plus extra members ("" for none).
func certBody(p *testcert.Pair, extra string) string {
	body := `{"cert":` + quoteJSON(p.CertPEM) + `,"key":` + quoteJSON(p.KeyPEM)
	if extra != "" {
		body += "," + extra
	}
	return body + "}"
}

func TestCertificateSNIShorthand(t *testing.T) {
	s, _ := newTestServer(t)
	p := testcert.New(t, testcert.Options{})
	runSteps(t, s, []step{
		{name: "POST creates the SNIs and answers them sorted", method: "POST", path: "/certificates",
			body: certBody(p, `"id":"`+certID+`","snis":["b.example","*.a.example"]`), status: 201,
			want: `{"snis":["*.a.example","b.example"],"cert_alt":null,"key_alt":null,"tags":null}`},
		{name: "the SNIs are entities of their own", method: "GET", path: "/snis/b.example", status: 200,
			want: `{"name":"b.example","certificate":{"id":"` + certID + `"}}`},
		{name: "a certificate is addressed by one of its SNI names", method: "GET", path: "/certificates/b.example", status: 200,
			want: `{"id":"` + certID + `","snis":["*.a.example","b.example"]}`},
		{name: "an unknown SNI name", method: "GET", path: "/certificates/c.example", status: 404, want: `{"message":"SNI not found"}`},
		{name: "an invalid SNI name", method: "GET", path: "/certificates/foo.*.example", status: 400,
			want: `{"code":10,"name":"invalid unique name","message":"wildcard must be leftmost or rightmost character"}`},
		{name: "a missing id answers the DAO's not found", method: "GET", path: "/certificates/" + missing, status: 404,
			want: `{"code":6,"message":"could not find the entity with primary key '{id=\"` + missing + `\"}'"}`},
		{name: "PATCH without snis keeps them", method: "PATCH", path: "/certificates/" + certID, body: `{"tags":["t"]}`, status: 200,
			want: `{"snis":["*.a.example","b.example"],"tags":["t"]}`},
		{name: "PATCH with one name as a string replaces them", method: "PATCH", path: "/certificates/b.example",
			body: `{"snis":"c.example"}`, status: 200, want: `{"snis":["c.example"]}`},
		{name: "the replaced SNI is gone", method: "GET", path: "/snis/b.example", status: 404},
		{name: "PUT without snis clears them", method: "PUT", path: "/certificates/" + certID, body: certBody(p, ""), status: 200,
			want: `{"snis":[],"tags":null}`},
		{name: "no SNI is left", method: "GET", path: "/certificates/" + certID + "/snis", status: 200, want: `{"data":[]}`},
		{name: "PUT by a new SNI name creates a certificate with it", method: "PUT", path: "/certificates/new.example",
			body: certBody(p, `"snis":["other.example"]`), status: 200, want: `{"snis":["new.example","other.example"]}`},
		{name: "PUT by an SNI name without snis clears them all, that name too", method: "PUT", path: "/certificates/new.example",
			body: certBody(p, ""), status: 200, want: `{"snis":[]}`},
		{name: "DELETE by an unknown SNI name", method: "DELETE", path: "/certificates/new.example", status: 404,
			want: `{"message":"SNI not found"}`},
		{name: "DELETE of a missing id", method: "DELETE", path: "/certificates/" + missing, status: 204},
	})
}

func TestCertificateSNIConflicts(t *testing.T) {
	s, _ := newTestServer(t)
	p := testcert.New(t, testcert.Options{})
	runSteps(t, s, []step{
		{method: "PUT", path: "/certificates/" + certID, body: certBody(p, `"snis":["a.example"]`), status: 200},
		{name: "a duplicate name", method: "POST", path: "/certificates", body: certBody(p, `"snis":["x.example","x.example"]`), status: 400,
			want: `{"code":2,"message":"schema violation (snis: x.example is duplicated)","fields":{"snis":"x.example is duplicated"}}`},
		{name: "a name of another certificate", method: "POST", path: "/certificates", body: certBody(p, `"snis":["a.example"]`), status: 400,
			want: `{"code":2,"fields":{"snis":"a.example already associated with existing certificate '` + certID + `'"}}`},
		{name: "its own name on an upsert", method: "PUT", path: "/certificates/" + certID, body: certBody(p, `"snis":["a.example","b.example"]`), status: 200,
			want: `{"snis":["a.example","b.example"]}`},
		{name: "a wildcard in the middle", method: "POST", path: "/certificates", body: certBody(p, `"snis":["foo.*.com"]`), status: 400,
			want: `{"code":10,"name":"invalid unique name","message":"wildcard must be leftmost or rightmost character"}`},
		{name: "a name taken by an SNI entity", method: "POST", path: "/snis", body: `{"name":"a.example","certificate":{"id":"` + certID + `"}}`, status: 409,
			want: `{"code":5,"message":"UNIQUE violation detected on '{name=\"a.example\"}'"}`},
		{name: "wildcards at either end, and glued to a label", method: "POST", path: "/certificates/" + certID + "/snis",
			body: `{"name":"*foo.example.com"}`, status: 201, want: `{"certificate":{"id":"` + certID + `"}}`},
		{method: "POST", path: "/snis", body: `{"name":"*.example.com","certificate":{"id":"` + certID + `"}}`, status: 201},
		{method: "POST", path: "/snis", body: `{"name":"example.*","certificate":{"id":"` + certID + `"}}`, status: 201},
		{name: "an IP", method: "POST", path: "/snis", body: `{"name":"10.0.0.1","certificate":{"id":"` + certID + `"}}`, status: 400,
			want: `{"fields":{"name":"must not be an IP"}}`},
		{name: "the certificate is required", method: "POST", path: "/snis", body: `{"name":"c.example"}`, status: 400,
			want: `{"fields":{"certificate":"required field missing"}}`},
		{name: "the certificate lists every SNI", method: "GET", path: "/certificates/" + certID, status: 200,
			want: `{"snis":["*.example.com","*foo.example.com","a.example","b.example","example.*"]}`},
	})
}

func TestCertificateKeyChecks(t *testing.T) {
	ec := testcert.New(t, testcert.Options{})
	other := testcert.New(t, testcert.Options{})
	rsaPair := testcert.New(t, testcert.Options{Key: testcert.RSA})
	alt := func(p *testcert.Pair) string {
		return `"cert_alt":` + quoteJSON(p.CertPEM) + `,"key_alt":` + quoteJSON(p.KeyPEM)
	}
	cases := map[string]struct {
		body   string
		status int
		want   string
	}{
		"garbage certificate": {`{"cert":"not a certificate","key":` + quoteJSON(ec.KeyPEM) + `}`, 400,
			`{"fields":{"cert":"invalid certificate: x509.new: no start line"}}`},
		"garbage key": {`{"cert":` + quoteJSON(ec.CertPEM) + `,"key":"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"}`, 400,
			`{"fields":{"key":"invalid key: pkey.new:load_key: unsupported"}}`},
		"key of another certificate": {`{"cert":` + quoteJSON(ec.CertPEM) + `,"key":` + quoteJSON(other.KeyPEM) + `}`, 400,
			`{"message":"schema violation (certificate does not match key)","fields":{"@entity":["certificate does not match key"]}}`},
		"missing key": {`{"cert":` + quoteJSON(ec.CertPEM) + `}`, 400, `{"fields":{"key":"required field missing"}}`},
		"alternative certificate without its key": {`{"cert":` + quoteJSON(ec.CertPEM) + `,"key":` + quoteJSON(ec.KeyPEM) +
			`,"cert_alt":` + quoteJSON(rsaPair.CertPEM) + `}`, 400,
			`{"fields":{"@entity":["all or none of these fields must be set: 'cert_alt', 'key_alt'"]}}`},
		"alternative key of another certificate": {certBody(ec, `"cert_alt":`+quoteJSON(rsaPair.CertPEM)+`,"key_alt":`+quoteJSON(other.KeyPEM)), 400,
			`{"fields":{"@entity":["alternative certificate does not match key"]}}`},
		"two ECDSA certificates": {certBody(ec, alt(other)), 400,
			`{"fields":{"@entity":["certificate and alternative certificate need to have different type (e.g. RSA and ECDSA), the provided certificates were both of the same type"]}}`},
		"ECDSA and RSA":   {certBody(ec, alt(rsaPair)), 201, `{"snis":[]}`},
		"a public key":    {`{"cert":` + quoteJSON(ec.CertPEM) + `,"key":` + quoteJSON(publicPEM(t, ec)) + `}`, 201, `{}`},
		"snis not a list": {certBody(ec, `"snis":"a.example"`), 400, `{"fields":{"snis":"expected an array"}}`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			s, _ := newTestServer(t)
			runSteps(t, s, []step{{method: "POST", path: "/certificates", body: tc.body, status: tc.status, want: tc.want}})
		})
	}
}

// publicPEM is the pair's public key: OpenSSL's pkey.new loads it, so Kong takes it for a key that matches.
func publicPEM(t *testing.T, p *testcert.Pair) string {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(p.Key.Public())
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

func TestCertificateDelete(t *testing.T) {
	s, _ := newTestServer(t)
	p := testcert.New(t, testcert.Options{})
	runSteps(t, s, []step{
		{method: "PUT", path: "/certificates/" + certID, body: certBody(p, `"snis":["a.example"]`), status: 200},
		{method: "PUT", path: "/services/" + svcID, body: `{"host":"up.example","protocol":"https","client_certificate":{"id":"` + certID + `"}}`, status: 200},
		{name: "the service's client certificate", method: "GET", path: "/services/" + svcID + "/client_certificate", status: 200,
			want: `{"id":"` + certID + `","snis":["a.example"]}`},
		{name: "services by certificate", method: "GET", path: "/certificates/a.example/services", status: 200},
		{name: "a certificate a service uses cannot be deleted", method: "DELETE", path: "/certificates/" + certID, status: 400,
			want: `{"code":4,"message":"an existing 'services' entity references this 'certificates' entity","fields":{"@referenced_by":"services"}}`},
		{name: "but its SNIs are gone already, as in Kong", method: "GET", path: "/snis/a.example", status: 404},
		{method: "PATCH", path: "/services/" + svcID, body: `{"client_certificate":null}`, status: 200},
		{method: "PUT", path: "/certificates/" + certID, body: certBody(p, `"snis":["a.example","b.example"]`), status: 200},
		{name: "deleting the certificate deletes its SNIs", method: "DELETE", path: "/certificates/a.example", status: 204},
		{method: "GET", path: "/snis/b.example", status: 404},
		{method: "GET", path: "/snis", status: 200, want: `{"data":[]}`},
	})
}

func TestCertificateOfAnUpstream(t *testing.T) {
	s, _ := newTestServer(t)
	p := testcert.New(t, testcert.Options{})
	runSteps(t, s, []step{
		{method: "PUT", path: "/certificates/" + certID, body: certBody(p, ""), status: 200},
		{method: "POST", path: "/certificates/" + certID + "/upstreams", body: `{"name":"u"}`, status: 201,
			want: `{"client_certificate":{"id":"` + certID + `"}}`},
		{name: "the upstream's client certificate", method: "GET", path: "/upstreams/u/client_certificate", status: 200,
			want: `{"id":"` + certID + `","snis":[]}`},
		{name: "a certificate an upstream uses cannot be deleted", method: "DELETE", path: "/certificates/" + certID, status: 400,
			want: `{"code":4,"message":"an existing 'upstreams' entity references this 'certificates' entity"}`},
		{method: "DELETE", path: "/upstreams/u", status: 204},
		{method: "DELETE", path: "/certificates/" + certID, status: 204},
	})
}

func TestCACertificates(t *testing.T) {
	s, clock := newTestServer(t)
	now := clock.t
	ca := testcert.New(t, testcert.Options{CA: true, NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour)})
	leaf := testcert.New(t, testcert.Options{Issuer: ca, NotBefore: now.Add(-time.Hour)})
	bare := testcert.New(t, testcert.Options{NoBasicConstraints: true, NotBefore: now.Add(-time.Hour)})
	expired := testcert.New(t, testcert.Options{CA: true, NotBefore: now.Add(-2 * time.Hour), NotAfter: now.Add(-time.Hour)})
	caBody := func(pem string) string { return `{"cert":` + quoteJSON(pem) + `}` }
	digest := keymaterial.CertificateDigest(ca.CertPEM)
	notCA := `certificate does not appear to be a CA because it is missing the \"CA\" basic constraint`
	runSteps(t, s, []step{
		{name: "cert_digest is computed", method: "PUT", path: "/ca_certificates/" + caID, body: caBody(ca.CertPEM), status: 200,
			want: `{"cert_digest":"` + digest + `","tags":null}`},
		{name: "a digest given is replaced", method: "PATCH", path: "/ca_certificates/" + caID, body: `{"cert_digest":"x"}`, status: 200,
			want: `{"cert_digest":"` + digest + `"}`},
		{name: "the same certificate twice", method: "POST", path: "/ca_certificates", body: caBody(ca.CertPEM), status: 409,
			want: `{"code":5,"message":"UNIQUE violation detected on '{cert_digest=\"` + digest + `\"}'"}`},
		{name: "a leaf", method: "POST", path: "/ca_certificates", body: caBody(leaf.CertPEM), status: 400,
			want: `{"fields":{"@entity":["` + notCA + `"]}}`},
		{name: "no basic constraints", method: "POST", path: "/ca_certificates", body: caBody(bare.CertPEM), status: 400,
			want: `{"fields":{"@entity":["` + notCA + `"]}}`},
		{name: "expired", method: "POST", path: "/ca_certificates", body: caBody(expired.CertPEM), status: 400,
			want: `{"fields":{"@entity":["certificate expired, \"Not After\" time is in the past"]}}`},
		{name: "a bundle", method: "POST", path: "/ca_certificates", body: caBody(leaf.CertPEM + ca.CertPEM), status: 400,
			want: `{"fields":{"@entity":["please submit only one certificate at a time"]}}`},
		{name: "garbage", method: "POST", path: "/ca_certificates", body: caBody("x"), status: 400,
			want: `{"fields":{"cert":"invalid certificate: x509.new: no start line"}}`},
		{name: "only ids address a CA certificate", method: "GET", path: "/ca_certificates/some-name", status: 400,
			want: `{"code":1,"name":"invalid primary key","message":"invalid primary key: '{id=\"expected a valid UUID\"}'"}`},
		{method: "PUT", path: "/services/" + svcID, body: `{"host":"up.example","protocol":"https","ca_certificates":["` + caID + `"]}`, status: 200},
		{name: "a CA certificate a service trusts cannot be deleted", method: "DELETE", path: "/ca_certificates/" + caID, status: 400,
			want: `{"code":19,"name":"referenced by others","message":"ca certificate ` + caID + ` is still referenced by services (id = ` + svcID + `)"}`},
		{method: "PATCH", path: "/services/" + svcID, body: `{"ca_certificates":null}`, status: 200},
		{method: "DELETE", path: "/ca_certificates/" + caID, status: 204},
	})
	if !strings.HasPrefix(ca.CertPEM, "-----BEGIN CERTIFICATE-----") {
		t.Fatal("testcert writes PEM")
	}
}
