// Command bench measures what a terraform apply and a terraform plan cost against the in-repo
// Kong-compatible server with a fixed per-request latency standing in for a real network: wall time and
// Admin API requests, at 100, 1,000 and 5,000 entities, with bulk refresh on and off. It writes
// bench/README.md. Run it with `make bench`.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/kongform/terraform-provider-kong/internal/e2e"
	"github.com/kongform/terraform-provider-kong/internal/kongtest"
)

type phase struct {
	wall time.Duration
	cpu  time.Duration // terraform and the provider, user and system
	// serverCPU is what the in-process Kong-compatible server used answering this phase's requests: on this
	// machine it competes with Terraform and the provider for the same cores.
	serverCPU time.Duration
	requests  int
	byMethod  map[string]int
}

// planPair is one plan of an applied configuration with bulk refresh and one with per-resource reads.
type planPair struct {
	latency      time.Duration
	bulk, single phase
	// split is the bulk refresh plan once more with the provider started apart from Terraform, which
	// tells Terraform's processor time from the provider's.
	split cpuSplit
	// terraformGOGC is the bulk refresh plan with GOGC=400 in Terraform's environment.
	terraformGOGC phase
}

type cpuSplit struct {
	terraform time.Duration
	provider  e2e.Usage
}

type result struct {
	mix   e2e.Mix
	apply phase // at the first latency, with the provider attached: cpu is Terraform's alone
	// applyProvider is what the provider used in the apply.
	applyProvider e2e.Usage
	plans         []planPair
}

func main() {
	sizes := flag.String("sizes", "100,1000,5000", "comma-separated entity counts")
	latencies := flag.String("latencies", "5ms,50ms", "comma-separated latencies the server adds to every request; the apply runs at the first")
	out := flag.String("out", "bench/README.md", "report to write")
	flag.Parse()
	if err := run(*sizes, *latencies, *out); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(sizes, latencyList, out string) error {
	var latencies []time.Duration
	for _, s := range strings.Split(latencyList, ",") {
		d, err := time.ParseDuration(strings.TrimSpace(s))
		if err != nil || d < 0 {
			return fmt.Errorf("bad latency %q", s)
		}
		latencies = append(latencies, d)
	}
	ctx := context.Background()
	tmp, err := os.MkdirTemp("", "kongform-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	providerDir, err := e2e.BuildProvider(ctx, filepath.Join(tmp, "provider"))
	if err != nil {
		return err
	}
	perResource, err := providerPerResource(ctx)
	if err != nil {
		return err
	}
	var results []result
	for _, s := range strings.Split(sizes, ",") {
		var n int
		if _, err := fmt.Sscan(strings.TrimSpace(s), &n); err != nil || n < 5 {
			return fmt.Errorf("bad size %q", s)
		}
		r, err := measure(ctx, filepath.Join(tmp, fmt.Sprint(n)), providerDir, n, latencies)
		if err != nil {
			return err
		}
		results = append(results, r)
	}
	return os.WriteFile(out, []byte(report(results, latencies, perResource)), 0o644)
}

func measure(ctx context.Context, dir, providerDir string, n int, latencies []time.Duration) (result, error) {
	srv := kongtest.NewServer(kongtest.Options{Faults: kongtest.Faults{Latency: latencies[0]}})
	defer srv.Close()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return result{}, err
	}
	w, err := e2e.NewWorkspace(dir, providerDir, srv.URL)
	if err != nil {
		return result{}, err
	}
	r := result{mix: e2e.RealisticMix(n)}
	if err := w.WriteConfig(e2e.Config("bench", r.mix, 0, `provider "kong" {}`)); err != nil {
		return result{}, err
	}
	provider, err := e2e.StartAttachedProvider(ctx, providerDir, "KONG_ADMIN_URL="+srv.URL)
	if err != nil {
		return result{}, err
	}
	r.apply, err = timed(srv, func() (e2e.Result, error) {
		return w.TerraformEnv(ctx, []string{provider.Env}, "apply", "-auto-approve", "-input=false", "-no-color")
	})
	r.applyProvider = provider.Stop()
	if err != nil {
		return result{}, err
	}
	fmt.Printf("%d entities: apply %v, %d requests\n", r.mix.Total(), r.apply.wall.Round(time.Millisecond), r.apply.requests)
	for _, latency := range latencies {
		srv.SetFaults(kongtest.Faults{Latency: latency})
		p := planPair{latency: latency}
		for range planRuns {
			bulk, err := timedPlan(ctx, srv, w, true)
			if err != nil {
				return result{}, err
			}
			single, err := timedPlan(ctx, srv, w, false)
			if err != nil {
				return result{}, err
			}
			bulkGOGC, err := timedPlan(ctx, srv, w, true, "GOGC="+fmt.Sprint(terraformGOGC))
			if err != nil {
				return result{}, err
			}
			p.bulk, p.single, p.terraformGOGC = faster(p.bulk, bulk), faster(p.single, single), faster(p.terraformGOGC, bulkGOGC)
		}
		if p.split, err = splitPlan(ctx, srv.URL, providerDir, w); err != nil {
			return result{}, err
		}
		fmt.Printf("%d entities at %v: plan %v (CPU %v, %d requests); per-resource reads %v (CPU %v, %d requests)\n",
			r.mix.Total(), latency, p.bulk.wall.Round(time.Millisecond), p.bulk.cpu.Round(time.Millisecond), p.bulk.requests,
			p.single.wall.Round(time.Millisecond), p.single.cpu.Round(time.Millisecond), p.single.requests)
		r.plans = append(r.plans, p)
	}
	return r, nil
}

// planRuns is how many times each plan runs, the kinds taking turns; the fastest run counts. Wall
// times on a shared machine vary by several percent from one run to the next, and a benchmark wants what the
// code costs, not what else the machine was doing.
const planRuns = 3

func faster(best, run phase) phase {
	if best.wall == 0 || run.wall < best.wall {
		return run
	}
	return best
}

// terraformGOGC is the garbage collector setting of the extra plan that shows what Terraform's own collector
// costs: in a plan of thousands of resources it takes about a quarter of Terraform's CPU at Go's default.
const terraformGOGC = 400

// timedPlan runs terraform plan with bulk refresh on or off and extra environment variables (NAME=value).
func timedPlan(ctx context.Context, srv *kongtest.Server, w *e2e.Workspace, bulk bool, env ...string) (phase, error) {
	return timed(srv, func() (e2e.Result, error) {
		res, err := w.TerraformEnv(ctx, append([]string{fmt.Sprintf("KONG_BULK_REFRESH=%t", bulk)}, env...),
			"plan", "-detailed-exitcode", "-input=false", "-no-color")
		if err == nil && res.ExitCode != 0 {
			err = fmt.Errorf("plan after apply is not empty (exit %d)\n%s", res.ExitCode, res)
		}
		return res, err
	})
}

// splitPlan runs the bulk refresh plan with the provider attached and returns the processor time of each.
func splitPlan(ctx context.Context, adminURL, providerDir string, w *e2e.Workspace) (cpuSplit, error) {
	provider, err := e2e.StartAttachedProvider(ctx, providerDir, "KONG_ADMIN_URL="+adminURL, "KONG_BULK_REFRESH=true")
	if err != nil {
		return cpuSplit{}, err
	}
	res, err := w.TerraformEnv(ctx, []string{provider.Env}, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	split := cpuSplit{terraform: res.CPU, provider: provider.Stop()}
	if err == nil && res.ExitCode != 0 {
		err = fmt.Errorf("plan with an attached provider is not empty (exit %d)\n%s", res.ExitCode, res)
	}
	return split, err
}

func timed(srv *kongtest.Server, f func() (e2e.Result, error)) (phase, error) {
	srv.ResetStats()
	runtime.GC() // the in-process server's garbage from the last phase is not this phase's cost
	serverBefore := processCPU()
	start := time.Now()
	res, err := f()
	took := time.Since(start)
	serverCPU := processCPU() - serverBefore
	if err == nil && res.ExitCode != 0 {
		err = fmt.Errorf("terraform failed: %s", res)
	}
	st := srv.Stats()
	return phase{wall: took, cpu: res.CPU, serverCPU: serverCPU, requests: st.Total, byMethod: st.ByMethod}, err
}

// processCPU is this process's processor time so far, user and system. While terraform runs, this process
// does nothing but serve the Admin API.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// goBenchmark is one line of `go test -bench -benchmem` output.
type goBenchmark struct {
	name                string
	nsPerOp, bytesPerOp float64
	allocsPerOp         float64
}

// providerPerResource runs BenchmarkPlanOfUnchangedResource: the provider's own work for one resource of
// each type in a plan, in-process, without Terraform or gRPC.
func providerPerResource(ctx context.Context) ([]goBenchmark, error) {
	root, err := e2e.ModuleRoot(ctx)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, "go", "test", "-run", "^$", "-bench", "^BenchmarkPlanOfUnchangedResource$",
		"-benchmem", "-benchtime", "2000x", "-count", "1", "./internal/provider/")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("BenchmarkPlanOfUnchangedResource: %w\n%s", err, out)
	}
	results := parseGoBenchmarks(string(out))
	if len(results) == 0 {
		return nil, fmt.Errorf("BenchmarkPlanOfUnchangedResource printed no results:\n%s", out)
	}
	return results, nil
}

// parseGoBenchmarks reads the result lines of `go test -bench -benchmem`, naming each by its sub-benchmark.
func parseGoBenchmarks(out string) []goBenchmark {
	var results []goBenchmark
	for _, line := range strings.Split(out, "\n") {
		fields := strings.Fields(line)
		if len(fields) < 8 || !strings.HasPrefix(fields[0], "Benchmark") || fields[3] != "ns/op" || fields[5] != "B/op" || fields[7] != "allocs/op" {
			continue
		}
		name := fields[0]
		if _, sub, ok := strings.Cut(name, "/"); ok {
			name = sub
		}
		if i := strings.LastIndex(name, "-"); i > 0 {
			name = name[:i] // GOMAXPROCS suffix
		}
		var b goBenchmark
		b.name = name
		if _, err := fmt.Sscan(fields[2]+" "+fields[4]+" "+fields[6], &b.nsPerOp, &b.bytesPerOp, &b.allocsPerOp); err != nil {
			continue
		}
		results = append(results, b)
	}
	return results
}

func report(results []result, latencies []time.Duration, perResource []goBenchmark) string {
	var b strings.Builder
	fmt.Fprintf(&b, `# Benchmarks

Measured by `+"`make bench`"+` on %s, on a %d-core machine, with Terraform %s and its default parallelism (10),
against the in-repo Kong-compatible server adding a fixed latency to every request to stand for the network
between Terraform and the Admin API. Each configuration is a realistic Lambda gateway: per API one service, two
routes (a proxy-style catch-all and a versioned operation), one consumer and one key-auth plugin, each entity its own
resource block. "Per-resource reads" is the same provider with `+"`bulk_refresh = false`"+`: one GET per resource, as
other Kong providers read. CPU is the processor time of Terraform and the provider together. Each plan runs
%d times, the kinds taking turns, and the fastest run is shown: wall times on a shared machine vary by
several percent, and on some machines by a quarter, from run to run.

Targets: a plan of 5,000 entities makes at most 5%% of the requests of per-resource reads and finishes at least
twice as fast; an apply makes at most 1.05 requests per entity.

## Apply (latency %v)

The provider runs apart from Terraform (Terraform's `+"`TF_REATTACH_PROVIDERS`"+`), so each process's CPU is its own.

| entities | wall | Terraform CPU | provider CPU | requests | requests per entity | by method |
|---:|---:|---:|---:|---:|---:|---|
`, time.Now().UTC().Format("2006-01-02"), runtime.NumCPU(), terraformVersion(), planRuns, latencies[0])
	for _, r := range results {
		n := r.mix.Total()
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %d | %.3f | %s |\n", n, secs(r.apply.wall), secs(r.apply.cpu),
			secs(r.applyProvider.CPU), r.apply.requests,
			float64(r.apply.requests)/float64(n), methods(r.apply))
	}
	b.WriteString(`
## Plan of the applied configuration (nothing to change)

| entities | latency | wall | CPU | requests | per-resource reads: wall | CPU | requests | share of requests | speed-up |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
`)
	for _, r := range results {
		for _, p := range r.plans {
			fmt.Fprintf(&b, "| %d | %v | %s | %s | %d | %s | %s | %d | %.1f%% | %.2f× |\n", r.mix.Total(), p.latency,
				secs(p.bulk.wall), secs(p.bulk.cpu), p.bulk.requests, secs(p.single.wall), secs(p.single.cpu), p.single.requests,
				100*float64(p.bulk.requests)/float64(p.single.requests), p.single.wall.Seconds()/p.bulk.wall.Seconds())
		}
	}
	fmt.Fprintf(&b, `
## What any provider could reach

Bulk refresh takes away only the single reads, and those cost a plan two things: their waiting, at most
entities × latency / 10 since Terraform reads ten resources at a time, and their processing, the CPU that the
per-resource plan used beyond the bulk plan (Terraform, provider and the Kong-compatible server together).
However little a provider costs, a plan cannot take less wall time than Terraform's own CPU spread over the
machine's %d cores. So no provider with these resources can make a plan faster than

    ceiling = 1 + (waiting + extra CPU / cores) / (Terraform CPU / cores)

times on this machine by reading less. Both terms are taken at their worst for the ceiling (no waiting hidden
behind work, the extra CPU as this provider spends it), so the true ceiling is lower still. Terraform's CPU comes
from one more bulk plan with the provider started apart from Terraform (Terraform's `+"`TF_REATTACH_PROVIDERS`"+`),
which also measures the provider's own CPU and peak memory.

| entities | latency | Terraform CPU | provider CPU | provider peak memory | per-resource waiting | per-resource extra CPU | ceiling | measured speed-up |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|
`, runtime.NumCPU())
	for _, r := range results {
		for _, p := range r.plans {
			fmt.Fprintf(&b, "| %d | %v | %s | %s | %d MiB | %s | %s | %.2f× | %.2f× |\n", r.mix.Total(), p.latency,
				secs(p.split.terraform), secs(p.split.provider.CPU), p.split.provider.PeakRSS>>20, secs(p.waiting()),
				secs(p.extraCPU()), p.ceiling(), p.speedup())
		}
	}
	fmt.Fprintf(&b, `
## Terraform's garbage collector

Terraform runs with Go's default garbage collector setting, and in a plan of thousands of resources its
collector takes a large share of its CPU (about a quarter in a profile of a plan of 2,000). The bulk refresh
plan with `+"`GOGC=%d`"+` in Terraform's environment as well, taking turns with the other two (the provider
collects at that setting already):

| entities | latency | wall | CPU | wall with GOGC=%d | CPU with GOGC=%d |
|---:|---:|---:|---:|---:|---:|
`, terraformGOGC, terraformGOGC, terraformGOGC)
	for _, r := range results {
		for _, p := range r.plans {
			fmt.Fprintf(&b, "| %d | %v | %s | %s | %s | %s |\n", r.mix.Total(), p.latency, secs(p.bulk.wall),
				secs(p.bulk.cpu), secs(p.terraformGOGC.wall), secs(p.terraformGOGC.cpu))
		}
	}
	b.WriteString(`
## The provider's work per resource

What the provider does for one unchanged resource in a plan, measured in-process without Terraform or gRPC by
` + "`BenchmarkPlanOfUnchangedResource`" + ` (internal/provider): the calls Terraform makes for it
(ValidateResourceConfig twice, UpgradeResourceState, ReadResource answered from the bulk listing,
PlanResourceChange). Most of it is terraform-plugin-framework's own work on every attribute of every call,
so it grows with the number of attributes a resource type has.

| resource | time per plan | allocated | allocations |
|---|---:|---:|---:|
`)
	for _, r := range perResource {
		fmt.Fprintf(&b, "| %s | %.0f µs | %.0f KiB | %.0f |\n", r.name, r.nsPerOp/1e3, r.bytesPerOp/1024, r.allocsPerOp)
	}
	b.WriteString(`
## Reading the numbers

- **Apply** writes each entity with one PUT on an id the provider chose; Kong's answer is the new state, so
  there is no read after a write. The few other requests are ` + "`GET /`" + ` once per Terraform phase and one
  validation per distinct plugin configuration. Plugin schemas are fetched once per plugin name and run, and
  only when an existing plugin's defaults are needed. Apply's wall time grows faster than the number of
  entities, and so does Terraform's CPU, while the provider's grows with the number of entities.
- **Plan** reads the first few entities of each type with single GETs, then lists the type once in pages of
  1,000 and answers every other read from that listing. Entities deleted or changed outside Terraform are still
  seen: a miss in the listing is confirmed with a GET. The request count stays flat as the gateway grows.
- **Wall time** of a plan is processor work, Terraform's and the provider's, plus the time spent waiting for
  Kong that this work cannot hide. Terraform reads ten resources at a time, so per-resource reads wait
  entities × latency / 10 in all; bulk refresh removes nearly all of that. When the CPU column is close to
  the wall time multiplied by the number of cores, the plan is bound by processor work and the waiting was
  hidden behind it: there a plan cannot get much faster by reading less. The ceiling above puts a number on
  how much faster.
`)
	b.WriteString("\n## Against the targets\n\n")
	last := results[len(results)-1]
	worstApply := 0.0
	for _, r := range results {
		worstApply = max(worstApply, float64(r.apply.requests)/float64(r.mix.Total()))
	}
	fmt.Fprintf(&b, "- Apply: at most %.3f requests per entity at any size (target 1.05): %s.\n", worstApply, verdict(worstApply <= 1.05))
	for _, p := range last.plans {
		share := float64(p.bulk.requests) / float64(p.single.requests)
		fmt.Fprintf(&b, "- Plan of %d entities at %v: %.1f%% of the requests of per-resource reads (target 5%%): %s; "+
			"%.2f× as fast (target 2×): %s. %s\n",
			last.mix.Total(), p.latency, 100*share, verdict(share <= 0.05), p.speedup(), verdict(p.speedup() >= 2),
			ceilingSentence(p))
	}
	return b.String()
}

func terraformVersion() string {
	out, err := exec.Command(e2e.TerraformBinary(), "version").Output()
	if err != nil {
		return "(unknown version)"
	}
	first, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimPrefix(first, "Terraform ")
}

// readParallelism is how many resources Terraform reads at a time (its default -parallelism).
const readParallelism = 10

// waiting is the most wall time the per-resource plan's single reads can spend waiting for Kong.
func (p planPair) waiting() time.Duration {
	return time.Duration(p.single.requests) * p.latency / readParallelism
}

// extraCPU is the processor time the per-resource plan used beyond the bulk plan, the server's included.
func (p planPair) extraCPU() time.Duration {
	return max(0, p.single.cpu+p.single.serverCPU-p.bulk.cpu-p.bulk.serverCPU)
}

func (p planPair) speedup() float64 { return p.single.wall.Seconds() / p.bulk.wall.Seconds() }

// ceiling is the largest speed-up any provider could get from reading less: the per-resource plan is at
// most the bulk plan plus the single reads' waiting and processing, and the bulk plan takes at least
// Terraform's own CPU spread over the cores.
func (p planPair) ceiling() float64 {
	cores := float64(runtime.NumCPU())
	floor := p.split.terraform.Seconds() / cores
	return 1 + (p.waiting().Seconds()+p.extraCPU().Seconds()/cores)/floor
}

func ceilingSentence(p planPair) string {
	if p.ceiling() >= 2 {
		return fmt.Sprintf("The ceiling for any provider here is %.2f×; this one used %s of CPU in the plan.",
			p.ceiling(), secs(p.split.provider.CPU))
	}
	return fmt.Sprintf("No provider can reach 2× here: the ceiling is %.2f×, because Terraform's own CPU, %s over "+
		"%d cores, takes longer than all that per-resource reads add (%s of waiting, %s of CPU). At this latency "+
		"the target needs more cores.", p.ceiling(), secs(p.split.terraform), runtime.NumCPU(), secs(p.waiting()),
		secs(p.extraCPU()))
}

func verdict(met bool) string {
	if met {
		return "met"
	}
	return "not met"
}

func secs(d time.Duration) string { return fmt.Sprintf("%.1f s", d.Seconds()) }

func methods(p phase) string {
	keys := make([]string, 0, len(p.byMethod))
	for k := range p.byMethod {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, p.byMethod[k]))
	}
	return strings.Join(parts, ", ")
}
