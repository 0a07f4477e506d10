import { describe, expect, it } from 'vitest';
import { EpimetheusError } from '../../errors/index.js';
import { Matcher, STALE_NAN, isStaleNaN, labelsFrom, type SelectHints } from '../../model/index.js';
import { XorChunkIterator, decodeXorChunk } from '../chunkenc/index.js';
import { Head, appendResultError, type AppendResult, type HeadOptions } from './index.js';

const ALL: SelectHints = { start: -Infinity, end: Infinity };
const up = labelsFrom({ __name__: 'up', job: 'api' });

function seriesWith(opts: HeadOptions = {}): { head: Head; ref: number } {
  const head = new Head(opts);
  return { head, ref: head.getOrCreateSeries(up).ref };
}

describe('getOrCreateSeries', () => {
  it('returns the same ref for the same labels and interns new ones', () => {
    const head = new Head();
    const a = head.getOrCreateSeries(up);
    const b = head.getOrCreateSeries(labelsFrom({ job: 'api', __name__: 'up' }));
    const c = head.getOrCreateSeries(labelsFrom({ __name__: 'up', job: 'db' }));
    expect(a.created).toBe(true);
    expect(b).toEqual({ ref: a.ref, created: false });
    expect(c.created).toBe(true);
    expect(c.ref).not.toBe(a.ref);
    expect(head.numSeries).toBe(2);
    expect(head.lookup(up)).toBe(a.ref);
    expect(head.labelsOf(a.ref)).toEqual(up);
  });

  it('normalises unsorted labels and drops empty values', () => {
    const head = new Head();
    const { ref } = head.getOrCreateSeries([
      { name: 'job', value: 'api' },
      { name: 'env', value: '' },
      { name: '__name__', value: 'up' },
    ]);
    expect(head.labelsOf(ref)).toEqual(up);
    expect(head.getOrCreateSeries(up)).toEqual({ ref, created: false });
  });

  it('rejects empty label sets and duplicate names as bad data', () => {
    const head = new Head();
    const dup = [
      { name: 'a', value: '1' },
      { name: 'a', value: '2' },
    ];
    for (const bad of [[], [{ name: 'a', value: '' }], dup]) {
      let err: unknown;
      try {
        head.getOrCreateSeries(bad);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(EpimetheusError);
      expect((err as EpimetheusError).category).toBe('bad_data');
    }
  });
});

describe('append order rules', () => {
  const rows: { name: string; opts?: HeadOptions; samples: [number, number][]; want: AppendResult[] }[] = [
    {
      name: 'in order',
      samples: [
        [1, 1],
        [2, 2],
        [3, 3],
      ],
      want: ['ok', 'ok', 'ok'],
    },
    {
      name: 'out of order rejected',
      samples: [
        [10, 1],
        [5, 2],
      ],
      want: ['ok', 'out_of_order'],
    },
    {
      name: 'same timestamp same value is a no-op',
      samples: [
        [10, 1],
        [10, 1],
      ],
      want: ['ok', 'ok'],
    },
    {
      name: 'same timestamp other value is a duplicate',
      samples: [
        [10, 1],
        [10, 2],
      ],
      want: ['ok', 'duplicate'],
    },
    {
      name: 'NaN then NaN is a no-op',
      samples: [
        [10, NaN],
        [10, NaN],
      ],
      want: ['ok', 'ok'],
    },
    {
      name: 'NaN then stale marker is a duplicate',
      samples: [
        [10, NaN],
        [10, STALE_NAN],
      ],
      want: ['ok', 'duplicate'],
    },
    {
      name: 'more than half a chunk range behind is out of bounds',
      samples: [
        [10_000_000, 1],
        [10_000_000 - 3_600_001, 2],
      ],
      want: ['ok', 'out_of_bounds'],
    },
    {
      name: 'ooo window accepts older samples',
      opts: { outOfOrderWindowMs: 100 },
      samples: [
        [1000, 1],
        [950, 2],
        [900, 3],
        [899, 4],
        [950, 2],
        [950, 5],
      ],
      want: ['ok', 'ok', 'ok', 'too_old', 'ok', 'duplicate'],
    },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const { head, ref } = seriesWith(row.opts);
      expect(row.samples.map(([t, v]) => head.append(ref, t, v))).toEqual(row.want);
    });
  }

  it('rejects timestamps that are not integer milliseconds', () => {
    const { head, ref } = seriesWith();
    expect([1.5, NaN, Infinity, 2 ** 60].map((t) => head.append(ref, t, 1))).toEqual([
      'out_of_bounds',
      'out_of_bounds',
      'out_of_bounds',
      'out_of_bounds',
    ]);
    expect(head.numSamples).toBe(0);
  });

  it('reports unknown refs and counts only stored samples', () => {
    const { head, ref } = seriesWith();
    expect(head.append(ref + 100, 1, 1)).toBe('unknown_series');
    head.append(ref, 1, 1);
    head.append(ref, 1, 1);
    head.append(ref, 0, 1);
    expect([head.numSamples, head.minTime, head.maxTime]).toEqual([1, 1, 1]);
  });

  it('turns rejections into bad_data errors with ids', () => {
    const err = appendResultError('duplicate', up, 5)!;
    expect(err.category).toBe('bad_data');
    expect(err.id).toBe('err-epimetheus-sample-duplicate-timestamp');
    expect(err.message).toContain('up{job="api"}');
    expect(appendResultError('ok', up, 5)).toBeUndefined();
    expect(appendResultError('out_of_order', up, 5)!.id).toBe('err-epimetheus-sample-out-of-order');
  });
});

describe('chunk cutting', () => {
  it('cuts 120-sample chunks at a 15s interval, aligned to the chunk range', () => {
    const { head, ref } = seriesWith();
    for (let i = 0; i < 480; i++) head.append(ref, i * 15_000, i);
    const [s] = [...head.seriesChunksInRange(0, 7_199_999)];
    expect(s!.chunks.map((c) => decodeXorChunk(c.data).timestamps.length)).toEqual([120, 120, 120, 120]);
    expect(s!.chunks.map((c) => c.minTime)).toEqual([0, 1_800_000, 3_600_000, 5_400_000]);
  });

  it('never lets a chunk cross a chunk-range boundary', () => {
    const { head, ref } = seriesWith();
    for (let t = 7_000_000; t < 7_400_000; t += 60_000) head.append(ref, t, 1);
    const [s] = [...head.seriesChunksInRange(-Infinity, Infinity)];
    expect(s!.chunks.map((c) => [c.minTime, c.maxTime])).toEqual([
      [7_000_000, 7_180_000],
      [7_240_000, 7_360_000],
    ]);
  });
});

describe('querier', () => {
  function sampleHead(): Head {
    const head = new Head({ outOfOrderWindowMs: 60_000 });
    const a = head.getOrCreateSeries(labelsFrom({ __name__: 'm', i: 'a' })).ref;
    const b = head.getOrCreateSeries(labelsFrom({ __name__: 'm', i: 'b' })).ref;
    const c = head.getOrCreateSeries(labelsFrom({ __name__: 'other' })).ref;
    for (let i = 0; i < 300; i++) {
      head.append(b, i * 10_000, i);
      head.append(a, i * 10_000, -i);
    }
    head.append(c, 3_000_000, 1);
    head.append(a, 2_990_005, STALE_NAN); // after the last in-order sample of a
    head.append(b, 2_985_000, 42); // out of order, inside the window
    return head;
  }

  it('hands out one label set per series until the head is truncated', async () => {
    const head = sampleHead();
    const select = async () =>
      (await (await head.querier(0, 3_000_000)).select([new Matcher('=', '__name__', 'm')], { start: 0, end: 3_000_000 }))[0]!.labels;
    const first = await select();
    expect(await select()).toBe(first);
    head.truncateBefore(1_000_000);
    const after = await select();
    expect(after).not.toBe(first);
    expect(after).toEqual(first);
  });

  it('leaves series in creation order when the caller needs no order', async () => {
    const head = new Head();
    for (const i of ['c', 'a', 'b']) head.append(head.getOrCreateSeries(labelsFrom({ __name__: 'm', i })).ref, 1_000, 1);
    const q = await head.querier(0, 2_000);
    const order = async (unsorted: boolean) =>
      (await q.select([new Matcher('=', '__name__', 'm')], { start: 0, end: 2_000, unsorted })).map((r) => r.labels[1]!.value);
    expect(await order(true)).toEqual(['c', 'a', 'b']);
    expect(await order(false)).toEqual(['a', 'b', 'c']);
  });

  it('selects sorted series with the samples in range', async () => {
    const q = await sampleHead().querier(0, 3_000_000);
    const res = await q.select([new Matcher('=', '__name__', 'm')], { start: 2_970_000, end: 2_995_000 });
    expect(res.map((r) => r.labels.map((l) => l.value).join(','))).toEqual(['m,a', 'm,b']);
    expect(Array.from(res[0]!.timestamps)).toEqual([2_970_000, 2_980_000, 2_990_000, 2_990_005]);
    expect(isStaleNaN(res[0]!.values[3]!)).toBe(true);
    expect(Array.from(res[1]!.timestamps)).toEqual([2_970_000, 2_980_000, 2_985_000, 2_990_000]);
    expect(Array.from(res[1]!.values)).toEqual([297, 298, 42, 299]);
  });

  it('omits series without samples in range unless labels only', async () => {
    const head = sampleHead();
    const q = await head.querier(0, 1_000);
    const all = await q.select([new Matcher('=~', '__name__', '.+')], ALL);
    expect(all.map((r) => r.labels[0]!.value + (r.labels[1]?.value ?? ''))).toEqual(['ma', 'mb']);
    const q2 = await head.querier(2_995_001, 6_000_000);
    const only = await q2.select([], { start: 0, end: 1e13, labelsOnly: true });
    expect(only.map((r) => r.labels[0]!.value)).toEqual(['other']);
    expect(only[0]!.timestamps.length).toBe(0);
  });

  it('returns label names and values', async () => {
    const head = sampleHead();
    const q = await head.querier(-Infinity, Infinity);
    expect(await q.labelNames([], ALL)).toEqual(['__name__', 'i']);
    expect(await q.labelNames([new Matcher('=', '__name__', 'other')], ALL)).toEqual(['__name__']);
    expect(await q.labelValues('i', [], ALL)).toEqual(['a', 'b']);
    expect(await q.labelValues('__name__', [new Matcher('=', 'i', 'b')], ALL)).toEqual(['m']);
    const late = await head.querier(4_000_000, 6_000_000);
    expect(await late.labelValues('i', [new Matcher('=~', 'i', '.+')], ALL)).toEqual([]);
  });
});

describe('seriesChunksInRange', () => {
  it('re-encodes chunks crossing the range and merges out-of-order samples', () => {
    const head = new Head({ outOfOrderWindowMs: 1_000_000 });
    const a = head.getOrCreateSeries(labelsFrom({ __name__: 'a' })).ref;
    const b = head.getOrCreateSeries(labelsFrom({ __name__: 'b' })).ref;
    for (let t = 0; t < 200_000; t += 1000) {
      head.append(b, t, t);
      head.append(a, t, t);
    }
    head.append(a, 50_500, -1);
    const got = [...head.seriesChunksInRange(50_000, 99_999)];
    expect(got.map((s) => s.labels[0]!.value)).toEqual(['a', 'b']);
    for (const s of got) {
      const ts: number[] = [];
      for (const c of s.chunks) {
        expect(c.encoding).toBe(1);
        const it = new XorChunkIterator(c.data);
        while (it.next()) ts.push(it.t);
        expect([ts[ts.length - 1]! <= c.maxTime, c.minTime >= 50_000, c.maxTime <= 99_999]).toEqual([
          true,
          true,
          true,
        ]);
      }
      expect(ts.length).toBe(s.labels[0]!.value === 'a' ? 51 : 50);
      expect(ts).toEqual([...ts].sort((x, y) => x - y));
    }
  });

  it('hands out chunk bytes that later appends do not change', () => {
    const { head, ref } = seriesWith();
    head.append(ref, 1, 1);
    const [s] = [...head.seriesChunksInRange(0, 10)];
    const before = Buffer.from(s!.chunks[0]!.data).toString('hex');
    head.append(ref, 2, 2);
    expect(Buffer.from(s!.chunks[0]!.data).toString('hex')).toBe(before);
  });
});

describe('truncateBefore', () => {
  it('drops old samples, empty series and their postings', async () => {
    const head = new Head();
    const old = head.getOrCreateSeries(labelsFrom({ __name__: 'old', only: 'old' })).ref;
    const live = head.getOrCreateSeries(labelsFrom({ __name__: 'live' })).ref;
    for (let t = 0; t < 600_000; t += 15_000) head.append(live, t, t);
    head.append(old, 1000, 1);
    expect(head.numSamples).toBe(41);
    head.truncateBefore(300_000);
    expect(head.numSeries).toBe(1);
    expect(head.numSamples).toBe(20);
    expect(head.minTime).toBe(300_000);
    expect(head.append(old, 700_000, 1)).toBe('unknown_series');
    expect(head.append(live, 299_999, 1)).toBe('out_of_bounds');
    const q = await head.querier(-Infinity, Infinity);
    expect(await q.labelNames([], ALL)).toEqual(['__name__']);
    expect(await q.labelValues('__name__', [], ALL)).toEqual(['live']);
    const [s] = await q.select([new Matcher('=', '__name__', 'live')], ALL);
    expect(s!.timestamps[0]).toBe(300_000);
    expect(s!.timestamps.length).toBe(20);
    // A re-created series gets a new ref.
    const again = head.getOrCreateSeries(labelsFrom({ __name__: 'old', only: 'old' }));
    expect(again.created).toBe(true);
    expect(again.ref).not.toBe(old);
  });

  it('keeps appending to a series whose open chunk was trimmed', () => {
    const { head, ref } = seriesWith();
    for (let t = 0; t < 100; t++) head.append(ref, t, t);
    head.truncateBefore(50);
    for (let t = 100; t < 300; t++) expect(head.append(ref, t, t)).toBe('ok');
    const [s] = [...head.seriesChunksInRange(-Infinity, Infinity)];
    const ts = s!.chunks.flatMap((c) => Array.from(decodeXorChunk(c.data).timestamps));
    expect(ts).toEqual(Array.from({ length: 250 }, (_, i) => i + 50));
    expect(head.numSamples).toBe(250);
  });

  it('empties the head entirely', () => {
    const { head, ref } = seriesWith({ outOfOrderWindowMs: 1000 });
    head.append(ref, 100, 1);
    head.append(ref, 50, 1);
    head.truncateBefore(1000);
    expect([head.numSeries, head.numSamples, head.minTime, head.maxTime]).toEqual([
      0,
      0,
      Infinity,
      -Infinity,
    ]);
    expect([...head.seriesChunksInRange(-Infinity, Infinity)]).toEqual([]);
  });
});

describe('hash collisions', () => {
  it('keeps colliding label sets apart, across creation, lookup and deletion', async () => {
    const { hashLabels } = await import('./labels-util.js');
    // Find two label sets with the same 32-bit hash (birthday bound: ~2^16 tries).
    const seen = new Map<number, number>();
    let pair: [number, number] | undefined;
    for (let i = 0; pair === undefined; i++) {
      const h = hashLabels(labelsFrom({ a: `v${i}` }));
      const j = seen.get(h);
      if (j !== undefined) pair = [j, i];
      else seen.set(h, i);
    }
    const [x, y] = pair.map((i) => labelsFrom({ a: `v${i}` }));
    expect(hashLabels(x!)).toBe(hashLabels(y!));
    const head = new Head();
    const rx = head.getOrCreateSeries(x!).ref;
    const ry = head.getOrCreateSeries(y!).ref;
    expect(rx).not.toBe(ry);
    expect([head.lookup(x!), head.lookup(y!)]).toEqual([rx, ry]);
    head.append(rx, 1, 1);
    head.append(ry, 5, 1);
    head.truncateBefore(2); // removes x, the series the hash first pointed at
    expect([head.lookup(x!), head.lookup(y!)]).toEqual([0, ry]);
    expect(head.getOrCreateSeries(y!)).toEqual({ ref: ry, created: false });
  });
});

describe('selectChunks', () => {
  it('yields only matching series, in label order, with chunks in range', () => {
    const head = new Head();
    for (const i of ['c', 'a', 'b']) {
      const ref = head.getOrCreateSeries(labelsFrom({ __name__: 'm', i })).ref;
      for (let t = 0; t < 10; t++) head.append(ref, t * 1000, t);
    }
    const got = [...head.selectChunks([new Matcher('=~', 'i', 'a|c')], 2000, 4000)];
    expect(got.map((s) => s.labels[1]!.value)).toEqual(['a', 'c']);
    const { timestamps } = decodeXorChunk(got[0]!.chunks[0]!.data);
    expect(Array.from(timestamps)).toEqual([2000, 3000, 4000]);
  });
});

describe('out-of-order only series', () => {
  it('is queryable and cut into blocks when all its samples arrived behind the head', async () => {
    const head = new Head({ outOfOrderWindowMs: 7_200_000 });
    const a = head.getOrCreateSeries(labelsFrom({ __name__: 'a' })).ref;
    head.append(a, 10_000_000, 1);
    const b = head.getOrCreateSeries(labelsFrom({ __name__: 'b' })).ref;
    // More than half a chunk range behind the head: not in order, but inside the window.
    expect(head.append(b, 5_000_000, 2)).toBe('ok');
    expect(head.append(b, 5_001_000, 3)).toBe('ok');
    const q = await head.querier(0, 6_000_000);
    const [s] = await q.select([new Matcher('=', '__name__', 'b')], ALL);
    expect(Array.from(s!.timestamps)).toEqual([5_000_000, 5_001_000]);
    const cut = [...head.seriesChunksInRange(0, 7_199_999)];
    expect(cut.map((c) => c.labels[0]!.value)).toEqual(['b']);
    expect(head.minTime).toBe(5_000_000);
  });
});

describe('close', () => {
  it('empties the head and returns open-chunk buffers to its pool for reuse', async () => {
    const { BufferPool } = await import('../chunkenc/index.js');
    const pool = new BufferPool();
    const head = new Head({ bufferPool: pool });
    const fill = () => {
      for (let i = 0; i < 40; i++) {
        const { ref } = head.getOrCreateSeries(labelsFrom({ __name__: 'm', i: String(i) }));
        for (let t = 0; t < 60; t++) head.append(ref, t * 1000, Math.random());
      }
    };
    fill();
    const used = pool.allocatedBytes;
    head.close();
    expect([head.numSeries, head.numSamples]).toEqual([0, 0]);
    fill();
    expect(head.numSeries).toBe(40);
    expect(pool.allocatedBytes).toBe(used);
  });
});
