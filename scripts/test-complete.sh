#!/usr/bin/env bash
# Offline tests of examples/complete, the whole architecture in one plan:
#   1. terraform fmt, validate and the mocked tests (tests/*.tftest.hcl), through scripts/test-modules.sh;
#   2. the Kong half applied for real to the in-repo Kong-compatible test server and read back through the Admin
#      API (tests/kong-local), once as Kong OSS with the openapi-request-validator plugin (the server started with
#      -custom-plugins, as a node with plugins = bundled,openapi-request-validator) and once as Kong Enterprise
#      (request-validator); api2 is driven by its OpenAPI documents in both. Then api2 alone (tests/kong-local/api2)
#      is applied with `terraform apply` and a second plan must be empty. A Kong OSS node asked for request-validator,
#      and one without the Go plugin asked for it, must fail the plan with the module's explanation. The AWS half is
#      mocked in every run: nothing here can reach AWS, and the schema-only aws provider cannot plan.
#
# Usage: scripts/test-complete.sh [--verbose]
#   --verbose  print the plan and state of every run (what `make demo-complete` shows).
# Environment:
#   KONG_PROVIDER_DIR  directory holding a built terraform-provider-kong; unset, it is built from this repository.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/terraform-module-tools.sh"

example=examples/complete
verbose=()
case ${1:-} in
--verbose) verbose=(-verbose) ;;
"") ;;
*)
	echo "usage: $0 [--verbose]" >&2
	exit 2
	;;
esac

if [[ -z ${KONG_PROVIDER_DIR:-} ]]; then
	KONG_PROVIDER_DIR=$(build_kong_provider)
fi
export KONG_PROVIDER_DIR

echo "==> $example: fmt, validate and mocked tests"
bash "$REPO_ROOT/scripts/test-modules.sh" "$example"

work=$(mktemp -d)
server_pid=
TF_CLI_CONFIG_FILE=
cleanup() {
	if [[ -n $server_pid ]]; then
		kill "$server_pid" 2>/dev/null || true
		wait "$server_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
	[[ -z $TF_CLI_CONFIG_FILE ]] || rm -f "$TF_CLI_CONFIG_FILE"
}
trap cleanup EXIT

go build -o "$work/kong-local" "$REPO_ROOT/internal/kongtest/cmd/kong-local"
aws_provider_dir=$(build_aws_schema_provider)
TF_CLI_CONFIG_FILE=$(write_cli_config "$aws_provider_dir")
export TF_CLI_CONFIG_FILE TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
export TF_DATA_DIR=$work/tfdata
(cd "$REPO_ROOT/$example" && terraform get -test-directory="$(test_dir tests/kong-local)" -no-color >/dev/null)
converge_dir=$REPO_ROOT/$example/tests/kong-local/api2
(cd "$converge_dir" && TF_DATA_DIR=$work/tfdata-api2 terraform get -no-color >/dev/null)

# start_server starts a fresh test server on a free loopback port and exports its URL as KONG_ADMIN_URL.
start_server() {
	local log="$work/kong-local.log" url=
	: >"$log"
	KONG_LOCAL_LISTEN=127.0.0.1:0 "$work/kong-local" "$@" >"$log" 2>&1 &
	server_pid=$!
	for _ in $(seq 1 100); do
		url=$(sed -n 's/.* listening on \(http:[^ ]*\)$/\1/p' "$log")
		[[ -n $url ]] && break
		if ! kill -0 "$server_pid" 2>/dev/null; then
			cat "$log" >&2
			return 1
		fi
		sleep 0.05
	done
	[[ -n $url ]] || { echo "kong-local did not start" >&2; return 1; }
	export KONG_ADMIN_URL=$url
}

stop_server() {
	kill "$server_pid"
	wait "$server_pid" 2>/dev/null || true
	server_pid=
}

# converge_api2 <api2_request_validation> applies api2 alone to the running server and fails unless a second plan
# is empty: the provider reads back exactly what the OpenAPI documents made.
converge_api2() {
	local state=$work/api2.tfstate
	rm -f "$state"
	echo "==> api2 from its OpenAPI documents: terraform apply, then a second plan must be empty"
	(cd "$converge_dir" && TF_DATA_DIR=$work/tfdata-api2 terraform apply -no-color -input=false -auto-approve \
		-state="$state" -var "request_validation=$1" >"$work/api2-apply.log") || {
		cat "$work/api2-apply.log" >&2
		return 1
	}
	local status=0
	(cd "$converge_dir" && TF_DATA_DIR=$work/tfdata-api2 terraform plan -no-color -input=false -detailed-exitcode \
		-state="$state" -var "request_validation=$1" >"$work/api2-plan.log") || status=$?
	if [[ $status -ne 0 ]]; then
		cat "$work/api2-plan.log" >&2
		echo "FAIL: the second plan of api2 (request_validation = $1) is not empty (exit $status)" >&2
		return 1
	fi
	echo "second plan empty"
}

# run_against <label> <api2_request_validation> [kong-local flags...]
run_against() {
	local label=$1 validation=$2
	shift 2
	echo "==> $example against the Kong-compatible test server as $label (api2_request_validation = $validation)"
	start_server "$@"
	(cd "$REPO_ROOT/$example" &&
		terraform test -no-color -test-directory="$(test_dir tests/kong-local)" -var-file=tests/terraform.tfvars \
			-var "api2_request_validation=$validation" "${verbose[@]}")
	converge_api2 "$validation"
	stop_server
}

run_against "Kong OSS" openapi_request_validator -custom-plugins=openapi-request-validator
run_against "Kong Enterprise" request_validator -enterprise

# expect_refusal <description> <api2_request_validation> <message> [kong-local flags...]: the plan must fail with
# the module's message.
expect_refusal() {
	local description=$1 validation=$2 message=$3
	shift 3
	echo "==> $example against the Kong-compatible test server as $description: must be refused"
	start_server "$@"
	set +e
	refusal=$(cd "$REPO_ROOT/$example" &&
		terraform test -no-color -test-directory="$(test_dir tests/kong-local)" -var-file=tests/terraform.tfvars \
			-var "api2_request_validation=$validation" 2>&1)
	status=$?
	set -e
	stop_server
	# Terraform wraps long messages: compare with the line breaks folded into spaces.
	if [[ $status -eq 0 ]] || ! tr -s ' \n' '  ' <<<"$refusal" | grep -qF "$message"; then
		echo "$refusal" >&2
		echo "FAIL: api2_request_validation = \"$validation\" on $description was not refused at plan time with the module's message" >&2
		exit 1
	fi
	echo "refused at plan time, as expected"
}

expect_refusal "Kong OSS, asking for request-validator" request_validator "needs Kong Enterprise's request-validator plugin"
expect_refusal "Kong OSS without the Go plugin, asking for it" openapi_request_validator "needs the openapi-request-validator plugin"
