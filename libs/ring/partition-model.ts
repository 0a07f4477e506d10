// The partition ring descriptor (Mimir ingest storage, simplified): partitions with tokens and a
// state, and the instances owning each partition. JSON codec per FORMAT.md.
import { RingFormatError } from './errors.js';
import { fnv1a32 } from './hash.js';

/**
 * A partition's state. PENDING: created, not yet written to (waiting for owners); ACTIVE: takes
 * writes and reads; INACTIVE: no new writes (being scaled down), still read.
 */
export type PartitionState = 'PENDING' | 'ACTIVE' | 'INACTIVE';

const PARTITION_STATES: readonly PartitionState[] = ['PENDING', 'ACTIVE', 'INACTIVE'];

/** One partition. */
export interface PartitionDesc {
  readonly id: number;
  /** Sorted ascending, uint32; fixed at creation (see `partitionTokens`). */
  readonly tokens: readonly number[];
  readonly state: PartitionState;
  /** When `state` last changed, milliseconds since the epoch. */
  readonly stateTimestamp: number;
}

/** An instance owning (consuming) a partition. */
export interface OwnerDesc {
  readonly id: string;
  readonly partition: number;
  /** When the ownership was recorded, milliseconds since the epoch. */
  readonly updatedTimestamp: number;
}

/** The content of the partition ring key. Treat as immutable. */
export interface PartitionRingDesc {
  readonly partitions: Readonly<Record<number, PartitionDesc>>;
  readonly owners: Readonly<Record<string, OwnerDesc>>;
}

/** Tokens each partition gets. */
export const PARTITION_TOKENS = 128;

/**
 * The tokens of partition `id`: `count` distinct uint32 values from a xorshift32 generator seeded
 * with FNV-1a of `partition-<id>`, sorted. Deterministic, so every process creating a partition
 * agrees on its tokens; stored in the descriptor, so changing this only affects new partitions.
 */
export function partitionTokens(id: number, count = PARTITION_TOKENS): number[] {
  let x = fnv1a32(`partition-${id}`) || 1;
  const out = new Set<number>();
  while (out.size < count) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out.add(x);
  }
  return [...out].sort((a, b) => a - b);
}

/** A partition ring with no partitions and no owners. */
export function emptyPartitionRingDesc(): PartitionRingDesc {
  return { partitions: {}, owners: {} };
}

/** Encodes `desc` as JSON (FORMAT.md). */
export function encodePartitionRingDesc(desc: PartitionRingDesc): Uint8Array {
  const partitions: Record<string, unknown> = {};
  for (const p of Object.values(desc.partitions).sort((a, b) => a.id - b.id)) {
    partitions[String(p.id)] = { tokens: p.tokens, state: p.state, state_timestamp: p.stateTimestamp };
  }
  const owners: Record<string, unknown> = {};
  for (const id of Object.keys(desc.owners).sort()) {
    const o = desc.owners[id]!;
    owners[id] = { partition: o.partition, updated_timestamp: o.updatedTimestamp };
  }
  return new TextEncoder().encode(JSON.stringify({ partitions, owners }));
}

/**
 * Decodes the partition ring key's value; `null` is an empty ring.
 * @throws RingFormatError when the bytes are not a partition ring descriptor.
 */
export function decodePartitionRingDesc(bytes: Uint8Array | null): PartitionRingDesc {
  if (bytes === null || bytes.length === 0) return emptyPartitionRingDesc();
  let doc: { partitions?: unknown; owners?: unknown };
  try {
    doc = JSON.parse(new TextDecoder().decode(bytes)) as typeof doc;
  } catch (err) {
    throw new RingFormatError('partition ring descriptor is not JSON', { cause: err });
  }
  if (typeof doc !== 'object' || doc === null)
    throw new RingFormatError('partition ring descriptor is not an object');
  const partitions: Record<number, PartitionDesc> = {};
  for (const [k, v] of Object.entries(objectOrEmpty(doc.partitions))) {
    const id = Number(k);
    const o = objectOrEmpty(v);
    const bad = (what: string) => new RingFormatError(`partition ${k}: ${what}`);
    if (!Number.isInteger(id) || id < 0) throw bad('id is not a non-negative integer');
    if (!(PARTITION_STATES as readonly unknown[]).includes(o['state']))
      throw bad(`unknown state ${JSON.stringify(o['state'])}`);
    const tokens = o['tokens'];
    if (!Array.isArray(tokens) || !tokens.every((t) => Number.isInteger(t) && t >= 0 && t <= 0xffffffff))
      throw bad('tokens must be uint32 numbers');
    partitions[id] = {
      id,
      tokens: [...(tokens as number[])].sort((a, b) => a - b),
      state: o['state'] as PartitionState,
      stateTimestamp: Number(o['state_timestamp'] ?? 0),
    };
  }
  const owners: Record<string, OwnerDesc> = {};
  for (const [id, v] of Object.entries(objectOrEmpty(doc.owners))) {
    const o = objectOrEmpty(v);
    if (!Number.isInteger(o['partition']))
      throw new RingFormatError(`partition owner ${JSON.stringify(id)}: no partition`);
    owners[id] = {
      id,
      partition: o['partition'] as number,
      updatedTimestamp: Number(o['updated_timestamp'] ?? 0),
    };
  }
  return { partitions, owners };
}

function objectOrEmpty(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}

/** A copy of `desc` with partition `id` added in `state` (with `partitionTokens(id)`), or kept if present. */
export function withPartition(
  desc: PartitionRingDesc,
  id: number,
  state: PartitionState,
  now: number,
): PartitionRingDesc {
  if (desc.partitions[id] !== undefined) return desc;
  const p: PartitionDesc = { id, tokens: partitionTokens(id), state, stateTimestamp: now };
  return { ...desc, partitions: { ...desc.partitions, [id]: p } };
}

/** A copy of `desc` with partition `id` in `state` (the same object when absent or unchanged). */
export function withPartitionState(
  desc: PartitionRingDesc,
  id: number,
  state: PartitionState,
  now: number,
): PartitionRingDesc {
  const p = desc.partitions[id];
  if (p === undefined || p.state === state) return desc;
  return { ...desc, partitions: { ...desc.partitions, [id]: { ...p, state, stateTimestamp: now } } };
}

/** A copy of `desc` with `owner` owning `partition` (the same object when already so). */
export function withOwner(
  desc: PartitionRingDesc,
  owner: string,
  partition: number,
  now: number,
): PartitionRingDesc {
  if (desc.owners[owner]?.partition === partition) return desc;
  return { ...desc, owners: { ...desc.owners, [owner]: { id: owner, partition, updatedTimestamp: now } } };
}

/** A copy of `desc` without `owner` (the same object when absent). */
export function withoutOwner(desc: PartitionRingDesc, owner: string): PartitionRingDesc {
  if (desc.owners[owner] === undefined) return desc;
  const owners = { ...desc.owners };
  delete owners[owner];
  return { ...desc, owners };
}
