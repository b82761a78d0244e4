package main

import (
	"math"
	"runtime"
	"testing"
	"time"
)

func TestCeilingBoundsWhatReadingLessCanGain(t *testing.T) {
	cores := time.Duration(runtime.NumCPU())
	p := planPair{
		latency: 5 * time.Millisecond,
		bulk:    phase{cpu: 30 * time.Second, serverCPU: time.Second},
		single:  phase{requests: 5000, cpu: 32 * time.Second, serverCPU: 2 * time.Second},
		split:   cpuSplit{terraform: 20 * time.Second},
	}
	if got, want := p.waiting(), 2500*time.Millisecond; got != want {
		t.Errorf("waiting = %v, want %v (5,000 reads of 5 ms, ten at a time)", got, want)
	}
	if got, want := p.extraCPU(), 3*time.Second; got != want {
		t.Errorf("extra CPU = %v, want %v (Terraform, provider and server together)", got, want)
	}
	floor := 20 * time.Second / cores
	want := 1 + (2500*time.Millisecond+3*time.Second/cores).Seconds()/floor.Seconds()
	if got := p.ceiling(); math.Abs(got-want) > 1e-9 {
		t.Errorf("ceiling = %v, want %v", got, want)
	}
	// A per-resource plan that happened to use less CPU than the bulk plan adds no processing.
	p.single.cpu = 10 * time.Second
	if got := p.extraCPU(); got != 0 {
		t.Errorf("extra CPU = %v, want 0 when the per-resource plan used less", got)
	}
}

func TestParseGoBenchmarksNamesEachSubBenchmark(t *testing.T) {
	out := `goos: linux
BenchmarkPlanOfUnchangedResource/kong_service-2         	    2000	   1671401 ns/op	 1204660 B/op	   14572 allocs/op
BenchmarkPlanOfUnchangedResource/kong_route             	    2000	   2000000 ns/op	 2048 B/op	   10 allocs/op
PASS
`
	got := parseGoBenchmarks(out)
	want := []goBenchmark{
		{name: "kong_service", nsPerOp: 1671401, bytesPerOp: 1204660, allocsPerOp: 14572},
		{name: "kong_route", nsPerOp: 2000000, bytesPerOp: 2048, allocsPerOp: 10},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}
