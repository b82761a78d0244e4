#!/usr/bin/env bash
# make demo: start the in-repo Kong-compatible server, apply an example with the freshly built provider,
# then show that a second plan has nothing to change. Usage: scripts/demo.sh <example dir>
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
example=${1:-examples/quickstart}
listen=${KONG_LOCAL_LISTEN:-127.0.0.1:8001}
work=$(mktemp -d)
trap 'kill "${server_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

bash "$root/scripts/check-terraform.sh"
[[ -x "$root/bin/terraform-provider-kong" ]] || { echo "run 'make build' first" >&2; exit 1; }

echo "==> Starting the Kong-compatible test server on $listen (a test double, not Kong)"
go build -o "$work/kong-local" "$root/internal/kongtest/cmd/kong-local"
KONG_LOCAL_LISTEN=$listen "$work/kong-local" >"$work/kong-local.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 50); do
  curl -fsS "http://$listen/status" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/kong-local.log" >&2; exit 1; }
  sleep 0.1
done

# A CLI configuration of our own: the provider comes from bin/, nothing is downloaded, ~/.terraformrc is untouched.
cat >"$work/terraformrc" <<HCL
provider_installation {
  dev_overrides {
    "kongform/kong" = "$root/bin"
  }
  direct {}
}
HCL
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 KONG_ADMIN_URL="http://$listen"
cp -R "$root/$example/." "$work/config"
cd "$work/config"

echo "==> terraform apply ($example)"
terraform apply -auto-approve -input=false -compact-warnings
echo "==> terraform plan (must show no changes)"
set +e
terraform plan -detailed-exitcode -input=false -compact-warnings
code=$?
set -e
case $code in
  0) echo "==> Second plan: no changes. The configuration converged." ;;
  2) echo "error: the second plan wants changes: the provider does not converge" >&2; exit 1 ;;
  *) exit "$code" ;;
esac
