#!/usr/bin/env bash
# Stops with a clear message unless Terraform >= 1.11 is on PATH. Nothing here can download Terraform, and
# older releases lack what the tests use: write-only attributes (1.11) and mock providers in terraform test.
set -euo pipefail
if ! command -v terraform >/dev/null 2>&1; then
  echo "error: terraform is not on PATH. Install Terraform 1.11 or newer (this machine image ships 1.11.4)." >&2
  exit 1
fi
version=$(terraform version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([0-9.]*\)".*/\1/p')
major=${version%%.*}; rest=${version#*.}; minor=${rest%%.*}
if [[ -z "$version" || "$major" -lt 1 || ( "$major" -eq 1 && "$minor" -lt 11 ) ]]; then
  echo "error: terraform ${version:-of unknown version} is too old; kongform needs 1.11 or newer (write-only attributes, mock providers)." >&2
  exit 1
fi
echo "terraform $version"
