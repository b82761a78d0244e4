// Package kongclient is the provider's only way to reach a Kong Admin API. It builds the go-kong client and
// owns everything about the connection: authentication headers, TLS, timeouts, retries with backoff, limits
// on concurrency and request rate, and the per-run caches (the gateway's identity and plugin schemas).
// Resources never build HTTP clients of their own, so these rules hold for every request the provider sends.
package kongclient

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kong/go-kong/kong"
)

// Config is everything needed to talk to one Kong node (and one workspace of it).
type Config struct {
	AdminURL string
	// AdminToken is sent as the Kong-Admin-Token header. It is never logged.
	AdminToken string
	// Headers are extra headers sent with every request (for example an authenticating proxy's).
	Headers map[string]string
	// Workspace prefixes every path (Kong Enterprise). Empty means the default workspace.
	Workspace string

	CACertificatePEM     string
	ClientCertificatePEM string
	ClientKeyPEM         string
	TLSSkipVerify        bool

	// Timeout bounds one HTTP attempt, not the whole retry sequence.
	Timeout time.Duration
	Retry   RetryPolicy
	// MaxConcurrentRequests caps in-flight Admin API requests; 0 means no cap.
	MaxConcurrentRequests int
	// RequestsPerSecond caps the request rate (every attempt counts); 0 means no cap.
	RequestsPerSecond float64

	UserAgent string

	// BulkReadThreshold is the number of single reads of a collection after which the run lists the
	// collection once instead (see bulkReader); 0 turns bulk reads off.
	BulkReadThreshold int
	// OwnershipTags, when set, are carried by every entity the provider writes; listings filter on them.
	OwnershipTags []string
}

// Client is a configured connection to one Kong node.
type Client struct {
	// Kong is the go-kong client. All its requests go through this package's transport.
	Kong      *kong.Client
	Gateway   Gateway
	workspace string
	// basePath is admin_url's own path (an Admin API behind a proxy at /kong-admin), "" at the root.
	basePath string

	bulk *bulkReader

	schemasMu sync.Mutex
	schemas   map[string]*schemaEntry
	// pluginValidations caches Kong's verdict per plugin entity (sha256 of its JSON → []FieldError).
	pluginValidations sync.Map
	// validationRefused is Kong's 403 to the first validation, when the token may not validate.
	validationRefused atomic.Pointer[APIError]
}

// New builds a client and reads the node's identity (GET /) once. It refuses a DB-less node, because a
// declarative Kong cannot accept the entity-by-entity writes a Terraform provider makes.
func New(ctx context.Context, cfg Config) (*Client, error) {
	base, err := baseTransport(cfg)
	if err != nil {
		return nil, err
	}
	bulk := newBulkReader(cfg.BulkReadThreshold, cfg.OwnershipTags)
	rt := &writeTracker{bulk: bulk, next: newRetryTransport(newLimitTransport(newHeaderTransport(base, cfg), cfg), cfg.Retry)}
	httpClient := &http.Client{Transport: rt, CheckRedirect: refuseRedirects}

	adminURL := strings.TrimRight(cfg.AdminURL, "/")
	// Messages show shownURL only: a password in admin_url's userinfo is never printed.
	shownURL := RedactURL(adminURL)
	u, err := url.ParseRequestURI(adminURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("admin_url %q is not a valid URL: it needs http:// or https:// and a host", RedactURL(cfg.AdminURL))
	}
	kc, err := kong.NewClient(kong.String(adminURL), httpClient)
	if err != nil {
		return nil, fmt.Errorf("creating the Kong client: %w", err)
	}
	kc.UserAgent = cfg.UserAgent
	if cfg.Workspace != "" {
		kc.SetWorkspace(cfg.Workspace)
	}

	c := &Client{Kong: kc, workspace: cfg.Workspace, basePath: strings.TrimRight(u.Path, "/"), bulk: bulk, schemas: map[string]*schemaEntry{}}
	kc.SetDoer(c.doer)
	root, err := kc.Root(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the Kong Admin API at %s: %w", shownURL, err)
	}
	c.Gateway = gatewayFromRoot(root)
	if c.Gateway.Database == "off" {
		return nil, errors.New("the Kong node at " + shownURL + " runs without a database (DB-less mode). " +
			"This provider creates and updates entities one by one through the Admin API, which only a " +
			"database-backed Kong (Postgres) accepts; manage a DB-less node with a declarative configuration instead")
	}
	return c, nil
}

// Workspace is the workspace every request is made in ("" for the default one).
func (c *Client) Workspace() string { return c.workspace }

func baseTransport(cfg Config) (*http.Transport, error) {
	tlsConfig := &tls.Config{MinVersion: tls.VersionTLS12}
	if cfg.TLSSkipVerify {
		// The user asked for it explicitly (tls_skip_verify); typical for a self-signed Admin API on loopback.
		tlsConfig.InsecureSkipVerify = true //nolint:gosec
	}
	if cfg.CACertificatePEM != "" {
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM([]byte(cfg.CACertificatePEM)) {
			return nil, errors.New("ca_certificate holds no PEM-encoded certificate")
		}
		tlsConfig.RootCAs = pool
	}
	if (cfg.ClientCertificatePEM == "") != (cfg.ClientKeyPEM == "") {
		return nil, errors.New("client_certificate and client_key must be set together")
	}
	if cfg.ClientCertificatePEM != "" {
		pair, err := tls.X509KeyPair([]byte(cfg.ClientCertificatePEM), []byte(cfg.ClientKeyPEM))
		if err != nil {
			return nil, fmt.Errorf("client_certificate and client_key do not form a valid key pair: %w", err)
		}
		tlsConfig.Certificates = []tls.Certificate{pair}
	}
	timeout := cfg.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	dialer := &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		TLSClientConfig:       tlsConfig,
		TLSHandshakeTimeout:   timeout,
		ResponseHeaderTimeout: timeout,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   100,
		IdleConnTimeout:       90 * time.Second,
	}, nil
}
