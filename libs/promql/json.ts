import type { FloatHistogram, Labels } from '../model/index.js';
import type { QueryResult } from './engine.js';
import { formatGoFloat } from './format.js';
import { allBuckets } from './histogram-math.js';
import { matrixJson, matrixJsonBytes, type JsonParts } from './json-matrix.js';

/** Options for `resultToJSON`. */
export interface JsonOptions {
  /** Include a `stats` object with sample counts. @default false */
  stats?: boolean;
}

/** JSON.stringify leaves these two as they are; Go's encoding/json escapes them. */
const ESCAPES: Record<string, string> = { '\u2028': '\\u2028', '\u2029': '\\u2029' };

function jsonString(s: string): string {
  // Fast path: most label values need no escaping.
  if (!/["\\\u0000-\u001f\u2028\u2029]/.test(s) && !/[\ud800-\udfff]/.test(s)) return '"' + s + '"';
  return JSON.stringify(s).replace(/[\u2028\u2029]/g, (c) => ESCAPES[c] ?? c);
}

function metricJson(ls: Labels): string {
  let s = '{';
  for (let i = 0; i < ls.length; i++) {
    if (i > 0) s += ',';
    s += jsonString(ls[i]!.name) + ':' + jsonString(ls[i]!.value);
  }
  return s + '}';
}

/** Seconds with millisecond precision, as Prometheus renders sample times (`1700000000.123`). */
function timeJson(ms: number): string {
  if (ms % 1000 === 0) return String(ms / 1000);
  const sec = Math.floor(ms / 1000);
  const frac = ms - sec * 1000;
  if (frac === 0) return String(sec);
  const f = String(frac).padStart(3, '0').replace(/0+$/, '');
  return sec < 0 && frac !== 0 ? formatGoFloat(ms / 1000) : `${sec}.${f}`;
}

function histogramJson(h: FloatHistogram): string {
  let s = '{"count":"' + formatGoFloat(h.count) + '","sum":"' + formatGoFloat(h.sum) + '"';
  const bs = allBuckets(h).filter((b) => b.count !== 0);
  if (bs.length > 0) {
    s += ',"buckets":[';
    for (let i = 0; i < bs.length; i++) {
      const b = bs[i]!;
      if (i > 0) s += ',';
      s += `[${b.boundaryRule},"${formatGoFloat(b.lower)}","${formatGoFloat(b.upper)}","${formatGoFloat(b.count)}"]`;
    }
    s += ']';
  }
  return s + '}';
}

const MATRIX_PARTS: JsonParts = { str: jsonString, time: timeJson, histogram: histogramJson };

/**
 * Renders a query result as the `data` object of the Prometheus HTTP API response, e.g.
 * `{"resultType":"matrix","result":[{"metric":{...},"values":[[1700000000.123,"1.5"]]}]}`.
 * Matrices are written into one byte buffer (`json-matrix.ts`), the bulk of large answers.
 */
export function resultToJSON(r: QueryResult, opts: JsonOptions = {}): string {
  const v = r.value;
  let body: string;
  switch (v.resultType) {
    case 'scalar':
      body = `{"resultType":"scalar","result":[${timeJson(v.t)},"${formatGoFloat(v.v)}"]`;
      break;
    case 'string':
      body = `{"resultType":"string","result":[${timeJson(v.t)},${jsonString(v.v)}]`;
      break;
    case 'vector': {
      const parts: string[] = [];
      for (const s of v.samples) {
        const val = s.h ? `"histogram":[${timeJson(s.t)},${histogramJson(s.h)}]` : `"value":[${timeJson(s.t)},"${formatGoFloat(s.f)}"]`;
        parts.push(`{"metric":${metricJson(s.metric)},${val}}`);
      }
      body = `{"resultType":"vector","result":[${parts.join(',')}]`;
      break;
    }
    case 'matrix':
      body = `{"resultType":"matrix","result":${matrixJson(v.series, MATRIX_PARTS)}`;
      break;
  }
  return body + tail(r, opts);
}

/** What follows the result: the stats object when asked, and the closing brace. */
function tail(r: QueryResult, opts: JsonOptions): string {
  const stats = opts.stats
    ? `,"stats":{"samples":{"totalQueryableSamples":${r.stats.totalSamples},"peakSamples":${r.stats.peakSamples}}}`
    : '';
  return stats + '}';
}

/**
 * `resultToJSON` as UTF-8 bytes. A matrix (the large answers) is written straight into one
 * buffer and handed out without a copy; other results are encoded from their string.
 */
export function resultToJSONBytes(r: QueryResult, opts: JsonOptions = {}): Buffer {
  const v = r.value;
  if (v.resultType !== 'matrix') return Buffer.from(resultToJSON(r, opts), 'utf8');
  return matrixJsonBytes(v.series, MATRIX_PARTS, '{"resultType":"matrix","result":', tail(r, opts));
}
