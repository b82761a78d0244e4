#!/usr/bin/env bash
# make demo: start the in-repo Kong-compatible server, apply an example with the freshly built provider,
# then show that a second plan has nothing to change. Usage: scripts/demo.sh <example dir>
# The server listens on KONG_LOCAL_LISTEN when it is set; otherwise on 127.0.0.1:8001, or on a free port when
# something else already holds 8001 (a real Kong, another demo).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
example=${1:-examples/quickstart}
terraform=${TERRAFORM:-terraform}
work=$(mktemp -d)
trap 'kill "${server_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

bash "$root/scripts/check-terraform.sh"
[[ -x "$root/bin/terraform-provider-kong" ]] || { echo "run 'make build' first" >&2; exit 1; }

go build -o "$work/kong-local" "$root/internal/kongtest/cmd/kong-local"

# start_server LISTEN starts kong-local on LISTEN, waits until it answers and sets listen to the host:port it
# took (LISTEN may say port 0). It fails when the server exits (the address is taken) or is not up within 5 s.
start_server() {
  KONG_LOCAL_LISTEN=$1 "$work/kong-local" >"$work/kong-local.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 50); do
    listen=$(sed -n 's#.*listening on http://##p' "$work/kong-local.log" | head -n1)
    [[ -n $listen ]] && curl -fsS "http://$listen/status" >/dev/null 2>&1 && return 0
    kill -0 "$server_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  kill "$server_pid" 2>/dev/null || true
  return 1
}

if [[ -n ${KONG_LOCAL_LISTEN:-} ]]; then
  start_server "$KONG_LOCAL_LISTEN" ||
    { echo "error: kong-local could not listen on $KONG_LOCAL_LISTEN:" >&2; cat "$work/kong-local.log" >&2; exit 1; }
elif ! start_server 127.0.0.1:8001; then
  # 8001 is taken (a real Kong, another demo): let the kernel pick a free port.
  echo "==> 127.0.0.1:8001 is in use; the test server takes a free port instead"
  start_server 127.0.0.1:0 || { cat "$work/kong-local.log" >&2; exit 1; }
fi
echo "==> Kong-compatible test server on $listen (a test double, not Kong)"

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

echo "==> $terraform apply ($example)"
"$terraform" apply -auto-approve -input=false -compact-warnings
echo "==> $terraform plan (must show no changes)"
set +e
"$terraform" plan -detailed-exitcode -input=false -compact-warnings
code=$?
set -e
case $code in
  0) echo "==> Second plan: no changes. The configuration converged." ;;
  2) echo "error: the second plan wants changes: the provider does not converge" >&2; exit 1 ;;
  *) exit "$code" ;;
esac
