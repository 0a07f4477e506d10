/**
 * The PromQL range-query set and its timing: each query is sent to both servers with the same
 * range and step, timed from request to the last byte of the answer, and the answers compared.
 */
import { METRICS } from './fleet.js';

/** One benchmark query. */
export interface BenchQuery {
  /** Short stable name used in tables and JSON. */
  readonly name: string;
  readonly expr: string;
}

/** The query set: aggregations over counters and histograms, a range function, topk, a selector. */
export const QUERIES: readonly BenchQuery[] = [
  { name: 'rate-by-model', expr: `sum by (model) (rate(${METRICS.requests}[5m]))` },
  {
    name: 'p99-latency',
    expr: `histogram_quantile(0.99, sum by (le) (rate(${METRICS.latency}_bucket[5m])))`,
  },
  {
    name: 'error-ratio',
    expr: `sum by (service) (rate(${METRICS.requests}{status=~"5.."}[5m])) / sum by (service) (rate(${METRICS.requests}[5m]))`,
  },
  { name: 'gpu-avg-10m', expr: `avg_over_time(${METRICS.gpuUtil}[10m])` },
  { name: 'topk-queue', expr: `topk(5, ${METRICS.queue})` },
  { name: 'selector', expr: METRICS.queue },
];

/** The time range every query runs over. */
export interface QueryRange {
  startMs: number;
  endMs: number;
  stepMs: number;
}

/** Outcome of one timed query. */
export interface QueryRun {
  seconds: number;
  /** Response body; undefined when the request failed. */
  body?: string;
  error?: string;
}

/** Runs one range query against `baseUrl` and times it up to the last byte of the body. */
export async function timeQuery(
  baseUrl: string,
  expr: string,
  range: QueryRange,
  timeoutMs = 120_000,
): Promise<QueryRun> {
  const params = new URLSearchParams({
    query: expr,
    start: (range.startMs / 1000).toFixed(3),
    end: (range.endMs / 1000).toFixed(3),
    step: `${range.stepMs / 1000}`,
  });
  const started = performance.now();
  try {
    const res = await fetch(`${baseUrl}/api/v1/query_range?${params.toString()}`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await res.text();
    const seconds = (performance.now() - started) / 1000;
    if (res.status !== 200) return { seconds, error: `HTTP ${res.status}: ${body.slice(0, 300)}` };
    return { seconds, body };
  } catch (err) {
    return {
      seconds: (performance.now() - started) / 1000,
      error: err instanceof Error ? err.message : String(err),
    };
  }
}

interface Matrix {
  series: number;
  points: number;
  byKey: Map<string, Array<[number, string]>>;
}

function parseMatrix(body: string): Matrix {
  const doc = JSON.parse(body) as { status?: string; data?: { resultType?: string; result?: unknown } };
  if (doc.status !== 'success' || doc.data?.resultType !== 'matrix' || !Array.isArray(doc.data.result)) {
    throw new Error(`not a successful matrix answer: ${body.slice(0, 200)}`);
  }
  const byKey = new Map<string, Array<[number, string]>>();
  let points = 0;
  for (const s of doc.data.result as Array<{
    metric: Record<string, string>;
    values?: Array<[number, string]>;
  }>) {
    const key = Object.entries(s.metric)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(',');
    const values = s.values ?? [];
    points += values.length;
    byKey.set(key, values);
  }
  return { series: byKey.size, points, byKey };
}

function sameValue(a: string, b: string): boolean {
  if (a === b) return true;
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) && Number.isNaN(y)) return true;
  return Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
}

/** How two query_range answers compare. */
export interface Comparison {
  same: boolean;
  /** "same (n series, m points)", or the shapes, or how many points differ and the first one. */
  detail: string;
}

/**
 * Compares two query_range answers named `names` (e.g. the servers): the same when they hold
 * the same series with the same points (values equal to a relative 1e-9).
 * @throws when either is not a successful matrix answer.
 */
export function compareAnswers(
  a: string,
  b: string,
  names: readonly [string, string] = ['a', 'b'],
): Comparison {
  const x = parseMatrix(a);
  const y = parseMatrix(b);
  const [na, nb] = names;
  if (x.series !== y.series || x.points !== y.points) {
    return {
      same: false,
      detail: `${na} ${x.series} series/${x.points} points, ${nb} ${y.series}/${y.points}`,
    };
  }
  let differing = 0;
  let first = '';
  let t0 = Infinity;
  let lastDiff = -Infinity;
  for (const [key, xs] of x.byKey) {
    const ys = y.byKey.get(key);
    if (ys === undefined) return { same: false, detail: `series {${key}} only in ${na}` };
    for (let i = 0; i < xs.length; i++) {
      const p = xs[i]!;
      const q = ys[i];
      t0 = Math.min(t0, p[0]);
      if (q === undefined || p[0] !== q[0] || !sameValue(p[1], q[1])) {
        differing++;
        lastDiff = Math.max(lastDiff, p[0]);
        first ||= `first {${key}} at ${p[0]}: ${na} ${p[1]}, ${nb} ${q?.[1]} at ${q?.[0]}`;
      }
    }
  }
  if (differing === 0) return { same: true, detail: `same (${x.series} series, ${x.points} points)` };
  const span = `all within ${(lastDiff - t0).toFixed(1)} s of the first point`;
  return { same: false, detail: `${differing} of ${x.points} points differ, ${span}; ${first}` };
}

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of nothing');
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Evaluates an instant query whose answer is one number (e.g. a `count(...)`); returns it, or
 * undefined when the answer is empty. @throws on a transport error or a non-success answer.
 */
export async function instantScalar(
  baseUrl: string,
  expr: string,
  timeMs: number,
): Promise<number | undefined> {
  const params = new URLSearchParams({ query: expr, time: (timeMs / 1000).toFixed(3) });
  const res = await fetch(`${baseUrl}/api/v1/query?${params.toString()}`, {
    signal: AbortSignal.timeout(60_000),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${body.slice(0, 300)}`);
  const doc = JSON.parse(body) as { data?: { result?: Array<{ value?: [number, string] }> } };
  const v = doc.data?.result?.[0]?.value?.[1];
  return v === undefined ? undefined : Number(v);
}
