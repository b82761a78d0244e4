package kongtest

import (
	"net/http"
	"sort"
)

// Certificates, CA certificates and SNIs (Kong 3.9: kong/db/schema/entities/{certificates,ca_certificates,
// snis}.lua, kong/db/dao/{certificates,snis,ca_certificates}.lua, kong/api/routes/certificates.lua).

const (
	certificatesTable   = "certificates"
	caCertificatesTable = "ca_certificates"
	snisTable           = "snis"
)

// customCheck is how Kong's schema endpoint shows a custom_entity_check: its fields, not its function.
func customCheck(fields ...string) map[string]any {
	return map[string]any{"custom_entity_check": map[string]any{"field_sources": stringsToAny(fields)}}
}

func pemField(name string, required bool, check func(string) string) *field {
	return &field{name: name, kind: kindString, required: required, referenceable: true, check: stringCheck(check)}
}

func newCertificatesType() *entityType {
	key := func(name string, required bool) *field {
		f := pemField(name, required, checkPrivateKey)
		f.encrypted = true
		return f
	}
	fields := append(autoFields(),
		pemField("cert", true, checkCertificate), key("key", true),
		pemField("cert_alt", false, checkCertificate), key("key_alt", false),
		tagsField(),
		// snis is transient: the certificate's SNI rows, written and shown through the certificate but
		// never stored on it.
		&field{name: "snis", kind: kindArray, elem: &field{kind: kindString, check: stringCheck(checkWildcardSNI)}},
	)
	sc := newSchema(certificatesTable, fields...)
	sc.entityCheck = checkCertificatePairs
	sc.checks = []any{
		map[string]any{"mutually_required": []any{"cert_alt", "key_alt"}},
		customCheck("cert", "key"), customCheck("cert_alt", "key_alt"), customCheck("cert", "cert_alt"),
	}
	return &entityType{
		table: certificatesTable, schema: sc,
		lookupKey:    certificateBySNI,
		prepareWrite: prepareCertificateSNIs,
		beforeDelete: deleteCertificateSNIs,
		complete:     func(_ *Server, e, _ map[string]any, _ bool, _ fieldErrors) { delete(e, "snis") },
	}
}

// checkCertificatePairs is Kong's entity checks of a certificate: cert_alt and key_alt come together, each
// key matches its certificate, and the alternative certificate has another key type (RSA and ECDSA). Like
// Kong, a check is skipped when one of its fields already failed.
func checkCertificatePairs(e map[string]any, errs fieldErrors, _ bool) {
	if errs["cert_alt"] == nil && errs["key_alt"] == nil && (e["cert_alt"] == nil) != (e["key_alt"] == nil) {
		errs.entity("all or none of these fields must be set: 'cert_alt', 'key_alt'")
	}
	usable := func(names ...string) bool {
		for _, n := range names {
			if errs[n] != nil || e[n] == nil {
				return false
			}
		}
		return true
	}
	if usable("cert", "key") && !keyMatchesCertificate(e["cert"].(string), e["key"].(string)) {
		errs.entity("certificate does not match key")
	}
	if usable("cert_alt", "key_alt") && !keyMatchesCertificate(e["cert_alt"].(string), e["key_alt"].(string)) {
		errs.entity("alternative certificate does not match key")
	}
	if usable("cert", "cert_alt") && sameKeyType(e["cert"].(string), e["cert_alt"].(string)) {
		errs.entity("certificate and alternative certificate need to have different type (e.g. RSA and ECDSA), " +
			"the provided certificates were both of the same type")
	}
}

var errSNINotFound = messageError(http.StatusNotFound, "SNI not found")

// certificateBySNI is the certificates route's prepare_params: a path segment that is not a UUID names an
// SNI, and addresses the certificate that SNI belongs to.
func certificateBySNI(s *Server, name string) (map[string]any, *apiError) {
	if msg := checkWildcardSNI(name); msg != "" {
		return nil, invalidUnique("name", msg)
	}
	sni, ok := s.tables[snisTable].lookupUnique("name", name)
	if !ok {
		return nil, errSNINotFound
	}
	return s.tables[certificatesTable].rows[fkID(sni, "certificate")], nil
}

// certificateArgs is the certificates route's prepare_args for PUT and PATCH: a single name becomes a list,
// a PUT by SNI name adds that name, and a PUT without snis clears the certificate's SNIs.
func certificateArgs(values map[string]any, name string, put bool) {
	switch v := values["snis"].(type) {
	case []any:
		if name != "" && put && !containsValue(v, name) {
			values["snis"] = append(v, name)
		}
	case string:
		if name != "" && put && name != v {
			values["snis"] = []any{v, name}
		} else {
			values["snis"] = []any{v}
		}
	}
	if _, given := values["snis"]; !given && put {
		values["snis"] = nil
	}
}

// certificateMethods serve /certificates/{certificate_id}: GET of a missing id answers the DAO's not-found
// error, and PUT by an SNI name that no certificate has creates a certificate with that SNI.
func certificateMethods(ep endpoint) map[string]handler {
	methods := ep.entityMethods()
	methods[http.MethodGet] = func(s *Server, c *call) (int, any, *apiError) {
		if seg := c.params[0]; isUUID(seg) {
			s.mu.Lock()
			missing := s.tables[certificatesTable].rows[seg] == nil
			s.mu.Unlock()
			if missing {
				return 0, nil, notFoundByKey("id", seg)
			}
		}
		return ep.get(s, c)
	}
	methods[http.MethodPut] = ep.writeHandler("create", func(s *Server, c *call, body requestBody, _ map[string]any) (int, any, *apiError) {
		seg, name := c.params[0], ""
		id := seg
		if !isUUID(seg) {
			if msg := checkWildcardSNI(seg); msg != "" {
				return 0, nil, invalidUnique("name", msg)
			}
			name, id = seg, newUUID()
			if sni, ok := s.tables[snisTable].lookupUnique("name", seg); ok {
				id = fkID(sni, "certificate")
			}
		}
		body.values["id"] = id
		certificateArgs(body.values, name, true)
		row, apiErr := s.write(ep.et, body, nil, modeUpsert)
		if apiErr != nil {
			return 0, nil, apiErr
		}
		return http.StatusOK, s.present(ep.et, row), nil
	})
	methods[http.MethodPatch] = ep.writeHandler("update", func(s *Server, c *call, body requestBody, parent map[string]any) (int, any, *apiError) {
		certificateArgs(body.values, "", false)
		return ep.patch(s, c, body, parent)
	})
	return methods
}

// prepareCertificateSNIs is the certificates DAO before a write: the snis list (explicit null clears it)
// must not repeat a name, and none of its names may belong to another certificate. The returned function
// then makes the certificate's SNI rows match the list; without snis in the body they stay as they are.
func prepareCertificateSNIs(s *Server, input, stored map[string]any, mode writeMode) (func(cert map[string]any) *apiError, *apiError) {
	raw, given := input["snis"]
	if !given {
		return nil, nil
	}
	var names []string
	switch v := raw.(type) {
	case nil:
	case []any:
		seen := map[string]bool{}
		for _, item := range v {
			name, ok := item.(string)
			if !ok {
				// Kong looks each name up as an SNI, and a lookup by a value that is not a string raises.
				return nil, messageError(http.StatusInternalServerError, "An unexpected error occurred")
			}
			if seen[name] {
				return nil, schemaViolation(fieldErrors{"snis": name + " is duplicated"})
			}
			seen[name] = true
			names = append(names, name)
		}
		sort.Strings(names)
	default:
		return nil, nil // not a list: schema validation refuses it
	}
	owner := ""
	switch mode {
	case modeUpdate:
		owner, _ = stored["id"].(string)
	case modeUpsert:
		owner, _ = input["id"].(string)
	}
	for _, name := range names {
		if msg := checkWildcardSNI(name); msg != "" {
			return nil, invalidUnique("name", msg)
		}
		if sni, taken := s.tables[snisTable].lookupUnique("name", name); taken && fkID(sni, "certificate") != owner {
			return nil, schemaViolation(fieldErrors{"snis": name + " already associated with existing certificate '" + fkID(sni, "certificate") + "'"})
		}
	}
	return func(cert map[string]any) *apiError { return s.replaceSNIs(cert["id"].(string), names) }, nil
}

// replaceSNIs inserts the names the certificate lacks and deletes the SNIs not in names.
func (s *Server) replaceSNIs(certID string, names []string) *apiError {
	t := s.tables[snisTable]
	keep := map[string]bool{}
	for _, n := range names {
		keep[n] = true
	}
	for _, id := range t.children("certificate", certID) {
		if name, _ := t.rows[id]["name"].(string); keep[name] {
			delete(keep, name)
		} else {
			t.remove(id)
		}
	}
	for _, n := range names {
		if !keep[n] {
			continue
		}
		body := requestBody{values: map[string]any{"name": n, "certificate": map[string]any{"id": certID}}}
		if _, apiErr := s.write(s.types[snisTable], body, nil, modeInsert); apiErr != nil {
			return apiErr
		}
	}
	return nil
}

// certificateSNIs are the names of a certificate's SNIs, sorted, as every certificate answer shows them.
func (s *Server) certificateSNIs(certID string) []any {
	t := s.tables[snisTable]
	names := []string{}
	for _, id := range t.children("certificate", certID) {
		names = append(names, t.rows[id]["name"].(string))
	}
	sort.Strings(names)
	return stringsToAny(names)
}

// deleteCertificateSNIs is the certificates DAO's delete: it deletes the SNIs first, outside any
// transaction, so they are gone even when the certificate's own delete is then refused.
func deleteCertificateSNIs(s *Server, certID string) *apiError {
	t := s.tables[snisTable]
	for _, id := range t.children("certificate", certID) {
		t.remove(id)
	}
	return nil
}

func newSNIsType() *entityType {
	id, createdAt, updatedAt := autoFields()[0], autoFields()[1], autoFields()[2]
	sc := newSchema(snisTable, id,
		stringField("name").req().with(stringCheck(checkWildcardSNI)),
		createdAt, updatedAt, tagsField(),
		foreignField("certificate", certificatesTable).req(),
	)
	return &entityType{
		table: snisTable, schema: sc, endpointKey: "name", keyCheck: checkWildcardSNI,
		uniques:     []uniqueConstraint{{"name"}},
		foreignKeys: []foreignKey{{field: "certificate", table: certificatesTable, onDelete: onDeleteCascade}},
	}
}
