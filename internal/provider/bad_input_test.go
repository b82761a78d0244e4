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

// oddInput is a badInput whose error must also match want, a regular expression: it proves the error is the
// provider's explanation, not a framework error that blames the provider.
type oddInput struct {
	resource string
	body     string
	attr     string
	want     string
}

// badInputCorpus is a catalogue of mistakes an infra team makes, each of which Kong would refuse. All of
// them must fail at plan, before anything is written.
var badInputCorpus = map[string]badInput{
	// kong_service
	"service port above 65535":         {"kong_service", `host = "a.example"` + "\n" + `port = 70000`, "port"},
	"service port negative":            {"kong_service", `host = "a.example"` + "\n" + `port = -1`, "port"},
	"service path without slash":       {"kong_service", `host = "a.example"` + "\n" + `path = "api"`, "path"},
	"service path with empty segment":  {"kong_service", `host = "a.example"` + "\n" + `path = "/a//b"`, "path"},
	"service path with a space":        {"kong_service", `host = "a.example"` + "\n" + `path = "/a b"`, "path"},
	"service path bad percent":         {"kong_service", `host = "a.example"` + "\n" + `path = "/a%zz"`, "path"},
	"service host with port":           {"kong_service", `host = "a.example:8080"`, "host"},
	"service host with scheme":         {"kong_service", `host = "http://a.example"`, "host"},
	"service host with underscore end": {"kong_service", `host = "-a.example"`, "host"},
	"service host empty":               {"kong_service", `host = ""`, "host"},
	"service unknown protocol":         {"kong_service", `host = "a.example"` + "\n" + `protocol = "ftp"`, "protocol"},
	"service uppercase protocol":       {"kong_service", `host = "a.example"` + "\n" + `protocol = "HTTP"`, "protocol"},
	"service retries too many":         {"kong_service", `host = "a.example"` + "\n" + `retries = 40000`, "retries"},
	"service connect timeout zero":     {"kong_service", `host = "a.example"` + "\n" + `connect_timeout = 0`, "connect_timeout"},
	"service read timeout too long":    {"kong_service", `host = "a.example"` + "\n" + `read_timeout = 2147483647`, "read_timeout"},
	"service write timeout negative":   {"kong_service", `host = "a.example"` + "\n" + `write_timeout = -5`, "write_timeout"},
	"service name with space":          {"kong_service", `host = "a.example"` + "\n" + `name = "my api"`, "name"},
	"service name with slash":          {"kong_service", `host = "a.example"` + "\n" + `name = "api/v1"`, "name"},
	"service name empty":               {"kong_service", `host = "a.example"` + "\n" + `name = ""`, "name"},
	"service path on tcp":              {"kong_service", `host = "a.example"` + "\n" + `protocol = "tcp"` + "\n" + `path = "/x"`, "path"},
	"service path on grpc":             {"kong_service", `host = "a.example"` + "\n" + `protocol = "grpc"` + "\n" + `path = "/x"`, "path"},
	"service tls_verify on http":       {"kong_service", `host = "a.example"` + "\n" + `tls_verify = true`, "tls_verify"},
	"service tls depth on http":        {"kong_service", `host = "a.example"` + "\n" + `tls_verify_depth = 2`, "tls_verify_depth"},
	"service tls depth too deep":       {"kong_service", `host = "a.example"` + "\n" + `protocol = "https"` + "\n" + `tls_verify_depth = 65`, "tls_verify_depth"},
	"service CA that is no id":         {"kong_service", `host = "a.example"` + "\n" + `protocol = "https"` + "\n" + `ca_certificates = ["ca-1"]`, "ca_certificates"},
	"service client cert not an id":    {"kong_service", `host = "a.example"` + "\n" + `protocol = "https"` + "\n" + `client_certificate_id = "cert"`, "client_certificate_id"},
	"service client cert on http":      {"kong_service", `host = "a.example"` + "\n" + `client_certificate_id = "` + wellFormedID + `"`, "client_certificate_id"},
	"service tag with comma":           {"kong_service", `host = "a.example"` + "\n" + `tags = ["a,b"]`, "tags"},
	"service tag with slash":           {"kong_service", `host = "a.example"` + "\n" + `tags = ["team/a"]`, "tags"},
	"service empty tag":                {"kong_service", `host = "a.example"` + "\n" + `tags = [""]`, "tags"},
	"service missing host":             {"kong_service", `name = "x"`, "host"},

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

	// kong_plugin: Kong's validator judges the config during the plan. Its complaints sit on `config` and
	// name the field, from the plugin down (config.minute) or, in a check across fields, by its own name
	// (hour); attr holds that name, which is stricter than `config`.
	"plugin unknown name":                   {"kong_plugin", `name = "rate-limit"`, "name"},
	"plugin name with space":                {"kong_plugin", `name = "rate limiting"`, "name"},
	"plugin missing name":                   {"kong_plugin", `config = { minute = 10 }`, "name"},
	"plugin enterprise-only on OSS":         {"kong_plugin", `name = "request-validator"` + "\n" + `config = { body_schema = "[]" }`, "name"},
	"plugin config not an object":           {"kong_plugin", `name = "cors"` + "\n" + `config = "origins=*"`, "config"},
	"plugin config field typo":              {"kong_plugin", `name = "rate-limiting"` + "\n" + `config = { minute = 10, polcy = "local" }`, "config.polcy"},
	"plugin config number as text":          {"kong_plugin", `name = "rate-limiting"` + "\n" + `config = { minute = "ten" }`, "config.minute"},
	"plugin config bool as text":            {"kong_plugin", `name = "key-auth"` + "\n" + `config = { hide_credentials = "yes" }`, "config.hide_credentials"},
	"plugin config list as text":            {"kong_plugin", `name = "key-auth"` + "\n" + `config = { key_names = "apikey" }`, "config.key_names"},
	"plugin http-log without endpoint":      {"kong_plugin", `name = "http-log"` + "\n" + `config = { method = "PUT" }`, "config.http_endpoint"},
	"plugin file-log without path":          {"kong_plugin", `name = "file-log"` + "\n" + `config = { reopen = true }`, "config.path"},
	"plugin http-log endpoint not a url":    {"kong_plugin", `name = "http-log"` + "\n" + `config = { http_endpoint = "logs.internal" }`, "config.http_endpoint"},
	"plugin rate limit of zero":             {"kong_plugin", `name = "rate-limiting"` + "\n" + `config = { minute = 0 }`, "config.minute"},
	"plugin termination status 700":         {"kong_plugin", `name = "request-termination"` + "\n" + `config = { status_code = 700 }`, "config.status_code"},
	"plugin queue batch size zero":          {"kong_plugin", `name = "http-log"` + "\n" + `config = { http_endpoint = "http://logs.internal/kong", queue = { max_batch_size = 0 } }`, "config.queue.max_batch_size"},
	"plugin unknown policy":                 {"kong_plugin", `name = "rate-limiting"` + "\n" + `config = { minute = 10, policy = "memory" }`, "config.policy"},
	"plugin unknown generator":              {"kong_plugin", `name = "correlation-id"` + "\n" + `config = { generator = "random" }`, "config.generator"},
	"plugin acl allow and deny":             {"kong_plugin", `name = "acl"` + "\n" + `config = { allow = ["orders"], deny = ["guests"] }`, "config.allow"},
	"plugin acl without groups":             {"kong_plugin", `name = "acl"` + "\n" + `config = { hide_groups_header = true }`, "config.allow"},
	"plugin rate limiting without limit":    {"kong_plugin", `name = "rate-limiting"` + "\n" + `config = { policy = "local" }`, "config.minute"},
	"plugin limit by header without name":   {"kong_plugin", `name = "rate-limiting"` + "\n" + `config = { minute = 10, limit_by = "header" }`, "config.header_name"},
	"plugin redis policy without host":      {"kong_plugin", `name = "rate-limiting"` + "\n" + `config = { minute = 10, policy = "redis" }`, "config.redis.host"},
	"plugin hour limit below minute limit":  {"kong_plugin", `name = "rate-limiting"` + "\n" + `config = { minute = 20, hour = 10 }`, "hour"},
	"plugin ip-restriction bad address":     {"kong_plugin", `name = "ip-restriction"` + "\n" + `config = { allow = ["10.0.0.300"] }`, "config.allow"},
	"plugin transformer header no value":    {"kong_plugin", `name = "request-transformer"` + "\n" + `config = { add = { headers = ["X-Api"] } }`, "config.add.headers"},
	"plugin service id not a uuid":          {"kong_plugin", `name = "cors"` + "\n" + `service_id = "orders"`, "service_id"},
	"plugin route id not a uuid":            {"kong_plugin", `name = "cors"` + "\n" + `route_id = "orders-route"`, "route_id"},
	"plugin consumer id not a uuid":         {"kong_plugin", `name = "rate-limiting"` + "\n" + `config = { minute = 10 }` + "\n" + `consumer_id = "alice"`, "consumer_id"},
	"plugin key-auth on a consumer":         {"kong_plugin", `name = "key-auth"` + "\n" + `consumer_id = "` + wellFormedID + `"`, "consumer_id"},
	"plugin acl on a consumer":              {"kong_plugin", `name = "acl"` + "\n" + `config = { allow = ["orders"] }` + "\n" + `consumer_id = "` + wellFormedID + `"`, "consumer_id"},
	"plugin stream protocol on http plugin": {"kong_plugin", `name = "cors"` + "\n" + `protocols = ["tcp"]`, "protocols"},
	"plugin unknown protocol":               {"kong_plugin", `name = "file-log"` + "\n" + `config = { path = "/tmp/kong.log" }` + "\n" + `protocols = ["ftp"]`, "protocols"},
	"plugin instance name with space":       {"kong_plugin", `name = "cors"` + "\n" + `instance_name = "orders cors"`, "instance_name"},
	"plugin instance name empty":            {"kong_plugin", `name = "cors"` + "\n" + `instance_name = ""`, "instance_name"},
	"plugin tag with comma":                 {"kong_plugin", `name = "cors"` + "\n" + `tags = ["team,orders"]`, "tags"},
	"plugin enabled as text":                {"kong_plugin", `name = "cors"` + "\n" + `enabled = "on"`, "enabled"},

	// kong_plugin_aws_lambda
	"lambda ARN with short account":        {"kong_plugin_aws_lambda", `function_name = "arn:aws:lambda:eu-west-1:1234:function:orders"`, "function_name"},
	"lambda ARN of another service":        {"kong_plugin_aws_lambda", `function_name = "arn:aws:s3:::orders-bucket"`, "function_name"},
	"lambda function name with space":      {"kong_plugin_aws_lambda", `function_name = "orders api"`, "function_name"},
	"lambda region contradicts ARN":        {"kong_plugin_aws_lambda", `function_name = "` + ordersFunctionARN + `"` + "\n" + `aws_region = "us-east-1"`, "aws_region"},
	"lambda qualifier contradicts ARN":     {"kong_plugin_aws_lambda", `function_name = "` + ordersFunctionARN + `:live"` + "\n" + `qualifier = "prod"`, "qualifier"},
	"lambda region with port":              {"kong_plugin_aws_lambda", `function_name = "orders"` + "\n" + `aws_region = "eu-west-1:443"`, "aws_region"},
	"lambda unknown invocation type":       {"kong_plugin_aws_lambda", `function_name = "orders"` + "\n" + `invocation_type = "Async"`, "invocation_type"},
	"lambda unknown log type":              {"kong_plugin_aws_lambda", `function_name = "orders"` + "\n" + `log_type = "Full"`, "log_type"},
	"lambda timeout as duration":           {"kong_plugin_aws_lambda", `function_name = "orders"` + "\n" + `timeout = "60s"`, "timeout"},
	"lambda keepalive as text":             {"kong_plugin_aws_lambda", `function_name = "orders"` + "\n" + `keepalive = "forever"`, "keepalive"},
	"lambda port above 65535":              {"kong_plugin_aws_lambda", `function_name = "orders"` + "\n" + `port = 70000`, "port"},
	"lambda host with port":                {"kong_plugin_aws_lambda", `function_name = "orders"` + "\n" + `host = "vpce-0a1b.lambda.eu-west-1.vpce.amazonaws.com:443"`, "host"},
	"lambda imds version 3":                {"kong_plugin_aws_lambda", `function_name = "orders"` + "\n" + `aws_imds_protocol_version = "v3"`, "aws_imds_protocol_version"},
	"lambda unknown empty arrays mode":     {"kong_plugin_aws_lambda", `function_name = "orders"` + "\n" + `empty_arrays_mode = "strict"`, "empty_arrays_mode"},
	"lambda https proxy":                   {"kong_plugin_aws_lambda", `function_name = "orders"` + "\n" + `proxy_url = "https://proxy.internal:3128"`, "proxy_url"},
	"lambda unhandled status 1000":         {"kong_plugin_aws_lambda", `function_name = "orders"` + "\n" + `unhandled_status = 1000`, "unhandled_status"},
	"lambda sts endpoint without scheme":   {"kong_plugin_aws_lambda", `function_name = "orders"` + "\n" + `aws_sts_endpoint_url = "sts.eu-west-1.amazonaws.com"`, "aws_sts_endpoint_url"},
	"lambda key without secret":            {"kong_plugin_aws_lambda", `function_name = "orders"` + "\n" + `aws_key = "AKIAEXAMPLEKEY"`, "aws_key"},
	"lambda write-only secret unversioned": {"kong_plugin_aws_lambda", `function_name = "orders"` + "\n" + `aws_key = "AKIAEXAMPLEKEY"` + "\n" + `aws_secret_wo = "example-secret"`, "aws_secret_wo_version"},
	"lambda stream protocol":               {"kong_plugin_aws_lambda", `function_name = "orders"` + "\n" + `protocols = ["tcp"]`, "protocols"},

	// kong_plugin_cors
	"cors lowercase method":    {"kong_plugin_cors", `methods = ["get"]`, "methods"},
	"cors origin bad regex":    {"kong_plugin_cors", `origins = ["https://(ui.example.com"]`, "origins"},
	"cors max age as duration": {"kong_plugin_cors", `max_age = "1h"`, "max_age"},
	"cors credentials as text": {"kong_plugin_cors", `credentials = "yes"`, "credentials"},
	"cors on a consumer":       {"kong_plugin_cors", `consumer_id = "` + wellFormedID + `"`, "consumer_id"},
	"cors udp protocol":        {"kong_plugin_cors", `protocols = ["udp"]`, "protocols"},
	"cors route id not a uuid": {"kong_plugin_cors", `route_id = "ui"`, "route_id"},

	// kong_plugin_key_auth
	"key-auth key name with space": {"kong_plugin_key_auth", `key_names = ["api key"]`, "key_names"},
	"key-auth key name with colon": {"kong_plugin_key_auth", `key_names = ["x-api:key"]`, "key_names"},
	"key-auth on a consumer":       {"kong_plugin_key_auth", `consumer_id = "` + wellFormedID + `"`, "consumer_id"},
	"key-auth tls protocol":        {"kong_plugin_key_auth", `protocols = ["tls"]`, "protocols"},
	"key-auth switch as text":      {"kong_plugin_key_auth", `key_in_query = "no"`, "key_in_query"},
	"key-auth instance name slash": {"kong_plugin_key_auth", `instance_name = "orders/key-auth"`, "instance_name"},

	// kong_consumer_key_auth
	"key credential ttl negative":        {"kong_consumer_key_auth", `consumer_id = "` + wellFormedID + `"` + "\n" + `ttl = -1`, "ttl"},
	"key credential ttl above 1e8":       {"kong_consumer_key_auth", `consumer_id = "` + wellFormedID + `"` + "\n" + `ttl = 100000001`, "ttl"},
	"key credential key without version": {"kong_consumer_key_auth", `consumer_id = "` + wellFormedID + `"` + "\n" + `key_wo = "k-123"`, "key_wo_version"},
	"key credential version without key": {"kong_consumer_key_auth", `consumer_id = "` + wellFormedID + `"` + "\n" + `key_wo_version = 1`, "key_wo"},
	"key credential empty key":           {"kong_consumer_key_auth", `consumer_id = "` + wellFormedID + `"` + "\n" + `key_wo = ""` + "\n" + `key_wo_version = 1`, "key_wo"},
	"key credential consumer not a uuid": {"kong_consumer_key_auth", `consumer_id = "alice"`, "consumer_id"},
	"key credential without consumer":    {"kong_consumer_key_auth", `ttl = 3600`, "consumer_id"},
	"key credential tag with slash":      {"kong_consumer_key_auth", `consumer_id = "` + wellFormedID + `"` + "\n" + `tags = ["team/orders"]`, "tags"},

	// kong_consumer_acl
	"acl empty group":         {"kong_consumer_acl", `consumer_id = "` + wellFormedID + `"` + "\n" + `group = ""`, "group"},
	"acl without group":       {"kong_consumer_acl", `consumer_id = "` + wellFormedID + `"`, "group"},
	"acl consumer not a uuid": {"kong_consumer_acl", `consumer_id = "alice"` + "\n" + `group = "orders"`, "consumer_id"},
	"acl without consumer":    {"kong_consumer_acl", `group = "orders"`, "consumer_id"},
	"acl tag with comma":      {"kong_consumer_acl", `consumer_id = "` + wellFormedID + `"` + "\n" + `group = "orders"` + "\n" + `tags = ["a,b"]`, "tags"},
}

// Issue 12: inputs an attacker would try. Each used to pass plan and fail at apply, or fail at plan with an
// error blaming the provider.
var oddInputCorpus = map[string]oddInput{
	// null elements inside lists, sets and maps
	"service tag null":             {"kong_service", `host = "a.example"` + "\n" + `tags = [null, "a"]`, "tags", nullElement},
	"service CA null":              {"kong_service", `host = "a.example"` + "\n" + `protocol = "https"` + "\n" + `ca_certificates = [null]`, "ca_certificates", nullElement},
	"route path null":              {"kong_route", `paths = [null]`, "paths", nullElement},
	"route path null among others": {"kong_route", `paths = ["/a", null]`, "paths", nullElement},
	"route method null":            {"kong_route", `paths = ["/a"]` + "\n" + `methods = ["GET", null]`, "methods", nullElement},
	"route host null":              {"kong_route", `hosts = ["a.example", null]`, "hosts", nullElement},
	"route sni null":               {"kong_route", `protocols = ["https"]` + "\n" + `paths = ["/a"]` + "\n" + `snis = [null]`, "snis", nullElement},
	"route protocol null":          {"kong_route", `paths = ["/a"]` + "\n" + `protocols = ["http", null]`, "protocols", nullElement},
	"route header values null":     {"kong_route", `paths = ["/a"]` + "\n" + `headers = { x-api = null }`, "headers", nullElement},
	"route header value null":      {"kong_route", `paths = ["/a"]` + "\n" + `headers = { x-api = ["1", null] }`, "headers", nullElement},
	"route source null":            {"kong_route", `protocols = ["tcp"]` + "\n" + `sources = [null]`, "sources", nullElement},
	"route destination null":       {"kong_route", `protocols = ["tcp"]` + "\n" + `destinations = [{ ip = "10.0.0.1" }, null]`, "destinations", nullElement},
	"route tag null":               {"kong_route", `paths = ["/a"]` + "\n" + `tags = [null]`, "tags", nullElement},
	"consumer tag null":            {"kong_consumer", `username = "a"` + "\n" + `tags = ["x", null]`, "tags", nullElement},
	"acl tag null":                 {"kong_consumer_acl", `consumer_id = "` + wellFormedID + `"` + "\n" + `group = "orders"` + "\n" + `tags = [null]`, "tags", nullElement},
	"key credential tag null":      {"kong_consumer_key_auth", `consumer_id = "` + wellFormedID + `"` + "\n" + `tags = [null]`, "tags", nullElement},

	// numbers that are not whole, or beyond int64
	"service port with a fraction":    {"kong_service", `host = "a.example"` + "\n" + `port = 443.5`, "port", `port must be a whole number`},
	"service port beyond int64":       {"kong_service", `host = "a.example"` + "\n" + `port = 9223372036854775808`, "port", `port must be a whole number`},
	"service port 1e100":              {"kong_service", `host = "a.example"` + "\n" + `port = 1e100`, "port", `port must be a whole number`},
	"service retries with a fraction": {"kong_service", `host = "a.example"` + "\n" + `retries = 2.5`, "retries", `retries must be a whole number`},
	"service timeout below int64":     {"kong_service", `host = "a.example"` + "\n" + `write_timeout = -9223372036854775809`, "write_timeout", `write_timeout must be a whole number`},
	"service connect timeout tiny":    {"kong_service", `host = "a.example"` + "\n" + `connect_timeout = 0.001`, "connect_timeout", `connect_timeout must be a whole number`},
	"service read timeout fraction":   {"kong_service", `host = "a.example"` + "\n" + `read_timeout = 60000.25`, "read_timeout", `read_timeout must be a whole number`},
	"service tls depth fraction":      {"kong_service", `host = "a.example"` + "\n" + `protocol = "https"` + "\n" + `tls_verify_depth = 1.5`, "tls_verify_depth", `tls_verify_depth must be a whole number`},
	"route regex priority fraction":   {"kong_route", `paths = ["~/a"]` + "\n" + `regex_priority = 0.5`, "regex_priority", `regex_priority must be a whole number`},
	"route redirect code fraction":    {"kong_route", `paths = ["/a"]` + "\n" + `https_redirect_status_code = 301.5`, "https_redirect_status_code", `https_redirect_status_code must be a whole number`},
	"route source port fraction":      {"kong_route", `protocols = ["tcp"]` + "\n" + `sources = [{ ip = "10.0.0.1", port = 80.5 }]`, "port", `port must be a whole number`},
	"route destination port huge":     {"kong_route", `protocols = ["tcp"]` + "\n" + `destinations = [{ port = -1e20 }]`, "port", `port must be a whole number`},
	"key credential ttl fraction":     {"kong_consumer_key_auth", `consumer_id = "` + wellFormedID + `"` + "\n" + `ttl = 1.5`, "ttl", `ttl must be a whole number`},
	"key credential version fraction": {"kong_consumer_key_auth", `consumer_id = "` + wellFormedID + `"` + "\n" + `key_wo = "k-1"` + "\n" + `key_wo_version = 1.5`, "key_wo_version", `key_wo_version must be a whole number`},
	"key credential ttl beyond int64": {"kong_consumer_key_auth", `consumer_id = "` + wellFormedID + `"` + "\n" + `ttl = 18446744073709551616`, "ttl", `ttl must be a whole number`},

	// empty collections where Kong needs something to match on, empty and blank strings
	"route only empty paths":            {"kong_route", `paths = []`, "paths", ""},
	"route only empty methods":          {"kong_route", `methods = []`, "paths", ""},
	"route only empty hosts":            {"kong_route", `hosts = []`, "paths", ""},
	"route https only empty snis":       {"kong_route", `protocols = ["https"]` + "\n" + `snis = []`, "paths", ""},
	"route tcp only empty sources":      {"kong_route", `protocols = ["tcp"]` + "\n" + `sources = []`, "sources", ""},
	"route header with empty name":      {"kong_route", `paths = ["/a"]` + "\n" + `headers = { "" = ["1"] }`, "headers", ""},
	"route header without values":       {"kong_route", `paths = ["/a"]` + "\n" + `headers = { x-api = [] }`, "headers", ""},
	"route service id empty":            {"kong_route", `paths = ["/a"]` + "\n" + `service_id = ""`, "service_id", ""},
	"route name blank":                  {"kong_route", `paths = ["/a"]` + "\n" + `name = "   "`, "name", ""},
	"service name blank":                {"kong_service", `host = "a.example"` + "\n" + `name = " "`, "name", ""},
	"service name with a tab":           {"kong_service", `host = "a.example"` + "\n" + `name = "api\t1"`, "name", ""},
	"service client cert id empty":      {"kong_service", `host = "a.example"` + "\n" + `protocol = "https"` + "\n" + `client_certificate_id = ""`, "client_certificate_id", ""},
	"service CA id empty":               {"kong_service", `host = "a.example"` + "\n" + `protocol = "https"` + "\n" + `ca_certificates = [""]`, "ca_certificates", ""},
	"service tag with a line break":     {"kong_service", `host = "a.example"` + "\n" + `tags = ["a\nb"]`, "tags", ""},
	"key credential consumer id empty":  {"kong_consumer_key_auth", `consumer_id = ""`, "consumer_id", ""},
	"acl consumer id empty":             {"kong_consumer_acl", `consumer_id = ""` + "\n" + `group = "orders"`, "consumer_id", ""},
	"consumer custom id and name empty": {"kong_consumer", `username = ""` + "\n" + `custom_id = ""`, "username", ""},
}

// nullElement is the framework-validators' complaint about a null inside a collection.
const nullElement = `contains a null value`

// Well-formed values the cases build on, so each case has exactly one mistake.
const (
	wellFormedID      = "0b3b4bd1-f06e-4b4b-8c47-8d5b9a2b7f10"
	ordersFunctionARN = "arn:aws:lambda:eu-west-1:123456789012:function:orders"
)

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
				parallelTestCase(t, resource.TestCase{
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

func TestAccBadInputOddCorpus(t *testing.T) {
	var writesBefore int
	if testServer != nil {
		writesBefore = writeCount(testServer.Stats().ByRoute)
	}
	t.Run("cases", func(t *testing.T) {
		for name, tc := range oddInputCorpus {
			t.Run(name, func(t *testing.T) {
				want := `(?s)Error: .*\b` + regexp.QuoteMeta(tc.attr) + `\b`
				if tc.want != "" {
					want += `.*` + tc.want
				}
				parallelTestCase(t, resource.TestCase{
					PreCheck:                 func() { testAccPreCheck(t) },
					ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
					Steps: []resource.TestStep{{
						Config:      fmt.Sprintf("resource %q \"bad\" {\n%s\n}\n", tc.resource, tc.body),
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
	if n := len(oddInputCorpus); n < 40 {
		t.Errorf("the corpus of odd inputs has %d configurations; keep at least 40", n)
	}
}
