package routepath

import "testing"

// TestRustRegexError pins regex-syntax's messages and spans, including atc-router's own test of an invalid
// regex (t/06-validate.t, "([."), for errors the case table does not reach.
func TestRustRegexError(t *testing.T) {
	for re, want := range map[string]string{
		"([.":            "regex parse error:\n    ([.\n     ^\nerror: unclosed character class",
		"a)":             "regex parse error:\n    a)\n     ^\nerror: unopened group",
		"(a":             "regex parse error:\n    (a\n    ^\nerror: unclosed group",
		`a\`:             "regex parse error:\n    a\\\n     ^\nerror: incomplete escape sequence, reached end of pattern prematurely",
		"*a":             "regex parse error:\n    *a\n    ^\nerror: repetition operator missing expression",
		"a|*":            "regex parse error:\n    a|*\n      ^\nerror: repetition operator missing expression",
		"(?i)+":          "regex parse error:\n    (?i)+\n        ^\nerror: repetition operator missing expression",
		"a{3,2}":         "regex parse error:\n    a{3,2}\n     ^^^^^\nerror: invalid repetition count range, the start must be <= the end",
		"a{2":            "regex parse error:\n    a{2\n     ^^\nerror: unclosed counted repetition",
		"[z-a]":          "regex parse error:\n    [z-a]\n     ^^^\nerror: invalid character class range, the start must be <= the end",
		`[\d-z]`:         "regex parse error:\n    [\\d-z]\n     ^^\nerror: invalid range boundary, must be a literal",
		`[\b]`:           "regex parse error:\n    [\\b]\n     ^^\nerror: invalid escape sequence found in character class",
		"(?ii)":          "regex parse error:\n    (?ii)\n       ^\nerror: duplicate flag",
		"(?i-)":          "regex parse error:\n    (?i-)\n       ^\nerror: dangling flag negation operator",
		"(?<>a)":         "regex parse error:\n    (?<>a)\n       ^\nerror: empty capture group name",
		"(?<a>x)(?<a>y)": "regex parse error:\n    (?<a>x)(?<a>y)\n              ^\nerror: duplicate capture group name",
		"a{,3}":          "regex parse error:\n    a{,3}\n      ^\nerror: repetition quantifier expects a valid decimal",
		`\e`:             "regex parse error:\n    \\e\n    ^^\nerror: unrecognized escape sequence",
	} {
		if got := rustRegexError(re); got != want {
			t.Errorf("rustRegexError(%q) =\n%s\nwant\n%s", re, got, want)
		}
	}
	for _, re := range []string{`a**`, `a{2}{3}`, `[[:alpha:]-]`, `[a-z&&[^aeiou]]`, `\b{start}x`, `(?x) a`, `\<a\>`,
		`[]a]`, `[^]a]`, `x{2,}`, `(?i:a)+`, `\x41\u{263A}`, `\pL\p{Greek}`, `a|`, `()`, `[\[\]]`, `(?P<n.1>a)`,
		"(?x) a # a comment (", `[\w-]+`, `(?:a|b)`, `^{2}x`} {
		if got := rustRegexError(re); got != "" {
			t.Errorf("rustRegexError(%q) = %q, want it accepted", re, got)
		}
	}
}

// TestATCExpression checks the expression built from every matching field against transform.lua, and that
// an error in a header regex points at its literal.
func TestATCExpression(t *testing.T) {
	ip, port := "10.1.2.3/8", int64(80)
	got, _ := atcExpression(Route{
		Protocols: []string{"https"},
		SNIs:      []string{"*.example.com", "api.*", "a.test."},
		Sources:   []Endpoint{{IP: &ip}, {Port: &port}, {IP: &ip, Port: &port}},
		Methods:   []string{"GET", "POST"},
		Hosts:     []string{"*.example.com", "example.*:8443", "plain.test"},
		Paths:     []string{"/a", `~/b"#c`},
		Headers:   map[string][]string{"X-Version": {"V1", "~*^v[0-9]$"}},
	})
	want := `(net.protocol != r#"https"# || (tls.sni =^ r#".example.com"# || tls.sni ^= r#"api."# || tls.sni == r#"a.test"#))` +
		` && (net.src.ip in 10.0.0.0/8 || net.src.port == 80 || (net.src.ip in 10.0.0.0/8 && net.src.port == 80))` +
		` && (http.method == r#"GET"# || http.method == r#"POST"#)` +
		` && (http.host =^ r#".example.com"# || (http.host ^= r#"example."# && net.dst.port == 8443) || http.host == r#"plain.test"#)` +
		` && (http.path ^= r#"/a"# || http.path ~ "^/b\"#c")` +
		` && (any(lower(http.headers.x_version)) == r#"v1"# || any(lower(http.headers.x_version)) ~ r#"^v[0-9]$"#)`
	if got != want {
		t.Errorf("atcExpression =\n%s\nwant\n%s", got, want)
	}
	stream, _ := atcExpression(Route{Protocols: []string{"tls"}, SNIs: []string{"x.test"}, Paths: []string{"/ignored"}})
	if want := `(net.protocol != r#"tls"# || (tls.sni == r#"x.test"#))`; stream != want {
		t.Errorf("stream atcExpression = %s, want %s", stream, want)
	}
	msg := ATCProblem(Route{Protocols: []string{"http"}, Methods: []string{"GET"}, Headers: map[string][]string{"x": {`~*(?=a)`}}})
	want = "Router Expression failed validation:  --> 1:60\n  |\n" +
		`1 | (http.method == r#"GET"#) && (any(lower(http.headers.x)) ~ r#"(?=a)"#)` + "\n" +
		"  |                                                            ^--------^\n  |\n" +
		"  = regex parse error:\n    (?=a)\n    ^^^\nerror: look-around, including look-ahead and look-behind, is not supported"
	if msg != want {
		t.Errorf("ATCProblem with a header regex =\n%s\nwant\n%s", msg, want)
	}
}
