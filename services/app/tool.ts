import { pino } from 'pino';
import { FlagSet } from '../../libs/config/index.js';
import { APP_FLAGS, appConfig } from './config.js';
import { BUCKET_FLAG_DEFS, openBucket } from './bucket.js';
import { importBlocks } from './tool-import.js';

const USAGE = `usage: epimetheus tool import-blocks --from=<prometheus data dir> [--tenant=anonymous] [bucket flags]
  Uploads the blocks of a Prometheus data directory into the bucket for a tenant, so
  their history is queryable through Epimetheus. Bucket flags are those of the server
  (--blocks-storage.*, --data.dir).`;

/** `epimetheus tool <name> ...`: offline operations. Returns the exit code. */
export async function runTool(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name !== 'import-blocks') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const flags = new FlagSet()
    .register(APP_FLAGS)
    .register(BUCKET_FLAG_DEFS)
    .register([
      { name: 'from', type: 'string', default: '', help: 'Prometheus data directory (--storage.tsdb.path).' },
      { name: 'tenant', type: 'string', default: 'anonymous', help: 'Tenant the blocks belong to.' },
    ]);
  const logger = pino({ level: 'info' });
  try {
    const values = flags.parse(rest);
    const from = values.get('from') as string;
    if (!from) throw new Error('--from is required: the Prometheus data directory holding the blocks');
    const cfg = appConfig(values);
    const bucket = openBucket(values, cfg.dataDir, logger);
    const r = await importBlocks(from, values.get('tenant') as string, bucket, logger);
    await bucket.close();
    process.stdout.write(`imported ${r.imported.length} blocks, skipped ${r.skipped.length}\n`);
    for (const s of r.skipped) process.stdout.write(`  skipped ${s.ulid}: ${s.why}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`epimetheus tool import-blocks: ${(err as Error).message}\n${USAGE}\n`);
    return 1;
  }
}
