package main

import (
	"context"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/kongform/terraform-provider-kong/internal/provider"
)

type markerKey struct{}

// perResourceCalls makes every call releasedContexts wraps, with a context carrying a marker value, and
// returns how many calls it made. The resource type does not exist: the framework registers the call's
// context before it looks the type up, which is all these calls need to show.
func perResourceCalls(t *testing.T, server tfprotov6.ProviderServer, collected *atomic.Int64) int {
	t.Helper()
	calls := []func(context.Context) error{
		callWith(server.ValidateResourceConfig, &tfprotov6.ValidateResourceConfigRequest{TypeName: "kong_nope"}),
		callWith(server.UpgradeResourceState, &tfprotov6.UpgradeResourceStateRequest{TypeName: "kong_nope"}),
		callWith(server.ReadResource, &tfprotov6.ReadResourceRequest{TypeName: "kong_nope"}),
		callWith(server.PlanResourceChange, &tfprotov6.PlanResourceChangeRequest{TypeName: "kong_nope"}),
		callWith(server.ApplyResourceChange, &tfprotov6.ApplyResourceChangeRequest{TypeName: "kong_nope"}),
		callWith(server.ImportResourceState, &tfprotov6.ImportResourceStateRequest{TypeName: "kong_nope"}),
		callWith(server.ValidateDataResourceConfig, &tfprotov6.ValidateDataResourceConfigRequest{TypeName: "kong_nope"}),
		callWith(server.ReadDataSource, &tfprotov6.ReadDataSourceRequest{TypeName: "kong_nope"}),
	}
	for _, call := range calls {
		marker := new([1024]byte)
		runtime.AddCleanup(marker, func(*atomic.Int64) { collected.Add(1) }, collected)
		if err := call(context.WithValue(context.Background(), markerKey{}, marker)); err != nil {
			t.Fatal(err)
		}
	}
	return len(calls)
}

// callWith binds a request to one of the server's calls.
func callWith[Req, Resp any](call func(context.Context, Req) (Resp, error), req Req) func(context.Context) error {
	return func(ctx context.Context) error {
		_, err := call(ctx, req)
		return err
	}
}

// waitCollected runs the garbage collector until want markers are collected or a few seconds pass, and
// returns how many were.
func waitCollected(collected *atomic.Int64, want int) int {
	deadline := time.Now().Add(3 * time.Second)
	for collected.Load() < int64(want) && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	return int(collected.Load())
}

func TestReleasedContextsLetEveryCallsContextGo(t *testing.T) {
	var collected atomic.Int64
	server := releasedContexts{providerserver.NewProtocol6(provider.New("test")())()}
	calls := perResourceCalls(t, server, &collected)
	if got := waitCollected(&collected, calls); got != calls {
		t.Fatalf("%d of %d call contexts are still reachable after the calls returned", calls-got, calls)
	}
	runtime.KeepAlive(server)
}

// The reason releasedContexts exists. When this fails, the framework has stopped keeping call contexts and
// releasedContexts can be deleted.
func TestFrameworkKeepsEveryCallsContextWithoutReleasedContexts(t *testing.T) {
	var collected atomic.Int64
	server := providerserver.NewProtocol6(provider.New("test")())()
	calls := perResourceCalls(t, server, &collected)
	if got := waitCollected(&collected, 1); got != 0 {
		t.Fatalf("the framework let %d of %d call contexts go: releasedContexts is no longer needed", got, calls)
	}
	runtime.KeepAlive(server)
}

func TestReleasedFollowsTheCallersCancellation(t *testing.T) {
	caller, cancelCaller := context.WithCancel(context.WithValue(context.Background(), markerKey{}, "x"))
	ctx, release := released(caller)
	defer release()
	if ctx.Value(markerKey{}) != "x" {
		t.Fatal("during the call, the released context must carry the caller's values (the SDK's loggers)")
	}
	cancelCaller()
	select {
	case <-ctx.Done():
	case <-time.After(time.Second):
		t.Fatal("cancelling the caller's context did not cancel the released one")
	}

	ctx, release = released(context.WithValue(context.Background(), markerKey{}, "y"))
	release()
	if ctx.Err() == nil {
		t.Fatal("release did not cancel the released context")
	}
	if ctx.Value(markerKey{}) != nil {
		t.Fatal("after the call, the released context still answers the caller's values")
	}
}

// BenchmarkRetainedPerCall measures the heap a per-resource call leaves reachable, with a 16 KB value in each
// call's context standing for the SDK's per-call logger settings.
func BenchmarkRetainedPerCall(b *testing.B) {
	for name, wrap := range map[string]func(tfprotov6.ProviderServer) tfprotov6.ProviderServer{
		"framework":        func(s tfprotov6.ProviderServer) tfprotov6.ProviderServer { return s },
		"releasedContexts": func(s tfprotov6.ProviderServer) tfprotov6.ProviderServer { return releasedContexts{s} },
	} {
		b.Run(name, func(b *testing.B) {
			server := wrap(providerserver.NewProtocol6(provider.New("test")())())
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			calls := 0
			for b.Loop() {
				ctx := context.WithValue(context.Background(), markerKey{}, new([16 << 10]byte))
				_, _ = server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: "kong_nope"})
				calls++
			}
			runtime.GC()
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/float64(calls), "retained-B/call")
			runtime.KeepAlive(server)
		})
	}
}
