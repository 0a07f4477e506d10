import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { ingestLogContract } from './contract-suite.js';
import { EmbeddedIngestLog } from './embedded-log.js';

const tmpDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tmpDirs.map((d) => fs.rm(d, { recursive: true, force: true })));
});

/** A fresh data directory under the OS temp dir, removed after the file's tests. */
export async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ingestlog-'));
  tmpDirs.push(dir);
  return dir;
}

ingestLogContract('embedded', async (partitions) => {
  const dir = await tempDir();
  return { open: () => EmbeddedIngestLog.open({ dir, partitions }) };
});
