import { pino } from 'pino';
import { Registry } from 'prom-client';
import { expect, it } from 'vitest';
import { MemoryKV } from '../kv/index.js';
import { Router } from '../server/index.js';
import { poll } from '../services/index.js';
import {
  Lifecycler,
  READ,
  Ring,
  registerRingRoutes,
  resolveRingConfig,
  ringFlags,
  ringStatus,
  shardHash,
} from './index.js';
import { labelsFrom } from '../model/index.js';

it('wires as the README shows: flags to config to lifecycler, ring and page', async () => {
  const values = new Map<string, unknown>(ringFlags('store-gateway').map((f) => [f.name, f.default]));
  values.set('store-gateway.ring.heartbeat-period', 50);
  values.set('store-gateway.ring.instance-id', 'store-gateway-0');
  const cfg = resolveRingConfig(values, 'store-gateway', { defaultInstanceAddr: '127.0.0.1:9095' });
  const deps = { kv: new MemoryKV() };
  const options = { logger: pino({ level: 'silent' }), registry: new Registry() };
  const key = 'ring/store-gateway';
  const lifecycler = new Lifecycler({ ...cfg, key }, deps, options);
  const ring = new Ring({ ...cfg, key, replicationStrategy: 'ignore-unhealthy' }, deps, options);
  registerRingRoutes(new Router(), '/store-gateway/ring', ring);
  await ring.startAsync();
  await lifecycler.startAsync();
  try {
    await poll(() => ring.healthy('store-gateway-0', READ), { what: 'the instance in the ring' });
    // RF 3 (the default) over one instance: ignore-unhealthy answers with what there is.
    const set = ring.get(shardHash('t', labelsFrom({ __name__: 'up' })), READ);
    expect(set.instances.map((i) => [i.id, i.addr, i.tokens.length])).toEqual([
      ['store-gateway-0', '127.0.0.1:9095', 128],
    ]);
    expect(ringStatus(ring).instances[0]!.ownership).toBeCloseTo(100, 9);
  } finally {
    await lifecycler.stopAsync();
    await ring.stopAsync();
  }
});
