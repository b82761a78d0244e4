package routepath

// Case is one route path and Kong 3.9's answers to it.
type Case struct {
	Path string
	// Kong is the message Kong puts under fields.paths[i] in every router flavor, or "" when the path
	// passes the field's validators.
	Kong string
	// ATC is, for a path that passes them, the message the traditional_compatible router (Kong's default)
	// and the expressions router put under fields["@entity"] for a route whose only matching field is this
	// path, or "" when they accept it. The traditional router accepts every path Kong is "".
	ATC string
}

// Cases are route paths with Kong 3.9.1's verdicts, worked out from its source (typedefs.router_path,
// uri.normalize, the PCRE2 dry run; routes.lua's ATC check with transform.lua, atc-router 1.6.2 and
// regex-syntax 0.8.3) and its spec/01-unit/01-db/01-schema/06-routes_spec.lua. They are exported so that
// the tests of this package, of the provider's plan-time validation and of the test double all hold the
// same table.
var Cases = []Case{
	// Prefix paths: any characters, as long as the path is written in its normalized form.
	{Path: "/", Kong: ""},
	{Path: "/ovo/", Kong: ""},
	{Path: "/abcd~user~2", Kong: ""},
	{Path: "/api/v1.0/users", Kong: ""},
	{Path: "/foo bar", Kong: ""},
	{Path: "/caf\u00e9", Kong: ""},
	{Path: "/a^b", Kong: ""},
	{Path: "/a+b(c)", Kong: ""},
	{Path: "/a%2Fb", Kong: ""},
	{Path: "/foo%20bar", Kong: "non-normalized path, consider use '/foo bar' instead"},
	{Path: "/%7euser", Kong: "non-normalized path, consider use '/~user' instead"},
	{Path: "/a%2fb", Kong: "non-normalized path, consider use '/a%2Fb' instead"},
	{Path: "/caf%C3%A9", Kong: "non-normalized path, consider use '/caf\u00e9' instead"},
	{Path: "/a/./b", Kong: "non-normalized path, consider use '/a/b' instead"},
	{Path: "/a/../b", Kong: "non-normalized path, consider use '/b' instead"},
	{Path: "/a/b/..", Kong: "non-normalized path, consider use '/a/' instead"},
	// Percent-encoding is checked only in paths of RFC 3986 characters.
	{Path: "/foo%zz", Kong: "invalid url-encoded value: '%zz'"},
	{Path: "/some%2words", Kong: "invalid url-encoded value: '%2w'"},
	{Path: "/some%0Xwords", Kong: "invalid url-encoded value: '%0X'"},
	{Path: "/some%20words%", Kong: "invalid url-encoded value: '%'"},
	{Path: "/some%20words%a", Kong: "invalid url-encoded value: '%a'"},
	{Path: "/caf\u00e9%zz", Kong: ""},
	// Shape: checked in Kong's validator order (length, empty segments, then the leading / or ~/).
	{Path: "", Kong: "length must be at least 1"},
	{Path: "foo", Kong: "should start with: / (fixed path) or ~/ (regex path)"},
	{Path: "~foo", Kong: "should start with: / (fixed path) or ~/ (regex path)"},
	{Path: "foo//bar", Kong: "must not have empty segments"},
	{Path: "/foo//bar", Kong: "must not have empty segments"},
	{Path: "/foo/bar//", Kong: "must not have empty segments"},
	{Path: "//foo", Kong: "must not have empty segments"},
	{Path: "~/a//b", Kong: "must not have empty segments"},
	// Regex paths: whatever PCRE compiles. Kong never checks their percent-encoding ("~" is outside
	// typedefs.path's character class, so that check stops before it), nor normalizes them.
	{Path: "~/foo%zz"},
	{Path: "~/a/./b"},
	{Path: `~/users/\d+$`},
	{Path: `~/\/*/user$`},
	{Path: "~/a++"}, // possessive in PCRE, a nested repetition for Rust's regex crate: both accept it
	{Path: "~/a*+b"},
	{Path: "~/a{2}+"},
	{Path: `~/(?<id>\d+)`}, // the ATC router gets (?P<id>...)
	// PCRE accepts these; the ATC router's Rust regex crate does not, so with Kong's default router the
	// route is refused as a whole (the message points into the expression Kong built from the route).
	{Path: "~/items(?=/)", ATC: `Router Expression failed validation:  --> 1:14
  |
1 | (http.path ~ r#"^/items(?=/)"#)
  |              ^---------------^
  |
  = regex parse error:
    ^/items(?=/)
           ^^^
error: look-around, including look-ahead and look-behind, is not supported`},
	{Path: "~/(?!admin)[a-z]+", ATC: `Router Expression failed validation:  --> 1:14
  |
1 | (http.path ~ r#"^/(?!admin)[a-z]+"#)
  |              ^--------------------^
  |
  = regex parse error:
    ^/(?!admin)[a-z]+
      ^^^
error: look-around, including look-ahead and look-behind, is not supported`},
	{Path: "~/(?<=a)b", ATC: `Router Expression failed validation:  --> 1:14
  |
1 | (http.path ~ r#"^/(?P<=a)b"#)
  |              ^-------------^
  |
  = regex parse error:
    ^/(?P<=a)b
          ^
error: invalid capture group character`},
	{Path: `~/(a)\1`, ATC: `Router Expression failed validation:  --> 1:14
  |
1 | (http.path ~ r#"^/(a)\1"#)
  |              ^----------^
  |
  = regex parse error:
    ^/(a)\1
         ^^
error: backreferences are not supported`},
	{Path: "~/(?>a|ab)c", ATC: `Router Expression failed validation:  --> 1:14
  |
1 | (http.path ~ r#"^/(?>a|ab)c"#)
  |              ^--------------^
  |
  = regex parse error:
    ^/(?>a|ab)c
        ^
error: unrecognized flag`},
	{Path: `~/(?P<id>\d+)/(?P=id)`, ATC: `Router Expression failed validation:  --> 1:14
  |
1 | (http.path ~ r#"^/(?P<id>\d+)/(?P=id)"#)
  |              ^------------------------^
  |
  = regex parse error:
    ^/(?P<id>\d+)/(?P=id)
                    ^
error: unrecognized flag`},
	{Path: "~/users/{id}", ATC: `Router Expression failed validation:  --> 1:14
  |
1 | (http.path ~ r#"^/users/{id}"#)
  |              ^---------------^
  |
  = regex parse error:
    ^/users/{id}
             ^
error: repetition quantifier expects a valid decimal`},
	{Path: `~/\Qa.b\E`, ATC: `Router Expression failed validation:  --> 1:14
  |
1 | (http.path ~ r#"^/\Qa.b\E"#)
  |              ^------------^
  |
  = regex parse error:
    ^/\Qa.b\E
      ^^
error: unrecognized escape sequence`},
	{Path: "~/users/(foo/profile",
		Kong: `invalid regex: '/users/(foo/profile' (PCRE returned: pcre2_compile() failed: missing closing parenthesis in "/users/(foo/profile")`},
	{Path: "~/[a-z",
		Kong: `invalid regex: '/[a-z' (PCRE returned: pcre2_compile() failed: missing terminating ] for character class in "/[a-z")`},
	{Path: `~/x\`,
		Kong: `invalid regex: '/x\' (PCRE returned: pcre2_compile() failed: \ at end of pattern in "/x\")`},
}
