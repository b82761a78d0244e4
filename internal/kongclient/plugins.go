package kongclient

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// FieldError is one complaint of Kong's schema validator about a plugin entity.
type FieldError struct {
	// Path locates the field: record field names, and array indexes (0-based) written in decimal. It is
	// the path of the record an entity-level check belongs to when Entity is set (empty for the plugin).
	Path []string
	// Entity marks a check across several fields (Kong's "@entity"); the message names those fields.
	Entity  bool
	Message string
}

// String renders the error the way Kong's own messages do: "config.key_names[0]: invalid value".
func (e FieldError) String() string {
	if len(e.Path) == 0 {
		return e.Message
	}
	return FormatPath(e.Path) + ": " + e.Message
}

// Field is the path of the field the error is about. A cross-field error is about the first field its
// message names: 'config.allow' from the entity down, or 'style' within the record the error is about;
// Path when it names none.
func (e FieldError) Field() []string {
	if !e.Entity {
		return e.Path
	}
	m := namedFieldPattern.FindStringSubmatch(e.Message)
	if m == nil {
		return e.Path
	}
	if strings.Contains(m[1], ".") {
		return strings.Split(m[1], ".") // named from the entity down: 'config.allow'
	}
	return append(append([]string(nil), e.Path...), m[1]) // named within the record: 'style'
}

// namedFieldPattern finds a field named in a cross-field message: 'config.allow' or 'style'.
var namedFieldPattern = regexp.MustCompile(`'([a-z0-9_]+(?:\.[a-z0-9_]+)*)'`)

// FormatPath renders a field path as config.parameter_schema[0].name.
func FormatPath(p []string) string {
	var b strings.Builder
	for i, step := range p {
		if _, err := strconv.Atoi(step); err == nil {
			b.WriteString("[" + step + "]")
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(step)
	}
	return b.String()
}

// ValidatePlugin asks Kong whether a plugin entity (any value encoding to the entity's JSON) is valid (POST /schemas/plugins/validate) without storing
// anything, so it is safe during a plan. It returns Kong's field errors, none when the entity is valid.
// Verdicts are cached per entity for the life of the provider process, because Terraform plans every
// resource again during apply and typically configures the same plugin many times.
func (c *Client) ValidatePlugin(ctx context.Context, plugin any) ([]FieldError, error) {
	body, err := json.Marshal(plugin) // struct fields keep their order and map keys are sorted, so equal entities give equal bodies
	if err != nil {
		return nil, fmt.Errorf("encoding the plugin for validation: %w", err)
	}
	key := sha256.Sum256(body)
	entryAny, _ := c.pluginValidations.LoadOrStore(key, &validationEntry{})
	entry := entryAny.(*validationEntry)
	// Plugins sharing a configuration are planned in parallel; the first asks Kong while the others wait.
	entry.mu.Lock()
	defer entry.mu.Unlock()
	if entry.done {
		return entry.verdict, nil
	}
	if refused := c.validationRefused.Load(); refused != nil {
		return nil, refused
	}
	verdict, err := c.validatePlugin(ctx, body)
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr.Status == http.StatusForbidden {
		// A token that may only read (Enterprise RBAC) is refused every time; ask once per run.
		c.validationRefused.Store(apiErr)
	}
	if err != nil {
		// Only verdicts are cached: a failed request is asked again by the next resource.
		return nil, err
	}
	entry.verdict, entry.done = verdict, true
	return verdict, nil
}

type validationEntry struct {
	mu      sync.Mutex
	done    bool
	verdict []FieldError
}

func (c *Client) validatePlugin(ctx context.Context, body []byte) ([]FieldError, error) {
	req, err := c.Kong.NewRequest(http.MethodPost, "/schemas/plugins/validate", nil, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	// The body is replayable for retries and for the doer, which scrubs its secrets from Kong's answer.
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	_, err = c.Kong.Do(ctx, req, nil)
	var apiErr *APIError
	switch {
	case err == nil:
		return nil, nil
	case errors.As(err, &apiErr) && apiErr.Status == http.StatusBadRequest:
		verdict := flattenFieldErrors(nil, apiErr.Fields)
		if len(verdict) == 0 {
			verdict = []FieldError{{Entity: true, Message: apiErr.Message}}
		}
		return verdict, nil
	}
	return nil, err
}

// parseValidationErrors reads Kong's error body ({"message": ..., "fields": {...}}). Kong nests field errors
// like the entity: records as objects, arrays as arrays aligned by index (null where the element is valid),
// and cross-field checks as "@entity" string arrays. A 400 without fields still yields its message.
func parseValidationErrors(raw []byte) ([]FieldError, error) {
	var body struct {
		Message string         `json:"message"`
		Fields  map[string]any `json:"fields"`
	}
	if err := json.Unmarshal(raw, &body); err != nil {
		return nil, fmt.Errorf("kong rejected the plugin with an unreadable answer: %s", strings.TrimSpace(string(raw)))
	}
	errs := flattenFieldErrors(nil, body.Fields)
	if len(errs) == 0 {
		errs = []FieldError{{Entity: true, Message: body.Message}}
	}
	return errs, nil
}

func flattenFieldErrors(path []string, fields map[string]any) []FieldError {
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	var out []FieldError
	for _, name := range names {
		if name == "@entity" {
			for _, msg := range messages(fields[name]) {
				out = append(out, FieldError{Path: path, Entity: true, Message: msg})
			}
			continue
		}
		out = append(out, flattenFieldValue(appendPath(path, name), fields[name])...)
	}
	return out
}

func flattenFieldValue(path []string, v any) []FieldError {
	switch v := v.(type) {
	case string:
		return []FieldError{{Path: path, Message: v}}
	case map[string]any:
		return flattenFieldErrors(path, v)
	case []any:
		var out []FieldError
		for i, elem := range v {
			out = append(out, flattenFieldValue(appendPath(path, strconv.Itoa(i)), elem)...)
		}
		return out
	}
	return nil
}

func messages(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, m := range v {
			if s, ok := m.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// appendPath copies, so sibling paths never share a backing array.
func appendPath(path []string, step string) []string {
	return append(append(make([]string, 0, len(path)+1), path...), step)
}
