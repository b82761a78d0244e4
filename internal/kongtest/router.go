package kongtest

import (
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// call is one Admin API request being answered.
type call struct {
	r      *http.Request
	params []string // path placeholders in order, URL-unescaped
	query  url.Values
	path   string // request path without the trailing slash
}

// handler answers a call with a status and a JSON body (nil for an empty body), or an error.
type handler func(s *Server, c *call) (int, any, *apiError)

type route struct {
	pattern  string // e.g. "/services/{service_id_or_name}/routes"
	segments []string
	literals int // number of literal segments, to prefer "/plugins/enabled" over "/plugins/{id}"
	methods  map[string]handler
}

type router struct{ routes []*route }

func (rt *router) handle(pattern string, methods map[string]handler) {
	segs := splitPath(pattern)
	literals := 0
	for _, s := range segs {
		if !strings.HasPrefix(s, "{") {
			literals++
		}
	}
	rt.routes = append(rt.routes, &route{pattern: pattern, segments: segs, literals: literals, methods: methods})
	sort.SliceStable(rt.routes, func(i, j int) bool { return rt.routes[i].literals > rt.routes[j].literals })
}

func splitPath(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// match finds the route for an escaped path; params are unescaped, as Kong does.
func (rt *router) match(escapedPath string) (*route, []string) {
	segs := splitPath(escapedPath)
	for _, r := range rt.routes {
		if len(r.segments) != len(segs) {
			continue
		}
		var params []string
		ok := true
		for i, want := range r.segments {
			if strings.HasPrefix(want, "{") {
				v, err := url.PathUnescape(segs[i])
				if err != nil {
					v = segs[i]
				}
				params = append(params, v)
				continue
			}
			if want != segs[i] {
				ok = false
				break
			}
		}
		if ok {
			return r, params
		}
	}
	return nil, nil
}

// allowHeader lists a route's methods plus the automatic HEAD and OPTIONS, sorted.
func (r *route) allowHeader() string {
	set := map[string]bool{"OPTIONS": true}
	for m := range r.methods {
		set[m] = true
		if m == http.MethodGet {
			set[http.MethodHead] = true
		}
	}
	list := make([]string, 0, len(set))
	for m := range set {
		list = append(list, m)
	}
	sort.Strings(list)
	return strings.Join(list, ", ")
}
