package pluginschema_test

import (
	"fmt"
	"strings"

	"github.com/kongform/terraform-provider-kong/internal/kongtest/pluginschema"
)

// A test that needs a plugin Kong does not bundle defines its schema with the
// field constructors. Registering it (once per test binary, as Register
// rejects a second plugin of the same name) makes the fake server accept it
// like any bundled plugin.
func ExampleNew() {
	ps := pluginschema.String
	greeter := pluginschema.New(
		pluginschema.Plugin{Name: "example-greeter", Version: "1.0.0", Priority: 1000, NoConsumer: true},
		[]*pluginschema.Field{
			ps("greeting").Req().Def("hello"),
			pluginschema.Integer("repeat").Def(1).Range(1, 5),
			pluginschema.Array("audiences", ps("")),
			pluginschema.Record("upstream",
				pluginschema.HostField("host"),
				pluginschema.PortField("port").Def(443),
			),
		},
		pluginschema.RequiredWhen("config.repeat", 5, "config.audiences"),
	)

	config, _ := greeter.NormalizeConfig(map[string]any{"repeat": 2})
	fmt.Println(config)

	_, errs := greeter.NormalizeConfig(map[string]any{"repeat": 5, "upstream": map[string]any{"host": "a:1"}})
	fmt.Println(strings.Join(pluginschema.FlattenErrors("", errs), "; "))
	// Output:
	// map[audiences:<nil> greeting:hello repeat:2 upstream:map[host:<nil> port:443]]
	// failed conditional validation given value of field 'config.repeat'; config.audiences: required field missing; config.upstream: {
	//   host = "must not have a port"
	// }
}
