package lambdaevent

import (
	"fmt"
	"regexp"
	"strings"
)

// Route is the Kong route (and its service's path) the request matched.
type Route struct {
	// Path is one of the route's paths: a prefix such as "/dev/api1", or a regex starting with "~" such as
	// "~/dev/api2/v1/items/(?<id>[^/]+)$". Its named groups become the event's pathParameters.
	Path string
	// StripPath is the route's strip_path; the modules set it to false so the function sees the full path.
	StripPath bool
	// ServicePath is the service's path; empty for the Lambda services of modules/kong-lambda-api.
	ServicePath string
	// RouterFlavor is kong.conf's router_flavor: Kong 3.9's default "traditional_compatible" (and "expressions")
	// never fill the event's resource; only "traditional" does.
	RouterFlavor string
}

// match applies the route to the normalized request path: the matched prefix (for strip_path) and named captures.
func (rt Route) match(path string) (prefix string, captures map[string]string, err error) {
	captures = map[string]string{}
	if rt.Path == "" {
		return "", captures, nil
	}
	if !strings.HasPrefix(rt.Path, "~") {
		if !strings.HasPrefix(path, rt.Path) {
			return "", nil, fmt.Errorf("route path %q does not match request path %q", rt.Path, path)
		}
		return rt.Path, captures, nil
	}
	// Kong anchors regex paths at the start of the path. Go's RE2 accepts PCRE's (?<name>...) groups; PCRE-only
	// constructs such as look-arounds fail here with RE2's message.
	re, err := regexp.Compile("^(?:" + rt.Path[1:] + ")")
	if err != nil {
		return "", nil, fmt.Errorf("route path %q: %w", rt.Path, err)
	}
	m := re.FindStringSubmatch(path)
	if m == nil {
		return "", nil, fmt.Errorf("route path %q does not match request path %q", rt.Path, path)
	}
	for i, name := range re.SubexpNames() {
		if name != "" && i < len(m) {
			captures[name] = m[i]
		}
	}
	return m[0], captures, nil
}

// resource is what Kong puts in the event's resource: ctx.router_matches.uri, which only the traditional router
// sets (to the route path, without the "~" of a regex).
func (rt Route) resource() (string, bool) {
	if rt.RouterFlavor != "traditional" || rt.Path == "" {
		return "", false
	}
	return strings.TrimPrefix(rt.Path, "~"), true
}

// upstreamURI mirrors Kong's get_upstream_uri_v0 for the normalized request path.
func (rt Route) upstreamURI(reqURI, prefix string) string {
	base := rt.ServicePath
	if base == "" {
		base = "/"
	}
	postfix := ""
	if rt.StripPath {
		postfix = sanitizePostfix(reqURI[len(prefix):])
	}
	if strings.HasSuffix(base, "/") {
		if !rt.StripPath {
			return base + reqURI[1:]
		}
		switch {
		case postfix == "" && base == "/":
			return "/"
		case postfix == "" && strings.HasSuffix(reqURI, "/"):
			return base
		case postfix == "":
			return base[:len(base)-1]
		case strings.HasPrefix(postfix, "/"):
			return base[:len(base)-1] + postfix
		}
		return base + postfix
	}
	if rt.StripPath {
		switch {
		case postfix == "" && len(reqURI) > 1 && strings.HasSuffix(reqURI, "/"):
			return base + "/"
		case postfix == "":
			return base
		case strings.HasPrefix(postfix, "/"):
			return base + postfix
		}
		return base + "/" + postfix
	}
	if reqURI == "/" {
		return base
	}
	return base + reqURI
}

func sanitizePostfix(p string) string {
	switch {
	case p == "." || p == "..":
		return ""
	case strings.HasPrefix(p, "./"):
		return p[2:]
	case strings.HasPrefix(p, "../"):
		return p[3:]
	}
	return p
}

// reservedInPath are the characters whose %XX escapes Kong keeps (kong/tools/uri.lua); all others are decoded.
const reservedInPath = "!*'();:@&=+$,/?%#[]"

// normalizePath is Kong's path normalization with merged slashes: %XX of non-reserved characters decoded, the
// rest upper-cased, dot segments removed, "//" merged.
func normalizePath(p string) string {
	if p == "" || p == "/" {
		return p
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] == '%' && i+2 < len(p) && isHex(p[i+1]) && isHex(p[i+2]) {
			c := unhex(p[i+1])<<4 | unhex(p[i+2])
			if strings.IndexByte(reservedInPath, c) < 0 {
				b.WriteByte(c)
			} else {
				b.WriteString(strings.ToUpper(p[i : i+3]))
			}
			i += 2
			continue
		}
		b.WriteByte(p[i])
	}
	return removeDotSegments(b.String())
}

// removeDotSegments follows RFC 3986 5.2.4 as kong/tools/uri.lua does, merging repeated slashes too.
func removeDotSegments(in string) string {
	var out []string
	for len(in) > 0 {
		switch {
		case in == "/.":
			in = "/"
		case in == "/..":
			in = "/"
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		case in == "." || in == "..":
			in = ""
		case strings.HasPrefix(in, "../"):
			in = in[3:]
		case strings.HasPrefix(in, "./"):
			in = in[2:]
		case strings.HasPrefix(in, "/./"):
			in = in[2:]
		case strings.HasPrefix(in, "/../"):
			in = in[3:]
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		case strings.HasPrefix(in, "//"):
			in = in[1:]
		default:
			j := strings.IndexByte(in[1:], '/')
			if j < 0 {
				out = append(out, in)
				in = ""
			} else {
				out = append(out, in[:j+1])
				in = in[j+1:]
			}
		}
	}
	return strings.Join(out, "")
}

// escapePath percent-encodes what Kong's escape() does before the path becomes $upstream_uri.
func escapePath(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if isAlnum(c) || strings.IndexByte("!#$&'()*+,/:;=?@[]-_.~%", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// parseArgs decodes a query string as ngx.req.get_uri_args does: "+" and %XX decoded, an argument without "="
// becomes true, an empty name is skipped, and only the first maxArgs arguments are read.
func parseArgs(raw []Pair, maxArgs int) []argPair {
	var out []argPair
	for _, p := range raw {
		if maxArgs > 0 && len(out) >= maxArgs {
			break
		}
		name := unescapeArg(p.Name)
		if name == "" {
			continue
		}
		if p.Value == flagNoValue {
			out = append(out, argPair{name, true})
			continue
		}
		out = append(out, argPair{name, unescapeArg(p.Value)})
	}
	return out
}

// argPair is a decoded query or form argument; Value is a string, or true for "?flag" (see splitQuery).
type argPair struct {
	Name  string
	Value any
}

func unescapeArg(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '+':
			b.WriteByte(' ')
		case s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// splitQuery splits a raw query string ("a=1&b&c=") into pairs; a name without "=" gets the value flagNoValue.
func splitQuery(q string) []Pair {
	var out []Pair
	for _, part := range strings.Split(q, "&") {
		if part == "" {
			continue
		}
		name, value, ok := strings.Cut(part, "=")
		if !ok {
			value = flagNoValue
		}
		out = append(out, Pair{name, value})
	}
	return out
}

// flagNoValue marks "?flag" (no "="), which the ALB passes as "" but NGINX decodes to the boolean true. It cannot
// appear in a real argument: "\x00" is not allowed in a URL.
const flagNoValue = "\x00"

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
