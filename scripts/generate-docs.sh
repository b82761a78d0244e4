#!/usr/bin/env bash
# Regenerates docs/ with tfplugindocs from templates/, examples/ and the provider's schema.
# With --check it generates into a scratch copy and fails when the committed docs/ differ.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tfplugindocs=github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs@v0.25.0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The schema comes from the provider built from this tree, served through a dev override, so nothing is
# downloaded and tfplugindocs never has to build or install anything itself.
(cd "$root" && go build -o "$work/bin/terraform-provider-kong" .)
cat >"$work/terraformrc" <<HCL
provider_installation {
  dev_overrides {
    "kongform/kong" = "$work/bin"
  }
  direct {}
}
HCL
mkdir -p "$work/schema"
cat >"$work/schema/main.tf" <<'HCL'
terraform {
  required_providers {
    kong = { source = "kongform/kong" }
  }
}
HCL
(cd "$work/schema" && TF_CLI_CONFIG_FILE="$work/terraformrc" terraform providers schema -json >"$work/schema.raw.json" 2>/dev/null)
# tfplugindocs looks the provider up by its short name.
sed 's#"registry.terraform.io/kongform/kong"#"kong"#' "$work/schema.raw.json" >"$work/schema.json"

target=$root
if [[ "${1:-}" == "--check" ]]; then
  target=$work/tree
  mkdir -p "$target"
  cp -R "$root/templates" "$root/examples" "$target/"
  [[ -d "$root/docs" ]] && cp -R "$root/docs" "$target/"
fi
(cd "$target" && GOFLAGS= go run "$tfplugindocs" generate \
  --provider-name kong \
  --providers-schema "$work/schema.json" \
  --rendered-provider-name "Kong (kongform)" \
  --rendered-website-dir docs --examples-dir examples --website-source-dir templates >/dev/null)

if [[ "${1:-}" == "--check" ]]; then
  if ! diff -ru "$root/docs" "$target/docs"; then
    echo "error: docs/ is stale; run 'make docs' and commit the result" >&2
    exit 1
  fi
  echo "docs/ is up to date"
fi
