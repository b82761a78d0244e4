package kongtest

// entityCheck is one of Kong's declarative entity checks, kept as data so that the same declaration
// validates entities and is served by GET /schemas/{entity}. Only the checkers the served entities use
// are modelled: conditional (if_match by exact value, then_match required or one_of) and distinct.
type entityCheck struct {
	// conditional: when ifField's value is ifValue, thenField must be set (thenRequired) or be one of
	// thenOneOf.
	ifField, ifValue, thenField string
	thenRequired                bool
	thenOneOf                   []any
	// distinct: the non-empty values of these fields must differ.
	distinct []string
}

func requiredWhen(ifField, ifValue, thenField string) entityCheck {
	return entityCheck{ifField: ifField, ifValue: ifValue, thenField: thenField, thenRequired: true}
}

func oneOfWhen(ifField, ifValue, thenField string, allowed ...any) entityCheck {
	return entityCheck{ifField: ifField, ifValue: ifValue, thenField: thenField, thenOneOf: allowed}
}

func distinctFields(fields ...string) entityCheck { return entityCheck{distinct: fields} }

// schemaJSON is the check as Kong serves it in entity_checks.
func (c entityCheck) schemaJSON() map[string]any {
	if c.distinct != nil {
		return map[string]any{"distinct": stringsToAny(c.distinct)}
	}
	then := map[string]any{"required": true}
	if !c.thenRequired {
		then = map[string]any{"one_of": c.thenOneOf}
	}
	return map[string]any{"conditional": map[string]any{
		"if_field": c.ifField, "if_match": map[string]any{"match": "^" + c.ifValue + "$"},
		"then_field": c.thenField, "then_match": then,
	}}
}

// run applies the check to a complete entity (Kong runs these checks even when their fields already
// failed, and a failed then-field's message replaces the earlier one).
func (c entityCheck) run(sc *schema, e map[string]any, errs fieldErrors) {
	if c.distinct != nil {
		seen := map[any]bool{}
		for _, name := range c.distinct {
			v := e[name]
			if isEmptyValue(v) || v == "" {
				continue
			}
			if seen[v] {
				errs.entity("values of these fields must be distinct: " + quoteList(c.distinct))
				return
			}
			seen[v] = true
		}
		return
	}
	// Kong validates the if value against if_match merged with the if field's own definition, and a null
	// passes when the field is not required: an explicit null hash_fallback triggers its conditions.
	// A field that failed its own validation is absent from e but was sent: Kong checks the value sent.
	v := e[c.ifField]
	if errs[c.ifField] != nil || v == nil && sc.byName[c.ifField].required || v != nil && v != c.ifValue {
		return
	}
	then := e[c.thenField]
	failed := ""
	switch {
	case c.thenRequired && then == nil && errs[c.thenField] == nil:
		failed = "required field missing"
	case c.thenOneOf != nil && then != nil && !containsValue(c.thenOneOf, then):
		failed = checkRules(&field{oneOf: c.thenOneOf}, then)
	}
	if failed != "" {
		errs[c.thenField] = failed
		errs.entity("failed conditional validation given value of field '" + c.ifField + "'")
	}
}
