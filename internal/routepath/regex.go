package routepath

import (
	"errors"
	"strings"

	"github.com/dlclark/regexp2"
	"github.com/dlclark/regexp2/syntax"
)

// RegexProblem is Kong's dry run of a regex path (the part after "~"): ngx.re.find compiles it with
// PCRE2, and a compile error becomes "invalid regex: '<re>' (PCRE returned: <error>)".
//
// Go's regexp (RE2) refuses much that PCRE accepts (look-around, back-references, atomic groups), so
// the expression is compiled with regexp2, whose .NET syntax covers those. The constructs PCRE has and
// .NET lacks are rewritten first into what .NET reads the same way (see pcreToNET). Error texts are
// PCRE2's for the errors regexp2 names unambiguously; others keep regexp2's wording.
func RegexProblem(re string) string {
	_, err := regexp2.Compile(pcreToNET(re), regexp2.None)
	if err == nil {
		return ""
	}
	return "invalid regex: '" + re + "' (PCRE returned: " + pcreError(re, err) + ")"
}

// pcre2Messages are PCRE2's texts (pcre2_compile.c's compile_error_texts) for regexp2's error codes.
// atEnd marks errors PCRE2 reports at the end of the pattern, which nginx prints without an "at" part.
var pcre2Messages = map[syntax.ErrorCode]struct {
	text  string
	atEnd bool
}{
	syntax.ErrMissingParen:          {"missing closing parenthesis", true},
	syntax.ErrUnterminatedBracket:   {"missing terminating ] for character class", true},
	syntax.ErrIllegalEndEscape:      {"\\ at end of pattern", true},
	syntax.ErrUnexpectedParen:       {"unmatched closing parenthesis", false},
	syntax.ErrMissingRepeatArgument: {"quantifier does not follow a repeatable item", false},
	syntax.ErrInvalidRepeatOp:       {"quantifier does not follow a repeatable item", false},
	syntax.ErrReversedCharRange:     {"range out of order in character class", false},
}

// pcreError words a compile error as lua-nginx-module does: "pcre2_compile() failed: <text> in
// "<re>"", the position omitted where regexp2 does not give one.
func pcreError(re string, err error) string {
	text := err.Error()
	var synErr *syntax.Error
	if errors.As(err, &synErr) {
		text = strings.TrimSuffix(strings.TrimPrefix(text, "error parsing regexp: "), " in `"+synErr.Expr+"`")
		if m, ok := pcre2Messages[synErr.Code]; ok {
			text = m.text
		}
	}
	return "pcre2_compile() failed: " + text + " in \"" + re + "\""
}

// pcreToNET rewrites the PCRE constructs .NET's syntax lacks into ones it reads with the same validity:
// possessive quantifiers (a++, a*+, a?+, a{2}+) lose their
// "+" (a possessive quantifier is valid wherever the greedy one is), Python-style named groups and
// references ((?P<n>...), (?P=n)) become .NET's ((?<n>...), \k<n>), and \Q...\E quotes are escaped.
func pcreToNET(re string) string {
	var b strings.Builder
	inClass := false
	afterQuantifier := false
	for i := 0; i < len(re); i++ {
		c := re[i]
		quantifier := false
		switch {
		case c == '\\' && i+1 < len(re) && re[i+1] == 'Q':
			end := strings.Index(re[i+2:], `\E`)
			quoted := re[i+2:]
			if end >= 0 {
				quoted = re[i+2 : i+2+end]
				i += 2 + end + 1
			} else {
				i = len(re)
			}
			b.WriteString(regexp2.Escape(quoted))
			afterQuantifier = false
			continue
		case c == '\\' && i+1 < len(re):
			b.WriteString(re[i : i+2])
			i++
			afterQuantifier = false
			continue
		case inClass:
			if c == ']' {
				inClass = false
			}
		case c == '[':
			inClass = true
			// A "]" right after "[" or "[^" is a literal, not the end of the class.
			if j := i + 1; j < len(re) && re[j] == '^' {
				b.WriteString("[^")
				i++
			} else {
				b.WriteByte('[')
			}
			if i+1 < len(re) && re[i+1] == ']' {
				b.WriteString(`\]`)
				i++
			}
			afterQuantifier = false
			continue
		case strings.HasPrefix(re[i:], "(?P<"):
			b.WriteString("(?<")
			i += 3
			continue
		case strings.HasPrefix(re[i:], "(?P="):
			end := strings.IndexByte(re[i:], ')')
			if end > 0 {
				b.WriteString(`\k<` + re[i+4:i+end] + ">")
				i += end
				continue
			}
		case c == '+' && afterQuantifier:
			afterQuantifier = false
			continue // possessive: drop the "+"
		case c == '*' || c == '+':
			quantifier = true
		case c == '?' && (i == 0 || re[i-1] != '('):
			quantifier = true
		case c == '{':
			if end := strings.IndexByte(re[i:], '}'); end > 0 && isRepeatCount(re[i+1:i+end]) {
				b.WriteString(re[i : i+end+1])
				i += end
				afterQuantifier = true
				continue
			}
		}
		b.WriteByte(c)
		afterQuantifier = quantifier
	}
	return b.String()
}

// isRepeatCount reports whether s is the inside of a {n}, {n,} or {n,m} repetition.
func isRepeatCount(s string) bool {
	lo, hi, comma := strings.Cut(s, ",")
	digits := func(t string) bool { return t != "" && strings.Trim(t, "0123456789") == "" }
	return digits(lo) && (!comma || hi == "" || digits(hi))
}
