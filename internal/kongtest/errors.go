package kongtest

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/kongform/terraform-provider-kong/internal/kongtest/pluginschema"
)

// Kong's error codes (kong/db/errors.lua) used by the Admin API.
const (
	codeInvalidPrimaryKey     = 1
	codeSchemaViolation       = 2
	codePrimaryKeyViolation   = 3
	codeForeignKeyViolation   = 4
	codeUniqueViolation       = 5
	codeNotFound              = 6
	codeInvalidOffset         = 7
	codeInvalidSize           = 9
	codeInvalidUnique         = 10
	codeInvalidOptions        = 11
	codeOperationUnsupported  = 12
	codeForeignKeysUnresolved = 13
	codeReferencedByOthers    = 19
)

// apiError is a complete Admin API error answer: a status and the JSON body Kong sends.
type apiError struct {
	status int
	body   map[string]any
}

// messageError is the plain {"message": ...} body Kong uses outside the DAO (404, 405, ...).
func messageError(status int, message string) *apiError {
	return &apiError{status: status, body: map[string]any{"message": message}}
}

var (
	errNotFound         = messageError(http.StatusNotFound, "Not found")
	errMethodNotAllowed = messageError(http.StatusMethodNotAllowed, "Method not allowed")
	errBadJSON          = messageError(http.StatusBadRequest, "Cannot parse JSON body")
)

func daoError(status, code int, name, message string) *apiError {
	return &apiError{status: status, body: map[string]any{"code": code, "name": name, "message": message}}
}

// schemaViolation builds Kong's code-2 error from the field errors: one error gives
// "schema violation (x)", several give "N schema violations (a; b)", with @entity
// errors first and field errors sorted by name (rendered by pluginschema, which
// shares Kong's message rules with plugin config errors).
func schemaViolation(fields map[string]any) *apiError {
	parts := pluginschema.FlattenErrors("", fields)
	var message string
	if len(parts) == 1 {
		message = "schema violation (" + parts[0] + ")"
	} else {
		message = strconv.Itoa(len(parts)) + " schema violations (" + strings.Join(parts, "; ") + ")"
	}
	e := daoError(http.StatusBadRequest, codeSchemaViolation, "schema violation", message)
	e.body["fields"] = fields
	return e
}

// luaKey renders a value the way Kong prints keys in messages: Lua table syntax with
// sorted keys, no spaces, strings in double quotes and null for nil.
func luaKey(v any) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case string:
		return strconv.Quote(t)
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(k)
			b.WriteByte('=')
			b.WriteString(luaKey(t[k]))
		}
		b.WriteByte('}')
		return b.String()
	default:
		return fmt.Sprint(t)
	}
}

func uniqueViolation(key map[string]any) *apiError {
	e := daoError(http.StatusConflict, codeUniqueViolation, "unique constraint violation",
		"UNIQUE violation detected on '"+luaKey(key)+"'")
	e.body["fields"] = key
	return e
}

func primaryKeyViolation(id string) *apiError {
	key := map[string]any{"id": id}
	e := daoError(http.StatusBadRequest, codePrimaryKeyViolation, "primary key violation",
		"primary key violation on key '"+luaKey(key)+"'")
	e.body["fields"] = key
	return e
}

func foreignKeyViolation(field, referenced, id string) *apiError {
	key := map[string]any{"id": id}
	e := daoError(http.StatusBadRequest, codeForeignKeyViolation, "foreign key violation",
		"the foreign key '"+luaKey(key)+"' does not reference an existing '"+referenced+"' entity.")
	e.body["fields"] = map[string]any{field: key}
	return e
}

func referencedBy(referencing, referenced string) *apiError {
	e := daoError(http.StatusBadRequest, codeForeignKeyViolation, "foreign key violation",
		"an existing '"+referencing+"' entity references this '"+referenced+"' entity")
	e.body["fields"] = map[string]any{"@referenced_by": referencing}
	return e
}

// notFoundByKey is the code-6 body PATCH answers for a missing entity.
func notFoundByKey(field, value string) *apiError {
	key := map[string]any{field: value}
	var message string
	if field == "id" {
		message = "could not find the entity with primary key '" + luaKey(key) + "'"
	} else {
		message = "could not find the entity with '" + luaKey(key) + "'"
	}
	e := daoError(http.StatusNotFound, codeNotFound, "not found", message)
	e.body["fields"] = key
	return e
}

func invalidOffset(token, reason string) *apiError {
	return daoError(http.StatusBadRequest, codeInvalidOffset, "invalid offset",
		"'"+token+"' is not a valid offset: "+reason)
}

func invalidSize(message string) *apiError {
	return daoError(http.StatusBadRequest, codeInvalidSize, "invalid size", message)
}

// invalidPrimaryKey is the code-1 error for an id that is not a UUID, where the path has no other key.
func invalidPrimaryKey() *apiError {
	key := map[string]any{"id": "expected a valid UUID"}
	e := daoError(http.StatusBadRequest, codeInvalidPrimaryKey, "invalid primary key", "invalid primary key: '"+luaKey(key)+"'")
	e.body["fields"] = key
	return e
}

func invalidUnique(field, message string) *apiError {
	return daoError(http.StatusBadRequest, codeInvalidUnique, "invalid unique "+field, message)
}

func invalidOptions(option, message string) *apiError {
	e := daoError(http.StatusBadRequest, codeInvalidOptions, "invalid options",
		"invalid option ("+option+": "+message+")")
	e.body["options"] = map[string]any{option: message}
	return e
}

// foreignKeyUnresolved is the code-13 error for an FK given by a unique field that matches nothing.
func foreignKeyUnresolved(field, keyField, referenced string, value any) *apiError {
	detail := "the foreign key cannot be resolved with '" + luaKey(map[string]any{keyField: value}) +
		"' for an existing '" + referenced + "' entity"
	e := daoError(http.StatusBadRequest, codeForeignKeysUnresolved, "foreign keys unresolved",
		"foreign key unresolved ("+field+"."+keyField+": "+detail+")")
	e.body["fields"] = map[string]any{field: map[string]any{keyField: detail}}
	return e
}
