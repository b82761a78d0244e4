package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestRunServesUntilCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-enterprise", "-router-flavor", "traditional"}, environment{listen: "127.0.0.1:0", adminToken: "tok"}, outW)
		outW.Close()
	}()
	line, err := bufio.NewReader(outR).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the URL line: %v", err)
	}
	url := strings.TrimSpace(line[strings.LastIndex(line, " "):])
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("printed line %q has no 127.0.0.1 URL", line)
	}
	unauthorized, err := http.Get(url + "/")
	if err != nil {
		t.Fatal(err)
	}
	unauthorized.Body.Close()
	if unauthorized.StatusCode != http.StatusUnauthorized {
		t.Fatalf("GET / without the admin token: %d, want 401", unauthorized.StatusCode)
	}
	req, _ := http.NewRequest("GET", url+"/", nil)
	req.Header.Set("Kong-Admin-Token", "tok")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	err = json.NewDecoder(resp.Body).Decode(&root)
	resp.Body.Close()
	if err != nil || root["edition"] != "enterprise" {
		t.Fatalf("GET / = %v, %v; want an enterprise node", root, err)
	}
	if conf, _ := root["configuration"].(map[string]any); conf["router_flavor"] != "traditional" {
		t.Fatalf("GET / configuration = %v; want router_flavor traditional", conf)
	}
	go func() { _, _ = io.Copy(io.Discard, outR) }()
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run after cancel: %v", err)
	}
	if _, err := http.Get(url + "/"); err == nil {
		t.Fatal("server still answers after shutdown")
	}
}

func TestRunRejectsUnmodelledRouterFlavors(t *testing.T) {
	for _, flavor := range []string{"expressions", "nope", ""} {
		if err := run(context.Background(), []string{"-router-flavor", flavor}, environment{listen: "127.0.0.1:0"}, io.Discard); err == nil {
			t.Errorf("-router-flavor %q accepted", flavor)
		}
	}
}

func TestRunRejectsUnknownFlags(t *testing.T) {
	if err := run(context.Background(), []string{"-bogus"}, environment{listen: "127.0.0.1:0"}, io.Discard); err == nil {
		t.Fatal("run accepted an unknown flag")
	}
}

func TestRunReadOnlyToken(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, nil, environment{listen: "127.0.0.1:0", adminToken: "tok", readOnlyToken: "reader"}, outW)
		outW.Close()
	}()
	line, err := bufio.NewReader(outR).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go func() { _, _ = io.Copy(io.Discard, outR) }()
	url := strings.TrimSpace(line[strings.LastIndex(line, " "):])
	status := func(method, path string) int {
		req, _ := http.NewRequest(method, url+path, strings.NewReader(`{"name":"key-auth"}`))
		req.Header.Set("Kong-Admin-Token", "reader")
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := status("GET", "/services"); got != http.StatusOK {
		t.Errorf("read-only GET: %d", got)
	}
	if got := status("POST", "/schemas/plugins/validate"); got != http.StatusForbidden {
		t.Errorf("read-only validate: %d, want 403", got)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestUsageNamesTheEnvironment(t *testing.T) {
	var out strings.Builder
	_ = run(context.Background(), []string{"-h"}, environment{listen: "127.0.0.1:0"}, &out)
	if !strings.Contains(out.String(), "KONG_LOCAL_READONLY_TOKEN") {
		t.Fatalf("usage does not document KONG_LOCAL_READONLY_TOKEN:\n%s", out.String())
	}
}
