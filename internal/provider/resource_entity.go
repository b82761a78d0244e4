package provider

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/kong/go-kong/kong"
)

// entityLifecycle is the create, read, update, delete and import of every Kong entity resource: services,
// routes, consumers, ACL memberships, credentials and plugins. M is the resource's model, E the entity as
// the Admin API reads and writes it.
//
//   - Create and update are one PUT of the whole entity on an id the provider chose: a retried create finds
//     the same entity instead of duplicating it, an attribute removed from the configuration goes back to
//     Kong's default, and Kong's answer is the new state (no read after write). Creates never take over an
//     entity that is not the resource's own (ownership.go).
//   - Reads go through the client's bulk reader; an entity gone from Kong is dropped from state, so the
//     next plan creates it again instead of failing.
//   - Deleting an entity that is already gone succeeds.
//
// What differs between entities is in the hooks; the required ones come first.
type entityLifecycle[M any, E any] struct {
	collection string // the Admin API collection, e.g. "services"
	typeName   string // the resource type, e.g. "kong_service"
	noun       string // how messages name the entity, e.g. "service"

	// id reads the model's id, withID sets it.
	id     func(M) types.String
	withID func(M, string) M
	// uniques are the keys Kong keeps unique besides the id, for the known values of m.
	uniques func(m M) []uniqueKey
	// describe names the entity in messages, after the noun.
	describe func(M) string

	expand  func(ctx context.Context, m M, defaultTags []string, diags *diag.Diagnostics) *E
	flatten func(got *E, prior M, defaultTags []string) M
	// put is the PUT of an entity with its id set (go-kong's Create); remove is its Delete. Both get the
	// model too, for the parent a credential is written under.
	put    func(ctx context.Context, c *kong.Client, m M, e *E) (*E, error)
	remove func(ctx context.Context, c *kong.Client, m M) error

	// writeOnly adds to a model about to be written (or planned) the write-only values, which only the
	// configuration holds: a credential's key, a plugin's secret config.
	writeOnly func(ctx context.Context, config tfsdk.Config, m M, diags *diag.Diagnostics) M
	// keep adds to an update what the plan does not hold but the PUT must carry, because Kong would
	// replace it otherwise: a key or secret Kong generated.
	keep func(ctx context.Context, data *providerData, prior, plan M, diags *diag.Diagnostics) M
	// nounOf replaces noun where it depends on the entity ("rate-limiting plugin").
	nounOf func(M) string
	// load and store replace the framework-model conversion for a model that is not one struct of
	// attributes (plugins: part of their attributes vary by plugin).
	load  func(ctx context.Context, schema schemaTyper, raw tftypes.Value) (M, diag.Diagnostics)
	store func(ctx context.Context, state *tfsdk.State, m M, diags *diag.Diagnostics)
	// readState replaces flatten and store on a read (plugins project Kong's config onto what was written).
	readState func(ctx context.Context, data *providerData, got *E, prior M, req resource.ReadRequest, resp *resource.ReadResponse)
	// fieldAttribute maps Kong's field errors onto attributes; nil for Kong's top-level field names.
	fieldAttribute fieldAttribute
	// importID resolves an import id that is not the entity's id or name (`<consumer>/<key>`); nil takes
	// the id or name, which the read resolves.
	importID func(ctx context.Context, data *providerData, id string, diags *diag.Diagnostics) string
	// parentOnImport names the attribute of the parent an entity is only addressable under (a target's
	// upstream_id): importID then answers "<parent id>/<entity id>" and the import sets both.
	parentOnImport string
	// get reads the entity the model names; nil reads l.collection by id through the bulk reader. An entity
	// Kong serves only under its parent (a target) reads it there.
	get func(ctx context.Context, data *providerData, m M, out *E) error
	// importedKey, when set, marks the first read after an import in private state (see pluginResource).
	markImport bool
}

// lifecycleResource is the Configure, ModifyPlan, Create, Read, Update, Delete and ImportState of a
// resource whose lifecycle is an entityLifecycle; the resource adds its schema and validation.
type lifecycleResource[M any, E any] struct {
	data      *providerData
	lifecycle *entityLifecycle[M, E]
}

func (r *lifecycleResource[M, E]) modelRoundTrip() modelRoundTrip { return roundTripOf[M]() }

func (r *lifecycleResource[M, E]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan refuses a configuration in which this resource and another would be the same Kong entity.
func (r *lifecycleResource[M, E]) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.lifecycle.claim(ctx, r.data, req, resp)
}

func (r *lifecycleResource[M, E]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.lifecycle.create(ctx, r.data, req, resp)
}

func (r *lifecycleResource[M, E]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.lifecycle.update(ctx, r.data, req, resp)
}

func (r *lifecycleResource[M, E]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	r.lifecycle.read(ctx, r.data, req, resp)
}

func (r *lifecycleResource[M, E]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	r.lifecycle.delete(ctx, r.data, req, resp)
}

func (r *lifecycleResource[M, E]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	r.lifecycle.importState(ctx, r.data, req, resp)
}

func (l *entityLifecycle[M, E]) loadModel(ctx context.Context, schema schemaTyper, raw tftypes.Value) (M, diag.Diagnostics) {
	if l.load != nil {
		return l.load(ctx, schema, raw)
	}
	return getModel[M](ctx, schema, raw)
}

func (l *entityLifecycle[M, E]) storeModel(ctx context.Context, state *tfsdk.State, m M, diags *diag.Diagnostics) {
	if l.store != nil {
		l.store(ctx, state, m, diags)
		return
	}
	setState(ctx, state, m, diags)
}

// planned is the model a write sends: the plan plus the configuration's write-only values.
func (l *entityLifecycle[M, E]) planned(ctx context.Context, plan tfsdk.Plan, config tfsdk.Config, diags *diag.Diagnostics) M {
	m, d := l.loadModel(ctx, plan.Schema, plan.Raw)
	diags.Append(d...)
	if l.writeOnly != nil && !diags.HasError() {
		m = l.writeOnly(ctx, config, m, diags)
	}
	return m
}

func (l *entityLifecycle[M, E]) nounFor(m M) string {
	if l.nounOf != nil {
		return l.nounOf(m)
	}
	return l.noun
}

func (l *entityLifecycle[M, E]) owned(m M) ownedEntity {
	return ownedEntity{typeName: l.typeName, noun: l.nounFor(m), keys: l.uniques(m)}
}

func (l *entityLifecycle[M, E]) create(ctx context.Context, data *providerData, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan := l.planned(ctx, req.Plan, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	id := newEntityID()
	plan = l.withID(plan, id)
	entity := l.expand(ctx, plan, data.defaultTags, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	var got *E
	if putNew(ctx, data, l.owned(plan), id, req.Plan, &resp.State, &resp.Diagnostics, func() (err error) {
		got, err = l.put(ctx, data.client.Kong, plan, entity)
		return err
	}) {
		l.storeModel(ctx, &resp.State, l.flatten(got, plan, data.defaultTags), &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, claimedAsKey, nil)...)
}

// claimedAsKey is the private-state key under which a plan records the id its unique keys were claimed for.
const claimedAsKey = "claimed_as"

// claim registers the planned entity's unique keys (see claimUniqueKeys) for the entity's id in state.
//
// A replacement is planned twice: Terraform first plans with the prior state, and when an attribute
// requires replacement, plans the create half again with no prior state but with the private state the
// first plan returned. The first plan records the id in private state, so the create half claims the keys
// for the same id and is not taken for a second resource. The record is private state of the plan only:
// create and update drop it.
func (l *entityLifecycle[M, E]) claim(ctx context.Context, data *providerData, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || data == nil {
		return
	}
	plan := l.planned(ctx, req.Plan, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	priorID := ""
	if !req.State.Raw.IsNull() {
		prior, diags := l.loadModel(ctx, req.State.Schema, req.State.Raw)
		resp.Diagnostics.Append(diags...)
		priorID = l.id(prior).ValueString()
		if priorID != "" {
			raw, _ := json.Marshal(priorID)
			resp.Diagnostics.Append(resp.Private.SetKey(ctx, claimedAsKey, raw)...)
		}
	} else if raw, diags := req.Private.GetKey(ctx, claimedAsKey); len(raw) > 0 && !diags.HasError() {
		_ = json.Unmarshal(raw, &priorID) // a value that is not a JSON string leaves a fresh claim
	}
	claimUniqueKeys(data, l.typeName, priorID, l.uniques(plan), &resp.Diagnostics)
}

func (l *entityLifecycle[M, E]) update(ctx context.Context, data *providerData, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan := l.planned(ctx, req.Plan, req.Config, &resp.Diagnostics)
	prior, diags := l.loadModel(ctx, req.State.Schema, req.State.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if l.keep != nil {
		plan = l.keep(ctx, data, prior, plan, &resp.Diagnostics)
	}
	entity := l.expand(ctx, plan, data.defaultTags, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	var createdAt types.Int64
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("created_at"), &createdAt)...)
	keepCreatedAt(entity, createdAt)
	got, err := l.put(ctx, data.client.Kong, plan, entity)
	if isConflict(err) {
		reportTaken(ctx, data, l.owned(plan), false, err, &resp.Diagnostics)
		return
	}
	if err != nil {
		addKongError(&resp.Diagnostics, "Cannot write Kong "+l.nounFor(plan)+" "+l.describe(plan), err, l.fieldAttribute)
		return
	}
	l.storeModel(ctx, &resp.State, l.flatten(got, plan, data.defaultTags), &resp.Diagnostics)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, claimedAsKey, nil)...)
}

// keepCreatedAt puts the entity's creation time into an update: Kong stamps the current time on every PUT
// whose body lacks created_at, which would change a value the plan promised to keep. Every go-kong entity
// (and the provider's own plugin entity) names the field CreatedAt, as *int or *int64. A target's is a
// *float64 of milliseconds, which its update (a merge, never an upsert) keeps by itself.
func keepCreatedAt(entity any, createdAt types.Int64) {
	if createdAt.IsNull() || createdAt.IsUnknown() {
		return
	}
	field := reflect.ValueOf(entity).Elem().FieldByName("CreatedAt")
	if !field.IsValid() || field.Kind() != reflect.Pointer {
		return
	}
	v := reflect.New(field.Type().Elem())
	if !v.Elem().CanInt() {
		return
	}
	v.Elem().SetInt(createdAt.ValueInt64())
	field.Set(v)
}

func (l *entityLifecycle[M, E]) read(ctx context.Context, data *providerData, req resource.ReadRequest, resp *resource.ReadResponse) {
	prior, diags := l.loadModel(ctx, req.State.Schema, req.State.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	got := new(E)
	var err error
	if l.get != nil {
		err = l.get(ctx, data, prior, got)
	} else {
		err = data.client.Get(ctx, l.collection, l.id(prior).ValueString(), got)
	}
	if kong.IsNotFoundErr(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addKongError(&resp.Diagnostics, "Cannot read Kong "+l.nounFor(prior)+" "+l.describe(prior), err)
		return
	}
	if l.readState != nil {
		l.readState(ctx, data, got, prior, req, resp)
		return
	}
	l.storeModel(ctx, &resp.State, l.flatten(got, prior, data.defaultTags), &resp.Diagnostics)
}

func (l *entityLifecycle[M, E]) delete(ctx context.Context, data *providerData, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	prior, diags := l.loadModel(ctx, req.State.Schema, req.State.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := l.remove(ctx, data.client.Kong, prior)
	if err != nil && !kong.IsNotFoundErr(err) {
		addKongError(&resp.Diagnostics, "Cannot delete Kong "+l.nounFor(prior)+" "+l.describe(prior), err)
	}
}

// importedKey marks, in private state, an entity that was just imported, for lifecycles whose first read
// differs then (a plugin keeps the config fields that differ from Kong's defaults instead of projecting
// onto a prior configuration).
const importedKey = "imported"

func (l *entityLifecycle[M, E]) importState(ctx context.Context, data *providerData, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if l.importID == nil {
		importByIDOrName(ctx, req, resp)
	} else if id := l.importID(ctx, data, req.ID, &resp.Diagnostics); !resp.Diagnostics.HasError() {
		if l.parentOnImport != "" {
			var parent string
			parent, id, _ = strings.Cut(id, "/")
			resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(l.parentOnImport), parent)...)
		}
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	}
	if l.markImport && !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedKey, []byte("true"))...)
	}
}
