package kongtest

import (
	"context"
	"errors"
	"testing"

	"github.com/kong/go-kong/kong"
)

// TestGoKongClient drives the server with go-kong v0.78.0, the client the provider
// uses, through the calls a provider makes.
func TestGoKongClient(t *testing.T) {
	s := NewServer(Options{})
	defer s.Close()
	ctx := context.Background()
	client, err := kong.NewClient(kong.String(s.URL), nil)
	if err != nil {
		t.Fatal(err)
	}

	root, err := client.Root(ctx)
	if err != nil {
		t.Fatal(err)
	}
	version, err := kong.ParseSemanticVersion(kong.VersionFromInfo(root))
	if err != nil || version.Major() != 3 || version.Minor() != 9 || version.IsKongGatewayEnterprise() {
		t.Fatalf("version from GET / = %v (%v), want OSS 3.9", version, err)
	}

	// Create with an ID sends PUT /services/{id}: an idempotent create.
	svc := &kong.Service{ID: kong.String(svcID), Name: kong.String("svc"), URL: kong.String("https://example.com/api"),
		Tags: kong.StringSlice("team-a", "tf")}
	for i := 0; i < 2; i++ {
		created, err := client.Services.Create(ctx, svc)
		if err != nil {
			t.Fatalf("Services.Create #%d: %v", i, err)
		}
		if *created.ID != svcID || *created.Protocol != "https" || *created.Port != 443 || *created.Path != "/api" {
			t.Fatalf("Services.Create = %+v", created)
		}
	}
	got, err := client.Services.Get(ctx, kong.String("svc"))
	if err != nil || *got.ID != svcID || *got.Retries != 5 {
		t.Fatalf("Services.Get by name = %+v, %v", got, err)
	}
	if _, err := client.Services.Create(ctx, &kong.Service{Name: kong.String("other"), Host: kong.String("b.test"), Tags: kong.StringSlice("team-b")}); err != nil {
		t.Fatal(err)
	}
	tagged, err := client.Services.ListAll(ctx)
	if err != nil || len(tagged) != 2 {
		t.Fatalf("Services.ListAll = %d services, %v", len(tagged), err)
	}
	services, _, err := client.Services.List(ctx, &kong.ListOpt{Tags: kong.StringSlice("team-a", "tf"), MatchAllTags: true})
	if err != nil || len(services) != 1 || *services[0].ID != svcID {
		t.Fatalf("Services.List with tags = %v, %v", services, err)
	}

	route, err := client.Routes.CreateInService(ctx, kong.String(svcID), &kong.Route{Name: kong.String("r"), Paths: kong.StringSlice("/r")})
	if err != nil || *route.Service.ID != svcID {
		t.Fatalf("Routes.CreateInService = %+v, %v", route, err)
	}
	if _, err := client.Routes.Update(ctx, &kong.Route{ID: route.ID, Methods: kong.StringSlice("GET")}); err != nil {
		t.Fatalf("Routes.Update (PATCH): %v", err)
	}

	consumer, err := client.Consumers.Create(ctx, &kong.Consumer{Username: kong.String("bob"), CustomID: kong.String("c-1")})
	if err != nil {
		t.Fatal(err)
	}
	if byCustom, err := client.Consumers.GetByCustomID(ctx, kong.String("c-1")); err != nil || *byCustom.ID != *consumer.ID {
		t.Fatalf("Consumers.GetByCustomID = %+v, %v", byCustom, err)
	}

	plugin, err := client.Plugins.CreateForService(ctx, kong.String("svc"), &kong.Plugin{
		ID: kong.String(pluginID), Name: kong.String("key-auth"), Config: kong.Configuration{"key_names": []string{"x-api-key"}}})
	if err != nil {
		t.Fatalf("Plugins.CreateForService: %v", err)
	}
	if names := plugin.Config["key_names"].([]any); len(names) != 1 || names[0] != "x-api-key" || plugin.Config["key_in_header"] != true {
		t.Fatalf("plugin config = %v", plugin.Config)
	}
	if _, err := client.Plugins.Create(ctx, &kong.Plugin{Name: kong.String("key-auth"), Service: &kong.Service{ID: kong.String(svcID)}}); !isStatus(err, 409) {
		t.Fatalf("second key-auth on the service: err %v, want a 409", err)
	}
	plugins, err := client.Plugins.ListAllForService(ctx, kong.String(svcID))
	if err != nil || len(plugins) != 1 {
		t.Fatalf("Plugins.ListAllForService = %v, %v", plugins, err)
	}
	if ok, msg, err := client.Plugins.Validate(ctx, &kong.Plugin{Name: kong.String("cors"), Config: kong.Configuration{"credentials": "yes"}}); ok || err != nil || msg == "" {
		t.Fatalf("Plugins.Validate = %v %q %v, want a validation message", ok, msg, err)
	}
	if _, err := client.Plugins.GetFullSchema(ctx, kong.String("key-auth")); err != nil {
		t.Fatalf("Plugins.GetFullSchema: %v", err)
	}

	cred, err := client.KeyAuths.Create(ctx, kong.String("bob"), &kong.KeyAuth{ID: kong.String(keyID), Key: kong.String("secret")})
	if err != nil || *cred.Key != "secret" || *cred.Consumer.ID != *consumer.ID {
		t.Fatalf("KeyAuths.Create = %+v, %v", cred, err)
	}
	if got, err := client.KeyAuths.Get(ctx, kong.String("bob"), kong.String("secret")); err != nil || *got.ID != keyID {
		t.Fatalf("KeyAuths.Get = %+v, %v", got, err)
	}
	if list, _, err := client.KeyAuths.ListForConsumer(ctx, kong.String("bob"), nil); err != nil || len(list) != 1 {
		t.Fatalf("KeyAuths.ListForConsumer = %v, %v", list, err)
	}

	if err := client.Services.Delete(ctx, kong.String("svc")); err == nil {
		t.Fatal("deleting a service with routes succeeded, want Kong's 400")
	}
	for _, del := range []func() error{
		func() error { return client.KeyAuths.Delete(ctx, kong.String("bob"), kong.String(keyID)) },
		func() error { return client.Plugins.Delete(ctx, kong.String(pluginID)) },
		func() error { return client.Routes.Delete(ctx, route.ID) },
		func() error { return client.Services.Delete(ctx, kong.String("svc")) },
		func() error { return client.Services.Delete(ctx, kong.String("svc")) }, // a second delete is still 204
	} {
		if err := del(); err != nil {
			t.Fatalf("delete: %v", err)
		}
	}
	if _, err := client.Services.Get(ctx, kong.String(svcID)); !kong.IsNotFoundErr(err) {
		t.Fatalf("Get after delete: %v, want not found", err)
	}
	if _, err := client.Services.Update(ctx, &kong.Service{ID: kong.String(svcID), Retries: kong.Int(1)}); !kong.IsNotFoundErr(err) {
		t.Fatalf("Update of a deleted service: %v, want not found", err)
	}
}

func isStatus(err error, code int) bool {
	var apiErr *kong.APIError
	return errors.As(err, &apiErr) && apiErr.Code() == code
}
