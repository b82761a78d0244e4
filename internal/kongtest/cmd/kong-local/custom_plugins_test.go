package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestRunCustomPlugins: with -custom-plugins the node validates the plugin's config like a bundled plugin's.
func TestRunCustomPlugins(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-custom-plugins", "openapi-request-validator"}, environment{listen: "127.0.0.1:0"}, outW)
		outW.Close()
	}()
	line, err := bufio.NewReader(outR).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the URL line: %v", err)
	}
	go func() { _, _ = io.Copy(io.Discard, outR) }()
	url := strings.TrimSpace(line[strings.LastIndex(line, " "):])
	validate := func(config string) int {
		resp, err := http.Post(url+"/schemas/plugins/validate", "application/json",
			strings.NewReader(`{"name":"openapi-request-validator","config":`+config+`}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := validate(`{"path_pattern":"/pets$","body_schemas":{"application/json":"{}"},"body_required":true}`); got != http.StatusOK {
		t.Errorf("valid config: %d, want 200", got)
	}
	if got := validate(`{"body_required":"yes"}`); got != http.StatusBadRequest {
		t.Errorf("invalid config: %d, want 400", got)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), []string{"-custom-plugins", "nope"}, environment{listen: "127.0.0.1:0"}, io.Discard); err == nil ||
		!strings.Contains(err.Error(), `no schema for plugin "nope"`) {
		t.Errorf("unknown plugin: %v", err)
	}
}
