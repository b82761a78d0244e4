package main

import (
	"context"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// releasedContexts hands terraform-plugin-framework a fresh, value-free context for every per-resource
// call, cancelled when the caller's is and when the call returns.
//
// Why: the framework (v1.19.0, internal/proto6server registerContext) appends the cancel function of every
// call's context to a slice that is only emptied by StopProvider, which Terraform sends only on an
// interrupt. Each retained context keeps terraform-plugin-go's per-call logger settings alive, about 16 KB
// a call and four calls per resource in a plan: 330 MB of live heap that the garbage collector scans over
// and over in a plan of 5,000 resources. With a fresh context only a few hundred bytes stay behind.
//
// The values dropped are the plugin SDK's loggers, so main installs this only when provider logging is
// off; with TF_LOG set, every call keeps its loggers and the provider logs as usual.
type releasedContexts struct {
	tfprotov6.ProviderServer
}

// released returns a context carrying none of ctx's values, done when ctx is done or when release is
// called.
func released(ctx context.Context) (context.Context, context.CancelFunc) {
	fresh, cancel := context.WithCancel(context.Background())
	stop := context.AfterFunc(ctx, cancel)
	return fresh, func() {
		stop()
		cancel()
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
