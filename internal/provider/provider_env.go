package provider

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Settings taken from the environment never pass through Terraform's validation of the provider block, so
// Configure runs the attribute's own validators on them (envChecker.check): KONG_DEFAULT_TAGS="c/d" then fails
// at plan exactly like default_tags = ["c/d"], and the error names the variable the value came from.

// envChecker validates environment values against the provider schema's attributes.
type envChecker struct {
	ctx    context.Context
	attrs  map[string]schema.Attribute
	config provider.ConfigureRequest
	diags  *diag.Diagnostics
}

func (p *kongProvider) envChecker(ctx context.Context, req provider.ConfigureRequest, diags *diag.Diagnostics) envChecker {
	var s provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &s)
	return envChecker{ctx: ctx, attrs: s.Schema.Attributes, config: req, diags: diags}
}

// check runs the validators of attribute name on value, read from environment variable env, and reports
// each complaint as "Invalid <env>" on the attribute. It returns false when the value was refused.
func (c envChecker) check(name, env string, value attr.Value) bool {
	var got diag.Diagnostics
	p, expr := path.Root(name), path.MatchRoot(name)
	switch a := c.attrs[name].(type) {
	case schema.StringAttribute:
		for _, v := range a.Validators {
			r := &validator.StringResponse{}
			v.ValidateString(c.ctx, validator.StringRequest{Path: p, PathExpression: expr, Config: c.config.Config, ConfigValue: value.(types.String)}, r)
			got.Append(r.Diagnostics...)
		}
	case schema.Int64Attribute:
		for _, v := range a.Validators {
			r := &validator.Int64Response{}
			v.ValidateInt64(c.ctx, validator.Int64Request{Path: p, PathExpression: expr, Config: c.config.Config, ConfigValue: value.(types.Int64)}, r)
			got.Append(r.Diagnostics...)
		}
	case schema.Float64Attribute:
		for _, v := range a.Validators {
			r := &validator.Float64Response{}
			v.ValidateFloat64(c.ctx, validator.Float64Request{Path: p, PathExpression: expr, Config: c.config.Config, ConfigValue: value.(types.Float64)}, r)
			got.Append(r.Diagnostics...)
		}
	case schema.SetAttribute:
		for _, v := range a.Validators {
			r := &validator.SetResponse{}
			v.ValidateSet(c.ctx, validator.SetRequest{Path: p, PathExpression: expr, Config: c.config.Config, ConfigValue: value.(types.Set)}, r)
			got.Append(r.Diagnostics...)
		}
	case schema.MapAttribute:
		for _, v := range a.Validators {
			r := &validator.MapResponse{}
			v.ValidateMap(c.ctx, validator.MapRequest{Path: p, PathExpression: expr, Config: c.config.Config, ConfigValue: value.(types.Map)}, r)
			got.Append(r.Diagnostics...)
		}
	default:
		c.diags.AddError("Provider error: no validators for "+env, fmt.Sprintf("Attribute %s is a %T.", name, a))
		return false
	}
	ok := true
	for _, d := range got {
		if d.Severity() != diag.SeverityError {
			continue
		}
		ok = false
		c.diags.AddAttributeError(p, "Invalid "+env,
			fmt.Sprintf("%s is used because %s is not set in the provider block, and it is refused as %s would be: %s", env, name, name, d.Detail()))
	}
	return ok
}

// parseError reports an environment value that is not even of the attribute's type.
func (c envChecker) parseError(name, env, want string) {
	c.diags.AddAttributeError(path.Root(name), "Invalid "+env,
		fmt.Sprintf("%s is used because %s is not set in the provider block, and its value is not %s.", env, name, want))
}

// envInt64 reads an integer setting from env, validated like attribute name; ok is false when env is unset
// or refused.
func (c envChecker) envInt64(name, env string) (int64, bool) {
	s := os.Getenv(env)
	if s == "" {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		c.parseError(name, env, "a whole number")
		return 0, false
	}
	return n, c.check(name, env, types.Int64Value(n))
}

// envFloat64 reads a number setting from env. NaN and infinities, which strconv accepts and no
// configuration can express, are refused.
func (c envChecker) envFloat64(name, env string) (float64, bool) {
	s := os.Getenv(env)
	if s == "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		c.parseError(name, env, "a number")
		return 0, false
	}
	return f, c.check(name, env, types.Float64Value(f))
}

// envTags reads KONG_DEFAULT_TAGS: comma-separated, each tag trimmed, empty entries skipped.
func (c envChecker) envTags(name, env string) []string {
	var tags []string
	var elems []attr.Value
	for _, t := range strings.Split(os.Getenv(env), ",") {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
			elems = append(elems, types.StringValue(t))
		}
	}
	if len(tags) == 0 || !c.check(name, env, types.SetValueMust(types.StringType, elems)) {
		return nil
	}
	return tags
}

// adminURLRule is what kongclient needs of admin_url. The value is not repeated in the message: it may
// carry a password in its userinfo.
var adminURLRule = stringRule{"Invalid admin_url", "an http:// or https:// URL with a host", func(v string) string {
	u, err := url.ParseRequestURI(strings.TrimRight(v, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "admin_url must be an http:// or https:// URL with a host, such as http://127.0.0.1:8001."
	}
	return ""
}}

// headerValueRule refuses what cannot be sent in an HTTP header (control characters, line breaks), which
// would otherwise fail every request with a transport error. The value is not repeated, as it may be a
// secret: the message names the attribute instead, so the rule is made for the attribute it checks.
func headerValueRule(attribute string) stringRule {
	return stringRule{"Invalid header value", "a header value without control characters", func(v string) string {
		if strings.IndexFunc(v, func(r rune) bool { return (r < 0x20 && r != '\t') || r == 0x7f }) >= 0 {
			return attribute + " cannot be sent in an HTTP header: it contains a control character or a line break."
		}
		return ""
	}}
}

// httpHeaderNameRule accepts HTTP header names (RFC 9110 tokens).
var httpHeaderNameRule = stringRule{"Invalid header name", "an HTTP header name", func(name string) string {
	bad := name == "" || strings.IndexFunc(name, func(r rune) bool {
		return r > 0x7e || r <= 0x20 || strings.ContainsRune(`"(),/:;<=>?@[\]{}`, r)
	}) >= 0
	if bad {
		return fmt.Sprintf("%q is not an HTTP header name: use letters, digits and - _ . ! # $ %% & ' * + ^ ` | ~.", name)
	}
	return ""
}}

// workspaceRule is Kong Enterprise's rule for workspace names (utf8_name); empty means the default
// workspace. It also keeps '/' and '?' out of the Admin API paths the workspace is put in.
var workspaceRule = stringRule{"Invalid workspace", "a workspace name: ASCII letters, digits, '.', '-', '_', '~' and non-ASCII characters", func(v string) string {
	if v != "" && !utf8NamePattern.MatchString(v) {
		return fmt.Sprintf("%q is not a workspace name: Kong allows only ASCII letters, digits, '.', '-', '_', '~' and non-ASCII characters.", v)
	}
	return ""
}}
