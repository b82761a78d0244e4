package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run([]string{"-route", "/dev/api1", "-time", "2026-01-02T03:04:05Z", "-request-id", "r1",
		"../../testdata/alb-single-post-json.json"}, &out, &errOut)
	if err != nil {
		t.Fatal(err, errOut.String())
	}
	var ev map[string]any
	if err := json.Unmarshal(out.Bytes(), &ev); err != nil {
		t.Fatal(err)
	}
	if ev["version"] != "1.0" || ev["isBase64Encoded"] != true {
		t.Errorf("event %v", ev)
	}

	out.Reset()
	if err := run([]string{"-diff", "-route", "/dev/api1", "../../testdata/alb-single-get.json"}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "requestContext.identity.sourceIp\n  ALB:  (absent)\n  Kong: \"127.0.0.1\"\n  why:  `REMOTE_ADDR`") {
		t.Errorf("diff output:\n%s", out.String())
	}

	if err := run([]string{"../../testdata/alb-single-get.json", "../../testdata/alb-multi-get.json"}, &out, &errOut); err == nil {
		t.Error("several inputs without -out must fail")
	}
}
