#!/usr/bin/env bash
# Stops with a clear message unless the CLI the tests run ($TERRAFORM: terraform, or tofu for OpenTofu) is on
# PATH at 1.11 or newer. Nothing here can download it, and older releases lack what the tests use: write-only
# attributes (Terraform 1.11; OpenTofu 1.11, 1.10 refuses them) and mock providers in terraform test.
set -euo pipefail
cli=${TERRAFORM:-terraform}
if ! command -v "$cli" >/dev/null 2>&1; then
  echo "error: $cli is not on PATH. Install Terraform 1.11 or newer (this machine image ships 1.11.4), or OpenTofu 1.11 or newer and run with TERRAFORM=tofu." >&2
  exit 1
fi
# `tofu version -json` names its version terraform_version too.
version=$("$cli" version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([0-9.]*\)".*/\1/p')
major=${version%%.*}; rest=${version#*.}; minor=${rest%%.*}
if [[ -z "$version" || "$major" -lt 1 || ( "$major" -eq 1 && "$minor" -lt 11 ) ]]; then
  echo "error: $cli ${version:-of unknown version} is too old; kongform needs 1.11 or newer (write-only attributes, mock providers)." >&2
  exit 1
fi
echo "$cli $version"
