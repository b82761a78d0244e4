package kongtest

import (
	"strings"
)

// uniqueConstraint lists the columns of one unique index. A single column ignores
// nulls; in a composite key (the plugins cache key) nulls count as values.
type uniqueConstraint []string

// deleteRule is what deleting a parent does to rows that reference it.
type deleteRule int

const (
	onDeleteCascade deleteRule = iota
	onDeleteRestrict
)

type foreignKey struct {
	field    string
	table    string
	onDelete deleteRule
}

// entityType binds a schema to its storage and Admin API behaviour.
type entityType struct {
	table        string // DAO name, e.g. "keyauth_credentials"
	schema       *schema
	shape        recordShape                                        // record fields merged by PATCH
	shapeOf      func(s *Server, stored map[string]any) recordShape // per-row shape (plugin configs); overrides shape
	coerceConfig func(s *Server, input map[string]any)              // coerces form strings inside a plugin config
	endpointKey  string                                             // field addressable in the URL instead of the id ("" if none)
	keyCheck     func(string) string                                // validates an endpoint key from the URL (code 10 on failure)
	nestedKey    string                                             // field addressable only under the parent (acls: group)
	uniques      []uniqueConstraint
	foreignKeys  []foreignKey
	// preprocess rewrites shorthands (the service url) before validation.
	preprocess func(input map[string]any, errs fieldErrors)
	// complete applies type-specific defaults and checks after the generic ones.
	complete func(s *Server, e, provided map[string]any, updating bool, errs fieldErrors)
	// storeCheck runs checks that need other rows (plugin protocol matching).
	storeCheck func(s *Server, e map[string]any) *apiError
	// lookupKey finds the row a path segment that is not a UUID addresses, when that is not an endpoint
	// key (a certificate by one of its SNI names).
	lookupKey func(s *Server, seg string) (map[string]any, *apiError)
	// prepareWrite runs a DAO's checks before validation (a certificate's snis list) and returns what to do
	// once the row is stored, or nil.
	prepareWrite func(s *Server, input, stored map[string]any, mode writeMode) (func(row map[string]any) *apiError, *apiError)
	// beforeDelete runs a DAO's delete override before the references are checked.
	beforeDelete func(s *Server, id string) *apiError
}

func (et *entityType) hasField(name string) bool { _, ok := et.schema.byName[name]; return ok }

var serviceProtocols = []any{"grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp"}

func stringCheck(check func(string) string) func(any) string {
	return func(v any) string { return check(v.(string)) }
}

func newServicesType() *entityType {
	timeout := func(name string) *field { return integerField(name).dflt(int64(60000)).between(1, 2147483646) }
	fields := append(autoFields(),
		stringField("name").with(stringCheck(checkUTF8Name)),
		integerField("retries").dflt(int64(5)).between(0, 32767),
		stringField("protocol").req().dflt("http").one(serviceProtocols...),
		stringField("host").req().with(stringCheck(checkHost)),
		integerField("port").req().dflt(int64(80)).between(0, 65535),
		stringField("path").with(stringCheck(checkPath)).declare(map[string]any{"starts_with": "/", "match_none": emptySegments}),
		timeout("connect_timeout"), timeout("write_timeout"), timeout("read_timeout"),
		tagsField(),
		foreignField("client_certificate", "certificates"),
		booleanField("tls_verify"),
		integerField("tls_verify_depth").between(0, 64).declare(map[string]any{"default": nil}),
		&field{name: "ca_certificates", kind: kindArray, elem: &field{kind: kindID}},
		booleanField("enabled").req().dflt(true),
	)
	sc := newSchema("services", fields...)
	sc.entityCheck = checkService
	sc.checks = []any{conditionalNullJSON("protocol", map[string]any{"one_of": []any{"tcp", "tls", "udp", "grpc", "grpcs"}}, "path")}
	for _, f := range []string{"client_certificate", "tls_verify", "tls_verify_depth", "ca_certificates"} {
		sc.checks = append(sc.checks, conditionalNullJSON("protocol", map[string]any{"not_one_of": []any{"https", "tls"}}, f))
	}
	return &entityType{
		table: "services", schema: sc, endpointKey: "name", keyCheck: checkUTF8Name,
		uniques:     []uniqueConstraint{{"name"}},
		foreignKeys: []foreignKey{{field: "client_certificate", table: "certificates", onDelete: onDeleteRestrict}},
		preprocess:  expandServiceURL,
	}
}

// emptySegments is the match_none Kong declares on paths.
var emptySegments = []any{map[string]any{"pattern": "//", "err": "must not have empty segments"}}

// conditionalNullJSON is a conditional entity check "if <ifField> matches then <then> must be null" as
// GET /schemas shows it.
func conditionalNullJSON(ifField string, ifMatch map[string]any, then string) any {
	return map[string]any{"conditional": map[string]any{
		"if_field": ifField, "if_match": ifMatch, "then_field": then, "then_match": map[string]any{"eq": nil}}}
}

// conditionalNull is Kong's conditional entity check "if <if_field> is one of X then <field> must be null".
func conditionalNull(e map[string]any, errs fieldErrors, ifField, then string) {
	if e[then] == nil || errs[then] != nil || errs[ifField] != nil {
		return
	}
	errs.set(then, "value must be null")
	errs.entity("failed conditional validation given value of field '" + ifField + "'")
}

func checkService(e map[string]any, errs fieldErrors, _ bool) {
	protocol, _ := e["protocol"].(string)
	switch protocol {
	case "tcp", "tls", "udp", "grpc", "grpcs":
		conditionalNull(e, errs, "protocol", "path")
	}
	if protocol != "https" && protocol != "tls" {
		for _, f := range []string{"client_certificate", "tls_verify", "tls_verify_depth", "ca_certificates"} {
			conditionalNull(e, errs, "protocol", f)
		}
	}
}

// expandServiceURL replaces the write-only url shorthand by protocol, host, port and path.
func expandServiceURL(input map[string]any, errs fieldErrors) {
	raw, present := input["url"]
	if !present {
		return
	}
	delete(input, "url")
	u, ok := raw.(string)
	switch {
	case raw == nil:
		return
	case !ok:
		errs.set("url", "expected a string")
		return
	case u == "":
		errs.set("url", "length must be at least 1")
		return
	}
	protocol, host, port, path := parseServiceURL(u)
	input["protocol"], input["host"], input["port"], input["path"] = protocol, host, port, path
}

// parseServiceURL splits a url the way Kong's url shorthand does (see the facts, §3.1):
// missing parts become nil, and a scheme-less or port-less url gets http/80 defaults.
func parseServiceURL(u string) (protocol, host, port, path any) {
	rest := u
	var scheme string
	if i := strings.Index(rest, "://"); i > 0 {
		scheme, rest = rest[:i], rest[i+3:]
	}
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		rest = rest[:i]
	}
	authority := rest
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		authority, path = rest[:i], rest[i:]
	}
	if scheme == "" {
		// Without "scheme://" the whole string is a relative path, as in Kong.
		authority, path = "", rest
		if !strings.HasPrefix(rest, "/") && rest != "" {
			path = rest
		}
	}
	if i := strings.LastIndexByte(authority, '@'); i >= 0 {
		authority = authority[i+1:]
	}
	h, p, hasPort := splitHostPort(authority)
	if h != "" {
		host = h
	}
	var portNum int64
	if hasPort {
		if n, ok := parsePort(p); ok {
			portNum = n
		}
	}
	switch {
	case scheme != "":
		protocol = scheme
	case portNum == 443:
		protocol = "https"
	default:
		protocol = "http"
	}
	switch {
	case hasPort:
		port = portNum
	case scheme == "https":
		port = int64(443)
	default:
		port = int64(80)
	}
	return protocol, host, port, path
}

func parsePort(p string) (int64, bool) {
	var n int64
	if p == "" || len(p) > 5 {
		return 0, false
	}
	for i := 0; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return 0, false
		}
		n = n*10 + int64(p[i]-'0')
	}
	return n, true
}

func isEmptyValue(v any) bool {
	switch t := v.(type) {
	case nil:
		return true
	case []any:
		return len(t) == 0
	case map[string]any:
		return len(t) == 0
	}
	return false
}

func quoteList(names []string) string { return "'" + strings.Join(names, "', '") + "'" }

func newConsumersType() *entityType {
	sc := newSchema("consumers", append(autoFields(), stringField("username"), stringField("custom_id"), tagsField())...)
	sc.entityCheck = func(e map[string]any, errs fieldErrors, updating bool) {
		atLeastOneOf(e, errs, updating, "custom_id", "username")
	}
	sc.checks = []any{map[string]any{"at_least_one_of": []any{"custom_id", "username"}}}
	return &entityType{
		table: "consumers", schema: sc, endpointKey: "username",
		uniques: []uniqueConstraint{{"username"}, {"custom_id"}},
	}
}

// atLeastOneOf is Kong's at_least_one_of entity check, with its PATCH wording.
func atLeastOneOf(e map[string]any, errs fieldErrors, updating bool, names ...string) {
	for _, n := range names {
		if !isEmptyValue(e[n]) || errs[n] != nil {
			return
		}
	}
	prefix := ""
	if updating {
		prefix = "when updating, "
	}
	errs.entity(prefix + "at least one of these fields must be non-empty: " + quoteList(names))
}
