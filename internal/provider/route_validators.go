package provider

import (
	"context"
	"fmt"
	"net"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/kongform/terraform-provider-kong/internal/routepath"
)

// Kong 3.9's rules for the matching fields of a route (kong/db/schema/typedefs.lua, kong/tools/ip.lua,
// kong/tools/uri.lua), as pure functions returning "" for a valid value or a message naming the problem.
// They follow Kong's default router flavour, traditional_compatible.

// stringRule turns one of those pure checks into a plan-time validator, so the error lands on the exact
// attribute path (list index, set value or map key) the value came from.
type stringRule struct {
	summary     string
	description string
	problem     func(string) string
}

func (r stringRule) Description(context.Context) string             { return r.description }
func (r stringRule) MarkdownDescription(ctx context.Context) string { return r.Description(ctx) }
func (r stringRule) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if msg := r.problem(req.ConfigValue.ValueString()); msg != "" {
		resp.Diagnostics.AddAttributeError(req.Path, r.summary, msg)
	}
}

var (
	routePathRule = stringRule{"Invalid route path",
		"a normalized prefix path starting with / or a regex path starting with ~/", routePathProblem}
	routeHostRule = stringRule{"Invalid route host",
		"a host name or IP address with an optional port and at most one wildcard as its leftmost or rightmost label", routeHostProblem}
	routeSNIRule = stringRule{"Invalid SNI",
		"a server name, with at most one wildcard as its first or last character, no IP address and no port", sniProblem}
	ipOrCIDRRule = stringRule{"Invalid IP address or CIDR range",
		"an IP address or CIDR range", ipOrCIDRProblem}
	headerNameRule = stringRule{"Invalid header name",
		"a header name other than host, made of A-Z, a-z, 0-9, '_' and '-'", headerNameProblem}
)

// methodPattern is Kong's http_method: uppercase ASCII letters only.
var methodPattern = regexp.MustCompile(`^[A-Z]+$`)

// routePathProblem is Kong's router_path (internal/routepath, which the test double uses too): a
// normalized prefix path of any characters, or a "~/" regex that PCRE compiles. The detail carries
// Kong's own message, so the plan says what Kong would answer.
func routePathProblem(p string) string {
	if msg := routepath.Problem(p); msg != "" {
		return fmt.Sprintf("Kong rejects %q: %s", p, msg)
	}
	return ""
}

// routeHostProblem is Kong's rule for route hosts: a host name or IP address, optionally with a port, with
// at most one wildcard that must be the leftmost or rightmost label (*.example.com, example.*).
func routeHostProblem(h string) string {
	switch n := strings.Count(h, "*"); {
	case n > 1:
		return fmt.Sprintf("%q has more than one wildcard.", h)
	case n == 1 && !strings.HasPrefix(h, "*.") && !strings.HasSuffix(h, ".*"):
		return fmt.Sprintf("%q must have its wildcard as the leftmost or rightmost label, as in *.example.com or example.*.", h)
	}
	if _, _, problem := parseKongAddress(strings.Replace(h, "*", "abc", 1)); problem != "" {
		return fmt.Sprintf("%q is not a valid host: %s.", h, problem)
	}
	return ""
}

// sniProblem is Kong's wildcard_host, used for route snis by Kong's default router: a server name with at
// most one '*' as its first or last character, never an IP address, never a port. The detail carries
// Kong's own message (the traditional router's stricter rule is checked at plan, see route_flavor.go).
func sniProblem(s string) string {
	if msg := kongSNIProblem(s); msg != "" {
		return fmt.Sprintf("Kong rejects %q: %s", s, msg)
	}
	return ""
}

func kongSNIProblem(s string) string {
	host := s
	if i := strings.IndexByte(s, '*'); i >= 0 {
		if i != 0 && i != len(s)-1 {
			return "wildcard must be leftmost or rightmost character"
		}
		if strings.Count(s, "*") > 1 {
			return "only one wildcard must be specified"
		}
		host = strings.Replace(s, "*", "wildcard", 1) // Kong checks the name with the wildcard replaced
	}
	kind, hasPort, problem := parseKongAddress(host)
	switch {
	case problem == "invalid port number":
		return "must not have a port"
	case problem != "":
		return "invalid value: " + host
	case kind != addressName:
		return "must not be an IP"
	case hasPort:
		return "must not have a port"
	}
	return ""
}

type addressKind int

const (
	addressName addressKind = iota
	addressIPv4
	addressIPv6
)

var (
	ipv4WithPortPattern  = regexp.MustCompile(`^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?::(\d+))?$`)
	hostNameCharsPattern = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)
	trailingPortPattern  = regexp.MustCompile(`:(\d+)$`)
)

// parseKongAddress is Kong's normalize_ip: it classifies "host[:port]" the way Kong does (more than one
// colon is IPv6, digits and dots are IPv4, anything else a name) and reports what Kong would reject.
func parseKongAddress(a string) (kind addressKind, hasPort bool, problem string) {
	portProblem := func(port string) string {
		if n, err := strconv.Atoi(port); err != nil || n > 65535 {
			return "invalid port number"
		}
		return ""
	}
	switch {
	case strings.Count(a, ":") > 1:
		ip, port := a, ""
		if strings.HasPrefix(a, "[") {
			end := strings.IndexByte(a, ']')
			if end < 0 {
				return addressIPv6, false, "invalid IPv6 address"
			}
			ip, port = a[1:end], a[end+1:]
			if port != "" {
				digits, ok := strings.CutPrefix(port, ":")
				if !ok || digits == "" || strings.Trim(digits, "0123456789") != "" {
					return addressIPv6, false, "invalid IPv6 address"
				}
				if p := portProblem(digits); p != "" {
					return addressIPv6, true, p
				}
			}
		}
		if parsed := net.ParseIP(ip); parsed == nil || !strings.Contains(ip, ":") {
			return addressIPv6, port != "", "invalid IPv6 address"
		}
		return addressIPv6, port != "", ""
	case strings.Trim(strings.ReplaceAll(a, ":", ""), "0123456789.") == "":
		m := ipv4WithPortPattern.FindStringSubmatch(a)
		if m == nil {
			return addressIPv4, false, "invalid IPv4 address"
		}
		for _, octet := range m[1:5] {
			if n, _ := strconv.Atoi(octet); n > 255 {
				return addressIPv4, false, "invalid IPv4 address"
			}
		}
		if m[5] != "" {
			return addressIPv4, true, portProblem(m[5])
		}
		return addressIPv4, false, ""
	}
	name := a
	if m := trailingPortPattern.FindStringSubmatch(a); m != nil {
		name = strings.TrimSuffix(a, m[0])
		hasPort = true
		if p := portProblem(m[1]); p != "" {
			return addressName, true, p
		}
	}
	if !hostNameCharsPattern.MatchString(name) {
		return addressName, hasPort, "invalid host name"
	}
	labels := strings.Split(name, ".")
	for i, label := range labels {
		// A trailing dot (a fully qualified name) is the only empty label Kong accepts.
		if strings.HasSuffix(label, "-") || (label == "" && i != len(labels)-1) {
			return addressName, hasPort, "invalid host name"
		}
	}
	return addressName, hasPort, ""
}

func ipOrCIDRProblem(s string) string {
	if net.ParseIP(s) != nil {
		return ""
	}
	if _, _, err := net.ParseCIDR(s); err == nil {
		return ""
	}
	return fmt.Sprintf("%q is neither an IP address nor a CIDR range.", s)
}

var headerNamePattern = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// headerNameProblem is Kong's rule for route header names; the Host header is matched through hosts.
func headerNameProblem(name string) string {
	if strings.EqualFold(name, "host") {
		return fmt.Sprintf("%q cannot be matched in headers; use the hosts attribute.", name)
	}
	if !headerNamePattern.MatchString(name) {
		return fmt.Sprintf("%q is not a valid header name: only A-Z, a-z, 0-9, '_' and '-' are allowed.", name)
	}
	return ""
}
