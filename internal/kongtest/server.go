package kongtest

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kongform/terraform-provider-kong/internal/routepath"
)

// Kong versions the server reports.
const (
	ossVersion        = "3.9.3"
	enterpriseVersion = "3.9.1.1-enterprise-edition"
)

// Options configure a Server.
type Options struct {
	// Enterprise makes the server act as a Kong Enterprise node: an enterprise version
	// string and edition, and the Enterprise-only plugins (request-validator) available.
	Enterprise bool
	// DBLess makes the server act as a DB-less node: the root endpoint reports database
	// "off" and entity writes are refused as Kong refuses them.
	DBLess bool
	// Faults are the faults injected from the start; see SetFaults.
	Faults Faults
	// AdminToken, when set, must be sent in the Kong-Admin-Token header of every Admin
	// API request, as Kong Enterprise RBAC requires; other requests get Kong's 401.
	AdminToken string
	// ReadOnlyToken, when set, is a Kong-Admin-Token that may only read, like an Enterprise
	// RBAC user with read permission only (the token an Atlantis plan runs with): GET and
	// HEAD are answered, every write and POST /schemas/plugins/validate get RBAC's 403.
	// It is accepted alongside AdminToken, or alone when AdminToken is empty.
	ReadOnlyToken string
	// Now is the clock for timestamps and credential ttl; time.Now when nil.
	Now func() time.Time
	// RouterFlavor is kong.conf's router_flavor: "traditional_compatible" (Kong 3.9's default, also when
	// empty) or "traditional". It decides how route snis are checked and whether the ATC router's check of
	// a whole route (Rust regexes) runs; GET / reports it. The expressions flavor is not modelled.
	RouterFlavor string
}

// Server is an in-memory Kong Admin API. Create it with NewServer or NewUnstartedServer.
type Server struct {
	// URL is the base URL of the Admin API, e.g. http://127.0.0.1:PORT (set once started).
	URL string

	opts     Options
	version  string
	nodeID   string
	router   router
	http     *http.Server
	listener net.Listener

	mu        sync.Mutex // guards the entity store below
	types     map[string]*entityType
	typeOrder []*entityType // the same types in a fixed order, for deterministic cascades
	tables    map[string]*table
	keyExpiry map[string]time.Time // key-auth credential id → expiry (credentials with a ttl)

	faults        faultInjector
	stats         statsCounter
	totalRequests atomic.Int64 // every Admin API request, for GET /status
}

// NewServer starts a server on 127.0.0.1 with a random port, like httptest.NewServer.
// It panics if it cannot listen, as httptest does.
func NewServer(opts Options) *Server {
	s := NewUnstartedServer(opts)
	if err := s.Start("127.0.0.1:0"); err != nil {
		panic("kongtest: " + err.Error())
	}
	return s
}

// NewUnstartedServer returns a server that is not listening yet; call Start. It can
// also be used directly as an http.Handler.
func NewUnstartedServer(opts Options) *Server {
	switch opts.RouterFlavor {
	case "":
		opts.RouterFlavor = routepath.FlavorTraditionalCompatible
	case routepath.FlavorTraditionalCompatible, routepath.FlavorTraditional:
	default:
		panic("kongtest: unsupported RouterFlavor " + opts.RouterFlavor)
	}
	s := &Server{
		opts:      opts,
		version:   ossVersion,
		nodeID:    newUUID(),
		types:     make(map[string]*entityType),
		tables:    make(map[string]*table),
		keyExpiry: make(map[string]time.Time),
	}
	if opts.Enterprise {
		s.version = enterpriseVersion
	}
	s.faults.set(opts.Faults)
	s.stats.reset()
	for _, et := range []*entityType{newServicesType(), newRoutesType(opts.RouterFlavor), newConsumersType(),
		newPluginsType(opts.Enterprise), newKeyAuthType(), newACLType(), newJWTType(),
		newUpstreamsType(), newTargetsType(),
		newCertificatesType(), newCACertificatesType(), newSNIsType()} {
		et.shape = recordShapeOf(et.schema.fields)
		s.types[et.table] = et
		s.typeOrder = append(s.typeOrder, et)
		s.tables[et.table] = newTable(et)
	}
	s.registerRoutes()
	return s
}

// Start listens on addr (host:port) and serves in the background.
func (s *Server) Start(addr string) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.listener = l
	s.URL = "http://" + l.Addr().String()
	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.http.Serve(l) }()
	return nil
}

// Shutdown stops the server gracefully, waiting for requests in flight until ctx ends.
func (s *Server) Shutdown(ctx context.Context) error {
	if s.http == nil {
		return nil
	}
	return s.http.Shutdown(ctx)
}

// Close stops the server immediately, closing open connections.
func (s *Server) Close() {
	if s.http != nil {
		_ = s.http.Close()
	}
}

func (s *Server) now() time.Time {
	if s.opts.Now != nil {
		return s.opts.Now()
	}
	return time.Now()
}

const (
	controlPrefix    = "/_kongtest/"
	adminTokenHeader = "Kong-Admin-Token"
	// defaultWorkspacePrefix addresses the default workspace of an Enterprise node
	// explicitly ("/default/services" is "/services"); other workspaces are not modelled.
	defaultWorkspacePrefix = "/default/"
)

var errInvalidCredentials = messageError(http.StatusUnauthorized, "Invalid credentials. Token or User credentials required")

// readOnlyUser is the RBAC user name the read-only token stands for; RBAC's 403 names the user.
const readOnlyUser = "read-only"

// rbacReadOnly is Kong Enterprise RBAC's answer to a user whose role may only read: the
// request's method decides the action (POST create, PUT and PATCH update, DELETE delete),
// and a refused action gives 403 with only a message. nil for reads.
func rbacReadOnly(method string) *apiError {
	action := map[string]string{
		http.MethodPost: "create", http.MethodPut: "update", http.MethodPatch: "update", http.MethodDelete: "delete",
	}[method]
	if action == "" {
		return nil
	}
	return messageError(http.StatusForbidden, readOnlyUser+", you do not have permissions to "+action+" this resource")
}

// ServeHTTP answers one Admin API request (or a /_kongtest/ control request).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, controlPrefix) {
		s.serveControl(w, r)
		return
	}
	start := time.Now()
	path := strings.TrimSuffix(r.URL.EscapedPath(), "/")
	if s.opts.Enterprise && strings.HasPrefix(path, defaultWorkspacePrefix) {
		path = path[len(defaultWorkspacePrefix)-1:]
	}
	rt, params := s.router.match(path)
	c := &call{r: r, params: params, query: r.URL.Query(), path: path}
	pattern := "(unknown path)"
	if rt != nil {
		pattern = rt.pattern
	}
	s.stats.count(r.Method, pattern)
	s.totalRequests.Add(1)

	fault := s.faults.next()
	if fault.latency > 0 {
		time.Sleep(fault.latency)
	}
	isWrite := r.Method == http.MethodPost || r.Method == http.MethodPut ||
		r.Method == http.MethodPatch || r.Method == http.MethodDelete
	if fault.onlyWrites && !isWrite {
		fault.kind = faultNone
	}
	switch fault.kind {
	case faultServerError:
		if isWrite && fault.afterWrite {
			s.answer(rt, c)
		}
		s.writeJSON(w, r, start, http.StatusServiceUnavailable, map[string]any{"message": "Service Unavailable"})
		return
	case faultTooManyRequests:
		w.Header().Set("Retry-After", fault.retryAfter)
		s.writeJSON(w, r, start, http.StatusTooManyRequests, map[string]any{"message": "API rate limit exceeded"})
		return
	case faultDrop:
		if isWrite {
			s.answer(rt, c)
		}
		dropConnection(w)
		return
	}
	status, body := s.answer(rt, c)
	if rt != nil && r.Method == http.MethodOptions {
		allow := rt.allowHeader()
		w.Header().Set("Allow", allow)
		w.Header().Set("Access-Control-Allow-Methods", allow)
		w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
	}
	s.writeJSON(w, r, start, status, body)
}

// answer runs the handler for a request and returns the status and body to send.
func (s *Server) answer(rt *route, c *call) (int, any) {
	r := c.r
	token := []byte(r.Header.Get(adminTokenHeader))
	readOnly := s.opts.ReadOnlyToken != "" && subtle.ConstantTimeCompare(token, []byte(s.opts.ReadOnlyToken)) == 1
	if s.opts.AdminToken != "" && !readOnly &&
		subtle.ConstantTimeCompare(token, []byte(s.opts.AdminToken)) != 1 {
		return errInvalidCredentials.status, errInvalidCredentials.body
	}
	if readOnly {
		if err := rbacReadOnly(r.Method); err != nil {
			return err.status, err.body
		}
	}
	if rt == nil {
		return errNotFound.status, errNotFound.body
	}
	method := r.Method
	if method == http.MethodOptions {
		return http.StatusNoContent, nil
	}
	if method == http.MethodHead {
		method = http.MethodGet
	}
	h, ok := rt.methods[method]
	if !ok {
		return errMethodNotAllowed.status, errMethodNotAllowed.body
	}
	status, body, apiErr := h(s, c)
	if apiErr != nil {
		if apiErr.body == nil {
			return apiErr.status, nil
		}
		return apiErr.status, apiErr.body
	}
	return status, body
}

func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, start time.Time, status int, body any) {
	h := w.Header()
	h.Set("Server", "kong/"+s.version)
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Allow-Credentials", "true")
	h.Set("X-Kong-Admin-Latency", strconv.FormatInt(time.Since(start).Milliseconds(), 10))
	if body == nil || r.Method == http.MethodHead {
		w.WriteHeader(status)
		return
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(body); err != nil {
		h.Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte(`{"message":"An unexpected error occurred"}`))
		return
	}
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// dropConnection closes the client connection without sending a response.
func dropConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}
