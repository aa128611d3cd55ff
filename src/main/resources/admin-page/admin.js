// The admin dashboard: a client of the GraphQL API like any other. Everything shown is set as text (never as
// HTML), so a stock named "<script>" is shown as those characters.
"use strict";

const state = { session: null };

// ---------------------------------------------------------------------------------------------------------------
// talking to the service

function headers(extra) {
  const h = Object.assign({ "Content-Type": "application/json", "X-Relationships-Client": "admin" }, extra || {});
  if (state.session && state.session.csrfHeader) {
    h[state.session.csrfHeader] = state.session.csrfToken;
  }
  return h;
}

class ServiceError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

async function gql(query, variables) {
  const response = await fetch("/graphql", {
    method: "POST", credentials: "same-origin", headers: headers({ Accept: "application/json" }),
    body: JSON.stringify({ query, variables: variables || {} })
  });
  let body;
  try {
    body = await response.json();
  } catch (e) {
    throw new ServiceError("The service answered " + response.status + " without a readable body", "HTTP_" + response.status);
  }
  if (body.errors && body.errors.length) {
    const first = body.errors[0];
    throw new ServiceError(first.message, (first.extensions && first.extensions.code) || "ERROR");
  }
  return body.data;
}

/** Follows a subscription (server-sent events on /graphql) until the service completes it. */
async function subscribe(query, variables, onNext) {
  const response = await fetch("/graphql", {
    method: "POST", credentials: "same-origin", headers: headers({ Accept: "text/event-stream" }),
    body: JSON.stringify({ query, variables })
  });
  const type = response.headers.get("Content-Type") || "";
  if (!response.ok || !type.startsWith("text/event-stream")) {
    // refused before it started (401, 403, 413, a validation error): the body says why, in GraphQL's shape
    const body = await response.json().catch(() => ({}));
    const first = (body.errors && body.errors[0]) || { message: "the service answered " + response.status };
    throw new ServiceError(first.message, (first.extensions && first.extensions.code) || "HTTP_" + response.status);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let event = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      throw new ServiceError("the progress stream ended before the run did; see the run's status below", "STREAM_ENDED");
    }
    buffer += decoder.decode(value, { stream: true });
    let newline;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, "");
      buffer = buffer.slice(newline + 1);
      if (line.startsWith("event:")) {
        event = line.slice(6).trim();
        if (event === "complete") {
          reader.cancel();
          return;
        }
      } else if (line.startsWith("data:") && event === "next") {
        const payload = JSON.parse(line.slice(5));
        if (payload.errors && payload.errors.length) {
          const first = payload.errors[0];
          throw new ServiceError(first.message, (first.extensions && first.extensions.code) || "ERROR");
        }
        onNext(payload.data);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// small DOM helpers: text only

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === "class") {
      node.className = value;
    } else if (name.startsWith("on")) {
      node.addEventListener(name.slice(2), value);
    } else {
      node.setAttribute(name, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

function $(id) {
  return document.getElementById(id);
}

function fill(container, ...children) {
  container.replaceChildren(...children.flat().filter(c => c !== null && c !== undefined));
}

const number = new Intl.NumberFormat("en-US");
const percent = v => (v === null || v === undefined) ? "–" : (v * 100).toFixed(2) + "%";
const when = t => t ? new Date(t).toLocaleString() : "–";
// the service writes instants as ISO-8601 in UTC, also inside messages; the page shows them in the reader's time
const localTimes = text => String(text).replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/g, t => when(t));
const millis = m => (m === null || m === undefined) ? "–" : m < 1000 ? m + " ms" : (m / 1000).toFixed(1) + " s";

function badge(status) {
  return el("span", { class: "badge " + String(status).toLowerCase() }, status);
}

function showError(container, error) {
  fill(container, el("p", { class: "error", role: "alert" }, (error.code ? error.code + ": " : "") + error.message));
}

// ---------------------------------------------------------------------------------------------------------------
// panels

const OVERVIEW = `{
  stats { etfs sectors industries themes universes securities relationships { kind count } }
  dataQuality { generatedAt status integrity { driftGroups integrity checkedAt }
    sectorCoverage { total unknown unknownShare target bySector { sector count } }
    checks { name category status value threshold sample message } }
  qualityHistory(first: 60) { edges { node { takenAt unknownShare integrity status } } }
  cacheStats { hitCount missCount hitRate evictionCount entries estimatedSizeBytes maxSizeBytes }
  graphSync { phase lagChanges lagSeconds lastSyncedAt lastFullSyncAt lastError lastErrorAt degraded
    lastRun { id full status requestedBy startedAt finishedAt groupsDone error } }
  graphSyncRuns(first: 10) { id full status requestedBy startedAt finishedAt groupsTotal groupsDone eventsProcessed error }
  loadRuns(first: 15) { edges { node { id kind mode status trigger triggeredBy startedAt durationMillis error
    counts { added removed changed unchanged }
    errors: findings(severity: ERROR, first: 0) { totalCount } warnings: findings(severity: WARNING, first: 0) { totalCount } } } }
  lastHoldings: loadRuns(first: 10, kind: ETF_HOLDINGS, status: SUCCEEDED) { edges { node { id mode trigger finishedAt } } }
  lastEnrichment: loadRuns(first: 10, kind: SECTORS, status: SUCCEEDED) { edges { node { id mode trigger finishedAt } } }
  schedules { job description schedule lastRunAt nextRunAt }
  sectorWorklist(first: 50) { totalCount securities { symbol name totalWeight heldBy { etf weight } universes } }
}`;

async function refresh() {
  try {
    const data = await gql(OVERVIEW);
    renderStats(data.stats);
    renderQuality(data.dataQuality);
    renderAlerts(data.dataQuality, data.graphSync);
    renderTrend(nodes(data.qualityHistory));
    renderSectors(data.dataQuality.sectorCoverage);
    renderCache(data.cacheStats);
    renderSync(data.graphSync);
    renderSyncRuns(data.graphSyncRuns);
    renderRuns(nodes(data.loadRuns));
    renderGlance(data);
    renderWorklist(data.sectorWorklist);
    document.body.dataset.loaded = String(Date.now());
  } catch (error) {
    showError($("alerts"), error);
  }
}

function renderStats(stats) {
  const cards = [["ETFs", stats.etfs], ["Stocks", stats.securities], ["Sectors", stats.sectors], ["Industries", stats.industries],
    ["Themes", stats.themes], ["Universes", stats.universes],
    ["Relationships", stats.relationships.reduce((sum, r) => sum + r.count, 0)]];
  fill($("stats"), cards.map(([label, value]) => el("div", { class: "card", "data-stat": label.toLowerCase() },
    el("dt", {}, label), el("dd", {}, number.format(value)))));
}

function renderQuality(quality) {
  fill($("quality-status"), badge(quality.status));
  $("quality-generated").textContent = "Checked " + when(quality.generatedAt) + " · sector coverage "
    + percent(1 - quality.sectorCoverage.unknownShare) + " (" + number.format(quality.sectorCoverage.unknown) + " of "
    + number.format(quality.sectorCoverage.total) + " unknown) · graph integrity " + percent(quality.integrity.integrity);
  fill($("checks").tBodies[0], quality.checks.map(check => el("tr", { id: "check-" + check.name, "data-check": check.name,
    class: "status-" + check.status.toLowerCase(), tabindex: "-1" },
    el("th", { scope: "row" }, check.name), el("td", {}, check.category), el("td", {}, badge(check.status)),
    el("td", { class: "number" }, formatValue(check.value)), el("td", {}, check.threshold),
    el("td", {}, localTimes(check.message), check.sample.length ? el("details", {}, el("summary", {}, "sample (" + check.sample.length + ")"),
      el("ul", {}, check.sample.map(s => el("li", {}, s)))) : null))));
}

function formatValue(value) {
  return Number.isInteger(value) ? number.format(value) : value.toFixed(4);
}

/** A banner for every check that warns or fails (failures first), each linking to its row of the checks. */
function renderAlerts(quality, sync) {
  const alerts = [];
  const worst = quality.checks.filter(c => c.status === "FAIL").concat(quality.checks.filter(c => c.status === "WARN"));
  for (const check of worst) {
    alerts.push(el("li", { class: check.status.toLowerCase(), "data-alert": check.name },
      el("a", { href: "#check-" + check.name }, check.status + " " + check.name),
      ": " + (check.name === "etf_freshness" ? "stale data — " : "") + localTimes(check.message)));
  }
  if (sync.degraded) {
    alerts.push(el("li", { class: "warn" }, "The graph is behind PostgreSQL by " + sync.lagChanges + " change(s)"
      + (sync.lastError ? ": " + sync.lastError : "")));
  }
  fill($("alerts"), alerts.length ? el("ul", {}, alerts) : null);
}

/** At the top: the last holdings load, the last enrichment, and when the scheduled jobs run next. */
function renderGlance(data) {
  const applied = runs => runs.edges.map(e => e.node).find(r => r.mode !== "DRY_RUN");
  const run = r => r ? "#" + r.id + " " + when(r.finishedAt) + " (" + r.trigger.toLowerCase() + ")" : "none yet";
  const entries = [["Last holdings load", run(applied(data.lastHoldings)), "last-holdings"],
    ["Last sector enrichment", run(applied(data.lastEnrichment)), "last-enrichment"]];
  for (const job of data.schedules) {
    entries.push(["Next " + job.job, when(job.nextRunAt) + " (" + job.schedule + ")", "next-" + job.job]);
  }
  fill($("glance"), entries.map(([k, v, key]) => el("div", { "data-glance": key }, el("dt", {}, k), el("dd", {}, v))));
}

function renderWorklist(worklist) {
  fill($("steward-count"), worklist.totalCount ? number.format(worklist.totalCount) : "none");
  $("steward-count").className = "badge " + (worklist.totalCount ? "warn" : "pass");
  fill($("unclassified-table").tBodies[0], worklist.securities.map(s => el("tr", { "data-symbol": s.symbol },
    el("th", { scope: "row" }, s.symbol), el("td", {}, s.name || ""),
    el("td", { class: "number" }, s.totalWeight.toFixed(2) + "%"),
    el("td", {}, s.heldBy.map(h => h.etf + (h.weight === null ? "" : " " + h.weight.toFixed(2) + "%")).join(", ")),
    el("td", {}, s.universes.join(", ")))));
  $("unclassified-more").textContent = worklist.totalCount > worklist.securities.length
    ? "… and " + (worklist.totalCount - worklist.securities.length) + " more: the template lists them all."
    : worklist.totalCount ? "" : "Every security has a sector.";
  $("template-button").disabled = worklist.totalCount === 0;
}

/** Saves text as a file of the reader's, named {@code name}. */
function download(content, type, name) {
  const link = el("a", { href: URL.createObjectURL(new Blob([content], { type })), download: name });
  document.body.append(link);
  link.click();
  link.remove();
}

function renderCache(cache) {
  pairs($("cache-stats"), [["Entries", number.format(cache.entries)], ["Hit rate", percent(cache.hitRate)],
    ["Hits", number.format(cache.hitCount)], ["Misses", number.format(cache.missCount)], ["Evictions", number.format(cache.evictionCount)],
    ["Size", (cache.estimatedSizeBytes / 1048576).toFixed(1) + " of " + (cache.maxSizeBytes / 1048576).toFixed(0) + " MB"]]);
}

function renderSync(sync) {
  pairs($("sync-status"), [["Phase", sync.phase], ["Behind by", sync.lagChanges + " change(s), " + sync.lagSeconds + " s"],
    ["Last synced", when(sync.lastSyncedAt)], ["Last full rebuild", when(sync.lastFullSyncAt)],
    ["Last error", sync.lastError ? sync.lastError + " (" + when(sync.lastErrorAt) + ")" : "none"],
    ["Last sync run", sync.lastRun ? "#" + sync.lastRun.id + (sync.lastRun.full ? " (full)" : "") + " " + sync.lastRun.status + ", "
      + sync.lastRun.groupsDone + " group(s), " + when(sync.lastRun.startedAt) + (sync.lastRun.requestedBy ? " by " + sync.lastRun.requestedBy : "")
      + (sync.lastRun.error ? ": " + sync.lastRun.error : "") : "none since start-up"]]);
}

function renderSyncRuns(runs) {
  fill($("sync-runs-table").tBodies[0], runs.map(run => el("tr", { "data-sync-run": run.id, class: "status-" + run.status.toLowerCase() },
    el("th", { scope: "row" }, "#" + run.id), el("td", {}, run.full ? "full rebuild" : "incremental"), el("td", {}, badge(run.status)),
    el("td", {}, run.requestedBy || ""), el("td", {}, when(run.startedAt)),
    el("td", {}, run.startedAt && run.finishedAt ? millis(Date.parse(run.finishedAt) - Date.parse(run.startedAt)) : ""),
    el("td", { class: "number" }, run.groupsDone + " of " + run.groupsTotal), el("td", { class: "number" }, number.format(run.eventsProcessed)),
    el("td", {}, run.error || ""))));
}

function pairs(container, entries) {
  fill(container, entries.flatMap(([k, v]) => [el("dt", {}, k), el("dd", { "data-key": k.toLowerCase() }, v)]));
}

function renderRuns(runs) {
  fill($("runs-table").tBodies[0], runs.map(run => {
    const errors = run.errors.totalCount;
    const warnings = run.warnings.totalCount;
    return el("tr", { "data-run": run.id, class: "status-" + run.status.toLowerCase() },
      el("th", { scope: "row" }, el("button", { type: "button", class: "link", onclick: () => showRun(run.id),
        "aria-label": "Details of run " + run.id }, "#" + run.id)),
      el("td", {}, run.kind), el("td", {}, run.mode), el("td", {}, badge(run.status)),
      el("td", {}, run.trigger + (run.triggeredBy ? " (" + run.triggeredBy + ")" : "")), el("td", {}, when(run.startedAt)),
      el("td", {}, millis(run.durationMillis)),
      el("td", { class: "number" }, run.counts.added + " / " + run.counts.removed + " / " + run.counts.changed),
      el("td", {}, errors ? errors + " error(s)" : "", errors && warnings ? ", " : "", warnings ? warnings + " warning(s)" : ""));
  }));
}

const RUN_DETAIL = `query($id: ID!) { loadRun(id: $id) {
  id kind mode status phase trigger triggeredBy startedAt finishedAt durationMillis error
  counts { added removed changed unchanged }
  files(first: 200) { totalCount edges { node { path format status rows groupKey message } } }
  findings(first: 200) { totalCount edges { node { file line column columnName severity code message } } }
  diff(first: 100, symbolsPerList: 100) { totalCount edges { node { groupType groupKey groupChange added removed
    reweighted { symbol oldWeight newWeight } otherChanges } } }
  rollbackOf { id } rolledBackBy { id } } }`;

async function showRun(id) {
  const detail = $("run-detail");
  detail.hidden = false;
  try {
    const { loadRun } = await gql(RUN_DETAIL, { id });
    fill(detail, runView(loadRun, { rollback: true }));
    detail.focus();
  } catch (error) {
    showError(detail, error);
  }
}

/** The nodes of a connection's page. */
function nodes(connection) {
  return connection.edges.map(edge => edge.node);
}

/** A note of what a connection holds beyond the page shown (null when nothing). */
function more(connection, what) {
  const beyond = connection.totalCount - connection.edges.length;
  return beyond > 0 ? el("p", { class: "muted" }, "… and " + beyond + " more " + what) : null;
}

/** A run: status, files, findings (file:line:column), diff; and the rollback button for admins. */
function runView(run, options) {
  const parts = [el("h3", {}, "Run #" + run.id + " — " + run.kind + " " + run.mode + " ", badge(run.status))];
  parts.push(el("p", {}, "Started " + when(run.startedAt) + " by " + run.trigger + (run.triggeredBy ? " (" + run.triggeredBy + ")" : "")
    + ", took " + millis(run.durationMillis) + ". Added " + run.counts.added + ", removed " + run.counts.removed + ", changed "
    + run.counts.changed + ", unchanged " + run.counts.unchanged + "."));
  if (run.error) {
    parts.push(el("p", { class: "error run-error" }, run.error));
  }
  const files = nodes(run.files), findings = nodes(run.findings), diff = nodes(run.diff);
  if (files.length) {
    parts.push(el("h4", {}, "Files"), el("ul", { class: "files" }, files.map(f => el("li", {},
      f.path + " — " + (f.format || "?") + ", " + f.status + ", " + f.rows + " row(s)" + (f.groupKey ? ", " + f.groupKey : "")
      + (f.message ? ": " + f.message : "")))), more(run.files, "file(s)"));
  }
  if (findings.length) {
    parts.push(el("h4", {}, "Findings"), el("ul", { class: "findings" }, findings.map(f => el("li", { class: f.severity.toLowerCase() },
      el("code", {}, [f.file, f.line, f.column].filter(x => x !== null && x !== undefined).join(":")),
      " " + f.severity.toLowerCase() + " " + f.code + ": " + f.message + (f.columnName ? " (column '" + f.columnName + "')" : "")))),
      more(run.findings, "finding(s)"));
  }
  if (diff.length) {
    parts.push(el("h4", {}, run.mode === "DRY_RUN" ? "Would change" : "Changed"), el("ul", { class: "diff" }, diff.map(d => el("li", {},
      el("strong", {}, d.groupType + " " + d.groupKey), d.groupChange ? " (" + d.groupChange + ")" : "",
      d.added.length ? el("div", { class: "added" }, "+ " + d.added.join(", ")) : null,
      d.removed.length ? el("div", { class: "removed" }, "− " + d.removed.join(", ")) : null,
      d.reweighted.length ? el("div", { class: "reweighted" }, "~ " + d.reweighted.map(r => r.symbol + " " + r.oldWeight + " → " + r.newWeight).join(", ")) : null,
      d.otherChanges ? el("div", {}, d.otherChanges + " other change(s)") : null))), more(run.diff, "group(s)"));
  } else if (run.status === "SUCCEEDED") {
    parts.push(el("p", { class: "muted" }, "No changes."));
  }
  if (options.rollback && state.session.canAdminister && run.mode !== "DRY_RUN" && run.status === "SUCCEEDED" && run.kind !== "ROLLBACK") {
    parts.push(el("button", { type: "button", id: "rollback-button", class: "danger", onclick: () => rollback(run.id) }, "Roll back run #" + run.id));
  }
  if (run.rolledBackBy) {
    parts.push(el("p", { class: "muted" }, "Rolled back by run #" + run.rolledBackBy.id));
  }
  return el("div", { class: "run", "data-run-detail": run.id, "data-status": run.status }, parts);
}

async function rollback(id) {
  if (!window.confirm("Roll back run #" + id + "? The catalog returns to how it was before it.")) {
    return;
  }
  try {
    const { rollbackLoad } = await gql("mutation($id: ID!) { rollbackLoad(id: $id) { id status } }", { id });
    fill($("action-result"), el("p", { class: "ok" }, "Run #" + id + " rolled back by run #" + rollbackLoad.id + " (" + rollbackLoad.status + ")"));
    await refresh();
    await showRun(rollbackLoad.id);
  } catch (error) {
    showError($("run-detail"), error);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// charts: inline SVG, drawn here (no chart library, nothing from a CDN)

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) {
    node.setAttribute(k, String(v));
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function renderTrend(history) {
  const chart = $("trend-chart");
  const points = history.filter(h => h.unknownShare !== null).slice().reverse();
  const desc = svg("desc", { id: "trend-desc" }, points.length ? "Coverage and integrity over " + points.length + " snapshots" : "No history yet");
  chart.replaceChildren(desc);
  const width = 480, height = 200, left = 40, bottom = 24, top = 10;
  for (const y of [0, 50, 100]) {
    const py = top + (height - top - bottom) * (1 - y / 100);
    chart.append(svg("line", { x1: left, x2: width - 5, y1: py, y2: py, class: "grid" }), svg("text", { x: 4, y: py + 4, class: "axis" }, y + "%"));
  }
  if (points.length === 0) {
    return;
  }
  const x = i => left + (points.length === 1 ? 0 : i * (width - left - 10) / (points.length - 1));
  const y = v => top + (height - top - bottom) * (1 - v);
  const line = (values, cls, label, row) => {
    const d = values.map((v, i) => (i ? "L" : "M") + x(i).toFixed(1) + " " + y(v).toFixed(1)).join(" ");
    chart.append(svg("path", { d, class: "series " + cls }));
    // the legend: bottom right, one row per line, where shares near 100% leave room; anchored at its end, so that a
    // longer label grows leftwards and never out of the chart
    chart.append(svg("text", { x: width - 8, "text-anchor": "end", y: height - bottom - 8 - row * 14, class: "label " + cls }, "— " + label));
  };
  line(points.map(p => 1 - p.unknownShare), "coverage", "sector coverage", 1);
  if (points.some(p => p.integrity !== null)) {
    line(points.map(p => p.integrity === null ? 1 : p.integrity), "integrity", "integrity", 0);
  }
  chart.append(svg("text", { x: left, y: height - 6, class: "axis" }, when(points[0].takenAt)));
}

function renderSectors(coverage) {
  const chart = $("sector-chart");
  const rows = coverage.bySector.slice().sort((a, b) => b.count - a.count);
  chart.replaceChildren(svg("desc", { id: "sector-desc" }, rows.map(r => r.sector + " " + r.count).join(", ") || "No sectors yet"));
  const max = Math.max(1, ...rows.map(r => r.count));
  const barHeight = Math.min(20, 270 / Math.max(1, rows.length));
  rows.forEach((row, i) => {
    const y = 5 + i * barHeight;
    const w = Math.max(1, (row.count / max) * 250);
    chart.append(svg("text", { x: 0, y: y + barHeight * 0.7, class: "axis" }, row.sector.replaceAll("_", " ")));
    chart.append(svg("rect", { x: 180, y, width: w, height: barHeight - 4, class: row.sector === "unknown" ? "bar unknown" : "bar" }));
    chart.append(svg("text", { x: 185 + w, y: y + barHeight * 0.7, class: "axis" }, number.format(row.count)));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// actions

const PROGRESS = "subscription($id: ID!) { loadProgress(runId: $id) { phase filesTotal filesDone rowsDone currentFile finished message } }";

/** Starts a load, shows its progress until it ends, and returns the finished run. */
async function runLoad(mutation, mode, files) {
  const args = [];
  const variables = {};
  if (mode) {
    args.push("mode: $mode");
    variables.mode = mode;
  }
  if (files) {
    args.push("files: $files");
    variables.files = files;
  }
  const declarations = (mode ? "$mode: LoadMode" : "") + (files ? (mode ? ", " : "") + "$files: [FileInput!]" : "");
  const data = await gql("mutation" + (declarations ? "(" + declarations + ")" : "") + " { " + mutation
    + (args.length ? "(" + args.join(", ") + ")" : "") + " { id status } }", variables);
  const id = data[mutation].id;
  const progress = $("progress");
  progress.hidden = false;
  $("progress-label").textContent = "Run #" + id;
  await subscribe(PROGRESS, { id }, ({ loadProgress: p }) => {
    $("progress-bar").max = Math.max(1, p.filesTotal);
    $("progress-bar").value = p.filesDone;
    $("progress-text").textContent = p.phase + " — " + p.filesDone + " of " + p.filesTotal + " file(s), "
      + number.format(p.rowsDone) + " row(s)" + (p.currentFile ? " — " + p.currentFile : "");
  });
  const { loadRun } = await gql(RUN_DETAIL, { id });
  $("progress-text").textContent = "Run #" + id + " " + loadRun.status;
  return loadRun;
}

async function withBusy(button, action) {
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  try {
    await action();
  } catch (error) {
    showError($("action-result"), error);
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
  }
}

function wireActions() {
  $("load-form").addEventListener("submit", event => {
    event.preventDefault();
    withBusy($("load-button"), async () => {
      const mutation = $("load-kind").value;
      const run = await runLoad(mutation, $("load-mode").value);
      fill($("action-result"), runView(run, { rollback: false }));
      await refresh();
    });
  });
  $("sync-button").addEventListener("click", () => withBusy($("sync-button"), async () => {
    const { syncGraph } = await gql("mutation { syncGraph { id } }");
    let last = null;
    await subscribe("subscription($id: ID!) { syncProgress(runId: $id) { id status groupsTotal groupsDone error } }", { id: syncGraph.id },
      ({ syncProgress }) => {
        last = syncProgress;
        $("progress").hidden = false;
        $("progress-label").textContent = "Sync #" + syncProgress.id;
        $("progress-bar").max = Math.max(1, syncProgress.groupsTotal);
        $("progress-bar").value = syncProgress.groupsDone;
        $("progress-text").textContent = syncProgress.status + " — " + syncProgress.groupsDone + " of " + syncProgress.groupsTotal + " group(s)";
      });
    fill($("action-result"), el("p", { class: last && last.status === "FAILED" ? "error" : "ok" },
      "Graph sync " + (last ? last.status + (last.error ? ": " + last.error : "") : "done")));
    await refresh();
  }));
  $("cache-button").addEventListener("click", () => withBusy($("cache-button"), async () => {
    const { refreshCache } = await gql("mutation { refreshCache { entries } }");
    fill($("action-result"), el("p", { class: "ok" }, "Cache refreshed: " + refreshCache.entries + " entries"));
    await refresh();
  }));
  $("report-button").addEventListener("click", () => withBusy($("report-button"), async () => {
    const saved = [];
    for (const format of ["MARKDOWN", "JSON", "HTML"]) {
      const { generateReport } = await gql("mutation($format: ReportFormat) { generateReport(format: $format, save: true) { fileName downloadUrl } }", { format });
      saved.push(generateReport);
    }
    fill($("saved-reports"), saved.map(r => el("li", {}, el("a", { href: r.downloadUrl, download: r.fileName }, r.fileName))));
    fill($("action-result"), el("p", { class: "ok" }, "Report saved: " + saved.map(r => r.fileName).join(", ")));
  }));
  for (const button of document.querySelectorAll("button.download")) {
    button.addEventListener("click", () => withBusy(button, async () => {
      const { report } = await gql("query($format: ReportFormat) { report(format: $format) { fileName content } }", { format: button.dataset.format });
      const types = { MARKDOWN: "text/markdown", JSON: "application/json", HTML: "text/html" };
      download(report.content, types[button.dataset.format], report.fileName);
    }));
  }
  $("template-button").addEventListener("click", () => withBusy($("template-button"), async () => {
    const { sectorWorklist } = await gql("{ sectorWorklist(first: 0) { template } }");
    download(sectorWorklist.template, "text/csv", "sector_classifications.csv");
  }));
  $("upload-form").addEventListener("submit", event => {
    event.preventDefault();
    withBusy($("upload-button"), upload);
  });
}

/** Uploads every chosen file (a .zip counts as its files), checks them together with a dry run, offers to apply. */
async function upload() {
  const result = $("upload-result");
  const chosen = Array.from($("upload-file").files);
  if (!chosen.length) {
    return;
  }
  const mutation = $("upload-kind").value;
  const files = [];
  for (const file of chosen) {
    const form = new FormData();
    form.append("file", file);
    const h = headers();
    delete h["Content-Type"];
    const response = await fetch("/admin/uploads", { method: "POST", credentials: "same-origin", headers: h, body: form });
    const body = await response.json().catch(() => ({ errors: [{ message: "the upload of " + file.name + " failed (HTTP " + response.status + ")" }] }));
    if (!response.ok) {
      showError(result, new ServiceError(file.name + ": " + body.errors[0].message, body.errors[0].extensions && body.errors[0].extensions.code));
      return;
    }
    files.push({ upload: body.id });
  }
  const names = chosen.map(f => f.name).join(", ");
  const dryRun = await runLoad(mutation, "DRY_RUN", files);
  const view = runView(dryRun, { rollback: false });
  if (dryRun.status === "SUCCEEDED") {
    view.append(el("button", { type: "button", id: "apply-upload", onclick: event => withBusy(event.target, async () => {
      const applied = await runLoad(mutation, mutation === "enrichSectors" ? "FULL" : "INCREMENTAL", files);
      fill(result, runView(applied, { rollback: true }));
      await refresh();
    }) }, "Apply " + names));
  }
  fill(result, view);
  await refresh();
}

// ---------------------------------------------------------------------------------------------------------------

async function start() {
  const response = await fetch("/admin/session", { credentials: "same-origin" });
  if (!response.ok) {
    window.location.href = "/login";
    return;
  }
  state.session = await response.json();
  $("who").textContent = state.session.user + " (" + state.session.roles.join(", ") + ")";
  $("logout-csrf").value = state.session.csrfToken || "";
  document.body.classList.toggle("can-operate", state.session.canOperate);
  for (const section of document.querySelectorAll(".needs-operator")) {
    section.hidden = !state.session.canOperate;
  }
  wireActions();
  await refresh();
}

start();
