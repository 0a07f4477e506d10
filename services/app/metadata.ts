import { EpimetheusError } from '../../libs/errors/index.js';
import {
  mergeMetadata,
  type MetadataByMetric,
  type MetadataEntry,
  type StoreClient,
} from '../../libs/storeapi/index.js';

/** Where a querier finds a tenant's metric metadata. */
export interface MetadataSources {
  /** An ingester in this process. */
  local?: (tenant: string) => MetadataByMetric;
  /** Stores given by address (`--querier.store-addresses`); every one must answer. */
  clients: readonly StoreClient[];
  /** Ingesters found through the rings: one answer per replica set. */
  discovered?: (tenant: string) => Promise<MetadataByMetric[]>;
}

/**
 * The querier's `/api/v1/metadata` source: the metadata of every ingester it reads, merged
 * (`mergeMetadata`). A store that fails fails the call, as a query would.
 */
export function querierMetadata(
  src: MetadataSources,
): (tenant: string) => Promise<Map<string, MetadataEntry[]>> {
  return async (tenant) => {
    const [remote, discovered] = await Promise.all([
      Promise.all(src.clients.map((c) => c.metadata(tenant))),
      src.discovered?.(tenant) ?? Promise.resolve([]),
    ]);
    return mergeMetadata([...(src.local ? [src.local(tenant)] : []), ...remote, ...discovered]);
  };
}

/**
 * Asks one ingester of each replica set (its addresses in order, the next when one fails).
 * @throws EpimetheusError of the last failure when no replica of a set answers.
 */
export async function replicaSetsMetadata(
  sets: readonly (readonly string[])[],
  tenant: string,
  client: (addr: string) => StoreClient,
): Promise<MetadataByMetric[]> {
  return Promise.all(
    sets.map(async (addrs) => {
      let last: unknown = new EpimetheusError('unavailable', 'a replica set without ingesters');
      for (const addr of addrs) {
        try {
          return await client(addr).metadata(tenant);
        } catch (err) {
          last = err;
        }
      }
      throw last;
    }),
  );
}
