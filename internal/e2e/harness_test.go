package e2e

import (
	"context"
	"testing"

	"github.com/kongform/terraform-provider-kong/internal/kongtest"
)

// The benchmark tells Terraform's CPU from the provider's by starting the provider itself. This proves
// terraform talks to that process and not to one of its own: the attached provider is pointed at another
// Kong than the workspace.
func TestAttachedProviderServesTerraform(t *testing.T) {
	ctx := context.Background()
	workspaceKong := kongtest.NewServer(kongtest.Options{})
	defer workspaceKong.Close()
	attachedKong := kongtest.NewServer(kongtest.Options{})
	defer attachedKong.Close()
	w := newWorkspace(t, workspaceKong)
	must(t, w.WriteConfig(Config("attached", RealisticMix(5), 0, `provider "kong" {}`)))

	provider, err := StartAttachedProvider(ctx, providerDir, "KONG_ADMIN_URL="+attachedKong.URL)
	must(t, err)
	res, err := w.TerraformEnv(ctx, []string{provider.Env}, "apply", "-auto-approve", "-input=false", "-no-color")
	used := provider.Stop()
	must(t, err)
	if res.ExitCode != 0 {
		t.Fatalf("apply through the attached provider failed: %s", res)
	}
	if got := kongCounts(t, attachedKong, "attached"); got != RealisticMix(5) {
		t.Fatalf("the attached provider's Kong holds %+v, want %+v", got, RealisticMix(5))
	}
	if n := workspaceKong.Stats().Total; n != 0 {
		t.Fatalf("terraform started a provider of its own: the workspace's Kong got %d requests", n)
	}
	if used.CPU <= 0 || used.PeakRSS < 1<<20 || res.CPU <= 0 {
		t.Fatalf("not measured: provider %+v, terraform CPU %v", used, res.CPU)
	}
}

func TestLineWatcherFindsTheSettingAcrossWrites(t *testing.T) {
	found := make(chan string, 1)
	w := &lineWatcher{prefix: "TF_REATTACH_PROVIDERS=", found: found}
	for _, chunk := range []string{"Provider started.\n\n\tTF_REATTACH", "_PROVIDERS='{\"a\":1}'", "\nmore output\n"} {
		if n, err := w.Write([]byte(chunk)); n != len(chunk) || err != nil {
			t.Fatalf("Write(%q) = %d, %v", chunk, n, err)
		}
	}
	select {
	case got := <-found:
		if got != `'{"a":1}'` {
			t.Fatalf("found %q", got)
		}
	default:
		t.Fatal("the setting was not found")
	}
}
