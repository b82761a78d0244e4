package provider

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kong/go-kong/kong"
)

func pemValue(private, privateWO, public types.String, version types.Int64) types.Object {
	return types.ObjectValueMust(pemTypes, map[string]attr.Value{
		"private_key": private, "private_key_wo": privateWO,
		"private_key_wo_version": wholeNumber{Int64Value: version}, "public_key": public,
	})
}

// The write-only private key and jwk are sent instead of the kept ones, and never come back into the model.
func TestExpandFlattenKeyWriteOnly(t *testing.T) {
	ctx := context.Background()
	var diags diag.Diagnostics
	m := keyModel{
		ID: types.StringValue("6e0c8b1a-2f4d-4c3b-9a8e-7d6c5b4a3f21"), SetID: types.StringNull(), Name: types.StringNull(),
		KID: types.StringValue("k"), JWK: types.StringNull(), JWKWO: types.StringNull(), JWKWOVersion: types.Int64Null(),
		PEM:  pemValue(types.StringNull(), types.StringValue("PRIVATE"), types.StringValue("PUBLIC"), types.Int64Value(3)),
		Tags: types.SetNull(types.StringType),
	}
	k := expandKey(ctx, m, []string{"managed"}, &diags)
	if diags.HasError() || k.PEM == nil || kong.StringValue(k.PEM.PrivateKey) != "PRIVATE" || kong.StringValue(k.PEM.PublicKey) != "PUBLIC" || k.Set != nil || k.JWK != nil {
		t.Fatalf("expanded %+v %+v (%v)", k, k.PEM, diags)
	}
	got := flattenKey(&kong.Key{ID: k.ID, KID: k.KID, PEM: k.PEM, Tags: kong.StringSlice("managed")}, m, []string{"managed"})
	p := pemOf(ctx, got.PEM)
	if !p.privateKey.IsNull() || !p.privateKeyWO.IsNull() || p.publicKey.ValueString() != "PUBLIC" || p.version.ValueInt64() != 3 || !got.Tags.IsNull() {
		t.Fatalf("flattened %+v", p)
	}

	m.PEM = types.ObjectNull(pemTypes)
	m.JWKWO, m.JWKWOVersion = types.StringValue(`{"kid":"k"}`), types.Int64Value(1)
	m.SetID = types.StringValue("0b9a8c1e-2f3d-4e5a-8b7c-6d5e4f3a2b1c")
	k = expandKey(ctx, m, nil, &diags)
	if kong.StringValue(k.JWK) != `{"kid":"k"}` || k.PEM != nil || kong.StringValue(k.Set.ID) != m.SetID.ValueString() {
		t.Fatalf("expanded %+v", k)
	}
	got = flattenKey(k, m, nil)
	if !got.JWK.IsNull() || !got.JWKWO.IsNull() || got.JWKWOVersion.ValueInt64() != 1 || !got.PEM.IsNull() || got.SetID != m.SetID {
		t.Fatalf("flattened %+v", got)
	}
}

// A key read without a prior model (an import) shows what Kong holds, the private material included.
func TestFlattenKeyImported(t *testing.T) {
	got := flattenKey(&kong.Key{KID: kong.String("k"), JWK: kong.String("J"), PEM: &kong.PEM{PrivateKey: kong.String("P")}}, keyModel{}, nil)
	if got.JWK.ValueString() != "J" || pemOf(context.Background(), got.PEM).privateKey.ValueString() != "P" || !got.SetID.IsNull() {
		t.Fatalf("flattened %+v", got)
	}
}

func TestPublicJWK(t *testing.T) {
	got := publicJWK(`{"kty":"EC","kid":"k","x":"X","y":"Y","d":"SECRET","p":"1","q":"2","dp":"3","dq":"4","qi":"5","oth":[],"k":"6"}`)
	var m map[string]any
	if err := json.Unmarshal([]byte(got.ValueString()), &m); err != nil {
		t.Fatal(err)
	}
	if len(m) != 4 || m["x"] != "X" || m["kid"] != "k" {
		t.Fatalf("public JWK %s", got.ValueString())
	}
	for _, in := range []string{"", "{vault://env/jwk}", "[]", "null"} {
		if v := publicJWK(in); !v.IsNull() {
			t.Errorf("publicJWK(%q) = %s, want null", in, v)
		}
	}
}

func TestKidIn(t *testing.T) {
	const set = "0b9a8c1e-2f3d-4e5a-8b7c-6d5e4f3a2b1c"
	cases := []struct {
		raw, kid, set string
		want          bool
	}{
		{`{"kid":"a","set":null}`, "a", "", true},
		{`{"kid":"a"}`, "a", "", true},
		{`{"kid":"a","set":{"id":"` + set + `"}}`, "a", "", false},
		{`{"kid":"a","set":{"id":"` + set + `"}}`, "a", set, true},
		{`{"kid":"b","set":{"id":"` + set + `"}}`, "a", set, false},
		{`{"kid":"a","set":null}`, "a", set, false},
		{`not json`, "a", "", false},
	}
	for _, tc := range cases {
		if got := kidIn(tc.kid, tc.set)(json.RawMessage(tc.raw)); got != tc.want {
			t.Errorf("kidIn(%q, %q)(%s) = %v", tc.kid, tc.set, tc.raw, got)
		}
	}
}

// Every config field of the env vault is read back, set or not, so a field set outside Terraform is drift.
func TestExpandFlattenVault(t *testing.T) {
	var diags diag.Diagnostics
	m := vaultModel{ID: types.StringValue("x"), Prefix: types.StringValue("p-1"), Name: types.StringValue("env"),
		Description: types.StringNull(), Config: vaultConfigDefault, Tags: types.SetNull(types.StringType)}
	v := expandVault(context.Background(), m, nil, &diags)
	if len(v.Config) != 0 || v.Description != nil {
		t.Fatalf("expanded %+v", v)
	}
	got := flattenVault(&kong.Vault{Prefix: v.Prefix, Name: v.Name, Config: kong.Configuration{"prefix": "OOB_"}}, m, nil)
	if p := got.Config.Attributes()["prefix"].(types.String); p.ValueString() != "OOB_" {
		t.Fatalf("config.prefix %s", p)
	}
	got = flattenVault(&kong.Vault{Config: kong.Configuration{"prefix": nil, "base64_decode": false}}, m, nil)
	if !got.Config.Equal(vaultConfigDefault) {
		t.Fatalf("config %s", got.Config)
	}
}
