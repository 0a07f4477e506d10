import { join } from 'node:path';
import type { Logger } from 'pino';
import type { FlagDef, FlagValues } from '../../libs/config/index.js';
import { BUCKET_FLAGS, bucketConfigFromFlags, newBucket, type Bucket } from '../../libs/objstore/index.js';

const FS_DIR_FLAG = 'blocks-storage.filesystem.dir';

/**
 * The `--blocks-storage.*` flags from `libs/objstore`. The filesystem directory defaults to
 * `<data.dir>/bucket`, so one `--data.dir` holds all local state.
 */
export const BUCKET_FLAG_DEFS: readonly FlagDef[] = BUCKET_FLAGS.map(
  (f): FlagDef =>
    f.flag === FS_DIR_FLAG
      ? { name: f.flag, type: 'string', default: '', help: `${f.description} (default <data.dir>/bucket)` }
      : { name: f.flag, type: f.type, default: f.default, help: f.description },
);

/** Opens the configured bucket. @throws Error naming the flag when the config is invalid. */
export function openBucket(values: FlagValues, dataDir: string, logger: Logger): Bucket {
  const v = new Map(values);
  if (!v.get(FS_DIR_FLAG)) v.set(FS_DIR_FLAG, join(dataDir, 'bucket'));
  return newBucket(bucketConfigFromFlags(v), { logger });
}
