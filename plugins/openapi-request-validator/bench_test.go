package main

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/kongform/terraform-provider-kong/internal/reqvalidate"
)

// Allocation budgets, checked by TestAllocationBudget: validating a request allocates nothing per config
// (rules are compiled once), only per value it reads. A small request (path, query, header and a 36-byte JSON
// body) stays under 150 allocations; a JSON body costs at most 1.25 allocations per byte (about one per byte
// measured: the JSON decoder and jsonschema's validator each allocate per value), so 128,000 for 100 KB.
const (
	smallBudget = 150
	largeBudget = 100 * 1024 * 5 / 4
)

func benchRules() reqvalidate.Rules {
	return reqvalidate.Rules{
		PathPattern: `/v1/pets/(?<petId>[^/]+)$`,
		ParameterSchema: []reqvalidate.Parameter{
			{Name: "petId", In: "path", Required: true, Style: "simple", Schema: `{"type":"integer"}`},
			{Name: "limit", In: "query", Style: "form", Explode: true, Schema: `{"type":"integer","maximum":100}`},
			{Name: "X-Request-Id", In: "header", Required: true, Style: "simple", Schema: `{"type":"string"}`},
		},
		BodySchemas: map[string]string{"application/json": `{"$defs":{"Pet":{"type":"object","required":["name"],` +
			`"properties":{"name":{"type":"string","minLength":1},"tag":{"type":["string","null"]},"age":{"type":"integer","minimum":0}}}},` +
			`"type":"array","items":{"$ref":"#/$defs/Pet"}}`},
		BodyRequired: true,
	}
}

func benchRequest(body []byte) *reqvalidate.Request {
	return &reqvalidate.Request{Path: "/v1/pets/42", RawQuery: "limit=10", Header: map[string][]string{"x-request-id": {"abc"}},
		ContentType: "application/json", Body: body}
}

func largeBody() []byte {
	var b bytes.Buffer
	b.WriteByte('[')
	for i := 0; b.Len() < 100*1024; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"name":"pet-%d","tag":"tag-%d","age":%d}`, i, i%7, i%20)
	}
	b.WriteByte(']')
	return b.Bytes()
}

var smallBody = []byte(`[{"name":"Rex","tag":null,"age":3}]`)

func benchValidate(b *testing.B, body []byte) {
	v, err := reqvalidate.Compile(benchRules())
	if err != nil {
		b.Fatal(err)
	}
	req := benchRequest(body)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if errs := v.Validate(req); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

// BenchmarkValidateSmall and BenchmarkValidate100KB are the plugin's CPU cost per request, without the
// round trips to Kong (one each for path, query, headers, content type and body).
func BenchmarkValidateSmall(b *testing.B) { benchValidate(b, smallBody) }
func BenchmarkValidate100KB(b *testing.B) { benchValidate(b, largeBody()) }

// BenchmarkCompile is what a config costs once per distinct config (cached by hash).
func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := reqvalidate.Compile(benchRules()); err != nil {
			b.Fatal(err)
		}
	}
}

func TestAllocationBudget(t *testing.T) {
	v, err := reqvalidate.Compile(benchRules())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		body   []byte
		budget float64
	}{{"small", smallBody, smallBudget}, {"100KB", largeBody(), largeBudget}} {
		req := benchRequest(c.body)
		got := testing.AllocsPerRun(5, func() { v.Validate(req) })
		if got > c.budget {
			t.Errorf("%s: %.0f allocations per request, budget %.0f", c.name, got, c.budget)
		}
		t.Logf("%s: %.0f allocations per request (budget %.0f)", c.name, got, c.budget)
	}
}
