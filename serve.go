package main

import (
	"context"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// releasedContexts hands terraform-plugin-framework, for every per-resource call, a context that carries the
// caller's values only while the call runs: it is cancelled when the caller's is and when the call
// returns, and then forgets the caller's context.
//
// Why: the framework (v1.19.0, internal/proto6server registerContext) appends the cancel function of every
// call's context to a slice that is only emptied by StopProvider, which Terraform sends only on an
// interrupt. Each retained context keeps terraform-plugin-go's per-call logger settings alive, about 16 KB
// a call and four calls per resource in a plan: 330 MB of live heap that the garbage collector scans over
// and over in a plan of 5,000 resources. With a released context only a few hundred bytes stay behind
// (BenchmarkRetainedPerCall: go test -bench RetainedPerCall -run x .).
//
// The values stay readable during the call, so provider logs under TF_LOG are unchanged and there is one
// runtime path whether logging is on or off. TestFrameworkKeepsEveryCallsContextWithoutReleasedContexts
// fails when the framework stops keeping contexts; then this can go.
type releasedContexts struct {
	tfprotov6.ProviderServer
}

// releasedContext is done when its caller's context is done or the call returned; it answers Value from
// the caller's context until the call returned, and nothing after.
type releasedContext struct {
	context.Context // fresh, for Deadline, Done and Err
	caller          atomic.Pointer[context.Context]
}

func (c *releasedContext) Value(key any) any {
	if caller := c.caller.Load(); caller != nil {
		return (*caller).Value(key)
	}
	return c.Context.Value(key)
}

// released returns a context with ctx's values, done when ctx is done or when release is called; release
// also drops its reference to ctx.
func released(ctx context.Context) (context.Context, context.CancelFunc) {
	fresh, cancel := context.WithCancel(context.Background())
	stop := context.AfterFunc(ctx, cancel)
	c := &releasedContext{Context: fresh}
	c.caller.Store(&ctx)
	return c, func() {
		stop()
		cancel()
		c.caller.Store(nil)
	}
}

// withReleased makes one call with a released context.
func withReleased[Req, Resp any](ctx context.Context, req Req, call func(context.Context, Req) (Resp, error)) (Resp, error) {
	ctx, release := released(ctx)
	defer release()
	return call(ctx, req)
}

func (s releasedContexts) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return withReleased(ctx, req, s.ProviderServer.ValidateResourceConfig)
}

func (s releasedContexts) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return withReleased(ctx, req, s.ProviderServer.UpgradeResourceState)
}

func (s releasedContexts) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return withReleased(ctx, req, s.ProviderServer.ReadResource)
}

func (s releasedContexts) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return withReleased(ctx, req, s.ProviderServer.PlanResourceChange)
}

func (s releasedContexts) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return withReleased(ctx, req, s.ProviderServer.ApplyResourceChange)
}

func (s releasedContexts) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return withReleased(ctx, req, s.ProviderServer.ImportResourceState)
}

func (s releasedContexts) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return withReleased(ctx, req, s.ProviderServer.ValidateDataResourceConfig)
}

func (s releasedContexts) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return withReleased(ctx, req, s.ProviderServer.ReadDataSource)
}
