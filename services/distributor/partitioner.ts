import { EpimetheusError } from '../../libs/errors/index.js';
import { fmix32, type Labels } from '../../libs/model/index.js';
import { shardHash } from '../../libs/ring/index.js';

/** Picks the ingest-log partition a series is written to. */
export interface SeriesPartitioner {
  /**
   * The partition, in `0 .. partitions - 1`, for series `labels` of `tenant`; `partitions` is the
   * ingest log's partition count. Must be stable for a given ring state: the same series always
   * lands on the same partition until the set of writable partitions changes.
   * @throws EpimetheusError `unavailable` when no partition can take the series (the sender retries).
   */
  partitionFor(tenant: string, labels: Labels, partitions: number): number;
}

/**
 * The fallback without a partition ring (embedded log, in-memory KV): `shardHash % partitions`.
 * Every partition of the log is writable.
 */
export const modPartitioner: SeriesPartitioner = {
  partitionFor: (tenant, labels, partitions) => shardHash(tenant, labels) % partitions,
};

/** What `ringPartitioner` needs of the partition ring; a `PartitionRingWatcher` provides it. */
export interface ActivePartitions {
  /**
   * The ACTIVE partition owning `hash` on the partition ring.
   * @throws NoActivePartitionError (`unavailable`) when none is ACTIVE.
   */
  partitionFor(hash: number): number;
}

/**
 * The ring position of a series: `shardHash` of tenant and label set, finalised with the
 * MurmurHash3 32-bit mixer. FNV-1a alone leaves the high bits of hashes of label sets that differ
 * only in their last bytes (`pod-1`, `pod-2`, ...) close together, and a ring lookup compares
 * whole 32-bit values, so such series would crowd onto one partition; the mixer spreads every
 * input bit over the whole word. Stable: changing it moves series between partitions.
 */
export function ringToken(tenant: string, labels: Labels): number {
  return fmix32(shardHash(tenant, labels));
}

/**
 * Maps series onto the ACTIVE partitions of the partition ring (Mimir's ingest storage): the
 * `ringToken` of tenant and label set is looked up among the partitions' tokens, skipping
 * partitions that are PENDING or INACTIVE. A partition the ring names but the log does not have
 * (the topic has fewer partitions than the ring) is a configuration error reported as
 * `unavailable`, so nothing is acknowledged that no ingester will read.
 */
export function ringPartitioner(ring: ActivePartitions): SeriesPartitioner {
  return {
    partitionFor: (tenant, labels, partitions) => {
      const p = ring.partitionFor(ringToken(tenant, labels));
      if (p >= partitions) {
        throw new EpimetheusError(
          'unavailable',
          `the partition ring maps a series to partition ${p}, but the ingest log has only ${partitions} ` +
            'partitions: raise --kafka.partitions or scale the ingesters down to match',
        );
      }
      return p;
    },
  };
}
