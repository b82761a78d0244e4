#!/usr/bin/env bash
# make bench: Go benchmarks of the hot paths, then terraform apply/plan cost at 100, 1,000 and 5,000 entities
# against the in-repo server at 5 ms and 50 ms per request (writes bench/README.md). Run it on an idle machine:
# anything else running changes the wall times.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/check-terraform.sh
go test -run '^$' -bench . -benchmem ./internal/kongclient/ ./internal/kongtest/... ./plugins/...
TF_CLI_CONFIG_FILE=/dev/null go run ./internal/e2e/cmd/bench -sizes "${BENCH_SIZES:-100,1000,5000}" -latencies "${BENCH_LATENCIES:-5ms,50ms}" -out bench/README.md
echo "wrote bench/README.md"
