import { mkdtemp, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStaleNaN, labelsFrom, Matcher, type SeriesData } from '../../model/index.js';
import { EpimetheusError } from '../../errors/index.js';
import { MemoryBucket } from '../../objstore/index.js';
import { BlockReader } from './block-reader.js';
import { BlockWriter, writeBlock, type WrittenBlock } from './block-writer.js';
import { BucketBlockSource, uploadBlock } from './bucket-source.js';
import { LocalBlockSource, type BlockSource } from './byte-source.js';
import { FormatError } from './errors.js';
import {
  makeDataset,
  makeRandomDataset,
  rng,
  toBlockSeries,
  type SeriesSamples,
} from './testdata/dataset.js';

const ALL = { start: -Infinity, end: Infinity };

function sameBits(a: number, b: number): boolean {
  const x = new Float64Array([a, b]);
  const u = new Uint32Array(x.buffer);
  return u[0] === u[2] && u[1] === u[3];
}

/** Asserts `got` holds exactly the samples of `want` within [mint, maxt], bit for bit. */
function expectSamples(
  got: SeriesData[],
  want: readonly SeriesSamples[],
  mint = -Infinity,
  maxt = Infinity,
): void {
  const expected = want
    .map((s) => ({
      s,
      idx: s.timestamps.map((t, i) => (t >= mint && t <= maxt ? i : -1)).filter((i) => i >= 0),
    }))
    .filter((e) => e.idx.length > 0);
  expect(got.map((g) => g.labels)).toEqual(expected.map((e) => e.s.labels));
  got.forEach((g, k) => {
    const { s, idx } = expected[k]!;
    expect(Array.from(g.timestamps)).toEqual(idx.map((i) => s.timestamps[i]));
    const bad = idx.findIndex((i, j) => !sameBits(s.values[i]!, g.values[j]!));
    expect(bad, `first differing value of ${JSON.stringify(g.labels)}`).toBe(-1);
  });
}

describe('BlockWriter and BlockReader', () => {
  const data = makeDataset();
  let dir: string;
  let block: WrittenBlock;
  let reader: BlockReader;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'block-test-'));
    block = await writeBlock(dir, toBlockSeries(data), {
      epimetheus: { tenant: 't1', source: 'test', resolution: 0, externalLabels: { replica: 'a' } },
    });
    reader = await BlockReader.openLocal(block.dir);
  });
  afterAll(async () => {
    await reader.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes meta.json with exclusive maxTime, stats and the epimetheus section', async () => {
    const meta = JSON.parse(await readFile(join(block.dir, 'meta.json'), 'utf8')) as Record<string, unknown>;
    const samples = data.reduce((n, s) => n + s.timestamps.length, 0);
    const last = Math.max(...data.map((s) => s.timestamps[s.timestamps.length - 1]!));
    expect(meta).toMatchObject({
      ulid: block.meta.ulid,
      minTime: Math.min(...data.map((s) => s.timestamps[0]!)),
      maxTime: last + 1,
      stats: {
        numSamples: samples,
        numSeries: data.length,
        numChunks: toBlockSeries(data).flatMap((s) => s.chunks).length,
      },
      compaction: { level: 1, sources: [block.meta.ulid] },
      version: 1,
      epimetheus: { tenant: 't1', source: 'test', resolution: 0, externalLabels: { replica: 'a' } },
    });
    expect(reader.meta).toEqual(block.meta);
    expect(await readFile(join(block.dir, 'tombstones'))).toEqual(
      Buffer.from([0x01, 0x30, 0xba, 0x30, 1, 0, 0, 0, 0]),
    );
  });

  it('reads back every sample bit for bit, stale marker included', async () => {
    const q = await reader.querier(-Infinity, Infinity);
    const got = await q.select([new Matcher('=~', '__name__', '.+')], ALL);
    expectSamples(got, data);
    const up = got.find((s) => s.labels.some((l) => l.value === 'up'))!;
    expect(isStaleNaN(up.values[130]!)).toBe(true);
  });

  it("records each chunk's time range and ref in the index as written", async () => {
    const written = toBlockSeries(data);
    const entries = await reader.index.series(await reader.postings([]));
    expect(entries.map((e) => e.labels)).toEqual(written.map((s) => s.labels));
    entries.forEach((e, i) => {
      expect(e.chunks.map((c) => [c.minTime, c.maxTime])).toEqual(
        written[i]!.chunks.map((c) => [c.minTime, c.maxTime]),
      );
    });
    const refs = entries.flatMap((e) => e.chunks.map((c) => c.ref));
    const raw = await reader.chunks.chunks(refs);
    expect(raw.map((c) => Array.from(c.data))).toEqual(
      written.flatMap((s) => s.chunks.map((c) => Array.from(c.data))),
    );
  });

  it('reads the same block from a bucket with ranged reads', async () => {
    const bucket = new MemoryBucket();
    await uploadBlock(bucket, block.dir, `t1/${block.meta.ulid}`);
    const r = await BlockReader.open(new BucketBlockSource(bucket, `t1/${block.meta.ulid}`));
    expect(r.meta).toEqual(block.meta);
    const q = await r.querier(-Infinity, Infinity);
    expectSamples(
      await q.select([new Matcher('=', 'job', 'node')], ALL),
      data.filter((s) => has(s, 'job', 'node')),
    );
    await r.close();
  });

  it('serves a select with a handful of ranged reads', async () => {
    const local = new LocalBlockSource(block.dir);
    const reads: string[] = [];
    const counting: BlockSource = {
      name: 'counting',
      file: (name) => {
        const f = local.file(name);
        return {
          size: () => f.size(),
          read: (offset, length) => {
            reads.push(`${name}@${offset}+${length}`);
            return f.read(offset, length);
          },
        };
      },
      readAll: (name) => local.readAll(name),
      close: () => local.close(),
    };
    const r = await BlockReader.open(counting);
    const opened = reads.length;
    expect(opened).toBe(4); // header, TOC, symbols, postings offset table
    const q = await r.querier(-Infinity, Infinity);
    const got = await q.select([new Matcher('=', '__name__', 'http_requests_total')], ALL);
    expect(got).toHaveLength(3);
    // One postings read, one series read, one segment header, one chunk read.
    expect(reads.slice(opened)).toHaveLength(4);
    await r.close();
  });

  const selects: { name: string; matchers: Matcher[]; want: (s: SeriesSamples) => boolean }[] = [
    { name: 'equal', matchers: [new Matcher('=', 'code', '404')], want: (s) => has(s, 'code', '404') },
    {
      name: 'regex',
      matchers: [new Matcher('=~', 'code', '4..|5..')],
      want: (s) => /^(4..|5..)$/.test(get(s, 'code')),
    },
    {
      name: 'not equal keeps series without the label',
      matchers: [new Matcher('!=', 'code', '200'), new Matcher('=', 'job', 'node')],
      want: (s) => get(s, 'job') === 'node' && get(s, 'code') !== '200',
    },
    {
      name: 'empty value selects series without the label',
      matchers: [new Matcher('=', 'code', '')],
      want: (s) => get(s, 'code') === '',
    },
    {
      name: 'negative regex alone',
      matchers: [new Matcher('!~', '__name__', 'http.*')],
      want: (s) => !get(s, '__name__').startsWith('http'),
    },
    {
      name: 'non-ASCII value',
      matchers: [new Matcher('=', 'region', 'ap-日本')],
      want: (s) => has(s, 'region', 'ap-日本'),
    },
    { name: 'absent value', matchers: [new Matcher('=', 'code', '999')], want: () => false },
    { name: 'unknown label name, !=', matchers: [new Matcher('!=', 'nope', 'x')], want: () => true },
  ];
  for (const c of selects) {
    it(`selects by matchers: ${c.name}`, async () => {
      const q = await reader.querier(-Infinity, Infinity);
      expectSamples(await q.select(c.matchers, ALL), data.filter(c.want));
    });
  }

  it('keeps only samples inside the querier and hint ranges', async () => {
    const t0 = data[0]!.timestamps[0]!;
    const q = await reader.querier(t0 + 100_000, t0 + 3_000_000);
    const got = await q.select([new Matcher('=', 'job', 'node')], {
      start: t0 + 500_000,
      end: t0 + 4_000_000,
    });
    expectSamples(
      got,
      data.filter((s) => has(s, 'job', 'node')),
      t0 + 500_000,
      t0 + 3_000_000,
    );
  });

  it('answers labelsOnly selects without chunks', async () => {
    const q = await reader.querier(-Infinity, Infinity);
    const got = await q.select([new Matcher('=', '__name__', 'up')], { ...ALL, labelsOnly: true });
    expect(got.map((s) => s.labels)).toEqual([
      labelsFrom({ __name__: 'up', job: 'éphémère', instance: 'gone:80' }),
    ]);
  });

  it('lists label names and values, with and without matchers', async () => {
    const q = await reader.querier(-Infinity, Infinity);
    const names = new Set(data.flatMap((s) => s.labels.map((l) => l.name)));
    expect(await q.labelNames([], ALL)).toEqual([...names].sort());
    expect(await q.labelNames([new Matcher('=', '__name__', 'up')], ALL)).toEqual([
      '__name__',
      'instance',
      'job',
    ]);
    expect(await q.labelValues('code', [], ALL)).toEqual(['200', '404', '500']);
    expect(await q.labelValues('job', [new Matcher('=', '__name__', 'single_sample')], ALL)).toEqual(['x']);
    expect(await q.labelValues('nope', [], ALL)).toEqual([]);
  });
});

describe('random data sets', () => {
  for (const seed of [1, 2, 3]) {
    it(`round-trips seed ${seed} bit for bit, including per-range selects`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'block-random-'));
      try {
        const data = makeRandomDataset(seed, 60, 400);
        const block = await writeBlock(dir, toBlockSeries(data, 1 + seed * 50), { segmentSize: 8192 });
        const r = await BlockReader.openLocal(block.dir);
        const q = await r.querier(-Infinity, Infinity);
        expectSamples(await q.select([], ALL), data);
        const all = data.flatMap((s) => s.timestamps).sort((a, b) => a - b);
        const lo = all[Math.floor(all.length / 3)]!;
        const hi = all[Math.floor((2 * all.length) / 3)]!;
        expectSamples(
          await q.select([new Matcher('=~', '__name__', 'm_[0-2]')], { start: lo, end: hi }),
          data.filter((s) => /^m_[0-2]$/.test(get(s, '__name__'))),
          lo,
          hi,
        );
        await r.close();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('matchers against brute force', () => {
  it('selects exactly the series a label-by-label check accepts, for 300 random matcher sets', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'block-matchers-'));
    try {
      const data = makeRandomDataset(11, 80, 3);
      const block = await writeBlock(dir, toBlockSeries(data));
      const r = await BlockReader.openLocal(block.dir);
      const r2 = rng(5);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r2() * xs.length)]!;
      const names = [...new Set(data.flatMap((s) => s.labels.map((l) => l.name))), 'absent'];
      const types = ['=', '!=', '=~', '!~'] as const;
      for (let round = 0; round < 300; round++) {
        const matchers = Array.from({ length: 1 + Math.floor(r2() * 3) }, () => {
          const name = pick(names);
          const values = data.map((s) => get(s, name));
          const type = pick(types);
          const literal = pick([...values, '', 'zzz']);
          if (type === '=' || type === '!=') return new Matcher(type, name, literal);
          const patterns = [
            '',
            '.*',
            '.+',
            'a.*',
            '[^a]*',
            'm_1|m_3',
            literal.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&'),
          ];
          return new Matcher(type, name, pick(patterns));
        });
        const want = data
          .filter((s) => matchers.every((m) => m.matches(get(s, m.name))))
          .map((s) => s.labels);
        const got = await (
          await r.querier(-Infinity, Infinity)
        ).select(matchers, { ...ALL, labelsOnly: true });
        expect(
          got.map((g) => g.labels),
          matchers.join(', '),
        ).toEqual(want);
      }
      await r.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('BlockWriter edge cases', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'block-edge-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('cuts several chunk segments when they fill up, and reads across them', async () => {
    const data = makeDataset(1_700_000_000_000, 300, 7);
    const block = await writeBlock(dir, toBlockSeries(data), { segmentSize: 4096 });
    const files = await readdir(join(block.dir, 'chunks'));
    expect(files.length).toBeGreaterThan(3);
    expect(files[0]).toBe('000001');
    const r = await BlockReader.openLocal(block.dir);
    expectSamples(await (await r.querier(-Infinity, Infinity)).select([], ALL), data);
    await r.close();
  });

  it('writes and reads an empty block when given a range, and refuses one without', async () => {
    const block = await writeBlock(dir, [], { minTime: 0, maxTime: 7_200_000 });
    expect(block.meta.stats).toEqual({ numSamples: 0, numSeries: 0, numChunks: 0 });
    const r = await BlockReader.openLocal(block.dir);
    const q = await r.querier(0, 7_200_000);
    expect(await q.select([], { start: 0, end: 7_200_000 })).toEqual([]);
    expect(await q.labelNames([], { start: 0, end: 7_200_000 })).toEqual([]);
    await r.close();
    await expect(writeBlock(dir, [])).rejects.toBeInstanceOf(FormatError);
  });

  it('reads series entries and chunks longer than its first read guesses', async () => {
    // 1000 chunks make a ~6 KiB series entry (guess: 512 bytes); 2000 random floats make a
    // ~18 KiB chunk (guess: 1 KiB), read alone so no neighbour bounds it.
    const long: SeriesSamples = {
      labels: labelsFrom({ __name__: 'long', job: 'x' }),
      timestamps: Array.from({ length: 2000 }, (_, i) => i * 1000),
      values: Float64Array.from({ length: 2000 }, (_, i) => Math.sin(i) * 1e6),
    };
    const many: SeriesSamples = {
      labels: labelsFrom({ __name__: 'many', job: 'x' }),
      timestamps: Array.from({ length: 1000 }, (_, i) => i * 60_000),
      values: Float64Array.from({ length: 1000 }, (_, i) => i),
    };
    const series = [...toBlockSeries([long], 2000), ...toBlockSeries([many], 1)];
    const block = await writeBlock(dir, series);
    const r = await BlockReader.openLocal(block.dir);
    const q = await r.querier(-Infinity, Infinity);
    expectSamples(await q.select([new Matcher('=', '__name__', 'long')], ALL), [long]);
    expectSamples(await q.select([new Matcher('=', '__name__', 'many')], ALL), [many]);
    const [entry] = await r.index.series(await r.postings([new Matcher('=', '__name__', 'many')]));
    expect(entry!.chunks).toHaveLength(1000);
    await r.close();
  });

  it('names the block when opening fails, keeping the cause', async () => {
    const block = await writeBlock(dir, toBlockSeries(makeDataset()));
    const path = join(block.dir, 'index');
    const bytes = await readFile(path);
    bytes[0] = 0;
    await writeFile(path, bytes);
    const bad = await BlockReader.openLocal(block.dir).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(FormatError);
    expect((bad as Error).message).toBe(`open block ${block.dir}`);
    expect(((bad as Error).cause as Error).message).toMatch(/bad magic/);
    const missing = await BlockReader.openLocal(join(dir, 'nope')).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(EpimetheusError);
    expect((missing as EpimetheusError).category).toBe('internal');
    expect(((missing as Error).cause as NodeJS.ErrnoException).code).toBe('ENOENT');
  });

  it('rejects series out of label order and leaves no directory behind', async () => {
    const [a, b] = toBlockSeries(makeDataset()).slice(0, 2);
    const w = await BlockWriter.create(dir, { ulid: '01HZZZZZZZZZZZZZZZZZZZZZZZ' });
    await w.addSeries(b!);
    await expect(w.addSeries(a!)).rejects.toBeInstanceOf(FormatError);
    await w.abort();
    expect((await readdir(dir)).filter((f) => f.startsWith('01HZZZ'))).toEqual([]);
  });

  it('rejects overlapping chunks and bad ULIDs', async () => {
    const [s] = toBlockSeries(makeDataset());
    const w = await BlockWriter.create(dir);
    const overlapping = { labels: s!.labels, chunks: [s!.chunks[1]!, s!.chunks[0]!] };
    await expect(w.addSeries(overlapping)).rejects.toThrow(/overlap or are out of order/);
    await w.abort();
    await expect(BlockWriter.create(dir, { ulid: 'not-a-ulid' })).rejects.toBeInstanceOf(FormatError);
  });

  it('rejects chunks outside the given block range', async () => {
    const [s] = toBlockSeries(makeDataset());
    const w = await BlockWriter.create(dir, { minTime: 0, maxTime: s!.chunks[0]!.maxTime });
    await expect(w.addSeries(s!)).rejects.toBeInstanceOf(FormatError);
    await w.abort();
  });

  it('detects a corrupted series entry by its checksum', async () => {
    const block = await writeBlock(dir, toBlockSeries(makeDataset()));
    const path = join(block.dir, 'index');
    const bytes = await readFile(path);
    const r0 = await BlockReader.openLocal(block.dir);
    const [id] = await r0.postings([new Matcher('=', '__name__', 'up')]);
    await r0.close();
    bytes[id! * 16 + 3]! ^= 0xff;
    await writeFile(path, bytes);
    const r = await BlockReader.openLocal(block.dir);
    const q = await r.querier(-Infinity, Infinity);
    const err = await q.select([new Matcher('=', '__name__', 'up')], ALL).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FormatError);
    expect((err as Error).message).toBe(`select from block ${block.meta.ulid}`);
    expect(((err as Error).cause as Error).message).toMatch(/series \d+ checksum mismatch/);
    await r.close();
  });
});

function get(s: SeriesSamples, name: string): string {
  return s.labels.find((l) => l.name === name)?.value ?? '';
}
function has(s: SeriesSamples, name: string, value: string): boolean {
  return get(s, name) === value;
}
