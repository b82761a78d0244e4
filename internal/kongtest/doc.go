// Package kongtest is an in-memory test double of the Kong Gateway 3.9 OSS Admin API
// (database mode). It is not Kong: it proxies no traffic, runs no plugins and keeps
// everything in memory, but it answers the Admin API the way Kong 3.9 does — status
// codes, error bodies ({code, name, message, fields}), defaults, nulls, uniqueness,
// foreign keys, cascades and pagination — so that the provider's acceptance tests,
// demos and benchmarks can run where no Kong is available.
//
// Like net/http/httptest, NewServer starts a server on 127.0.0.1 with a random port.
// Faults (latency, 503, 429, dropped connections) can be injected with SetFaults or
// over HTTP under the /_kongtest/ prefix, which Kong itself does not have:
// GET/PUT /_kongtest/faults and GET/DELETE /_kongtest/stats.
//
// Served: /, /status, /endpoints, services, routes, consumers, plugins, key-auth and
// jwt credentials, ACLs, certificates (also by SNI name), CA certificates and SNIs
// (collections, entities, nested and foreign-entity paths),
// /plugins/enabled and the schema endpoints. Options select an Enterprise node
// (version, request-validator, plugin ordering and consumer_group, the /default/
// workspace prefix), a DB-less node (writes refused), a required Kong-Admin-Token and
// a read-only token (writes and plugin validation refused with RBAC's 403).
//
// Known differences from Kong: regular expressions are compiled with regexp2 (.NET
// syntax, PCRE constructs rewritten; see internal/routepath) instead of PCRE2, so only
// common compile errors carry PCRE2's wording; the traditional_compatible router's
// extra check of regex paths (Rust's regex crate) is not modelled; other entities
// (upstreams, targets, vaults, /tags, consumer groups) answer 404; GET
// /schemas/{entity} omits some validator metadata (starts_with, match_none, auto) and
// the entity_checks of the older entity types; the root endpoint reports a small subset
// of Kong's configuration; a jwt credential's rsa_public_key, and certificates and their
// keys, are checked with Go's x509 parsers instead of OpenSSL (OpenSSL's own reason in
// "invalid certificate: ..." is approximated); the AI plugins lack their llm record (the schema
// facts do not describe it).
package kongtest
