package provider

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

// providerDataFrom unpacks what Configure handed to a resource or data source. It returns nil (and no
// error) before the provider is configured, which the framework does during validation.
func providerDataFrom(data any, diags *diag.Diagnostics) *providerData {
	if data == nil {
		return nil
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider.", data))
		return nil
	}
	return pd
}

// isUUID reports whether s is an id Kong would accept.
var isUUID = kongclient.IsUUID

// expandStrings turns a Terraform list or set of strings into go-kong's slice form; null gives nil, so the
// field is left out of the request body and Kong applies its default.
func expandStrings(ctx context.Context, v interface {
	IsNull() bool
	IsUnknown() bool
	ElementsAs(context.Context, any, bool) diag.Diagnostics
}, diags *diag.Diagnostics) []*string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(v.ElementsAs(ctx, &out, false)...)
	return kong.StringSlice(out...)
}

// flattenStringSet turns Kong's value into a set. Kong answers null for an empty set, so an empty set the
// user wrote is kept as written instead of turning into a spurious diff.
func flattenStringSet(values []*string, prior types.Set) types.Set {
	if len(values) == 0 {
		if !prior.IsNull() && !prior.IsUnknown() && len(prior.Elements()) == 0 {
			return prior
		}
		return types.SetNull(types.StringType)
	}
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.StringValue(kong.StringValue(v)))
	}
	return types.SetValueMust(types.StringType, elems)
}

// flattenStringList is flattenStringSet for ordered fields.
func flattenStringList(values []*string, prior types.List) types.List {
	if len(values) == 0 {
		if !prior.IsNull() && !prior.IsUnknown() && len(prior.Elements()) == 0 {
			return prior
		}
		return types.ListNull(types.StringType)
	}
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.StringValue(kong.StringValue(v)))
	}
	return types.ListValueMust(types.StringType, elems)
}

// expandTags is the resource's own tags plus the provider's default_tags, de-duplicated and sorted so the
// request body is stable.
func expandTags(ctx context.Context, tags types.Set, defaults []string, diags *diag.Diagnostics) []*string {
	seen := map[string]bool{}
	var out []string
	for _, t := range append(derefStrings(expandStrings(ctx, tags, diags)), defaults...) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return kong.StringSlice(out...)
}

// flattenTags is Kong's tags minus the provider's default_tags: those belong to the provider, not to the
// resource, and showing them in `tags` would make every resource differ from its configuration. A default
// tag the resource also lists itself (prior, the plan or the last state, has it) stays: dropping it would
// make the state differ from the plan ("Provider produced inconsistent result") and taint the resource.
// Kong holds the tag once either way, and removing it from `tags` later plans a change that converges.
func flattenTags(tags []*string, defaults []string, prior types.Set) types.Set {
	isDefault := map[string]bool{}
	for _, d := range defaults {
		isDefault[d] = true
	}
	listed := map[string]bool{}
	if !prior.IsNull() && !prior.IsUnknown() {
		for _, e := range prior.Elements() {
			if s, ok := e.(types.String); ok && !s.IsNull() && !s.IsUnknown() {
				listed[s.ValueString()] = true
			}
		}
	}
	var own []*string
	for _, t := range tags {
		if v := kong.StringValue(t); !isDefault[v] || listed[v] {
			own = append(own, t)
		}
	}
	return flattenStringSet(own, prior)
}

func derefStrings(in []*string) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		out = append(out, kong.StringValue(s))
	}
	return out
}

// int64Ptr and friends convert optional Terraform values into go-kong's pointer fields.
func intPtr(v types.Int64) *int {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	i := int(v.ValueInt64())
	return &i
}

func strPtr(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return kong.String(v.ValueString())
}

func boolPtr(v types.Bool) *bool {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return kong.Bool(v.ValueBool())
}

func int64FromPtr(p *int) types.Int64 {
	if p == nil {
		return types.Int64Null()
	}
	return types.Int64Value(int64(*p))
}

// Kong's own rules for names and tags, checked at plan time so a bad value never reaches the Admin API.

// utf8NamePattern is Kong's utf8_name: ASCII letters, digits and . - _ ~, or any non-ASCII UTF-8.
var utf8NamePattern = regexp.MustCompile(`^(?:[A-Za-z0-9._~-]|[^\x00-\x7F])+$`)

func nameValidators() []validator.String {
	return []validator.String{
		stringvalidator.LengthAtLeast(1),
		stringvalidator.RegexMatches(utf8NamePattern, "may contain only ASCII letters, digits, '.', '-', '_', '~' and non-ASCII characters (Kong's rule for names)"),
	}
}

func tagSetValidators() []validator.Set {
	return []validator.Set{setvalidator.NoNullValues(), setvalidator.ValueStringsAre(tagRule)}
}

// tagRule is Kong's tag rule: printable ASCII except ',' and '/', space, or valid UTF-8.
var tagRule = stringRule{"Invalid tag", "a tag: printable characters except ',' and '/'", tagProblem}

func tagProblem(tag string) string {
	if tag == "" {
		return "a tag cannot be empty"
	}
	if !utf8.ValidString(tag) {
		return fmt.Sprintf("tag %q is not valid UTF-8", tag)
	}
	for _, r := range tag {
		if r < 0x80 && (r < 0x20 || r == 0x7f || r == ',' || r == '/') {
			return fmt.Sprintf("tag %q may not contain %q: Kong accepts printable characters except ',' and '/'", tag, r)
		}
	}
	return ""
}

// durationRule accepts Go durations such as "30s" or "2m".
var durationRule = stringRule{"Invalid duration", "a positive duration such as 30s", func(v string) string {
	if d, err := time.ParseDuration(v); err != nil || d <= 0 {
		return fmt.Sprintf("%q is not a positive duration such as 30s or 2m.", v)
	}
	return ""
}}

// describe names an entity in messages: by name when it has one, else by id.
func describe(name, id types.String) string {
	if !name.IsNull() && !name.IsUnknown() && name.ValueString() != "" {
		return fmt.Sprintf("%q", name.ValueString())
	}
	if !id.IsNull() && !id.IsUnknown() {
		return id.ValueString()
	}
	return "(new)"
}

// importByIDOrName accepts either an id or the entity's unique name (Kong's endpoint key) as the import id;
// Read then fetches the entity by that key and records its real id.
func importByIDOrName(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if strings.TrimSpace(req.ID) == "" {
		resp.Diagnostics.AddError("Missing import id", "Give the entity's id or its name.")
		return
	}
	if reason := invalidImportID(req.ID); reason != "" {
		resp.Diagnostics.AddError("Invalid import id", fmt.Sprintf("%q is neither an id (a UUID) nor a name: %s.", req.ID, reason))
		return
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}

// invalidImportID says why an import id cannot be an entity's id or name, "" when it may be one. The id
// becomes a path segment of the Admin API request, so anything that would step out of the collection
// ("../../status" reads Kong's status page) is refused here; whether a name is valid is Kong's call (it
// answers an invalid one with its own reason).
func invalidImportID(id string) string {
	switch {
	case kongclient.IsUUID(id):
		return ""
	case id == "." || id == "..":
		return "it is a relative path, not a name"
	case strings.ContainsAny(id, "/\\"):
		return "names cannot contain / or \\ (an entity whose name has one can be imported by its id)"
	case strings.ContainsFunc(id, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return "names cannot contain control characters"
	}
	return ""
}

func tagsAttribute() rschema.SetAttribute {
	return rschema.SetAttribute{
		ElementType: types.StringType,
		Optional:    true,
		Validators:  tagSetValidators(),
		Description: "Tags for filtering and ownership. The provider's `default_tags` are added in Kong but not shown here.",
	}
}

// idAttribute is every entity resource's id: chosen by the provider before the create, then kept.
func idAttribute(noun string) rschema.StringAttribute {
	return rschema.StringAttribute{
		Computed:      true,
		Description:   idDescription(noun),
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

// consumerIDAttribute is the consumer a credential or membership belongs to; Kong cannot move one to another
// consumer, so a change replaces it.
func consumerIDAttribute(description string) rschema.StringAttribute {
	return rschema.StringAttribute{
		Required:      true,
		Validators:    []validator.String{uuidRule},
		PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		Description:   description,
	}
}

func createdAtAttribute() rschema.Int64Attribute {
	return rschema.Int64Attribute{
		Computed:      true,
		Description:   "Unix time the entity was created.",
		PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
	}
}

// quoteList renders allowed values for descriptions: `a`, `b`, `c`.
func quoteList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "`" + v + "`"
	}
	return strings.Join(quoted, ", ")
}

// uuidRule accepts Kong entity ids.
var uuidRule = stringRule{"Invalid id", "a UUID", func(v string) string {
	if !isUUID(v) {
		return fmt.Sprintf("%q is not a UUID.", v)
	}
	return ""
}}
