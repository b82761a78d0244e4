#!/usr/bin/env bash
# Regenerates the hashicorp/aws schema subset the schema-only test provider
# embeds, from the full `terraform providers schema -json` output and the type
# list internal/testing/awsschemaprovider/schema/types.txt.
# Usage: scripts/extract-aws-schema.sh [FULL_SCHEMA_JSON[.gz]]
#   default: ../shared/aws-provider-schema/aws-6.57.1.schema.json.gz beside the checkout.
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
schema_dir=internal/testing/awsschemaprovider/schema
full_schema=${1:-$repo_root/../shared/aws-provider-schema/aws-6.57.1.schema.json.gz}

cd "$repo_root"
go run ./internal/testing/awsschemaprovider/cmd/extract-aws-schema \
	-in "$full_schema" \
	-types "$schema_dir/types.txt" \
	-out "$schema_dir/aws-6.57.1-subset.json"
