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
// Served: /, /status, /endpoints, services, routes, consumers, plugins, key-auth, jwt,
// basic-auth, hmac-auth and oauth2 credentials and ACLs (collections, entities, nested
// and foreign-entity paths), upstreams and their targets (under
// /upstreams/{upstream}/targets; /targets is disabled, as in Kong), certificates (also by
// SNI name), CA certificates and SNIs, vaults (the bundled env vault), key sets and keys, /tags,
// /plugins/enabled and the schema endpoints (with Kong's entity_checks). Options select
// an Enterprise node (version, request-validator, plugin ordering and consumer_group, the
// /default/ workspace prefix), a DB-less node (writes refused), a required
// Kong-Admin-Token, a read-only token (writes and plugin validation refused with RBAC's
// 403) and the router flavor (traditional_compatible, Kong's default, checks each route
// with the ATC router's parser; traditional does not, and takes no wildcard snis).
//
// Known differences from Kong: PCRE regular expressions are compiled with regexp2 (.NET
// syntax, PCRE constructs rewritten; see internal/routepath) instead of PCRE2, so only
// common compile errors carry PCRE2's wording; the ATC router's Rust regexes are checked
// by a parser that models regex-syntax's common errors and accepts the rest; the
// expressions flavor is not modelled; a foreign key body ({"service": {...}}) is checked
// field by field, without the referenced entity's entity checks; consumer groups answer
// 404, and so do an upstream's health endpoints (/upstreams/{upstream}/health, targets'
// healthy/unhealthy), which need a balancer; the root endpoint reports a small subset of
// Kong's configuration; PEM keys and certificates (jwt rsa_public_key, certificates, a
// key's jwk and pem: internal/keymaterial) are checked with Go's parsers instead of
// OpenSSL, so OpenSSL's reasons in Kong's messages are approximated; an oauth2 redirect URI is
// checked with a simplified LuaSocket url.parse; vault references are stored as given,
// never resolved; the AI plugins lack their llm record (the schema facts do not describe
// it).
package kongtest
