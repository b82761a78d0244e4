package kongtest

import (
	"strings"

	"github.com/kongform/terraform-provider-kong/internal/routepath"
)

var routeProtocols = []any{"grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp"}

// newRoutesType is the routes entity under a router flavor: traditional checks snis as plain server
// names (typedefs.sni), traditional_compatible as wildcard hosts and adds the ATC router's check of the
// whole route (kong/db/schema/entities/routes.lua).
func newRoutesType(flavor string) *entityType {
	// typedefs.sources and typedefs.destinations: each element needs at least one of ip and port.
	endpoint := &field{kind: kindRecord, fields: []*field{
		stringField("ip").with(stringCheck(checkIPOrCIDR)),
		integerField("port").between(0, 65535),
	}, recordCheck: checkEndpoint}
	endpoint.declare(map[string]any{"entity_checks": []any{map[string]any{"at_least_one_of": []any{"ip", "port"}}}})
	sniCheck := checkWildcardSNI
	if !routepath.UsesATC(flavor) {
		sniCheck = checkSNI
	}
	fields := append(autoFields(),
		stringField("name").with(stringCheck(checkUTF8Name)),
		&field{name: "protocols", kind: kindSet, required: true, hasDefault: true, def: []any{"http", "https"},
			elem: &field{kind: kindString, oneOf: routeProtocols}, check: checkRouteProtocols,
			declared: map[string]any{"len_min": 1, "mutually_exclusive_subsets": routeProtocolSubsets()}},
		integerField("https_redirect_status_code").req().dflt(int64(426)).one(int64(426), int64(301), int64(302), int64(307), int64(308)),
		booleanField("strip_path").req().dflt(true),
		booleanField("preserve_host").req().dflt(false),
		booleanField("request_buffering").req().dflt(true),
		booleanField("response_buffering").req().dflt(true),
		tagsField(),
		foreignField("service", "services"),
		&field{name: "snis", kind: kindSet, elem: &field{kind: kindString, check: stringCheck(sniCheck)}},
		&field{name: "sources", kind: kindSet, elem: endpoint},
		&field{name: "destinations", kind: kindSet, elem: endpoint},
		&field{name: "methods", kind: kindSet, elem: stringField("").with(stringCheck(checkMethod)).declare(map[string]any{"match": "^%u+$"})},
		&field{name: "hosts", kind: kindArray, elem: stringField("").with(stringCheck(func(s string) string { return checkWildcardHost(s, false) })).declare(map[string]any{
			"match_all": []any{map[string]any{"pattern": "^[^*]*%*?[^*]*$", "err": "invalid wildcard: must have at most one wildcard"}},
			"match_any": map[string]any{"patterns": []any{"^%*%.", "%.%*$", "^[^*]*$"}, "err": "invalid wildcard: must be placed at leftmost or rightmost label"},
		})},
		&field{name: "paths", kind: kindArray, elem: stringField("").with(stringCheck(checkRoutePath)).declare(map[string]any{
			"match_none": emptySegments,
			"match_any":  map[string]any{"patterns": []any{"^/", "^~/"}, "err": routepath.MsgStart},
		})},
		(&field{name: "headers", kind: kindMap, elem: &field{kind: kindArray, elem: &field{kind: kindString}}, check: checkRouteHeaders}).declare(map[string]any{
			"keys": map[string]any{"type": "string", "match_none": []any{map[string]any{"pattern": "^[Hh][Oo][Ss][Tt]$", "err": hostHeaderMessage}}},
		}),
		integerField("regex_priority").dflt(int64(0)),
		stringField("path_handling").dflt("v0").one("v0", "v1"),
	)
	sc := newSchema("routes", fields...)
	atc := routepath.UsesATC(flavor)
	sc.entityCheck = func(e map[string]any, errs fieldErrors, _ bool) { checkRoute(e, errs, atc) }
	sc.checks = []any{
		map[string]any{"conditional": map[string]any{
			"if_field":   "protocols",
			"if_match":   map[string]any{"elements": map[string]any{"type": "string", "not_one_of": []any{"grpcs", "https", "tls", "tls_passthrough"}}},
			"then_field": "snis", "then_match": map[string]any{"len_eq": 0}, "then_err": snisProtocolMessage}},
		map[string]any{"custom_entity_check": map[string]any{"field_sources": []any{"path_handling"}}},
	}
	if atc {
		sources := make([]any, len(atcFieldSources))
		for i, f := range atcFieldSources {
			sources[i] = f
		}
		sc.checks = append(sc.checks, map[string]any{"custom_entity_check": map[string]any{
			"field_sources": sources, "run_with_missing_fields": true}})
	}
	return &entityType{
		table: "routes", schema: sc, endpointKey: "name", keyCheck: checkUTF8Name,
		uniques:     []uniqueConstraint{{"name"}},
		foreignKeys: []foreignKey{{field: "service", table: "services", onDelete: onDeleteRestrict}},
		complete:    completeRoute,
	}
}

const (
	snisProtocolMessage = "'snis' can only be set when 'protocols' is 'grpcs', 'https', 'tls' or 'tls_passthrough'"
	hostHeaderMessage   = "cannot contain 'host' header, which must be specified in the 'hosts' attribute"
)

// routeProtocolSubsets is the protocols field's mutually_exclusive_subsets as GET /schemas shows it.
func routeProtocolSubsets() []any {
	out := make([]any, len(routeProtocolGroups))
	for i, group := range routeProtocolGroups {
		g := make([]any, len(group))
		for j, p := range group {
			g[j] = p
		}
		out[i] = g
	}
	return out
}

// atcFieldSources are the fields of the ATC router's entity check; like every entity check it is
// skipped when one of them failed its own validation.
var atcFieldSources = []string{"id", "protocols", "snis", "sources", "destinations", "methods", "hosts",
	"paths", "headers", "expression", "regex_priority", "priority"}

// checkATC is the traditional_compatible router's validate_route: the route's matching fields become an
// ATC expression, which must parse (its regexes compile with Rust's regex crate).
func checkATC(e map[string]any, errs fieldErrors) {
	for _, f := range atcFieldSources {
		if errs[f] != nil {
			return
		}
	}
	r := routepath.Route{
		Protocols: stringList(e["protocols"]), SNIs: stringList(e["snis"]),
		Sources: endpointList(e["sources"]), Destinations: endpointList(e["destinations"]),
		Methods: stringList(e["methods"]), Hosts: stringList(e["hosts"]), Paths: stringList(e["paths"]),
	}
	if headers, ok := e["headers"].(map[string]any); ok && len(headers) > 0 {
		r.Headers = make(map[string][]string, len(headers))
		for name, values := range headers {
			r.Headers[name] = stringList(values)
		}
	}
	if msg := routepath.ATCProblem(r); msg != "" {
		errs.entity(msg)
	}
}

func stringList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, item := range list {
		if s, ok := item.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func endpointList(v any) []routepath.Endpoint {
	list, _ := v.([]any)
	out := make([]routepath.Endpoint, 0, len(list))
	for _, item := range list {
		m, _ := item.(map[string]any)
		var ep routepath.Endpoint
		if ip, ok := m["ip"].(string); ok {
			ep.IP = &ip
		}
		if port, ok := m["port"].(int64); ok {
			ep.Port = &port
		}
		out = append(out, ep)
	}
	return out
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
			return hostHeaderMessage
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

func hasProtocol(e map[string]any, names ...string) bool {
	protocols, _ := e["protocols"].([]any)
	for _, n := range names {
		if containsValue(protocols, n) {
			return true
		}
	}
	return false
}

// checkRoute runs the route's entity checks and its subschema's; atc adds the ATC router's.
func checkRoute(e map[string]any, errs fieldErrors, atc bool) {
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
		errs.entity(snisProtocolMessage)
	}
	if atc {
		checkATC(e, errs)
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
