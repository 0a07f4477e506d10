import { categoryOf, isRetriable } from '../errors/index.js';
import {
  compareLabels,
  labelsKey,
  type Matcher,
  type Querier,
  type Queryable,
  type SeriesData,
  type SelectHints,
} from '../model/index.js';

/**
 * Reads several stores as one: series with equal label sets are merged, and a timestamp
 * present in more than one store (head and block overlapping, or two replicas) is kept
 * once. Any store failing fails the whole read: no silently partial answers.
 */
export class MergeQueryable implements Queryable {
  constructor(private readonly stores: () => readonly Queryable[]) {}

  async querier(mint: number, maxt: number): Promise<Querier> {
    const qs = await Promise.all(this.stores().map((s) => s.querier(mint, maxt)));
    return {
      select: async (ms, hints) => mergeSeries(await Promise.all(qs.map((q) => q.select(ms, hints)))),
      labelNames: async (ms, hints) => unionSorted(await Promise.all(qs.map((q) => q.labelNames(ms, hints)))),
      labelValues: async (name, ms, hints) =>
        unionSorted(
          await Promise.all(qs.map((q) => q.labelValues(name, ms as Matcher[], hints as SelectHints))),
        ),
    };
  }
}

function unionSorted(lists: string[][]): string[] {
  if (lists.length === 1) return lists[0]!;
  return [...new Set(lists.flat())].sort();
}

/** Merges per-store results (each sorted by labels) into one sorted, deduplicated list. */
export function mergeSeries(results: SeriesData[][]): SeriesData[] {
  const nonEmpty = results.filter((r) => r.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? [];
  const byKey = new Map<string, SeriesData[]>();
  for (const r of nonEmpty) {
    for (const s of r) {
      const k = labelsKey(s.labels);
      const list = byKey.get(k);
      if (list) list.push(s);
      else byKey.set(k, [s]);
    }
  }
  const out: SeriesData[] = [];
  for (const list of byKey.values()) out.push(list.length === 1 ? list[0]! : mergeSamples(list));
  return out.sort((a, b) => compareLabels(a.labels, b.labels));
}

/** Merges the samples of one series from several stores, first store winning on ties. */
function mergeSamples(list: SeriesData[]): SeriesData {
  let total = 0;
  for (const s of list) total += s.timestamps.length;
  const ts = new Float64Array(total);
  const vs = new Float64Array(total);
  const idx = new Array<number>(list.length).fill(0);
  let n = 0;
  for (;;) {
    let best = -1;
    let bestT = Infinity;
    for (let i = 0; i < list.length; i++) {
      const s = list[i]!;
      if (idx[i]! < s.timestamps.length && s.timestamps[idx[i]!]! < bestT) {
        bestT = s.timestamps[idx[i]!]!;
        best = i;
      }
    }
    if (best < 0) break;
    ts[n] = bestT;
    copyValue(list[best]!.values, idx[best]!, vs, n);
    n++;
    for (let i = 0; i < list.length; i++) {
      const s = list[i]!;
      while (idx[i]! < s.timestamps.length && s.timestamps[idx[i]!]! === bestT) idx[i]!++;
    }
  }
  return { labels: list[0]!.labels, timestamps: ts.subarray(0, n), values: vs.subarray(0, n) };
}

/** Copies one value bit for bit when the source is a typed array. */
function copyValue(src: ArrayLike<number>, i: number, dst: Float64Array, j: number): void {
  if (src instanceof Float64Array) dst.set(src.subarray(i, i + 1), j);
  else dst[j] = src[i]!;
}

/**
 * Replicas holding the same data (ingesters of one partition in different zones): each call
 * goes to the first replica and, when that one is unavailable or times out, to the next. Other
 * errors (bad query, limits) are the caller's and are not retried. Fails when every replica does.
 */
export class FailoverQueryable implements Queryable {
  constructor(private readonly replicas: readonly Queryable[]) {}

  querier(mint: number, maxt: number): Promise<Querier> {
    const tryAll = async <T>(fn: (q: Querier) => Promise<T>): Promise<T> => {
      let last: unknown = new Error('no replica to ask');
      for (const r of this.replicas) {
        try {
          return await fn(await r.querier(mint, maxt));
        } catch (err) {
          if (!isRetriable(categoryOf(err))) throw err;
          last = err;
        }
      }
      throw last;
    };
    return Promise.resolve({
      select: (ms, hints) => tryAll((q) => q.select(ms, hints)),
      labelNames: (ms, hints) => tryAll((q) => q.labelNames(ms, hints)),
      labelValues: (name, ms, hints) => tryAll((q) => q.labelValues(name, ms, hints)),
    });
  }
}
