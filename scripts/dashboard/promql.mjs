// The small part of PromQL that ops/grafana/inkroom.json uses, evaluated over scrapes of /metrics
// held in memory: selectors with label matchers, rate() and increase() over counters (with
// Prometheus's extrapolation), histogram_quantile() over _bucket series, sum/min/max/avg/count
// [by|without (...)], arithmetic between vectors and numbers. Anything else is a parse error, so the
// dashboard check (check-dashboard.mjs) also proves that the screenshot renders every expression.

/** Parses the Prometheus text format into [{name, labels, value}]. */
export function parseExposition(text) {
  const out = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) throw new Error(`bad exposition line: ${line}`);
    const labels = {};
    if (m[3]) {
      const re = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?/y;
      let lm;
      while ((lm = re.exec(m[3])) !== null) {
        labels[lm[1]] = lm[2].replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c));
        if (re.lastIndex >= m[3].length) break;
      }
    }
    out.push({ name: m[1], labels, value: parseNumber(m[4]) });
  }
  return out;
}

function parseNumber(s) {
  if (/^\+?Inf$/i.test(s)) return Infinity;
  if (/^-Inf$/i.test(s)) return -Infinity;
  if (/^NaN$/i.test(s)) return NaN;
  const v = Number(s);
  if (Number.isNaN(v)) throw new Error(`bad number ${s}`);
  return v;
}

/** A duration like 15s, 1m30s, 250ms, in seconds. */
export function parseDuration(s) {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/gy;
  const unit = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
  let total = 0;
  let m;
  let end = 0;
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * unit[m[2]];
    end = re.lastIndex;
  }
  if (end !== s.length || end === 0) throw new Error(`bad duration ${s}`);
  return total;
}

/** Replaces Grafana's variables: vars maps names (instance, __rate_interval...) to text. */
export function interpolate(expr, vars) {
  return expr.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, a, b) => {
    const name = a || b;
    if (!(name in vars)) throw new Error(`unknown variable $${name} in ${expr}`);
    return vars[name];
  });
}

// ---- lexer and parser -------------------------------------------------------------------------

const AGGREGATIONS = new Set(['sum', 'min', 'max', 'avg', 'count']);
const FUNCTIONS = { rate: ['matrix'], increase: ['matrix'], histogram_quantile: ['scalar', 'vector'] };

function lex(src) {
  const tokens = [];
  const re = /\s*(?:(\d+(?:\.\d+)?(?:e[+-]?\d+)?(?:ms|s|m|h|d|w|y)?(?:\d+(?:ms|s|m|h|d|w|y))*)|([a-zA-Z_:][a-zA-Z0-9_:]*)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(=~|!~|!=|==|[-+*/%(){}\[\],=]))/y;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) throw new Error(`cannot read "${src.slice(pos, pos + 20)}" in ${src}`);
    pos = re.lastIndex;
    if (m[1] !== undefined) tokens.push({ t: /[a-z]$/.test(m[1]) ? 'dur' : 'num', v: m[1] });
    else if (m[2] !== undefined) tokens.push({ t: 'id', v: m[2] });
    else if (m[3] !== undefined) tokens.push({ t: 'str', v: m[3].slice(1, -1).replace(/\\(.)/g, '$1') });
    else tokens.push({ t: 'op', v: m[4] });
  }
  tokens.push({ t: 'end', v: '' });
  return tokens;
}

/** Parses expr into an AST; throws on anything outside the supported subset. */
export function parse(src) {
  const toks = lex(src);
  let i = 0;
  const peek = () => toks[i];
  const next = () => toks[i++];
  const expect = (v) => {
    const t = next();
    if (t.v !== v) throw new Error(`expected "${v}" but found "${t.v || 'end'}" in ${src}`);
    return t;
  };
  const labelList = () => {
    expect('(');
    const names = [];
    while (peek().v !== ')') {
      const t = next();
      if (t.t !== 'id') throw new Error(`expected a label name in ${src}`);
      names.push(t.v);
      if (peek().v === ',') next();
    }
    expect(')');
    return names;
  };
  const binary = (minPrec) => {
    const prec = { '+': 1, '-': 1, '*': 2, '/': 2, '%': 2 };
    let left = unary();
    while (peek().t === 'op' && prec[peek().v] >= minPrec) {
      const op = next().v;
      const right = binary(prec[op] + 1);
      left = { kind: 'binary', op, left, right };
    }
    return left;
  };
  const unary = () => {
    if (peek().v === '-') {
      next();
      return { kind: 'binary', op: '*', left: { kind: 'number', value: -1 }, right: unary() };
    }
    return primary();
  };
  const primary = () => {
    const t = next();
    if (t.t === 'num') return { kind: 'number', value: Number(t.v) };
    if (t.v === '(') {
      const e = binary(1);
      expect(')');
      return { kind: 'paren', expr: e };
    }
    if (t.t !== 'id') throw new Error(`unexpected "${t.v || 'end'}" in ${src}`);
    if (AGGREGATIONS.has(t.v)) {
      let grouping = null;
      if (peek().v === 'by' || peek().v === 'without') grouping = { mode: next().v, labels: labelList() };
      expect('(');
      const arg = binary(1);
      expect(')');
      if (!grouping && (peek().v === 'by' || peek().v === 'without')) grouping = { mode: next().v, labels: labelList() };
      return { kind: 'aggregate', op: t.v, grouping, arg };
    }
    if (peek().v === '(' && t.v in FUNCTIONS) {
      next();
      const args = [];
      while (peek().v !== ')') {
        args.push(binary(1));
        if (peek().v === ',') next();
      }
      expect(')');
      const want = FUNCTIONS[t.v];
      if (args.length !== want.length) throw new Error(`${t.v}() takes ${want.length} arguments in ${src}`);
      want.forEach((w, k) => {
        if (w === 'matrix' && args[k].kind !== 'selector') throw new Error(`${t.v}() needs a range selector in ${src}`);
        if (w === 'matrix' && args[k].range == null) throw new Error(`${t.v}() needs a [range] in ${src}`);
      });
      return { kind: 'call', fn: t.v, args };
    }
    if (peek().v === '(') throw new Error(`function ${t.v}() is not supported by the renderer in ${src}`);
    // a vector selector
    const matchers = [];
    if (peek().v === '{') {
      next();
      while (peek().v !== '}') {
        const name = next();
        const op = next();
        const value = next();
        if (name.t !== 'id' || !['=', '!=', '=~', '!~'].includes(op.v) || value.t !== 'str') {
          throw new Error(`bad label matcher in ${src}`);
        }
        matchers.push({ name: name.v, op: op.v, value: value.v });
        if (peek().v === ',') next();
      }
      expect('}');
    }
    let range = null;
    if (peek().v === '[') {
      next();
      const d = next();
      if (d.t !== 'dur') throw new Error(`bad range in ${src}`);
      range = parseDuration(d.v);
      expect(']');
    }
    return { kind: 'selector', name: t.v, matchers, range };
  };
  const ast = binary(1);
  if (peek().t !== 'end') throw new Error(`unexpected "${peek().v}" in ${src}`);
  return ast;
}

/** Every metric name an AST selects. */
export function metricNames(ast, into = new Set()) {
  if (!ast || typeof ast !== 'object') return into;
  if (ast.kind === 'selector') into.add(ast.name);
  for (const v of Object.values(ast)) {
    if (Array.isArray(v)) v.forEach((x) => metricNames(x, into));
    else if (v && typeof v === 'object' && v.kind) metricNames(v, into);
  }
  return into;
}

// ---- evaluation -------------------------------------------------------------------------------

const LOOKBACK = 300;

/** Scrapes in time order: add(t, text) each; series are keyed by name and labels. */
export class SeriesStore {
  constructor(extraLabels = {}) {
    this.extra = extraLabels;
    this.series = new Map();
    this.times = [];
  }

  add(t, text) {
    this.times.push(t);
    for (const s of parseExposition(text)) {
      const labels = { __name__: s.name, ...this.extra, ...s.labels };
      const key = labelKey(labels);
      let entry = this.series.get(key);
      if (!entry) this.series.set(key, (entry = { labels, points: [] }));
      entry.points.push([t, s.value]);
    }
  }

  names() {
    return new Set([...this.series.values()].map((s) => s.labels.__name__));
  }

  select(sel) {
    const out = [];
    for (const s of this.series.values()) {
      if (s.labels.__name__ !== sel.name) continue;
      if (sel.matchers.every((m) => matches(m, s.labels[m.name] ?? ''))) out.push(s);
    }
    return out;
  }
}

function matches(m, value) {
  switch (m.op) {
    case '=': return value === m.value;
    case '!=': return value !== m.value;
    case '=~': return new RegExp(`^(?:${m.value})$`).test(value);
    default: return !new RegExp(`^(?:${m.value})$`).test(value);
  }
}

function labelKey(labels) {
  return JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]));
}

function dropName(labels) {
  const { __name__, ...rest } = labels;
  return rest;
}

/**
 * Evaluates an AST at time t (seconds): a number, or an instant vector [{labels, value}].
 */
export function evaluate(ast, store, t) {
  switch (ast.kind) {
    case 'number': return ast.value;
    case 'paren': return evaluate(ast.expr, store, t);
    case 'selector': {
      if (ast.range != null) throw new Error('a range selector needs rate() or increase()');
      const out = [];
      for (const s of store.select(ast)) {
        let last = null;
        for (const p of s.points) {
          if (p[0] > t) break;
          last = p;
        }
        if (last && t - last[0] <= LOOKBACK) out.push({ labels: s.labels, value: last[1] });
      }
      return out;
    }
    case 'call': return call(ast, store, t);
    case 'aggregate': return aggregate(ast, evaluate(ast.arg, store, t));
    case 'binary': return binaryOp(ast.op, evaluate(ast.left, store, t), evaluate(ast.right, store, t));
    default: throw new Error(`cannot evaluate ${ast.kind}`);
  }
}

function call(ast, store, t) {
  if (ast.fn === 'rate' || ast.fn === 'increase') {
    const sel = ast.args[0];
    const out = [];
    for (const s of store.select(sel)) {
      const pts = s.points.filter((p) => p[0] > t - sel.range && p[0] <= t);
      const v = extrapolatedDelta(pts, t - sel.range, t, ast.fn === 'rate');
      if (v !== null) out.push({ labels: dropName(s.labels), value: v });
    }
    return out;
  }
  // histogram_quantile(q, buckets)
  const q = evaluate(ast.args[0], store, t);
  if (typeof q !== 'number') throw new Error('histogram_quantile needs a number first');
  const groups = new Map();
  for (const el of evaluate(ast.args[1], store, t)) {
    const { le, ...rest } = dropName(el.labels);
    if (le === undefined) continue;
    const key = labelKey(rest);
    if (!groups.has(key)) groups.set(key, { labels: rest, buckets: [] });
    groups.get(key).buckets.push({ upper: parseNumber(le), count: el.value });
  }
  return [...groups.values()].map((g) => ({ labels: g.labels, value: bucketQuantile(q, g.buckets) }));
}

/** Prometheus's extrapolatedRate (promql/functions.go), for counters. */
function extrapolatedDelta(pts, rangeStart, rangeEnd, isRate) {
  if (pts.length < 2) return null;
  let result = pts[pts.length - 1][1] - pts[0][1];
  for (let k = 1; k < pts.length; k++) {
    if (pts[k][1] < pts[k - 1][1]) result += pts[k - 1][1];
  }
  const sampled = pts[pts.length - 1][0] - pts[0][0];
  let toStart = pts[0][0] - rangeStart;
  const toEnd = rangeEnd - pts[pts.length - 1][0];
  const avgStep = sampled / (pts.length - 1);
  if (result > 0 && pts[0][1] >= 0) {
    const toZero = sampled * (pts[0][1] / result);
    if (toZero < toStart) toStart = toZero;
  }
  const threshold = avgStep * 1.1;
  let interval = sampled;
  interval += toStart < threshold ? toStart : avgStep / 2;
  interval += toEnd < threshold ? toEnd : avgStep / 2;
  result *= interval / sampled;
  return isRate ? result / (rangeEnd - rangeStart) : result;
}

/** Prometheus's bucketQuantile (promql/quantile.go) for classic histograms. */
export function bucketQuantile(q, buckets) {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  buckets.sort((a, b) => a.upper - b.upper);
  if (!buckets.length || buckets[buckets.length - 1].upper !== Infinity) return NaN;
  for (let k = 1; k < buckets.length; k++) {
    if (buckets[k].count < buckets[k - 1].count) buckets[k].count = buckets[k - 1].count;
  }
  if (buckets.length < 2) return NaN;
  const observations = buckets[buckets.length - 1].count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  let b = buckets.findIndex((x) => x.count >= rank);
  if (b === buckets.length - 1) return buckets[buckets.length - 2].upper;
  if (b === 0 && buckets[0].upper <= 0) return buckets[0].upper;
  let start = 0;
  const end = buckets[b].upper;
  let count = buckets[b].count;
  if (b > 0) {
    start = buckets[b - 1].upper;
    count -= buckets[b - 1].count;
    rank -= buckets[b - 1].count;
  }
  return start + (end - start) * (rank / count);
}

function aggregate(ast, vector) {
  if (typeof vector === 'number') throw new Error(`${ast.op}() needs a vector`);
  const groups = new Map();
  for (const el of vector) {
    const base = dropName(el.labels);
    let labels = {};
    if (ast.grouping?.mode === 'by') {
      for (const l of ast.grouping.labels) if (base[l] !== undefined) labels[l] = base[l];
    } else if (ast.grouping?.mode === 'without') {
      labels = { ...base };
      for (const l of ast.grouping.labels) delete labels[l];
    }
    const key = labelKey(labels);
    if (!groups.has(key)) groups.set(key, { labels, values: [] });
    groups.get(key).values.push(el.value);
  }
  const fold = {
    sum: (v) => v.reduce((a, b) => a + b, 0),
    min: (v) => Math.min(...v),
    max: (v) => Math.max(...v),
    avg: (v) => v.reduce((a, b) => a + b, 0) / v.length,
    count: (v) => v.length,
  }[ast.op];
  return [...groups.values()].map((g) => ({ labels: g.labels, value: fold(g.values) }));
}

function binaryOp(op, l, r) {
  const f = { '+': (a, b) => a + b, '-': (a, b) => a - b, '*': (a, b) => a * b, '/': (a, b) => a / b, '%': (a, b) => a % b }[op];
  if (typeof l === 'number' && typeof r === 'number') return f(l, r);
  if (typeof l === 'number') return r.map((el) => ({ labels: dropName(el.labels), value: f(l, el.value) }));
  if (typeof r === 'number') return l.map((el) => ({ labels: dropName(el.labels), value: f(el.value, r) }));
  const right = new Map(r.map((el) => [labelKey(dropName(el.labels)), el]));
  const out = [];
  for (const el of l) {
    const labels = dropName(el.labels);
    const other = right.get(labelKey(labels));
    if (other) out.push({ labels, value: f(el.value, other.value) });
  }
  return out;
}

/** Grafana's legendFormat: {{label}} replaced by the series' label value. */
export function legend(format, labels) {
  if (!format) return labelKey(labels);
  return format.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k) => labels[k] ?? '');
}
