import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { updateBucketIndex } from '../../libs/bucketindex/index.js';
import type { Bucket } from '../../libs/objstore/index.js';
import { sleep } from '../../libs/services/index.js';
import { parseBlockMeta, uploadBlock, writeBlock, type BlockMeta, type BlockSeries } from '../../libs/tsdb/block/index.js';

/** State persisted in `<dir>/shipper.json`. */
interface ShipperState {
  /** Blocks already uploaded, by ULID. */
  uploaded: string[];
  /** Per tenant: every sample below this time (ms) is in a shipped block. */
  shippedUntil: Record<string, number>;
}

/**
 * Writes head ranges as blocks under `<dir>/<tenant>/<ulid>`, uploads them to
 * `<tenant>/<ulid>/` in the bucket (retrying until it succeeds), keeps the tenant's bucket
 * index current, and remembers per tenant up to when data is safely in the bucket, so a
 * restart neither loses nor duplicates samples.
 */
export class Shipper {
  private state: ShipperState = { uploaded: [], shippedUntil: {} };

  constructor(
    private readonly dir: string,
    private readonly bucket: () => Bucket,
    private readonly logger: Logger,
    private readonly retryMs = 1000,
  ) {}

  /** Loads the state and uploads local blocks a crash left unshipped. */
  async open(signal?: AbortSignal): Promise<void> {
    await mkdir(this.tenantsDir(), { recursive: true });
    try {
      this.state = JSON.parse(await readFile(join(this.dir, 'shipper.json'), 'utf8')) as ShipperState;
    } catch (err) {
      // Only a missing file means "nothing shipped yet"; anything else must not reset the state.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error('read shipper state', { cause: err });
      this.state = { uploaded: [], shippedUntil: {} };
    }
    for (const { tenant, meta } of await this.localBlocks()) {
      if (!this.state.uploaded.includes(meta.ulid)) await this.upload(tenant, meta, signal);
    }
  }

  /** Up to when (exclusive, ms) the tenant's samples are in the bucket; -Infinity if never. */
  shippedUntil(tenant: string): number {
    return this.state.shippedUntil[tenant] ?? -Infinity;
  }

  /** Every tenant that has shipped something. */
  tenants(): string[] {
    return Object.keys(this.state.shippedUntil);
  }

  /**
   * Writes `series` (sorted by labels, chunks within `[minTime, maxTime)`) as a block of
   * `tenant` locally. Returns undefined when there was nothing to write.
   */
  async write(tenant: string, series: Iterable<BlockSeries>, minTime: number, maxTime: number): Promise<BlockMeta | undefined> {
    const tenantDir = join(this.tenantsDir(), tenant);
    await mkdir(tenantDir, { recursive: true });
    const written = await writeBlock(tenantDir, series, {
      minTime,
      maxTime,
      epimetheus: { tenant, source: 'ingester', resolution: 0, externalLabels: {} },
    });
    if (written.meta.stats.numSeries === 0) {
      await rm(written.dir, { recursive: true, force: true });
      return undefined;
    }
    return written.meta;
  }

  /**
   * Uploads a locally written block, retrying until it succeeds or `signal` aborts, then
   * refreshes the tenant's bucket index and records the block as shipped.
   */
  async upload(tenant: string, meta: BlockMeta, signal?: AbortSignal): Promise<void> {
    const dir = join(this.tenantsDir(), tenant, meta.ulid);
    for (let attempt = 1; ; attempt++) {
      try {
        await uploadBlock(this.bucket(), dir, `${tenant}/${meta.ulid}`);
        await updateBucketIndex(this.bucket(), tenant);
        break;
      } catch (err) {
        if (signal?.aborted) throw err;
        this.logger.warn({ err, tenant, block: meta.ulid, attempt }, 'block upload failed; retrying');
        await sleep(Math.min(30_000, this.retryMs * 2 ** Math.min(attempt, 5)), signal);
      }
    }
    this.state.uploaded.push(meta.ulid);
    this.state.shippedUntil[tenant] = Math.max(this.shippedUntil(tenant), meta.maxTime);
    await this.save();
    this.logger.info({ tenant, block: meta.ulid, minTime: meta.minTime, maxTime: meta.maxTime, series: meta.stats.numSeries }, 'block shipped');
  }

  /**
   * Deletes local copies of shipped blocks whose data ended before `before` (ms), each after
   * `release(tenant, ulid)` resolved (readers of the block let go of it).
   */
  async pruneLocal(before: number, release?: (tenant: string, ulid: string) => Promise<void>): Promise<void> {
    for (const { tenant, meta } of await this.localBlocks()) {
      if (meta.maxTime < before && this.state.uploaded.includes(meta.ulid)) {
        await release?.(tenant, meta.ulid);
        await rm(join(this.tenantsDir(), tenant, meta.ulid), { recursive: true, force: true });
        this.state.uploaded = this.state.uploaded.filter((u) => u !== meta.ulid);
      }
    }
    await this.save();
  }

  /** Local directory of a tenant's block. */
  blockDir(tenant: string, ulid: string): string {
    return join(this.tenantsDir(), tenant, ulid);
  }

  /** Local blocks already uploaded (after `open`: every local block). */
  async shippedLocalBlocks(): Promise<{ tenant: string; meta: BlockMeta }[]> {
    return (await this.localBlocks()).filter((b) => this.state.uploaded.includes(b.meta.ulid));
  }

  private async localBlocks(): Promise<{ tenant: string; meta: BlockMeta }[]> {
    const out: { tenant: string; meta: BlockMeta }[] = [];
    for (const tenant of await readdir(this.tenantsDir()).catch(() => [])) {
      for (const ulid of await readdir(join(this.tenantsDir(), tenant)).catch(() => [])) {
        try {
          const meta = parseBlockMeta(await readFile(join(this.tenantsDir(), tenant, ulid, 'meta.json'), 'utf8'));
          out.push({ tenant, meta });
        } catch {
          // A block whose meta.json is missing was not finished: the head still has its data.
          await rm(join(this.tenantsDir(), tenant, ulid), { recursive: true, force: true });
        }
      }
    }
    return out;
  }

  /** Tenant block directories live apart from the state file, whatever a tenant is called. */
  private tenantsDir(): string {
    return join(this.dir, 'tenants');
  }

  private async save(): Promise<void> {
    const file = join(this.dir, 'shipper.json');
    const fh = await open(`${file}.tmp`, 'w');
    try {
      await fh.writeFile(JSON.stringify(this.state));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(`${file}.tmp`, file);
    const dir = await open(this.dir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}
