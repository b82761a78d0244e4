package routepath

import (
	"strings"
	"unicode"
)

// rustRegexError is the error the Rust regex crate gives for re, as its Display writes it (regex-syntax
// 0.8.3, the version Kong 3.9.1's ATC router links), or "" when re parses. The parser below follows
// regex-syntax's ast parser for the errors a route regex meets in practice: look-around, back-references,
// unknown escapes and flags, capture names, unbalanced groups and classes, repetitions without an operand
// and malformed counted repetitions ("{id}"). What it does not model (Unicode class names, size limits,
// verbose mode) it accepts, so the test double never refuses a regex Kong would store.
func rustRegexError(re string) string {
	p := rustParser{re: []rune(re)}
	e := p.parse()
	if e == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("regex parse error:\n    ")
	b.WriteString(re)
	b.WriteString("\n    ")
	b.WriteString(strings.Repeat(" ", e.start))
	b.WriteString(strings.Repeat("^", max(1, e.end-e.start)))
	b.WriteString("\nerror: ")
	b.WriteString(e.kind)
	return b.String()
}

// regex-syntax's ErrorKind texts.
const (
	rxLookAround        = "look-around, including look-ahead and look-behind, is not supported"
	rxBackreference     = "backreferences are not supported"
	rxEscapeUnknown     = "unrecognized escape sequence"
	rxEscapeEOF         = "incomplete escape sequence, reached end of pattern prematurely"
	rxClassEscape       = "invalid escape sequence found in character class"
	rxClassRange        = "invalid character class range, the start must be <= the end"
	rxClassRangeLiteral = "invalid range boundary, must be a literal"
	rxClassUnclosed     = "unclosed character class"
	rxFlagUnknown       = "unrecognized flag"
	rxFlagDuplicate     = "duplicate flag"
	rxFlagNegation      = "flag negation operator repeated"
	rxFlagDangling      = "dangling flag negation operator"
	rxFlagEOF           = "expected flag but got end of regex"
	rxNameEmpty         = "empty capture group name"
	rxNameInvalid       = "invalid capture group character"
	rxNameEOF           = "unclosed capture group name"
	rxNameDuplicate     = "duplicate capture group name"
	rxGroupUnclosed     = "unclosed group"
	rxGroupUnopened     = "unopened group"
	rxRepeatMissing     = "repetition operator missing expression"
	rxCountUnclosed     = "unclosed counted repetition"
	rxCountDecimal      = "repetition quantifier expects a valid decimal"
	rxCountInvalid      = "invalid repetition count range, the start must be <= the end"
	rxDecimalInvalid    = "decimal literal invalid"
)

// rustError is an error kind and its span in runes, end exclusive.
type rustError struct {
	kind       string
	start, end int
}

type rustParser struct {
	re     []rune
	pos    int
	groups []int // positions of the open groups' "("
	names  map[string]bool
	// verbose is set by the x flag, whose whitespace and comments are not modelled: the rest of the
	// pattern is accepted.
	verbose bool
}

func (p *rustParser) eof() bool { return p.pos >= len(p.re) }

func (p *rustParser) has(prefix string) bool {
	return strings.HasPrefix(string(p.re[p.pos:]), prefix)
}

func (p *rustParser) fail(kind string, start, end int) *rustError {
	return &rustError{kind: kind, start: start, end: end}
}

// parse is regex-syntax's parse_with_comments loop. operand tracks whether the concatenation being built
// ends in something a repetition can apply to (not at its start, nor after a flags group such as "(?i)").
func (p *rustParser) parse() *rustError {
	operand := false
	for !p.eof() && !p.verbose {
		var err *rustError
		switch c := p.re[p.pos]; c {
		case '(':
			err = p.group()
			operand = false
		case ')':
			if len(p.groups) == 0 {
				return p.fail(rxGroupUnopened, p.pos, p.pos+1)
			}
			p.groups = p.groups[:len(p.groups)-1]
			p.pos++
			operand = true
		case '|':
			p.pos++
			operand = false
		case '[':
			err = p.class()
			operand = true
		case '?', '*', '+':
			if !operand {
				return p.fail(rxRepeatMissing, p.pos, p.pos)
			}
			p.pos++
			if !p.eof() && p.re[p.pos] == '?' {
				p.pos++
			}
		case '{':
			if !operand {
				return p.fail(rxRepeatMissing, p.pos, p.pos)
			}
			err = p.counted()
		case '\\':
			_, err = p.escape(false)
			operand = true
		default:
			p.pos++
			operand = true
		}
		if err != nil {
			return err
		}
	}
	if n := len(p.groups); n > 0 && !p.verbose {
		return p.fail(rxGroupUnclosed, p.groups[n-1], p.groups[n-1]+1)
	}
	return nil
}

// group parses from "(" to the start of the group's contents; a flags-only group "(?i)" is consumed whole.
func (p *rustParser) group() *rustError {
	open := p.pos
	p.pos++
	for _, look := range []string{"?=", "?!", "?<=", "?<!"} {
		if p.has(look) {
			return p.fail(rxLookAround, open, p.pos+len(look))
		}
	}
	switch {
	case p.has("?P<"), p.has("?<"):
		p.pos += len(strings.SplitAfter(string(p.re[p.pos:]), "<")[0])
		if err := p.captureName(); err != nil {
			return err
		}
	case p.has("?"):
		p.pos++
		if p.eof() {
			return p.fail(rxGroupUnclosed, open, open+1)
		}
		items, err := p.flags()
		if err != nil {
			return err
		}
		end := p.re[p.pos]
		p.pos++
		if end == ')' {
			if items == 0 {
				return p.fail(rxRepeatMissing, open+1, open+1)
			}
			return nil
		}
	}
	p.groups = append(p.groups, open)
	return nil
}

func (p *rustParser) captureName() *rustError {
	if p.eof() {
		return p.fail(rxNameEOF, p.pos, p.pos)
	}
	start := p.pos
	for !p.eof() && p.re[p.pos] != '>' {
		if !isCaptureChar(p.re[p.pos], p.pos == start) {
			return p.fail(rxNameInvalid, p.pos, p.pos+1)
		}
		p.pos++
	}
	if p.eof() {
		return p.fail(rxNameEOF, p.pos, p.pos)
	}
	name := string(p.re[start:p.pos])
	p.pos++
	if name == "" {
		return p.fail(rxNameEmpty, start, start)
	}
	if p.names[name] {
		return p.fail(rxNameDuplicate, start, start+len([]rune(name)))
	}
	if p.names == nil {
		p.names = map[string]bool{}
	}
	p.names[name] = true
	return nil
}

// isCaptureChar is regex-syntax's rule for capture names: a letter or "_" first, then also digits, ".",
// "[" and "]".
func isCaptureChar(c rune, first bool) bool {
	if c == '_' || unicode.IsLetter(c) {
		return true
	}
	return !first && (c == '.' || c == '[' || c == ']' || unicode.IsNumber(c))
}

// flags parses the flags of "(?flags)" or "(?flags:", stopping at the ")" or ":".
func (p *rustParser) flags() (int, *rustError) {
	items, negation, lastNegation := 0, false, -1
	seen := map[rune]bool{}
	for p.re[p.pos] != ':' && p.re[p.pos] != ')' {
		c := p.re[p.pos]
		switch {
		case c == '-':
			if negation {
				return 0, p.fail(rxFlagNegation, p.pos, p.pos+1)
			}
			negation, lastNegation = true, p.pos
		case !strings.ContainsRune("imsUuRx", c):
			return 0, p.fail(rxFlagUnknown, p.pos, p.pos+1)
		case seen[c]:
			return 0, p.fail(rxFlagDuplicate, p.pos, p.pos+1)
		default:
			seen[c], lastNegation = true, -1
			p.verbose = p.verbose || c == 'x' && !negation
		}
		items++
		p.pos++
		if p.eof() {
			return 0, p.fail(rxFlagEOF, p.pos, p.pos)
		}
	}
	if lastNegation >= 0 {
		return 0, p.fail(rxFlagDangling, lastNegation, lastNegation+1)
	}
	return items, nil
}

// counted parses "{n}", "{n,}" or "{n,m}" (and a lazy "?"), from the "{".
func (p *rustParser) counted() *rustError {
	start := p.pos
	p.pos++
	if p.eof() {
		return p.fail(rxCountUnclosed, start, p.pos)
	}
	lo, loErr := p.decimal()
	if p.eof() {
		return p.fail(rxCountUnclosed, start, p.pos)
	}
	if p.re[p.pos] == ',' {
		p.pos++
		if p.eof() {
			return p.fail(rxCountUnclosed, start, p.pos)
		}
		if p.re[p.pos] != '}' {
			if loErr != nil {
				return loErr
			}
			hi, hiErr := p.decimal()
			if hiErr != nil {
				return hiErr
			}
			if p.eof() || p.re[p.pos] != '}' {
				return p.fail(rxCountUnclosed, start, p.pos)
			}
			p.pos++
			if !p.eof() && p.re[p.pos] == '?' {
				p.pos++
			}
			if lo > hi {
				return p.fail(rxCountInvalid, start, p.pos)
			}
			return nil
		}
	}
	if loErr != nil {
		return loErr
	}
	if p.eof() || p.re[p.pos] != '}' {
		return p.fail(rxCountUnclosed, start, p.pos)
	}
	p.pos++
	if !p.eof() && p.re[p.pos] == '?' {
		p.pos++
	}
	return nil
}

// decimal is parse_decimal: optional whitespace around ASCII digits that fit a u32.
func (p *rustParser) decimal() (uint64, *rustError) {
	for !p.eof() && unicode.IsSpace(p.re[p.pos]) {
		p.pos++
	}
	start := p.pos
	var n uint64
	for !p.eof() && p.re[p.pos] >= '0' && p.re[p.pos] <= '9' {
		n = min(n*10+uint64(p.re[p.pos]-'0'), 1<<33)
		p.pos++
	}
	end := p.pos
	for !p.eof() && unicode.IsSpace(p.re[p.pos]) {
		p.pos++
	}
	switch {
	case end == start:
		return 0, p.fail(rxCountDecimal, start, end)
	case n > 1<<32-1:
		return 0, p.fail(rxDecimalInvalid, start, end)
	}
	return n, nil
}

// escapeKind is what an escape stands for, which decides whether it may bound a class range.
type escapeKind int

const (
	escapeLiteral escapeKind = iota
	escapeClass
	escapeAssertion
)

// escape parses a backslash sequence. Inside a class an assertion (\b, \A, ...) is an error.
func (p *rustParser) escape(inClass bool) (escapeKind, *rustError) {
	start := p.pos
	p.pos++
	if p.eof() {
		return 0, p.fail(rxEscapeEOF, start, p.pos)
	}
	c := p.re[p.pos]
	p.pos++
	switch {
	case c >= '0' && c <= '9':
		return 0, p.fail(rxBackreference, start, p.pos)
	case c == 'x' || c == 'u' || c == 'U':
		p.skipBraced()
		return escapeLiteral, nil
	case c == 'p' || c == 'P':
		if !p.skipBraced() && !p.eof() {
			p.pos++
		}
		return escapeClass, nil
	case strings.ContainsRune("dswDSW", c):
		return escapeClass, nil
	case c < unicode.MaxASCII && !unicode.IsLetter(c) && !unicode.IsDigit(c) && c != '<' && c != '>',
		strings.ContainsRune("aftnrv", c):
		return escapeLiteral, nil
	case strings.ContainsRune("AzbB<>", c):
		if inClass {
			return 0, p.fail(rxClassEscape, start, p.pos)
		}
		if c == 'b' {
			p.skipBraced() // \b{start} and friends
		}
		return escapeAssertion, nil
	}
	return 0, p.fail(rxEscapeUnknown, start, p.pos)
}

// skipBraced skips a "{...}" argument of an escape, if there is one.
func (p *rustParser) skipBraced() bool {
	if p.eof() || p.re[p.pos] != '{' {
		return false
	}
	if end := strings.IndexRune(string(p.re[p.pos:]), '}'); end >= 0 {
		p.pos += len([]rune(string(p.re[p.pos:])[:end])) + 1
	}
	return true
}
