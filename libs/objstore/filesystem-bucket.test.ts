import { mkdtemp, readdir, rm, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { bucketContract } from './bucket-contract.js';
import { FilesystemBucket } from './filesystem-bucket.js';

async function tempRoot(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'objstore-fs-'));
}

bucketContract('filesystem', async () => {
  const root = await tempRoot();
  return { bucket: new FilesystemBucket(root), cleanup: () => rm(root, { recursive: true, force: true }) };
});

async function names(b: FilesystemBucket, dir: string, recursive = false): Promise<string[]> {
  const out: string[] = [];
  for await (const n of b.iter(dir, { recursive })) out.push(n);
  return out;
}

describe('FilesystemBucket', () => {
  it('stores one file per object under the root', async () => {
    const root = await tempRoot();
    const b = new FilesystemBucket(root);
    await b.upload('tenant/01ABC/meta.json', new TextEncoder().encode('{}'));
    expect(await readdir(path.join(root, 'tenant', '01ABC'))).toEqual(['meta.json']);
    await rm(root, { recursive: true, force: true });
  });

  it('leaves no temporary file behind, after success or failure', async () => {
    const root = await tempRoot();
    const b = new FilesystemBucket(root);
    await b.upload('x/ok', new Uint8Array([1]));
    const failing = new Readable({
      read() {
        this.destroy(new Error('boom'));
      },
    });
    await expect(b.upload('x/bad', failing)).rejects.toThrow(/upload x\/bad/);
    expect(await readdir(path.join(root, '.epimetheus-tmp'))).toEqual([]);
    expect(await names(b, '', true)).toEqual(['x/ok']);
    await rm(root, { recursive: true, force: true });
  });

  it('reserves its temporary directory name', async () => {
    const root = await tempRoot();
    const b = new FilesystemBucket(root);
    await expect(b.upload('.epimetheus-tmp/x', new Uint8Array([1]))).rejects.toThrow(/reserved/);
    await rm(root, { recursive: true, force: true });
  });

  it('removes directories emptied by a delete, up to the root', async () => {
    const root = await tempRoot();
    const b = new FilesystemBucket(root);
    await b.upload('t/b/c/obj', new Uint8Array([1]));
    await b.upload('t/keep', new Uint8Array([1]));
    await b.delete('t/b/c/obj');
    expect((await readdir(path.join(root, 't'))).sort()).toEqual(['keep']);
    await b.delete('t/keep');
    expect((await readdir(root)).filter((n) => n !== '.epimetheus-tmp')).toEqual([]);
    await rm(root, { recursive: true, force: true });
  });

  it('does not list directories that hold no object', async () => {
    const root = await tempRoot();
    const b = new FilesystemBucket(root);
    await mkdir(path.join(root, 'empty', 'deeper'), { recursive: true });
    await mkdir(path.join(root, 'full', 'deeper'), { recursive: true });
    await writeFile(path.join(root, 'full', 'deeper', 'obj'), 'x');
    expect(await names(b, '')).toEqual(['full/']);
    expect(await names(b, '', true)).toEqual(['full/deeper/obj']);
    await rm(root, { recursive: true, force: true });
  });

  // Checks that pruning never takes a fresh upload with it. The narrow window where a prune lands
  // between an upload's mkdir and rename (handled by a retry in moveIntoPlace) is hit only by
  // chance here; the test does not depend on hitting it.
  it('keeps uploads made while deletes prune the directories around them', async () => {
    const root = await tempRoot();
    const b = new FilesystemBucket(root);
    for (let round = 0; round < 30; round++) {
      await b.upload(`t/d/old/${round}`, new Uint8Array([1]));
      // The delete empties t/d/old and prunes t/d and t while the upload creates t/d/new.
      await Promise.all([b.delete(`t/d/old/${round}`), b.upload(`t/d/new/${round}`, new Uint8Array([2]))]);
      expect(await b.get(`t/d/new/${round}`)).toEqual(new Uint8Array([2]));
      await b.delete(`t/d/new/${round}`);
    }
    expect(await names(b, '', true)).toEqual([]);
    await rm(root, { recursive: true, force: true });
  });

  it('lists nothing for a root that does not exist yet', async () => {
    const b = new FilesystemBucket(path.join(tmpdir(), `objstore-missing-${process.pid}-${Date.now()}`));
    expect(await names(b, '', true)).toEqual([]);
    expect(await b.exists('a')).toBe(false);
  });
});
