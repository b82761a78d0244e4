package kongclient

import (
	"context"
	"fmt"
	"testing"

	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongtest"
)

// seedServices creates n services straight through go-kong, bypassing the client under test.
func seedServices(t testing.TB, srv *kongtest.Server, n int, tags ...string) []string {
	t.Helper()
	kc, err := kong.NewClient(kong.String(srv.URL), nil)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, n)
	for i := range ids {
		svc, err := kc.Services.Create(context.Background(), &kong.Service{
			Name: kong.String(fmt.Sprintf("svc-%05d", i)), Host: kong.String("example.com"), Tags: kong.StringSlice(tags...),
		})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = *svc.ID
	}
	srv.ResetStats()
	return ids
}

func readAll(t *testing.T, c *Client, ids []string) {
	t.Helper()
	for _, id := range ids {
		var svc kong.Service
		if err := c.Get(context.Background(), Services, id, &svc); err != nil {
			t.Fatalf("Get %s: %v", id, err)
		}
		if kong.StringValue(svc.ID) != id || svc.Host == nil {
			t.Fatalf("Get %s answered %+v", id, svc)
		}
	}
}

func TestBulkReads(t *testing.T) {
	cases := map[string]struct {
		entities, reads int
		threshold       int
		wantGets        int
		wantLists       int
	}{
		"few reads use single GETs":        {entities: 50, reads: 5, threshold: 10, wantGets: 5},
		"many reads use one listing":       {entities: 50, reads: 50, threshold: 10, wantGets: 10, wantLists: 1},
		"listing pages by 1,000":           {entities: 2500, reads: 2500, threshold: 10, wantGets: 10, wantLists: 3},
		"bulk reads off: one GET per read": {entities: 50, reads: 50, threshold: 0, wantGets: 50},
		"a small state in a large gateway": {entities: 3000, reads: 3, threshold: 10, wantGets: 3},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			srv := kongtest.NewServer(kongtest.Options{})
			defer srv.Close()
			ids := seedServices(t, srv, tc.entities)
			c, err := New(context.Background(), Config{AdminURL: srv.URL, BulkReadThreshold: tc.threshold})
			if err != nil {
				t.Fatal(err)
			}
			readAll(t, c, ids[:tc.reads])
			st := srv.Stats().ByRoute
			if got := st["GET /services/{service_id_or_name}"]; got != tc.wantGets {
				t.Errorf("%d single GETs, want %d (stats %v)", got, tc.wantGets, st)
			}
			if got := st["GET /services"]; got != tc.wantLists {
				t.Errorf("%d list pages, want %d (stats %v)", got, tc.wantLists, st)
			}
		})
	}
}

func TestBulkReadsStayCorrect(t *testing.T) {
	srv := kongtest.NewServer(kongtest.Options{})
	defer srv.Close()
	ids := seedServices(t, srv, 30, "owner-a")
	kc, _ := kong.NewClient(kong.String(srv.URL), nil)
	ctx := context.Background()

	// Deleted and re-tagged outside Terraform before the listing.
	if err := kc.Services.Delete(ctx, kong.String(ids[20])); err != nil {
		t.Fatal(err)
	}
	untagged, err := kc.Services.Get(ctx, kong.String(ids[21]))
	if err != nil {
		t.Fatal(err)
	}
	untagged.Tags = nil
	if _, err := kc.Services.Create(ctx, untagged); err != nil { // PUT: full replace without tags
		t.Fatal(err)
	}

	c, err := New(ctx, Config{AdminURL: srv.URL, BulkReadThreshold: 5, OwnershipTags: []string{"owner-a"}})
	if err != nil {
		t.Fatal(err)
	}
	readAll(t, c, ids[:20])

	var svc kong.Service
	if err := c.Get(ctx, Services, ids[20], &svc); !kong.IsNotFoundErr(err) {
		t.Errorf("deleted service: err = %v, want not found", err)
	}
	if err := c.Get(ctx, Services, ids[21], &svc); err != nil || kong.StringValue(svc.ID) != ids[21] {
		t.Errorf("service without the ownership tag: err = %v, got %+v; want it found by a single GET", err, svc)
	}

	// A write through this client takes the entity out of the listing.
	svc = kong.Service{}
	if err := c.Get(ctx, Services, ids[0], &svc); err != nil {
		t.Fatal(err)
	}
	svc.Port = kong.Int(8443)
	if _, err := c.Kong.Services.Create(ctx, &svc); err != nil {
		t.Fatal(err)
	}
	var after kong.Service
	if err := c.Get(ctx, Services, ids[0], &after); err != nil || after.Port == nil || *after.Port != 8443 {
		t.Errorf("read after write: err = %v, port %v; want 8443 from Kong, not the listing", err, after.Port)
	}

	lists := 0
	for route, n := range srv.Stats().ByRoute {
		if route == "GET /services" {
			lists += n
		}
	}
	if lists != 1 {
		t.Errorf("%d listings, want 1", lists)
	}
}

func TestIsUUID(t *testing.T) {
	for s, want := range map[string]bool{
		"0b3b4bd1-f06e-4b4b-8c47-8d5b9a2b7f10": true,
		"0B3B4BD1-F06E-4B4B-8C47-8D5B9A2B7F10": true,
		"my-service":                           false,
		"0b3b4bd1f06e4b4b8c478d5b9a2b7f10":     false,
		"0b3b4bd1-f06e-4b4b-8c47-8d5b9a2b7f1g": false,
	} {
		if IsUUID(s) != want {
			t.Errorf("IsUUID(%q) = %v", s, !want)
		}
	}
}

// BenchmarkRefresh1000Services compares reading 1,000 services one GET at a time with reading them through
// one listing, against the in-process server (no added latency: this measures the client's own cost and
// the request count, reported as requests/op).
func BenchmarkRefresh1000Services(b *testing.B) {
	for _, bc := range []struct {
		name      string
		threshold int
	}{{"single-GETs", 0}, {"bulk", DefaultBulkReadThreshold}} {
		b.Run(bc.name, func(b *testing.B) {
			srv := kongtest.NewServer(kongtest.Options{})
			defer srv.Close()
			ids := seedServices(b, srv, 1000)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				c, err := New(context.Background(), Config{AdminURL: srv.URL, BulkReadThreshold: bc.threshold})
				if err != nil {
					b.Fatal(err)
				}
				for _, id := range ids {
					var svc kong.Service
					if err := c.Get(context.Background(), Services, id, &svc); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(srv.Stats().Total)/float64(b.N), "requests/op")
		})
	}
}
