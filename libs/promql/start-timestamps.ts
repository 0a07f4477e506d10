import type { FloatHistogram } from '../model/index.js';
import { combineHistograms, HistogramMismatchError, scaleHistogram } from './histogram-math.js';
import type { Annotator, Window } from './range-functions.js';

/**
 * Start timestamps (experimental, `use-start-timestamps`): what a sample's start time says
 * about counter resets. A start timestamp of 0 means unknown.
 */

/** The start timestamp at index `i`, 0 when the series has none. */
export function startAt(sts: ArrayLike<number> | undefined, i: number): number {
  return sts === undefined || i >= sts.length ? 0 : sts[i]!;
}

/**
 * Whether the current sample's start timestamp says the counter restarted since the
 * previous sample. A start at or after the sample itself (invalid, or OpenTelemetry's
 * "unknown start") and a start before the previous sample (a cumulative series) say
 * nothing; a start after the previous sample is a reset. A start exactly at the previous
 * sample is a delta sample (a reset) only when the previous sample had a known, valid start
 * of its own; otherwise it is a cumulative series whose start was unknown.
 */
export function isStartTimestampReset(prevSt: number, prevT: number, curSt: number, curT: number): boolean {
  if (curSt === 0 || curSt >= curT || curSt < prevT) return false;
  if (curSt > prevT) return true;
  if (prevSt > prevT) return false;
  return prevSt !== 0 && prevSt !== prevT;
}

/**
 * Whether the current sample's start lies before the previous sample without being the
 * same start (a cumulative series) or the previous timestamp (a delta series): the two
 * samples claim overlapping intervals.
 */
export function startTimeOverlaps(prevSt: number, prevT: number, curSt: number): boolean {
  return curSt !== 0 && curSt < prevT && curSt !== prevSt;
}

/** The warning Prometheus gives, once per series, for overlapping start times. */
export function startTimeOverlapWarning(metricName: string): string {
  return `sample has start time that overlaps with previous sample timestamp for metric ${JSON.stringify(metricName)}`;
}

/** As `floatResets`, also counting resets the start timestamps show; warns once on overlaps. */
export function floatResetsWithStarts(w: Window, a: Annotator): number {
  const { ft, fv, fst } = w;
  let add = 0;
  let warned = false;
  for (let i = w.fLo + 1; i < w.fHi; i++) {
    const prevSt = startAt(fst, i - 1);
    const st = startAt(fst, i);
    if (!warned && startTimeOverlaps(prevSt, ft[i - 1]!, st)) {
      a.warnCounted(startTimeOverlapWarning(w.metricName));
      warned = true;
    }
    if (fv[i]! < fv[i - 1]! || isStartTimestampReset(prevSt, ft[i - 1]!, st, ft[i]!)) add += fv[i - 1]!;
  }
  return add;
}

/** `acc` plus the window's first histogram (a copy of it when `acc` is undefined). */
export function addFirstHistogram(
  w: Window,
  acc: FloatHistogram | undefined,
  a: Annotator,
): FloatHistogram | undefined {
  const first = w.hv[w.hLo]!;
  if (!acc) return scaleHistogram(first, 1);
  try {
    const r = combineHistograms(acc, first, 1);
    if (r.reconciled) a.info('mismatched custom buckets were reconciled during addition');
    return r.h;
  } catch (err) {
    if (!(err instanceof HistogramMismatchError)) throw err;
    a.warn(
      `vector contains a mix of histograms with exponential and custom buckets schemas for metric name ${JSON.stringify(w.metricName)}`,
    );
    return undefined;
  }
}
