#!/usr/bin/env bash
# Builds the service and runs every benchmark, then writes docs/benchmarks.md. See bench/run.py.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
mvn -q -B -DskipTests package
exec python3 bench/run.py "$@"
