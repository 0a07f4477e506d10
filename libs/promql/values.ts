import type { FloatHistogram, Labels } from '../model/index.js';

/**
 * One output series of an instant-vector expression over all evaluation steps. `present[i]`
 * is 0 (no sample), 1 (float `vals[i]`) or 2 (histogram `hists[i]`).
 */
export interface StepSeries {
  labels: Labels;
  vals: Float64Array;
  present: Uint8Array;
  hists: (FloatHistogram | undefined)[] | undefined;
  /** Prometheus 3 delayed `__name__` removal: drop the name when the result is returned. */
  dropName: boolean;
}

/** Evaluation result of an instant-vector expression. */
export interface StepVector {
  kind: 'vector';
  series: StepSeries[];
}

/** Evaluation result of a scalar expression, one value per step. */
export interface StepScalar {
  kind: 'scalar';
  vals: Float64Array;
}

/** Evaluation result of a string expression. */
export interface StepString {
  kind: 'string';
  value: string;
}

/** The samples of one series as a range-vector function sees them (no stale markers). */
export interface RangeSeries {
  labels: Labels;
  ft: ArrayLike<number>;
  fv: ArrayLike<number>;
  ht: ArrayLike<number>;
  hv: readonly FloatHistogram[];
  dropName: boolean;
  /**
   * Start timestamps beside `ft` and `hv` (0 unknown): only from a plain range selector
   * with `use-start-timestamps` on; subqueries never carry them.
   */
  fst?: ArrayLike<number> | undefined;
  hst?: ArrayLike<number> | undefined;
}

/**
 * Evaluation result of a range-vector expression: the samples plus how to find each step's
 * window `(end - range, end]`.
 */
export interface RangeVector {
  kind: 'matrix';
  series: RangeSeries[];
  range: number;
  /** Window end for each step (already shifted by offset and pinned by `@`). */
  ends: Float64Array;
}

/** Any intermediate value. */
export type EvalValue = StepVector | StepScalar | StepString | RangeVector;

/** Elements per slab: 128 KiB of values and 16 KiB of presence flags. */
const SLAB = 16_384;
let valSlab = new Float64Array(0);
let presentSlab = new Uint8Array(0);
let slabUsed = SLAB;

/**
 * Allocates an empty step series. The arrays of short series are zeroed views into a shared
 * slab rather than arrays of their own: a query makes one series per input series per node,
 * and small typed arrays each carrying a backing store made garbage collection the largest
 * cost of evaluation. A slab lives as long as any series cut from it (at most 144 KiB).
 */
export function newStepSeries(labels: Labels, n: number, dropName = false): StepSeries {
  if (n > SLAB >>> 4) return { labels, vals: new Float64Array(n), present: new Uint8Array(n), hists: undefined, dropName };
  if (slabUsed + n > SLAB) {
    valSlab = new Float64Array(SLAB);
    presentSlab = new Uint8Array(SLAB);
    slabUsed = 0;
  }
  const start = slabUsed;
  slabUsed += n;
  return { labels, vals: valSlab.subarray(start, slabUsed), present: presentSlab.subarray(start, slabUsed), hists: undefined, dropName };
}

/** Stores a histogram at step `i`, allocating the histogram slots on first use. */
export function setHist(s: StepSeries, i: number, h: FloatHistogram): void {
  if (!s.hists) s.hists = new Array<FloatHistogram | undefined>(s.vals.length);
  s.hists[i] = h;
  s.present[i] = 2;
}

/** Stores a float at step `i`. */
export function setFloat(s: StepSeries, i: number, v: number): void {
  s.vals[i] = v;
  s.present[i] = 1;
}

/** Whether a series has at least one sample. */
export function hasAny(s: StepSeries): boolean {
  const p = s.present;
  for (let i = 0; i < p.length; i++) if (p[i] !== 0) return true;
  return false;
}
