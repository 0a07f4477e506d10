/**
 * The reverse direction: blocks written by Prometheus's own tooling (promtool's backfill,
 * the same writer Prometheus uses) are imported for a tenant and queried through Epimetheus.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { instantQuery, type MatrixSeries } from './lib/api.js';
import { startEpimetheus, type EpimetheusProcess } from './lib/epimetheus.js';
import { promBinary } from './lib/prometheus.js';

const dir = mkdtempSync(join(tmpdir(), 'epimetheus-import-'));
const promDir = join(dir, 'prometheus-data');
const dataDir = join(dir, 'epimetheus-data');
const main = join(import.meta.dirname, '../dist/services/app/main.js');
let epi: EpimetheusProcess | undefined;

// Five hours of 30s samples, two days ago: several 2h blocks.
const start = Math.floor(Date.now() / 1000 / 7200) * 7200 - 2 * 86_400;
const STEP = 30;
const N = (5 * 3600) / STEP;
const series = [
  { labels: 'job="trainer",gpu="0"', value: (i: number) => i * 2.5 },
  { labels: 'job="trainer",gpu="1"', value: (i: number) => Math.cos(i / 7) },
  { labels: 'job="inference",gpu="0"', value: (i: number) => (i % 11) - 5 },
];

afterAll(async () => {
  await epi?.kill('SIGTERM');
});

describe('importing Prometheus blocks', () => {
  it('creates real Prometheus blocks with promtool', () => {
    const lines = ['# HELP gpu_temperature_celsius GPU temperature.', '# TYPE gpu_temperature_celsius gauge'];
    for (const s of series) {
      for (let i = 0; i < N; i++) lines.push(`gpu_temperature_celsius{${s.labels}} ${s.value(i)} ${start + i * STEP}`);
    }
    lines.push('# EOF');
    writeFileSync(join(dir, 'data.om'), lines.join('\n') + '\n');
    execFileSync(promBinary('promtool'), ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'data.om'), promDir]);
    expect(readdirSync(promDir).filter((f) => /^[0-9A-Z]{26}$/.test(f)).length).toBeGreaterThan(1);
  });

  it('imports them for a tenant', () => {
    const out = execFileSync(process.execPath, [main, 'tool', 'import-blocks', `--from=${promDir}`, '--tenant=team-a', `--data.dir=${dataDir}`]).toString();
    expect(out).toMatch(/imported [2-9] blocks, skipped 0/);
    const again = execFileSync(process.execPath, [main, 'tool', 'import-blocks', `--from=${promDir}`, '--tenant=team-a', `--data.dir=${dataDir}`]).toString();
    expect(again).toMatch(/imported 0 blocks/);
  });

  it('answers queries over the imported history, for that tenant only', async () => {
    epi = await startEpimetheus({ dataDir, logFile: join(dir, 'epimetheus.log'), args: ['--auth.multitenancy-enabled=true'] });
    const end = start + (N - 1) * STEP; // the last sample; the window (end - range, end] holds all N
    const q = `gpu_temperature_celsius[${N * STEP}s]`;
    const data = await instantQuery(epi.url, q, end, { 'X-Scope-OrgID': 'team-a' });
    const got = new Map((data.result as MatrixSeries[]).map((s) => [`job="${s.metric.job}",gpu="${s.metric.gpu}"`, s.values]));
    expect(got.size).toBe(3);
    for (const s of series) {
      const values = got.get(s.labels)!;
      expect(values.length).toBe(N);
      values.forEach(([t, v], i) => {
        expect(t).toBe(start + i * STEP);
        expect(Number(v)).toBeCloseTo(s.value(i), 9);
      });
    }
    const other = await instantQuery(epi.url, q, end, { 'X-Scope-OrgID': 'team-b' });
    expect(other.result).toEqual([]);
  });
});
