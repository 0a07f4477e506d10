import type { Labels, Matcher, Querier, SelectHints, SeriesData } from '../../model/index.js';
import type { Head } from './head.js';
import type { MemSeries } from './mem-series.js';

const NO_SAMPLES = new Float64Array(0);

/**
 * A `Querier` over a head for `[mint, maxt]`. Samples are decoded into fresh arrays at `select`
 * time, so results stay valid while the head keeps changing.
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
    series.sort((a, b) => this.head.compareSeries(a, b));
    const out: SeriesData[] = [];
    for (const s of series) {
      if (hints.labelsOnly === true) {
        out.push({ labels: this.head.labelsFor(s), timestamps: NO_SAMPLES, values: NO_SAMPLES });
        continue;
      }
      const { timestamps, values } = this.head.readSamples(s, lo, hi);
      if (timestamps.length > 0) out.push({ labels: this.head.labelsFor(s), timestamps, values });
    }
    return Promise.resolve(out);
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
