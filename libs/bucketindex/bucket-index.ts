import { gunzipSync, gzipSync } from 'node:zlib';
import { EpimetheusError } from '../errors/index.js';
import { isObjNotFoundErr, type Bucket } from '../objstore/index.js';
import { parseBlockMeta, type BlockMeta } from '../tsdb/block/index.js';

/** Name of the per-tenant index object: `<tenant>/bucket-index.json.gz`. */
export const BUCKET_INDEX_NAME = 'bucket-index.json.gz';
/** Marker object of a block scheduled for deletion: `<tenant>/<ulid>/deletion-mark.json`. */
export const DELETION_MARK_NAME = 'deletion-mark.json';

/** One block as the index lists it. Times in ms, `maxTime` exclusive (as meta.json). */
export interface IndexedBlock {
  ulid: string;
  minTime: number;
  maxTime: number;
  /** Downsampling resolution in ms, 0 for raw data. */
  resolution: number;
  numSamples: number;
  numSeries: number;
  compactionLevel: number;
}

/** A tenant's bucket index: every complete block and every deletion mark. */
export interface BucketIndex {
  version: 1;
  /** When the index was written, ms. */
  updatedAt: number;
  blocks: IndexedBlock[];
  /** ULIDs of blocks marked for deletion (still readable until the compactor removes them). */
  deletionMarks: string[];
}

/**
 * Rebuilds a tenant's index by listing its blocks (a block counts once its meta.json is
 * visible, which uploads write last) and writes it. Idempotent and self-healing, so any
 * writer (ingester after an upload, compactor after a compaction) may call it.
 */
export async function updateBucketIndex(
  bucket: Bucket,
  tenant: string,
  now = Date.now(),
): Promise<BucketIndex> {
  const blocks: IndexedBlock[] = [];
  const marks: string[] = [];
  for await (const entry of bucket.iter(`${tenant}/`)) {
    const ulid = entry.slice(tenant.length + 1).replace(/\/$/, '');
    if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(ulid)) continue;
    const meta = await readMeta(bucket, `${tenant}/${ulid}/meta.json`);
    if (!meta) continue; // upload in progress or partial: not a block yet
    blocks.push(toIndexed(meta));
    if (await bucket.exists(`${tenant}/${ulid}/${DELETION_MARK_NAME}`)) marks.push(ulid);
  }
  blocks.sort((a, b) => a.minTime - b.minTime || (a.ulid < b.ulid ? -1 : 1));
  const index: BucketIndex = { version: 1, updatedAt: now, blocks, deletionMarks: marks };
  await bucket.upload(`${tenant}/${BUCKET_INDEX_NAME}`, gzipSync(JSON.stringify(index)));
  return index;
}

/**
 * Reads a tenant's index, or `undefined` when the tenant has none yet.
 * @throws EpimetheusError `internal` for a corrupt index, `unavailable` when the bucket fails.
 */
export async function readBucketIndex(bucket: Bucket, tenant: string): Promise<BucketIndex | undefined> {
  let raw: Uint8Array;
  try {
    raw = await bucket.get(`${tenant}/${BUCKET_INDEX_NAME}`);
  } catch (err) {
    if (isObjNotFoundErr(err)) return undefined;
    throw new EpimetheusError('unavailable', `read bucket index of tenant ${tenant}`, { cause: err });
  }
  try {
    const idx = JSON.parse(gunzipSync(raw).toString('utf8')) as BucketIndex;
    if (idx.version !== 1 || !Array.isArray(idx.blocks))
      throw new Error(`unknown version ${String(idx.version)}`);
    return idx;
  } catch (err) {
    throw new EpimetheusError('internal', `parse bucket index of tenant ${tenant}`, { cause: err });
  }
}

/** Lists the tenants that have anything in the bucket (top-level prefixes). */
export async function listTenants(bucket: Bucket): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of bucket.iter('')) {
    if (entry.endsWith('/')) out.push(entry.slice(0, -1));
  }
  return out.sort();
}

async function readMeta(bucket: Bucket, name: string): Promise<BlockMeta | undefined> {
  try {
    return parseBlockMeta(Buffer.from(await bucket.get(name)).toString('utf8'));
  } catch (err) {
    if (isObjNotFoundErr(err)) return undefined;
    throw err;
  }
}

function toIndexed(m: BlockMeta): IndexedBlock {
  return {
    ulid: m.ulid,
    minTime: m.minTime,
    maxTime: m.maxTime,
    resolution: m.epimetheus?.resolution ?? 0,
    numSamples: m.stats.numSamples,
    numSeries: m.stats.numSeries,
    compactionLevel: m.compaction.level,
  };
}
