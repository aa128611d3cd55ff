#!/usr/bin/env python3
"""A quicker look at the synthetic scales than bench/run.py's phases: for profiling and iterating on load and sync costs.

    python3 bench/scale.py medium                         # load, first sync, 1% incremental, rebuild, read after rebuild
    python3 bench/scale.py large --steps load sync        # some steps (a later call with --keep goes on from there)
    python3 bench/scale.py large --keep --steps rebuild read
    python3 bench/scale.py medium --jfr load              # a JFR recording (settings=profile) in target/scale/<name>.jfr
    python3 bench/scale.py medium -- --relationships.graph.batch-size=20000   # service arguments after --

Scales: platform (14k memberships), medium (1M, the large scale's shape at a fifth), large (5M). Each call starts one
service (the built jar, -Xmx1g, as the benchmark) and stops it after the steps, and never lets it live 10 minutes:
a service still running at --limit seconds (570 by default, start-up included) is stopped and the call fails. A
service started with --keep on a catalog the graph lags behind is ready only once the sync has caught up, so then
the sync shows in ready_s and in the service's "Graph sync" log lines. Figures go to stdout and
target/scale/<scale>.json, each step with the CPU seconds of the service and its PostgreSQL and the load average;
they feed the hand-written "Scale" section of docs/benchmarks.md (bench/run.py makes the rest).
"""
import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  (bench/run.py: the service, loads and syncs)

STEPS = ["load", "sync", "incremental", "rebuild", "read"]
READS = {"etf": '{ etf(symbol: "F0000") { holdings(first: 1000) { edges { node { weight stock { symbol } } } } } }',
         "stock": '{ stock(symbol: "B") { sector { key } etfs(first: 50) { edges { node { weight etf { symbol } } } } } }'}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scale", choices=["platform", "medium", "large"])
    parser.add_argument("--steps", nargs="+", choices=STEPS, default=STEPS)
    parser.add_argument("--keep", action="store_true", help="go on with the engines' data of the last call at this scale")
    parser.add_argument("--jfr", metavar="NAME", help="record the service with JFR into target/scale/NAME.jfr")
    parser.add_argument("--port", type=int, default=18192)
    parser.add_argument("--limit", type=int, default=570, help="seconds the service may live")
    parser.add_argument("--heap", default="1g", help="the service's -Xmx (1g, as the benchmark)")
    parser.add_argument("--linger", type=float, default=0, help="seconds to leave the service running after the steps")
    argv = sys.argv[1:]
    service_args = argv[argv.index("--") + 1:] if "--" in argv else []
    args = parser.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    args.service_args = service_args

    work = run.ROOT / "target" / "scale"
    run.WORK = work
    work.mkdir(parents=True, exist_ok=True)
    run.JAR = [j for j in (run.ROOT / "target").glob("relationship-service-*.jar") if not j.name.endswith(".original")][0]
    data = work / f"synthetic-{args.scale}"
    classes = run.ROOT / "target" / "classes"
    if not args.keep:
        subprocess.run(["rm", "-rf", str(data)], check=True)
        subprocess.run(["java", "-cp", str(classes), "io.relationships.load.SyntheticDataSet", args.scale, str(data)], check=True)

    extra = ["--relationships.load.seed-on-empty=false", "--relationships.cache.warm-on-start=false"] + args.service_args
    jvm = []
    if args.jfr:
        jvm.append(f"-XX:StartFlightRecording=filename={work / (args.jfr + '.jfr')},settings=profile,dumponexit=true")
    service = Service(args.scale, data, args.port, extra, [f"-Xmx{args.heap}"] + jvm, keep=args.keep)
    # armed before the wait for readiness: a start that syncs a whole catalog (ready means the graph caught up) counts too
    watchdog = threading.Timer(args.limit - (time.monotonic() - service.started), lambda: stop_by(service, deadline=20))
    watchdog.daemon = True
    watchdog.start()
    service.ready_after = service.wait_ready(timeout=args.limit)
    figures = {"scale": args.scale, "heap": args.heap, "load_average_before": os.getloadavg(), "steps": args.steps, "args": args.service_args, "ready_s": service.ready_after}
    cpu = Cpu(service, figures)
    try:
        if "load" in args.steps:
            full = run.load(service, "loadEtfHoldings", "FULL")
            figures["full_load_ms"] = full["durationMillis"]
            figures["memberships"] = full["counts"]["added"]
            cpu.lap("full_load")
            report(figures)
        if "sync" in args.steps:
            figures["sync_after_full_load_ms"] = run.wait_for_first_sync(service)
            cpu.lap("sync_after_full_load")
            figures["heap_after_sync_mb"] = service.heap_used_mb()
            report(figures)
        if "incremental" in args.steps:
            run.wait_sync_idle(service)
            subprocess.run(["java", "-cp", str(classes), "io.relationships.load.SyntheticDataSet", "mutate", str(data), "0.01"],
                           check=True, capture_output=True)
            incremental = run.load(service, "loadEtfHoldings", "INCREMENTAL")
            figures["incremental_1pct_ms"] = incremental["durationMillis"]
            figures["sync_incremental_ms"] = run.wait_for_first_sync(service)
            cpu.lap("incremental_and_sync")
            report(figures)
        if "rebuild" in args.steps:
            run.wait_sync_idle(service)
            for name, query in READS.items():
                warm = [timed(service, query) for _ in range(3)]  # cached now, and warm
                figures[f"read_{name}_warm_ms"] = run.median(warm[1:])
            cpu.lap("reads")
            figures["rebuild_ms"], _ = run.sync(service, full=True)
            cpu.lap("rebuild")
            for name, query in READS.items():  # the first reads once the rebuild says it is done
                figures[f"read_{name}_after_rebuild_ms"] = timed(service, query)
            figures["heap_after_rebuild_mb"] = service.heap_used_mb()
            report(figures)
        if "read" in args.steps and "rebuild" not in args.steps:
            figures["read_ms"] = {name: [timed(service, query) for _ in range(3)] for name, query in READS.items()}
            report(figures)
        figures["peak_rss_mb"] = service.peak_rss_mb()
        time.sleep(args.linger)
    finally:
        watchdog.cancel()
        if service.process.poll() is None:
            service.stop()
        figures["service_s"] = time.monotonic() - service.started
        figures["load_average_after"] = os.getloadavg()
        report(figures)
        (work / f"{args.scale}.json").write_text(json.dumps(figures, indent=2))
    if figures["service_s"] >= args.limit:
        sys.exit(f"the service ran into the {args.limit} s limit")


def stop_by(service, deadline):
    """SIGTERM, and SIGKILL if the service has not gone after {@code deadline} seconds: a JVM out of heap may never
    run its shutdown, and no embedded run may live ten minutes."""
    service.process.terminate()
    try:
        service.process.wait(timeout=deadline)
    except subprocess.TimeoutExpired:
        service.process.kill()
        service.process.wait()
        subprocess.run(["pkill", "-f", f"postgres -D {service.var}"], check=False)  # its embedded PostgreSQL, orphaned


def cpu_seconds(pid, var):
    """CPU time of the service and of its embedded PostgreSQL (the postmaster is detached from the service, so it is
    found by its data directory under {@code var}) with their descendants, live and reaped: on a machine shared with
    other work the wall-clock figures move with the load, this much less."""
    ticks, children, stats = 0, {}, {}
    roots = [pid]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        process = int(stat.parent.name)
        stats[process] = fields
        children.setdefault(int(fields[1]), []).append(process)
        if str(var) in cmdline and "postgres" in cmdline and process != pid:
            roots.append(process)
    seen = set()
    todo = list(roots)
    while todo:
        process = todo.pop()
        if process in seen or process not in stats:
            continue
        seen.add(process)
        ticks += sum(int(stats[process][i]) for i in (11, 12, 13, 14))
        todo.extend(children.get(process, []))
    return ticks / os.sysconf("SC_CLK_TCK")


class Cpu:
    """Per-step CPU seconds of the service's process tree, beside the wall-clock figures."""

    def __init__(self, service, figures):
        self.service, self.figures, self.last = service, figures, cpu_seconds(service.process.pid, service.var)

    def lap(self, step):
        now = cpu_seconds(self.service.process.pid, self.service.var)
        self.figures[f"{step}_cpu_s"] = round(now - self.last, 1)
        self.last = now


def timed(service, query):
    started = time.monotonic()
    service.graphql(query)
    return (time.monotonic() - started) * 1000


def report(figures):
    run.log(json.dumps(figures))


class Service(run.Service):
    """bench/run.py's service, with JVM options and, with keep, the engines' data of the last call."""

    def __init__(self, name, data_dir, port, extra, jvm, keep):
        self.name, self.port = name, port
        self.var = run.WORK / f"var-{name}"
        if not keep:
            subprocess.run(["rm", "-rf", str(self.var)], check=True)
        self.log = open(run.WORK / f"{name}.log", "a" if keep else "w")
        args = ["java", "-XX:+UseParallelGC"] + jvm + ["-jar", str(run.JAR),
                f"--server.port={port}", f"--relationships.embedded.data-dir={self.var}",
                f"--relationships.data-dir={data_dir}", f"--relationships.load.allowed-roots={run.WORK}",
                f"--relationships.security.bootstrap-api-key={run.KEY}"] + list(extra)
        self.started = time.monotonic()
        self.process = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)


if __name__ == "__main__":
    main()
