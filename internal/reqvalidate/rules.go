// Package reqvalidate checks an HTTP request against one OpenAPI operation's rules: path parameters, query
// arguments, headers and the body, each with JSON Schema (draft 2020-12). Its Rules type is the config of the
// openapi-request-validator Kong plugin and the validation output of provider::kong::openapi_operations, so the
// provider compiles at plan time exactly what the gateway compiles at run time.
package reqvalidate

import (
	"errors"
	"fmt"
	"mime"
	"regexp"
	"sort"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Rules are one operation's validation rules. The json tags are the Kong config field names: go-pdk turns the
// tag verbatim into the plugin's schema, so no tag carries options such as omitempty.
type Rules struct {
	// OperationID names the operation in the plugin's log lines; it is not checked.
	OperationID string `json:"operation_id"`
	// PathPattern is the route's path regex without Kong's "~" prefix, with one named capture per path
	// parameter. The plugin matches the request path again because Kong's Go PDK has no access to the router's
	// captures in every version.
	PathPattern string `json:"path_pattern"`
	// ParameterSchema has the shape of Kong Enterprise request-validator's parameter_schema.
	ParameterSchema []Parameter `json:"parameter_schema"`
	// BodySchemas maps each allowed content type (exact, "type/*" or "*/*") to the JSON Schema of the body as
	// JSON text; Unchecked accepts any body of that type (a binary upload). No entries: bodies are not checked.
	BodySchemas map[string]string `json:"body_schemas"`
	// BodyRequired refuses requests without a body.
	BodyRequired bool `json:"body_required"`
}

// Parameter is one header, path parameter or query argument.
type Parameter struct {
	Name     string `json:"name"`
	In       string `json:"in"`
	Required bool   `json:"required"`
	// Style and Explode are OpenAPI's: path and header take simple; query takes form, spaceDelimited or
	// pipeDelimited. Empty style means the default of the location.
	Style   string `json:"style"`
	Explode bool   `json:"explode"`
	// Schema is the value's JSON Schema as JSON text; empty accepts any value.
	Schema string `json:"schema"`
}

// Validator is a compiled Rules; it is safe for concurrent use.
type Validator struct {
	operationID  string
	path         *regexp.Regexp
	pathParams   []*param
	queryParams  []*param
	headerParams []*param
	bodies       []body // exact types first, then type/*, then */*
	bodyRequired bool
}

type param struct {
	Parameter
	key    string // lowercased header name
	schema *jsonschema.Schema
	shape  shape
	sep    string // separator of a non-exploded array
}

type body struct {
	mediaType string
	schema    *jsonschema.Schema // nil: not checked
	text      bool               // validated as one JSON string, not parsed as JSON
}

// Compile checks and compiles rules once, so requests only pay for validation.
func Compile(r Rules) (*Validator, error) {
	v := &Validator{operationID: r.OperationID, bodyRequired: r.BodyRequired}
	var errs []error
	if r.PathPattern != "" {
		re, err := regexp.Compile(r.PathPattern)
		if err != nil {
			errs = append(errs, fmt.Errorf("path_pattern: %w", err))
		}
		v.path = re
	}
	seen := map[string]bool{}
	for i, p := range r.ParameterSchema {
		cp, err := compileParam(p, v.path)
		if err != nil {
			errs = append(errs, fmt.Errorf("parameter_schema[%d] (%s %q): %w", i, p.In, p.Name, err))
			continue
		}
		id := p.In + "\x00" + cp.key
		if seen[id] {
			errs = append(errs, fmt.Errorf("parameter_schema[%d]: %s parameter %q is declared twice", i, p.In, p.Name))
		}
		seen[id] = true
		switch p.In {
		case "path":
			v.pathParams = append(v.pathParams, cp)
		case "query":
			v.queryParams = append(v.queryParams, cp)
		default:
			v.headerParams = append(v.headerParams, cp)
		}
	}
	types := make([]string, 0, len(r.BodySchemas))
	for t := range r.BodySchemas {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		b, err := compileBody(t, r.BodySchemas[t])
		if err != nil {
			errs = append(errs, fmt.Errorf("body_schemas[%q]: %w", t, err))
			continue
		}
		v.bodies = append(v.bodies, b)
	}
	sort.SliceStable(v.bodies, func(i, j int) bool { return wildness(v.bodies[i].mediaType) < wildness(v.bodies[j].mediaType) })
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return v, nil
}

func compileParam(p Parameter, path *regexp.Regexp) (*param, error) {
	cp := &param{Parameter: p, key: p.Name}
	if p.Name == "" {
		return nil, errors.New("name is empty")
	}
	switch p.In {
	case "path":
		if path == nil || path.SubexpIndex(p.Name) < 0 {
			return nil, errors.New("path_pattern has no named capture for it")
		}
		if !p.Required {
			return nil, errors.New("path parameters are always required")
		}
	case "query":
	case "header":
		cp.key = strings.ToLower(p.Name)
	default:
		return nil, fmt.Errorf("in must be path, query or header, not %q", p.In)
	}
	raw, sch, err := compileSchema(p.Schema)
	if err != nil {
		return nil, err
	}
	cp.schema = sch
	cp.shape = shapeOf(raw)
	if cp.sep, err = separator(p); err != nil {
		return nil, err
	}
	return cp, nil
}

// separator is the delimiter of a non-exploded array in the parameter's style.
func separator(p Parameter) (string, error) {
	style := p.Style
	if style == "" {
		style = map[string]string{"query": "form", "path": "simple", "header": "simple"}[p.In]
	}
	switch {
	case style == "simple" && p.In != "query", style == "form" && p.In == "query":
		return ",", nil
	case style == "spaceDelimited" && p.In == "query":
		return " ", nil
	case style == "pipeDelimited" && p.In == "query":
		return "|", nil
	}
	return "", fmt.Errorf("style %q is not supported for %s parameters", style, p.In)
}

// Unchecked is the body schema of a content type accepted without looking at the body: JSON Schema's schema
// that accepts everything. Not the empty string, which Kong refuses in a string field (length at least 1).
const Unchecked = "true"

func compileBody(contentType, schema string) (body, error) {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return body{}, fmt.Errorf("not a media type: %w", err)
	}
	b := body{mediaType: mt}
	switch schema {
	case Unchecked:
		return b, nil
	case "":
		return body{}, fmt.Errorf("the schema is empty; %s accepts any body of this type", Unchecked)
	}
	switch {
	case IsJSONMediaType(mt):
	case strings.HasPrefix(mt, "text/"):
		b.text = true
	default:
		return body{}, fmt.Errorf("only JSON and text/* bodies can be checked against a schema, not %s", mt)
	}
	_, b.schema, err = compileSchema(schema)
	return b, err
}

// IsJSONMediaType says whether a body of this media type is parsed as JSON: application/json and any
// structured-syntax "+json" type.
func IsJSONMediaType(mt string) bool {
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

func wildness(mt string) int {
	switch {
	case mt == "*/*":
		return 2
	case strings.HasSuffix(mt, "/*"):
		return 1
	}
	return 0
}

// noLoader refuses every external $ref: a config must not make the gateway read files or fetch URLs.
type noLoader struct{}

func (noLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("external $ref %s is not allowed; put the schema in $defs", url)
}

const schemaURL = "urn:kongform:schema"

// compileSchema compiles one JSON Schema text (draft 2020-12 unless it names another with $schema).
func compileSchema(text string) (any, *jsonschema.Schema, error) {
	if text == "" {
		return nil, nil, nil
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(text))
	if err != nil {
		return nil, nil, fmt.Errorf("schema is not JSON: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.UseLoader(noLoader{})
	if err := c.AddResource(schemaURL, doc); err != nil {
		return nil, nil, fmt.Errorf("schema: %w", err)
	}
	sch, err := c.Compile(schemaURL)
	if err != nil {
		return nil, nil, fmt.Errorf("schema: %w", err)
	}
	return doc, sch, nil
}
