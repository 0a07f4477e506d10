// The ring descriptor: what one ring key in the KV holds, its JSON codec (FORMAT.md), and the
// pure edits lifecyclers and ring clients apply to it inside a CAS.
import { RingFormatError } from './errors.js';

/**
 * Where an instance is in its life (dskit's states, without LEFT):
 *
 * ```
 *   PENDING ──▶ JOINING ──▶ ACTIVE ──▶ LEAVING ──▶ (removed from the ring)
 * ```
 *
 * PENDING: registered without tokens yet; JOINING: has tokens, not yet serving; ACTIVE: serves
 * reads and writes; LEAVING: shutting down, still serves reads.
 */
export type InstanceState = 'PENDING' | 'JOINING' | 'ACTIVE' | 'LEAVING';

/** Every `InstanceState`, in lifecycle order. */
export const INSTANCE_STATES: readonly InstanceState[] = ['PENDING', 'JOINING', 'ACTIVE', 'LEAVING'];

/** One instance as the ring descriptor records it. Immutable once in a `RingDesc`. */
export interface InstanceDesc {
  /** The id the instance registered with (the key in `RingDesc.instances`). */
  readonly id: string;
  /** Address peers dial, `host:port`. */
  readonly addr: string;
  /** Availability zone; `''` when the instance has none. */
  readonly zone: string;
  readonly state: InstanceState;
  /** The instance's tokens, sorted ascending, each a uint32. */
  readonly tokens: readonly number[];
  /** When the instance first registered, milliseconds since the epoch. Kept across re-joins. */
  readonly registeredTimestamp: number;
  /** The instance's last heartbeat, milliseconds since the epoch. */
  readonly heartbeatTimestamp: number;
}

/** The content of one ring key: every registered instance by id. Treat as immutable. */
export interface RingDesc {
  readonly instances: Readonly<Record<string, InstanceDesc>>;
}

/** A ring with no instances. */
export function emptyRingDesc(): RingDesc {
  return { instances: {} };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Encodes `desc` as the JSON document FORMAT.md describes. */
export function encodeRingDesc(desc: RingDesc): Uint8Array {
  const instances: Record<string, unknown> = {};
  for (const id of Object.keys(desc.instances).sort()) {
    const d = desc.instances[id]!;
    instances[id] = {
      addr: d.addr,
      zone: d.zone,
      state: d.state,
      tokens: d.tokens,
      registered_timestamp: d.registeredTimestamp,
      heartbeat_timestamp: d.heartbeatTimestamp,
    };
  }
  return encoder.encode(JSON.stringify({ instances }));
}

/**
 * Decodes a ring key's value; `null` (an absent key) is an empty ring.
 * @throws RingFormatError when the bytes are not a ring descriptor.
 */
export function decodeRingDesc(bytes: Uint8Array | null): RingDesc {
  if (bytes === null || bytes.length === 0) return emptyRingDesc();
  let doc: unknown;
  try {
    doc = JSON.parse(decoder.decode(bytes));
  } catch (err) {
    throw new RingFormatError('ring descriptor is not JSON', { cause: err });
  }
  const raw = (doc as { instances?: unknown } | null)?.instances;
  if (typeof raw !== 'object' || raw === null)
    throw new RingFormatError('ring descriptor has no instances object');
  const instances: Record<string, InstanceDesc> = {};
  for (const [id, v] of Object.entries(raw as Record<string, unknown>)) instances[id] = decodeInstance(id, v);
  return { instances };
}

function decodeInstance(id: string, v: unknown): InstanceDesc {
  const o = v as Record<string, unknown> | null;
  const bad = (what: string) => new RingFormatError(`ring instance ${JSON.stringify(id)}: ${what}`);
  if (typeof o !== 'object' || o === null) throw bad('not an object');
  const state = o['state'];
  if (typeof state !== 'string' || !(INSTANCE_STATES as readonly string[]).includes(state)) {
    throw bad(`unknown state ${JSON.stringify(state)}`);
  }
  const tokens = o['tokens'] ?? [];
  if (!Array.isArray(tokens) || !tokens.every(isUint32)) throw bad('tokens must be uint32 numbers');
  const num = (k: string) => {
    const n = o[k] ?? 0;
    if (typeof n !== 'number' || !Number.isFinite(n)) throw bad(`${k} must be a number`);
    return n;
  };
  return {
    id,
    addr: typeof o['addr'] === 'string' ? o['addr'] : '',
    zone: typeof o['zone'] === 'string' ? o['zone'] : '',
    state: state as InstanceState,
    tokens: [...(tokens as number[])].sort((a, b) => a - b),
    registeredTimestamp: num('registered_timestamp'),
    heartbeatTimestamp: num('heartbeat_timestamp'),
  };
}

function isUint32(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0xffffffff;
}

/** A copy of `desc` with `instance` added or replaced. */
export function withInstance(desc: RingDesc, instance: InstanceDesc): RingDesc {
  return { instances: { ...desc.instances, [instance.id]: instance } };
}

/** A copy of `desc` without the instances in `ids` (the same object when none is present). */
export function withoutInstances(desc: RingDesc, ids: Iterable<string>): RingDesc {
  const drop = [...ids].filter((id) => id in desc.instances);
  if (drop.length === 0) return desc;
  const instances = { ...desc.instances };
  for (const id of drop) delete instances[id];
  return { instances };
}

/**
 * Ids of the instances whose last heartbeat is more than `forgetPeriodMs` before `now`: dead for
 * long enough that nobody will come back for their tokens (dskit's auto-forget). A period ≤ 0
 * forgets nobody.
 */
export function instancesToForget(desc: RingDesc, forgetPeriodMs: number, now: number): string[] {
  if (forgetPeriodMs <= 0) return [];
  return Object.values(desc.instances)
    .filter((i) => now - i.heartbeatTimestamp > forgetPeriodMs)
    .map((i) => i.id);
}

/**
 * `count` random uint32 tokens, distinct from each other and from `taken`, sorted ascending.
 * Uses `Math.random` (two draws a token); tokens need to spread, not to be unpredictable.
 */
export function generateTokens(count: number, taken: ReadonlySet<number>): number[] {
  const out = new Set<number>();
  while (out.size < count) {
    const t = (Math.floor(Math.random() * 0x10000) * 0x10000 + Math.floor(Math.random() * 0x10000)) >>> 0;
    if (!taken.has(t)) out.add(t);
  }
  return [...out].sort((a, b) => a - b);
}

/** Every token of every instance in `desc` except `exceptId`'s. */
export function takenTokens(desc: RingDesc, exceptId?: string): Set<number> {
  const out = new Set<number>();
  for (const i of Object.values(desc.instances)) if (i.id !== exceptId) for (const t of i.tokens) out.add(t);
  return out;
}
