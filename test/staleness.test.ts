/**
 * Stale markers survive the whole path bit for bit: remote write, ingest log, head, blocks.
 * A plain NaN would be returned by an instant query within the lookback window; a stale
 * marker ends the series, so the query returns nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STALE_NAN } from '../libs/model/index.js';
import { poll } from '../libs/services/index.js';
import { instantQuery } from './lib/api.js';
import { startEpimetheus, type EpimetheusProcess } from './lib/epimetheus.js';
import { pushSeries } from './lib/remote-write.js';

const dir = mkdtempSync(join(tmpdir(), 'epimetheus-stale-'));
let epi: EpimetheusProcess;
const t = Math.floor(Date.now() / 1000) * 1000 - 120_000;

beforeAll(async () => {
  epi = await startEpimetheus({ dataDir: join(dir, 'data'), logFile: join(dir, 'epimetheus.log') });
  const series = (name: string, last: number) => ({
    labels: [{ name: '__name__', value: name }],
    samples: { timestamps: Float64Array.of(t, t + 15_000, t + 30_000), values: Float64Array.of(1, 2, last) },
  });
  const r = await pushSeries(epi.url, [series('ended_series', STALE_NAN), series('nan_series', NaN)]);
  expect(r.status, r.text).toBe(204);
});
afterAll(() => epi?.kill('SIGTERM'));

async function resultAt(name: string, sec: number): Promise<unknown[]> {
  return (await instantQuery(epi.url, name, sec)).result as unknown[];
}

describe('stale markers', () => {
  const check = async () => {
    const at = (t + 45_000) / 1000;
    expect(await resultAt('ended_series', at)).toEqual([]);
    expect(await resultAt('nan_series', at)).toEqual([{ metric: { __name__: 'nan_series' }, value: [at, 'NaN'] }]);
    expect(await resultAt('ended_series', (t + 20_000) / 1000)).toEqual([
      { metric: { __name__: 'ended_series' }, value: [(t + 20_000) / 1000, '2'] },
    ]);
  };

  it('end a series in the head, unlike a plain NaN', async () => {
    await poll(async () => (await resultAt('nan_series', (t + 45_000) / 1000)).length === 1, { what: 'data ingested' });
    await check();
  });

  it('still end it once the head is flushed into blocks', async () => {
    expect((await fetch(`${epi.url}/ingester/flush`, { method: 'POST' })).status).toBe(204);
    await check();
  });

  it('survive a clean shutdown on SIGTERM and a restart', async () => {
    await epi.kill('SIGTERM');
    expect(epi.child.exitCode).toBe(0);
    epi = await startEpimetheus({ dataDir: join(dir, 'data'), logFile: join(dir, 'epimetheus-2.log') });
    await check();
  });
});
