#!/usr/bin/env bash
# tflint, with the bundled Terraform ruleset and the AWS ruleset, over Terraform
# directories (config: .tflint.hcl). The AWS ruleset checks values the
# schema-only test provider cannot: instance types, target types, enums.
# Both are built from Go sources at pinned versions into .cache/; the first,
# cold build takes several CPU-minutes, later runs take seconds.
# Usage: scripts/lint-modules.sh [DIR...]   (default: every module and example under modules/)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/terraform-module-tools.sh"

dirs=("$@")
[[ ${#dirs[@]} -gt 0 ]] || mapfile -t dirs < <(module_and_example_dirs)

tflint=$(build_go_tool "$TFLINT_MODULE" "$TFLINT_VERSION")
ruleset=$(build_go_tool "$TFLINT_RULESET_AWS_MODULE" "$TFLINT_RULESET_AWS_VERSION")
# tflint finds a plugin without a `source` as <plugin dir>/tflint-ruleset-<name>.
plugin_dir="$TOOLS_CACHE/tflint-plugins"
mkdir -p "$plugin_dir"
ln -sf "$ruleset" "$plugin_dir/tflint-ruleset-aws"
export TFLINT_PLUGIN_DIR=$plugin_dir

status=0
for dir in "${dirs[@]}"; do
	if ! "$tflint" --chdir="$REPO_ROOT/$dir" --config="$REPO_ROOT/.tflint.hcl" --format=compact; then
		echo "FAIL $dir (tflint)"
		status=1
	fi
done
exit $status
