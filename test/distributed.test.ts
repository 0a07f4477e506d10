/**
 * Distributed mode against the real engines: two distributors produce to a three-partition
 * Kafka topic, three ingesters (one per partition) ship blocks to MinIO, a store-gateway
 * serves them, and a querier fans out over gRPC. What was acknowledged is what is read,
 * also after an ingester is SIGKILLed under load and restarted, and after a flush to blocks.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EncodableSeries } from '../libs/remotewrite/index.js';
import { poll } from '../libs/services/index.js';
import { instantQuery, type MatrixSeries } from './lib/api.js';
import { clusterFlags, readDeps, s3Flags } from './lib/deps.js';
import { startEpimetheus, type EpimetheusProcess } from './lib/epimetheus.js';
import { freePort } from './lib/ports.js';
import { pushSeries } from './lib/remote-write.js';

const deps = readDeps();
const dir = mkdtempSync(join(tmpdir(), 'epimetheus-dist-'));
const run = randomBytes(4).toString('hex');
const tenant = `dist-${run}`;
const H = { 'X-Scope-OrgID': tenant };
const common = [
  ...clusterFlags(deps, run, { topic: 'test', partitions: 3 }),
  '--distributor.ingestion-rate-limit=0',
  ...s3Flags(deps),
];

interface Node {
  name: string;
  args: string[];
  grpcPort: number;
  proc?: EpimetheusProcess;
}
const ingesters: Node[] = [];
let replica: Node;
let storeGateway: Node;
const distributors: EpimetheusProcess[] = [];
let querier: EpimetheusProcess;

async function start(n: Node): Promise<EpimetheusProcess> {
  n.proc = await startEpimetheus({
    dataDir: join(dir, n.name),
    logFile: join(dir, `${n.name}.log`),
    args: [...common, ...n.args, `--server.grpc-listen-port=${n.grpcPort}`],
  });
  return n.proc;
}

beforeAll(async () => {
  for (let i = 0; i < 3; i++) {
    const grpcPort = await freePort();
    ingesters.push({
      name: `ingester-${i}`,
      args: ['--target=ingester', `--instance.id=ingester-${i}`, `--ingester.ring.instance-addr=127.0.0.1:${grpcPort}`],
      grpcPort,
    });
  }
  // A second zone's replica of partition 0: the same data, its own consumer group.
  const replicaPort = await freePort();
  replica = {
    name: 'ingester-zone-b-0',
    args: ['--target=ingester', '--instance.id=ingester-zone-b-0', `--ingester.ring.instance-addr=127.0.0.1:${replicaPort}`],
    grpcPort: replicaPort,
  };
  const sgPort = await freePort();
  storeGateway = {
    name: 'store-gateway',
    args: ['--target=store-gateway', '--store-gateway.sync-interval=1s', `--store-gateway.ring.instance-addr=127.0.0.1:${sgPort}`],
    grpcPort: sgPort,
  };
  await Promise.all([...ingesters, replica, storeGateway].map(start));
  for (let i = 0; i < 2; i++) {
    distributors.push(await start({ name: `distributor-${i}`, args: ['--target=distributor'], grpcPort: await freePort() }));
  }
  // The querier finds the ingesters and the store-gateway through their rings in Redis.
  querier = await start({ name: 'querier', args: ['--target=querier'], grpcPort: await freePort() });
}, 240_000);

afterAll(async () => {
  const all = [...ingesters.map((n) => n.proc), replica?.proc, storeGateway?.proc, ...distributors, querier];
  await Promise.all(all.map((p) => p?.kill('SIGTERM')));
});

const t0 = Math.floor(Date.now() / 1000) * 1000 - 30 * 60_000;

/** Round `r` of a 60-series fleet: one sample per series at t0 + r * 15s. */
function round(r: number): EncodableSeries[] {
  return Array.from({ length: 60 }, (_, i) => ({
    labels: [
      { name: '__name__', value: 'tokens_generated_total' },
      { name: 'model', value: `m${i % 5}` },
      { name: 'replica', value: String(i) },
    ],
    samples: { timestamps: [t0 + r * 15_000], values: [r * 100 + i] },
  }));
}

/** Every sample the querier returns, as `replica@t=value`. */
async function readAll(): Promise<Set<string>> {
  const end = (t0 + 200 * 15_000) / 1000;
  const data = await instantQuery(querier.url, 'tokens_generated_total[1h]', end, H);
  const out = new Set<string>();
  for (const s of data.result as MatrixSeries[]) for (const [t, v] of s.values) out.add(`${s.metric.replica}@${t * 1000}=${v}`);
  return out;
}

function expected(rounds: Iterable<number>): Set<string> {
  const out = new Set<string>();
  for (const r of rounds) for (const s of round(r)) out.add(`${s.labels[2]!.value}@${s.samples!.timestamps[0]}=${s.samples!.values[0]}`);
  return out;
}

const acked = new Set<number>();

describe('distributed mode on Kafka, MinIO and gRPC', () => {
  it('shows every ingester ACTIVE on the ring page', async () => {
    await poll(
      async () => {
        const page = (await fetch(`${ingesters[0]!.proc!.url}/ingester/ring?format=json`).then((r) => r.json())) as {
          instances: { id: string; state: string }[];
        };
        return page.instances.filter((i) => i.state === 'ACTIVE').length === 4;
      },
      { timeoutMs: 30_000, what: 'four ACTIVE ingesters' },
    );
    const html = await fetch(`${ingesters[0]!.proc!.url}/ingester/ring`).then((r) => r.text());
    for (const n of ingesters) expect(html).toContain(n.name);
  });

  it('reads back exactly what was written through two distributors', async () => {
    for (let r = 0; r < 20; r++) {
      const res = await pushSeries(distributors[r % 2]!.url, round(r), H);
      expect(res.status, res.text).toBe(204);
      acked.add(r);
    }
    await poll(async () => (await readAll()).size === expected(acked).size, { timeoutMs: 30_000, what: 'all rounds readable' });
    expect(await readAll()).toEqual(expected(acked));
  });

  it('loses nothing acknowledged when an ingester is SIGKILLed under load', async () => {
    let r = 20;
    const load = (async () => {
      for (; r < 80; r++) {
        const res = await pushSeries(distributors[r % 2]!.url, round(r), H).catch(() => undefined);
        if (res?.status === 204) acked.add(r);
      }
    })();
    await poll(() => r > 35, { what: 'load under way' });
    await ingesters[1]!.proc!.kill('SIGKILL');
    await start(ingesters[1]!);
    await load;
    await poll(async () => (await readAll()).size >= expected(acked).size, { timeoutMs: 60_000, what: 'every acknowledged round readable' });
    const got = await readAll();
    for (const s of expected(acked)) expect(got.has(s), s).toBe(true);
  });

  it('answers from the other zone when a replica of a partition is down', async () => {
    const before = await readAll();
    await ingesters[0]!.proc!.kill('SIGKILL'); // still in the ring until its heartbeat times out
    expect(await readAll()).toEqual(before);
    await start(ingesters[0]!);
  });

  it('answers the same after every ingester flushed to the bucket', async () => {
    const before = await readAll();
    for (const n of [...ingesters, replica]) {
      const res = await fetch(`${n.proc!.url}/ingester/flush`, { method: 'POST' });
      expect(res.status).toBe(204);
    }
    for (const n of [...ingesters, replica]) {
      const metrics = await fetch(`${n.proc!.url}/metrics`).then((r) => r.text());
      expect(metrics).toMatch(/^epimetheus_ingester_memory_series 0$/m);
    }
    // The heads are empty now: the store-gateway (syncing every second) must serve it all.
    await poll(async () => (await readAll()).size === before.size, { timeoutMs: 30_000, what: 'blocks served' });
    expect(await readAll()).toEqual(before);
  });
});
