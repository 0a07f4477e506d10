import type { Labels, Matcher, Querier, SelectHints, SeriesData } from '../../model/index.js';
import type { Head } from './head.js';
import type { MemSeries } from './mem-series.js';
import { SampleBuffer } from './sample-buffer.js';

const NO_SAMPLES = new Float64Array(0);

/**
 * A `Querier` over a head for `[mint, maxt]`. Samples are decoded into fresh arrays at `select`
 * time, so results stay valid while the head keeps changing. One `select` decodes every
 * series into one pair of arrays and hands out views of it: one allocation per select instead
 * of two per series (small typed arrays each carry their own backing store, which is what
 * the garbage collector spent its time on).
 */
export class HeadQuerier implements Querier {
  constructor(
    private readonly head: Head,
    private readonly mint: number,
    private readonly maxt: number,
  ) {}

  /** Matching series in the intersection of the querier's and the hints' ranges. */
  private matching(matchers: readonly Matcher[], lo: number, hi: number): MemSeries[] {
    const out: MemSeries[] = [];
    if (lo > hi) return out;
    for (const ref of this.head.refsFor(matchers)) {
      const s = this.head.seriesAt(ref)!;
      if (s.overlaps(lo, hi)) out.push(s);
    }
    return out;
  }

  select(matchers: readonly Matcher[], hints: SelectHints): Promise<SeriesData[]> {
    const lo = Math.max(this.mint, hints.start);
    const hi = Math.min(this.maxt, hints.end);
    const series = this.matching(matchers, lo, hi);
    if (hints.labelsOnly === true) {
      series.sort((a, b) => this.head.compareSeries(a, b));
      return Promise.resolve(series.map((s) => ({ labels: this.head.labelsFor(s), timestamps: NO_SAMPLES, values: NO_SAMPLES })));
    }
    // Decoded in ref order, sorted after: only series with samples, and label objects are
    // shared between series (LabelCache), so equal pairs compare by identity.
    const out = this.decode(series, lo, hi);
    return Promise.resolve(hints.unsorted === true ? out : out.sort(compareSeriesData));
  }

  /** Decodes `series` in `[lo, hi]` into one buffer; series without samples are left out. */
  private decode(series: readonly MemSeries[], lo: number, hi: number): SeriesData[] {
    const buf = new SampleBuffer(Math.max(16, series.length * 8));
    const kept: MemSeries[] = [];
    const ends: number[] = [];
    for (const s of series) {
      const before = buf.length;
      s.readRange(lo, hi, buf);
      if (buf.length === before) continue;
      kept.push(s);
      ends.push(buf.length);
    }
    // Views are taken once decoding is done: the buffer's arrays are replaced as it grows.
    const out = new Array<SeriesData>(kept.length);
    let start = 0;
    for (let i = 0; i < kept.length; i++) {
      const end = ends[i]!;
      out[i] = { labels: this.head.labelsFor(kept[i]!), timestamps: buf.ts.subarray(start, end), values: buf.vs.subarray(start, end) };
      start = end;
    }
    return out;
  }

  labelNames(matchers: readonly Matcher[], hints: SelectHints): Promise<string[]> {
    if (matchers.length === 0 && this.headOverlaps(hints)) return Promise.resolve(this.head.allLabelNames());
    const names = new Set<string>();
    for (const labels of this.labelSets(matchers, hints)) for (const l of labels) names.add(l.name);
    return Promise.resolve([...names].sort());
  }

  labelValues(name: string, matchers: readonly Matcher[], hints: SelectHints): Promise<string[]> {
    if (matchers.length === 0 && this.headOverlaps(hints))
      return Promise.resolve(this.head.allLabelValues(name));
    const values = new Set<string>();
    for (const labels of this.labelSets(matchers, hints)) {
      for (const l of labels) if (l.name === name) values.add(l.value);
    }
    return Promise.resolve([...values].sort());
  }

  private headOverlaps(hints: SelectHints): boolean {
    const lo = Math.max(this.mint, hints.start);
    const hi = Math.min(this.maxt, hints.end);
    return lo <= hi && this.head.minTime <= hi && this.head.maxTime >= lo;
  }

  private labelSets(matchers: readonly Matcher[], hints: SelectHints): Labels[] {
    const lo = Math.max(this.mint, hints.start);
    const hi = Math.min(this.maxt, hints.end);
    return this.matching(matchers, lo, hi).map((s) => this.head.labelsFor(s));
  }
}

/** `compareLabels` on the series' labels, skipping shared label objects by identity. */
function compareSeriesData(a: SeriesData, b: SeriesData): number {
  const x = a.labels;
  const y = b.labels;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    if (p.name !== q.name) return p.name < q.name ? -1 : 1;
    if (p.value !== q.value) return p.value < q.value ? -1 : 1;
  }
  return x.length - y.length;
}
