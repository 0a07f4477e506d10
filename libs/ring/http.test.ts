import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryKV } from '../kv/index.js';
import { HttpServer, Router } from '../server/index.js';
import { type Service, poll } from '../services/index.js';
import { type RingStatus, registerPartitionRingRoutes, registerRingRoutes } from './http.js';
import { withOwner, withPartition } from './partition-model.js';
import { PartitionRing } from './partition-ring.js';
import { emptyPartitionRingDesc } from './partition-model.js';
import { plant, silent, stored, testRing } from './testing.js';

const running: Service[] = [];
afterEach(async () => {
  for (const s of running.splice(0).reverse()) await s.stopAsync();
});

async function setup() {
  const kv = new MemoryKV();
  const now = Date.now();
  await plant(kv, {
    id: 'ing-<1>',
    zone: 'z1',
    state: 'ACTIVE',
    tokens: [1, 2 ** 31],
    registeredTimestamp: 0,
    heartbeatTimestamp: now,
  });
  await plant(kv, {
    id: 'ing-2',
    zone: 'z2',
    state: 'LEAVING',
    tokens: [2 ** 30],
    registeredTimestamp: 0,
    heartbeatTimestamp: now - 120_000,
  });
  const ring = testRing(kv, { heartbeatTimeoutMs: 60_000 });
  await ring.startAsync();
  running.push(ring);
  const router = new Router();
  registerRingRoutes(router, '/ingester/ring', ring);
  let desc = withPartition(withPartition(emptyPartitionRingDesc(), 0, 'ACTIVE', now), 1, 'PENDING', now);
  desc = withOwner(withOwner(desc, 'ing-a-0', 0, now), 'ing-b-0', 0, now);
  const partitions = new PartitionRing(desc);
  registerPartitionRingRoutes(router, '/ingester/partition-ring', () => partitions);
  const server = new HttpServer({ port: 0, host: '127.0.0.1' }, router, {
    logger: silent,
    registry: new Registry(),
  });
  await server.startAsync();
  running.push(server);
  return { kv, ring, base: `http://127.0.0.1:${server.port()}` };
}

describe('ring page', () => {
  it('renders an HTML table of the instances with a Forget button each', async () => {
    const { base } = await setup();
    const res = await fetch(`${base}/ingester/ring`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('ing-&#60;1&#62;'); // Escaped.
    expect(html).not.toContain('ing-<1>');
    expect(html).toContain('ing-2');
    expect(html).toContain('LEAVING (unhealthy)');
    expect(html.match(/name="forget"/g)).toHaveLength(2);
    // ing-2's one token 2^30 owns (1, 2^30]: a quarter; ing-<1> the rest.
    expect(html).toMatch(/ing-2:9095<\/td><td>12\d\.\ds ago<\/td><td>1<\/td><td>25\.00%/);
    expect(html).toContain('<td>2</td><td>75.00%</td>');
  });

  it('answers JSON with ?format=json or Accept: application/json', async () => {
    const { base } = await setup();
    for (const init of [
      { url: '/ingester/ring?format=json' },
      { url: '/ingester/ring', accept: 'application/json' },
    ]) {
      const res = await fetch(`${base}${init.url}`, { headers: init.accept ? { accept: init.accept } : {} });
      expect(res.headers.get('content-type')).toBe('application/json');
      const body = (await res.json()) as RingStatus;
      expect(body.ring).toBe('ring/test');
      expect(body.instances.map((i) => [i.id, i.zone, i.state, i.address, i.healthy, i.tokens])).toEqual([
        ['ing-2', 'z2', 'LEAVING', 'ing-2:9095', false, 1],
        ['ing-<1>', 'z1', 'ACTIVE', 'ing-<1>:9095', true, 2],
      ]);
      expect(body.instances[0]!.heartbeat_age_seconds).toBeGreaterThanOrEqual(120);
      expect(body.instances.reduce((a, i) => a + i.ownership, 0)).toBeCloseTo(100, 9);
    }
  });

  it('forgets an instance on POST forget=<id> and redirects back', async () => {
    const { base, kv, ring } = await setup();
    const res = await fetch(`${base}/ingester/ring`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ forget: 'ing-2' }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/ingester/ring');
    expect(Object.keys(await stored(kv))).toEqual(['ing-<1>']);
    await poll(() => ring.instance('ing-2') === undefined, { what: 'the ring client to drop ing-2' });
    const page = await (await fetch(`${base}/ingester/ring`)).text();
    expect(page).not.toContain('ing-2');
  });

  it('rejects a POST without forget with 400', async () => {
    const { base } = await setup();
    const res = await fetch(`${base}/ingester/ring`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'other=1',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/forget=<instance id>/);
  });

  it('serves the partition ring page', async () => {
    const { base } = await setup();
    const json = (await (await fetch(`${base}/ingester/partition-ring?format=json`)).json()) as {
      partitions: { id: number; state: string; owners: string[] }[];
    };
    expect(json.partitions.map((p) => [p.id, p.state, p.owners])).toEqual([
      [0, 'ACTIVE', ['ing-a-0', 'ing-b-0']],
      [1, 'PENDING', []],
    ]);
    const html = await (await fetch(`${base}/ingester/partition-ring`)).text();
    expect(html).toContain('ing-a-0, ing-b-0');
  });
});
