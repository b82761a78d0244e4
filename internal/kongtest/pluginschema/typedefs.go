package pluginschema

import (
	"fmt"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
)

// Kong's typedefs (kong/db/schema/typedefs.lua) used by the plugin schemas.
// Each returns a fresh field so definitions can chain setters on it.

// HostField is typedefs.host: a hostname or IP address without a port.
func HostField(name string) *Field { return String(name).Check(validateHost) }

// SNIField is typedefs.sni: a hostname, neither an IP nor with a port.
func SNIField(name string) *Field { return String(name).Check(validateSNI) }

// PortField is typedefs.port.
func PortField(name string) *Field { return Integer(name).Range(0, 65535) }

// TimeoutField is typedefs.timeout.
func TimeoutField(name string) *Field { return Integer(name).Range(0, 1<<31-2) }

// URLField is typedefs.url: an absolute URL with scheme and host.
func URLField(name string) *Field { return String(name).Check(validateURL) }

// HeaderNameField is typedefs.header_name.
func HeaderNameField(name string) *Field { return String(name).Check(validateHeaderName) }

// PathField is typedefs.path: an RFC 3986 path starting with "/".
func PathField(name string) *Field {
	return String(name).Prefix("/").Rejects("//", "//", "must not have empty segments").Check(validatePath)
}

// IPOrCIDRField is typedefs.ip_or_cidr.
func IPOrCIDRField(name string) *Field { return String(name).Check(validateIPOrCIDR) }

// HTTPMethodField is typedefs.http_method: uppercase letters only.
func HTTPMethodField(name string) *Field { return String(name).Matches("^%u+$", "^[A-Z]+$") }

// LuaCodeField is typedefs.lua_code: a map of names to Lua expressions. The
// test double cannot compile Lua, so only the non-empty rule is enforced.
func LuaCodeField(name string) *Field {
	return Map(name, String("").MinLen(1), String("").MinLen(1))
}

// vaultReference matches a Kong vault reference such as {vault://env/x}.
var vaultReference = regexp.MustCompile(`^\{vault://[^}]+\}$`)

func isReference(v any) bool {
	s, ok := v.(string)
	return ok && vaultReference.MatchString(s)
}

var (
	hostnameChars   = regexp.MustCompile(`^[0-9A-Za-z._-]+$`)
	ipv4Shape       = regexp.MustCompile(`^[0-9.]+$`)
	headerNameChars = regexp.MustCompile(`^[a-zA-Z0-9-_]+$`)
	trailingPort    = regexp.MustCompile(`:([0-9]+)$`)
	pathChars       = regexp.MustCompile(`^/[0-9A-Za-z.\-_~/%:@!$&'()*+,;=]*$`)
	percentEncoded  = regexp.MustCompile(`%[0-9A-Fa-f]{2}`)
	urlScheme       = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+\-.]*):`)
)

// hostKind is the result of Kong's address parsing (kong.tools.ip).
type hostKind int

const (
	hostName hostKind = iota
	hostIPv4
	hostIPv6
)

// parseHost classifies an address the way kong.tools.ip.normalize_ip does and
// reports whether it carries a port. bad is set for an unparsable address;
// badPort for a port above 65535.
func parseHost(addr string) (kind hostKind, hasPort, bad, badPort bool) {
	if strings.Count(addr, ":") > 1 {
		host := addr
		if strings.HasPrefix(addr, "[") {
			end := strings.Index(addr, "]")
			if end < 0 {
				return hostIPv6, false, true, false
			}
			host = addr[1:end]
			if rest := addr[end+1:]; rest != "" {
				port, ok := strings.CutPrefix(rest, ":")
				if !ok || !allDigits(port) {
					return hostIPv6, false, true, false
				}
				hasPort = true
				if n, _ := strconv.Atoi(port); n > 65535 {
					return hostIPv6, true, false, true
				}
			}
		}
		ip, err := netip.ParseAddr(host)
		return hostIPv6, hasPort, err != nil || !ip.Is6(), false
	}
	name, port, hasColon := strings.Cut(addr, ":")
	if hasColon {
		if !allDigits(port) {
			if ipv4Shape.MatchString(strings.ReplaceAll(addr, ":", "")) {
				return hostIPv4, false, true, false
			}
			return hostName, false, true, false
		}
		hasPort = true
		if n, err := strconv.Atoi(port); err != nil || n > 65535 {
			return hostName, true, false, true
		}
	}
	if ipv4Shape.MatchString(name) {
		ip, err := netip.ParseAddr(name)
		return hostIPv4, hasPort, err != nil || !ip.Is4(), false
	}
	return hostName, hasPort, !validHostname(name), false
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// validHostname rejects characters outside [0-9A-Za-z._-], labels ending in
// a dash and empty labels other than a trailing dot.
func validHostname(name string) bool {
	if !hostnameChars.MatchString(name) {
		return false
	}
	labels := strings.Split(name, ".")
	for i, label := range labels {
		if strings.HasSuffix(label, "-") || (label == "" && i != len(labels)-1) {
			return false
		}
	}
	return true
}

func validateHost(v any) string {
	host := v.(string)
	_, hasPort, bad, badPort := parseHost(host)
	switch {
	case bad:
		return "invalid value: " + host
	case badPort || hasPort:
		return "must not have a port"
	}
	return ""
}

func validateSNI(v any) string {
	host := v.(string)
	kind, hasPort, bad, badPort := parseHost(host)
	switch {
	case bad:
		return "invalid value: " + host
	case kind != hostName:
		return "must not be an IP"
	case badPort || hasPort:
		return "must not have a port"
	}
	return ""
}

// splitURL follows LuaSocket's url.parse: the scheme is a leading "name:",
// the authority what follows "//" up to the path, query or fragment.
func splitURL(raw string) (scheme, authority string) {
	rest := raw
	if m := urlScheme.FindStringSubmatch(rest); m != nil {
		scheme = m[1]
		rest = rest[len(m[0]):]
	}
	authority, ok := strings.CutPrefix(rest, "//")
	if !ok {
		return scheme, ""
	}
	if end := strings.IndexAny(authority, "/?#"); end >= 0 {
		authority = authority[:end]
	}
	return scheme, authority
}

func validateURL(v any) string {
	scheme, authority := splitURL(v.(string))
	if at := strings.LastIndex(authority, "@"); at >= 0 {
		authority = authority[at+1:]
	}
	switch {
	case trailingPort.ReplaceAllString(authority, "") == "":
		return "missing host in url"
	case scheme == "":
		return "missing scheme in url"
	}
	return ""
}

// urlUserInfo reports whether a URL carries user info (user:pass@host).
func urlUserInfo(raw string) bool {
	_, authority := splitURL(raw)
	return strings.Contains(authority, "@")
}

func headerNameError(name string) string {
	if name == "" {
		return "no header name provided"
	}
	if !headerNameChars.MatchString(name) {
		return fmt.Sprintf("bad header name '%s', allowed characters are A-Z, a-z, 0-9, '_', and '-'", name)
	}
	return ""
}

func validateHeaderName(v any) string { return headerNameError(v.(string)) }

func validatePath(v any) string {
	path := v.(string)
	if !pathChars.MatchString(path) {
		return "invalid path: '" + path + "' (characters outside of the reserved list of RFC 3986 found)"
	}
	raw := percentEncoded.ReplaceAllString(path, "___")
	if i := strings.Index(raw, "%"); i >= 0 {
		end := min(i+3, len(raw))
		return "invalid url-encoded value: '" + raw[i:end] + "'"
	}
	return ""
}

func validateIPOrCIDR(v any) string {
	s := v.(string)
	if _, err := netip.ParseAddr(s); err == nil {
		return ""
	}
	if _, err := netip.ParsePrefix(s); err == nil {
		return ""
	}
	return "invalid ip or cidr range: '" + s + "'"
}
