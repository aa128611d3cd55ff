#!/usr/bin/env python3
"""The soak benchmark (not part of the test run): mixed nested queries at 64 connections for ten minutes while a
load runs every minute, against the jar on its embedded engines.

    mvn -q -B -DskipTests package && python3 bench/soak.py [--minutes 10]

Pass criteria (the security issue's): zero errors, no growth of heap after GC, no leaked connections, p99 within
2x of the same mix without loads. Results go to target/bench/results.json ("soak"); bench/report.py renders them.
"""
import argparse
import json
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  (the Service class, wrk and the results file)

MIX_LUA = """
local queries = {
  '{"query":"{ stock(symbol:\\\\"%s\\\\") { sector { name } etfs { edges { node { weight etf { symbol } } } } } }"}',
  '{"query":"{ stock(symbol:\\\\"%s\\\\") { etfs { edges { node { etf { symbol holdings(first: 10) { edges { node { weight stock { symbol sector { name } } } } } } } } } } }"}',
  '{"query":"{ etf(symbol:\\\\"XLK\\\\") { holdings(first: 50) { totalCount edges { node { weight stock { symbol name sector { name } } } } } } }"}',
  '{"query":"{ sector(key:\\\\"information_technology\\\\") { stocks(first: 50) { edges { node { symbol etfs { edges { node { weight etf { symbol } } } } } } } } }"}',
  '{"query":"{ etfOverlap(a:\\\\"XLK\\\\", b:\\\\"XLC\\\\") { commonCount } }"}',
}
local symbols = {"AAPL","MSFT","NVDA","AMZN","GOOGL","META","JPM","XOM","JNJ","PG","V","UNH","HD","KO","CVX","ABBV","MRK","PEP","AVGO","COST"}
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
function init(args)
  errors = 0
  responses = 0
end
request = function()
  local q = queries[math.random(#queries)]
  local s = symbols[math.random(#symbols)]
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, string.format(q, s))
end
response = function(status, headers, body)
  responses = responses + 1
  if status ~= 200 or string.find(body, '"errors"', 1, true) then
    errors = errors + 1
  end
end
function done(summary, latency, requests)
  local e, r = 0, 0
  for _, t in ipairs(threads) do
    e = e + t:get("errors")
    r = r + t:get("responses")
  end
  io.write(string.format("GRAPHQL_ERRORS %d OF %d\\n", e, r))
end
"""


# the mutation-heavy mix: one request in five refreshes the stock cache (OPERATOR), the rest read
MUTATION_LUA = MIX_LUA.replace("""request = function()
  local q = queries[math.random(#queries)]""", """request = function()
  if math.random(5) == 1 then
    return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer KEY"},
      '{"query":"mutation { refreshCache(scope: STOCKS) { entries } }"}')
  end
  local q = queries[math.random(#queries)]""").replace("KEY", run.KEY)


def run_mix(url, seconds, connections=64, lua=MIX_LUA, name="soak"):
    script = run.WORK / f"{name}.lua"
    script.write_text(lua)
    # wrk refuses more threads than connections
    out = subprocess.run(["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "-s", str(script), "--latency", url],
                         capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = run.latency_ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1))
    p50 = run.latency_ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1))
    p90 = run.latency_ms(re.search(r"90%\s+([\d.]+\w+)", out).group(1))
    errors, total = map(int, re.search(r"GRAPHQL_ERRORS (\d+) OF (\d+)", out).groups())
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    socket_errors = sum(map(int, socket.groups())) if socket else 0
    return {"rps": rps, "p50": p50, "p90": p90, "p99": p99, "graphql_errors": errors, "responses": total, "socket_errors": socket_errors}


def metric(service, name, tag=None):
    url = service.url(f"/actuator/metrics/{name}" + (f"?tag={tag}" if tag else ""))
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {run.KEY}"})
    with urllib.request.urlopen(request, timeout=10) as r:
        return json.loads(r.read())["measurements"][0]["value"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10)
    args = parser.parse_args()
    run.WORK.mkdir(parents=True, exist_ok=True)
    results_file = run.WORK / "results.json"
    if results_file.exists():
        run.RESULTS.update(json.loads(results_file.read_text()))
    run.JAR = [j for j in (run.ROOT / "target").glob("relationship-service-*.jar") if not j.name.endswith(".original")][0]

    data = run.WORK / "soak-data"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(run.ROOT / "data", data)
    service = run.Service("soak", data, 18093)
    try:
        run.wait_sync_idle(service)
        run.log("soak: 60 s of the mix without loads (the baseline), after 30 s of warm-up")
        run_mix(service.url(), 30)
        baseline = run_mix(service.url(), 60)
        mutations = {c: run_mix(service.url(), 30, c, MUTATION_LUA, "mutation-mix") for c in (1, 16, 64)}
        run.log(f"mutation-heavy mix: {mutations}")
        run.RESULTS["mutation_mix"] = mutations
        heap_before = service.heap_used_mb()
        # one connection is the cache invalidation's LISTEN, held for the service's life
        active_before = metric(service, "hikaricp.connections.active")
        run.log(f"soak: baseline {baseline}, heap after GC {heap_before:.0f} MB")

        loads, failures = [], []
        stop = threading.Event()

        def load_every_minute():
            turn = 0
            while not stop.wait(60):
                turn += 1
                # re-weight one ETF so that every load really changes something (and drops the caches)
                path = data / "holdings" / "XLK.csv"
                lines = path.read_text().splitlines()
                for i, line in enumerate(lines):
                    if line.startswith("AAPL,"):
                        cells = line.split(",")
                        cells[-1] = f"{12 + (turn % 5) * 0.1:.2f}"
                        lines[i] = ",".join(cells)
                path.write_text("\n".join(lines) + "\n")
                try:
                    result = run.load(service, "loadEtfHoldings", "INCREMENTAL")
                    loads.append(result)
                    if result["status"] != "SUCCEEDED":
                        failures.append(result)
                except Exception as e:  # noqa: BLE001 — a failed load is a finding of the soak, not a crash of it
                    failures.append(str(e))

        loader = threading.Thread(target=load_every_minute, daemon=True)
        loader.start()
        seconds = int(args.minutes * 60)
        run.log(f"soak: {seconds} s of the mix at 64 connections with a load every minute")
        soak = run_mix(service.url(), seconds)
        stop.set()
        loader.join(timeout=600)
        time.sleep(5)
        heap_after = service.heap_used_mb()
        # the quality snapshot that follows the last load may still hold a connection: a leak is one that stays
        active = metric(service, "hikaricp.connections.active")
        for _ in range(60):
            if active <= active_before:
                break
            time.sleep(0.5)
            active = metric(service, "hikaricp.connections.active")
        pending = metric(service, "hikaricp.connections.pending")
        result = {"minutes": args.minutes, "baseline": baseline, "soak": soak, "loads": len(loads), "load_failures": len(failures),
                  "heap_before_mb": heap_before, "heap_after_mb": heap_after, "hikari_active_before": active_before, "hikari_active_after": active, "hikari_pending_after": pending,
                  "p99_ratio": soak["p99"] / baseline["p99"] if baseline["p99"] else None}
        run.log(f"soak: {result}")
        if failures:
            run.log(f"soak: load failures: {failures}")
        run.RESULTS["soak"] = result
        results_file.write_text(json.dumps(run.RESULTS, indent=2))
    finally:
        service.stop()
    subprocess.run([sys.executable, str(run.ROOT / "bench" / "report.py"), str(results_file)], check=True)


if __name__ == "__main__":
    main()
