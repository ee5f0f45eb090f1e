// Renders ops/grafana/inkroom.json as a static HTML page (inline SVG, Grafana's dark look) from
// scrapes of /metrics recorded by load.mjs: every panel's targets are evaluated with promql.mjs at
// each scrape time, as Grafana would query Prometheus for that time range.
//
// node render.mjs DASHBOARD.json SERIES.jsonl OUT.html INSTANCE
// Prints, per panel, its series and their last/max values (the screenshot script checks them).
import fs from 'node:fs';
import { SeriesStore, parse, evaluate, interpolate, legend } from './promql.mjs';

const [dashFile, seriesFile, outFile, instance = 'localhost'] = process.argv.slice(2);
if (!outFile) {
  console.error('usage: render.mjs DASHBOARD.json SERIES.jsonl OUT.html [INSTANCE]');
  process.exit(2);
}
const dash = JSON.parse(fs.readFileSync(dashFile, 'utf8'));
const store = new SeriesStore({ instance, job: 'inkroom' });
const scrapes = fs.readFileSync(seriesFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).sort((a, b) => a.t - b.t);
for (const s of scrapes) store.add(s.t, s.text);
const times = store.times;
if (times.length < 3) throw new Error('need at least 3 scrapes');
const diffs = times.slice(1).map((t, k) => t - times[k]).sort((a, b) => a - b);
const scrapeInterval = diffs[Math.floor(diffs.length / 2)];
// Grafana: $__rate_interval = max($__interval + scrape interval, 4 x scrape interval); step = scrape interval
const rateInterval = Math.ceil(Math.max(2 * scrapeInterval, 4 * scrapeInterval));
const from = times[0];
const to = times[times.length - 1];
const vars = { instance: '.*', __rate_interval: `${rateInterval}s`, __range: `${Math.round(to - from + scrapeInterval)}s`, __interval: `${Math.ceil(scrapeInterval)}s` };

// Grafana's classic palette (palette-classic)
const PALETTE = ['#7EB26D', '#EAB839', '#6ED0E0', '#EF843C', '#E24D42', '#1F78C1', '#BA43A6', '#705DA0', '#508642', '#CCA300'];
const NAMED = { green: '#73BF69', red: '#F2495C', orange: '#FF9830', yellow: '#FADE2A', blue: '#5794F2', purple: '#B877D9' };
const color = (c) => NAMED[c] || c;
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));

// ---- queries ----------------------------------------------------------------------------------

/** [{name, points: [[t, v]...]}] for a panel: one per series of every target. */
function query(panel, instant) {
  const out = [];
  for (const target of panel.targets) {
    const ast = parse(interpolate(target.expr, vars));
    const byKey = new Map();
    const steps = instant || target.instant ? [to] : times;
    for (const t of steps) {
      let v = evaluate(ast, store, t);
      if (typeof v === 'number') v = [{ labels: {}, value: v }];
      for (const el of v) {
        const name = legend(target.legendFormat, el.labels);
        if (!byKey.has(name)) byKey.set(name, { name, labels: el.labels, points: [] });
        byKey.get(name).points.push([t, el.value]);
      }
    }
    let series = [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
    if (target.format === 'heatmap') {
      // Grafana's heatmap format: buckets sorted by le, cumulative counts made per-bucket
      series.sort((a, b) => Number(a.labels.le) - Number(b.labels.le));
      series = series.map((s, k) => ({
        ...s, points: s.points.map(([t, v], j) => [t, k === 0 ? v : v - series[k - 1].points[j][1]]),
      }));
    }
    out.push(...series);
  }
  return out;
}

const finite = (v) => typeof v === 'number' && Number.isFinite(v);
const lastValue = (s) => { for (let k = s.points.length - 1; k >= 0; k--) if (finite(s.points[k][1])) return s.points[k][1]; return NaN; };

// ---- units ------------------------------------------------------------------------------------

function fixed(v, decimals) {
  if (decimals === undefined) {
    const a = Math.abs(v);
    decimals = a === 0 || a >= 100 ? 0 : a >= 10 ? 1 : 2;
  }
  return v.toFixed(decimals).replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1');
}

function short(v, decimals) {
  const a = Math.abs(v);
  for (const [div, suffix] of [[1e9, ' Bil'], [1e6, ' Mil'], [1e3, ' K']]) {
    if (a >= div) return fixed(v / div, decimals ?? (a / div >= 100 ? 0 : 1)) + suffix;
  }
  return fixed(v, decimals);
}

function format(v, unit = 'short', decimals) {
  if (!finite(v)) return 'NaN';
  if (unit === 's') {
    const a = Math.abs(v);
    if (a === 0) return '0 s';
    if (a < 1e-3) return `${fixed(v * 1e6, decimals)} µs`;
    if (a < 1) return `${fixed(v * 1e3, decimals)} ms`;
    return `${fixed(v, decimals)} s`;
  }
  if (unit === 'ops') return `${short(v, decimals)} ops/s`;
  if (unit.startsWith('suffix:')) return `${short(v, decimals)}${unit.slice(7)}`;
  if (unit === 'none') return fixed(v, decimals);
  return short(v, decimals);
}

function niceStep(range, count) {
  const raw = range / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag;
}

// ---- panels -----------------------------------------------------------------------------------

function timeseriesSvg(panel, series, w, h) {
  const d = panel.fieldConfig.defaults;
  const stack = d.custom?.stacking?.mode === 'normal';
  const unit = d.unit;
  // the legend wraps like Grafana's list legend: ~7 px a character plus the colour key
  let legendRows = series.length ? 1 : 0;
  let line = 10;
  for (const s of series) {
    const sw = s.name.length * 7 + 32;
    if (line + sw > w && line > 10) { legendRows++; line = 10; }
    line += sw;
  }
  const legendH = legendRows * 18 + (legendRows ? 4 : 0);
  const plotH = h - legendH;
  const padR = 10;
  const padB = 20;
  const ph = plotH - padB - 6;
  // stacked values
  const drawn = series.map((s) => ({ ...s, pts: s.points.map(([t, v]) => [t, finite(v) ? v : null]) }));
  if (stack) {
    for (let k = 1; k < drawn.length; k++) {
      drawn[k].base = drawn[k - 1].pts.map((p) => p[1] ?? 0);
      drawn[k].pts = drawn[k].pts.map(([t, v], j) => [t, v === null ? null : v + drawn[k].base[j]]);
    }
  }
  const all = drawn.flatMap((s) => s.pts.map((p) => p[1])).filter((v) => v !== null);
  if (!all.length) return `<div class="nodata">No data</div>`;
  let min = d.min ?? Math.min(0, ...all);
  let max = Math.max(...all);
  if (max <= min) max = min + 1;
  const step = niceStep(max - min, Math.max(2, Math.floor(ph / 38)));
  max = Math.ceil(max / step) * step;
  min = Math.floor(min / step) * step;
  const ticks = [];
  for (let v = min; v <= max + step / 1e6; v += step) ticks.push([v, format(v, unit)]);
  const padL = 14 + 6.6 * Math.max(...ticks.map((t) => t[1].length));
  const pw = w - padL - padR;
  const x = (t) => padL + ((t - from) / (to - from)) * pw;
  const y = (v) => 6 + ph - ((v - min) / (max - min)) * ph;
  let svg = '';
  for (const [v, label] of ticks) {
    svg += `<line x1="${padL}" x2="${padL + pw}" y1="${y(v)}" y2="${y(v)}" class="grid"/>`;
    svg += `<text x="${padL - 6}" y="${y(v) + 4}" class="axis" text-anchor="end">${esc(label)}</text>`;
  }
  const tStep = niceStep(to - from, Math.floor(pw / 90));
  for (let t = Math.ceil(from / tStep) * tStep; t <= to - 0.3 * tStep; t += tStep) {
    const label = new Date(t * 1000).toISOString().slice(11, 19);
    svg += `<line x1="${x(t)}" x2="${x(t)}" y1="6" y2="${6 + ph}" class="grid"/>`;
    svg += `<text x="${x(t)}" y="${plotH - 4}" class="axis" text-anchor="middle">${label}</text>`;
  }
  const steps = d.thresholds?.steps || [];
  if (d.custom?.thresholdsStyle?.mode === 'dashed') {
    for (const s of steps.slice(1)) {
      if (s.value >= min && s.value <= max) {
        svg += `<line x1="${padL}" x2="${padL + pw}" y1="${y(s.value)}" y2="${y(s.value)}" stroke="${color(s.color)}" stroke-dasharray="6 4" stroke-width="1"/>`;
      }
    }
  }
  const fillOpacity = (d.custom?.fillOpacity ?? 10) / 100;
  drawn.forEach((s, k) => {
    const c = PALETTE[k % PALETTE.length];
    // split into runs without gaps
    const runs = [];
    let run = [];
    s.pts.forEach((p, j) => {
      if (p[1] === null) { if (run.length) runs.push(run); run = []; } else run.push([p[0], p[1], s.base ? s.base[j] : min]);
    });
    if (run.length) runs.push(run);
    for (const r of runs) {
      const line = r.map((p) => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' ');
      const back = r.slice().reverse().map((p) => `${x(p[0]).toFixed(1)},${y(Math.max(min, p[2])).toFixed(1)}`).join(' ');
      svg += `<polygon points="${line} ${back}" fill="${c}" fill-opacity="${fillOpacity}" stroke="none"/>`;
      svg += r.length === 1
        ? `<circle cx="${x(r[0][0])}" cy="${y(r[0][1])}" r="2.5" fill="${c}"/>`
        : `<polyline points="${line}" fill="none" stroke="${c}" stroke-width="${d.custom?.lineWidth ?? 1}" stroke-linejoin="round"/>`;
    }
  });
  const legendHtml = series.map((s, k) => `<span class="key"><i style="background:${PALETTE[k % PALETTE.length]}"></i>${esc(s.name)}</span>`).join('');
  return `<svg width="${w}" height="${plotH}">${svg}</svg><div class="legend" style="height:${legendH}px">${legendHtml}</div>`;
}

function thresholdColor(d, v) {
  let c = 'green';
  for (const s of d.thresholds?.steps || []) if (s.value === null || v >= s.value) c = s.color;
  return color(c);
}

function mapped(d, v) {
  for (const m of d.mappings || []) {
    if (m.type === 'value' && m.options[String(v)]) return m.options[String(v)];
  }
  return null;
}

function statHtml(panel, series, w, h) {
  const d = panel.fieldConfig.defaults;
  if (!series.length) return `<div class="nodata">No data</div>`;
  const bg = panel.options.colorMode === 'background';
  const cells = series.map((s) => {
    const v = lastValue(s);
    const m = mapped(d, v);
    const c = m?.color ? color(m.color) : thresholdColor(d, v);
    const text = m?.text ?? format(v, d.unit, d.decimals);
    const name = series.length > 1 ? `<div class="statname">${esc(s.name)}</div>` : '';
    const size = Math.min(h * 0.42, (w / series.length) / Math.max(3, text.length) * 1.6);
    return `<div class="statcell" style="${bg ? `background:${c};color:#fff` : `color:${c}`}">${name}<div class="statvalue" style="font-size:${size.toFixed(0)}px">${esc(text)}</div></div>`;
  });
  return `<div class="stat">${cells.join('')}</div>`;
}

function bargaugeHtml(panel, series, w, h) {
  if (!series.length) return `<div class="nodata">No data</div>`;
  const d = panel.fieldConfig.defaults;
  const values = series.map(lastValue);
  const max = Math.max(1, ...values.filter(finite));
  const rowH = Math.min(24, (h - 4) / series.length - 3);
  return `<div class="bars">${series.map((s, k) => {
    const v = values[k];
    const pct = finite(v) ? (v / max) * 100 : 0;
    return `<div class="bar" style="height:${rowH}px"><span class="barname">${esc(s.name)}</span>`
      + `<span class="track"><span class="fill" style="width:${pct.toFixed(1)}%"></span></span>`
      + `<span class="barvalue">${esc(format(v, d.unit, d.decimals))}</span></div>`;
  }).join('')}</div>`;
}

// ---- the page ---------------------------------------------------------------------------------

const WIDTH = 1600;
const PAD = 16;
const CELL = 30;
const GAP = 8;
const colW = (WIDTH - 2 * PAD + GAP) / 24;
const TOP = 96;
let html = '';
let bottom = 0;
const report = [];
for (const panel of dash.panels) {
  const g = panel.gridPos;
  const left = PAD + g.x * colW;
  const top = TOP + g.y * (CELL + GAP);
  const w = g.w * colW - GAP;
  const h = g.h * (CELL + GAP) - GAP;
  bottom = Math.max(bottom, top + h);
  if (panel.type === 'row') {
    html += `<div class="row" style="left:${left}px;top:${top}px;width:${w}px;height:${h}px">⌄&nbsp; ${esc(panel.title)}</div>`;
    continue;
  }
  const series = query(panel, panel.type !== 'timeseries');
  report.push(`${panel.title}: ${series.length ? series.map((s) => {
    const vs = s.points.map((p) => p[1]).filter(finite);
    return `${s.name} last ${format(lastValue(s), panel.fieldConfig.defaults.unit, 3)} max ${vs.length ? format(Math.max(...vs), panel.fieldConfig.defaults.unit, 3) : 'NaN'}`;
  }).join('; ') : 'no data'}`);
  const bodyH = h - 32;
  const body = panel.type === 'timeseries' ? timeseriesSvg(panel, series, w - 16, bodyH - 8)
    : panel.type === 'stat' ? statHtml(panel, series, w - 16, bodyH - 8)
      : bargaugeHtml(panel, series, w - 16, bodyH - 8);
  html += `<div class="panel" style="left:${left}px;top:${top}px;width:${w}px;height:${h}px">`
    + `<div class="title">${esc(panel.title)}</div><div class="body" style="height:${bodyH - 8}px">${body}</div></div>`;
}
const stamp = (t) => new Date(t * 1000).toISOString().replace('T', ' ').slice(0, 19);
const page = `<!doctype html><html><head><meta charset="utf-8"><title>${esc(dash.title)}</title><style>
*{box-sizing:border-box}
body{margin:0;background:#111217;color:#ccccdc;font:13px Inter,"Helvetica Neue",Arial,"DejaVu Sans",sans-serif;width:${WIDTH}px;height:${bottom + PAD}px;position:relative;overflow:hidden}
.top{position:absolute;left:0;right:0;top:0;height:48px;border-bottom:1px solid rgba(204,204,220,.12);display:flex;align-items:center;padding:0 16px;gap:10px;background:#181b1f}
.logo{width:22px;height:22px;border-radius:50%;background:conic-gradient(#F05A28,#FBCA0A,#F05A28)}
.crumb{color:#9fa7b3}.crumb b{color:#ccccdc;font-weight:500}
.time{border:1px solid rgba(204,204,220,.2);border-radius:2px;padding:5px 10px;color:#ccccdc}
.vars{position:absolute;left:16px;top:58px;display:flex;gap:0}
.vars span{border:1px solid rgba(204,204,220,.2);padding:5px 10px;background:#181b1f}.vars span:first-child{color:#6e9fff;border-right:none;background:#22252b}
.row{position:absolute;font-size:15px;font-weight:500;color:#ccccdc;display:flex;align-items:center}
.panel{position:absolute;background:#181b1f;border:1px solid rgba(204,204,220,.12);border-radius:2px;overflow:hidden}
.title{height:32px;line-height:32px;padding:0 8px;font-weight:500;font-size:13.5px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.body{padding:0 8px}
.grid{stroke:rgba(204,204,220,.09);stroke-width:1}
.axis{fill:rgba(204,204,220,.65);font-size:11px}
.legend{display:flex;flex-wrap:wrap;gap:0 12px;line-height:18px;font-size:12px;padding-left:10px;overflow:hidden}
.key i{display:inline-block;width:14px;height:4px;border-radius:2px;margin-right:6px;vertical-align:middle}
.nodata{height:100%;display:flex;align-items:center;justify-content:center;color:rgba(204,204,220,.6)}
.stat{display:flex;height:100%;gap:6px}
.statcell{flex:1;display:flex;flex-direction:column;align-items:center;justify-content:center;border-radius:2px;font-weight:500;line-height:1.1}
.statname{font-size:12px;color:#ccccdc}
.bars{display:flex;flex-direction:column;gap:3px;padding-top:2px}
.bar{display:flex;align-items:center;gap:8px;font-size:12px}
.barname{width:52px;text-align:right;color:#ccccdc}
.track{flex:1;height:100%;background:rgba(204,204,220,.06);border-radius:2px;overflow:hidden}
.fill{display:block;height:100%;background:linear-gradient(90deg,#5794F2,#B877D9)}
.barvalue{width:30px;color:#B877D9;font-weight:500;font-size:14px}
</style></head><body>
<div class="top"><div class="logo"></div><span class="crumb" style="flex:1">Home › Dashboards › <b>${esc(dash.title)}</b></span>
<span class="time"><svg width="12" height="12" viewBox="0 0 12 12" style="vertical-align:-1px;margin-right:6px"><circle cx="6" cy="6" r="5" fill="none" stroke="#ccccdc" stroke-width="1.3"/><path d="M6 3v3.2l2 1.3" fill="none" stroke="#ccccdc" stroke-width="1.3"/></svg>${stamp(from)} to ${stamp(to)} UTC</span><span class="time">${esc(dash.refresh || 'off')}</span></div>
<div class="vars"><span>${esc(dash.templating.list[0].label)}</span><span>All ▾</span></div>
${html}</body></html>`;
fs.writeFileSync(outFile, page);
console.log(`render: ${times.length} scrapes over ${Math.round(to - from)} s, rate interval ${rateInterval}s`);
console.log(`page ${WIDTH}x${Math.ceil(bottom + PAD)}`);
for (const line of report) console.log(`  ${line}`);
