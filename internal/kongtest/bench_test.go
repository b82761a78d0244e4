package kongtest

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
)

// The provider benchmark sends tens of thousands of requests; these show the cost
// of the common ones inside the handler (no network).

func serve(b *testing.B, s *Server, method, path, body string) int {
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w.Code
}

func seedServices(b *testing.B, s *Server, n int) {
	for i := 0; i < n; i++ {
		if code := serve(b, s, "PUT", fmt.Sprintf("/services/svc-%d", i), `{"host":"a.test","tags":["bench"]}`); code != 200 {
			b.Fatalf("seed: %d", code)
		}
	}
}

func BenchmarkPutService(b *testing.B) {
	s := NewUnstartedServer(Options{})
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if code := serve(b, s, "PUT", fmt.Sprintf("/services/svc-%d", i%1000), `{"host":"a.test","port":8080,"tags":["bench"]}`); code != 200 {
			b.Fatalf("status %d", code)
		}
	}
}

func BenchmarkGetServiceByName(b *testing.B) {
	s := NewUnstartedServer(Options{})
	seedServices(b, s, 10000)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if code := serve(b, s, "GET", fmt.Sprintf("/services/svc-%d", i%10000), ""); code != 200 {
			b.Fatalf("status %d", code)
		}
	}
}

func BenchmarkListServicesPage(b *testing.B) {
	s := NewUnstartedServer(Options{})
	seedServices(b, s, 10000)
	b.ReportAllocs()
	for b.Loop() {
		if code := serve(b, s, "GET", "/services?size=100&offset="+encodeOffset(s.tables["services"].ids[5000]), ""); code != 200 {
			b.Fatalf("status %d", code)
		}
	}
}

func BenchmarkCreateAndDeletePlugin(b *testing.B) {
	s := NewUnstartedServer(Options{})
	seedServices(b, s, 1)
	b.ReportAllocs()
	for b.Loop() {
		if code := serve(b, s, "PUT", "/services/svc-0/plugins/"+pluginID, `{"name":"aws-lambda","config":{"function_name":"f","aws_region":"eu-west-1"}}`); code != 200 {
			b.Fatalf("status %d", code)
		}
		if code := serve(b, s, "DELETE", "/plugins/"+pluginID, ""); code != 204 {
			b.Fatalf("status %d", code)
		}
	}
}
