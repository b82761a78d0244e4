package main

import (
	"crypto/sha256"
	"encoding/json"
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/Kong/go-pdk"
	"github.com/kongform/terraform-provider-kong/internal/reqvalidate"
)

// Config is the plugin's config. Its exported fields mirror reqvalidate.Rules field for field (a test holds
// them equal); go-pdk derives Kong's config schema from them, using each json tag verbatim as the field name.
// It cannot simply embed Rules: go-pdk would make that a nested record.
type Config struct {
	OperationID     string                  `json:"operation_id"`
	PathPattern     string                  `json:"path_pattern"`
	ParameterSchema []reqvalidate.Parameter `json:"parameter_schema"`
	BodySchemas     map[string]string       `json:"body_schemas"`
	BodyRequired    bool                    `json:"body_required"`

	// compiled is set on the instance's first request; go-pdk keeps one Config per plugin instance.
	compiled atomic.Pointer[entry]
}

// New is go-pdk's constructor: one per plugin instance, filled from the instance's config.
func New() interface{} { return &Config{} }

func (c *Config) rules() reqvalidate.Rules {
	return reqvalidate.Rules{OperationID: c.OperationID, PathPattern: c.PathPattern, ParameterSchema: c.ParameterSchema,
		BodySchemas: c.BodySchemas, BodyRequired: c.BodyRequired}
}

type entry struct {
	v   *reqvalidate.Validator
	err error
}

// cache holds compiled rules by the hash of their config, so instances Kong restarts with an unchanged config
// (every config change of any plugin restarts instances) do not compile again. It is bounded by emptying it
// when full: configs are few, and a miss only costs one compile.
var cache = struct {
	sync.Mutex
	m map[[32]byte]*entry
}{m: map[[32]byte]*entry{}}

const cacheSize = 4096

func (c *Config) validator() *entry {
	if e := c.compiled.Load(); e != nil {
		return e
	}
	rules := c.rules()
	b, _ := json.Marshal(rules) // map keys are sorted, so equal configs hash equally
	key := sha256.Sum256(b)
	cache.Lock()
	e, ok := cache.m[key]
	if !ok {
		v, err := reqvalidate.Compile(rules)
		e = &entry{v: v, err: err}
		if len(cache.m) >= cacheSize {
			clear(cache.m)
		}
		cache.m[key] = e
	}
	cache.Unlock()
	c.compiled.Store(e)
	return e
}

var jsonHeaders = map[string][]string{"Content-Type": {"application/json"}}

// Access validates the request; an invalid one ends here with 400 and the errors.
func (c *Config) Access(kong *pdk.PDK) {
	e := c.validator()
	if e.err != nil {
		// Kong accepted a config the rules compiler refuses; fail closed, and say why in Kong's log only.
		_ = kong.Log.Err("openapi-request-validator: operation ", c.OperationID, ": ", e.err.Error()) // nothing to do if logging fails
		exit(kong, http.StatusInternalServerError, reqvalidate.Answer{Message: "request validation is misconfigured", Errors: []reqvalidate.FieldError{}})
		return
	}
	var req reqvalidate.Request
	var err error
	if req.Path, err = kong.Request.GetPath(); err != nil {
		internalError(kong, err)
		return
	}
	if e.v.NeedsQuery() {
		if req.RawQuery, err = kong.Request.GetRawQuery(); err != nil {
			internalError(kong, err)
			return
		}
	}
	if e.v.NeedsHeaders() {
		if req.Header, err = kong.Request.GetHeaders(-1); err != nil {
			internalError(kong, err)
			return
		}
	}
	if e.v.NeedsBody() {
		if req.ContentType, err = kong.Request.GetHeader("content-type"); err != nil {
			internalError(kong, err)
			return
		}
		if req.Body, err = kong.Request.GetRawBody(); err != nil {
			internalError(kong, err)
			return
		}
	}
	if errs := e.v.Validate(&req); len(errs) > 0 {
		exit(kong, http.StatusBadRequest, reqvalidate.Answer{Message: "request validation failed", Errors: errs})
	}
}

func internalError(kong *pdk.PDK, err error) {
	_ = kong.Log.Err("openapi-request-validator: reading the request: ", err.Error()) // nothing to do if logging fails
	exit(kong, http.StatusInternalServerError, reqvalidate.Answer{Message: "request could not be read for validation", Errors: []reqvalidate.FieldError{}})
}

func exit(kong *pdk.PDK, status int, a reqvalidate.Answer) {
	body, _ := json.Marshal(a)
	kong.Response.Exit(status, body, jsonHeaders)
}
