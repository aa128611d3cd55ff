#!/usr/bin/env bash
# Builds the service and runs every benchmark, then writes docs/benchmarks.md:
#   bench/run.py  start-up, real data, GraphQL over HTTP, platform and 5M scales (results merge into target/bench/results.json)
#   bench/levers.py tail latency and memory per JDK, collector and thread model, against a trivial node.js endpoint
#   bench/scaleout.py two instances behind nginx (deploy/nginx.conf) against one asked directly
#   bench/soak.py the mutation-heavy mix and the 10-minute soak
#   bench/jmh.sh  the JMH micro-benchmarks
# Usage: bench/run.sh [--skip-large] [--skip-soak] [--skip-jmh] [--skip-levers] [--skip-scaleout] [--only PHASE...]   (--only runs just those run.py phases)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
soak=1 jmh=1 levers=1 scaleout=1 args=()
for arg in "$@"; do
  case "$arg" in
    --skip-soak) soak=0 ;;
    --skip-jmh) jmh=0 ;;
    --skip-levers) levers=0 ;;
    --skip-scaleout) scaleout=0 ;;
    --only) soak=0 jmh=0 levers=0 scaleout=0 args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done
mvn -q -B -DskipTests package
python3 bench/run.py "${args[@]}"
if [ "$levers" = 1 ]; then python3 bench/levers.py; fi
if [ "$scaleout" = 1 ]; then python3 bench/scaleout.py; fi
if [ "$soak" = 1 ]; then python3 bench/soak.py; fi
if [ "$jmh" = 1 ]; then bench/jmh.sh; fi
python3 bench/report.py target/bench/results.json
