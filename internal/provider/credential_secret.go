package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"
)

// What the consumer credentials with a secret share: the secret Kong generated, kept on updates, and the
// unique key that addresses a credential in its collection.

// generatedSecret reads the secret Kong holds in field of the credential with this id, for an update that
// must send it back: a PUT without the secret makes Kong generate a new one, which would break every client
// holding the old one. Null when the credential is gone (the PUT then creates it again).
func generatedSecret(ctx context.Context, data *providerData, collection, id, field, what string, diags *diag.Diagnostics) types.String {
	var got map[string]json.RawMessage
	err := data.client.Get(ctx, collection, id, &got)
	if kong.IsNotFoundErr(err) {
		return types.StringNull()
	}
	if err != nil {
		addKongError(diags, "Cannot read the "+field+" of Kong "+what, err)
		return types.StringNull()
	}
	var secret *string
	if raw, ok := got[field]; ok {
		_ = json.Unmarshal(raw, &secret)
	}
	return types.StringPointerValue(secret)
}

// endpointKey is the unique key of a credential that Kong addresses by a field (a username, a client_id)
// in its collection: GET /<collection>/<value> finds the holder.
func endpointKey(collection, attribute string, value types.String) []uniqueKey {
	if !hasValue(value) {
		return nil
	}
	v := value.ValueString()
	return []uniqueKey{{
		attribute: path.Root(attribute),
		what:      fmt.Sprintf("%s = %q", attribute, v),
		identity:  entityKey(collection, attribute, v),
		holder:    holderAt("/" + collection + "/" + url.PathEscape(v)),
	}}
}
