#!/usr/bin/env bash
# JMH micro-benchmarks (bench/jmh/java): the cache, the symbol normaliser, the file readers, in-process GraphQL.
# Writes target/bench/jmh.json and regenerates docs/benchmarks.md. Arguments go to JMH (e.g. a benchmark name regex).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Pjmh -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/jmh-classpath.txt -Dmdep.includeScope=test
mkdir -p target/bench
java -cp "target/test-classes:target/classes:$(cat target/jmh-classpath.txt)" org.openjdk.jmh.Main \
  -rf json -rff target/bench/jmh.json "$@"
python3 bench/report.py target/bench/results.json
