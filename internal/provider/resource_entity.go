package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"
)

// entityLifecycle is the create, read, update and delete that Kong's entities share (services, routes,
// consumers, ACL memberships; key-auth credentials share read and delete, their writes carry a write-only
// key). M is the resource's Terraform model, E the go-kong entity.
//
//   - Create and update are one PUT of the whole entity on an id the provider chose: a retried create finds
//     the same entity instead of duplicating it, an attribute removed from the configuration goes back to
//     Kong's default, and Kong's answer is the new state (no read after write). Creates never take over an
//     entity that is not the resource's own (ownership.go).
//   - Reads go through the client's bulk reader; an entity gone from Kong is dropped from state, so the
//     next plan creates it again instead of failing.
//   - Deleting an entity that is already gone succeeds.
type entityLifecycle[M any, E any] struct {
	collection string // the Admin API collection, e.g. "services"
	typeName   string // the resource type, e.g. "kong_service"
	noun       string // how messages name the entity, e.g. "service"

	// id reads the model's id, withID sets it.
	id     func(M) types.String
	withID func(M, string) M
	// uniques are the keys Kong keeps unique besides the id, for the known values of m.
	uniques func(m M) []uniqueKey
	// describe names the entity in messages.
	describe func(M) string

	expand  func(ctx context.Context, m M, defaultTags []string, diags *diag.Diagnostics) *E
	flatten func(got *E, prior M, defaultTags []string) M
	// put is go-kong's Create for an entity with an id set, which is a PUT; remove is its Delete. Both get
	// the model too, for the parent a credential is written under.
	put    func(ctx context.Context, c *kong.Client, m M, e *E) (*E, error)
	remove func(ctx context.Context, c *kong.Client, m M) error
}

// lifecycleResource is the Configure, Create, Read, Update and Delete of a resource whose lifecycle is an
// entityLifecycle; the resource adds its schema, validation and import.
type lifecycleResource[M any, E any] struct {
	data      *providerData
	lifecycle *entityLifecycle[M, E]
}

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

func (l *entityLifecycle[M, E]) create(ctx context.Context, data *providerData, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, diags := getModel[M](ctx, req.Plan.Schema, req.Plan.Raw)
	resp.Diagnostics.Append(diags...)
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
	owned := ownedEntity{typeName: l.typeName, noun: l.noun, keys: l.uniques(plan)}
	if putNew(ctx, data, owned, id, req.Plan, &resp.State, &resp.Diagnostics, func() (err error) {
		got, err = l.put(ctx, data.client.Kong, plan, entity)
		return err
	}) {
		setState(ctx, &resp.State, l.flatten(got, plan, data.defaultTags), &resp.Diagnostics)
	}
}

// claim registers the planned entity's unique keys (see claimUniqueKeys).
func (l *entityLifecycle[M, E]) claim(ctx context.Context, data *providerData, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || data == nil {
		return
	}
	plan, diags := getModel[M](ctx, req.Plan.Schema, req.Plan.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	priorID := ""
	if !req.State.Raw.IsNull() {
		prior, diags := getModel[M](ctx, req.State.Schema, req.State.Raw)
		resp.Diagnostics.Append(diags...)
		priorID = l.id(prior).ValueString()
	}
	claimUniqueKeys(data, l.typeName, priorID, l.uniques(plan), &resp.Diagnostics)
}

func (l *entityLifecycle[M, E]) update(ctx context.Context, data *providerData, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, diags := getModel[M](ctx, req.Plan.Schema, req.Plan.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	l.write(ctx, data, plan, &resp.State, &resp.Diagnostics)
}

func (l *entityLifecycle[M, E]) write(ctx context.Context, data *providerData, plan M, state *tfsdk.State, diags *diag.Diagnostics) {
	entity := l.expand(ctx, plan, data.defaultTags, diags)
	if diags.HasError() {
		return
	}
	got, err := l.put(ctx, data.client.Kong, plan, entity)
	if isConflict(err) {
		reportTaken(ctx, data, ownedEntity{typeName: l.typeName, noun: l.noun, keys: l.uniques(plan)}, false, err, diags)
		return
	}
	if err != nil {
		addKongError(diags, "Cannot write Kong "+l.noun+" "+l.describe(plan), err)
		return
	}
	setState(ctx, state, l.flatten(got, plan, data.defaultTags), diags)
}

func (l *entityLifecycle[M, E]) read(ctx context.Context, data *providerData, req resource.ReadRequest, resp *resource.ReadResponse) {
	prior, diags := getModel[M](ctx, req.State.Schema, req.State.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	got := new(E)
	err := data.client.Get(ctx, l.collection, l.id(prior).ValueString(), got)
	if kong.IsNotFoundErr(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addKongError(&resp.Diagnostics, "Cannot read Kong "+l.noun+" "+l.describe(prior), err)
		return
	}
	setState(ctx, &resp.State, l.flatten(got, prior, data.defaultTags), &resp.Diagnostics)
}

func (l *entityLifecycle[M, E]) delete(ctx context.Context, data *providerData, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	prior, diags := getModel[M](ctx, req.State.Schema, req.State.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := l.remove(ctx, data.client.Kong, prior)
	if err != nil && !kong.IsNotFoundErr(err) {
		addKongError(&resp.Diagnostics, "Cannot delete Kong "+l.noun+" "+l.describe(prior), err)
	}
}
