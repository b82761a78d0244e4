package provider

import (
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// checkUpstream applies at plan time the rules Kong applies to an upstream as a whole: its entity checks
// (what each hash_on and hash_fallback needs) and what its shorthands would do to the values written
// (Kong rewrites the algorithm to match hash_on, and clears hash_on for least-connections and latency),
// which would otherwise show as a change on every plan. Unknown values are left to Kong.
func checkUpstream(m upstreamModel, diags *diag.Diagnostics) {
	for _, v := range []types.String{m.Algorithm, m.HashOn, m.HashFallback} {
		if v.IsUnknown() {
			return
		}
	}
	algorithm, hashOn, fallback := orDefault(m.Algorithm, "round-robin"), orDefault(m.HashOn, "none"), orDefault(m.HashFallback, "none")
	switch {
	case (algorithm == "least-connections" || algorithm == "latency") && hashOn != "none":
		diags.AddAttributeError(path.Root("hash_on"), "Hashing needs consistent-hashing",
			fmt.Sprintf("With algorithm %q Kong ignores hash_on and stores \"none\"; set algorithm = \"consistent-hashing\" to hash on %q.", algorithm, hashOn))
	case hashOn != "none" && algorithm != "consistent-hashing":
		diags.AddAttributeError(path.Root("algorithm"), "Hashing needs consistent-hashing",
			fmt.Sprintf("Kong sets algorithm to \"consistent-hashing\" whenever hash_on is not \"none\"; write algorithm = \"consistent-hashing\" (hash_on is %q).", hashOn))
	case hashOn == "none" && algorithm == "consistent-hashing":
		diags.AddAttributeError(path.Root("hash_on"), "Consistent hashing needs hash_on",
			"Kong switches an upstream with hash_on \"none\" to algorithm \"round-robin\"; set hash_on to what to hash (consumer, ip, header, cookie, path, query_arg or uri_capture).")
	}
	allowedFallback := map[string][]string{
		"none":     {"none"},
		"cookie":   {"none"},
		"consumer": {"none", "ip", "header", "cookie", "path", "query_arg", "uri_capture"},
		"ip":       {"none", "consumer", "header", "cookie", "path", "query_arg", "uri_capture"},
		"path":     {"none", "consumer", "header", "cookie", "query_arg", "ip", "uri_capture"},
	}
	if allowed, ok := allowedFallback[hashOn]; ok && !slices.Contains(allowed, fallback) {
		diags.AddAttributeError(path.Root("hash_fallback"), "Invalid hash_fallback",
			fmt.Sprintf("With hash_on %q, hash_fallback must be one of %s; it is %q.", hashOn, quoteList(allowed), fallback))
	}
	needs := []struct {
		field, value, attr string
		v                  types.String
	}{
		{"hash_on", "header", "hash_on_header", m.HashOnHeader},
		{"hash_fallback", "header", "hash_fallback_header", m.HashFallbackHeader},
		{"hash_on", "cookie", "hash_on_cookie", m.HashOnCookie},
		{"hash_fallback", "cookie", "hash_on_cookie", m.HashOnCookie},
		{"hash_on", "query_arg", "hash_on_query_arg", m.HashOnQueryArg},
		{"hash_fallback", "query_arg", "hash_fallback_query_arg", m.HashFallbackQueryArg},
		{"hash_on", "uri_capture", "hash_on_uri_capture", m.HashOnURICapture},
		{"hash_fallback", "uri_capture", "hash_fallback_uri_capture", m.HashFallbackURICapture},
	}
	for _, n := range needs {
		set := map[string]string{"hash_on": hashOn, "hash_fallback": fallback}[n.field]
		if set == n.value && n.v.IsNull() {
			diags.AddAttributeError(path.Root(n.attr), "Missing "+n.attr,
				fmt.Sprintf("%s = %q needs %s.", n.field, n.value, n.attr))
		}
	}
	for _, pair := range [][2]string{
		{"hash_on_header", "hash_fallback_header"}, {"hash_on_query_arg", "hash_fallback_query_arg"},
		{"hash_on_uri_capture", "hash_fallback_uri_capture"},
	} {
		a, b := upstreamString(m, pair[0]), upstreamString(m, pair[1])
		if hasValue(a) && hasValue(b) && a.ValueString() == b.ValueString() {
			diags.AddAttributeError(path.Root(pair[1]), "Same value twice",
				fmt.Sprintf("%s and %s must differ; both are %q.", pair[0], pair[1], a.ValueString()))
		}
	}
}

func upstreamString(m upstreamModel, attr string) types.String {
	return map[string]types.String{
		"hash_on_header": m.HashOnHeader, "hash_fallback_header": m.HashFallbackHeader,
		"hash_on_query_arg": m.HashOnQueryArg, "hash_fallback_query_arg": m.HashFallbackQueryArg,
		"hash_on_uri_capture": m.HashOnURICapture, "hash_fallback_uri_capture": m.HashFallbackURICapture,
	}[attr]
}

// orDefault is a configured string, or Kong's default when the configuration leaves it out.
func orDefault(v types.String, def string) string {
	if v.IsNull() {
		return def
	}
	return v.ValueString()
}
