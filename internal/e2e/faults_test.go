package e2e

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongtest"
)

// providerDir is the provider binary every test in this package runs, built once.
var providerDir string

func TestMain(m *testing.M) {
	if os.Getenv("TF_ACC") == "" {
		fmt.Println("e2e: skipped; set TF_ACC=1 (make testacc) to run terraform against the in-repo server")
		os.Exit(0)
	}
	dir, err := os.MkdirTemp("", "kongform-e2e-provider")
	if err != nil {
		panic(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	providerDir, err = BuildProvider(ctx, dir)
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func newWorkspace(t *testing.T, srv *kongtest.Server) *Workspace {
	t.Helper()
	w, err := NewWorkspace(t.TempDir(), providerDir, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// faultTolerantProvider retries generously: the faults below fail one request in five.
const faultTolerantProvider = `provider "kong" {
  max_retries = 15
}`

// kongCounts counts the entities whose name (username for consumers) starts with prefix; plugins are
// counted by the services they hang off.
func kongCounts(t *testing.T, srv *kongtest.Server, prefix string) Mix {
	t.Helper()
	c, err := kong.NewClient(kong.String(srv.URL), nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	svcs, err := c.Services.ListAll(ctx)
	must(t, err)
	routes, err := c.Routes.ListAll(ctx)
	must(t, err)
	consumers, err := c.Consumers.ListAll(ctx)
	must(t, err)
	plugins, err := c.Plugins.ListAll(ctx)
	must(t, err)

	ours := map[string]bool{}
	for _, s := range svcs {
		if strings.HasPrefix(kong.StringValue(s.Name), prefix+"-") {
			ours[*s.ID] = true
		}
	}
	got := Mix{
		Services:  len(ours),
		Routes:    countWhere(routes, func(r *kong.Route) bool { return strings.HasPrefix(kong.StringValue(r.Name), prefix+"-") }),
		Consumers: countWhere(consumers, func(cn *kong.Consumer) bool { return strings.HasPrefix(kong.StringValue(cn.Username), prefix+"-") }),
		Plugins:   countWhere(plugins, func(p *kong.Plugin) bool { return p.Service != nil && ours[kong.StringValue(p.Service.ID)] }),
	}
	return got
}

func countWhere[T any](items []T, keep func(T) bool) int {
	n := 0
	for _, item := range items {
		if keep(item) {
			n++
		}
	}
	return n
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// requireConverged asserts Kong holds exactly the configuration and the next plan is empty.
func requireConverged(t *testing.T, ctx context.Context, w *Workspace, srv *kongtest.Server, prefix string, want Mix) {
	t.Helper()
	srv.SetFaults(kongtest.Faults{})
	if got := kongCounts(t, srv, prefix); got != want {
		t.Fatalf("Kong holds %+v, want %+v: duplicates or orphans", got, want)
	}
	empty, res, err := w.PlanIsEmpty(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !empty {
		t.Fatalf("the plan after apply is not empty:\n%s", res.Stdout)
	}
	state, err := w.Terraform(ctx, "state", "list")
	if err != nil || state.ExitCode != 0 {
		t.Fatalf("terraform state list: %v %s", err, state)
	}
	if n := len(strings.Fields(state.Stdout)); n != want.Total() {
		t.Fatalf("state holds %d resources, want %d", n, want.Total())
	}
}

func TestApplyConvergesUnderFaults(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	srv := kongtest.NewServer(kongtest.Options{})
	defer srv.Close()
	w := newWorkspace(t, srv)
	mix := RealisticMix(300)
	if err := w.WriteConfig(Config("faults", mix, 0, faultTolerantProvider)); err != nil {
		t.Fatal(err)
	}
	srv.SetFaults(kongtest.Faults{
		Latency:               time.Millisecond,
		ServerErrorRate:       0.10,
		ServerErrorAfterWrite: true,
		TooManyRequestsRate:   0.05,
		DropRate:              0.05,
		Seed:                  42,
	})
	res, err := w.Apply(ctx)
	if err != nil || res.ExitCode != 0 {
		t.Fatalf("apply under faults failed: %v\n%s", err, res)
	}
	requireConverged(t, ctx, w, srv, "faults", mix)
}

// A SIGKILL (a crashed CI runner) can land after Kong stored an entity and before Terraform recorded it.
// The provider never adopts such an entity on its own, since it cannot prove it is this configuration's: the
// next apply fails for exactly those entities, each error naming the resource and giving the import block.
// Following the errors' import blocks converges with no duplicate and no orphan.
func TestKilledApplyRecoversThroughTheImportBlocks(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	srv := kongtest.NewServer(kongtest.Options{})
	defer srv.Close()
	w := newWorkspace(t, srv)
	mix := RealisticMix(300)
	if err := w.WriteConfig(Config("killed", mix, 0, faultTolerantProvider)); err != nil {
		t.Fatal(err)
	}
	// Slow enough that the kill lands in the middle of the apply.
	srv.SetFaults(kongtest.Faults{Latency: 5 * time.Millisecond})
	cmd := w.Command(ctx, "apply", "-auto-approve", "-input=false", "-no-color")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitForWrites(t, srv, mix.Total()/2)
	if err := Kill(cmd); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	written := srv.Stats().ByMethod["PUT"]
	if written >= mix.Total() {
		t.Fatalf("the apply finished (%d writes) before it was killed; the test proves nothing", written)
	}

	// Dependents of a refused entity wait for it, so their own conflicts show in the next round: a user
	// repeats apply with the hinted import blocks until it succeeds, at most once per level of dependency.
	srv.SetFaults(kongtest.Faults{})
	var imports []string
	for round := 1; ; round++ {
		res, err := w.Apply(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if res.ExitCode == 0 {
			break
		}
		hinted := importBlocks(t, res.Stderr)
		if len(hinted) == 0 || round == 4 {
			t.Fatalf("round %d of applies after the kill failed without progress:\n%s", round, res)
		}
		imports = append(imports, hinted...)
		if err := os.WriteFile(w.Dir+"/imports.tf", []byte(strings.Join(imports, "\n")), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	requireConverged(t, ctx, w, srv, "killed", mix)
}

// hintedImport finds, in Terraform's error output, each "already exists" error's resource address and the
// id its import block names.
var hintedImport = regexp.MustCompile(`(?s)Error: Kong [^\n]* already exists\n\n\s+with ([^,\n]+),.*?\s+id = "([0-9a-f-]{36})"`)

func importBlocks(t *testing.T, stderr string) []string {
	t.Helper()
	var blocks []string
	for _, m := range hintedImport.FindAllStringSubmatch(stderr, -1) {
		blocks = append(blocks, fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", m[1], m[2]))
	}
	if n := strings.Count(stderr, "Error: "); n != len(blocks) {
		t.Fatalf("%d errors, %d of them with an import hint:\n%s", n, len(blocks), stderr)
	}
	return blocks
}

func TestConcurrentAppliesAreRefusedByTheLock(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	srv := kongtest.NewServer(kongtest.Options{})
	defer srv.Close()
	w := newWorkspace(t, srv)
	mix := Mix{Services: 40}
	if err := w.WriteConfig(Config("locked", mix, 0, `provider "kong" {}`)); err != nil {
		t.Fatal(err)
	}
	srv.SetFaults(kongtest.Faults{Latency: 50 * time.Millisecond})
	first := w.Command(ctx, "apply", "-auto-approve", "-input=false", "-no-color")
	var firstOut strings.Builder
	first.Stdout, first.Stderr = &firstOut, &firstOut
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	waitForWrites(t, srv, 1) // the first apply holds the state lock while it writes

	second, err := w.Apply(ctx, "-lock-timeout=0s")
	if err != nil {
		t.Fatal(err)
	}
	if second.ExitCode == 0 || !strings.Contains(second.Stderr, "Error acquiring the state lock") {
		t.Fatalf("the second apply was not refused by the state lock:\n%s", second)
	}
	if err := first.Wait(); err != nil {
		t.Fatalf("the first apply failed: %v\n%s", err, firstOut.String())
	}
	requireConverged(t, ctx, w, srv, "locked", mix)
}

// waitForWrites blocks until the server has stored at least n writes.
func waitForWrites(t *testing.T, srv *kongtest.Server, n int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for srv.Stats().ByMethod["PUT"] < n {
		if time.Now().After(deadline) {
			t.Fatalf("the server saw only %d writes in two minutes", srv.Stats().ByMethod["PUT"])
		}
		time.Sleep(5 * time.Millisecond)
	}
}
