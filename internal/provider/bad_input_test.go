package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// badInput is one invalid configuration: the body of a resource block and the attribute the error must
// name. Terraform prints the configuration line of the attribute a diagnostic is attached to (a resource-level
// diagnostic shows only the `resource` line), so the attribute's name in the error text means the error either
// points at the attribute or names it in its message.
type badInput struct {
	resource string
	body     string
	attr     string
}

// badInputCorpus is a catalogue of mistakes an infra team makes, each of which Kong would refuse. All of
// them must fail at plan, before anything is written.
var badInputCorpus = map[string]badInput{
	// kong_service
	"service port above 65535":          {"kong_service", `host = "a.example"` + "\n" + `port = 70000`, "port"},
	"service port negative":             {"kong_service", `host = "a.example"` + "\n" + `port = -1`, "port"},
	"service path without slash":        {"kong_service", `host = "a.example"` + "\n" + `path = "api"`, "path"},
	"service path with empty segment":   {"kong_service", `host = "a.example"` + "\n" + `path = "/a//b"`, "path"},
	"service path with a space":         {"kong_service", `host = "a.example"` + "\n" + `path = "/a b"`, "path"},
	"service path bad percent":          {"kong_service", `host = "a.example"` + "\n" + `path = "/a%zz"`, "path"},
	"service host with port":            {"kong_service", `host = "a.example:8080"`, "host"},
	"service host with scheme":          {"kong_service", `host = "http://a.example"`, "host"},
	"service host with underscore end":  {"kong_service", `host = "-a.example"`, "host"},
	"service host empty":                {"kong_service", `host = ""`, "host"},
	"service unknown protocol":          {"kong_service", `host = "a.example"` + "\n" + `protocol = "ftp"`, "protocol"},
	"service uppercase protocol":        {"kong_service", `host = "a.example"` + "\n" + `protocol = "HTTP"`, "protocol"},
	"service retries too many":          {"kong_service", `host = "a.example"` + "\n" + `retries = 40000`, "retries"},
	"service connect timeout zero":      {"kong_service", `host = "a.example"` + "\n" + `connect_timeout = 0`, "connect_timeout"},
	"service read timeout too long":     {"kong_service", `host = "a.example"` + "\n" + `read_timeout = 2147483647`, "read_timeout"},
	"service write timeout negative":    {"kong_service", `host = "a.example"` + "\n" + `write_timeout = -5`, "write_timeout"},
	"service name with space":           {"kong_service", `host = "a.example"` + "\n" + `name = "my api"`, "name"},
	"service name with slash":           {"kong_service", `host = "a.example"` + "\n" + `name = "api/v1"`, "name"},
	"service name empty":                {"kong_service", `host = "a.example"` + "\n" + `name = ""`, "name"},
	"service path on tcp":               {"kong_service", `host = "a.example"` + "\n" + `protocol = "tcp"` + "\n" + `path = "/x"`, "path"},
	"service path on grpc":              {"kong_service", `host = "a.example"` + "\n" + `protocol = "grpc"` + "\n" + `path = "/x"`, "path"},
	"service tls_verify on http":        {"kong_service", `host = "a.example"` + "\n" + `tls_verify = true`, "tls_verify"},
	"service tls depth on http":         {"kong_service", `host = "a.example"` + "\n" + `tls_verify_depth = 2`, "tls_verify_depth"},
	"service tls depth too deep":        {"kong_service", `host = "a.example"` + "\n" + `protocol = "https"` + "\n" + `tls_verify_depth = 65`, "tls_verify_depth"},
	"service CA that is no id":          {"kong_service", `host = "a.example"` + "\n" + `protocol = "https"` + "\n" + `ca_certificates = ["ca-1"]`, "ca_certificates"},
	"service client cert not an id":     {"kong_service", `host = "a.example"` + "\n" + `protocol = "https"` + "\n" + `client_certificate_id = "cert"`, "client_certificate_id"},
	"service client cert on http":       {"kong_service", `host = "a.example"` + "\n" + `client_certificate_id = "0b3b4bd1-f06e-4b4b-8c47-8d5b9a2b7f10"`, "client_certificate_id"},
	"service tag with comma":            {"kong_service", `host = "a.example"` + "\n" + `tags = ["a,b"]`, "tags"},
	"service tag with slash":            {"kong_service", `host = "a.example"` + "\n" + `tags = ["team/a"]`, "tags"},
	"service empty tag":                 {"kong_service", `host = "a.example"` + "\n" + `tags = [""]`, "tags"},
	"service missing host":              {"kong_service", `name = "x"`, "host"},

	// kong_route
	"route path without slash":           {"kong_route", `paths = ["api"]`, "paths"},
	"route path with empty segment":      {"kong_route", `paths = ["/api//v1"]`, "paths"},
	"route path not normalized":          {"kong_route", `paths = ["/api/../v1"]`, "paths"},
	"route regex that does not compile":  {"kong_route", `paths = ["~/api/(v1"]`, "paths"},
	"route lowercase method":             {"kong_route", `paths = ["/a"]` + "\n" + `methods = ["get"]`, "methods"},
	"route method with digits":           {"kong_route", `paths = ["/a"]` + "\n" + `methods = ["G3T"]`, "methods"},
	"route unknown protocol":             {"kong_route", `paths = ["/a"]` + "\n" + `protocols = ["http", "ftp"]`, "protocols"},
	"route mixed protocol groups":        {"kong_route", `paths = ["/a"]` + "\n" + `protocols = ["http", "tcp"]`, "protocols"},
	"route empty protocols":              {"kong_route", `paths = ["/a"]` + "\n" + `protocols = []`, "protocols"},
	"route redirect code 303":            {"kong_route", `paths = ["/a"]` + "\n" + `https_redirect_status_code = 303`, "https_redirect_status_code"},
	"route redirect code 200":            {"kong_route", `paths = ["/a"]` + "\n" + `https_redirect_status_code = 200`, "https_redirect_status_code"},
	"route path handling v2":             {"kong_route", `paths = ["/a"]` + "\n" + `path_handling = "v2"`, "path_handling"},
	"route host header":                  {"kong_route", `paths = ["/a"]` + "\n" + `headers = { host = ["a.example"] }`, "headers"},
	"route bad header name":              {"kong_route", `paths = ["/a"]` + "\n" + `headers = { "x api" = ["1"] }`, "headers"},
	"route host two wildcards":           {"kong_route", `hosts = ["*.a.*"]`, "hosts"},
	"route host wildcard in the middle":  {"kong_route", `hosts = ["a.*.example"]`, "hosts"},
	"route sni with port":                {"kong_route", `protocols = ["https"]` + "\n" + `paths = ["/a"]` + "\n" + `snis = ["a.example:443"]`, "snis"},
	"route sni that is an IP":            {"kong_route", `protocols = ["https"]` + "\n" + `paths = ["/a"]` + "\n" + `snis = ["10.0.0.1"]`, "snis"},
	"route snis over http only":          {"kong_route", `protocols = ["http"]` + "\n" + `paths = ["/a"]` + "\n" + `snis = ["a.example"]`, "snis"},
	"route nothing to match on":          {"kong_route", `name = "empty"`, "paths"},
	"route methods on tcp":               {"kong_route", `protocols = ["tcp"]` + "\n" + `methods = ["GET"]` + "\n" + `destinations = [{ ip = "10.0.0.1", port = 80 }]`, "methods"},
	"route paths on tcp":                 {"kong_route", `protocols = ["tcp"]` + "\n" + `paths = ["/a"]` + "\n" + `destinations = [{ ip = "10.0.0.1", port = 80 }]`, "paths"},
	"route sources on http":              {"kong_route", `paths = ["/a"]` + "\n" + `sources = [{ ip = "10.0.0.1", port = 80 }]`, "sources"},
	"route bad source ip":                {"kong_route", `protocols = ["tcp"]` + "\n" + `sources = [{ ip = "10.0.0.300", port = 80 }]`, "sources"},
	"route source port too high":         {"kong_route", `protocols = ["tcp"]` + "\n" + `sources = [{ ip = "10.0.0.1", port = 70000 }]`, "sources"},
	"route strip_path on grpc":           {"kong_route", `protocols = ["grpc"]` + "\n" + `paths = ["/a"]` + "\n" + `strip_path = true`, "strip_path"},
	"route methods on grpc":              {"kong_route", `protocols = ["grpc"]` + "\n" + `paths = ["/a"]` + "\n" + `methods = ["POST"]`, "methods"},
	"route service id not a uuid":        {"kong_route", `paths = ["/a"]` + "\n" + `service_id = "api1"`, "service_id"},
	"route name with space":              {"kong_route", `paths = ["/a"]` + "\n" + `name = "api 1"`, "name"},
	"route tag with slash":               {"kong_route", `paths = ["/a"]` + "\n" + `tags = ["a/b"]`, "tags"},
	"route tls_passthrough without snis": {"kong_route", `protocols = ["tls_passthrough"]` + "\n" + `destinations = [{ ip = "10.0.0.1", port = 443 }]`, "snis"},
	"route stream without criteria":      {"kong_route", `protocols = ["tcp"]`, "sources"},

	// kong_consumer
	"consumer with neither name nor id": {"kong_consumer", `tags = ["a"]`, "username"},
	"consumer empty username":           {"kong_consumer", `username = ""`, "username"},
	"consumer empty custom id":          {"kong_consumer", `custom_id = ""`, "custom_id"},
	"consumer tag with comma":           {"kong_consumer", `username = "a"` + "\n" + `tags = ["x,y"]`, "tags"},
	"consumer tag empty":                {"kong_consumer", `username = "a"` + "\n" + `tags = [""]`, "tags"},
}

func TestAccBadInputCorpus(t *testing.T) {
	var writesBefore int
	if testServer != nil {
		writesBefore = writeCount(testServer.Stats().ByRoute)
	}
	t.Run("cases", func(t *testing.T) {
		for name, tc := range badInputCorpus {
			t.Run(name, func(t *testing.T) {
				config := fmt.Sprintf("resource %q \"bad\" {\n%s\n}\n", tc.resource, tc.body)
				want := `(?s)Error: .*\b` + regexp.QuoteMeta(tc.attr) + `\b`
				resource.ParallelTest(t, resource.TestCase{
					PreCheck:                 func() { testAccPreCheck(t) },
					ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
					Steps: []resource.TestStep{{
						Config:      config,
						PlanOnly:    true,
						ExpectError: regexp.MustCompile(want),
					}},
				})
			})
		}
	})
	if testServer != nil {
		if after := writeCount(testServer.Stats().ByRoute); after != writesBefore {
			t.Fatalf("invalid configurations sent %d write request(s) to Kong", after-writesBefore)
		}
	}
	if n := len(badInputCorpus); n < 100 {
		t.Errorf("the corpus has %d invalid configurations; keep at least 100", n)
	}
}
