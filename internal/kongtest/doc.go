// Package kongtest is an in-memory test double of the Kong Gateway 3.9 OSS Admin API
// (database mode). It is not Kong: it proxies no traffic, runs no plugins and keeps
// everything in memory, but it answers the Admin API the way Kong 3.9 does — status
// codes, error bodies ({code, name, message, fields}), defaults, nulls, uniqueness,
// foreign keys, cascades and pagination — so that the provider's acceptance tests,
// demos and benchmarks can run where no Kong is available.
//
// Like net/http/httptest, NewServer starts a server on 127.0.0.1 with a random port.
// Faults (latency, 5xx, 429, dropped connections) can be injected with SetFaults or
// over HTTP under the /_kongtest/ prefix, which Kong itself does not have.
//
// Known differences from Kong: regular expressions are checked with Go's RE2 engine
// instead of PCRE, entities other than services, routes, consumers, plugins, key-auth
// credentials and ACLs are not implemented (their paths answer 404), and the root
// endpoint reports a small subset of Kong's configuration.
package kongtest
