# shellcheck shell=bash
# Shared by scripts/test-modules.sh, docs-modules.sh and lint-modules.sh
# (source it, do not run it). Builds the offline tool chain into the
# git-ignored .cache/: the schema-only hashicorp/aws provider, terraform-docs
# and tflint with its AWS ruleset, all from Go sources, so nothing is
# downloaded except Go modules through the module proxy.

TERRAFORM_DOCS_MODULE=github.com/terraform-docs/terraform-docs
TERRAFORM_DOCS_VERSION=v0.20.0
# tflint v0.59.x is not served by the module proxy here; v0.58.1 is the newest that is.
TFLINT_MODULE=github.com/terraform-linters/tflint
TFLINT_VERSION=v0.58.1
TFLINT_RULESET_AWS_MODULE=github.com/terraform-linters/tflint-ruleset-aws
TFLINT_RULESET_AWS_VERSION=v0.48.0

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# terraform runs the CLI named by $TERRAFORM (`make test TERRAFORM=tofu` for OpenTofu), in every script that
# sources this file and in their `bash -c` children.
terraform() { command "${TERRAFORM:-terraform}" "$@"; }

# test_dir prints the test directory to give `terraform test` for the tests in $1 (relative to the module in the
# current directory). Terraform reads a mock_provider's defaults from `source = "<dir>"` (its *.tfmock.hcl files);
# OpenTofu has no such argument, so for tofu the tests are copied into $1/.tofu (git-ignored) with that line
# replaced by the files' contents: one copy of the mocks in the repository serves both CLIs. Test files that use
# overrides OpenTofu lacks are left out of the copy.
test_dir() {
	local dir=$1 out=$1/.tofu file line in_mock=0
	if [[ $(basename "${TERRAFORM:-terraform}") != tofu* ]] || ! grep -qsE '^[[:space:]]*source[[:space:]]*=' "$dir"/*.tftest.hcl; then
		echo "$dir"
		return
	fi
	rm -rf "$out" && mkdir -p "$out"
	# The test directory's variable files are read from the directory given to the CLI.
	if compgen -G "$dir/*.tfvars" >/dev/null; then cp "$dir"/*.tfvars "$out"/; fi
	for file in "$dir"/*.tftest.hcl; do
		# Overrides that only Terraform has (override_during, one instance of a resource) cannot run under tofu.
		if grep -q 'override_during' "$file"; then
			echo "test_dir: ${file} uses Terraform-only overrides; not run with OpenTofu" >&2
			continue
		fi
		while IFS= read -r line || [[ -n $line ]]; do
			if ((in_mock)) && [[ $line =~ ^[[:space:]]*source[[:space:]]*=[[:space:]]*\"([^\"]+)\" ]]; then
				cat "${BASH_REMATCH[1]}"/*.tfmock.hcl
			else
				printf '%s\n' "$line"
			fi
			in_mock=0
			[[ $line =~ ^[[:space:]]*mock_provider[[:space:]] ]] && in_mock=1
		done <"$file" >"$out/${file##*/}"
	done
	echo "$out"
}
export -f terraform test_dir
TOOLS_CACHE=${TOOLS_CACHE:-$REPO_ROOT/.cache/terraform-modules}

# build_aws_schema_provider builds the test provider into a fresh directory
# and prints that directory. A rebuild never overwrites a binary a lingering
# provider process may still be executing ("text file busy").
build_aws_schema_provider() {
	local dir="$TOOLS_CACHE/providers/hashicorp-aws"
	mkdir -p "$dir"
	(cd "$REPO_ROOT" && go build -trimpath -o "$dir/terraform-provider-aws.new" ./internal/testing/awsschemaprovider/cmd/terraform-provider-aws)
	mv -f "$dir/terraform-provider-aws.new" "$dir/terraform-provider-aws"
	echo "$dir"
}

# build_kong_provider builds this repository's provider (kongform/kong) the
# same way and prints its directory, for callers that did not set KONG_PROVIDER_DIR.
build_kong_provider() {
	local dir="$TOOLS_CACHE/providers/kongform-kong"
	mkdir -p "$dir"
	(cd "$REPO_ROOT" && go build -trimpath -o "$dir/terraform-provider-kong.new" .)
	mv -f "$dir/terraform-provider-kong.new" "$dir/terraform-provider-kong"
	echo "$dir"
}

# write_cli_config writes a Terraform CLI config that installs hashicorp/aws
# (and kongform/kong when KONG_PROVIDER_DIR names a directory holding
# terraform-provider-kong) through dev_overrides, and prints its path; the
# caller removes it. Each run gets its own file so concurrent runs with
# different KONG_PROVIDER_DIRs do not interfere. dev_overrides ignore lock
# files and replace `terraform init`, which Terraform says to skip with them
# (it fails looking the overridden providers up in the registry).
write_cli_config() {
	local aws_dir=$1 config
	config=$(mktemp "$TOOLS_CACHE/terraformrc.XXXXXX")
	# OpenTofu resolves hashicorp/aws and kongform/kong to registry.opentofu.org instead.
	local host=registry.terraform.io
	[[ $(basename "${TERRAFORM:-terraform}") != tofu* ]] || host=registry.opentofu.org
	{
		echo 'provider_installation {'
		echo '  dev_overrides {'
		printf '    "%s/hashicorp/aws" = "%s"\n' "$host" "$aws_dir"
		if [[ -n ${KONG_PROVIDER_DIR:-} ]]; then
			if [[ ! -x $KONG_PROVIDER_DIR/terraform-provider-kong ]]; then
				echo "KONG_PROVIDER_DIR=$KONG_PROVIDER_DIR holds no executable terraform-provider-kong" >&2
				return 1
			fi
			printf '    "%s/kongform/kong" = "%s"\n' "$host" "$(cd "$KONG_PROVIDER_DIR" && pwd)"
		fi
		echo '  }'
		echo '}'
	} >"$config"
	echo "$config"
}

# go_module_dir MODULE VERSION downloads a Go module at an exact version
# through the module proxy (checked against go.sum's checksum database) and
# prints its directory in the module cache.
go_module_dir() {
	local dir
	dir=$(cd "$REPO_ROOT" && go mod download -json "$1@$2" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
	if [[ -z $dir ]]; then
		echo "could not download $1@$2 through the Go module proxy" >&2
		return 1
	fi
	echo "$dir"
}

# build_go_tool MODULE VERSION builds the main package at the root of a Go
# module at an exact version once (into .cache/, keyed by version) and prints
# the binary path. `go install module@version` cannot be used: it asks the
# proxy for the module's version list, which this machine's proxy refuses.
build_go_tool() {
	local module=$1 version=$2 bin src
	bin="$TOOLS_CACHE/bin/$(basename "$module")-$version"
	if [[ ! -x $bin ]]; then
		src=$(go_module_dir "$module" "$version")
		mkdir -p "$(dirname "$bin")"
		go -C "$src" build -trimpath -o "$bin.new" . && mv -f "$bin.new" "$bin"
	fi
	echo "$bin"
}

# module_dirs prints every module under modules/, relative to the repo root.
module_dirs() {
	local dir
	for dir in "$REPO_ROOT"/modules/*/; do
		[[ -f $dir/versions.tf ]] && echo "modules/$(basename "$dir")"
	done
}

# module_and_example_dirs prints every module and every example under modules/*/examples/.
module_and_example_dirs() {
	local module example
	while read -r module; do
		echo "$module"
		for example in "$REPO_ROOT/$module"/examples/*/; do
			[[ -d $example ]] && echo "$module/examples/$(basename "$example")"
		done
	done < <(module_dirs)
}
