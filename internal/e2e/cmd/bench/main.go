// Command bench measures what a terraform apply and a terraform plan cost against the in-repo
// Kong-compatible server with a fixed per-request latency standing in for a real network: wall time and
// Admin API requests, at 100, 1,000 and 5,000 entities, with bulk refresh on and off. It writes
// docs/benchmarks.md. Run it with `make bench`.
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
	"time"

	"github.com/kongform/terraform-provider-kong/internal/e2e"
	"github.com/kongform/terraform-provider-kong/internal/kongtest"
)

type phase struct {
	wall     time.Duration
	cpu      time.Duration // terraform and the provider, user and system
	requests int
	byMethod map[string]int
}

// planPair is one plan of an applied configuration with bulk refresh and one with per-resource reads.
type planPair struct {
	latency      time.Duration
	bulk, single phase
	// split is the bulk refresh plan once more with the provider started apart from Terraform, which
	// tells Terraform's processor time from the provider's.
	split cpuSplit
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
	out := flag.String("out", "docs/benchmarks.md", "report to write")
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
	return os.WriteFile(out, []byte(report(results, latencies)), 0o644)
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
			p.bulk, p.single = faster(p.bulk, bulk), faster(p.single, single)
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

// planRuns is how many times each plan runs, the two kinds taking turns; the fastest run counts. Wall
// times on a shared machine vary by several percent from one run to the next, and a benchmark wants what the
// code costs, not what else the machine was doing.
const planRuns = 2

func faster(best, run phase) phase {
	if best.wall == 0 || run.wall < best.wall {
		return run
	}
	return best
}

func timedPlan(ctx context.Context, srv *kongtest.Server, w *e2e.Workspace, bulk bool) (phase, error) {
	return timed(srv, func() (e2e.Result, error) {
		res, err := w.TerraformEnv(ctx, []string{fmt.Sprintf("KONG_BULK_REFRESH=%t", bulk)},
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
	start := time.Now()
	res, err := f()
	took := time.Since(start)
	if err == nil && res.ExitCode != 0 {
		err = fmt.Errorf("terraform failed: %s", res)
	}
	st := srv.Stats()
	return phase{wall: took, cpu: res.CPU, requests: st.Total, byMethod: st.ByMethod}, err
}

func report(results []result, latencies []time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, `# Benchmarks

Measured by `+"`make bench`"+` on %s, on a %d-core machine, with Terraform %s and its default parallelism (10),
against the in-repo Kong-compatible server adding a fixed latency to every request to stand for the network
between Terraform and the Admin API. Each configuration is a realistic Lambda gateway: per API one service, two
routes (a proxy-style catch-all and a versioned operation), one consumer and one key-auth plugin, each entity its own
resource block. "Per-resource reads" is the same provider with `+"`bulk_refresh = false`"+`: one GET per resource, as
other Kong providers read. CPU is the processor time of Terraform and the provider together. Each plan runs
%d times, the two kinds taking turns, and the fastest run is shown: wall times on a shared machine vary by
several percent from run to run.

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
## Where a plan's time goes

The plan with bulk refresh once more, with the provider started apart from Terraform (Terraform's
`+"`TF_REATTACH_PROVIDERS`"+`), so that each process's CPU, and the provider's memory, is measured on its own.
A plan cannot take less wall time than all its processor work spread over the machine's %d cores, so
finishing in half the per-resource plan's wall time leaves the provider at most cores × half that wall time,
less Terraform's CPU: its budget.

| entities | latency | Terraform CPU | provider CPU | provider peak memory | per-resource reads: wall | provider's CPU budget for 2× |
|---:|---:|---:|---:|---:|---:|---:|
`, runtime.NumCPU())
	for _, r := range results {
		for _, p := range r.plans {
			fmt.Fprintf(&b, "| %d | %v | %s | %s | %d MiB | %s | %s |\n", r.mix.Total(), p.latency, secs(p.split.terraform),
				secs(p.split.provider.CPU), p.split.provider.PeakRSS>>20, secs(p.single.wall), budget(p))
		}
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
  hidden behind it: there a plan cannot get much faster by reading less.
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
		speedup := p.single.wall.Seconds() / p.bulk.wall.Seconds()
		fmt.Fprintf(&b, "- Plan of %d entities at %v: %.1f%% of the requests of per-resource reads (target 5%%): %s; "+
			"%.2f× as fast (target 2×): %s. Per-resource reads wait about %s in all. %s\n",
			last.mix.Total(), p.latency, 100*share, verdict(share <= 0.05), speedup, verdict(speedup >= 2),
			secs(time.Duration(p.single.requests)*p.latency/10), budgetSentence(p))
	}
	return b.String()
}

func terraformVersion() string {
	out, err := exec.Command("terraform", "version").Output()
	if err != nil {
		return "(unknown version)"
	}
	first, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimPrefix(first, "Terraform ")
}

// budget is the most CPU the provider could use in a plan that takes half the per-resource plan's wall
// time, if Terraform and the provider kept every core busy all along; "none" when Terraform's own CPU
// alone exceeds it.
func budget(p planPair) string {
	left := time.Duration(runtime.NumCPU())*p.single.wall/2 - p.split.terraform
	if left <= 0 {
		return "none"
	}
	return secs(left)
}

func budgetSentence(p planPair) string {
	if b := budget(p); b != "none" {
		return fmt.Sprintf("The provider used %s of CPU, where 2× leaves it %s.", secs(p.split.provider.CPU), b)
	}
	return fmt.Sprintf("Terraform's own CPU, %s, is more than %d cores can do in half the per-resource plan's %s, "+
		"so no provider can make this plan twice as fast at this latency on this machine.",
		secs(p.split.terraform), runtime.NumCPU(), secs(p.single.wall))
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
