import { categoryOf, EpimetheusError, isRetriable } from '../errors/index.js';
import type { Querier, Queryable } from '../model/index.js';
import { mergeSeries } from './merge.js';

/** A block to read and the stores (addresses) that can read it, in the order to ask them. */
export interface RoutedBlock {
  readonly id: string;
  readonly replicas: readonly string[];
}

/** Where a tenant's blocks are and how to read some of them from one store. */
export interface BlockRouter {
  /**
   * The tenant's blocks overlapping `[mint, maxt]` with their replicas.
   * @throws when the blocks cannot be listed (the query fails: never an answer without them).
   */
  route(tenant: string, mint: number, maxt: number): Promise<RoutedBlock[]>;
  /** Blocks `blockIds` of the tenant on store `addr` (a StoreAPI call with the block-ID hint). */
  queryable(addr: string, tenant: string, blockIds: readonly string[]): Queryable;
  /** Told when store `addr` failed retriably and `blockIds` go to their next replicas. */
  onFailover?(addr: string, blockIds: readonly string[], err: unknown): void;
}

/**
 * A tenant's blocks read from the store-gateways that own them (Mimir's blocks-store querier):
 * each call asks every owner holding some of the blocks for exactly those blocks, in parallel.
 * Blocks whose store-gateway failed retriably are asked of their next replica; when a block has
 * no replica left the call fails, naming it: never a silently partial answer. Errors that are the
 * caller's (bad query, limits) fail the call at once.
 */
export class BlocksQueryable implements Queryable {
  constructor(
    private readonly router: BlockRouter,
    private readonly tenant: string,
  ) {}

  async querier(mint: number, maxt: number): Promise<Querier> {
    const blocks = await this.router.route(this.tenant, mint, maxt);
    const each = <T>(fn: (q: Querier) => Promise<T>): Promise<T[]> =>
      readBlocks(
        blocks,
        this.tenant,
        async (addr, ids) => fn(await this.router.queryable(addr, this.tenant, ids).querier(mint, maxt)),
        (addr, ids, err) => this.router.onFailover?.(addr, ids, err),
      );
    return {
      select: async (ms, hints) => mergeSeries(await each((q) => q.select(ms, hints))),
      labelNames: async (ms, hints) => unionSorted(await each((q) => q.labelNames(ms, hints))),
      labelValues: async (name, ms, hints) => unionSorted(await each((q) => q.labelValues(name, ms, hints))),
    };
  }
}

/**
 * Calls `call` once per store with the blocks it is asked for, retrying the blocks of a store
 * that failed retriably on their next untried replica, until every block was read once.
 * @throws EpimetheusError `unavailable` naming a block no replica could read.
 */
export async function readBlocks<T>(
  blocks: readonly RoutedBlock[],
  tenant: string,
  call: (addr: string, blockIds: string[]) => Promise<T>,
  onFailover: (addr: string, blockIds: string[], err: unknown) => void = () => undefined,
): Promise<T[]> {
  const tried = new Map<string, string[]>(blocks.map((b) => [b.id, []]));
  const lastError = new Map<string, unknown>();
  const results: T[] = [];
  let pending = [...blocks];
  while (pending.length > 0) {
    const groups = new Map<string, RoutedBlock[]>();
    for (const b of pending) {
      const addr = b.replicas.find((a) => !tried.get(b.id)!.includes(a));
      if (addr === undefined) throw noReplicaLeft(b, tenant, tried.get(b.id)!, lastError);
      groups.set(addr, [...(groups.get(addr) ?? []), b]);
    }
    const asked = [...groups];
    const settled = await Promise.allSettled(
      asked.map(([addr, bs]) =>
        call(
          addr,
          bs.map((b) => b.id),
        ),
      ),
    );
    pending = [];
    settled.forEach((s, i) => {
      const [addr, bs] = asked[i]!;
      for (const b of bs) tried.get(b.id)!.push(addr);
      if (s.status === 'fulfilled') return void results.push(s.value);
      if (!isRetriable(categoryOf(s.reason))) throw s.reason;
      lastError.set(addr, s.reason);
      onFailover(
        addr,
        bs.map((b) => b.id),
        s.reason,
      );
      pending.push(...bs);
    });
  }
  return results;
}

function noReplicaLeft(
  b: RoutedBlock,
  tenant: string,
  tried: readonly string[],
  errors: ReadonlyMap<string, unknown>,
): EpimetheusError {
  const last = tried.length > 0 ? errors.get(tried[tried.length - 1]!) : undefined;
  const why = tried.length === 0 ? 'no healthy store-gateway owns it' : `tried ${tried.join(', ')}`;
  return new EpimetheusError(
    'unavailable',
    `block ${b.id} of tenant ${tenant} could not be read from any store-gateway (${why})`,
    {
      ...(last !== undefined ? { cause: last } : {}),
    },
  );
}

function unionSorted(lists: string[][]): string[] {
  return [...new Set(lists.flat())].sort();
}
