package kongtest

import (
	"net"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kongform/terraform-provider-kong/internal/routepath"
)

// The functions here validate single field values the way Kong's typedefs do. Each
// returns "" for a valid value or Kong's exact message.

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !isHex(c) {
				return false
			}
		}
	}
	return true
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// checkUTF8Name is Kong's utf8_name: ASCII alphanumerics, ".-_~" and any non-ASCII UTF-8.
func checkUTF8Name(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || isAlnum(c) || c == '.' || c == '-' || c == '_' || c == '~' {
			continue
		}
		return "invalid value '" + s + "': the only accepted ascii characters are alphanumerics or ., -, _, and ~"
	}
	if !utf8.ValidString(s) {
		return "invalid value '" + s + "': the only accepted ascii characters are alphanumerics or ., -, _, and ~"
	}
	return ""
}

// checkTag: printable ASCII except ',' and '/', plus space, plus valid UTF-8.
func checkTag(s string) string {
	ok := utf8.ValidString(s)
	for i := 0; ok && i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf && (c < 0x20 || c > 0x7e || c == ',' || c == '/') {
			ok = false
		}
	}
	if !ok {
		return "invalid tag '" + s + "': expected printable ascii (except `,` and `/`) or valid utf-8 sequences"
	}
	return ""
}

// splitHostPort separates an optional ":port" from a host, understanding bracketed IPv6.
func splitHostPort(s string) (host, port string, hasPort bool) {
	if strings.HasPrefix(s, "[") {
		if end := strings.Index(s, "]"); end > 0 {
			host, rest := s[1:end], s[end+1:]
			if strings.HasPrefix(rest, ":") {
				return host, rest[1:], true
			}
			return host, "", false
		}
		return s, "", false
	}
	if strings.Count(s, ":") == 1 {
		i := strings.IndexByte(s, ':')
		return s[:i], s[i+1:], true
	}
	return s, "", false
}

func isHostname(s string) bool {
	if s == "" || len(s) > 253 {
		return false
	}
	for _, label := range strings.Split(strings.TrimSuffix(s, "."), ".") {
		if label == "" || len(label) > 63 {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !isAlnum(c) && c != '-' && c != '_' {
				return false
			}
		}
	}
	return true
}

func isValidPort(p string) bool {
	n, err := strconv.Atoi(p)
	return err == nil && n >= 0 && n <= 65535 && p != ""
}

// checkHost is Kong's typedefs.host: a hostname or an IP address without a port.
func checkHost(s string) string {
	host, port, hasPort := splitHostPort(s)
	if net.ParseIP(host) == nil && !isHostname(host) {
		return "invalid value: " + s
	}
	if hasPort {
		if !isValidPort(port) {
			return "invalid value: " + s
		}
		return "must not have a port"
	}
	return ""
}

// checkWildcardHost validates route hosts (port allowed) and SNIs (no port, no IP).
func checkWildcardHost(s string, sni bool) string {
	host, port, hasPort := splitHostPort(s)
	if hasPort && !isValidPort(port) {
		return "invalid value: " + s
	}
	if sni {
		if net.ParseIP(host) != nil {
			return "must not be an IP"
		}
		if hasPort {
			return "must not have a port"
		}
	}
	if strings.Count(host, "*") > 1 {
		return "invalid wildcard: must have at most one wildcard"
	}
	if strings.Contains(host, "*") {
		if !strings.HasPrefix(host, "*.") && !strings.HasSuffix(host, ".*") {
			return "invalid wildcard: must be placed at leftmost or rightmost label"
		}
		host = strings.Replace(host, "*", "wildcard", 1)
	}
	if net.ParseIP(host) == nil && !isHostname(host) {
		return "invalid value: " + s
	}
	return ""
}

// checkWildcardSNI is Kong's typedefs.wildcard_host (route snis under the traditional_compatible router):
// at most one "*", as the first or last character, on a name that is neither an IP nor has a port.
func checkWildcardSNI(s string) string {
	if i := strings.IndexByte(s, '*'); i >= 0 {
		if i != 0 && i != len(s)-1 {
			return "wildcard must be leftmost or rightmost character"
		}
		if strings.Count(s, "*") > 1 {
			return "only one wildcard must be specified"
		}
		return checkSNI(strings.Replace(s, "*", "wildcard", 1))
	}
	return checkSNI(s)
}

// checkSNI is Kong's typedefs.sni (route snis under the traditional router, where "*" is an invalid
// character): a server name, neither an IP nor with a port.
func checkSNI(host string) string {
	h, port, hasPort := splitHostPort(host)
	if hasPort && !isValidPort(port) && port != "" && strings.Trim(port, "0123456789") == "" {
		return "must not have a port" // Kong's "invalid port number" case
	}
	if net.ParseIP(h) == nil && !isHostname(h) || hasPort && strings.Trim(port, "0123456789") != "" {
		return "invalid value: " + host
	}
	if net.ParseIP(h) != nil {
		return "must not be an IP"
	}
	if hasPort {
		return "must not have a port"
	}
	return ""
}

// pathReserved are the characters RFC 3986 allows in a path besides percent-encodings.
func isPathChar(c byte) bool {
	return isAlnum(c) || strings.IndexByte(".-_~/%:@!$&'()*+,;=", c) >= 0
}

// checkPath is Kong's typedefs.path (service paths and the literal part of route paths).
func checkPath(p string) string {
	if !strings.HasPrefix(p, "/") {
		return "should start with: /"
	}
	if strings.Contains(p, "//") {
		return "must not have empty segments"
	}
	for i := 0; i < len(p); i++ {
		if !isPathChar(p[i]) {
			return "invalid path: '" + p + "' (characters outside of the reserved list of RFC 3986 found)"
		}
	}
	for i := 0; i < len(p); i++ {
		if p[i] == '%' && (i+2 >= len(p) || !isHex(p[i+1]) || !isHex(p[i+2])) {
			end := min(i+3, len(p))
			return "invalid url-encoded value: '" + p[i:end] + "'"
		}
	}
	return ""
}

// checkRoutePath is Kong's router_path (internal/routepath, shared with the provider's plan-time check).
func checkRoutePath(p string) string { return routepath.Problem(p) }

func checkMethod(m string) string {
	if m == "" {
		return "length must be at least 1"
	}
	for i := 0; i < len(m); i++ {
		if m[i] < 'A' || m[i] > 'Z' {
			return "invalid value: " + m
		}
	}
	return ""
}

func checkHeaderName(name string) string {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !isAlnum(c) && c != '-' && c != '_' {
			return "bad header name '" + name + "', allowed characters are A-Z, a-z, 0-9, '_', and '-'"
		}
	}
	if name == "" {
		return "bad header name '', allowed characters are A-Z, a-z, 0-9, '_', and '-'"
	}
	return ""
}

func checkIPOrCIDR(s string) string {
	if net.ParseIP(s) != nil {
		return ""
	}
	if _, _, err := net.ParseCIDR(s); err == nil {
		return ""
	}
	return "invalid ip or cidr range: '" + s + "'"
}
