package pluginschema

import (
	"reflect"
	"testing"
)

// The jwt plugin's defaults and rules, as in kong-3.9.1-schemas/plugins/jwt.json.
func TestJWTConfig(t *testing.T) {
	got, errs := lookupPlugin(t, "jwt").NormalizeConfig(decode(t, `{}`, false))
	if errs != nil {
		t.Fatalf("unexpected errors: %v", errs)
	}
	want := jsonValue(t, `{"uri_param_names":["jwt"],"cookie_names":[],"key_claim_name":"iss","secret_is_base64":false,
		"claims_to_verify":null,"anonymous":null,"run_on_preflight":true,"maximum_expiration":0,
		"header_names":["authorization"],"realm":null}`)
	if !reflect.DeepEqual(any(got), want) {
		t.Errorf("defaults\n got %v\nwant %v", got, want)
	}
	runPluginErrorCases(t, []pluginErrorCase{
		{"browser settings", "jwt", `{"uri_param_names":[],"claims_to_verify":["exp","nbf"],"maximum_expiration":3600,
			"run_on_preflight":false,"key_claim_name":"iss","header_names":["authorization"]}`, nil},
		{"bad claim", "jwt", `{"claims_to_verify":["iat"]}`, []string{"config.claims_to_verify: {\n  \"expected one of: exp, nbf\"\n}"}},
		{"expiration range", "jwt", `{"maximum_expiration":31536001,"claims_to_verify":["exp"]}`,
			[]string{"config.maximum_expiration: value should be between 0 and 31536000"}},
		{"maximum_expiration without exp", "jwt", `{"maximum_expiration":60,"claims_to_verify":["nbf"]}`,
			[]string{"failed conditional validation given value of field 'config.maximum_expiration'",
				"config.claims_to_verify: expected to contain: exp"}},
		{"secret_is_base64 null", "jwt", `{"secret_is_base64":null}`, []string{"config.secret_is_base64: required field missing"}},
	})
}
