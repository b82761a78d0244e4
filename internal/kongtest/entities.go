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
	// transformations rewrite a valid entity before it is stored (credentials: a hash for the secret).
	transformations []transformation
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
		stringField("path").with(stringCheck(checkPath)),
		timeout("connect_timeout"), timeout("write_timeout"), timeout("read_timeout"),
		tagsField(),
		foreignField("client_certificate", "certificates"),
		booleanField("tls_verify"),
		integerField("tls_verify_depth").between(0, 64),
		&field{name: "ca_certificates", kind: kindArray, elem: &field{kind: kindID}},
		booleanField("enabled").req().dflt(true),
	)
	sc := newSchema("services", fields...)
	sc.entityCheck = checkService
	return &entityType{
		table: "services", schema: sc, endpointKey: "name", keyCheck: checkUTF8Name,
		uniques:     []uniqueConstraint{{"name"}},
		foreignKeys: []foreignKey{{field: "client_certificate", table: "certificates", onDelete: onDeleteRestrict}},
		preprocess:  expandServiceURL,
	}
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

var routeProtocols = []any{"grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp"}

func newRoutesType() *entityType {
	// typedefs.sources and typedefs.destinations: each element needs at least one of ip and port.
	endpoint := &field{kind: kindRecord, fields: []*field{
		stringField("ip").with(stringCheck(checkIPOrCIDR)),
		integerField("port").between(0, 65535),
	}, recordCheck: checkEndpoint}
	fields := append(autoFields(),
		stringField("name").with(stringCheck(checkUTF8Name)),
		&field{name: "protocols", kind: kindSet, required: true, hasDefault: true, def: []any{"http", "https"},
			elem: &field{kind: kindString, oneOf: routeProtocols}, check: checkRouteProtocols},
		integerField("https_redirect_status_code").req().dflt(int64(426)).one(int64(426), int64(301), int64(302), int64(307), int64(308)),
		booleanField("strip_path").req().dflt(true),
		booleanField("preserve_host").req().dflt(false),
		booleanField("request_buffering").req().dflt(true),
		booleanField("response_buffering").req().dflt(true),
		tagsField(),
		foreignField("service", "services"),
		&field{name: "snis", kind: kindSet, elem: &field{kind: kindString, check: stringCheck(checkWildcardSNI)}},
		&field{name: "sources", kind: kindSet, elem: endpoint},
		&field{name: "destinations", kind: kindSet, elem: endpoint},
		&field{name: "methods", kind: kindSet, elem: &field{kind: kindString, check: stringCheck(checkMethod)}},
		&field{name: "hosts", kind: kindArray, elem: &field{kind: kindString, check: stringCheck(func(s string) string { return checkWildcardHost(s, false) })}},
		&field{name: "paths", kind: kindArray, elem: &field{kind: kindString, check: stringCheck(checkRoutePath)}},
		&field{name: "headers", kind: kindMap, elem: &field{kind: kindArray, elem: &field{kind: kindString}}, check: checkRouteHeaders},
		integerField("regex_priority").dflt(int64(0)),
		stringField("path_handling").dflt("v0").one("v0", "v1"),
	)
	sc := newSchema("routes", fields...)
	sc.entityCheck = checkRoute
	return &entityType{
		table: "routes", schema: sc, endpointKey: "name", keyCheck: checkUTF8Name,
		uniques:     []uniqueConstraint{{"name"}},
		foreignKeys: []foreignKey{{field: "service", table: "services", onDelete: onDeleteRestrict}},
		complete:    completeRoute,
	}
}

// checkEndpoint is the at_least_one_of entity check of a sources or destinations element; Kong reports
// it under the element as {"@entity": [...]}.
func checkEndpoint(m map[string]any) any {
	if m["ip"] == nil && m["port"] == nil {
		return map[string]any{"@entity": []any{"at least one of these fields must be non-empty: 'ip', 'port'"}}
	}
	return nil
}

var routeProtocolGroups = [][]string{{"http", "https"}, {"tcp", "tls", "udp"}, {"tls_passthrough"}, {"grpc", "grpcs"}}

func checkRouteProtocols(v any) string {
	var touched []string
	for _, group := range routeProtocolGroups {
		for _, p := range group {
			if containsValue(v.([]any), p) {
				touched = append(touched, "('"+strings.Join(group, "', '")+"')")
				break
			}
		}
	}
	if len(v.([]any)) == 0 {
		return "length must be at least 1"
	}
	if len(touched) > 1 {
		return "these sets are mutually exclusive: " + strings.Join(touched, ", ")
	}
	return ""
}

func checkRouteHeaders(v any) string {
	for name := range v.(map[string]any) {
		if strings.EqualFold(name, "host") {
			return "cannot contain 'host' header, which must be specified in the 'hosts' attribute"
		}
		if msg := checkHeaderName(name); msg != "" {
			return msg
		}
	}
	return ""
}

// routeSubschema names the protocol family that selects a route's subschema: the first protocol's.
func routeSubschema(e map[string]any) string {
	protocols, _ := e["protocols"].([]any)
	if len(protocols) == 0 {
		return "http"
	}
	switch protocols[0] {
	case "tcp", "tls", "udp", "tls_passthrough":
		return "stream"
	case "grpc", "grpcs":
		return "grpc"
	}
	return "http"
}

// completeRoute applies the grpc subschema default strip_path=false.
func completeRoute(_ *Server, e, provided map[string]any, updating bool, _ fieldErrors) {
	if _, set := provided["strip_path"]; !set && !updating && routeSubschema(e) == "grpc" {
		e["strip_path"] = false
	}
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

func hasProtocol(e map[string]any, names ...string) bool {
	protocols, _ := e["protocols"].([]any)
	for _, n := range names {
		if containsValue(protocols, n) {
			return true
		}
	}
	return false
}

func quoteList(names []string) string { return "'" + strings.Join(names, "', '") + "'" }

func checkRoute(e map[string]any, errs fieldErrors, _ bool) {
	if errs["protocols"] != nil {
		return
	}
	cannotSet := func(fields []string, when string) {
		for _, f := range fields {
			if !isEmptyValue(e[f]) && errs[f] == nil {
				errs.set(f, "cannot set '"+f+"' when 'protocols' is "+when)
			}
		}
	}
	// Like Kong, an entity check is skipped when one of its fields already failed.
	atLeastOne := func(fields []string, when string) {
		for _, f := range fields {
			if !isEmptyValue(e[f]) || errs[f] != nil {
				return
			}
		}
		errs.entity("must set one of " + quoteList(fields) + " when 'protocols' is " + when)
	}
	if !isEmptyValue(e["snis"]) && !hasProtocol(e, "grpcs", "https", "tls", "tls_passthrough") {
		errs.entity("'snis' can only be set when 'protocols' is 'grpcs', 'https', 'tls' or 'tls_passthrough'")
	}
	switch routeSubschema(e) {
	case "http":
		cannotSet([]string{"sources", "destinations"}, "'http' or 'https'")
		if hasProtocol(e, "https") {
			atLeastOne([]string{"methods", "hosts", "headers", "paths", "snis"}, "'https'")
		} else {
			atLeastOne([]string{"methods", "hosts", "headers", "paths"}, "'http'")
		}
	case "stream":
		cannotSet([]string{"methods", "hosts", "paths", "headers"}, "'tcp', 'tls', 'tls_passthrough' or 'udp'")
		if hasProtocol(e, "tls_passthrough") {
			if isEmptyValue(e["snis"]) {
				errs.entity("must set snis when 'protocols' is 'tls_passthrough'")
			}
		} else {
			atLeastOne([]string{"sources", "destinations", "snis"}, "'tcp', 'tls' or 'udp'")
		}
	case "grpc":
		if e["strip_path"] == true {
			errs.set("strip_path", "cannot set 'strip_path' when 'protocols' is 'grpc' or 'grpcs'")
		}
		cannotSet([]string{"methods", "sources", "destinations"}, "'grpc' or 'grpcs'")
		if hasProtocol(e, "grpcs") {
			atLeastOne([]string{"hosts", "headers", "paths", "snis"}, "'grpcs'")
		} else {
			atLeastOne([]string{"hosts", "headers", "paths"}, "'grpc'")
		}
	}
}

func newConsumersType() *entityType {
	sc := newSchema("consumers", append(autoFields(), stringField("username"), stringField("custom_id"), tagsField())...)
	sc.entityCheck = func(e map[string]any, errs fieldErrors, updating bool) {
		atLeastOneOf(e, errs, updating, "custom_id", "username")
	}
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
