package kongtest

import (
	"strings"
	"unicode/utf8"
)

// Upstreams (kong/db/schema/entities/upstreams.lua): a load-balancing pool, named like a host so that a
// service whose host is the upstream's name is balanced over the upstream's targets.

var hashOnValues = []any{"none", "consumer", "ip", "header", "cookie", "path", "query_arg", "uri_capture"}

func newUpstreamsType() *entityType {
	hashOn := func(name string) *field { return stringField(name).dflt("none").one(hashOnValues...) }
	simpleParam := func(name string) *field { f := stringField(name); f.lenMin = 1; return f }
	fields := []*field{
		{name: "id", kind: kindID, auto: true},
		{name: "created_at", kind: kindTimestamp, auto: true},
		stringField("name").req().with(stringCheck(checkUpstreamName)),
		{name: "updated_at", kind: kindTimestamp, auto: true},
		stringField("algorithm").dflt("round-robin").one("consistent-hashing", "least-connections", "round-robin", "latency"),
		hashOn("hash_on"),
		hashOn("hash_fallback"),
		stringField("hash_on_header").with(stringCheck(checkHeaderName)),
		stringField("hash_fallback_header").with(stringCheck(checkHeaderName)),
		stringField("hash_on_cookie").with(stringCheck(checkHTTPToken)),
		pathField("hash_on_cookie_path").dflt("/"),
		simpleParam("hash_on_query_arg"),
		simpleParam("hash_fallback_query_arg"),
		simpleParam("hash_on_uri_capture"),
		simpleParam("hash_fallback_uri_capture"),
		integerField("slots").dflt(int64(10000)).between(10, 65536),
		healthchecksField(),
		tagsField(),
		stringField("host_header").with(stringCheck(checkHostWithOptionalPort)),
		foreignField("client_certificate", "certificates"),
		booleanField("use_srv_name").dflt(false),
	}
	sc := newSchema("upstreams", fields...)
	sc.declaredChecks = upstreamChecks()
	return &entityType{
		table: "upstreams", schema: sc, endpointKey: "name", keyCheck: checkUpstreamName,
		uniques:     []uniqueConstraint{{"name"}},
		foreignKeys: []foreignKey{{field: "client_certificate", table: "certificates", onDelete: onDeleteRestrict}},
		preprocess:  upstreamShorthands,
	}
}

func upstreamChecks() []entityCheck {
	return []entityCheck{
		requiredWhen("hash_on", "header", "hash_on_header"),
		requiredWhen("hash_fallback", "header", "hash_fallback_header"),
		requiredWhen("hash_on", "cookie", "hash_on_cookie"),
		requiredWhen("hash_fallback", "cookie", "hash_on_cookie"),
		oneOfWhen("hash_on", "none", "hash_fallback", "none"),
		oneOfWhen("hash_on", "cookie", "hash_fallback", "none"),
		oneOfWhen("hash_on", "consumer", "hash_fallback", "none", "ip", "header", "cookie", "path", "query_arg", "uri_capture"),
		oneOfWhen("hash_on", "ip", "hash_fallback", "none", "consumer", "header", "cookie", "path", "query_arg", "uri_capture"),
		oneOfWhen("hash_on", "path", "hash_fallback", "none", "consumer", "header", "cookie", "query_arg", "ip", "uri_capture"),
		distinctFields("hash_on_header", "hash_fallback_header"),
		requiredWhen("hash_on", "query_arg", "hash_on_query_arg"),
		requiredWhen("hash_fallback", "query_arg", "hash_fallback_query_arg"),
		distinctFields("hash_on_query_arg", "hash_fallback_query_arg"),
		requiredWhen("hash_on", "uri_capture", "hash_on_uri_capture"),
		requiredWhen("hash_fallback", "uri_capture", "hash_fallback_uri_capture"),
		distinctFields("hash_on_uri_capture", "hash_fallback_uri_capture"),
	}
}

// upstreamShorthands are Kong's two shorthand fields, applied in order to every write: algorithm
// least-connections or latency clears hash_on; then a null hash_on becomes "none", hash_on "none" sets
// algorithm round-robin and any other hash_on sets consistent-hashing (overriding the algorithm sent).
func upstreamShorthands(input map[string]any, _ fieldErrors) {
	if a, ok := input["algorithm"].(string); ok && (a == "least-connections" || a == "latency") {
		input["hash_on"] = nil
	}
	v, present := input["hash_on"]
	if !present {
		return
	}
	switch h, _ := v.(string); {
	case v == nil:
		input["hash_on"] = "none"
	case h == "none":
		input["algorithm"] = "round-robin"
	case h != "":
		input["algorithm"] = "consistent-hashing"
	}
}

// pathField is typedefs.path: starts with "/", no empty segment, RFC 3986 characters.
func pathField(name string) *field {
	f := stringField(name).with(stringCheck(checkPath))
	f.startsWith = "/"
	f.matchNone = []matchRule{{pattern: "//", err: "must not have empty segments"}}
	return f
}

// healthchecksField is the healthchecks record. Kong generates it from a table of defaults; the order of
// its fields is the order Kong serves (Lua's table order), and each record's default is the defaults of
// its fields (https_sni and headers have none, threshold is added outside the table).
func healthchecksField() *field {
	statuses := func(def ...any) *field {
		return &field{name: "http_statuses", kind: kindArray, hasDefault: true, def: def,
			elem: integerField("").between(100, 999)}
	}
	count := func(name string) *field { return integerField(name).dflt(int64(0)).between(0, 255) }
	seconds := func(name string, def int64) *field { return numberField(name).dflt(def).between(0, 65535) }
	checkType := func() *field { return stringField("type").dflt("http").one("tcp", "http", "https", "grpc", "grpcs") }
	active := record("active",
		integerField("concurrency").dflt(int64(10)).between(1, 1<<31),
		pathField("http_path").dflt("/"),
		stringField("https_sni").with(stringCheck(checkSNI)),
		booleanField("https_verify_certificate").req().dflt(true),
		&field{name: "headers", kind: kindMap, check: checkHeaderKeys,
			elem: &field{kind: kindArray, elem: &field{kind: kindString}}},
		record("healthy", count("successes"), seconds("interval", 0),
			statuses(int64(200), int64(302))),
		record("unhealthy", count("tcp_failures"), count("timeouts"), count("http_failures"),
			statuses(int64(429), int64(404), int64(500), int64(501), int64(502), int64(503), int64(504), int64(505)),
			seconds("interval", 0)),
		checkType(),
		seconds("timeout", 1),
	)
	passive := record("passive",
		record("unhealthy", count("http_failures"), count("timeouts"), count("tcp_failures"),
			statuses(int64(429), int64(500), int64(503))),
		record("healthy", count("successes"),
			statuses(int64(200), int64(201), int64(202), int64(203), int64(204), int64(205), int64(206), int64(207),
				int64(208), int64(226), int64(300), int64(301), int64(302), int64(303), int64(304), int64(305),
				int64(306), int64(307), int64(308))),
		checkType(),
	)
	hc := record("healthchecks", active, passive)
	hc.fields = append(hc.fields, numberField("threshold").dflt(int64(0)).between(0, 100))
	return hc
}

func numberField(name string) *field { return &field{name: name, kind: kindNumber} }

// record is a required record (Kong makes an entity's records required) whose default is the defaults of
// its fields.
func record(name string, fields ...*field) *field {
	def := map[string]any{}
	for _, f := range fields {
		if f.hasDefault {
			def[f.name] = deepCopy(f.def)
		}
	}
	return &field{name: name, kind: kindRecord, fields: fields, required: true, hasDefault: true, def: def}
}

func checkHeaderKeys(v any) string {
	for name := range v.(map[string]any) {
		if msg := checkHeaderName(name); msg != "" {
			return msg
		}
	}
	return ""
}

// checkUpstreamName is the upstream name rule: a host name, neither an IP address nor with a port.
func checkUpstreamName(name string) string {
	subject := "Invalid name ('" + name + "')"
	if !utf8.ValidString(name) {
		subject = "Invalid name"
	}
	a, msg := parseAddress(name)
	switch {
	case msg != "":
		return subject + "; must be a valid hostname"
	case a.kind != addressName:
		return subject + "; no ip addresses allowed"
	case a.hasPort:
		return subject + "; no port allowed"
	}
	return ""
}

// checkHostWithOptionalPort is typedefs.host_with_optional_port: Kong's parser's own message.
func checkHostWithOptionalPort(s string) string {
	_, msg := parseAddress(s)
	return msg
}

// checkHTTPToken is Kong's validate_http_token (cookie names): no control character, no byte above
// 127, no space, tab or separator of RFC 2616.
func checkHTTPToken(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || strings.IndexByte(" \t()<>@,;:\\\"/?={}[]", c) >= 0 {
			return "contains one or more invalid characters. ASCII control characters (0-31;127), space, tab and " +
				"the characters ()<>@,;:\\\"/?={}[] are not allowed."
		}
	}
	return ""
}
