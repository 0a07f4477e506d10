import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { FlagDef, FlagValues } from '../../libs/config/index.js';
import type { KVClient } from '../../libs/kv/index.js';
import {
  PartitionLifecycler,
  partitionFlags,
  PartitionRingWatcher,
  registerPartitionRingRoutes,
  resolvePartitionOwnerConfig,
} from '../../libs/ring/index.js';
import type { Router } from '../../libs/server/index.js';
import type { Service } from '../../libs/services/index.js';
import {
  decodeWriteRequest,
  DEFAULT_VALIDATION_LIMITS,
  MetricType,
  VALIDATION_FLAGS,
  type ValidationLimits,
} from '../../libs/remotewrite/index.js';
import type { DecodedRecord } from '../ingester/index.js';

const HELP: Record<keyof ValidationLimits, string> = {
  maxLabelNameLength: 'Longest accepted label name, in bytes.',
  maxLabelValueLength: 'Longest accepted label value, in bytes.',
  maxMetricNameLength: 'Longest accepted metric name, in bytes.',
  maxLabelNamesPerSeries: 'Most labels (the metric name included) a series may have.',
  creationGracePeriodMs: 'How far in the future a sample timestamp may be.',
  utf8Names: 'Accept any UTF-8 metric and label names (Prometheus 3), not only the legacy character set.',
};

/** The validation limit flags, derived from the limits `libs/remotewrite` defines. */
export const VALIDATION_FLAG_DEFS: readonly FlagDef[] = (
  Object.keys(VALIDATION_FLAGS) as (keyof ValidationLimits)[]
).map((key): FlagDef => {
  const name = VALIDATION_FLAGS[key].replace(/^--/, '');
  const def = DEFAULT_VALIDATION_LIMITS[key];
  if (typeof def === 'boolean') return { name, type: 'bool', default: def, help: HELP[key] };
  if (key === 'creationGracePeriodMs') return { name, type: 'duration', default: def, help: HELP[key] };
  return { name, type: 'int', default: def, help: HELP[key] };
});

const TYPE_NAMES = new Map<number, string>(
  Object.entries(MetricType).map(([name, n]) => [
    n,
    name === 'GaugeHistogram' ? 'gaugehistogram' : name.toLowerCase(),
  ]),
);

/**
 * Decodes an ingest-log record: a remote-write 1.0 `WriteRequest` holding one tenant's
 * validated series (the tenant is the record key).
 */
export function decodeRecord(value: Uint8Array): DecodedRecord {
  const req = decodeWriteRequest(value, '1.0');
  return {
    series: req.timeseries.map((s) => ({
      labels: s.labels,
      timestamps: s.samples.timestamps,
      values: s.samples.values,
    })),
    metadata: req.metadata.map((m) => ({
      metricFamilyName: m.metricFamilyName,
      type: TYPE_NAMES.get(m.type) ?? 'unknown',
      help: m.help,
      unit: m.unit,
    })),
  };
}

/** The KV key of the ingesters' partition ring (FORMAT.md in libs/ring). */
export const PARTITION_RING_KEY = 'ring/ingester-partitions';

/**
 * The partition ring's flags: how many owners (and for how long) a new partition waits for before
 * it takes writes. The partition id itself is `--ingester.partition-id`, the ingester's flag.
 */
export const PARTITION_RING_FLAGS: readonly FlagDef[] = partitionFlags('ingester')
  .filter((f) => f.name !== 'ingester.partition-id')
  .map((f): FlagDef =>
    f.type === 'duration'
      ? { ...f, type: 'duration', default: f.default as number }
      : { ...f, type: 'int', default: f.default as number },
  );

type RingDeps = { logger: Logger; registry: Registry };

/**
 * Whether the partition ring is in use: with a shared KV (`--kv.store=redis`), where ingesters
 * register their partitions and every distributor sees them. With the embedded defaults (in-memory
 * KV) distributors keep `shardHash % --kafka.partitions`.
 */
export function partitionRingEnabled(values: FlagValues): boolean {
  return values.get('kv.store') === 'redis';
}

/**
 * The services that make this ingester an owner of `partitionId` in the partition ring (the
 * partition is created PENDING if missing and turns ACTIVE once it has enough owners), and the
 * ring's page `/ingester/partition-ring`. Empty without a partition ring. The ingester's consumer
 * starts at its committed offset, else at the partition's earliest record, so records written
 * the moment the partition turns ACTIVE are read even when that precedes the consumer's start.
 */
export function partitionOwnership(
  values: FlagValues,
  kv: KVClient,
  owner: { instanceId: string; partitionId: number; reconcileIntervalMs: number },
  router: Router,
  deps: RingDeps,
): Service[] {
  if (!partitionRingEnabled(values)) return [];
  // The partition is already resolved (partitionOf); only the owner-count flags are read here, so
  // an instance id without a -N suffix (a hostname) must not fail the lookup of the id.
  const withId = new Map(values).set('ingester.partition-id', owner.partitionId);
  const cfg = resolvePartitionOwnerConfig(withId, 'ingester', owner.instanceId);
  const lifecycler = new PartitionLifecycler(
    {
      key: PARTITION_RING_KEY,
      instanceId: owner.instanceId,
      partitionId: owner.partitionId,
      reconcileIntervalMs: owner.reconcileIntervalMs,
      waitOwnersCountOnPending: cfg.waitOwnersCountOnPending,
      waitOwnersDurationOnPendingMs: cfg.waitOwnersDurationOnPendingMs,
    },
    { kv },
    deps,
  );
  const watcher = new PartitionRingWatcher({ key: PARTITION_RING_KEY }, { kv }, deps);
  registerPartitionRingRoutes(router, '/ingester/partition-ring', () => watcher.ring());
  return [lifecycler, watcher];
}

/**
 * The distributor's view of the partition ring, or undefined without one. Start it (it is a
 * service) before pushes; until a partition is ACTIVE, pushes answer 503.
 */
export function partitionRingWatcher(
  values: FlagValues,
  kv: KVClient,
  deps: RingDeps,
): PartitionRingWatcher | undefined {
  if (!partitionRingEnabled(values)) return undefined;
  return new PartitionRingWatcher({ key: PARTITION_RING_KEY }, { kv }, deps);
}
