package provider

import (
	"context"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A basic-auth credential's drift detection keeps nothing password-equivalent. Kong's hash of a password is
// a single unsalted SHA-1 of the password and the consumer id (which is no secret), so whoever holds that
// hash can test password guesses at the speed of SHA-1. The provider keeps instead, in the resource's
// private state, a fingerprint of that hash: PBKDF2-HMAC-SHA256 with a random salt per write and
// fingerprintIterations rounds, which makes every guess cost as much as the iterations.
//
// A read compares Kong's current hash with the fingerprint (password_in_sync); a plan compares the hash of
// the configured password with it, to plan an update when the configuration has a new password.

// fingerprintIterations is OWASP's recommendation for PBKDF2-HMAC-SHA256 (2023). The count is stored with
// each fingerprint, so it can be raised without invalidating fingerprints already kept.
const fingerprintIterations = 600_000

// passwordFingerprintKey is the private-state key of a credential's fingerprint.
const passwordFingerprintKey = "password_fingerprint"

// passwordFingerprint is the private-state record; encoding/json writes the byte slices as base64.
type passwordFingerprint struct {
	Iterations int    `json:"iterations"`
	Salt       []byte `json:"salt"`
	Sum        []byte `json:"sum"`
}

func newPasswordFingerprint(kongHash string) (passwordFingerprint, error) {
	f := passwordFingerprint{Iterations: fingerprintIterations, Salt: make([]byte, 16)}
	if _, err := rand.Read(f.Salt); err != nil {
		return f, err
	}
	var err error
	f.Sum, err = pbkdf2.Key(sha256.New, kongHash, f.Salt, f.Iterations, sha256.Size)
	return f, err
}

// matches reports whether kongHash is the hash the fingerprint was taken of. A record that is not a whole
// fingerprint matches nothing.
func (f passwordFingerprint) matches(kongHash string) bool {
	if f.Iterations < 1 || len(f.Salt) == 0 || len(f.Sum) == 0 {
		return false
	}
	sum, err := pbkdf2.Key(sha256.New, kongHash, f.Salt, f.Iterations, len(f.Sum))
	return err == nil && subtle.ConstantTimeCompare(sum, f.Sum) == 1
}

type privateReader interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

type privateWriter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// loadFingerprint reads the credential's fingerprint from private state; nil when there is none (an
// imported credential) or it cannot be read.
func loadFingerprint(ctx context.Context, private privateReader) *passwordFingerprint {
	if private == nil {
		return nil
	}
	raw, diags := private.GetKey(ctx, passwordFingerprintKey)
	var f passwordFingerprint
	if diags.HasError() || len(raw) == 0 || json.Unmarshal(raw, &f) != nil {
		return nil
	}
	return &f
}

// rememberPassword keeps the fingerprint of the hash Kong stores for password, after a write of it.
func rememberPassword(ctx context.Context, private privateWriter, consumerID, password string, diags *diag.Diagnostics) {
	f, err := newPasswordFingerprint(basicAuthHash(consumerID, password))
	if err == nil {
		var raw []byte
		if raw, err = json.Marshal(f); err == nil {
			diags.Append(private.SetKey(ctx, passwordFingerprintKey, raw)...)
			return
		}
	}
	diags.AddError("Cannot fingerprint the password", "The credential was written, but the provider could not keep the fingerprint "+
		"it detects a password changed outside Terraform with: "+err.Error())
}

// plannedInSync plans password_in_sync. Every write sends the configured password, so after an apply it is
// true; the plan leaves it unknown when the configuration has another password than the one last written
// (or it cannot tell), so that the plan shows an update.
func plannedInSync(inSync types.Bool, consumerID, password types.String, f *passwordFingerprint) types.Bool {
	if !inSync.ValueBool() {
		return types.BoolValue(true) // state false: Kong's password changed outside Terraform; the update shows
	}
	if f != nil && hasValue(consumerID) && hasValue(password) && f.matches(basicAuthHash(consumerID.ValueString(), password.ValueString())) {
		return types.BoolValue(true)
	}
	return types.BoolUnknown()
}
