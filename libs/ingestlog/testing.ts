/** Test helpers shared by this library's test files (not exported from the library). */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const tmpDirs: string[] = [];

/**
 * A fresh directory under the OS temp dir, removed after the calling file's tests. Call from a
 * test file (it registers an `afterAll` hook the first time).
 */
export async function tempDir(): Promise<string> {
  if (tmpDirs.length === 0) {
    afterAll(async () => {
      await Promise.all(tmpDirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
    });
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ingestlog-'));
  tmpDirs.push(dir);
  return dir;
}
