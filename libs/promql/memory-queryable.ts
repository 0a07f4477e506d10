import { compareLabels, isStaleNaN, labelsKey } from '../model/index.js';
import type { FloatHistogram, Labels, Matcher, Querier, Queryable, SelectHints, SeriesData } from '../model/index.js';

interface StoredSeries {
  labels: Labels;
  /** Timestamps of staleness markers: JS arrays may canonicalise the NaN payload. */
  stale: Set<number>;
  ft: number[];
  fv: number[];
  /** Start timestamps of the float samples, 0 for unknown. */
  fst: number[];
  ht: number[];
  hv: FloatHistogram[];
  hst: number[];
}

/**
 * An in-memory `Queryable` for tests and embedded use: series keyed by label set, samples
 * kept sorted by time. A sample at an existing timestamp replaces the old one.
 */
export class MemoryQueryable implements Queryable {
  private readonly series = new Map<string, StoredSeries>();

  /**
   * Adds a float sample (use `STALE_NAN` for a staleness marker) with its start timestamp
   * `st` (ms, 0 for unknown).
   */
  addFloat(labels: Labels, t: number, v: number, st = 0): void {
    const s = this.get(labels);
    this.remove(s, t);
    if (isStaleNaN(v)) s.stale.add(t);
    else s.stale.delete(t);
    s.fst.splice(insertSorted(s.ft, s.fv, t, v), 0, st);
  }

  /** Adds a histogram sample with its start timestamp `st` (ms, 0 for unknown). */
  addHistogram(labels: Labels, t: number, h: FloatHistogram, st = 0): void {
    const s = this.get(labels);
    this.remove(s, t);
    s.hst.splice(insertSorted(s.ht, s.hv, t, h), 0, st);
  }

  /** Removes every series. */
  clear(): void {
    this.series.clear();
  }

  private get(labels: Labels): StoredSeries {
    const key = labelsKey(labels);
    let s = this.series.get(key);
    if (!s) {
      s = { labels, stale: new Set(), ft: [], fv: [], fst: [], ht: [], hv: [], hst: [] };
      this.series.set(key, s);
    }
    return s;
  }

  private remove(s: StoredSeries, t: number): void {
    const i = s.ft.indexOf(t);
    if (i >= 0) {
      s.ft.splice(i, 1);
      s.fv.splice(i, 1);
      s.fst.splice(i, 1);
    }
    const j = s.ht.indexOf(t);
    if (j >= 0) {
      s.ht.splice(j, 1);
      s.hv.splice(j, 1);
      s.hst.splice(j, 1);
    }
  }

  /** Opens a querier over `[mint, maxt]`. */
  async querier(mint: number, maxt: number): Promise<Querier> {
    const all = [...this.series.values()];
    const match = (ms: readonly Matcher[]): StoredSeries[] =>
      all
        .filter((s) => ms.every((m) => m.matches(s.labels.find((l) => l.name === m.name)?.value ?? '')))
        .sort((a, b) => compareLabels(a.labels, b.labels));
    return {
      async select(matchers: readonly Matcher[], hints: SelectHints): Promise<SeriesData[]> {
        const lo = Math.max(mint, hints.start);
        const hi = Math.min(maxt, hints.end);
        const out: SeriesData[] = [];
        for (const s of match(matchers)) {
          const [a, b] = bounds(s.ft, lo, hi);
          const [c, d] = bounds(s.ht, lo, hi);
          if (b <= a && d <= c) continue;
          const sd: SeriesData = {
            labels: s.labels,
            timestamps: copyRange(s.ft, a, b),
            values: floatsPreservingStale(s.fv, s.ft, s.stale, a, b),
            histogramTimestamps: copyRange(s.ht, c, d),
            histograms: s.hv.slice(c, d),
          };
          const anyStart = (st: number[], x: number, y: number): boolean => st.slice(x, y).some((v) => v !== 0);
          out.push(anyStart(s.fst, a, b) || anyStart(s.hst, c, d) ? { ...sd, startTimestamps: { floats: copyRange(s.fst, a, b), histograms: copyRange(s.hst, c, d) } } : sd);
        }
        return out;
      },
      async labelNames(matchers: readonly Matcher[]): Promise<string[]> {
        const names = new Set<string>();
        for (const s of match(matchers)) for (const l of s.labels) names.add(l.name);
        return [...names].sort();
      },
      async labelValues(name: string, matchers: readonly Matcher[]): Promise<string[]> {
        const vals = new Set<string>();
        for (const s of match(matchers)) {
          const v = s.labels.find((l) => l.name === name)?.value;
          if (v !== undefined) vals.add(v);
        }
        return [...vals].sort();
      },
    };
  }
}

/** Inserts `(t, v)` in time order; returns the index it went to. */
function insertSorted<T>(ts: number[], vs: T[], t: number, v: T): number {
  let i = ts.length;
  while (i > 0 && ts[i - 1]! > t) i--;
  ts.splice(i, 0, t);
  vs.splice(i, 0, v);
  return i;
}

/** First index with ts[i] >= t (binary search). */
function lowerBound(ts: number[], t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function bounds(ts: number[], lo: number, hi: number): [number, number] {
  return [lowerBound(ts, lo), lowerBound(ts, hi + 1)];
}

function copyRange(src: number[], a: number, b: number): Float64Array {
  const out = new Float64Array(b - a);
  for (let i = a; i < b; i++) out[i - a] = src[i]!;
  return out;
}

/** Copies values into a typed array, writing the exact StaleNaN bits (0x7ff0000000000002, little-endian words). */
function floatsPreservingStale(fv: number[], ft: number[], stale: Set<number>, a: number, b: number): Float64Array {
  const out = copyRange(fv, a, b);
  if (stale.size === 0) return out;
  const bits = new Uint32Array(out.buffer);
  for (let i = a; i < b; i++) {
    if (stale.has(ft[i]!)) {
      bits[(i - a) * 2] = 0x00000002;
      bits[(i - a) * 2 + 1] = 0x7ff00000;
    }
  }
  return out;
}
