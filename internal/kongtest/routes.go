package kongtest

import "net/http"

// registerRoutes builds the Admin API route table (Kong 3.9 OSS, core entities plus
// key-auth, acl, jwt, basic-auth, hmac-auth and oauth2 credentials, upstreams and targets,
// certificates and SNIs, vaults, key sets and keys). Placeholder names follow Kong's OpenAPI
// spec; they also name the routes in Stats.
func (s *Server) registerRoutes() {
	services, routes, consumers := s.types["services"], s.types["routes"], s.types["consumers"]
	plugins, keyAuths, acls, jwts := s.types["plugins"], s.types[keyAuthTable], s.types[aclTable], s.types[jwtTable]
	basicAuths, hmacAuths, oauth2s := s.types[basicAuthTable], s.types[hmacAuthTable], s.types[oauth2Table]
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
	collection("/upstreams", endpoint{et: s.types["upstreams"]}, "{upstream_id_or_name}")
	s.registerTargetRoutes()
	collection("/basic-auths", endpoint{et: basicAuths}, "{basic_auth_id_or_username}")
	collection("/hmac-auths", endpoint{et: hmacAuths}, "{hmac_auth_id_or_username}")
	collection("/oauth2", endpoint{et: oauth2s}, "{oauth2_id_or_client_id}")
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
	collection("/consumers/{consumer_username_or_id}/basic-auth", endpoint{et: basicAuths, parent: consumers, fk: "consumer"}, "{basic_auth_id_or_username}")
	collection("/consumers/{consumer_username_or_id}/hmac-auth", endpoint{et: hmacAuths, parent: consumers, fk: "consumer"}, "{hmac_auth_id_or_username}")
	collection("/consumers/{consumer_username_or_id}/oauth2", endpoint{et: oauth2s, parent: consumers, fk: "consumer"}, "{oauth2_id_or_client_id}")
	collection("/key-sets/{key_set_id_or_name}/keys", endpoint{et: keys, parent: keySets, fk: "set"}, "{key_id_or_name}")

	s.router.handle("/routes/{route_id_or_name}/service", foreignEntity{child: routes, fk: "service", target: services}.methods())
	s.router.handle("/plugins/{plugin_id_or_instance_name}/service", foreignEntity{child: plugins, fk: "service", target: services}.methods())
	s.router.handle("/plugins/{plugin_id_or_instance_name}/route", foreignEntity{child: plugins, fk: "route", target: routes}.methods())
	s.router.handle("/plugins/{plugin_id_or_instance_name}/consumer", foreignEntity{child: plugins, fk: "consumer", target: consumers}.methods())
	s.router.handle("/key-auths/{key_auth_id_or_key}/consumer", foreignEntity{child: keyAuths, fk: "consumer", target: consumers}.methods())
	s.router.handle("/acls/{acl_id}/consumer", foreignEntity{child: acls, fk: "consumer", target: consumers}.methods())
	s.router.handle("/jwts/{jwt_id_or_key}/consumer", foreignEntity{child: jwts, fk: "consumer", target: consumers}.methods())
	s.router.handle("/basic-auths/{basic_auth_id_or_username}/consumer", foreignEntity{child: basicAuths, fk: "consumer", target: consumers}.methods())
	s.router.handle("/hmac-auths/{hmac_auth_id_or_username}/consumer", foreignEntity{child: hmacAuths, fk: "consumer", target: consumers}.methods())
	s.router.handle("/oauth2/{oauth2_id_or_client_id}/consumer", foreignEntity{child: oauth2s, fk: "consumer", target: consumers}.methods())
	s.router.handle("/keys/{key_id_or_name}/set", foreignEntity{child: keys, fk: "set", target: keySets}.methods())
	s.registerCertificateRoutes()
}

// registerCertificateRoutes adds certificates, CA certificates and SNIs. A certificate is addressed by id
// or by one of its SNI names (the route's own methods, see certificateMethods); /snis/{s}/certificate is
// disabled in Kong, so it is not served.
func (s *Server) registerCertificateRoutes() {
	services, upstreams, certificates := s.types["services"], s.types["upstreams"], s.types[certificatesTable]
	cas, snis := s.types[caCertificatesTable], s.types[snisTable]
	certs := endpoint{et: certificates}
	s.router.handle("/certificates", certs.collectionMethods())
	s.router.handle("/certificates/{certificate_id}", certificateMethods(certs))
	s.router.handle("/ca_certificates", endpoint{et: cas}.collectionMethods())
	s.router.handle("/ca_certificates/{ca_certificate_id}", endpoint{et: cas}.entityMethods())
	s.router.handle("/snis", endpoint{et: snis}.collectionMethods())
	s.router.handle("/snis/{sni_name_or_id}", endpoint{et: snis}.entityMethods())
	nested := func(pattern string, ep endpoint, entityPattern string) {
		s.router.handle(pattern, ep.collectionMethods())
		s.router.handle(pattern+"/"+entityPattern, ep.entityMethods())
	}
	nested("/certificates/{certificate_name_or_id}/snis", endpoint{et: snis, parent: certificates, fk: "certificate"}, "{sni_name_or_id}")
	nested("/certificates/{certificate_name_or_id}/services", endpoint{et: services, parent: certificates, fk: "client_certificate"}, "{service_id_or_name}")
	nested("/certificates/{certificate_name_or_id}/upstreams", endpoint{et: upstreams, parent: certificates, fk: "client_certificate"}, "{upstream_id_or_name}")
	s.router.handle("/services/{service_id_or_name}/client_certificate",
		foreignEntity{child: services, fk: "client_certificate", target: certificates}.methods())
	s.router.handle("/upstreams/{upstream_id_or_name}/client_certificate",
		foreignEntity{child: upstreams, fk: "client_certificate", target: certificates}.methods())
}
