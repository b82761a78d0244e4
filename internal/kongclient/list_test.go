package kongclient

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/kong/go-kong/kong"

	"github.com/kongform/terraform-provider-kong/internal/kongtest"
)

func TestListFiltersByTags(t *testing.T) {
	srv := kongtest.NewServer(kongtest.Options{})
	defer srv.Close()
	kc, err := kong.NewClient(kong.String(srv.URL), nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for name, tags := range map[string][]string{
		"a1": {"team-a", "api-1"},
		"a2": {"team-a", "api-2"},
		"b1": {"team-b", "api-1"},
		"u":  nil,
	} {
		if _, err := kc.Services.Create(ctx, &kong.Service{Name: kong.String(name), Host: kong.String("example.com"), Tags: kong.StringSlice(tags...)}); err != nil {
			t.Fatal(err)
		}
	}
	c, err := New(ctx, Config{AdminURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}

	cases := map[string]struct {
		filter string
		want   []string
	}{
		"no filter lists everything": {"", []string{"a1", "a2", "b1", "u"}},
		"all of the tags":            {"team-a,api-1", []string{"a1"}},
		"any of the tags":            {"team-b/api-2", []string{"a2", "b1"}},
		"one tag":                    {"api-1", []string{"a1", "b1"}},
		"nothing matches":            {"team-c", []string{}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			entities, err := c.List(ctx, Services, tc.filter)
			if err != nil {
				t.Fatal(err)
			}
			got := make([]string, 0, len(entities))
			for _, raw := range entities {
				var svc kong.Service
				if err := json.Unmarshal(raw, &svc); err != nil {
					t.Fatal(err)
				}
				got = append(got, kong.StringValue(svc.Name))
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("List(%q) = %v, want %v", tc.filter, got, tc.want)
			}
		})
	}

	t.Run("Kong's rejection of a filter is the error", func(t *testing.T) {
		if _, err := c.List(ctx, Services, "team-a,api-1/api-2"); err == nil {
			t.Error("a filter mixing ',' and '/' listed without error")
		}
	})
}

func TestListPagesBy1000(t *testing.T) {
	srv := kongtest.NewServer(kongtest.Options{})
	defer srv.Close()
	seedServices(t, srv, 2500, "owned")
	c, err := New(context.Background(), Config{AdminURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	srv.ResetStats()
	entities, err := c.List(context.Background(), Services, "owned")
	if err != nil {
		t.Fatal(err)
	}
	if len(entities) != 2500 {
		t.Errorf("%d entities, want 2500", len(entities))
	}
	if pages := srv.Stats().ByRoute["GET /services"]; pages != 3 {
		t.Errorf("%d list requests, want 3 pages of 1,000", pages)
	}
}
