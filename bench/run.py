#!/usr/bin/env python3
"""Runs the benchmarks and writes docs/benchmarks.md (python3 standard library only; wrk from Debian's packages).

    bench/run.sh                 # everything: start-up, real data, HTTP, synthetic platform and large scale
    bench/run.sh --skip-large    # without the 5M-membership scale (it takes ~15 minutes)
    bench/run.sh --only search   # the typeahead alone (≈ 5 minutes)

Every figure is the median of several runs; where two things are compared they are measured in the same run.
The service runs from the built jar on embedded PostgreSQL and Neo4j, as in the quick start.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = (ROOT / ".." / "shared" / "data" / "real").resolve()
WORK = ROOT / "target" / "bench"
JAR = None
RESULTS = {}
KEY = "bench-admin-key"  # provisioned at start-up (relationships.security.bootstrap-api-key): loads and syncs need a role


def log(message):
    print(f"[bench {datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


# --------------------------------------------------------------------------------------------------------------
# the service

class Service:
    def __init__(self, name, data_dir, port, extra=(), heap="2g", java="java", jvm=("-XX:+UseParallelGC",), jar=None):
        self.name, self.port = name, port
        self.var = WORK / f"var-{name}"
        shutil.rmtree(self.var, ignore_errors=True)
        self.log = open(WORK / f"{name}.log", "w")
        args = [java, *([f"-Xmx{heap}"] if heap else []), *jvm, "-jar", str(jar or JAR),
                f"--server.port={port}", f"--relationships.embedded.data-dir={self.var}",
                f"--relationships.data-dir={data_dir}", f"--relationships.load.allowed-roots={REAL},{WORK},{ROOT / 'data'}",
                f"--relationships.security.bootstrap-api-key={KEY}"] + list(extra)
        self.started = time.monotonic()
        self.process = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        self.ready_after = self.wait_ready()

    def url(self, path="/graphql"):
        return f"http://localhost:{self.port}{path}"

    def wait_ready(self, timeout=600):
        while time.monotonic() - self.started < timeout:
            try:
                with urllib.request.urlopen(self.url("/actuator/health/readiness"), timeout=2) as r:
                    if r.status == 200:
                        return time.monotonic() - self.started
            except Exception:
                pass
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited; see {self.log.name}")
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} not ready in {timeout}s")

    def graphql(self, query, variables=None):
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        request = urllib.request.Request(self.url(), body, {"Content-Type": "application/json", "Authorization": f"Bearer {KEY}"})
        with urllib.request.urlopen(request, timeout=3600) as r:
            answer = json.loads(r.read())
        if answer.get("errors"):
            raise RuntimeError(answer["errors"])
        return answer["data"]

    def rss_mb(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return None

    def peak_rss_mb(self):
        """The JVM's peak resident memory so far (VmHWM): the embedded Neo4j's page cache included, PostgreSQL not."""
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return None

    def heap_used_mb(self):
        """Heap in use after a full GC (jcmd), the figure that shows whether memory is bounded."""
        subprocess.run(["jcmd", str(self.process.pid), "GC.run"], capture_output=True)
        out = subprocess.run(["jcmd", str(self.process.pid), "GC.heap_info"], capture_output=True, text=True).stdout
        # every generation's "total …K, used …K" (ParallelGC prints the young and the old one; G1 one heap line)
        used = [int(u) for u in re.findall(r"total \d+K, used (\d+)K", out)]
        return sum(used) / 1024 if used else None

    def stop(self):
        began = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=120)
        self.log.close()
        return time.monotonic() - began


RUN_FIELDS = "id status durationMillis error counts { added removed changed unchanged }"


def load(service, mutation, mode, files=None, directory=None):
    args = [f"mode: {mode}"]
    variables = {}
    if files is not None:
        args.append("files: $files")
        variables["files"] = files
    if directory is not None:
        args.append("directory: $directory")
        variables["directory"] = str(directory)
    declarations = ", ".join(d for d, used in (("$files: [FileInput!]", files is not None),
                                                ("$directory: String", directory is not None)) if used)
    query = f"mutation{'(' + declarations + ')' if declarations else ''} {{ {mutation}({', '.join(args)}) {{ id }} }}"
    run_id = service.graphql(query, variables)[mutation]["id"]
    while True:
        run = service.graphql(f"{{ loadRun(id: {run_id}) {{ {RUN_FIELDS} }} }}")["loadRun"]
        if run["status"] != "RUNNING":
            if run["status"] != "SUCCEEDED":
                raise RuntimeError(f"run {run_id} {run['status']}: {run['error']}")
            return run
        time.sleep(0.05)


def sync(service, full=False):
    """Runs a graph sync and returns its duration in ms, measured by the service (start to end of the pass)."""
    wait_sync_idle(service)
    run_id = service.graphql(f"mutation {{ syncGraph(full: {str(full).lower()}) {{ id }} }}")["syncGraph"]["id"]
    deadline = time.monotonic() + 3600
    while time.monotonic() < deadline:
        status = service.graphql(f"{{ graphSyncRun(id: {run_id}) {{ id status startedAt finishedAt groupsDone error }} }}")["graphSyncRun"]
        if status and status["finishedAt"]:
            if status["status"] == "FAILED":
                raise RuntimeError(status["error"])
            start = datetime.datetime.fromisoformat(status["startedAt"].replace("Z", "+00:00"))
            end = datetime.datetime.fromisoformat(status["finishedAt"].replace("Z", "+00:00"))
            return (end - start).total_seconds() * 1000, status["groupsDone"]
        time.sleep(0.05)
    raise RuntimeError("sync did not finish")


def wait_sync_idle(service, timeout=3600):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = service.graphql("{ graphSync { phase lagChanges } }")["graphSync"]
        if status["lagChanges"] == 0 and status["phase"] in ("IDLE", "BACKING_OFF"):
            return
        time.sleep(0.2)


def save():
    (WORK / "results.json").write_text(json.dumps(RESULTS, indent=2))


def median(values):
    return statistics.median(values)


# --------------------------------------------------------------------------------------------------------------
# real data

def real_holdings():
    files = ["MitchellRLayton_portfolio-xray/ivv_holdings.csv", "CarterTschumper_quant_finance_projects/IWV_holdings.csv",
             "LuxSire_PortfolioApp/IWM_holdings.csv", "ainergiconsulting_TradingbotR1000/IWB_holdings.csv",
             "JonathanKoblik_Team3/ITOT_holdings.csv", "LuxSire_PortfolioApp/ARKK_HOLDINGS.csv",
             "RachelT03_cs6386_project/qqq_holdings.csv", "MitchellRLayton_portfolio-xray/spy_holdings.xlsx",
             "FerdinandBjerreWahl_Energy-Economics/holdings-daily-us-en-dia.xlsx",
             "DavidL7234_sector_rotation/holdings-daily-us-en-xle.xlsx", "DavidL7234_sector_rotation/holdings-daily-us-en-xlu.xlsx",
             "DavidL7234_sector_rotation/holdings-daily-us-en-cnrg.xlsx"]
    files += [f"tsekityam_ark-funds-flat-data/ARK_INNOVATION_ETF_{a}_HOLDINGS.csv" for a in ("ARKG", "ARKQ", "ARKW", "ARKX", "IZRL", "PRNT")]
    files += [f"MitchellRLayton_portfolio-xray/holdings_json/{j}.json" for j in
              "VOO VTI VGT VUG VTV VIG VYM VB VO VNQ MDY SPLG XLB XLC XLF XLI XLK XLP XLRE XLV XLY IWD IWF IJH IJR MTUM QUAL USMV VLUE LRGF".split()]
    return [{"path": str(REAL / f)} for f in files]


def real_universes():
    return [{"key": "sp500", "path": str(REAL / "datasets_s-and-p-500-companies/constituents.csv")},
            {"key": "nasdaq100", "path": str(REAL / "RachelT03_cs6386_project/qqq_holdings.csv")},
            {"key": "dow30", "path": str(REAL / "tunglich_Market-Timing-DQN/dow30_constituents.csv")},
            {"key": "russell3000", "path": str(REAL / "CarterTschumper_quant_finance_projects/IWV_holdings.csv")}]


def real_sector_inputs():
    inputs = [{"key": "curated", "path": str(ROOT / "data/sectors/sector_classifications.csv")}]
    inputs += [{"key": "screener", "path": str(REAL / f"rreichel3_US-Stock-Symbols/{x}_full_tickers.json")} for x in ("nasdaq", "nyse", "amex")]
    return inputs


def bench_startup():
    log("start-up: cold start of the jar on empty engines, with the sample data")
    empty = WORK / "sample-data"
    shutil.rmtree(empty, ignore_errors=True)
    shutil.copytree(ROOT / "data", empty)
    starts, rss, stops, firsts, steadies = [], [], [], [], []
    for i in range(3):
        # as a user runs it: `java -jar`, the JVM's own heap size and collector
        service = Service(f"startup-{i}", empty, 18080 + i, heap=None, jvm=())
        starts.append(service.ready_after)
        # the first user query right after ready (the warm-up's job is that it costs what the thousandth does)
        firsts.append(timed_ms(service, FIRST_QUERY))
        steadies.append(median([timed_ms(service, FIRST_QUERY) for _ in range(50)]))
        time.sleep(20)
        rss.append(service.rss_mb())
        stops.append(service.stop())
    RESULTS["startup"] = {"ready_s": median(starts), "idle_rss_mb": median(rss), "shutdown_s": median(stops), "runs": starts,
                          "first_query_ms": median(firsts), "steady_query_ms": median(steadies)}
    # the same starts from the extracted jar with a class-data-sharing archive of a training run
    cds = cds_archive(empty)
    cds_starts = []
    for i in range(3):
        service = Service(f"startup-cds-{i}", empty, 18083 + i, jar=cds["jar"], heap=None, jvm=(f"-XX:SharedArchiveFile={cds['archive']}",))
        cds_starts.append(service.ready_after)
        service.stop()
    RESULTS["startup"].update({"ready_cds_s": median(cds_starts), "runs_cds": cds_starts})


# a query the warm-up does not send verbatim: another stock, other fields
FIRST_QUERY = '{ stock(symbol: "MSFT") { name sector { key name } etfs { edges { node { weight etf { symbol name } } } } } }'


def timed_ms(service, query):
    started = time.monotonic()
    service.graphql(query)
    return (time.monotonic() - started) * 1000


def cds_archive(data_dir):
    """Spring Boot's recipe: extract the jar (java -Djarmode=tools … extract), start it once with
    -XX:ArchiveClassesAtExit and spring.context.exit=onRefresh, and start it later with -XX:SharedArchiveFile."""
    target = WORK / "cds"
    shutil.rmtree(target, ignore_errors=True)
    subprocess.run(["java", "-Djarmode=tools", "-jar", str(JAR), "extract", "--destination", str(target)], check=True, capture_output=True)
    jar = next(target.glob("relationship-service-*.jar"))
    archive = target / "application.jsa"
    var = WORK / "var-cds-training"
    shutil.rmtree(var, ignore_errors=True)
    subprocess.run(["java", f"-XX:ArchiveClassesAtExit={archive}", "-Dspring.context.exit=onRefresh", "-jar", str(jar),
                    "--server.port=0", f"--relationships.embedded.data-dir={var}", f"--relationships.data-dir={data_dir}"],
                   check=True, capture_output=True, timeout=600)
    # the training run exits right after the refresh, without stopping the embedded PostgreSQL it started
    subprocess.run(["pkill", "-f", f"postgres -D {var}"], check=False)
    return {"jar": jar, "archive": archive}


def bench_real(service):
    log("real data: loads")
    holdings, universes = real_holdings(), real_universes()
    full = load(service, "loadEtfHoldings", "FULL", files=holdings)
    load(service, "loadUniverses", "FULL", files=universes)
    load(service, "enrichSectors", "FULL", files=real_sector_inputs())
    wait_sync_idle(service)
    fulls, incrementals, one_changed = [], [], []
    for i in range(3):
        fulls.append(load(service, "loadEtfHoldings", "FULL", files=holdings)["durationMillis"])  # same files: diff only
        incrementals.append(load(service, "loadEtfHoldings", "INCREMENTAL", files=holdings)["durationMillis"])
    changed_dir = WORK / "changed"
    changed_dir.mkdir(parents=True, exist_ok=True)
    qqq = (REAL / "RachelT03_cs6386_project/qqq_holdings.csv").read_text()
    syncs_one = []
    for i in range(3):
        # one ETF re-weighted (a copy of QQQ's file with one weight changed, outside the repository)
        modified = qqq.replace(",8.823,", f",8.8{i + 4}0,", 1)
        (changed_dir / "qqq_holdings.csv").write_text(modified)
        files = [f for f in holdings if not f["path"].endswith("qqq_holdings.csv")] + [{"path": str(changed_dir / "qqq_holdings.csv")}]
        one_changed.append(load(service, "loadEtfHoldings", "INCREMENTAL", files=files)["durationMillis"])
        syncs_one.append(wait_for_first_sync(service, poll=0.01))  # the sync that follows the load by itself
    # the weekly run when nothing changed: every kind incremental with the same files (the enrichment's inputs and the
    # catalog unchanged, so it decides nothing again)
    weekly, enrich = [], []
    for i in range(3):
        steps = [load(service, "loadEtfHoldings", "INCREMENTAL", files=holdings)["durationMillis"],
                 load(service, "loadUniverses", "INCREMENTAL", files=universes)["durationMillis"],
                 load(service, "enrichSectors", "INCREMENTAL", files=real_sector_inputs())["durationMillis"]]
        enrich.append(steps[2])
        weekly.append(sum(steps))
    rebuilds = [sync(service, full=True) for _ in range(3)]
    stats = service.graphql("{ stats { relationships { kind count } } }")["stats"]["relationships"]
    RESULTS["real"] = {
        "memberships": sum(r["count"] for r in stats), "holdings": full["counts"]["added"],
        "first_full_ms": full["durationMillis"], "full_same_files_ms": median(fulls), "incremental_unchanged_ms": median(incrementals),
        "incremental_one_changed_ms": median(one_changed), "sync_one_etf_ms": median(syncs_one),
        "weekly_unchanged_ms": median(weekly), "enrich_unchanged_ms": median(enrich),
        "rebuild_ms": median([r[0] for r in rebuilds]), "rebuild_groups": rebuilds[0][1], "report_ms": report_ms(service),
        "report_summary_ms": report_ms(service, detail=False)}


def report_ms(service, detail=True):
    """The relationship breakdown report (Markdown), generated three times: the median in ms, client-side; None when
    it ran past the service's GraphQL request timeout (15 s), so that one missed target does not lose the phase."""
    times = []
    for _ in range(3):
        started = time.monotonic()
        try:
            service.graphql(f"{{ report(format: MARKDOWN, detail: {str(detail).lower()}) {{ fileName }} }}")
        except RuntimeError as e:
            if "TIMEOUT" in str(e):
                log(f"report (detail={detail}) ran past the request timeout")
                return None
            raise
        times.append((time.monotonic() - started) * 1000)
    return median(times)


# --------------------------------------------------------------------------------------------------------------
# HTTP

QUERIES = {
    "stock_etfs": ('{ stock(symbol:"AAPL") { sector { name } etfs { edges { node { weight etf { symbol } } } } } }', "≥ 10,000 req/s at 16, p99 < 5 ms"),
    "stock_etfs_top10_sectors": ('{ stock(symbol:"AAPL") { etfs { edges { node { etf { symbol holdings(first: 10) { edges { node { weight stock { symbol sector { name } } } } } } } } } } }',
                                 "p99 < 10 ms at 16"),
    "iwv_500_holdings": ('{ etf(symbol:"IWV") { holdings(first: 500) { edges { node { weight stock { symbol name sector { name } } } } } } }',
                         "p99 < 20 ms"),
    "sector_50_stocks_etfs": ('{ sector(key:"information_technology") { stocks(first: 50) { edges { node { symbol etfs { edges { node { weight etf { symbol } } } } } } } } }',
                              "≥ 3,000 req/s"),
}


def wrk(url, body, connections, seconds, lua_extra=""):
    script = WORK / "query.lua"
    script.write_text('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
                      f'wrk.body = {json.dumps(json.dumps({"query": body}))}\n{lua_extra}')
    threads = min(2, connections)
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "-s", str(script), "--latency", url],
                         capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = latency_ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1))
    p99 = latency_ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1))
    p90 = latency_ms(re.search(r"90%\s+([\d.]+\w+)", out).group(1))
    return rps, p50, p99, p90


def latency_ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


# each request asks about another stock, so the response cache cannot answer it: the resolver and relationship
# cache path (varying the symbol among the 400 largest holdings of IVV, all cached)
VARYING_LUA = """
symbols = {}
request = function()
  local s = symbols[math.random(#symbols)]
  return wrk.format(nil, nil, nil, string.format('{"query":"{ stock(symbol:\\\\"%s\\\\") { sector { name } etfs { edges { node { weight etf { symbol } } } } } }"}', s))
end
"""


def bench_http(service):
    log("HTTP: warming up for 30 s, then 3 × 15 s per query and concurrency")
    url = service.url()
    wrk(url, QUERIES["stock_etfs"][0], 16, 30)
    results = {}
    for name, (query, target) in QUERIES.items():
        for connections in (1, 16, 64):
            runs = [wrk(url, query, connections, 15) for _ in range(3)]
            results[f"{name}@{connections}"] = {"rps": median([r[0] for r in runs]), "p50": median([r[1] for r in runs]), "p90": median([r[3] for r in runs]),
                                                "p99": median([r[2] for r in runs]), "target": target}
            log(f"  {name} at {connections}: {results[f'{name}@{connections}']}")
    holdings = service.graphql('{ etf(symbol:"IVV") { holdings(first: 400) { edges { node { stock { symbol } } } } } }')
    symbols = [e["node"]["stock"]["symbol"] for e in holdings["etf"]["holdings"]["edges"]]
    lua = VARYING_LUA.replace("symbols = {}", "symbols = {" + ",".join(f'"{s}"' for s in symbols) + "}")
    wrk(url, "", 16, 20, lua)
    runs = [wrk(url, "", 16, 15, lua) for _ in range(3)]
    results["stock_etfs_uncached_responses@16"] = {"rps": median([r[0] for r in runs]), "p50": median([r[1] for r in runs]), "p90": median([r[3] for r in runs]),
                                                  "p99": median([r[2] for r in runs]), "target": "(resolver path, no response cache)"}
    # the floor in the same run: the smallest GraphQL request through the same filters, security and response cache
    runs = [wrk(url, "{ __typename }", 16, 15) for _ in range(3)]
    results["typename_floor@16"] = {"rps": median([r[0] for r in runs]), "p50": median([r[1] for r in runs]), "p90": median([r[3] for r in runs]),
                                    "p99": median([r[2] for r in runs]), "target": "(baseline: `{ __typename }`)"}
    log(f"  floor at 16: {results['typename_floor@16']}")
    cache = service.graphql("{ cacheStats { entries estimatedSizeBytes hitRate } }")["cacheStats"]
    results["cache"] = cache
    RESULTS["http"] = results


# --------------------------------------------------------------------------------------------------------------
# reads while data changes

def bench_change(service):
    """Random-stock reads (16 connections) alone, then while ARKK's holdings (43 rows, two versions in turn) load
    incrementally once a second and once every 10 s: 3 × 15 s each, medians, all in one run and on one instance."""
    log("reads under change: pure reads, then one ETF load per second and per 10 s")
    url = service.url()
    holdings = service.graphql('{ etf(symbol:"IVV") { holdings(first: 400) { edges { node { stock { symbol } } } } } }')
    symbols = [e["node"]["stock"]["symbol"] for e in holdings["etf"]["holdings"]["edges"]]
    lua = VARYING_LUA.replace("symbols = {}", "symbols = {" + ",".join(f'"{s}"' for s in symbols) + "}")
    arkk = (REAL / "LuxSire_PortfolioApp/ARKK_HOLDINGS.csv").read_text()
    versions = []
    for i, text in enumerate((arkk, arkk.replace("9.28%", "9.30%", 1))):
        folder = WORK / f"change-{i}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "ARKK_HOLDINGS.csv").write_text(text)
        versions.append([{"path": str(folder / "ARKK_HOLDINGS.csv")}])
    wrk(url, "", 16, 15, lua)  # warm

    def measure(interval):
        runs, loads = [], []
        for _ in range(3):
            stop = threading.Event()

            def loader():
                # at a fixed rate: the i-th load starts i intervals after the first, however long each takes
                began, i = time.monotonic(), 0
                while not stop.wait(max(0.0, began + (i + 1) * interval - time.monotonic())):
                    started = time.monotonic()
                    load(service, "loadEtfHoldings", "INCREMENTAL", files=versions[i % 2])
                    loads.append((time.monotonic() - started) * 1000)
                    i += 1

            thread = threading.Thread(target=loader, daemon=True) if interval else None
            if thread:
                thread.start()
            runs.append(wrk(url, "", 16, 15, lua))
            stop.set()
            if thread:
                thread.join()
            wait_sync_idle(service)
        return {"rps": median([r[0] for r in runs]), "p50": median([r[1] for r in runs]), "p90": median([r[3] for r in runs]),
                "p99": median([r[2] for r in runs]), "loads": len(loads), "load_ms": median(loads) if loads else None}

    results = {"pure": measure(None), "every_1s": measure(1.0), "every_10s": measure(10.0)}
    for name in ("every_1s", "every_10s"):
        results[name]["rps_ratio"] = results[name]["rps"] / results["pure"]["rps"]
        results[name]["p99_ratio"] = results[name]["p99"] / results["pure"]["p99"]
    log(f"  {results}")
    RESULTS["change"] = results


# --------------------------------------------------------------------------------------------------------------
# typeahead search

SEARCH = "query($text: String!) { search(text: $text, first: 10) { kind match node { id } label { text matched } name { text matched } } }"


def typeahead_texts(service, universe, count=400):
    """What people type into a typeahead: every prefix of a stock's symbol, and the first two to six letters of each
    of the first two words of its name, for `count` stocks of the universe picked at random (the same ones every run),
    and a few group names. Thousands of different texts, so that the figures are not one lucky query."""
    import random
    stocks, after = [], None
    while True:
        page = service.graphql("query($u: String!, $after: String) { stocks(filter: { universe: $u }, first: 1000, after: $after) { "
                               "pageInfo { hasNextPage endCursor } edges { node { symbol name } } } }", {"u": universe, "after": after})["stocks"]
        stocks += [e["node"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    texts = set()
    for stock in random.Random(7).sample(stocks, min(count, len(stocks))):
        texts.update(stock["symbol"][:n] for n in range(1, len(stock["symbol"]) + 1))
        for word in (stock["name"] or "").split()[:2]:
            texts.update(word[:n].lower() for n in range(2, min(6, len(word)) + 1))
    texts.update(["tech", "energy", "semi", "financ", "health care", "utilit", "real est", "dow", "sp5", "russell"])
    return sorted(t for t in texts if t.strip()), len(stocks)


def bench_search(port):
    """The typeahead over the Russell 3000 set: the real IWV file's 2,600-odd stocks with the other real files when
    ../shared/data/real is there, else the synthetic platform scale (3,700 stocks). The response cache is off, so
    that every request runs the search (PostgreSQL's indexes, then the relationship cache for the nodes) instead of
    being answered from memory; `{ __typename }` in the same run is the floor of the HTTP path on this machine."""
    extra = ["--relationships.api.response-cache.enabled=false", "--relationships.load.seed-on-empty=false"]
    if REAL.is_dir():
        data = WORK / "empty-data"
        data.mkdir(exist_ok=True)
        service = Service("search", data, port, extra=extra)
        load(service, "loadEtfHoldings", "FULL", files=real_holdings())
        load(service, "loadUniverses", "FULL", files=real_universes())
        load(service, "enrichSectors", "FULL", files=real_sector_inputs())
        source = "real files (IWV: the Russell 3000)"
    else:
        data = WORK / "synthetic-platform"
        shutil.rmtree(data, ignore_errors=True)
        subprocess.run(["java", "-cp", str(ROOT / "target" / "classes"), "io.relationships.load.SyntheticDataSet", "platform", str(data)], check=True)
        service = Service("search", data, port, extra=extra)
        load(service, "loadAll", "FULL")
        source = "synthetic platform scale"
    try:
        wait_sync_idle(service)
        texts, universe_size = typeahead_texts(service, "russell3000")
        (WORK / "search-texts.txt").write_text("\n".join(texts) + "\n")  # for bench/search-candidates.sh
        bodies = [json.dumps({"query": SEARCH, "variables": {"text": t}}) for t in texts]
        lua = ("bodies = {" + ",".join(f"[==[{b}]==]" for b in bodies) + "}\n"
               "request = function()\n  return wrk.format(nil, nil, nil, bodies[math.random(#bodies)])\nend\n")
        for text in texts[::max(1, len(texts) // 50)]:
            service.graphql(SEARCH, {"text": text})  # raises on an error: wrk would count an error answer as a fast one
        url = service.url()
        log(f"search: {len(texts)} typeahead texts over {universe_size} stocks; warming up for 20 s, then 3 × 15 s")
        wrk(url, "", 16, 20, lua)
        results = {"load_average_before": os.getloadavg()[0]}  # other work on the machine shows in the tail
        for name, body, script in (("typeahead", "", lua), ("typename_floor", "{ __typename }", "")):
            runs = [wrk(url, body, 16, 15, script) for _ in range(3)]
            results[f"{name}@16"] = {"rps": median([r[0] for r in runs]), "p50": median([r[1] for r in runs]),
                                     "p90": median([r[3] for r in runs]), "p99": median([r[2] for r in runs])}
            log(f"  {name} at 16: {results[f'{name}@16']}")
        results["load_average_after"] = os.getloadavg()[0]
        stats = service.graphql("{ stats { etfs sectors industries themes universes securities } }")["stats"]
        RESULTS["search"] = {"source": source, "texts": len(texts), "universe_stocks": universe_size, "catalog": stats, **results}
    finally:
        service.stop()


# --------------------------------------------------------------------------------------------------------------
# synthetic scales

def bench_synthetic(scale, port):
    data = WORK / f"synthetic-{scale}"
    shutil.rmtree(data, ignore_errors=True)
    classes = ROOT / "target" / "classes"
    subprocess.run(["java", "-cp", str(classes), "io.relationships.load.SyntheticDataSet", scale, str(data)], check=True)
    log(f"{scale}: loading")
    service = Service(f"synthetic-{scale}", data, port, extra=["--relationships.load.seed-on-empty=false",
                                                              "--relationships.cache.warm-on-start=false"], heap="1g")
    try:
        started = time.monotonic()
        full = load(service, "loadEtfHoldings", "FULL")
        full_wall = time.monotonic() - started
        heap_after_load = service.heap_used_mb()
        rss_after_load = service.rss_mb()
        first_sync = wait_for_first_sync(service)
        mutated = subprocess.run(["java", "-cp", str(classes), "io.relationships.load.SyntheticDataSet", "mutate", str(data), "0.01"],
                                 check=True, capture_output=True, text=True)
        changed_files = int(re.search(r"re-weighted (\d+)", mutated.stdout).group(1))
        incremental = load(service, "loadEtfHoldings", "INCREMENTAL")
        sync_incremental = (wait_for_first_sync(service), changed_files)
        rebuild = sync(service, full=True)
        RESULTS[f"synthetic_{scale}"] = {
            "memberships": full["counts"]["added"], "full_load_ms": full["durationMillis"], "full_load_wall_s": full_wall,
            "incremental_1pct_ms": incremental["durationMillis"], "incremental_changed": incremental["counts"]["changed"],
            "sync_after_full_load_ms": first_sync, "sync_incremental_ms": sync_incremental[0],
            "sync_incremental_groups": sync_incremental[1], "rebuild_ms": rebuild[0], "heap_after_load_mb": heap_after_load,
            "rss_after_load_mb": rss_after_load, "heap_limit": "1 GB", "report_ms": report_ms(service),
            "report_summary_ms": report_ms(service, detail=False),
            "peak_rss_mb": service.peak_rss_mb()}
        log(f"{scale}: {RESULTS[f'synthetic_{scale}']}")
    finally:
        service.stop()


def wait_for_first_sync(service, poll=0.05):
    """The automatic sync that follows a load, from the load's end until the graph has caught up (wall clock: the
    outbox may take several passes, and the last pass alone would understate it)."""
    started = time.monotonic()
    deadline = started + 3600
    while time.monotonic() < deadline:
        status = service.graphql("{ graphSync { phase lagChanges } }")["graphSync"]
        if status["lagChanges"] == 0 and status["phase"] in ("IDLE", "BACKING_OFF"):
            return (time.monotonic() - started) * 1000
        time.sleep(poll)
    raise RuntimeError("the graph did not catch up")


# --------------------------------------------------------------------------------------------------------------

PHASES = ["startup", "real", "http", "change", "search", "platform", "large"]


def main():
    global JAR
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", nargs="+", choices=PHASES, default=PHASES,
                        help="run just these phases (results merge with the last run's)")
    parser.add_argument("--skip-large", action="store_true", help="all phases but the 5M-membership one")
    args = parser.parse_args()
    phases = [p for p in args.only if not (args.skip_large and p == "large")]
    WORK.mkdir(parents=True, exist_ok=True)
    previous = WORK / "results.json"
    if previous.exists():
        RESULTS.update(json.loads(previous.read_text()))  # a partial run adds to the last one
    jars = [j for j in (ROOT / "target").glob("relationship-service-*.jar") if not j.name.endswith(".original")]
    JAR = jars[0]
    if "startup" in phases:
        bench_startup()
        save()
    if REAL.is_dir() and ("real" in phases or "http" in phases or "change" in phases):
        empty = WORK / "empty-data"
        empty.mkdir(exist_ok=True)
        service = Service("real", empty, 18090)
        try:
            bench_real(service)  # the HTTP phase needs the real data loaded
            save()
            if "http" in phases:
                bench_http(service)
                save()
            if "change" in phases:
                bench_change(service)
                save()
        finally:
            service.stop()
    if "search" in phases:
        bench_search(18093)
        save()
    if "platform" in phases:
        bench_synthetic("platform", 18091)
        save()
    if "large" in phases:
        bench_synthetic("large", 18092)
        save()
    RESULTS["machine"] = {"cpus": os.cpu_count(), "java": subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0],
                          "kernel": platform.release(), "date": datetime.date.today().isoformat()}
    (WORK / "results.json").write_text(json.dumps(RESULTS, indent=2))
    subprocess.run([sys.executable, str(ROOT / "bench" / "report.py"), str(WORK / "results.json")], check=True)


if __name__ == "__main__":
    main()
