package routepath

import "strings"

// Bracketed classes of regex-syntax's parser (parse_set_class and its helpers).

// class parses a bracketed class, nested classes and the set operators &&, -- and ~~ included.
func (p *rustParser) class() *rustError {
	var open [][2]int // spans of the open brackets, for "unclosed character class"
	unclosed := func() *rustError {
		top := open[len(open)-1]
		return p.fail(rxClassUnclosed, top[0], top[1])
	}
	for {
		if p.eof() {
			return unclosed()
		}
		switch {
		case p.re[p.pos] == '[':
			if len(open) > 0 && p.asciiClass() {
				continue
			}
			span, err := p.classOpen()
			if err != nil {
				return err
			}
			open = append(open, span)
		case p.re[p.pos] == ']':
			open = open[:len(open)-1]
			p.pos++
			if len(open) == 0 {
				return nil
			}
		case p.has("&&"), p.has("--"), p.has("~~"):
			p.pos += 2
		default:
			if err := p.classRange(unclosed); err != nil {
				return err
			}
		}
	}
}

// classOpen parses "[", "[^" and the literal "-" and "]" that may follow.
func (p *rustParser) classOpen() ([2]int, *rustError) {
	start := p.pos
	p.pos++
	if p.eof() {
		return [2]int{}, p.fail(rxClassUnclosed, start, p.pos)
	}
	if p.re[p.pos] == '^' {
		p.pos++
		if p.eof() {
			return [2]int{}, p.fail(rxClassUnclosed, start, p.pos)
		}
	}
	dashes := false
	for p.re[p.pos] == '-' {
		dashes = true
		p.pos++
		if p.eof() {
			return [2]int{}, p.fail(rxClassUnclosed, start, start)
		}
	}
	if !dashes && p.re[p.pos] == ']' {
		p.pos++
		if p.eof() {
			return [2]int{}, p.fail(rxClassUnclosed, start, p.pos)
		}
	}
	return [2]int{start, p.pos}, nil
}

// asciiClass skips "[:name:]" or "[:^name:]" inside a class.
func (p *rustParser) asciiClass() bool {
	rest := string(p.re[p.pos:])
	if !strings.HasPrefix(rest, "[:") {
		return false
	}
	name, _, ok := strings.Cut(strings.TrimPrefix(rest[2:], "^"), ":]")
	if !ok || !asciiClasses[name] {
		return false
	}
	p.pos += len([]rune(rest[:strings.Index(rest, ":]")+2]))
	return true
}

var asciiClasses = map[string]bool{"alnum": true, "alpha": true, "ascii": true, "blank": true, "cntrl": true,
	"digit": true, "graph": true, "lower": true, "print": true, "punct": true, "space": true, "upper": true,
	"word": true, "xdigit": true}

// classRange parses one class item and, when a "-" follows (not before "]" or "-"), a range.
func (p *rustParser) classRange(unclosed func() *rustError) *rustError {
	start := p.pos
	lo, loKind, err := p.classItem()
	if err != nil {
		return err
	}
	if p.eof() {
		return unclosed()
	}
	if p.re[p.pos] != '-' || p.pos+1 < len(p.re) && (p.re[p.pos+1] == ']' || p.re[p.pos+1] == '-') {
		return nil
	}
	dash := p.pos
	p.pos++
	if p.eof() {
		return unclosed()
	}
	hiStart := p.pos
	hi, hiKind, err := p.classItem()
	if err != nil {
		return err
	}
	switch {
	case loKind != escapeLiteral:
		return p.fail(rxClassRangeLiteral, start, dash)
	case hiKind != escapeLiteral:
		return p.fail(rxClassRangeLiteral, hiStart, p.pos)
	case lo > hi && lo >= 0 && hi >= 0:
		return p.fail(rxClassRange, start, p.pos)
	}
	return nil
}

// classItem is one character or escape of a class; its rune is -1 for an escape whose value is not
// worked out (hex and the like), which never fails a range check.
func (p *rustParser) classItem() (rune, escapeKind, *rustError) {
	if p.re[p.pos] != '\\' {
		p.pos++
		return p.re[p.pos-1], escapeLiteral, nil
	}
	start := p.pos
	kind, err := p.escape(true)
	if err != nil {
		return 0, 0, err
	}
	if kind == escapeLiteral && p.pos-start == 2 {
		c := p.re[start+1]
		if i := strings.IndexRune("aftnrv", c); i >= 0 {
			c = []rune("\a\f\t\n\r\v")[i]
		}
		return c, kind, nil
	}
	return -1, kind, nil
}
