#!/usr/bin/env python3
"""Throughput behind the proxy: two instances behind nginx (the repository's deploy/nginx.conf) against one instance
asked directly, on the same engines, in the same run.

    python3 bench/scaleout.py        # after a build (mvn -DskipTests package); ≈ 6 minutes; results merge into target/bench/results.json

The engines run in a process of their own (the tests' EnginesInChildProcess, from the test classpath), standing for
external servers; the instances are the development jar in external mode. The proxy is measured twice: as shipped
(keep-alive connections to the instances) and with a connection per request (the config before keep-alive), so the
figure says what the upstream keep-alive is worth. On two cores the proxy and both instances share the CPU with wrk:
this shows the proxy's cost, not the gain of a second machine. Everything listens on 127.0.0.1.
"""
import json
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  (bench/run.py: the service, wrk)

NGINX = "/usr/sbin/nginx"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def engines(directory):
    classpath_file = run.WORK / "test-classpath.txt"
    subprocess.run(["mvn", "-o", "-q", "dependency:build-classpath", "-Dmdep.includeScope=test", f"-Dmdep.outputFile={classpath_file}"],
                   cwd=run.ROOT, check=True)
    classpath = f"{run.ROOT / 'target/test-classes'}:{run.ROOT / 'target/classes'}:{classpath_file.read_text().strip()}"
    log = open(run.WORK / "scaleout-engines.log", "w")
    process = subprocess.Popen(["java", "-Xmx768m", "-cp", classpath, "io.relationships.embedded.EnginesInChildProcess", str(directory)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True)
    for line in process.stdout:
        if line.startswith("ENGINES "):
            _, jdbc, user, password, bolt, neo4j_user, neo4j_password = line.split()
            return process, ["--relationships.embedded.enabled=false", f"--spring.datasource.url={jdbc}", f"--spring.datasource.username={user}",
                             f"--spring.datasource.password={password}", f"--spring.neo4j.uri={bolt}",
                             f"--spring.neo4j.authentication.username={neo4j_user}", f"--spring.neo4j.authentication.password={neo4j_password}"]
    raise RuntimeError("the engines did not start; see target/bench/scaleout-engines.log")


def nginx(directory, ports, keepalive=True):
    """deploy/nginx.conf with its upstream and listen lines swapped for these (as the tests' Nginx does)."""
    shutil.rmtree(directory, ignore_errors=True)
    (directory / "logs").mkdir(parents=True)
    port = free_port()
    config = (run.ROOT / "deploy" / "nginx.conf").read_text()
    config = re.sub(r"(?m)^\s*server service-[a-z]:8080;\n", "", config)
    config = config.replace("upstream relationships {\n", "upstream relationships {\n" + "".join(f"    server 127.0.0.1:{p};\n" for p in ports))
    config = config.replace("listen 80;", f"listen 127.0.0.1:{port};")
    config = config.replace("events {}", f"daemon off;\npid {directory}/nginx.pid;\nerror_log {directory}/logs/error.log;\nevents {{}}")
    config = config.replace("http {", f"http {{\n  access_log off;\n  client_body_temp_path {directory}/body;\n  proxy_temp_path {directory}/proxy;\n"
                                      f"  fastcgi_temp_path {directory}/fastcgi;\n  uwsgi_temp_path {directory}/uwsgi;\n  scgi_temp_path {directory}/scgi;")
    if not keepalive:
        config = re.sub(r"(?m)^\s*keepalive \d+;\n", "", config).replace("''      \"\";", "''      close;")
    (directory / "nginx.conf").write_text(config)
    process = subprocess.Popen([NGINX, "-c", str(directory / "nginx.conf"), "-p", str(directory)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, f"http://127.0.0.1:{port}/graphql"
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nginx did not listen; see {directory}/logs/error.log")


def measure(url, query, lua=""):
    run.wrk(url, query, 16, 10, lua)
    runs = [run.wrk(url, query, 16, 15, lua) for _ in range(3)]
    return {"rps": run.median([r[0] for r in runs]), "p50": run.median([r[1] for r in runs]), "p99": run.median([r[2] for r in runs])}


def main():
    run.WORK.mkdir(parents=True, exist_ok=True)
    run.JAR = [j for j in (run.ROOT / "target").glob("relationship-service-*.jar") if not j.name.endswith(".original")][0]
    previous = run.WORK / "results.json"
    if previous.exists():
        run.RESULTS.update(json.loads(previous.read_text()))
    directory = run.WORK / "scaleout"
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    engine_process, arguments = engines(directory / "engines")
    instances, proxies = [], []
    try:
        data = ["--relationships.load.allowed-roots=" + str(run.ROOT / "data")]
        instances.append(run.Service("scaleout-0", run.ROOT / "data", 18110, extra=arguments + data + ["--relationships.load.seed-on-empty=true"]))
        instances.append(run.Service("scaleout-1", run.ROOT / "data", 18111, extra=arguments + data + ["--relationships.load.seed-on-empty=false"]))
        symbols = []  # the sample's stocks: the sector funds' holdings
        for fund in ("XLK", "XLF", "XLV", "XLY", "XLI", "XLP", "XLE"):
            holdings = instances[0].graphql('query($s: String!) { etf(symbol: $s) { holdings(first: 100) { edges { node { stock { symbol } } } } } }',
                                            {"s": fund})
            symbols += [e["node"]["stock"]["symbol"] for e in holdings["etf"]["holdings"]["edges"]]
        symbols = sorted(set(symbols))
        lua = run.VARYING_LUA.replace("symbols = {}", "symbols = {" + ",".join(f'"{s}"' for s in symbols) + "}")
        cached = run.QUERIES["stock_etfs"][0]
        shipped = nginx(directory / "nginx", [i.port for i in instances])
        proxies.append(shipped[0])
        per_request = nginx(directory / "nginx-close", [i.port for i in instances], keepalive=False)
        proxies.append(per_request[0])
        results = {}
        for name, url in (("one instance, direct", instances[0].url()), ("two instances behind nginx (as shipped)", shipped[1]),
                          ("two instances behind nginx, a connection per request", per_request[1])):
            results[name] = {"cached": measure(url, cached), "varying": measure(url, "", lua)}
            run.log(f"  {name}: {results[name]}")
        run.RESULTS["scaleout"] = {"runs": results, "load_average": open("/proc/loadavg").read().split()[:3]}
        run.save()
    finally:
        for proxy in proxies:
            proxy.terminate()
        for instance in instances:
            instance.stop()
        engine_process.stdin.close()
        engine_process.wait(timeout=120)


if __name__ == "__main__":
    main()
