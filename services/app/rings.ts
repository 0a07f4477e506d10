import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { FlagDef, FlagValues } from '../../libs/config/index.js';
import { kvConfigFromFlags, kvFlags, newKvClient, type KVClient } from '../../libs/kv/index.js';
import { Lifecycler, READ, registerRingRoutes, resolveRingConfig, Ring, ringFlags, type InstanceDesc } from '../../libs/ring/index.js';
import type { Router } from '../../libs/server/index.js';
import { BasicService, sleep, waitAborted, type Service } from '../../libs/services/index.js';

/** The rings of this binary: KV key and the page that shows each. */
export const RINGS = {
  ingester: { key: 'ring/ingester', page: '/ingester/ring', replicationFactorFlag: true },
  // Blocks are replicated by --store-gateway.sharding-ring.replication-factor (Mimir's flag).
  'store-gateway': { key: 'ring/store-gateway', page: '/store-gateway/ring', replicationFactorFlag: false },
} as const;
export type RingName = keyof typeof RINGS;

/** `--kv.*` plus each ring's `--<ring>.ring.*` flags. */
export const RING_FLAGS: readonly FlagDef[] = [
  ...kvFlags('kv').map(
    (f): FlagDef =>
      f.type === 'duration'
        ? { name: f.flag, type: 'duration', default: f.default as number, help: f.description }
        : { name: f.flag, type: 'string', default: f.default as string, help: f.description },
  ),
  ...(Object.keys(RINGS) as RingName[]).flatMap(
    (r) => ringFlags(r, { replicationFactor: RINGS[r].replicationFactorFlag }) as FlagDef[],
  ),
];

/** Opens the KV store of the rings (`--kv.store=memory|redis`). */
export function openKv(values: FlagValues, deps: { logger: Logger; registry: Registry }): KVClient {
  const v = new Map(values);
  if (v.get('kv.store') === 'memory') v.set('kv.store', 'inmemory');
  return newKvClient(kvConfigFromFlags('kv', v), 'kv', deps);
}

/** A ring client plus, when this process is a member, its lifecycler. */
export interface RingMembership {
  ring: Ring;
  lifecycler?: Lifecycler;
  services: Service[];
}

/**
 * Joins `name`'s ring as this instance (address `host:grpcPort` unless configured) and
 * serves its page. `--instance.id` names the instance when the ring's own id flag is unset.
 */
export function joinRing(
  name: RingName,
  values: FlagValues,
  kv: KVClient,
  grpcPort: number,
  router: Router,
  deps: { logger: Logger; registry: Registry },
  ready: () => boolean = () => true,
): RingMembership {
  const m = watchRing(name, values, kv, deps);
  const v = new Map(values);
  const instanceId = values.get('instance.id') as string;
  if (instanceId && v.get(`${name}.ring.instance-id`) === hostname()) v.set(`${name}.ring.instance-id`, instanceId);
  const rc = resolveRingConfig(v, name, { defaultInstanceAddr: `${hostname()}:${grpcPort}` });
  const addr = rc.instanceAddr || `127.0.0.1:${grpcPort}`;
  m.lifecycler = new Lifecycler(
    {
      key: RINGS[name].key,
      instanceId: rc.instanceId,
      instanceAddr: addr,
      instanceZone: rc.instanceZone,
      numTokens: rc.numTokens,
      heartbeatPeriodMs: rc.heartbeatPeriodMs,
      forgetPeriodMs: rc.forgetPeriodMs,
      autoJoin: false,
    },
    { kv },
    deps,
  );
  const lifecycler = m.lifecycler;
  // JOINING until the component is ready (an ingester has replayed), then ACTIVE, so queriers
  // never read a half-replayed head.
  const activate = new BasicService(`activate-${name}`, {
    running: async (signal) => {
      while (!signal.aborted && !ready()) await sleep(100, signal);
      if (!signal.aborted) await lifecycler.changeState('ACTIVE');
      await waitAborted(signal);
    },
  });
  m.services.unshift(lifecycler, activate);
  registerRingRoutes(router, RINGS[name].page, m.ring);
  return m;
}

/** A client of `name`'s ring, for a process that reads it without being a member. */
export function watchRing(name: RingName, values: FlagValues, kv: KVClient, deps: { logger: Logger; registry: Registry }): RingMembership {
  const rc = resolveRingConfig(values, name);
  const ring = new Ring(
    {
      key: RINGS[name].key,
      heartbeatTimeoutMs: rc.heartbeatTimeoutMs,
      replicationFactor: rc.replicationFactor,
      zoneAwarenessEnabled: rc.zoneAwarenessEnabled,
      forgetPeriodMs: rc.forgetPeriodMs,
    },
    { kv },
    deps,
  );
  return { ring, services: [ring] };
}

/** The members of a ring healthy for reads. */
export function healthyInstances(ring: Ring): InstanceDesc[] {
  return ring.instances().filter((i) => ring.healthy(i, READ));
}
