#!/usr/bin/env bash
# The typeahead's candidate indexes measured side by side (bench/SearchCandidates.java) on the catalog the search phase
# loaded: run `bench/run.sh --only search` first. Starts the built jar on that phase's engines again, measures, stops it.
#   PostgreSQL full-text + b-tree tiers (the service's), PostgreSQL pg_trgm, Neo4j full-text (Lucene)
set -euo pipefail
cd "$(dirname "$0")/.."
var=target/bench/var-search
texts=target/bench/search-texts.txt
[ -d "$var" ] && [ -f "$texts" ] || { echo "run bench/run.sh --only search first" >&2; exit 2; }
mvn -o -q dependency:build-classpath -Dmdep.outputFile=target/bench/classpath >/dev/null
jar=$(ls target/relationship-service-*.jar | grep -v original | head -1)
log=target/bench/search-candidates.log
java -jar "$jar" --server.port=18094 --relationships.embedded.data-dir="$var" --relationships.load.seed-on-empty=false \
     --relationships.data-dir=target/bench/empty-data > "$log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null; wait $service 2>/dev/null || true' EXIT
until curl -sf http://localhost:18094/actuator/health/readiness >/dev/null; do
  kill -0 $service 2>/dev/null || { echo "the service stopped; see $log" >&2; exit 1; }
  sleep 1
done
engines=$(grep -m1 "Embedded PostgreSQL (" "$log")
jdbc=$(sed -E 's/.*PostgreSQL \(([^)]*)\).*/\1/' <<<"$engines")
bolt=$(sed -E 's/.*Neo4j \(([^)]*)\).*/\1/' <<<"$engines")
password() { grep "^$1=" "$var/credentials.properties" | cut -d= -f2-; }
java -cp "target/classes:$(cat target/bench/classpath)" bench/SearchCandidates.java "$jdbc" relationships \
     "$(password postgres.service.password)" "$bolt" "$(password neo4j.password)" "$texts"
