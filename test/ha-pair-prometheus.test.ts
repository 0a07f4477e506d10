/**
 * A real Prometheus HA pair: two Prometheus servers scrape the same target with external labels
 * cluster="X" and __replica__="a" / "b" and remote-write into one Epimetheus whose HA tracker
 * keeps its elections in Redis. Only the elected replica's samples are stored, without the
 * replica label, one series per target series; when the elected Prometheus dies, the other one
 * takes over once the failover timeout has passed.
 *
 * The target tells the replicas apart: each Prometheus scrapes it with `?replica=<name>` and the
 * gauge `ha_test_replica` answers 1 to a and 2 to b, so the stored values say who was elected
 * while the stored label sets stay the same.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll } from '../libs/services/index.js';
import { instantQuery, type MatrixSeries } from './lib/api.js';
import { readDeps } from './lib/deps.js';
import { startEpimetheus, type EpimetheusProcess } from './lib/epimetheus.js';
import { freePort } from './lib/ports.js';
import { startPrometheus, type PrometheusProcess } from './lib/prometheus.js';

const deps = readDeps();
const run = randomBytes(4).toString('hex');
const dir = mkdtempSync(join(tmpdir(), 'epimetheus-ha-'));
const REPLICAS = ['a', 'b'] as const;
type Replica = (typeof REPLICAS)[number];
const MARKER: Record<Replica, string> = { a: '1', b: '2' };
const FAILOVER_MS = 8000;
const UPDATE_MS = 1000;

let target: Server;
let targetPort: number;
let epi: EpimetheusProcess;
const proms = new Map<Replica, PrometheusProcess>();

function startTarget(): Promise<void> {
  target = createServer((req, res) => {
    const replica = new URL(req.url ?? '/', 'http://x').searchParams.get('replica') as Replica | null;
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
    res.end(
      `# TYPE ha_test_replica gauge\nha_test_replica ${replica ? MARKER[replica] : 0}\n# TYPE ha_test_jobs gauge\nha_test_jobs{queue="q1"} 7\nha_test_jobs{queue="q2"} 9\n`,
    );
  });
  return new Promise((resolve) => target.listen(targetPort, '127.0.0.1', resolve));
}

function promConfig(replica: Replica): string {
  return `
global:
  scrape_interval: 1s
  external_labels:
    cluster: X
    __replica__: ${replica}
scrape_configs:
  - job_name: ha-target
    params:
      replica: [${replica}]
    static_configs:
      - targets: ['127.0.0.1:${targetPort}']
remote_write:
  - url: ${epi.url}/api/v1/push
    queue_config:
      batch_send_deadline: 1s
      max_samples_per_send: 500
`;
}

beforeAll(async () => {
  targetPort = await freePort();
  await startTarget();
  epi = await startEpimetheus({
    dataDir: join(dir, 'epimetheus'),
    logFile: join(dir, 'epimetheus.log'),
    args: [
      '--distributor.ha-tracker.enable=true',
      '--distributor.ha-tracker.enable-for-all-users=true',
      '--distributor.ha-tracker.store=redis',
      `--distributor.ha-tracker.redis.url=${deps.REDIS_URL}`,
      `--distributor.ha-tracker.redis.key-prefix=ha-${run}/`,
      '--distributor.ha-tracker.redis.poll-interval=200ms',
      `--distributor.ha-tracker.update-timeout=${UPDATE_MS / 1000}s`,
      `--distributor.ha-tracker.failover-timeout=${FAILOVER_MS / 1000}s`,
    ],
  });
  for (const r of REPLICAS) {
    mkdirSync(join(dir, `prometheus-${r}`));
    proms.set(r, await startPrometheus({ dir: join(dir, `prometheus-${r}`), configYaml: promConfig(r) }));
  }
}, 180_000);

afterAll(async () => {
  await Promise.all([...proms.values()].map((p) => p.kill('SIGTERM')));
  await epi?.kill('SIGTERM');
  await new Promise((resolve) => target?.close(resolve));
});

/** The stored `ha_test_replica` series of the last `rangeSec` seconds. */
async function replicaSeries(rangeSec: number): Promise<MatrixSeries[]> {
  return (await instantQuery(epi.url, `ha_test_replica[${rangeSec}s]`, Date.now() / 1000))
    .result as MatrixSeries[];
}

async function rejectedHaSamples(): Promise<number> {
  const text = await fetch(`${epi.url}/metrics`).then((r) => r.text());
  return Number(
    /^epimetheus_distributor_rejected_samples_total\{reason="ha_replica_not_elected"\} (\S+)/m.exec(
      text,
    )?.[1] ?? 0,
  );
}

let elected: Replica;

describe('a Prometheus HA pair writing into one Epimetheus', () => {
  it('stores only the elected replica, without the replica label, one series per target series', async () => {
    await poll(
      async () => ((await replicaSeries(60))[0]?.values.length ?? 0) >= 8 && (await rejectedHaSamples()) > 0,
      {
        timeoutMs: 60_000,
        intervalMs: 500,
        what: 'samples stored from one replica and dropped from the other',
      },
    );
    const [series, ...more] = await replicaSeries(60);
    expect(more).toEqual([]);
    expect(series!.metric).toEqual({
      __name__: 'ha_test_replica',
      cluster: 'X',
      instance: `127.0.0.1:${targetPort}`,
      job: 'ha-target',
    });
    const values = new Set(series!.values.map(([, v]) => v));
    expect(values.size, `values ${[...values].join(',')}: both replicas stored`).toBe(1);
    elected = REPLICAS.find((r) => MARKER[r] === [...values][0])!;
    expect(elected).toBeDefined();

    // Every stored series of the cluster: none keeps __replica__, none is stored twice.
    const res = await fetch(
      `${epi.url}/api/v1/series?${new URLSearchParams({ 'match[]': '{cluster="X"}' })}`,
    );
    const all = ((await res.json()) as { data: Record<string, string>[] }).data;
    for (const s of all) expect(s).not.toHaveProperty('__replica__');
    const names = all.map((s) => `${s.__name__}${s.queue ? `/${s.queue}` : ''}`);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining(['up', 'ha_test_replica', 'ha_test_jobs/q1', 'ha_test_jobs/q2']),
    );
  });

  it('elects the other replica once the elected one has been silent for the failover timeout', async () => {
    const other = REPLICAS.find((r) => r !== elected)!;
    await proms.get(elected)!.kill('SIGKILL');
    const killedAt = Date.now();
    let series: MatrixSeries | undefined;
    await poll(
      async () => {
        series = (await replicaSeries(120))[0];
        return series?.values.at(-1)?.[1] === MARKER[other];
      },
      { timeoutMs: 60_000, intervalMs: 500, what: `replica ${other} to take over` },
    );
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(FAILOVER_MS - UPDATE_MS);
    // One switch from the old replica's values to the new one's, after a gap of at least the
    // failover timeout less the KV's update interval and a scrape.
    const vals = series!.values;
    const firstNew = vals.findIndex(([, v]) => v === MARKER[other]);
    expect(firstNew).toBeGreaterThan(0);
    expect(vals.slice(0, firstNew).every(([, v]) => v === MARKER[elected])).toBe(true);
    expect(vals.slice(firstNew).every(([, v]) => v === MARKER[other])).toBe(true);
    const gapMs = (vals[firstNew]![0] - vals[firstNew - 1]![0]) * 1000;
    expect(gapMs).toBeGreaterThanOrEqual(FAILOVER_MS - UPDATE_MS - 1000);
    expect((await replicaSeries(120)).length).toBe(1);
  });
});
