package provider

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

// Kong's rules for upstream and target values (upstreams.lua, targets.lua, kong.tools.ip), checked at plan.

var (
	upstreamNameRule = stringRule{"Invalid upstream name",
		"a host name (the host services use to reach the upstream), no IP address, no port", upstreamNameProblem}
	targetRule = stringRule{"Invalid target",
		"host:port, an IPv6 address in brackets ([::1]:8080), written as Kong stores it", targetProblem}
	probeSNIRule = stringRule{"Invalid SNI",
		"a server name, neither an IP address nor with a port", probeSNIProblem}
	hostWithOptionalPortRule = stringRule{"Invalid host",
		"a host name or IP address with an optional port", func(h string) string {
			if _, _, problem := parseKongAddress(h); problem != "" {
				return fmt.Sprintf("%q is not a valid host: %s.", h, problem)
			}
			return ""
		}}
	kongHeaderNameRule = stringRule{"Invalid header name",
		"a header name made of A-Z, a-z, 0-9, '_' and '-'", func(name string) string {
			if !headerNamePattern.MatchString(name) {
				return fmt.Sprintf("%q is not a valid header name: only A-Z, a-z, 0-9, '_' and '-' are allowed.", name)
			}
			return ""
		}}
	cookieNameRule = stringRule{"Invalid cookie name",
		"an HTTP token: no control characters, spaces or separators", cookieNameProblem}
)

func upstreamNameProblem(name string) string {
	kind, hasPort, problem := parseKongAddress(name)
	switch {
	case problem != "":
		return fmt.Sprintf("%q is not a valid host name: %s.", name, problem)
	case kind != addressName:
		return fmt.Sprintf("%q is an IP address; an upstream's name must be a host name.", name)
	case hasPort:
		return fmt.Sprintf("%q has a port; an upstream's name must be a host name without one (set the port on the service).", name)
	}
	return ""
}

func probeSNIProblem(s string) string {
	kind, hasPort, problem := parseKongAddress(s)
	switch {
	case problem != "":
		return fmt.Sprintf("%q is not a valid server name: %s.", s, problem)
	case kind != addressName:
		return fmt.Sprintf("%q must be a server name, not an IP address.", s)
	case hasPort:
		return fmt.Sprintf("%q must not have a port.", s)
	}
	return ""
}

// cookieNameProblem is Kong's validate_http_token.
func cookieNameProblem(name string) string {
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < 0x20 || c >= 0x7f || strings.IndexByte(" \t()<>@,;:\\\"/?={}[]", c) >= 0 {
			return fmt.Sprintf("%q may not contain control characters, spaces, non-ASCII characters or any of ()<>@,;:\\\"/?={}[].", name)
		}
	}
	return ""
}

// targetDefaultPort is the port Kong gives a target written without one.
const targetDefaultPort = 8000

// targetProblem requires a target as Kong stores it: Kong adds port 8000 to an address without a port,
// drops leading zeros of IPv4 addresses and ports and writes IPv6 addresses out in full, and a target
// written otherwise would differ from Kong's answer on every plan.
func targetProblem(t string) string {
	kind, hasPort, problem := parseKongAddress(t)
	if problem != "" {
		return fmt.Sprintf("%q is not a valid target: %s.", t, problem)
	}
	host, port := t, strconv.Itoa(targetDefaultPort)
	if hasPort {
		i := strings.LastIndexByte(t, ':')
		host, port = t[:i], t[i+1:]
		n, _ := strconv.Atoi(port)
		port = strconv.Itoa(n)
	}
	switch kind {
	case addressIPv4:
		octets := strings.Split(host, ".")
		for i, o := range octets {
			n, _ := strconv.Atoi(o)
			octets[i] = strconv.Itoa(n)
		}
		host = strings.Join(octets, ".")
	case addressIPv6:
		inner := strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
		ip := net.ParseIP(inner)
		if ip == nil || strings.Contains(inner, ".") {
			return fmt.Sprintf("%q is not a valid target: Kong accepts IPv6 addresses of hexadecimal groups only.", t)
		}
		groups := make([]string, 8)
		for i := range groups {
			groups[i] = fmt.Sprintf("%02x%02x", ip[2*i], ip[2*i+1])
		}
		host = "[" + strings.Join(groups, ":") + "]"
	}
	canonical := host + ":" + port
	switch {
	case !hasPort:
		return fmt.Sprintf("%q has no port. Kong would store it as %q; write the port.", t, canonical)
	case canonical != t:
		return fmt.Sprintf("Kong stores %q as %q; write it that way, or every plan would show a change.", t, canonical)
	}
	return ""
}
