import { describe, expect, it } from 'vitest';
import { Matcher, labelsFrom } from '../../model/index.js';
import { XorChunkIterator } from '../chunkenc/index.js';
import { Head, type AppendResult } from './index.js';
import { mulberry32 } from '../../testsupport/index.js';

const rng = mulberry32;

/**
 * A naive reference head: per series a map of in-order samples and one of out-of-order samples,
 * and the acceptance rules written the obvious way. As in Prometheus, an out-of-order sample is
 * only checked against other out-of-order samples; reads prefer the in-order sample on a tie.
 * The real head must agree with it on every append and read.
 */
class ModelHead {
  private readonly inOrder = new Map<number, Map<number, number>>();
  private readonly ooo = new Map<number, Map<number, number>>();
  private readonly lastInOrder = new Map<number, number>();
  private maxt = -Infinity;
  private floor = -Infinity;
  constructor(
    private readonly window: number,
    private readonly chunkRange: number,
  ) {}

  private get(m: Map<number, Map<number, number>>, ref: number): Map<number, number> {
    let s = m.get(ref);
    if (s === undefined) m.set(ref, (s = new Map()));
    return s;
  }

  append(ref: number, t: number, v: number): AppendResult {
    const last = this.lastInOrder.get(ref) ?? -Infinity;
    if (t < this.floor) return 'out_of_bounds';
    if (t > last && t >= this.maxt - this.chunkRange / 2) {
      this.lastInOrder.set(ref, t);
      this.get(this.inOrder, ref).set(t, v);
    } else if (t === last) {
      return Object.is(this.get(this.inOrder, ref).get(t), v) ? 'ok' : 'duplicate';
    } else if (this.window > 0) {
      if (t < this.maxt - this.window) return 'too_old';
      const o = this.get(this.ooo, ref);
      if (o.has(t)) return Object.is(o.get(t), v) ? 'ok' : 'duplicate';
      o.set(t, v);
    } else {
      return t < this.maxt - this.chunkRange / 2 ? 'out_of_bounds' : 'out_of_order';
    }
    this.maxt = Math.max(this.maxt, t);
    return 'ok';
  }

  truncate(t: number): void {
    this.floor = Math.max(this.floor, t);
    let maxt = -Infinity;
    for (const m of [this.inOrder, this.ooo]) {
      for (const s of m.values()) {
        for (const ts of [...s.keys()]) if (ts < t) s.delete(ts);
        for (const ts of s.keys()) maxt = Math.max(maxt, ts);
      }
    }
    this.maxt = maxt;
  }

  /** Out-of-order samples at a timestamp that also holds an in-order sample. */
  ties(): number {
    let n = 0;
    for (const [ref, o] of this.ooo)
      for (const t of o.keys()) if (this.inOrder.get(ref)?.has(t) === true) n++;
    return n;
  }

  count(): number {
    let n = 0;
    for (const m of [this.inOrder, this.ooo]) for (const s of m.values()) n += s.size;
    return n;
  }

  samples(ref: number, mint: number, maxt: number): [number, number][] {
    const merged = new Map(this.ooo.get(ref) ?? []);
    for (const [t, v] of this.inOrder.get(ref) ?? []) merged.set(t, v);
    return [...merged.entries()].filter(([t]) => t >= mint && t <= maxt).sort((a, b) => a[0] - b[0]);
  }
}

describe('head against a naive model', () => {
  for (const window of [0, 600_000]) {
    it(`agrees on appends, reads, block cuts and truncation (ooo window ${window})`, async () => {
      const r = rng(window + 1);
      const chunkRange = 3_600_000;
      const head = new Head({ outOfOrderWindowMs: window, chunkRangeMs: chunkRange, chunkSize: 16 });
      const model = new ModelHead(window, chunkRange);
      const labelsOf = (i: number) => labelsFrom({ __name__: 'm', i: String(i) });
      const refs = [0, 1, 2, 3].map((i) => head.getOrCreateSeries(labelsOf(i)).ref);
      const clock = [0, 0, 0, 0];
      let truncatedTo = -Infinity;
      for (let step = 0; step < 8000; step++) {
        const i = Math.floor(r() * refs.length);
        const base = clock[i]!;
        const roll = r();
        // Mostly in order, sometimes the same timestamp, sometimes behind; whole seconds, so
        // out-of-order samples often land on timestamps that already hold a sample.
        const t =
          roll < 0.8
            ? base + 1000 * (1 + Math.floor(r() * 30))
            : roll < 0.9
              ? base
              : base - 1000 * Math.floor(r() * 200);
        const v = r() < 0.5 ? Math.floor(r() * 3) : r();
        const got = head.append(refs[i]!, t, v);
        expect(got).toBe(model.append(refs[i]!, t, v));
        if (got === 'ok' && t > base) clock[i] = t;
        if (step % 2000 === 1999 && step < 7000) {
          truncatedTo = Math.min(...clock) - 600_000;
          head.truncateBefore(truncatedTo);
          model.truncate(truncatedTo);
          // A series the head dropped is re-created by the caller under a new ref.
          for (let k = 0; k < refs.length; k++) {
            if (head.labelsOf(refs[k]!) === undefined) refs[k] = head.getOrCreateSeries(labelsOf(k)).ref;
          }
        }
      }
      expect(head.numSamples).toBe(model.count());

      const mint = truncatedTo + 100_000;
      const maxt = mint + 1_000_000_000;
      const q = await head.querier(mint, maxt);
      const res = await q.select([new Matcher('=', '__name__', 'm')], { start: -Infinity, end: Infinity });
      const byRef = new Map(res.map((s) => [head.lookup(s.labels), s]));
      let compared = 0;
      for (const ref of refs) {
        const want = model.samples(ref, mint, maxt);
        const s = byRef.get(ref);
        const got = s === undefined ? [] : Array.from(s.timestamps, (t, i) => [t, s.values[i]!]);
        expect(got).toEqual(want);
        compared += want.length;
      }
      expect(compared).toBeGreaterThan(500);
      // The interesting case happened: out-of-order samples shadowed by in-order ones.
      if (window > 0) expect(model.ties()).toBeGreaterThan(5);

      // A block-sized range in the middle: chunks crossing its ends must be cut.
      const cutMin = mint + 200_000;
      const cutMax = cutMin + 600_000 - 1;
      let cutSamples = 0;
      for (const s of head.seriesChunksInRange(cutMin, cutMax)) {
        const got: [number, number][] = [];
        for (const c of s.chunks) {
          const it = new XorChunkIterator(c.data);
          const first = got.length;
          while (it.next()) got.push([it.t, it.v]);
          // Block indexes carry these bounds; readers skip chunks by them.
          expect([c.minTime, c.maxTime]).toEqual([got[first]![0], got[got.length - 1]![0]]);
        }
        expect(got).toEqual(model.samples(s.ref, cutMin, cutMax));
        cutSamples += got.length;
      }
      expect(cutSamples).toBeGreaterThan(50);
    });
  }
});
