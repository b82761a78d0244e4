#!/usr/bin/env bash
# Offline checks for Terraform root modules, with hashicorp/aws served by the
# schema-only test provider (internal/testing/awsschemaprovider) through a
# dev_overrides CLI config generated under .cache/ (never in $HOME).
#
# Usage: scripts/test-modules.sh [DIR...]
#   no DIR: every module under modules/ and every example under
#           modules/*/examples/, plus the README freshness check.
#   DIR...: only these directories (e.g. examples/complete), relative to the
#           repository root or absolute.
# For each directory: `terraform fmt -check -recursive`, `terraform get` (local
# modules; it stands in for `terraform init`, which dev_overrides make
# unnecessary), `terraform validate`, and `terraform test` when it has
# *.tftest.hcl files (which must use mock_provider "aws": the test provider
# has no AWS behind it).
#
# Environment:
#   KONG_PROVIDER_DIR   directory holding a built terraform-provider-kong;
#                       adds a dev_override for registry.terraform.io/kongform/kong.
#                       Unset, the provider is built from this repository when a
#                       checked directory uses kongform/kong.
#   TEST_MODULES_JOBS   directories checked in parallel (default: CPU count).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/terraform-module-tools.sh"

dirs=("$@")
check_readmes=false
if [[ ${#dirs[@]} -eq 0 ]]; then
	check_readmes=true
	mapfile -t dirs < <(module_and_example_dirs)
fi

aws_provider_dir=$(build_aws_schema_provider)
if [[ -z ${KONG_PROVIDER_DIR:-} ]] && (cd "$REPO_ROOT" && grep -qrs --include='*.tf' 'kongform/kong' "${dirs[@]}"); then
	KONG_PROVIDER_DIR=$(build_kong_provider)
fi
TF_CLI_CONFIG_FILE=$(write_cli_config "$aws_provider_dir")
trap 'rm -f "$TF_CLI_CONFIG_FILE"' EXIT
export TF_CLI_CONFIG_FILE TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
export REPO_ROOT TOOLS_CACHE

# check_dir runs every check for one directory, keeping Terraform's working
# data in .cache/ so the source tree stays clean, and prints its log only on failure.
check_dir() {
	local dir=$1 path=$1 log status=0
	[[ $dir == /* ]] || path=$REPO_ROOT/$dir
	local data_dir="$TOOLS_CACHE/tfdata/${dir//\//__}"
	log="$data_dir.log"
	mkdir -p "$data_dir"
	{
		cd "$path" &&
			terraform fmt -check -recursive -diff -no-color &&
			TF_DATA_DIR=$data_dir terraform get -no-color -test-directory="$(test_dir tests)" >/dev/null &&
			TF_DATA_DIR=$data_dir terraform validate -no-color -test-directory="$(test_dir tests)" &&
			if compgen -G '*.tftest.hcl' >/dev/null; then
				TF_DATA_DIR=$data_dir terraform test -no-color
			elif compgen -G 'tests/*.tftest.hcl' >/dev/null; then
				TF_DATA_DIR=$data_dir terraform test -no-color -test-directory="$(test_dir tests)"
			fi
	} >"$log" 2>&1 || status=$?
	# Deprecated arguments validate with a warning only; the modules must not use them.
	if [[ $status -eq 0 ]] && grep -q '^Warning: \(Argument is deprecated\|Deprecated\)' "$log"; then
		status=1
	fi
	if [[ $status -ne 0 ]]; then
		echo "FAIL $dir"
		sed 's/^/    /' "$log"
		return 1
	fi
	echo "ok   $dir $(grep -o 'Success! [0-9]* passed' "$log" | sed 's/Success! /(/; s/$/)/')"
}
export -f check_dir

status=0
printf '%s\n' "${dirs[@]}" | xargs -P "${TEST_MODULES_JOBS:-$(nproc)}" -I{} bash -c 'check_dir "$1"' _ {} || status=1
if $check_readmes; then
	bash "$REPO_ROOT/scripts/docs-modules.sh" --check || status=1
fi
exit $status
