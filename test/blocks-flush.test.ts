/**
 * Blocks: data written by remote write and flushed lands in the bucket as Prometheus TSDB
 * blocks that promtool reads back sample for sample, and queries answer the same before
 * the flush, after it, and after a restart that leaves only blocks.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll } from '../libs/services/index.js';
import { instantQuery, type MatrixSeries } from './lib/api.js';
import { startEpimetheus, type EpimetheusProcess } from './lib/epimetheus.js';
import { promBinary } from './lib/prometheus.js';
import { dataSet, pushSeries } from './lib/remote-write.js';

const dir = mkdtempSync(join(tmpdir(), 'epimetheus-blocks-'));
const dataDir = join(dir, 'data');
let epi: EpimetheusProcess;
const end = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
const series = dataSet(12, 240, 15_000, end); // 1h of 15s samples: two chunks per series

beforeAll(async () => {
  epi = await startEpimetheus({ dataDir, logFile: join(dir, 'epimetheus.log'), args: ['--distributor.ingestion-rate-limit=0'] });
});
afterAll(async () => {
  await epi?.kill('SIGTERM');
});

async function everything(): Promise<MatrixSeries[]> {
  const data = await instantQuery(epi.url, '{__name__=~"inference_requests_total|gpu_utilization"}[2h]', end / 1000);
  return (data.result as MatrixSeries[]).sort((a, b) => JSON.stringify(a.metric).localeCompare(JSON.stringify(b.metric)));
}

/** Dumps blocks with promtool, which wants a TSDB directory: the blocks and an empty WAL. */
function promtoolDump(tenantDir: string, blocks: string[]): Map<string, [number, number][]> {
  const db = mkdtempSync(join(tmpdir(), 'promtool-db-'));
  for (const b of blocks) cpSync(join(tenantDir, b), join(db, b), { recursive: true });
  mkdirSync(join(db, 'wal'));
  const out = execFileSync(promBinary('promtool'), ['tsdb', 'dump', '--min-time=0', `--max-time=${end + 1}`, db], {
    maxBuffer: 64 << 20,
  }).toString();
  const samples = new Map<string, [number, number][]>();
  for (const line of out.split('\n')) {
    const m = /^(\{.*\}) (\S+) (\d+)$/.exec(line);
    if (!m) continue;
    const list = samples.get(m[1]!) ?? [];
    list.push([Number(m[3]), Number(m[2])]);
    samples.set(m[1]!, list);
  }
  return samples;
}

describe('flushing the head into blocks', () => {
  let before: MatrixSeries[];

  it('accepts the data set', async () => {
    for (let i = 0; i < series.length; i += 4) {
      const r = await pushSeries(epi.url, series.slice(i, i + 4));
      expect(r.status, r.text).toBe(204);
    }
    await poll(async () => (await everything()).length === series.length, { what: 'all series queryable' });
    before = await everything();
    expect(before.reduce((n, s) => n + s.values.length, 0)).toBe(12 * 240);
  });

  it('writes blocks promtool analyzes and dumps with exactly the samples written', async () => {
    const res = await fetch(`${epi.url}/ingester/flush`, { method: 'POST' });
    expect(res.status).toBe(204);
    const tenantDir = join(dataDir, 'bucket', 'anonymous');
    const blocks = readdirSync(tenantDir).filter((f) => /^[0-9A-Z]{26}$/.test(f));
    expect(blocks.length).toBeGreaterThan(0);
    for (const b of blocks) {
      execFileSync(promBinary('promtool'), ['tsdb', 'analyze', tenantDir, b]);
    }
    const dumped = promtoolDump(tenantDir, blocks);
    const want = new Map<string, [number, number][]>();
    for (const s of series) {
      const key = `{${s.labels.map((l) => `${l.name}="${l.value}"`).join(', ')}}`;
      want.set(key, Array.from(s.samples!.timestamps, (t, i) => [t, s.samples!.values[i]!] as [number, number]));
    }
    expect(Object.fromEntries([...dumped].sort())).toEqual(Object.fromEntries([...want].sort()));
  });

  it('answers the same after the flush, from blocks', async () => {
    expect(await everything()).toEqual(before);
  });

  it('answers the same after a restart that leaves only blocks', async () => {
    await epi.kill('SIGKILL');
    epi = await startEpimetheus({ dataDir, logFile: join(dir, 'epimetheus-2.log'), args: ['--distributor.ingestion-rate-limit=0'] });
    expect(await everything()).toEqual(before);
    const series = await fetch(`${epi.url}/api/v1/series?match[]=gpu_utilization&start=0`).then((r) => r.json() as Promise<{ data: unknown[] }>);
    expect(series.data).toHaveLength(6);
  });
});
