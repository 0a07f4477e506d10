import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { EmbeddedIngestLog } from '../../libs/ingestlog/index.js';
import { labelsFrom, Matcher, type Labels, type Queryable } from '../../libs/model/index.js';
import { MemoryBucket } from '../../libs/objstore/index.js';
import { poll } from '../../libs/services/index.js';
import { writeBlock } from '../../libs/tsdb/block/index.js';
import { Head } from '../../libs/tsdb/head/index.js';
import { Ingester, type DecodedRecord } from './index.js';
import { LocalBlocks } from './local-blocks.js';

const decode = (b: Uint8Array): DecodedRecord => {
  const r = JSON.parse(new TextDecoder().decode(b)) as { t: number[]; v: number[] };
  return {
    series: [{ labels: labelsFrom({ __name__: 'm' }) as Labels, timestamps: r.t, values: r.v }],
    metadata: [],
  };
};
const config = {
  partitionId: 0,
  outOfOrderWindowMs: 0,
  blockRangeMs: 7_200_000,
  maxReadyLag: 0,
  cutIntervalMs: 60_000,
  localBlockRetentionMs: 3_600_000,
  idleTimeoutMs: 3_600_000,
  consumerGroup: '',
  deleteLogBelowCommit: true,
};
const ALL = [new Matcher('=', '__name__', 'm')];

async function timestamps(q: Queryable, mint = 0, maxt = 1e13): Promise<number[]> {
  const s = await (await q.querier(mint, maxt)).select(ALL, { start: mint, end: maxt });
  return s.flatMap((x) => Array.from(x.timestamps));
}

/** A block of series `m` with one sample at each of `ts`, written under `dir`. */
async function blockWith(dir: string, ts: number[]): Promise<string> {
  const head = new Head({ outOfOrderWindowMs: 0, chunkRangeMs: 7_200_000 });
  const ref = head.getOrCreateSeries(labelsFrom({ __name__: 'm' }) as Labels).ref;
  for (const t of ts) head.append(ref, t, t);
  const w = await writeBlock(dir, head.seriesChunksInRange(ts[0]!, ts.at(-1)!), {
    minTime: ts[0]!,
    maxTime: ts.at(-1)! + 1,
    epimetheus: { tenant: 't', source: 'ingester', resolution: 0, externalLabels: {} },
  });
  return w.dir;
}

describe('Ingester local blocks', () => {
  it('answers every sample from its local blocks after a flush emptied the head, also after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ing-local-'));
    const blocksDir = join(dir, 'blocks');
    const bucket = new MemoryBucket();
    const log = await EmbeddedIngestLog.open({ dir: join(dir, 'log') });
    const ts = Array.from({ length: 300 }, (_, i) => 1_000_000 + i * 15_000);
    await log
      .producer()
      .produce(0, [{ key: 't', value: new TextEncoder().encode(JSON.stringify({ t: ts, v: ts })) }]);
    const deps = () => ({
      logger: pino({ level: 'silent' }),
      registry: new Registry(),
      decode,
      blocksDir,
      bucket: () => bucket,
    });
    let ing = new Ingester(config, () => log, deps());
    await ing.startAsync();
    await poll(async () => (await timestamps(ing.queryable('t'))).length === ts.length, { what: 'ingest' });
    await ing.flush();
    expect(readdirSync(join(blocksDir, 'tenants', 't'))).toHaveLength(1);
    expect(await timestamps(ing.queryable('t'))).toEqual(ts);
    expect(ing.storeBackend().timeRange()).toEqual({ minTime: ts[0], maxTime: ts.at(-1) });
    expect(await timestamps(ing.queryable('other'))).toEqual([]);
    await ing.stopAsync();

    ing = new Ingester(config, () => log, deps());
    await ing.startAsync();
    expect(await timestamps(ing.queryable('t'))).toEqual(ts);
    await ing.stopAsync();

    // An unreadable local copy is left out (its data is in the bucket); the ingester still starts.
    const ulid = readdirSync(join(blocksDir, 'tenants', 't'))[0]!;
    writeFileSync(join(blocksDir, 'tenants', 't', ulid, 'index'), 'not an index');
    ing = new Ingester(config, () => log, deps());
    await ing.startAsync();
    expect(await timestamps(ing.queryable('t'))).toEqual([]);
    await ing.stopAsync();
    await log.close();
  });
});

describe('LocalBlocks', () => {
  it('merges the head with the blocks overlapping the range, samples in both once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-blocks-'));
    const blocks = new LocalBlocks();
    await blocks.add('t', await blockWith(dir, [1000, 2000, 3000]));
    const head = new Head({ outOfOrderWindowMs: 0, chunkRangeMs: 7_200_000 });
    const ref = head.getOrCreateSeries(labelsFrom({ __name__: 'm' }) as Labels).ref;
    for (const t of [3000, 4000]) head.append(ref, t, t);
    expect(await timestamps(blocks.withHead('t', head))).toEqual([1000, 2000, 3000, 4000]);
    expect(await timestamps(blocks.withHead('t', head), 3500, 5000)).toEqual([4000]);
    expect(await timestamps(blocks.withHead('u', head))).toEqual([3000, 4000]);
    await blocks.close();
  });

  it('fails reads of a removed block instead of answering without it, and lets go of its files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-blocks-'));
    const blocks = new LocalBlocks();
    const blockDir = await blockWith(dir, [1000, 2000]);
    await blocks.add('t', blockDir);
    await blocks.add('t', blockDir);
    expect(blocks.count('t')).toBe(1);
    const empty: Queryable = {
      querier: () => new Head({ outOfOrderWindowMs: 0, chunkRangeMs: 1 }).querier(0, 1),
    };
    const q = await blocks.withHead('t', empty).querier(0, 1e13);
    const reading = q.select(ALL, { start: 0, end: 1e13 });
    const removed = blocks.remove('t', readdirSync(dir)[0]!);
    expect((await reading).flatMap((s) => Array.from(s.timestamps))).toEqual([1000, 2000]);
    await removed;
    expect(blocks.count('t')).toBe(0);
    await expect(q.select(ALL, { start: 0, end: 1e13 })).rejects.toMatchObject({ category: 'unavailable' });
    expect(await timestamps(blocks.withHead('t', empty))).toEqual([]);
    expect(existsSync(blockDir)).toBe(true);
  });
});
