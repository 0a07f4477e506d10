import type { EpimetheusError } from '../../libs/errors/index.js';
import {
  PartitionUnavailableError,
  partitionReplicaSets,
  READ,
  type InstanceDesc,
  type PartitionRing,
  type InstanceLookup,
} from '../../libs/ring/index.js';
import { FailoverQueryable, type SelectableStore, type TimeRange } from '../../libs/storeapi/index.js';

/**
 * The ingesters a querier reads, one store per replica set: ingesters holding the same data are
 * asked one at a time, failing over to the next. With a partition ring that has partitions which
 * may hold data, a replica set is the healthy owners of one partition, and a partition without
 * a healthy owner yields a store that fails every read (never a silently partial answer).
 * Without one, ingesters are grouped by the `-<n>` suffix of their instance id.
 * @param healthy the ingesters healthy for reads in the instance ring
 * @param store the store of an ingester's address (a cached StoreAPI client)
 */
export function ingesterReplicaSets(
  ring: InstanceLookup,
  healthy: readonly InstanceDesc[],
  partitions: PartitionRing | undefined,
  store: (addr: string) => SelectableStore,
): SelectableStore[] {
  try {
    return ingesterAddressSets(ring, healthy, partitions).map((addrs) => replicaSet(addrs.map(store)));
  } catch (err) {
    if (err instanceof PartitionUnavailableError) return [failingStore(err)];
    throw err;
  }
}

/**
 * The addresses of each replica set `ingesterReplicaSets` forms, in the order to ask them.
 * @throws PartitionUnavailableError when a partition that may hold data has no healthy owner.
 */
export function ingesterAddressSets(
  ring: InstanceLookup,
  healthy: readonly InstanceDesc[],
  partitions: PartitionRing | undefined,
): string[][] {
  if (partitions && partitions.partitions().some((p) => p.state !== 'PENDING')) {
    return partitionReplicaSets(partitions, ring, READ).map((s) => s.instances.map((i) => i.addr));
  }
  const bySuffix = new Map<string, string[]>();
  for (const i of healthy) {
    const key = /-(\d+)$/.exec(i.id)?.[1] ?? i.id;
    bySuffix.set(key, [...(bySuffix.get(key) ?? []), i.addr]);
  }
  return [...bySuffix.values()];
}

/** Replicas of one partition as one store: failover between them, the widest of their ranges. */
export function replicaSet(replicas: readonly SelectableStore[]): SelectableStore {
  return {
    kind: 'ingester',
    queryable: (t) => new FailoverQueryable(replicas.map((r) => r.queryable(t))),
    timeRange: () => {
      const ranges = replicas.map((r) => r.timeRange());
      if (ranges.some((r) => r === undefined)) return undefined;
      const known = ranges as TimeRange[];
      return {
        minTime: Math.min(...known.map((r) => r.minTime)),
        maxTime: Math.max(...known.map((r) => r.maxTime)),
      };
    },
  };
}

/** A store every read of which fails with `err` (retriable when `err` is). */
export function failingStore(err: EpimetheusError): SelectableStore {
  return {
    kind: 'ingester',
    // Unknown range: the store is always selected, so every query fails rather than skips it.
    timeRange: () => undefined,
    queryable: () => ({ querier: () => Promise.reject(err) }),
  };
}
