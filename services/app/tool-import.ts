import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { updateBucketIndex } from '../../libs/bucketindex/index.js';
import type { Bucket } from '../../libs/objstore/index.js';
import { validateTenantId } from '../../libs/server/index.js';
import { BlockReader, parseBlockMeta, uploadBlock } from '../../libs/tsdb/block/index.js';

/** What `import-blocks` did. */
export interface ImportResult {
  imported: string[];
  skipped: { ulid: string; why: string }[];
}

/**
 * Uploads the blocks of a Prometheus data directory (each `<ulid>/` with a meta.json; the
 * WAL and head are not read) to `<tenant>/<ulid>/` in the bucket, then refreshes the
 * tenant's bucket index. Blocks already in the bucket are skipped, so a re-run resumes.
 * Each block is opened with the block reader first, so a corrupt block is reported, not
 * uploaded.
 */
export async function importBlocks(
  fromDir: string,
  tenant: string,
  bucket: Bucket,
  logger: Logger,
): Promise<ImportResult> {
  validateTenantId(tenant);
  const result: ImportResult = { imported: [], skipped: [] };
  for (const ulid of (await readdir(fromDir)).sort()) {
    const dir = join(fromDir, ulid);
    if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(ulid) || !(await stat(dir)).isDirectory()) continue;
    const why = await checkBlock(dir, bucket, `${tenant}/${ulid}`);
    if (why) {
      result.skipped.push({ ulid, why });
      logger.warn({ block: ulid, why }, 'block skipped');
      continue;
    }
    await uploadBlock(bucket, dir, `${tenant}/${ulid}`);
    result.imported.push(ulid);
    logger.info({ block: ulid, tenant }, 'block imported');
  }
  await updateBucketIndex(bucket, tenant);
  return result;
}

/** Why a block directory should not be uploaded, or undefined when it should. */
async function checkBlock(dir: string, bucket: Bucket, prefix: string): Promise<string | undefined> {
  if (await bucket.exists(`${prefix}/meta.json`)) return 'already in the bucket';
  let meta;
  try {
    meta = parseBlockMeta(await readFile(join(dir, 'meta.json'), 'utf8'));
  } catch (err) {
    return `unreadable meta.json: ${(err as Error).message}`;
  }
  if (meta.compaction.deletable) return 'marked deletable by Prometheus';
  try {
    const reader = await BlockReader.openLocal(dir);
    await reader.close();
  } catch (err) {
    return `unreadable block: ${(err as Error).message}`;
  }
  return undefined;
}
