import { join } from 'node:path';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import { FlagSet, type FlagValues } from '../../libs/config/index.js';
import type { IngestLog } from '../../libs/ingestlog/index.js';
import { HttpServer, Router } from '../../libs/server/index.js';
import { BasicService, ServiceManager, type Service } from '../../libs/services/index.js';
import { Distributor, DISTRIBUTOR_FLAGS, distributorConfig, ringPartitioner } from '../distributor/index.js';
import { Ingester, INGESTER_FLAGS, ingesterConfig } from '../ingester/index.js';
import { QueryApi } from '../querier/index.js';
import { BucketStores, STORE_GATEWAY_FLAGS, storeGatewayConfig } from '../store-gateway/index.js';
import {
  addStoreService,
  BlocksQueryable,
  localStore,
  mergeMetadata,
  MergeQueryable,
  SelectingQueryable,
  STORE_SELECTION_FLAGS,
  storeSelectionConfig,
  type BlockRouter,
  type MetadataByMetric,
  type SelectableStore,
  type StoreBackend,
} from '../../libs/storeapi/index.js';
import { GrpcServer } from '../../libs/grpcserver/index.js';
import { addPusherService } from '../../libs/pushapi/index.js';
import type { Bucket } from '../../libs/objstore/index.js';
import { BUCKET_FLAG_DEFS, openBucket } from './bucket.js';
import { DISTRIBUTED_FLAGS, openIngestLog, partitionOf, storeClients } from './distributed.js';
import { healthyInstances, joinRing, openKv, RING_FLAGS, watchRing } from './rings.js';
import { BlockSharding, BucketIndexCache } from '../../libs/bucketindex/index.js';
import type { Ring } from '../../libs/ring/index.js';
import { newKvClient, type KVClient } from '../../libs/kv/index.js';
import { LIMITS_FLAGS, limitsFromFlags, Overrides, overridesConfigFromFlags, RUNTIME_CONFIG_FLAGS } from '../../libs/limits/index.js';
import { HA_TRACKER_FLAG_PREFIX, HA_TRACKER_FLAGS, HaTracker, haTrackerConfigFromFlags } from '../../libs/hatracker/index.js';
import { StoreClient } from '../../libs/storeapi/index.js';
import { APP_FLAGS, appConfig, renderConfig, type AppConfig, type Target } from './config.js';
import { newQueryEngine, QUERIER_FLAGS, querierConfig } from './engine-adapter.js';
import { registerOpsRoutes, type ReadinessCheck } from './ops.js';
import { VERSION } from './version.js';
import { ingesterAddressSets, ingesterReplicaSets } from './ingester-stores.js';
import { querierMetadata, replicaSetsMetadata } from './metadata.js';
import {
  decodeRecord,
  PARTITION_RING_FLAGS,
  partitionOwnership,
  partitionRingWatcher,
  VALIDATION_FLAG_DEFS,
} from './write-path.js';
import { EpimetheusError } from '../../libs/errors/index.js';

/** Registers every component's flags in one set. */
export function newFlagSet(): FlagSet {
  return new FlagSet().register(APP_FLAGS).register(DISTRIBUTOR_FLAGS).register(INGESTER_FLAGS).register(QUERIER_FLAGS)
    .register(VALIDATION_FLAG_DEFS)
    .register(BUCKET_FLAG_DEFS)
    .register(STORE_GATEWAY_FLAGS)
    .register(STORE_SELECTION_FLAGS)
    .register(DISTRIBUTED_FLAGS)
    .register(RING_FLAGS)
    .register(LIMITS_FLAGS)
    .register(RUNTIME_CONFIG_FLAGS)
    .register(HA_TRACKER_FLAGS)
    .register(PARTITION_RING_FLAGS);
}

/** Module names; a target is a set of modules, each started after its dependencies. */
type ModuleName = 'server' | 'grpc' | 'kv' | 'overrides' | 'ha-tracker' | 'ingest-log' | 'bucket' | 'ingester' | 'distributor' | 'store-gateway' | 'querier';

const MODULE_DEPS: Record<ModuleName, readonly ModuleName[]> = {
  server: [],
  grpc: [],
  kv: [],
  overrides: [],
  'ha-tracker': [],
  'ingest-log': [],
  bucket: [],
  ingester: ['server', 'grpc', 'kv', 'overrides', 'ingest-log', 'bucket'],
  distributor: ['server', 'grpc', 'kv', 'overrides', 'ha-tracker', 'ingest-log'],
  'store-gateway': ['server', 'grpc', 'kv', 'bucket'],
  querier: ['server', 'kv', 'overrides', 'bucket'],
};

const TARGET_MODULES: Record<Target, readonly ModuleName[]> = {
  all: ['distributor', 'ingester', 'store-gateway', 'querier'],
  distributor: ['distributor'],
  ingester: ['ingester'],
  querier: ['querier'],
  'store-gateway': ['store-gateway'],
};

/** The running process: its modules, services and HTTP server. */
export interface App {
  start(): Promise<void>;
  stop(): Promise<void>;
  awaitFailure(): Promise<{ service: string; err: unknown }>;
  httpPort(): number;
}

interface Ctx {
  cfg: AppConfig;
  values: FlagValues;
  logger: Logger;
  registry: Registry;
  router: Router;
  services: Service[];
  checks: ReadinessCheck[];
  server?: HttpServer;
  grpc?: GrpcServer;
  kv?: KVClient;
  overrides?: Overrides;
  haTracker?: HaTracker;
  log?: IngestLog;
  ingester?: Ingester;
  bucket?: Bucket;
  storeGateway?: BucketStores;
  /** What this process serves over the StoreAPI (one gRPC service for all of them). */
  stores: StoreBackend[];
}

/** Builds the modules of the configured target. @throws Error naming a flag when invalid. */
export async function buildApp(flags: FlagSet, values: FlagValues, logger: Logger): Promise<App> {
  const cfg = appConfig(values);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const ctx: Ctx = { cfg, values, logger, registry, router: new Router(), services: [], checks: [], stores: [] };
  for (const m of resolveModules(TARGET_MODULES[cfg.target])) await INIT[m](ctx);
  if (ctx.grpc && ctx.stores.length > 0) {
    addStoreService(ctx.grpc.server, combinedStore(ctx.stores), logger.child({ component: 'store-api' }));
  }
  let manager: ServiceManager | undefined;
  registerOpsRoutes(ctx.router, {
    registry,
    manager: () => manager,
    checks: ctx.checks,
    config: () => renderConfig(flags, values),
  });
  return {
    start: async () => {
      manager = new ServiceManager(ctx.services);
      await manager.start();
    },
    stop: async () => {
      await manager?.stop();
    },
    awaitFailure: () => manager!.awaitFailure(),
    httpPort: () => ctx.server?.port() ?? cfg.httpPort,
  };
}

/** Expands modules with their dependencies, in start order. */
function resolveModules(wanted: readonly ModuleName[]): ModuleName[] {
  const out: ModuleName[] = [];
  const visit = (m: ModuleName): void => {
    if (out.includes(m)) return;
    for (const d of MODULE_DEPS[m]) visit(d);
    out.push(m);
  };
  wanted.forEach(visit);
  return out;
}

const INIT: Record<ModuleName, (ctx: Ctx) => Promise<void>> = {
  server: (ctx) => {
    ctx.server = new HttpServer({ port: ctx.cfg.httpPort, host: ctx.cfg.httpAddress }, ctx.router, {
      logger: ctx.logger.child({ component: 'http' }),
      registry: ctx.registry,
    });
    ctx.services.push(ctx.server);
    return Promise.resolve();
  },
  grpc: (ctx) => {
    ctx.grpc = new GrpcServer(
      { port: ctx.cfg.grpcPort, host: ctx.cfg.httpAddress, maxRecvMessageBytes: ctx.cfg.grpcMaxRecvBytes },
      ctx.logger.child({ component: 'grpc' }),
    );
    ctx.services.push(ctx.grpc);
    return Promise.resolve();
  },
  kv: (ctx) => {
    ctx.kv = openKv(ctx.values, { logger: ctx.logger, registry: ctx.registry });
    const kv = ctx.kv;
    ctx.services.push(new BasicService('kv', { stopping: () => kv.close() }));
    return Promise.resolve();
  },
  overrides: (ctx) => {
    ctx.overrides = new Overrides(
      { ...overridesConfigFromFlags(ctx.values), defaults: limitsFromFlags(ctx.values) },
      { logger: ctx.logger.child({ component: 'overrides' }), registry: ctx.registry },
    );
    ctx.services.push(ctx.overrides);
    return Promise.resolve();
  },
  'ha-tracker': (ctx) => {
    const cfg = haTrackerConfigFromFlags(ctx.values);
    if (!cfg.enabled) return Promise.resolve();
    const logger = ctx.logger.child({ component: 'ha-tracker' });
    const kv = newKvClient(cfg.kv, HA_TRACKER_FLAG_PREFIX, { logger, registry: ctx.registry });
    ctx.haTracker = new HaTracker(cfg, { kv }, { logger, registry: ctx.registry });
    ctx.services.push(new BasicService('ha-tracker-kv', { stopping: () => kv.close() }), ctx.haTracker);
    return Promise.resolve();
  },
  'ingest-log': (ctx) => {
    const dir = join(ctx.cfg.dataDir, 'ingest-log');
    const logger = ctx.logger.child({ component: 'ingest-log' });
    const svc = new BasicService('ingest-log', {
      starting: async () => {
        ctx.log = await openIngestLog(ctx.values, dir, { logger, registry: ctx.registry });
      },
      stopping: async () => {
        await ctx.log?.close();
      },
    });
    ctx.services.push(svc);
    return Promise.resolve();
  },
  ingester: (ctx) => {
    const kafka = (ctx.values.get('kafka.brokers') as string[]).length > 0;
    const instance = ctx.values.get('instance.id') as string;
    const config = {
      ...ingesterConfig(ctx.values),
      partitionId: partitionOf(ctx.values),
      // Two zones' ingesters on one partition each keep their own Kafka offsets.
      consumerGroup: kafka && instance ? `epimetheus-ingester-${instance}` : '',
      deleteLogBelowCommit: !kafka,
    };
    const ingester = new Ingester(config, () => ctx.log!, {
      logger: ctx.logger.child({ component: 'ingester' }),
      registry: ctx.registry,
      decode: decodeRecord,
      limits: ctx.overrides!,
      bucket: () => ctx.bucket!,
      blocksDir: join(ctx.cfg.dataDir, 'tsdb'),
      onBlockShipped: (tenant) => ctx.storeGateway?.syncTenant(tenant) ?? Promise.resolve(),
    });
    ctx.ingester = ingester;
    ctx.services.push(ingester);
    ctx.stores.push(ingester.storeBackend());
    const ring = joinRing('ingester', ctx.values, ctx.kv!, ctx.cfg.grpcPort, ctx.router, ringDeps(ctx), () => ingester.notReadyReason() === undefined);
    ctx.services.push(...ring.services);
    const owner = { instanceId: ring.lifecycler!.instanceId, partitionId: config.partitionId, reconcileIntervalMs: ctx.values.get('ingester.ring.heartbeat-period') as number };
    ctx.services.push(...partitionOwnership(ctx.values, ctx.kv!, owner, ctx.router, ringDeps(ctx)));
    ctx.checks.push(ingester);
    ingester.registerRoutes(ctx.router);
    return Promise.resolve();
  },
  distributor: (ctx) => {
    const partitions = partitionRingWatcher(ctx.values, ctx.kv!, ringDeps(ctx));
    if (partitions) ctx.services.push(partitions);
    const distributor = new Distributor(distributorConfig(ctx.values), () => ctx.log ?? notOpen(), {
      logger: ctx.logger.child({ component: 'distributor' }),
      registry: ctx.registry,
      multitenancy: ctx.cfg.multitenancy,
      limits: ctx.overrides!,
      ...(ctx.haTracker ? { haTracker: ctx.haTracker } : {}),
      ...(partitions ? { partitioner: ringPartitioner(partitions) } : {}),
      minValidTime: (tenant) => ctx.ingester?.minValidTime(tenant) ?? -Infinity,
    });
    distributor.registerRoutes(ctx.router);
    addPusherService(ctx.grpc!.server, distributor, {
      multitenancy: ctx.cfg.multitenancy,
      logger: ctx.logger.child({ component: 'pusher' }),
      registry: ctx.registry,
      maxRequestBytes: distributorConfig(ctx.values).maxRecvMsgSize,
      maxRequestBytesFlag: 'distributor.max-recv-msg-size',
    });
    return Promise.resolve();
  },
  bucket: (ctx) => {
    const svc = new BasicService('bucket', {
      starting: () => {
        ctx.bucket = openBucket(ctx.values, ctx.cfg.dataDir, ctx.logger);
        return Promise.resolve();
      },
      stopping: () => ctx.bucket?.close() ?? Promise.resolve(),
    });
    ctx.services.push(svc);
    return Promise.resolve();
  },
  'store-gateway': (ctx) => {
    const config = storeGatewayConfig(ctx.values);
    // Created before the store-gateway so it can consult the ring; joins as ACTIVE only once synced.
    const ring = joinRing('store-gateway', ctx.values, ctx.kv!, ctx.cfg.grpcPort, ctx.router, ringDeps(ctx), () => sg.synced);
    const sharding = blockSharding(ctx, ring.ring);
    const self = ring.lifecycler!.instanceId;
    const sg = new BucketStores(config, () => ctx.bucket!, {
      logger: ctx.logger.child({ component: 'store-gateway' }),
      registry: ctx.registry,
      owns: (tenant, ulid) => sharding.owns(self, tenant, ulid),
    });
    ctx.storeGateway = sg;
    ctx.services.push(sg, ...ring.services);
    ctx.stores.push({ component: 'store-gateway', queryable: (t, ids) => sg.queryable(t, ids), timeRange: () => sg.timeRange() });
    return Promise.resolve();
  },
  querier: (ctx) => {
    const ingester = ctx.ingester;
    const overrides = ctx.overrides!;
    const local: StoreBackend[] = [...ctx.stores];
    const remote = storeClients(ctx.values);
    if (local.length === 0 && remote.length === 0 && ctx.values.get('kv.store') !== 'redis') {
      throw new Error(
        '--target=querier needs stores: set --querier.store-addresses, or --kv.store=redis to find ingesters and store-gateways through their rings',
      );
    }
    const selection = storeSelectionConfig(ctx.values);
    if (local.length === 0 && ctx.values.get('kv.store') === 'redis' && ctx.values.get('blocks-storage.backend') === 'filesystem') {
      // The querier lists blocks from the bucket index: on a private directory it would find none.
      ctx.logger.warn('querier reads blocks through the store-gateway ring but its bucket is a local directory; give it the store-gateways\' --blocks-storage.* flags');
    }
    // Rings are only shared through Redis: an in-memory KV would show a standalone querier none.
    const discover = local.length === 0 && ctx.values.get('kv.store') === 'redis';
    const discovered = discover ? discoverStores(ctx, selection.storeInfoRefreshMs) : undefined;
    ctx.services.push(new BasicService('store-clients', { stopping: () => Promise.resolve(remote.forEach((c) => c.close())) }));
    const fixed: SelectableStore[] = [...local.map(localStore), ...remote.map((c) => c.selectable(selection.storeInfoRefreshMs))];
    const qc = querierConfig(ctx.values);
    const api = new QueryApi(
      { multitenancy: ctx.cfg.multitenancy, maxPointsPerSeries: qc.maxPointsPerSeries, version: VERSION },
      newQueryEngine(qc),
      {
        queryable: (t) => new SelectingQueryable(() => [...fixed, ...(discovered?.stores() ?? [])], t, selection),
        metadata: querierMetadata({
          ...(ingester ? { local: (t: string) => ingester.metadata(t) } : {}),
          clients: remote,
          ...(discovered ? { discovered: discovered.metadata } : {}),
        }),
        limits: (t) => overrides.limitsFor(t),
      },
    );
    api.register(ctx.router);
    return Promise.resolve();
  },
};

/** One StoreAPI backend over everything this process serves (head and blocks in `all`). */
function combinedStore(stores: readonly StoreBackend[]): StoreBackend {
  if (stores.length === 1) return stores[0]!;
  return {
    component: stores.map((s) => s.component).join('+'),
    // A block-ID hint is for the blocks alone: the heads would only add what the querier reads elsewhere.
    queryable: (t, ids) =>
      new MergeQueryable(() => stores.filter((s) => !ids || s.component === 'store-gateway').map((s) => s.queryable(t, ids))),
    metadata: (t) => mergeMetadata(stores.map((s) => s.metadata?.(t) ?? new Map())),
    timeRange: () => ({
      minTime: Math.min(...stores.map((s) => s.timeRange().minTime)),
      maxTime: Math.max(...stores.map((s) => s.timeRange().maxTime)),
    }),
  };
}

/** Block sharding over the store-gateway ring, as the store-gateways and queriers both compute it. */
function blockSharding(ctx: Ctx, ring: Ring): BlockSharding {
  return new BlockSharding(ring, {
    replicationFactor: storeGatewayConfig(ctx.values).replicationFactor,
    // Read directly: resolving the whole ring config would demand an instance zone of a querier.
    zoneAwarenessEnabled: ctx.values.get('store-gateway.ring.zone-awareness-enabled') === true,
  });
}

function ringDeps(ctx: Ctx): { logger: Logger; registry: Registry } {
  return { logger: ctx.logger, registry: ctx.registry };
}

/**
 * Finds ingesters and store-gateways through their rings (a querier in its own process).
 * Ingesters owning the same partition hold the same data: one of them is asked and, when it is
 * unavailable, the next. The partition ring says who owns what when it is in use (a Redis KV);
 * otherwise ids ending in the partition number do (`ingesterReplicaSets`). Blocks are read
 * from the store-gateways that own them (`shardedBlocks`). No store is silently left out: when
 * every replica of a partition, or every owner of a block, fails, so does the query.
 */
function discoverStores(ctx: Ctx, infoRefreshMs: number): DiscoveredStores {
  const [ingesters, gateways] = (['ingester', 'store-gateway'] as const).map((r) => watchRing(r, ctx.values, ctx.kv!, ringDeps(ctx)));
  for (const r of [ingesters!, gateways!]) ctx.services.push(...r.services);
  const clients = new Map<string, { client: StoreClient; store: SelectableStore }>();
  const timeoutMs = ctx.values.get('querier.store-timeout') as number;
  ctx.services.push(new BasicService('ring-store-clients', { stopping: () => Promise.resolve(clients.forEach((c) => c.client.close())) }));
  const remote = (addr: string): { client: StoreClient; store: SelectableStore } => {
    let c = clients.get(addr);
    if (!c) {
      const client = new StoreClient(addr, { timeoutMs });
      clients.set(addr, (c = { client, store: client.selectable(infoRefreshMs) }));
    }
    return c;
  };
  const blocks = shardedBlocks(ctx, gateways!.ring, infoRefreshMs, (addr) => remote(addr).client);
  const partitions = partitionRingWatcher(ctx.values, ctx.kv!, ringDeps(ctx));
  if (partitions) ctx.services.push(partitions);
  const stores = (): SelectableStore[] => {
    // An empty ring (a KV restarted empty, before members re-register) must not read as "no data".
    const gatewayAddrs = healthyInstances(gateways!.ring).map((i) => i.addr);
    const healthyIngesters = healthyInstances(ingesters!.ring);
    if (healthyIngesters.length === 0 || gatewayAddrs.length === 0) return [UNAVAILABLE_STORES];
    const sets = ingesterReplicaSets(ingesters!.ring, healthyIngesters, partitions?.ring(), (addr) => remote(addr).store);
    return [...sets, blocks];
  };
  const metadata = async (tenant: string): Promise<MetadataByMetric[]> => {
    const healthy = healthyInstances(ingesters!.ring);
    if (healthy.length === 0) throw new EpimetheusError('unavailable', 'no healthy ingester in the ring: refusing to answer metadata from part of the data');
    const sets = ingesterAddressSets(ingesters!.ring, healthy, partitions?.ring());
    return replicaSetsMetadata(sets, tenant, (addr) => remote(addr).client);
  };
  return { stores, metadata };
}

/** The stores a querier found through the rings, and their ingesters' metadata. */
interface DiscoveredStores {
  stores: () => SelectableStore[];
  /** One metadata answer per ingester replica set. @throws when a set has no answering ingester. */
  metadata: (tenant: string) => Promise<MetadataByMetric[]>;
}

/**
 * The store-gateways as one store: a tenant's blocks come from its bucket index (read again once
 * older than `maxAgeMs`), and only the blocks overlapping a query are asked, each of its owners
 * in the store-gateway ring with the block IDs as a hint, failing over to the next owner
 * (`BlocksQueryable`).
 */
function shardedBlocks(ctx: Ctx, ring: Ring, maxAgeMs: number, client: (addr: string) => StoreClient): SelectableStore {
  const sharding = blockSharding(ctx, ring);
  const indexes = new BucketIndexCache(() => ctx.bucket!, maxAgeMs);
  const logger = ctx.logger.child({ component: 'querier' });
  const failovers = new Counter({
    name: 'epimetheus_querier_block_failovers_total',
    help: 'Blocks asked of their next owner because the store-gateway asked first failed.',
    registers: [ctx.registry],
  });
  const router: BlockRouter = {
    route: async (tenant, mint, maxt) =>
      (await indexes.blocks(tenant))
        .filter((b) => b.minTime <= maxt && b.maxTime > mint)
        .map((b) => ({ id: b.ulid, replicas: sharding.owners(tenant, b.ulid).map((i) => i.addr) })),
    queryable: (addr, tenant, ids) => client(addr).queryable(tenant, ids),
    onFailover: (addr, ids, err) => {
      failovers.inc(ids.length);
      logger.warn({ store: addr, blocks: ids.length, err }, 'store-gateway failed; asking the next owners of its blocks');
    },
  };
  return {
    kind: 'store-gateway',
    queryable: (t) => new BlocksQueryable(router, t),
    // The blocks' own ranges pick the store-gateways to ask, per query, from the bucket index.
    timeRange: () => undefined,
  };
}

/** Stands in for the stores when a ring has no healthy member: every read fails, retriably. */
const UNAVAILABLE_STORES: SelectableStore = {
  kind: 'other',
  timeRange: () => undefined,
  queryable: () => ({
    querier: () =>
      Promise.reject(
        new EpimetheusError('unavailable', 'no healthy ingester or store-gateway in the rings: refusing to answer from part of the data'),
      ),
  }),
};

/** The distributor's log before the ingest log opened: a retriable 503, not a crash. */
function notOpen(): never {
  throw new EpimetheusError('unavailable', 'the ingest log is not open yet; retry shortly');
}
