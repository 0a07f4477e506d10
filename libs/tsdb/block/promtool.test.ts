/**
 * Compatibility with the real Prometheus tooling (promtool 2.42 from the Debian package):
 * blocks we write pass `promtool tsdb analyze` and `promtool tsdb dump` returns exactly our
 * samples; blocks promtool builds from OpenMetrics text read back exactly with BlockReader.
 * promtool is installed when missing rather than the test skipped.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compareLabels,
  formatLabels,
  isStaleNaN,
  labelsFrom,
  labelsKey,
  type Labels,
} from '../../model/index.js';
import { decodeXorChunk } from '../chunkenc/index.js';
import { Head } from '../head/index.js';
import { BlockReader } from './block-reader.js';
import { writeBlock } from './block-writer.js';
import { makeDataset, makeRandomDataset, toBlockSeries, type SeriesSamples } from './testdata/dataset.js';

const run = promisify(execFile);
const ALL = { start: -Infinity, end: Infinity };

function ensurePromtool(): void {
  try {
    execFileSync('promtool', ['--version'], { stdio: 'ignore' });
    return;
  } catch {
    // Not installed: the container runs tests as root; Debian's package brings promtool 2.42.
  }
  const apt = (...args: string[]): void => {
    execFileSync('apt-get', args, {
      stdio: 'ignore',
      timeout: 240_000,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  };
  try {
    apt('install', '-y', 'prometheus');
  } catch {
    apt('update'); // package lists may be missing in a fresh container
    apt('install', '-y', 'prometheus');
  }
  execFileSync('promtool', ['--version'], { stdio: 'ignore' });
}

async function promtool(...args: string[]): Promise<string> {
  const { stdout } = await run('promtool', args, { maxBuffer: 64 << 20 });
  return stdout;
}

/** Parses one `promtool tsdb dump` line: `{a="b", c="d"} <value %g> <timestamp ms>`. */
function parseDumpLine(line: string): { labels: Labels; value: number; t: number } {
  const end = line.lastIndexOf('} ');
  const labels: { name: string; value: string }[] = [];
  const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
  for (const m of line.slice(1, end).matchAll(re)) {
    labels.push({ name: m[1]!, value: JSON.parse(`"${m[2]!}"`) as string });
  }
  const [v, t] = line.slice(end + 2).split(' ');
  const value = v === '+Inf' ? Infinity : v === '-Inf' ? -Infinity : Number(v);
  return { labels, value, t: Number(t) };
}

function sampleCount(data: readonly SeriesSamples[]): number {
  return data.reduce((n, s) => n + s.timestamps.length, 0);
}

describe('promtool compatibility', () => {
  let dir: string;
  beforeAll(async () => {
    ensurePromtool();
    dir = await mkdtemp(join(tmpdir(), 'block-promtool-'));
  }, 300_000);
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('promtool analyzes and dumps our block with exactly the samples written', async () => {
    const data = makeDataset();
    const db = join(dir, 'ours');
    const block = await writeBlock(db, toBlockSeries(data));
    await mkdir(join(db, 'wal')); // promtool opens the directory as a read-only DB

    // --extended also reads every chunk.
    const analysis = await promtool('tsdb', 'analyze', '--extended', db, block.meta.ulid);
    expect(analysis).toContain(`Block ID: ${block.meta.ulid}`);
    expect(analysis).toContain(`Series: ${data.length}`);
    expect(analysis).toContain('Compaction analysis:');
    const pairs = new Set(data.flatMap((s) => s.labels.map((l) => `${l.name}=${l.value}`)));
    expect(analysis).toContain(`Postings (unique label pairs): ${pairs.size}`);

    await expectDumpEquals(db, data);
  });

  it('promtool dumps a block cut from the head exactly', async () => {
    const data = makeDataset();
    const head = new Head();
    const refs = data.map((s) => head.getOrCreateSeries(s.labels).ref);
    // Append as scrapes arrive: sample i of every series, then sample i + 1.
    const longest = Math.max(...data.map((s) => s.timestamps.length));
    for (let i = 0; i < longest; i++) {
      data.forEach((s, k) => {
        if (i < s.timestamps.length) head.append(refs[k]!, s.timestamps[i]!, s.values[i]!);
      });
    }
    const lo = Math.floor(data[0]!.timestamps[0]! / TWO_HOURS) * TWO_HOURS;
    const db = join(dir, 'from-head');
    const block = await writeBlock(db, head.seriesChunksInRange(lo, lo + TWO_HOURS - 1), {
      minTime: lo,
      maxTime: lo + TWO_HOURS,
    });
    expect(block.meta.stats.numSamples).toBe(sampleCount(data));
    await mkdir(join(db, 'wal'));
    await expectDumpEquals(db, data);
  });

  it('promtool dumps a random data set exactly (escapes, negative times, special floats)', async () => {
    const data = makeRandomDataset(4, 40, 300);
    const db = join(dir, 'random');
    await writeBlock(db, toBlockSeries(data, 90));
    await mkdir(join(db, 'wal'));
    await expectDumpEquals(db, data);
  });

  it('promtool finds every label value by its binary search (UTF-8 order of tables)', async () => {
    // JS string order puts U+FF21 after '😀' (a surrogate pair); UTF-8 byte order puts it before.
    const values = ['a', 'z', '\u00e9', '\uff21', '\u{1F600}', 'zz'];
    const data = values
      .map((v, i) => ({
        labels: labelsFrom({ __name__: 'm', v }),
        timestamps: [1_700_000_000_000 + i],
        values: Float64Array.of(i),
      }))
      .sort((a, b) => compareLabels(a.labels, b.labels));
    const db = join(dir, 'utf8');
    await writeBlock(db, toBlockSeries(data));
    await mkdir(join(db, 'wal'));
    for (const [i, v] of values.entries()) {
      const out = await promtool('tsdb', 'dump', `--match={v=${JSON.stringify(v)}}`, db);
      expect(out.trim().split('\n').map(parseDumpLine), v).toEqual([
        { labels: labelsFrom({ __name__: 'm', v }), value: i, t: 1_700_000_000_000 + i },
      ]);
    }
  });

  it('reads blocks promtool creates from OpenMetrics, sample for sample', async () => {
    // 3h of data: promtool cuts it into 2h-aligned blocks, so the import spans several blocks.
    const data = makeDataset(1_700_000_000_000, 720, 99).filter((s) => !s.values.some(isStaleNaN));
    const om = join(dir, 'input.om');
    await writeFile(om, toOpenMetrics(data));
    const out = join(dir, 'imported');
    await promtool('tsdb', 'create-blocks-from', 'openmetrics', om, out);
    const ulids = (await readdir(out)).filter((f) => /^[0-9A-Z]{26}$/.test(f));
    expect(ulids.length).toBeGreaterThan(1);

    const got = new Map<string, { ts: number[]; vs: number[] }>();
    for (const u of ulids.sort()) {
      const r = await BlockReader.openLocal(join(out, u));
      await expectChunkMetasMatchData(r);
      for (const s of await (await r.querier(-Infinity, Infinity)).select([], ALL)) {
        const e = got.get(labelsKey(s.labels)) ?? { ts: [], vs: [] };
        e.ts.push(...Array.from(s.timestamps));
        e.vs.push(...Array.from(s.values));
        got.set(labelsKey(s.labels), e);
      }
      await r.close();
    }
    expect([...got.keys()].sort()).toEqual(data.map((s) => labelsKey(s.labels)).sort());
    for (const s of data) {
      const e = got.get(labelsKey(s.labels))!;
      expect(e.ts, formatLabels(s.labels)).toEqual(s.timestamps);
      expect(e.vs.map((v) => (Number.isNaN(v) ? 'NaN' : v))).toEqual(
        Array.from(s.values, (v) => (Number.isNaN(v) ? 'NaN' : v)),
      );
    }

    // Rewriting a Prometheus block through our writer keeps every sample promtool sees.
    const first = join(out, ulids[0]!);
    const src = await BlockReader.openLocal(first);
    const rewritten = join(dir, 'rewritten');
    await writeBlock(rewritten, src.seriesChunks([]), {
      minTime: src.meta.minTime,
      maxTime: src.meta.maxTime,
    });
    await src.close();
    const original = join(dir, 'original');
    await mkdir(join(original, 'wal'), { recursive: true });
    await rename(first, join(original, ulids[0]!));
    await mkdir(join(rewritten, 'wal'));
    const dumpOriginal = await promtool('tsdb', 'dump', original);
    expect(dumpOriginal.split('\n').length).toBeGreaterThan(1000);
    expect(await promtool('tsdb', 'dump', rewritten)).toBe(dumpOriginal);
    await rename(join(original, ulids[0]!), first);

    // The same data written by us: the index is never larger than Prometheus's.
    const ours = join(dir, 'ours-import');
    const promIndex = await sum(ulids.map((u) => join(out, u, 'index')));
    const written = [];
    for (const [lo, hi] of blockRanges(data))
      written.push(await writeBlock(ours, toBlockSeries(clip(data, lo, hi))));
    const ourIndex = written.reduce((n, b) => n + b.indexSize, 0);
    expect(ourIndex).toBeLessThanOrEqual(promIndex);
  });
});

/** OpenMetrics text of `data`, every series a gauge, timestamps in seconds with ms precision. */
function toOpenMetrics(data: readonly SeriesSamples[]): string {
  const byName = new Map<string, SeriesSamples[]>();
  for (const s of data) {
    const name = s.labels.find((l) => l.name === '__name__')!.value;
    byName.set(name, [...(byName.get(name) ?? []), s]);
  }
  const lines: string[] = [];
  const fmt = (v: number): string => (v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v));
  for (const [name, series] of byName) {
    lines.push(`# TYPE ${name} gauge`);
    for (const s of series) {
      const lbl = s.labels
        .filter((l) => l.name !== '__name__')
        .map((l) => `${l.name}=${JSON.stringify(l.value)}`)
        .join(',');
      s.timestamps.forEach((t, i) =>
        lines.push(`${name}{${lbl}} ${fmt(s.values[i]!)} ${(t / 1000).toFixed(3)}`),
      );
    }
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}

const TWO_HOURS = 2 * 3600 * 1000;

function blockRanges(data: readonly SeriesSamples[]): [number, number][] {
  const ts = data.flatMap((s) => [s.timestamps[0]!, s.timestamps[s.timestamps.length - 1]!]);
  const out: [number, number][] = [];
  for (let lo = Math.floor(Math.min(...ts) / TWO_HOURS) * TWO_HOURS; lo <= Math.max(...ts); lo += TWO_HOURS) {
    out.push([lo, lo + TWO_HOURS]);
  }
  return out;
}

function clip(data: readonly SeriesSamples[], lo: number, hi: number): SeriesSamples[] {
  return data
    .map((s) => {
      const idx = s.timestamps.map((t, i) => (t >= lo && t < hi ? i : -1)).filter((i) => i >= 0);
      return {
        labels: s.labels,
        timestamps: idx.map((i) => s.timestamps[i]!),
        values: Float64Array.from(idx, (i) => s.values[i]!),
      };
    })
    .filter((s) => s.timestamps.length > 0);
}

async function sum(paths: string[]): Promise<number> {
  let n = 0;
  for (const p of paths) n += (await stat(p)).size;
  return n;
}

/** Every chunk's min/max time in the index equals its first/last decoded sample time. */
async function expectChunkMetasMatchData(r: BlockReader): Promise<void> {
  const entries = await r.index.series(await r.postings([]));
  const metas = entries.flatMap((e) => e.chunks);
  const raw = await r.chunks.chunks(metas.map((c) => c.ref));
  raw.forEach((c, i) => {
    const { timestamps } = decodeXorChunk(c.data);
    expect([timestamps[0], timestamps[timestamps.length - 1]]).toEqual([
      metas[i]!.minTime,
      metas[i]!.maxTime,
    ]);
  });
}

/** Asserts `promtool tsdb dump <db>` prints exactly the samples of `data`, in order per series. */
async function expectDumpEquals(db: string, data: readonly SeriesSamples[]): Promise<void> {
  const lines = (await promtool('tsdb', 'dump', db)).split('\n').filter((l) => l !== '');
  expect(lines.length).toBe(sampleCount(data));
  const want = new Map(data.map((s) => [labelsKey(s.labels), s]));
  const seen = new Map<string, number>();
  for (const line of lines) {
    const got = parseDumpLine(line);
    const key = labelsKey(got.labels);
    const s = want.get(key);
    expect(s, `unexpected series ${formatLabels(got.labels)}`).toBeDefined();
    const i = seen.get(key) ?? 0;
    seen.set(key, i + 1);
    expect(got.t).toBe(s!.timestamps[i]);
    const v = s!.values[i]!;
    if (Number.isNaN(v)) expect(Number.isNaN(got.value), line).toBe(true);
    else expect(got.value, line).toBe(v);
  }
  expect([...seen.values()]).toEqual(data.map((s) => s.timestamps.length));
}
