/**
 * `meta.json` and `tombstones`: the block's description and its (always empty) deletion
 * records. Layouts: docs/format/meta.md.
 */
import { FormatError } from './errors.js';
import { META_VERSION, TOMBSTONES_MAGIC, TOMBSTONES_VERSION } from './format.js';

/** Block statistics, as Prometheus counts them. */
export interface BlockStats {
  numSamples: number;
  numSeries: number;
  numChunks: number;
  numTombstones?: number;
}

/** Compaction history of a block. */
export interface BlockCompaction {
  /** 1 for a block cut from a head, +1 per compaction round. */
  level: number;
  /** ULIDs of the level-1 blocks merged into this one (itself when level 1). */
  sources: string[];
  /** Direct parents, when compacted. */
  parents?: { ulid: string; minTime: number; maxTime: number }[];
  deletable?: boolean;
  failed?: boolean;
  hints?: string[];
}

/** Epimetheus's own section of `meta.json`; Prometheus ignores it. */
export interface EpimetheusMeta {
  /** Tenant the block belongs to. */
  tenant: string;
  /** What produced the block: `ingester`, `compactor`, `import`, ... */
  source: string;
  /** Downsampling resolution in ms; 0 for raw data. */
  resolution: number;
  /** Labels identifying the block's origin (e.g. the ingester's replica), not in its series. */
  externalLabels: Record<string, string>;
}

/** Contents of `meta.json`. Times are ms; `maxTime` is exclusive (last sample + 1 at least). */
export interface BlockMeta {
  ulid: string;
  minTime: number;
  maxTime: number;
  stats: BlockStats;
  compaction: BlockCompaction;
  version: 1;
  epimetheus?: EpimetheusMeta;
}

const ULID_RE = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

/** Whether `s` is a canonical ULID: 26 upper-case Crockford base32 characters. */
export function isUlid(s: string): boolean {
  return ULID_RE.test(s);
}

/** Serialises a meta the way Prometheus does (tab-indented JSON, field order as Prometheus). */
export function encodeBlockMeta(meta: BlockMeta): string {
  const out: Record<string, unknown> = {
    ulid: meta.ulid,
    minTime: meta.minTime,
    maxTime: meta.maxTime,
    stats: meta.stats,
    compaction: meta.compaction,
    version: meta.version,
  };
  if (meta.epimetheus !== undefined) out.epimetheus = meta.epimetheus;
  return JSON.stringify(out, null, '\t');
}

function num(v: unknown, what: string, dflt?: number): number {
  if (v === undefined && dflt !== undefined) return dflt;
  if (typeof v !== 'number' || !Number.isSafeInteger(v))
    throw new FormatError(`meta.json: ${what} is not an integer`);
  return v;
}

/**
 * Parses and checks `meta.json` text. Accepts what Prometheus writes (zero stats omitted).
 * @throws FormatError on invalid JSON, a bad ULID or version, or missing times.
 */
export function parseBlockMeta(text: string): BlockMeta {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new FormatError('meta.json: invalid JSON', { cause: err });
  }
  if (typeof raw !== 'object' || raw === null) throw new FormatError('meta.json: not an object');
  if (typeof raw.ulid !== 'string' || !isUlid(raw.ulid)) throw new FormatError('meta.json: bad ulid');
  if (raw.version !== META_VERSION)
    throw new FormatError(`meta.json: unsupported version ${String(raw.version)}`);
  const stats = (raw.stats ?? {}) as Record<string, unknown>;
  const comp = (raw.compaction ?? {}) as Record<string, unknown>;
  const meta: BlockMeta = {
    ulid: raw.ulid,
    minTime: num(raw.minTime, 'minTime'),
    maxTime: num(raw.maxTime, 'maxTime'),
    stats: {
      numSamples: num(stats.numSamples, 'numSamples', 0),
      numSeries: num(stats.numSeries, 'numSeries', 0),
      numChunks: num(stats.numChunks, 'numChunks', 0),
    },
    compaction: {
      ...comp,
      level: num(comp.level, 'compaction.level', 1),
      sources: (comp.sources as string[]) ?? [],
    },
    version: META_VERSION,
  };
  if (stats.numTombstones !== undefined) meta.stats.numTombstones = num(stats.numTombstones, 'numTombstones');
  if (raw.epimetheus !== undefined) meta.epimetheus = raw.epimetheus as EpimetheusMeta;
  return meta;
}

/**
 * The bytes of a `tombstones` file with no tombstones: magic, version, and the CRC32C of the
 * (empty) entries, which is 0.
 */
export function emptyTombstones(): Uint8Array {
  const b = new Uint8Array(9);
  new DataView(b.buffer).setUint32(0, TOMBSTONES_MAGIC);
  b[4] = TOMBSTONES_VERSION;
  return b;
}
