#!/usr/bin/env python3
"""Tail latency and memory by JVM lever, all in one run (issue: p99 of stock→ETFs at 16 connections under 5 ms).

    python3 bench/levers.py                      # every variant (≈ 17 min); results merge into target/bench/results.json
    python3 bench/levers.py --only jdk25-zgc     # some variants

Each variant starts the built jar on its own embedded engines with the real files loaded (as bench/run.py's real
phase), then measures the cached stock→ETFs query and `{ __typename }` at 16 connections (3 × 15 s, medians) and the
process's resident memory idle and under that load. The floor is a trivial node.js endpoint answering the same bytes,
measured in the same run; every figure is also given as a ratio to the first variant (the benchmarks' JDK 17 with
ParallelGC). Nothing here reaches off the machine: the services listen on 127.0.0.1 ports, wrk runs locally.
"""
import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  (bench/run.py: the service, the loads, wrk)

JDK17 = "java"
JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"
# name → (java, JVM options, service arguments, what it tries)
VARIANTS = {
    "jdk17-parallel": (JDK17, ["-XX:+UseParallelGC"], [], "the benchmarks' setting so far"),
    "jdk17-g1": (JDK17, [], [], "the JVM's default collector, with the service's heap return"),
    "jdk25-g1": (JDK25, [], [], "a current JDK, default collector"),
    "jdk25-parallel": (JDK25, ["-XX:+UseParallelGC"], [], "a current JDK, throughput collector"),
    "jdk25-zgc": (JDK25, ["-XX:+UseZGC"], [], "generational ZGC (the default ZGC mode since JDK 23)"),
    "jdk25-g1-virtual": (JDK25, [], ["--spring.threads.virtual.enabled=true"], "virtual threads for Tomcat's requests"),
}


def measure(url, query, seconds=15, runs=3):
    results = [run.wrk(url, query, 16, seconds) for _ in range(runs)]
    return {"rps": run.median([r[0] for r in results]), "p50": run.median([r[1] for r in results]),
            "p90": run.median([r[3] for r in results]), "p99": run.median([r[2] for r in results])}


def prepare(service):
    run.load(service, "loadEtfHoldings", "FULL", files=run.real_holdings())
    run.load(service, "loadUniverses", "FULL", files=run.real_universes())
    run.load(service, "enrichSectors", "FULL", files=run.real_sector_inputs())
    run.wait_sync_idle(service)


def variant(name, port):
    java, jvm, extra, _ = VARIANTS[name]
    empty = run.WORK / "empty-data"
    empty.mkdir(parents=True, exist_ok=True)
    service = run.Service(f"lever-{name}", empty, port, extra=extra, java=java, jvm=jvm)
    try:
        prepare(service)
        query = run.QUERIES["stock_etfs"][0]
        url = service.url()
        run.wrk(url, query, 16, 20)  # warm: the JIT, the caches
        time.sleep(40)  # idle: longer than the service's idle collection (relationships.memory.idle-collection, 30 s)
        idle = service.rss_mb()
        result = {"ready_s": service.ready_after, "idle_rss_mb": idle, "stock_etfs": measure(url, query)}
        result["rss_under_load_mb"] = service.rss_mb()
        result["typename"] = measure(url, "{ __typename }", seconds=10)
        result["peak_rss_mb"] = service.peak_rss_mb()
        return result, service.graphql(query)
    finally:
        service.stop()


def floor(answer, port):
    """The trivial endpoint, answering the bytes the service answered."""
    body = run.WORK / "trivial-body.json"
    body.write_text(json.dumps({"data": answer}, separators=(",", ":")))
    node = subprocess.Popen(["node", str(Path(__file__).resolve().parent / "trivial-endpoint.js"), str(port), str(body)])
    try:
        time.sleep(1)
        url = f"http://127.0.0.1:{port}/graphql"
        run.wrk(url, "", 16, 10)
        return measure(url, run.QUERIES["stock_etfs"][0])
    finally:
        node.terminate()
        node.wait(timeout=10)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", nargs="+", choices=list(VARIANTS), default=list(VARIANTS))
    args = parser.parse_args()
    run.WORK.mkdir(parents=True, exist_ok=True)
    run.JAR = [j for j in (run.ROOT / "target").glob("relationship-service-*.jar") if not j.name.endswith(".original")][0]
    previous = run.WORK / "results.json"
    if previous.exists():
        run.RESULTS.update(json.loads(previous.read_text()))
    levers, answer = {}, None
    for i, name in enumerate(args.only):
        run.log(f"lever {name}: {VARIANTS[name][3]}")
        levers[name], answer = variant(name, 18100 + i)
        levers[name]["tries"] = VARIANTS[name][3]
        run.log(f"  {levers[name]}")
    run.RESULTS["levers"] = {"variants": levers, "floor": floor(answer, 18099),
                             "load_average": open("/proc/loadavg").read().split()[:3]}
    run.log(f"  floor: {run.RESULTS['levers']['floor']}")
    run.save()


if __name__ == "__main__":
    main()
