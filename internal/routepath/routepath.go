// Package routepath is Kong 3.9's rule for one element of a route's paths (typedefs.router_path in
// kong/db/schema/typedefs.lua, with uri.normalize from kong/tools/uri.lua) and the check the
// traditional_compatible router adds for a whole route (the ATC router's parse of the expression Kong
// builds from it, see atc.go), returning Kong's exact messages. The provider checks paths with it at plan
// time and the test double (internal/kongtest) on writes, so both answer as Kong does; the table in
// cases.go pins the messages.
package routepath

import (
	"regexp"
	"strconv"
	"strings"
)

// Kong's messages, in the order its schema validators run: len_min, match_none, match_any, then the
// custom validator (percent-encoding, normalization, the regex dry run).
const (
	MsgEmpty         = "length must be at least 1"
	MsgEmptySegments = "must not have empty segments"
	MsgStart         = "should start with: / (fixed path) or ~/ (regex path)"
)

// Problem returns Kong's message for a route path it rejects, or "".
func Problem(p string) string {
	switch {
	case p == "":
		return MsgEmpty
	case strings.Contains(p, "//"):
		return MsgEmptySegments
	case !strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "~/"):
		return MsgStart
	}
	// Kong runs typedefs.path's validator first and keeps only its percent-encoding error. That check
	// is reached only by paths made of RFC 3986 characters that start with "/": a regex path ("~/...")
	// or a path with other characters ("/café%zz") is never checked for its percent-encoding.
	if msg := percentProblem(p); msg != "" {
		return msg
	}
	if regex, ok := strings.CutPrefix(p, "~"); ok {
		return RegexProblem(regex)
	}
	if n := Normalize(p); n != p {
		return "non-normalized path, consider use '" + n + "' instead"
	}
	return ""
}

// rfc3986Path is typedefs.path's character class: unreserved, "%", ":", "@", "/" and the sub-delims.
var rfc3986Path = regexp.MustCompile(`^/[0-9A-Za-z.\-_~/%:@!$&'()*+,;=]*$`)

var percentTriplet = regexp.MustCompile(`%[0-9A-Fa-f]{2}`)

// percentProblem is the percent-encoding half of typedefs.path, quoting the bad escape as Kong does (the
// "%" and up to two following characters).
func percentProblem(p string) string {
	if !rfc3986Path.MatchString(p) {
		return ""
	}
	raw := percentTriplet.ReplaceAllString(p, "___")
	i := strings.IndexByte(raw, '%')
	if i < 0 {
		return ""
	}
	return "invalid url-encoded value: '" + raw[i:min(i+3, len(raw))] + "'"
}

// uriReserved stay percent-encoded when Kong normalizes a path (upper-cased); every other escaped byte,
// unreserved or not, is decoded.
const uriReserved = "!*'();:@&=+$,/?%#[]"

// Normalize is Kong's uri.normalize(path, true): decode the escapes of non-reserved bytes, upper-case the
// others, remove dot segments (RFC 3986 §5.2.4) and merge slashes.
func Normalize(uri string) string {
	if uri == "" || uri == "/" {
		return uri
	}
	if strings.Contains(uri, "%") {
		uri = percentTriplet.ReplaceAllStringFunc(uri, func(t string) string {
			b, _ := strconv.ParseUint(t[1:], 16, 8)
			if strings.IndexByte(uriReserved, byte(b)) < 0 {
				return string([]byte{byte(b)})
			}
			return strings.ToUpper(t)
		})
	}
	if !strings.Contains(uri, ".") && !strings.Contains(uri, "//") {
		return uri
	}
	var out []string
	pop := func() {
		if len(out) > 0 {
			out = out[:len(out)-1]
		}
	}
	for uri != "" {
		switch {
		case uri == "/.":
			uri = "/"
		case uri == "/..":
			uri = "/"
			pop()
		case uri == "." || uri == "..":
			uri = ""
		case strings.HasPrefix(uri, "../"):
			uri = uri[3:]
		case strings.HasPrefix(uri, "./"):
			uri = uri[2:]
		case strings.HasPrefix(uri, "/./"):
			uri = uri[2:]
		case strings.HasPrefix(uri, "/../"):
			uri = uri[3:]
			pop()
		case strings.HasPrefix(uri, "//"):
			uri = uri[1:]
		default:
			end := len(uri)
			if i := strings.IndexByte(uri[1:], '/'); i >= 0 {
				end = i + 1
			}
			out = append(out, uri[:end])
			uri = uri[end:]
		}
	}
	return strings.Join(out, "")
}
