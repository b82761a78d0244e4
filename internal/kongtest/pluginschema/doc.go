// Package pluginschema is part of kongform's in-memory Kong Admin API test
// double (internal/kongtest). It is test infrastructure, not provider code:
// it models the plugin config schemas of Kong Gateway 3.9 so the fake server
// validates plugin configs, fills defaults and reports errors the way a real
// Kong node does.
//
// The schemas are data: every plugin is a tree of [Field] values plus
// [EntityCheck] rules, and one engine validates and fills all of them. Tests
// that need a plugin Kong does not bundle build one with [New] and add it with
// [Register].
//
// # Error shape
//
// [Plugin.NormalizeConfig] reports errors as the part of Kong's error
// `fields` object that the plugin schema produces:
//
//   - errs["config"] holds the config errors: a map of field name to message,
//     a nested map for records and an index-aligned array for array elements
//     (nil at valid positions). When the config record's own validator fails
//     (for example rate-limiting's limit ordering), Kong reports a single
//     message string here instead of a map.
//   - errs["@entity"] holds the messages of the plugin's entity checks
//     (at_least_one_of, conditional, ...). Kong reports them at the top level
//     of `fields`, beside "config", not inside it.
//   - An invalid deprecated shorthand field (rate-limiting's redis_port, ...)
//     is reported by Kong at the top level under its own name, and so here.
//
// The fake server merges errs into the `fields` object it builds for the
// plugin entity and renders the message with [FlattenErrors].
package pluginschema
