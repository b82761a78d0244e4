// Package testcert makes X.509 certificates and their private keys for tests at run time, so that the
// repository never holds a private key.
package testcert

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"testing"
	"time"
)

// KeyType is the algorithm of a generated key.
type KeyType int

const (
	ECDSA KeyType = iota // P-256, fast to generate
	RSA                  // 2048 bits
	Ed25519
)

// Options describe a certificate. The zero value is a self-signed ECDSA leaf for "test.example",
// valid from an hour ago for a day.
type Options struct {
	CommonName string
	DNSNames   []string
	Key        KeyType
	// CA marks it as a certificate authority (basic constraints CA:TRUE).
	CA bool
	// NoBasicConstraints leaves the basic constraints extension out altogether.
	NoBasicConstraints  bool
	NotBefore, NotAfter time.Time
	// Issuer signs it; nil makes it self-signed.
	Issuer *Pair
}

// Pair is a certificate and its private key, parsed and in PEM.
type Pair struct {
	Cert    *x509.Certificate
	Key     crypto.Signer
	CertPEM string
	KeyPEM  string // PKCS#8
}

// New makes a certificate as o describes, failing the test on error.
func New(t testing.TB, o Options) *Pair {
	t.Helper()
	key, err := newKey(o.Key)
	if err != nil {
		t.Fatalf("testcert: %v", err)
	}
	if o.CommonName == "" {
		o.CommonName = "test.example"
	}
	if o.NotBefore.IsZero() {
		o.NotBefore = time.Now().Add(-time.Hour)
	}
	if o.NotAfter.IsZero() {
		o.NotAfter = o.NotBefore.Add(25 * time.Hour)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		t.Fatalf("testcert: %v", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: o.CommonName},
		DNSNames:              o.DNSNames,
		NotBefore:             o.NotBefore,
		NotAfter:              o.NotAfter,
		BasicConstraintsValid: !o.NoBasicConstraints,
		IsCA:                  o.CA,
		KeyUsage:              x509.KeyUsageDigitalSignature,
	}
	if o.CA {
		tmpl.KeyUsage |= x509.KeyUsageCertSign
	}
	parent, signer := tmpl, key
	if o.Issuer != nil {
		parent, signer = o.Issuer.Cert, o.Issuer.Key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, key.Public(), signer)
	if err != nil {
		t.Fatalf("testcert: %v", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatalf("testcert: %v", err)
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatalf("testcert: %v", err)
	}
	return &Pair{
		Cert:    cert,
		Key:     key,
		CertPEM: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		KeyPEM:  string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8})),
	}
}

func newKey(kt KeyType) (crypto.Signer, error) {
	switch kt {
	case RSA:
		return rsa.GenerateKey(rand.Reader, 2048)
	case Ed25519:
		_, k, err := ed25519.GenerateKey(rand.Reader)
		return k, err
	default:
		return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	}
}
