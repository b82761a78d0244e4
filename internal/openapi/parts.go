package openapi

import (
	"fmt"
	"mime"
	"net/url"
	"strings"

	"github.com/kongform/terraform-provider-kong/internal/reqvalidate"
)

type serverSource struct {
	obj map[string]any
	ptr string
}

// prefix is the route prefix: base_path when given, else the path of the nearest servers list (operation,
// path item, document). Servers whose paths differ cannot share one route, so they need base_path.
func (d *doc) prefix(opts Options, sources []serverSource) (string, *Error) {
	if opts.BasePath != nil {
		return cleanPrefix(*opts.BasePath), nil
	}
	for _, src := range sources {
		servers, _ := src.obj["servers"].([]any)
		if len(servers) == 0 {
			continue
		}
		var first string
		for i, s := range servers {
			sm, _ := s.(map[string]any)
			p, err := serverPath(sm)
			ptr := fmt.Sprintf("%s/servers/%d", src.ptr, i)
			if err != nil {
				return "", &Error{Pointer: ptr + "/url", Reason: err.Error()}
			}
			if i == 0 {
				first = p
			} else if p != first {
				return "", &Error{Pointer: ptr + "/url", Reason: fmt.Sprintf("servers have different paths (%q and %q); choose one with the base_path option", first, p)}
			}
		}
		return first, nil
	}
	return "", nil
}

// serverPath is the path of a server URL, its variables replaced by their defaults.
func serverPath(server map[string]any) (string, error) {
	raw, _ := server["url"].(string)
	vars, _ := server["variables"].(map[string]any)
	for name, v := range vars {
		vm, _ := v.(map[string]any)
		def, ok := vm["default"].(string)
		if !ok {
			return "", fmt.Errorf("server variable %q has no default", name)
		}
		raw = strings.ReplaceAll(raw, "{"+name+"}", def)
	}
	if strings.ContainsAny(raw, "{}") {
		return "", fmt.Errorf("server URL %q has a variable without a definition", raw)
	}
	if strings.HasPrefix(raw, "/") || !strings.Contains(raw, "://") {
		return cleanPrefix(strings.SplitN(raw, "?", 2)[0]), nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("server URL %q: %w", raw, err)
	}
	return cleanPrefix(u.Path), nil
}

func cleanPrefix(p string) string {
	p = strings.Trim(p, "/")
	if p == "" {
		return ""
	}
	return "/" + p
}

type paramOut struct {
	reqvalidate.Parameter
	ptr string
}

// parameters merges the path item's parameters with the operation's (the operation's win, by in and name).
func (d *doc) parameters(item, op map[string]any, itemPtr, opPtr string) ([]paramOut, *Error) {
	var out []paramOut
	index := map[string]int{}
	for _, src := range []struct {
		list []any
		ptr  string
	}{{listOf(item["parameters"]), itemPtr + "/parameters"}, {listOf(op["parameters"]), opPtr + "/parameters"}} {
		for i, raw := range src.list {
			ptr := fmt.Sprintf("%s/%d", src.ptr, i)
			p, skip, err := d.parameter(raw, ptr)
			if err != nil {
				return nil, err
			}
			if skip {
				continue
			}
			key := p.In + "\x00" + strings.ToLower(p.Name)
			if j, ok := index[key]; ok {
				out[j] = p
				continue
			}
			index[key] = len(out)
			out = append(out, p)
		}
	}
	return out, nil
}

func (d *doc) parameter(raw any, ptr string) (paramOut, bool, *Error) {
	m, ok := raw.(map[string]any)
	if !ok {
		return paramOut{}, false, &Error{Pointer: ptr, Reason: "a parameter must be an object"}
	}
	m, err := d.resolve(m, ptr, "#/components/parameters/")
	if err != nil {
		return paramOut{}, false, err
	}
	name, _ := m["name"].(string)
	in, _ := m["in"].(string)
	required, _ := m["required"].(bool)
	p := paramOut{Parameter: reqvalidate.Parameter{Name: name, In: in, Required: required}, ptr: ptr}
	bad := func(format string, a ...any) (paramOut, bool, *Error) {
		return paramOut{}, false, &Error{Pointer: ptr, Reason: fmt.Sprintf(format, a...)}
	}
	switch in {
	case "cookie":
		return bad("cookie parameter %q cannot be validated or routed by Kong; read it in the function", name)
	case "header":
		// OpenAPI says these three header parameters SHALL be ignored: content negotiation and security
		// describe them.
		switch strings.ToLower(name) {
		case "accept", "content-type", "authorization":
			return p, true, nil
		}
		p.Style = "simple"
	case "path":
		p.Style, p.Required = "simple", true
	case "query":
		p.Style, p.Explode = "form", true
	default:
		return bad("parameter %q has in %q; it must be path, query, header or cookie", name, in)
	}
	if _, ok := m["content"]; ok {
		return bad("parameter %q uses content; only parameters with a schema can be validated", name)
	}
	if s, ok := m["style"].(string); ok {
		p.Style = s
	}
	if e, ok := m["explode"].(bool); ok {
		p.Explode = e
	} else {
		p.Explode = p.Style == "form"
	}
	switch {
	case p.In == "query" && (p.Style == "form" || (p.Style == "spaceDelimited" || p.Style == "pipeDelimited") && !p.Explode):
	case p.In != "query" && p.Style == "simple":
	default:
		return bad("parameter %q has style %s (explode %t), which the gateway cannot parse; use form for query and simple for path and header", name, p.Style, p.Explode)
	}
	p.Schema = anyString
	if s, ok := m["schema"]; ok {
		sm, _ := s.(map[string]any)
		if sm != nil && (hasType(d.derefSchema(sm), "object") || sm["properties"] != nil) {
			return paramOut{}, false, &Error{Pointer: ptr + "/schema", Reason: fmt.Sprintf("parameter %q is an object; only scalar and array parameters can be validated", name)}
		}
		text, err := d.schemaJSON(s, ptr+"/schema")
		if err != nil {
			return paramOut{}, false, err
		}
		p.Schema = text
	}
	return p, false, nil
}

func (d *doc) requestBody(op *Operation, raw any, ptr string) *Error {
	m, ok := raw.(map[string]any)
	if !ok {
		return &Error{Pointer: ptr, Reason: "requestBody must be an object"}
	}
	m, err := d.resolve(m, ptr, "#/components/requestBodies/")
	if err != nil {
		return err
	}
	op.Rules.BodyRequired, _ = m["required"].(bool)
	content, _ := m["content"].(map[string]any)
	op.Rules.BodySchemas = map[string]string{}
	for _, key := range sortedKeys(content) {
		mptr := ptr + "/content/" + escape(key)
		mt, _, perr := mime.ParseMediaType(key)
		if perr != nil {
			return &Error{Pointer: mptr, Reason: fmt.Sprintf("%q is not a media type: %v", key, perr)}
		}
		media, _ := content[key].(map[string]any)
		schema, has := media["schema"]
		sm, _ := schema.(map[string]any)
		var text string
		switch {
		case reqvalidate.IsJSONMediaType(mt) && has:
			if text, err = d.schemaJSON(schema, mptr+"/schema"); err != nil {
				return err
			}
		case strings.HasPrefix(mt, "text/") && has:
			if t := d.derefSchema(sm); t["type"] != nil && !hasType(t, "string") {
				return &Error{Pointer: mptr + "/schema", Reason: fmt.Sprintf("a %s body is text; its schema must be of type string", mt)}
			}
			if text, err = d.schemaJSON(schema, mptr+"/schema"); err != nil {
				return err
			}
		case !has || isBinary(d.derefSchema(sm)):
			// Accepted by content type only: nothing in a binary body can be checked.
		default:
			return &Error{Pointer: mptr, Reason: fmt.Sprintf("content type %s cannot be validated at the gateway (JSON, text/* and binary bodies can); describe the body as binary or validate it in the function", mt)}
		}
		if _, dup := op.Rules.BodySchemas[mt]; dup {
			return &Error{Pointer: mptr, Reason: fmt.Sprintf("media type %s is listed twice", mt)}
		}
		op.Rules.BodySchemas[mt] = text
		if text == "" {
			op.Rules.BodySchemas[mt] = reqvalidate.Unchecked
		}
		op.AllowedContentTypes = append(op.AllowedContentTypes, mt)
		if reqvalidate.IsJSONMediaType(mt) && (op.BodySchema == "" || mt == "application/json") {
			op.BodySchema = text
		}
	}
	return nil
}

func isBinary(s map[string]any) bool {
	if len(s) == 0 {
		return true
	}
	f, _ := s["format"].(string)
	return hasType(s, "string") && (f == "binary" || f == "byte" || f == "base64") || s["contentEncoding"] != nil || s["contentMediaType"] != nil
}

func hasType(s map[string]any, want string) bool {
	switch t := s["type"].(type) {
	case string:
		return t == want
	case []any:
		for _, x := range t {
			if x == want {
				return true
			}
		}
	}
	return false
}

// resolve follows a $ref to the components section it must point into.
func (d *doc) resolve(m map[string]any, ptr, section string) (map[string]any, *Error) {
	for range 16 {
		ref, ok := m["$ref"].(string)
		if !ok {
			return m, nil
		}
		if !strings.HasPrefix(ref, section) {
			return nil, &Error{Pointer: ptr + "/$ref", Reason: fmt.Sprintf("reference %q must point into %s (external references are not supported; bundle the document)", ref, strings.TrimSuffix(section, "/"))}
		}
		target, ok := d.lookup(ref).(map[string]any)
		if !ok {
			return nil, &Error{Pointer: ptr + "/$ref", Reason: fmt.Sprintf("reference %q points to nothing", ref)}
		}
		m = target
	}
	return nil, &Error{Pointer: ptr + "/$ref", Reason: "reference cycle"}
}

// lookup resolves a local JSON pointer ("#/components/...") in the document.
func (d *doc) lookup(ref string) any {
	var cur any = d.root
	for _, tok := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		if u, err := url.PathUnescape(tok); err == nil {
			tok = u
		}
		switch c := cur.(type) {
		case map[string]any:
			cur = c[tok]
		default:
			return nil
		}
	}
	return cur
}

// derefSchema follows schema $refs for inspecting a schema's type; errors are reported by schemaJSON.
func (d *doc) derefSchema(s map[string]any) map[string]any {
	for range 16 {
		ref, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		t, ok := d.lookup(ref).(map[string]any)
		if !ok {
			return s
		}
		s = t
	}
	return s
}

func listOf(v any) []any { l, _ := v.([]any); return l }
