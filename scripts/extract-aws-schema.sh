#!/usr/bin/env bash
# Regenerates the hashicorp/aws schema subset the schema-only test provider
# embeds, from the full `terraform providers schema -json` output and the type
# list internal/testing/awsschemaprovider/schema/types.txt.
# Usage: scripts/extract-aws-schema.sh [FULL_SCHEMA_JSON[.gz]]
#   default: ../shared/aws-provider-schema/aws-6.57.1.schema.json.gz beside the checkout.
# That file lost every argument named "description" when its documentation was
# stripped; they are restored from the hashicorp/aws 6.52.0 schema that the
# pinned tflint-ruleset-aws Go module ships (tools/provider-schema/schema.json).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/terraform-module-tools.sh"
schema_dir=internal/testing/awsschemaprovider/schema
full_schema=${1:-$REPO_ROOT/../shared/aws-provider-schema/aws-6.57.1.schema.json.gz}

ruleset_src=$(go_module_dir "$TFLINT_RULESET_AWS_MODULE" "$TFLINT_RULESET_AWS_VERSION")
cd "$REPO_ROOT"
go run ./internal/testing/awsschemaprovider/cmd/extract-aws-schema \
	-in "$full_schema" \
	-types "$schema_dir/types.txt" \
	-restore-from "$ruleset_src/tools/provider-schema/schema.json" \
	-out "$schema_dir/aws-6.57.1-subset.json"
