package e2e

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongtest"
)

// Two teams' states on one gateway declare the same service name. The second apply fails with the import hint
// instead of overwriting the first team's service, and neither team's destroy deletes the other's service.
func TestTwoStatesDeclaringOneNameNeverTouchEachOther(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	srv := kongtest.NewServer(kongtest.Options{})
	defer srv.Close()
	teamA, teamB := newWorkspace(t, srv), newWorkspace(t, srv)
	config := func(team string) string {
		return `
terraform {
  required_providers {
    kong = { source = "kongform/kong" }
  }
}

provider "kong" {
  default_tags = ["team-` + team + `"]
}

resource "kong_service" "billing" {
  name = "billing"
  host = "` + team + `.example"
}
`
	}
	must(t, teamA.WriteConfig(config("a")))
	must(t, teamB.WriteConfig(config("b")))

	if res, err := teamA.Apply(ctx); err != nil || res.ExitCode != 0 {
		t.Fatalf("team A's apply: %v\n%s", err, res)
	}
	c, err := kong.NewClient(kong.String(srv.URL), nil)
	must(t, err)
	billing, err := c.Services.Get(ctx, kong.String("billing"))
	must(t, err)

	res, err := teamB.Apply(ctx)
	must(t, err)
	if res.ExitCode == 0 || !regexp.MustCompile(`id = "`+*billing.ID+`"`).MatchString(res.Stderr) ||
		!strings.Contains(res.Stderr, "import {") {
		t.Fatalf("team B's apply did not fail with the import hint for team A's service:\n%s", res)
	}
	assertHost := func(want string) {
		t.Helper()
		got, err := c.Services.Get(ctx, billing.ID)
		must(t, err)
		if kong.StringValue(got.Host) != want || len(got.Tags) != 1 || *got.Tags[0] != "team-a" {
			t.Fatalf("team A's service changed: host %s, tags %d", kong.StringValue(got.Host), len(got.Tags))
		}
	}
	assertHost("a.example")

	if res, err := teamB.Terraform(ctx, "destroy", "-auto-approve", "-input=false", "-no-color"); err != nil || res.ExitCode != 0 {
		t.Fatalf("team B's destroy: %v\n%s", err, res)
	}
	assertHost("a.example")

	if res, err := teamA.Terraform(ctx, "destroy", "-auto-approve", "-input=false", "-no-color"); err != nil || res.ExitCode != 0 {
		t.Fatalf("team A's destroy: %v\n%s", err, res)
	}
	if _, err := c.Services.Get(ctx, billing.ID); !kong.IsNotFoundErr(err) {
		t.Fatalf("team A's destroy left its service: %v", err)
	}
}
