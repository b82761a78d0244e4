#!/usr/bin/env bash
# Regenerates the inputs/outputs/usage section of every module README with the
# pinned terraform-docs (config: the module's own .terraform-docs.yml, else
# modules/.terraform-docs.yml).
# Usage: scripts/docs-modules.sh [--check] [MODULE_DIR...]
#   --check     change nothing; fail if a README is out of date.
#   MODULE_DIR  only these modules (default: every module under modules/).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/terraform-module-tools.sh"

check=()
if [[ ${1:-} == --check ]]; then
	check=(--output-check)
	shift
fi
modules=("$@")
[[ ${#modules[@]} -gt 0 ]] || mapfile -t modules < <(module_dirs)

terraform_docs=$(build_go_tool "$TERRAFORM_DOCS_MODULE" "$TERRAFORM_DOCS_VERSION")
status=0
for module in "${modules[@]}"; do
	# A module may bring its own configuration; the shared one expects examples/basic/main.tf.
	config="$REPO_ROOT/$module/.terraform-docs.yml"
	[[ -f $config ]] || config="$REPO_ROOT/modules/.terraform-docs.yml"
	if ! "$terraform_docs" --config "$config" "${check[@]}" "$REPO_ROOT/$module" >/dev/null; then
		echo "$module/README.md is out of date: run scripts/docs-modules.sh" >&2
		status=1
	fi
done
exit $status
