/**
 * Memory one loaded block costs a store-gateway: the index header a `BlockReader` keeps
 * (symbols, postings offset table) after opening and answering one query. Opens the same
 * block several times and divides the heap growth (JS heap plus array buffers, after forced
 * collections) by the number of readers.
 *
 * Run: `node --expose-gc --import tsx libs/tsdb/block/reader-memory.bench.ts [series]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareLabels, labelsFrom, Matcher } from '../../model/index.js';
import { encodeXorChunk } from '../chunkenc/index.js';
import { BlockReader, writeBlock, type BlockSeries } from './index.js';

const series = Number(process.argv[2] ?? 20_000);
const READERS = 5;
const T0 = 1_699_999_200_000;

function* dataset(): Generator<BlockSeries> {
  const all = Array.from({ length: series }, (_, i) => {
    const l: Record<string, string> = {
      __name__: `metric_${i % 50}`,
      job: `job-${i % 7}`,
      instance: `10.0.${i % 256}.${i % 13}:9100`,
    };
    for (let k = 0; Object.keys(l).length < 10 + (i % 21); k++) l[`label_${k}`] = `value-${(i * 7 + k) % 40}`;
    l.series_id = String(i);
    return labelsFrom(l);
  });
  all.sort(compareLabels);
  const ts = Float64Array.from({ length: 120 }, (_, j) => T0 + j * 15_000);
  const vs = Float64Array.from({ length: 120 }, (_, j) => j);
  const data = encodeXorChunk(ts, vs);
  for (const labels of all)
    yield { labels, chunks: [{ minTime: ts[0]!, maxTime: ts[119]!, encoding: 1, data }] };
}

function used(): number {
  (globalThis as { gc?: () => void }).gc?.();
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const dir = mkdtempSync(join(tmpdir(), 'reader-mem-'));
try {
  const block = await writeBlock(dir, dataset(), { minTime: T0, maxTime: T0 + 7_200_000 });
  if (!(globalThis as { gc?: () => void }).gc) throw new Error('run with node --expose-gc');
  // One reader first, so code compiled on first use is not charged to the measured ones.
  await (await BlockReader.openLocal(block.dir)).close();
  const before = used();
  const readers: BlockReader[] = [];
  for (let i = 0; i < READERS; i++) readers.push(await BlockReader.openLocal(block.dir));
  const opened = used();
  for (const r of readers) {
    const q = await r.querier(T0, T0 + 7_200_000);
    await q.select([new Matcher('=', 'job', 'job-3')], { start: T0, end: T0 + 7_200_000, labelsOnly: true });
  }
  // Freed read buffers leave `arrayBuffers` only after V8 releases their backing stores.
  await new Promise((r) => setTimeout(r, 200));
  const queried = used();
  const kib = (n: number): string => (n / READERS / 1024).toFixed(0);
  const estimated = readers[0]!.memoryBytes;
  console.log(
    `${series} series, index ${block.indexSize} bytes: ${kib(opened - before)} KiB per opened block, ` +
      `${kib(queried - before)} KiB after one query each (${READERS} readers); BlockReader.memoryBytes ` +
      `estimates ${(estimated / 1024).toFixed(0)} KiB (${((estimated * READERS) / (opened - before)).toFixed(2)}x of opened)`,
  );
  await Promise.all(readers.map((r) => r.close()));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
