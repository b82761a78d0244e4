package kongtest

import (
	"regexp"
	"strconv"
	"strings"
)

// Kong parses upstream names, target addresses and host headers with kong.tools.ip.normalize_ip: the
// number of colons and the characters decide whether an address is an IPv4, an IPv6 or a host name, each
// kind has its own syntax, and the parsed form is what Kong stores for a target (format_host).

type addressKind int

const (
	addressName addressKind = iota
	addressIPv4
	addressIPv6
)

// address is a parsed host with its optional port.
type address struct {
	kind    addressKind
	host    string // IPv4 without leading zeros, IPv6 expanded to eight 4-digit groups, names as given
	port    int64
	hasPort bool
}

var (
	ipv4Pattern     = regexp.MustCompile(`^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$`)
	ipv4PortPattern = regexp.MustCompile(`^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3}):(\d+)$`)
	digitsAndDots   = regexp.MustCompile(`^[\d.]+$`)
	ipv6Groups      = regexp.MustCompile(`^([[:xdigit:]]{1,4}):([[:xdigit:]]{1,4}):([[:xdigit:]]{1,4}):([[:xdigit:]]{1,4}):([[:xdigit:]]{1,4}):([[:xdigit:]]{1,4}):([[:xdigit:]]{1,4}):([[:xdigit:]]{1,4})$`)
	hostnameChars   = regexp.MustCompile(`^[0-9A-Za-z._-]+$`)
	trailingPort    = regexp.MustCompile(`:(\d+)$`)
	bracketedIPv6   = regexp.MustCompile(`^\[([^\]]*)\](.*)$`)
)

// addressKindOf is Kong's hostname_type: two or more colons make an IPv6, digits and dots an IPv4.
func addressKindOf(s string) addressKind {
	if strings.Count(s, ":") > 1 {
		return addressIPv6
	}
	if digitsAndDots.MatchString(strings.ReplaceAll(s, ":", "")) {
		return addressIPv4
	}
	return addressName
}

// parseAddress is Kong's normalize_ip; the error is Kong's message.
func parseAddress(s string) (address, string) {
	kind := addressKindOf(s)
	switch kind {
	case addressIPv4:
		return parseIPv4(s)
	case addressIPv6:
		return parseIPv6(s)
	}
	return parseHostname(s)
}

// portNumber converts the digits of a port; Kong refuses one above 65535.
func portNumber(digits string) (int64, string) {
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || n > 65535 {
		return 0, "invalid port number"
	}
	return n, ""
}

func parseIPv4(s string) (address, string) {
	m := ipv4Pattern.FindStringSubmatch(s)
	if strings.Contains(s, ":") {
		m = ipv4PortPattern.FindStringSubmatch(s)
	}
	if m == nil {
		return address{}, "invalid ipv4 address: " + s
	}
	parts := make([]string, 4)
	for i := range parts {
		n, _ := strconv.Atoi(m[i+1])
		if n > 255 {
			return address{}, "invalid ipv4 address: " + s
		}
		parts[i] = strconv.Itoa(n)
	}
	a := address{kind: addressIPv4, host: strings.Join(parts, ".")}
	if len(m) == 6 {
		port, msg := portNumber(m[5])
		if msg != "" {
			return address{}, msg
		}
		a.port, a.hasPort = port, true
	}
	return a, ""
}

func parseIPv6(s string) (address, string) {
	check := s
	a := address{kind: addressIPv6}
	if m := bracketedIPv6.FindStringSubmatch(s); m != nil {
		check = m[1]
		if rest := m[2]; rest != "" {
			digits, ok := strings.CutPrefix(rest, ":")
			if !ok || digits == "" || strings.Trim(digits, "0123456789") != "" {
				return address{}, "invalid ipv6 address"
			}
			port, msg := portNumber(digits)
			if msg != "" {
				return address{}, msg
			}
			a.port, a.hasPort = port, true
		}
	}
	if strings.HasPrefix(check, ":") {
		check = "0" + check
	}
	if strings.HasSuffix(check, ":") {
		check += "0"
	}
	if strings.Contains(check, "::") {
		missing := max(8-strings.Count(check, ":"), 0)
		check = strings.Replace(check, "::", ":"+strings.Repeat("0:", missing), 1)
	}
	m := ipv6Groups.FindStringSubmatch(check)
	if m == nil {
		return address{}, "invalid ipv6 address: " + s
	}
	groups := make([]string, 8)
	for i := range groups {
		groups[i] = strings.ToLower(strings.Repeat("0", 4-len(m[i+1])) + m[i+1])
	}
	a.host = strings.Join(groups, ":")
	return a, ""
}

// parseHostname is Kong's check_hostname: [0-9A-Za-z._-], no label ending in '-', no empty label but a
// trailing one.
func parseHostname(s string) (address, string) {
	a := address{kind: addressName, host: s}
	if m := trailingPort.FindStringSubmatch(s); m != nil {
		a.host = s[:len(s)-len(m[0])]
		port, msg := portNumber(m[1])
		if msg != "" {
			return address{}, msg
		}
		a.port, a.hasPort = port, true
	}
	if !hostnameChars.MatchString(a.host) {
		return address{}, "invalid hostname: " + s
	}
	labels := strings.Split(a.host, ".")
	for i, label := range labels {
		if strings.HasSuffix(label, "-") || label == "" && i != len(labels)-1 {
			return address{}, "invalid hostname: " + s
		}
	}
	return a, ""
}

// format is Kong's format_host: an IPv6 in brackets, then ":port" (defaultPort when the address has none).
func (a address) format(defaultPort int64) string {
	host := a.host
	if a.kind == addressIPv6 {
		host = "[" + host + "]"
	}
	port := defaultPort
	if a.hasPort {
		port = a.port
	}
	return host + ":" + strconv.FormatInt(port, 10)
}
