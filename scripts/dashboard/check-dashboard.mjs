// Checks ops/grafana/inkroom.json: that it has the shape Grafana 10/11 imports (an exported
// dashboard with a DS_PROMETHEUS input, the instance variable, panels on the 24-column grid without
// overlaps, Prometheus targets with refIds), that every expression parses (in the subset
// promql.mjs renders) and that every metric it names is exposed by the server.
//
// node check-dashboard.mjs DASHBOARD.json METRICS
//   METRICS: a /metrics URL of a running server, or a file holding one scrape. Counters that appear
//   with their first event (errors by code, closes by code) are only there after that event: check
//   against a scrape taken after some load (scripts/dashboard-screenshot.sh does).
import fs from 'node:fs';
import { parse, parseExposition, metricNames, interpolate } from './promql.mjs';

const [dashFile, metricsArg] = process.argv.slice(2);
if (!dashFile || !metricsArg) {
  console.error('usage: check-dashboard.mjs DASHBOARD.json METRICS_URL_OR_FILE');
  process.exit(2);
}
const text = /^https?:/.test(metricsArg) ? await (await fetch(metricsArg)).text() : fs.readFileSync(metricsArg, 'utf8');
const exposed = new Set(parseExposition(text).map((s) => s.name));
const dash = JSON.parse(fs.readFileSync(dashFile, 'utf8'));
const problems = [];
const fail = (msg) => problems.push(msg);
const DS = '${DS_PROMETHEUS}';
const isDs = (d) => d && d.type === 'prometheus' && d.uid === DS;

// the dashboard
for (const key of ['title', 'uid', 'schemaVersion', 'panels', 'templating', 'time', '__inputs', '__requires']) {
  if (!(key in dash)) fail(`dashboard: no "${key}"`);
}
if (!(dash.schemaVersion >= 36 && dash.schemaVersion <= 41)) fail(`schemaVersion ${dash.schemaVersion}: want 36-41 (Grafana 9.x-11.x)`);
if (dash.id !== null && dash.id !== undefined) fail('id must be null in a dashboard meant for import');
if (!/^[a-zA-Z0-9_-]{1,40}$/.test(dash.uid || '')) fail(`uid "${dash.uid}" is not a valid Grafana uid`);
const input = (dash.__inputs || []).find((i) => i.name === 'DS_PROMETHEUS');
if (!input || input.type !== 'datasource' || input.pluginId !== 'prometheus') fail('__inputs: no datasource input DS_PROMETHEUS for plugin prometheus');
const required = new Set((dash.__requires || []).map((r) => `${r.type}:${r.id}`));
for (const r of ['grafana:grafana', 'datasource:prometheus']) if (!required.has(r)) fail(`__requires: no ${r}`);

// the instance variable
const vars = {};
for (const v of dash.templating?.list || []) {
  vars[v.name] = '.*';
  if (v.type === 'query') {
    if (!isDs(v.datasource)) fail(`variable ${v.name}: datasource is not the DS_PROMETHEUS input`);
    const q = typeof v.query === 'string' ? v.query : v.query?.query;
    const m = /^label_values\((\w+),\s*(\w+)\)$/.exec(q || '');
    if (!m) fail(`variable ${v.name}: query "${q}" is not label_values(metric, label)`);
    else if (!exposed.has(m[1])) fail(`variable ${v.name}: metric ${m[1]} is not exposed`);
  }
}
const instanceVar = dash.templating?.list?.find((v) => v.name === 'instance');
if (!instanceVar) fail('templating: no variable "instance"');
else if (!instanceVar.includeAll || instanceVar.allValue !== '.*') fail('variable instance: want includeAll with allValue ".*" (the exprs match it with =~)');
Object.assign(vars, { __rate_interval: '1m', __interval: '15s', __range: '1h' });

// panels
const ids = new Set();
const used = new Set();
const cells = new Map();
let exprs = 0;
const types = new Set(['row', 'timeseries', 'stat', 'bargauge']);
for (const p of dash.panels || []) {
  const name = `panel ${p.id} "${p.title}"`;
  if (!Number.isInteger(p.id) || ids.has(p.id)) fail(`${name}: id missing or repeated`);
  ids.add(p.id);
  if (!p.title) fail(`${name}: no title`);
  if (!types.has(p.type)) fail(`${name}: type ${p.type} is not one this dashboard expects`);
  if (p.type !== 'row' && !required.has(`panel:${p.type}`)) fail(`${name}: __requires has no panel:${p.type}`);
  const g = p.gridPos || {};
  if (![g.x, g.y, g.w, g.h].every(Number.isInteger) || g.x < 0 || g.y < 0 || g.w < 1 || g.h < 1 || g.x + g.w > 24) {
    fail(`${name}: gridPos ${JSON.stringify(g)} is not on the 24-column grid`);
  } else {
    for (let x = g.x; x < g.x + g.w; x++) {
      for (let y = g.y; y < g.y + g.h; y++) {
        const k = `${x},${y}`;
        if (cells.has(k)) fail(`${name} overlaps panel ${cells.get(k)} at ${k}`);
        cells.set(k, p.id);
      }
    }
  }
  if (p.type === 'row') {
    if (g.h !== 1 || g.w !== 24 || !Array.isArray(p.panels) || p.collapsed !== false) fail(`${name}: an open row is h 1, w 24, collapsed false, panels []`);
    continue;
  }
  if (!isDs(p.datasource)) fail(`${name}: datasource is not {type: prometheus, uid: ${DS}}`);
  if (!p.fieldConfig?.defaults || !Array.isArray(p.fieldConfig.overrides) || typeof p.options !== 'object') fail(`${name}: no fieldConfig.defaults/overrides or options`);
  if (!Array.isArray(p.targets) || !p.targets.length) fail(`${name}: no targets`);
  const refIds = new Set();
  for (const t of p.targets || []) {
    if (!t.refId || refIds.has(t.refId)) fail(`${name}: target refId missing or repeated`);
    refIds.add(t.refId);
    if (!isDs(t.datasource)) fail(`${name} ${t.refId}: target datasource is not the DS_PROMETHEUS input`);
    if (typeof t.expr !== 'string' || !t.expr) { fail(`${name} ${t.refId}: no expr`); continue; }
    exprs++;
    try {
      for (const m of metricNames(parse(interpolate(t.expr, vars)))) {
        used.add(m);
        if (!exposed.has(m)) fail(`${name} ${t.refId}: ${m} is not exposed by the server`);
      }
    } catch (e) {
      fail(`${name} ${t.refId}: ${e.message}`);
    }
    if (!/instance=~"\$instance"/.test(t.expr)) fail(`${name} ${t.refId}: expr does not filter on instance=~"$instance"`);
  }
}

const unused = [...exposed].filter((n) => n.startsWith('inkroom_') && !used.has(n) && !used.has(n.replace(/_(count|sum|max)$/, '_bucket')));
if (problems.length) {
  for (const p of problems) console.error(`dashboard check: ${p}`);
  console.error(`dashboard check: FAILED, ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`dashboard check: ok: ${dash.panels.length} panels, ${exprs} expressions, ${used.size} metric names, all exposed`
  + (unused.length ? ` (exposed, not on the dashboard: ${unused.join(', ')})` : ''));
