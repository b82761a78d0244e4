package kongtest

import "net/http"

// registerRoutes builds the Admin API route table (Kong 3.9 OSS, core entities plus
// key-auth, acl and jwt credentials, vaults, key sets and keys). Placeholder names follow
// Kong's OpenAPI spec; they also name the routes in Stats.
func (s *Server) registerRoutes() {
	services, routes, consumers := s.types["services"], s.types["routes"], s.types["consumers"]
	plugins, keyAuths, acls, jwts := s.types["plugins"], s.types[keyAuthTable], s.types[aclTable], s.types[jwtTable]
	vaults, keySets, keys := s.types[vaultsTable], s.types[keySetsTable], s.types[keysTable]
	get := func(h handler) map[string]handler { return map[string]handler{http.MethodGet: h} }
	post := func(h handler) map[string]handler { return map[string]handler{http.MethodPost: h} }

	s.router.handle("/", get(rootInfo))
	s.router.handle("/status", get(status))
	s.router.handle("/endpoints", get(listEndpoints))
	s.router.handle("/plugins/enabled", get(enabledPlugins))
	s.router.handle("/schemas/plugins/validate", post(validateEntity(plugins)))
	s.router.handle("/schemas/plugins/{plugin_name}", get(pluginSchema))
	s.router.handle("/schemas/vaults/validate", post(validateEntity(vaults)))
	s.router.handle("/schemas/vaults/{vault_name}", get(vaultSchema))
	s.router.handle("/schemas/{entity}", get(entitySchema))
	s.router.handle("/schemas/{entity}/validate", post(validateNamedEntity))
	s.router.handle("/tags", map[string]handler{http.MethodGet: listTags, http.MethodPost: tagsReadOnly})
	s.router.handle("/tags/{tags}", map[string]handler{http.MethodGet: listTagged,
		http.MethodPut: tagsReadOnly, http.MethodPatch: tagsReadOnly, http.MethodDelete: tagsReadOnly})

	collection := func(pattern string, ep endpoint, entityPattern string) {
		s.router.handle(pattern, ep.collectionMethods())
		s.router.handle(pattern+"/"+entityPattern, ep.entityMethods())
	}
	collection("/services", endpoint{et: services}, "{service_id_or_name}")
	collection("/routes", endpoint{et: routes}, "{route_id_or_name}")
	collection("/consumers", endpoint{et: consumers}, "{consumer_username_or_id}")
	collection("/plugins", endpoint{et: plugins}, "{plugin_id_or_instance_name}")
	collection("/key-auths", endpoint{et: keyAuths}, "{key_auth_id_or_key}")
	collection("/acls", endpoint{et: acls}, "{acl_id}")
	collection("/jwts", endpoint{et: jwts}, "{jwt_id_or_key}")
	collection("/vaults", endpoint{et: vaults}, "{vault_id_or_prefix}")
	collection("/key-sets", endpoint{et: keySets}, "{key_set_id_or_name}")
	collection("/keys", endpoint{et: keys}, "{key_id_or_name}")

	collection("/services/{service_id_or_name}/routes", endpoint{et: routes, parent: services, fk: "service"}, "{route_id_or_name}")
	collection("/services/{service_id_or_name}/plugins", endpoint{et: plugins, parent: services, fk: "service"}, "{plugin_id_or_instance_name}")
	collection("/routes/{route_id_or_name}/plugins", endpoint{et: plugins, parent: routes, fk: "route"}, "{plugin_id_or_instance_name}")
	collection("/consumers/{consumer_username_or_id}/plugins", endpoint{et: plugins, parent: consumers, fk: "consumer"}, "{plugin_id_or_instance_name}")
	collection("/consumers/{consumer_username_or_id}/key-auth", endpoint{et: keyAuths, parent: consumers, fk: "consumer"}, "{key_auth_id_or_key}")
	collection("/consumers/{consumer_username_or_id}/acls", endpoint{et: acls, parent: consumers, fk: "consumer"}, "{acl_id_or_group}")
	collection("/consumers/{consumer_username_or_id}/jwt", endpoint{et: jwts, parent: consumers, fk: "consumer"}, "{jwt_id_or_key}")
	collection("/key-sets/{key_set_id_or_name}/keys", endpoint{et: keys, parent: keySets, fk: "set"}, "{key_id_or_name}")

	s.router.handle("/routes/{route_id_or_name}/service", foreignEntity{child: routes, fk: "service", target: services}.methods())
	s.router.handle("/plugins/{plugin_id_or_instance_name}/service", foreignEntity{child: plugins, fk: "service", target: services}.methods())
	s.router.handle("/plugins/{plugin_id_or_instance_name}/route", foreignEntity{child: plugins, fk: "route", target: routes}.methods())
	s.router.handle("/plugins/{plugin_id_or_instance_name}/consumer", foreignEntity{child: plugins, fk: "consumer", target: consumers}.methods())
	s.router.handle("/key-auths/{key_auth_id_or_key}/consumer", foreignEntity{child: keyAuths, fk: "consumer", target: consumers}.methods())
	s.router.handle("/acls/{acl_id}/consumer", foreignEntity{child: acls, fk: "consumer", target: consumers}.methods())
	s.router.handle("/jwts/{jwt_id_or_key}/consumer", foreignEntity{child: jwts, fk: "consumer", target: consumers}.methods())
	s.router.handle("/keys/{key_id_or_name}/set", foreignEntity{child: keys, fk: "set", target: keySets}.methods())
}
