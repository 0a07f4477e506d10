/** Test helpers: blocks with known samples, uploaded to a bucket with their bucket index. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { updateBucketIndex } from '../../libs/bucketindex/index.js';
import { compareLabels, labelsFrom, type Labels } from '../../libs/model/index.js';
import type { Bucket, ObjectAttributes } from '../../libs/objstore/index.js';
import { encodeXorChunk } from '../../libs/tsdb/chunkenc/index.js';
import { uploadBlock, writeBlock, type BlockSeries } from '../../libs/tsdb/block/index.js';

/** Samples a test series holds: 120 a chunk, one every 15s from the block's start. */
export const SAMPLES_PER_SERIES = 240;
/** Milliseconds between samples. */
export const STEP_MS = 15_000;

/** Labels of series `i` of a test block (ten labels, a unique `series_id`). */
export function testLabels(i: number, block: number): Labels {
  const l: Record<string, string> = {
    __name__: `metric_${i % 5}`,
    job: `job-${i % 3}`,
    block: String(block),
    series_id: String(i),
  };
  for (let k = 0; k < 6; k++) l[`label_${k}`] = `value-${(i * 7 + k) % 11}`;
  return labelsFrom(l);
}

/** Value of sample `j` of series `i` in block `block`. */
export function testValue(block: number, i: number, j: number): number {
  return block * 1000 + i + j / 1000;
}

function* blockSeries(block: number, series: number, t0: number): Generator<BlockSeries> {
  const all = Array.from({ length: series }, (_, i) => ({ i, labels: testLabels(i, block) }));
  all.sort((a, b) => compareLabels(a.labels, b.labels));
  for (const { i, labels } of all) {
    const chunks = [];
    for (let c = 0; c < SAMPLES_PER_SERIES; c += 120) {
      const ts = Float64Array.from({ length: 120 }, (_, j) => t0 + (c + j) * STEP_MS);
      const vs = Float64Array.from({ length: 120 }, (_, j) => testValue(block, i, c + j));
      chunks.push({ minTime: ts[0]!, maxTime: ts[119]!, encoding: 1, data: encodeXorChunk(ts, vs) });
    }
    yield { labels, chunks };
  }
}

/** Where a test block lies. */
export interface TestBlock {
  ulid: string;
  minTime: number;
  maxTime: number;
}

/**
 * Writes `count` consecutive blocks of `series` series for `tenant`, each 2h from `t0`, uploads
 * them and updates the tenant's bucket index.
 */
export async function uploadTestBlocks(
  bucket: Bucket,
  tenant: string,
  count: number,
  series: number,
  t0 = 1_700_000_000_000,
): Promise<TestBlock[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sg-blocks-'));
  const out: TestBlock[] = [];
  try {
    for (let b = 0; b < count; b++) {
      const minTime = t0 + b * 7_200_000;
      const w = await writeBlock(dir, blockSeries(b, series, minTime), {
        minTime,
        maxTime: minTime + 7_200_000,
      });
      await uploadBlock(bucket, w.dir, `${tenant}/${w.meta.ulid}`);
      out.push({ ulid: w.meta.ulid, minTime, maxTime: minTime + 7_200_000 });
    }
    await updateBucketIndex(bucket, tenant);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A bucket that counts ranged reads and can hold those whose object name contains a string
 * until released, to keep a query in flight.
 */
export class GatedBucket implements Bucket {
  readonly name = 'gated';
  /** Ranged reads so far. */
  rangeReads = 0;
  /** Every ranged read, in order. */
  readonly log: { name: string; offset: number; length: number }[] = [];
  private gate: { match: string; open: Promise<void>; release: () => void } | undefined;

  constructor(private readonly inner: Bucket) {}

  /** Holds ranged reads of objects whose name contains `match` until the returned function is called. */
  hold(match: string): () => void {
    let release!: () => void;
    const open = new Promise<void>((r) => (release = r));
    this.gate = { match, open, release };
    return () => {
      this.gate = undefined;
      release();
    };
  }

  async getRange(name: string, offset: number, length: number): Promise<Uint8Array> {
    this.rangeReads++;
    this.log.push({ name, offset, length });
    if (this.gate && name.includes(this.gate.match)) await this.gate.open;
    return this.inner.getRange(name, offset, length);
  }

  get(name: string): Promise<Uint8Array> {
    return this.inner.get(name);
  }
  exists(name: string): Promise<boolean> {
    return this.inner.exists(name);
  }
  attributes(name: string): Promise<ObjectAttributes> {
    return this.inner.attributes(name);
  }
  iter(dir: string, opts?: Parameters<Bucket['iter']>[1]): AsyncIterable<string> {
    return this.inner.iter(dir, opts);
  }
  upload(name: string, body: Parameters<Bucket['upload']>[1]): Promise<void> {
    return this.inner.upload(name, body);
  }
  delete(name: string): Promise<void> {
    return this.inner.delete(name);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
  isObjNotFoundErr(err: unknown): boolean {
    return this.inner.isObjNotFoundErr(err);
  }
}
