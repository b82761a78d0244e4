package routepath

import (
	"fmt"
	"net"
	"sort"
	"strconv"
	"strings"
)

// Kong 3.9's router flavors (kong.conf router_flavor). traditional_compatible is the default.
const (
	FlavorTraditional           = "traditional"
	FlavorTraditionalCompatible = "traditional_compatible"
	FlavorExpressions           = "expressions"
)

// UsesATC reports whether a flavor checks routes with the ATC router (kong/db/schema/entities/routes.lua
// adds the check for traditional_compatible and expressions).
func UsesATC(flavor string) bool {
	return flavor == FlavorTraditionalCompatible || flavor == FlavorExpressions
}

// Endpoint is one element of a route's sources or destinations; a nil field is unset.
type Endpoint struct {
	IP   *string
	Port *int64
}

// Route holds the matching fields of a route, which the ATC router turns into an expression.
type Route struct {
	Protocols    []string
	SNIs         []string
	Sources      []Endpoint
	Destinations []Endpoint
	Methods      []string
	Hosts        []string
	Paths        []string
	// Headers are matched in the order of their sorted names (Kong iterates a Lua table, whose order
	// only matters for where an error points).
	Headers map[string][]string
}

// ATCProblem is the entity check the traditional_compatible (and expressions) router runs on a route whose
// fields passed their own validators: Kong builds an ATC expression from the route
// (kong/router/transform.lua) and the ATC router parses it, compiling each regex with Rust's regex crate,
// which refuses look-around and back-references that PCRE accepts. It returns the message Kong puts under
// fields["@entity"], or "".
func ATCProblem(r Route) string {
	expr, regexes := atcExpression(r)
	for _, lit := range regexes {
		if msg := rustRegexError(lit.regex); msg != "" {
			return "Router Expression failed validation: " + pestError(expr, lit.start, lit.end, msg)
		}
	}
	return ""
}

// ATCRegexProblem is the Rust regex crate's error for a regex path ("~/...") as the ATC router receives
// it, or "": the part of Kong's message a route-independent check can give.
func ATCRegexProblem(path string) string {
	regex, ok := strings.CutPrefix(path, "~")
	if !ok {
		return ""
	}
	return rustRegexError(atcPathRegex(regex))
}

// ATCHeaderProblem is the Rust regex crate's error for a header value matched as a regex ("~*..."), as
// the ATC router receives it (lower-cased), or "".
func ATCHeaderProblem(value string) string {
	regex, ok := strings.CutPrefix(value, "~*")
	if !ok {
		return ""
	}
	return rustRegexError(asciiLower(regex))
}

// atcPathRegex is transform.lua's path_val_transform: anchored like the traditional router, with PCRE's
// "(?<name>" written as "(?P<name>" (a plain replacement, so "(?<=" becomes "(?P<=" too).
func atcPathRegex(regex string) string {
	return "^" + strings.ReplaceAll(regex, "?<", "?P<")
}

// regexLiteral is a regex in the expression and the span of its string literal, in runes.
type regexLiteral struct {
	regex      string
	start, end int
}

type exprBuilder struct {
	b       strings.Builder
	n       int // runes written
	regexes []regexLiteral
}

func (e *exprBuilder) put(s string) {
	e.b.WriteString(s)
	e.n += len([]rune(s))
}

// literal writes s as transform.lua's escape_str does: a raw string unless s holds `"#`.
func (e *exprBuilder) literal(s string, regex bool) {
	lit := `r#"` + s + `"#`
	if strings.Contains(s, `"#`) {
		lit = `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) + `"`
	}
	if regex {
		e.regexes = append(e.regexes, regexLiteral{regex: s, start: e.n, end: e.n + len([]rune(lit))})
	}
	e.put(lit)
}

// group writes "(" item || item ... ")" for the non-empty values.
func (e *exprBuilder) group(values []string, item func(string)) {
	e.put("(")
	for i, v := range values {
		if i > 0 {
			e.put(" || ")
		}
		item(v)
	}
	e.put(")")
}

// atcExpression is transform.lua's get_expression for a route without an expression field.
func atcExpression(r Route) (string, []regexLiteral) {
	var e exprBuilder
	parts := 0
	and := func() {
		if parts > 0 {
			e.put(" && ")
		}
		parts++
	}
	stream := len(r.Protocols) > 0 && strings.Contains(" tcp udp tls tls_passthrough ", " "+r.Protocols[0]+" ")
	if len(r.SNIs) > 0 {
		and()
		protocol := "https"
		if stream {
			protocol = "tls"
		}
		e.put(`(net.protocol != r#"` + protocol + `"# || `)
		e.group(r.SNIs, func(sni string) {
			op, value := "==", sni
			switch {
			case strings.HasPrefix(sni, "*"):
				op, value = "=^", strings.TrimSuffix(sni[1:], ".")
			case strings.HasSuffix(sni, "*"):
				op, value = "^=", sni[:len(sni)-1]
			case len(sni) > 1:
				value = strings.TrimSuffix(sni, ".")
			}
			e.put("tls.sni " + op + " ")
			e.literal(value, false)
		})
		e.put(")")
	}
	for _, nets := range []struct {
		prefix    string
		endpoints []Endpoint
	}{{"net.src", r.Sources}, {"net.dst", r.Destinations}} {
		if len(nets.endpoints) == 0 {
			continue
		}
		and()
		e.put("(")
		for i, ep := range nets.endpoints {
			if i > 0 {
				e.put(" || ")
			}
			var ip, port string
			if ep.IP != nil {
				ip = nets.prefix + ".ip " + atcIP(*ep.IP)
			}
			if ep.Port != nil {
				port = nets.prefix + ".port == " + strconv.FormatInt(*ep.Port, 10)
			}
			switch {
			case ip == "":
				e.put(port)
			case port == "":
				e.put(ip)
			default:
				e.put("(" + ip + " && " + port + ")")
			}
		}
		e.put(")")
	}
	if stream {
		return e.b.String(), e.regexes
	}
	if len(r.Methods) > 0 {
		and()
		e.group(r.Methods, func(m string) { e.put("http.method == "); e.literal(m, false) })
	}
	if len(r.Hosts) > 0 {
		and()
		e.group(r.Hosts, func(h string) {
			host, port, hasPort := strings.Cut(h, ":")
			if _, err := strconv.ParseFloat(port, 64); !hasPort || err != nil {
				host, hasPort = h, false
			}
			op := "=="
			switch {
			case strings.HasPrefix(host, "*"):
				op, host = "=^", host[1:]
			case strings.HasSuffix(host, "*"):
				op, host = "^=", host[:len(host)-1]
			}
			exp := "http.host " + op + ` r#"` + host + `"#`
			if hasPort {
				exp = "(" + exp + " && net.dst.port == " + port + ")"
			}
			e.put(exp)
		})
	}
	if len(r.Paths) > 0 {
		and()
		e.group(r.Paths, func(p string) {
			if regex, ok := strings.CutPrefix(p, "~"); ok {
				e.put("http.path ~ ")
				e.literal(atcPathRegex(regex), true)
				return
			}
			e.put("http.path ^= ")
			e.literal(p, false)
		})
	}
	if len(r.Headers) > 0 {
		and()
		names := make([]string, 0, len(r.Headers))
		for name := range r.Headers {
			names = append(names, name)
		}
		sort.Strings(names)
		for i, name := range names {
			if i > 0 {
				e.put(" && ")
			}
			field := "any(lower(http.headers." + strings.ToLower(strings.ReplaceAll(name, "-", "_")) + "))"
			e.group(r.Headers[name], func(v string) {
				if regex, ok := strings.CutPrefix(v, "~*"); ok {
					e.put(field + " ~ ")
					e.literal(asciiLower(regex), true)
					return
				}
				e.put(field + " == ")
				e.literal(asciiLower(v), false)
			})
		}
	}
	return e.b.String(), e.regexes
}

// atcIP is transform.lua's parse_ip_addr: "== addr", or "in net/mask" with an IPv4 network address.
func atcIP(ip string) string {
	addr, mask, isCIDR := strings.Cut(ip, "/")
	if !isCIDR {
		return "== " + addr
	}
	if _, n, err := net.ParseCIDR(ip); err == nil && n.IP.To4() != nil {
		addr = n.IP.String()
	}
	return "in " + addr + "/" + mask
}

// asciiLower is Lua's string.lower: ASCII letters only.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// pestError is how the pest parser (2.7) displays an error on a span of a one-line input.
func pestError(input string, start, end int, message string) string {
	underline := "^"
	if end-start > 1 {
		underline += strings.Repeat("-", end-start-2) + "^"
	}
	return fmt.Sprintf(" --> 1:%d\n  |\n1 | %s\n  | %s%s\n  |\n  = %s",
		start+1, input, strings.Repeat(" ", start), underline, message)
}
