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
