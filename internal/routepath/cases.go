package routepath

// Case is one route path and Kong 3.9's answer to it: "" when Kong accepts it, else the message it puts
// under fields.paths[i].
type Case struct {
	Path string
	Kong string
}

// Cases are route paths with Kong 3.9.1's verdicts, worked out from its source (typedefs.router_path,
// uri.normalize, the PCRE2 dry run) and its spec/01-unit/01-db/01-schema/06-routes_spec.lua. They are
// exported so that the tests of this package, of the provider's plan-time validation and of the test
// double all hold the same table.
var Cases = []Case{
	// Prefix paths: any characters, as long as the path is written in its normalized form.
	{"/", ""},
	{"/ovo/", ""},
	{"/abcd~user~2", ""},
	{"/api/v1.0/users", ""},
	{"/foo bar", ""},
	{"/caf\u00e9", ""},
	{"/a^b", ""},
	{"/a+b(c)", ""},
	{"/a%2Fb", ""},
	{"/foo%20bar", "non-normalized path, consider use '/foo bar' instead"},
	{"/%7euser", "non-normalized path, consider use '/~user' instead"},
	{"/a%2fb", "non-normalized path, consider use '/a%2Fb' instead"},
	{"/caf%C3%A9", "non-normalized path, consider use '/caf\u00e9' instead"},
	{"/a/./b", "non-normalized path, consider use '/a/b' instead"},
	{"/a/../b", "non-normalized path, consider use '/b' instead"},
	{"/a/b/..", "non-normalized path, consider use '/a/' instead"},
	// Percent-encoding is checked only in paths of RFC 3986 characters.
	{"/foo%zz", "invalid url-encoded value: '%zz'"},
	{"/some%2words", "invalid url-encoded value: '%2w'"},
	{"/some%0Xwords", "invalid url-encoded value: '%0X'"},
	{"/some%20words%", "invalid url-encoded value: '%'"},
	{"/some%20words%a", "invalid url-encoded value: '%a'"},
	{"/caf\u00e9%zz", ""},
	// Shape: checked in Kong's validator order (length, empty segments, then the leading / or ~/).
	{"", "length must be at least 1"},
	{"foo", "should start with: / (fixed path) or ~/ (regex path)"},
	{"~foo", "should start with: / (fixed path) or ~/ (regex path)"},
	{"foo//bar", "must not have empty segments"},
	{"/foo//bar", "must not have empty segments"},
	{"/foo/bar//", "must not have empty segments"},
	{"//foo", "must not have empty segments"},
	{"~/a//b", "must not have empty segments"},
	// Regex paths: whatever PCRE compiles. Kong never checks their percent-encoding ("~" is outside
	// typedefs.path's character class, so that check stops before it), nor normalizes them.
	{"~/foo%zz", ""},
	{"~/a/./b", ""},
	{`~/users/\d+$`, ""},
	{"~/items(?=/)", ""},
	{"~/(?<=a)b", ""},
	{"~/(?!admin)[a-z]+", ""},
	{`~/(a)\1`, ""},
	{"~/a++", ""},
	{"~/a*+b", ""},
	{"~/a{2}+", ""},
	{"~/(?>a|ab)c", ""},
	{`~/(?<id>\d+)`, ""},
	{`~/(?P<id>\d+)/(?P=id)`, ""},
	{"~/users/(foo/profile",
		`invalid regex: '/users/(foo/profile' (PCRE returned: pcre2_compile() failed: missing closing parenthesis in "/users/(foo/profile")`},
	{"~/[a-z",
		`invalid regex: '/[a-z' (PCRE returned: pcre2_compile() failed: missing terminating ] for character class in "/[a-z")`},
	{`~/x\`,
		`invalid regex: '/x\' (PCRE returned: pcre2_compile() failed: \ at end of pattern in "/x\")`},
}
