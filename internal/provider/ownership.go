package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

// Ownership: an apply never overwrites or deletes an entity that is not the resource's own.
//
//  1. Every create uses a fresh random id (newEntityID). Kong's PUT upserts by id, so a PUT on an id nobody
//     holds can only create: when another entity already holds the name (or the plugin scope, the ACL group,
//     the key), Kong refuses it with 409 instead of overwriting that entity. The retries of one create repeat
//     the same PUT on the same id, so they never duplicate it. Renaming an entity keeps its id, and ids are
//     never derived from names, so a rename frees nothing another resource could take over.
//  2. A refused create names the entity that holds the name and gives the import block that adopts it.
//     Before giving up it waits briefly, because in one apply the holder may be another resource of the same
//     configuration that is being renamed or deleted at the same moment.
//  3. A create whose outcome is unknown (the response was lost, the apply was interrupted) records its id in
//     the state; Terraform marks the resource tainted, and the next apply deletes whatever Kong stored under
//     that id and creates it again, so no orphan is left behind.
//  4. Two resources of one configuration that would be the same Kong entity fail at plan (claimUniqueKeys).

// idDescription documents a resource's id attribute.
func idDescription(noun string) string {
	return "The " + noun + "'s UUID, chosen at random by the provider when it creates the " + noun +
		". Never derived from a name, so a create can never take over another entity (see Ownership in the provider's documentation)."
}

// newEntityID is the id of an entity about to be created: random, never derived from its name.
func newEntityID() string { return uuid.NewString() }

// uniqueKey is one thing Kong keeps unique across entities besides the id: a service's name, a plugin's
// scope, an ACL group within a consumer.
type uniqueKey struct {
	// attribute is where the user sets it, for diagnostics.
	attribute path.Path
	// what says it in the user's words, e.g. `name = "billing"`.
	what string
	// identity is the key itself; keys of one entity type share a prefix (see entityKey).
	identity string
	// holder finds the id of the entity that holds the key in Kong ("" when none does). Nil when the key
	// cannot be looked up without exposing a secret (a credential's key).
	holder func(ctx context.Context, c *kongclient.Client) (string, error)
}

// entityKey builds a uniqueKey's identity from the Admin API collection and the key's parts.
func entityKey(collection string, parts ...string) string {
	return collection + "\x00" + strings.Join(parts, "\x00")
}

// claimRegistry remembers which resource of this run's configuration claimed which unique key. Terraform
// plans every resource instance once per run, through one provider process per provider configuration, so
// two claims on one key come from two resources that would be the same Kong entity.
type claimRegistry struct {
	mu     sync.Mutex
	owners map[string]string
	fresh  int
}

func newClaimRegistry() *claimRegistry { return &claimRegistry{owners: map[string]string{}} }

// claimUniqueKeys fails the plan when another resource of this configuration already claimed one of keys.
// priorID is the resource's id in state ("" for a new resource); typeName is e.g. "kong_service".
func claimUniqueKeys(data *providerData, typeName, priorID string, keys []uniqueKey, diags *diag.Diagnostics) {
	if data == nil || data.claims == nil {
		return
	}
	r := data.claims
	r.mu.Lock()
	defer r.mu.Unlock()
	owner := priorID
	if owner == "" {
		r.fresh++
		owner = "new#" + strconv.Itoa(r.fresh)
	}
	for _, k := range keys {
		prev, taken := r.owners[k.identity]
		if !taken || prev == owner {
			r.owners[k.identity] = owner
			continue
		}
		diags.AddAttributeError(k.attribute, "Two resources would be the same Kong entity",
			fmt.Sprintf("Another resource in this configuration also sets %s. Kong keeps that unique, so both "+
				"resources would manage one entity and overwrite each other on every apply. Terraform names only one "+
				"of the two here: look for another %s (or another instance of a count or for_each, or a module "+
				"called twice) with %s, and change one of them.", k.what, typeName, k.what))
	}
}

// conflictGrace is how long a write blocked by another entity keeps trying (see retryWhile).
var conflictGrace = 10 * time.Second

// ownedEntity is what putNew needs to know of the entity it creates.
type ownedEntity struct {
	typeName string // the resource type, e.g. "kong_service"
	noun     string // e.g. "service"
	keys     []uniqueKey
}

// putNew makes the PUT that creates an entity on the fresh id id. On a conflict it keeps trying for up to
// conflictGrace, then fails with the holder's id and the import block that adopts it. When the outcome is
// unknown, the id is recorded in state so that Terraform taints the resource (see the top of this file).
func putNew(ctx context.Context, data *providerData, e ownedEntity, id string, plan tfsdk.Plan, state *tfsdk.State,
	diags *diag.Diagnostics, put func() error) bool {
	err := retryWhile(ctx, isConflict, put)
	switch {
	case err == nil:
		return true
	case isConflict(err):
		reportTaken(ctx, data, e, true, err, diags)
	default:
		addKongError(diags, "Cannot create Kong "+e.noun, err)
		if outcomeUnknown(err) {
			recordPartialCreate(ctx, plan, id, state, diags)
		}
	}
	return false
}

// reportTaken explains a write that Kong refused because another entity holds one of its unique keys; a
// refused create also gets the import block that adopts the holder.
func reportTaken(ctx context.Context, data *providerData, e ownedEntity, creating bool, err error, diags *diag.Diagnostics) {
	for _, k := range e.keys {
		if k.holder == nil {
			continue
		}
		holderID, lookupErr := k.holder(ctx, data.client)
		if lookupErr != nil || holderID == "" {
			continue
		}
		detail := fmt.Sprintf("Kong already has a %s with %s (id %s), and this resource does not manage it.", e.noun, k.what, holderID)
		if creating {
			detail += fmt.Sprintf(" Another Terraform state, another tool or a person may. The provider never takes over "+
				"an entity it did not create.\n\nIf this configuration should manage it, import it:\n\nimport {\n  to = %s.<name of this resource>\n  id = %q\n}\n\n"+
				"Otherwise change %s.", e.typeName, holderID, k.attribute)
		} else {
			detail += fmt.Sprintf(" Change %s, or free it first.", k.attribute)
		}
		diags.AddAttributeError(k.attribute, "Kong "+e.noun+" already exists", detail)
		return
	}
	addKongError(diags, "Kong "+e.noun+" already exists", err)
}

// recordPartialCreate puts the planned values and the id into state after a create whose outcome is
// unknown: Terraform then keeps the resource as tainted, and the next apply replaces it (a delete of
// whatever Kong stored, then a create), instead of leaving an entity behind that no state knows.
func recordPartialCreate(ctx context.Context, plan tfsdk.Plan, id string, state *tfsdk.State, diags *diag.Diagnostics) {
	known, err := tftypes.Transform(plan.Raw, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	if err != nil {
		return
	}
	state.Raw = known
	diags.Append(state.SetAttribute(ctx, path.Root("id"), id)...)
	diags.AddWarning("Kong may have stored the entity",
		"The create failed after the request may have reached Kong. Its id "+id+" is kept in the state and the "+
			"resource is marked tainted, so the next apply deletes whatever Kong stored under it and creates it again.")
}

// retryWhile runs op, and again with growing pauses while busy(err) holds, for up to conflictGrace. In one
// apply, what blocks a write may be another resource of the same configuration whose change is running at
// the same moment: the old holder of a name being renamed or deleted. The last error is returned.
func retryWhile(ctx context.Context, busy func(error) bool, op func() error) error {
	err := op()
	deadline := time.Now().Add(conflictGrace)
	for wait := 250 * time.Millisecond; busy(err) && time.Now().Add(wait).Before(deadline); wait *= 2 {
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return err
		case <-timer.C:
		}
		err = op()
	}
	return err
}

// isConflict reports Kong's 409: a unique key is taken.
func isConflict(err error) bool { return kongStatus(err) == http.StatusConflict }

// outcomeUnknown reports whether a failed write may still have been stored: anything but Kong's own 4xx
// refusal (a lost connection, a timeout, a 5xx after the retries).
func outcomeUnknown(err error) bool {
	status := kongStatus(err)
	return status == 0 || status >= 500
}

// kongStatus is the HTTP status of an Admin API error, 0 when Kong never answered.
func kongStatus(err error) int {
	var apiErr *kong.APIError
	if errors.As(err, &apiErr) {
		return apiErr.Code()
	}
	return 0
}

// holderAt returns a holder lookup that reads the entity at an Admin API endpoint (an entity, or a listing
// whose first element is the holder).
func holderAt(endpoint string) func(ctx context.Context, c *kongclient.Client) (string, error) {
	return func(ctx context.Context, c *kongclient.Client) (string, error) {
		req, err := c.Kong.NewRequest(http.MethodGet, endpoint, nil, nil)
		if err != nil {
			return "", err
		}
		var got struct {
			ID   string `json:"id"`
			Data []struct {
				ID string `json:"id"`
			} `json:"data"`
		}
		var raw json.RawMessage
		if _, err := c.Kong.Do(ctx, req, &raw); err != nil {
			if kong.IsNotFoundErr(err) {
				return "", nil
			}
			return "", err
		}
		if err := json.Unmarshal(raw, &got); err != nil {
			return "", err
		}
		if got.ID == "" && len(got.Data) > 0 {
			got.ID = got.Data[0].ID
		}
		return got.ID, nil
	}
}

// hasValue reports whether a value is set and known.
func hasValue(v interface {
	IsNull() bool
	IsUnknown() bool
}) bool {
	return !v.IsNull() && !v.IsUnknown()
}

// nameKey is the unique key of an entity whose name is Kong's endpoint key (GET /<collection>/<name>): none
// while the name is unset or unknown.
func nameKey(collection string, name types.String) []uniqueKey {
	if !hasValue(name) {
		return nil
	}
	n := name.ValueString()
	return []uniqueKey{{
		attribute: path.Root("name"),
		what:      fmt.Sprintf("name = %q", n),
		identity:  entityKey(collection, "name", n),
		holder:    holderAt("/" + collection + "/" + url.PathEscape(n)),
	}}
}

// holderIn returns a holder lookup that pages through an Admin API listing and answers the id of the first
// entity that match accepts.
func holderIn(listing string, match func(raw json.RawMessage) bool) func(ctx context.Context, c *kongclient.Client) (string, error) {
	return func(ctx context.Context, c *kongclient.Client) (string, error) {
		for endpoint := listing + "?size=1000"; endpoint != ""; {
			req, err := c.Kong.NewRequest(http.MethodGet, endpoint, nil, nil)
			if err != nil {
				return "", err
			}
			var page struct {
				Data []json.RawMessage `json:"data"`
				Next *string           `json:"next"`
			}
			if _, err := c.Kong.Do(ctx, req, &page); err != nil {
				return "", err
			}
			for _, raw := range page.Data {
				if match(raw) {
					var head struct {
						ID string `json:"id"`
					}
					err := json.Unmarshal(raw, &head)
					return head.ID, err
				}
			}
			endpoint = ""
			if page.Next != nil && *page.Next != "" {
				// go-kong adds the workspace to every path; Kong's next link already has it.
				endpoint = *page.Next
				if ws := c.Workspace(); ws != "" {
					endpoint = strings.TrimPrefix(endpoint, "/"+ws)
				}
			}
		}
		return "", nil
	}
}
