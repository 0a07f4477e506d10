// The contract every Bucket implementation passes. Not part of the public surface: the test
// files of this library call it with a factory for each implementation.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Bucket } from './bucket.js';

/** Creates an empty bucket for one test and removes it afterwards. */
export type BucketFactory = () => Promise<{ bucket: Bucket; cleanup: () => Promise<void> }>;

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/** Wraps a test body: a fresh bucket before, cleanup after. */
type WithBucket = (fn: (b: Bucket) => Promise<void>) => () => Promise<void>;

/** Byte equality; vitest's deep equality is far too slow for megabytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

async function list(bucket: Bucket, dir: string, recursive = false): Promise<string[]> {
  const out: string[] = [];
  for await (const n of bucket.iter(dir, { recursive })) out.push(n);
  return out;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

/** Runs the Bucket contract against buckets from `factory`. */
/** Not-found handling, reads and ranges. */
function readCases(withBucket: WithBucket): void {
  it(
    'reports a missing object as not found, a bad name as something else',
    withBucket(async (b) => {
      const missing = await rejection(b.get('id1/obj_1.some'));
      expect(b.isObjNotFoundErr(missing)).toBe(true);
      expect(b.isObjNotFoundErr(await rejection(b.attributes('id1/obj_1.some')))).toBe(true);
      expect(b.isObjNotFoundErr(await rejection(b.getRange('id1/obj_1.some', 0, 3)))).toBe(true);
      expect(b.isObjNotFoundErr(await rejection(b.getRange('id1/obj_1.some', 0, 0)))).toBe(true);
      expect(await b.exists('id1/obj_1.some')).toBe(false);
      const bad = await rejection(b.get(''));
      expect(bad).toBeInstanceOf(Error);
      expect(b.isObjNotFoundErr(bad)).toBe(false);
    }),
  );

  it(
    'reads back what was uploaded, whole and by range',
    withBucket(async (b) => {
      const before = Date.now();
      await b.upload('id1/obj_1.some', enc('@test-data@'));
      expect(dec(await b.get('id1/obj_1.some'))).toBe('@test-data@');
      expect(await b.exists('id1/obj_1.some')).toBe(true);
      const attrs = await b.attributes('id1/obj_1.some');
      expect(attrs.size).toBe(11);
      // Stores keep second precision (S3) and clocks may differ a little from ours.
      expect(attrs.lastModified.getTime()).toBeGreaterThan(before - 5_000);
      expect(attrs.lastModified.getTime()).toBeLessThan(Date.now() + 5_000);

      const cases: { name: string; offset: number; length: number; want: string }[] = [
        { name: 'inside', offset: 1, length: 3, want: 'tes' },
        { name: 'to the end', offset: 1, length: -1, want: 'test-data@' },
        { name: 'length past the end', offset: 3, length: 9999, want: 'st-data@' },
        { name: 'whole', offset: 0, length: 11, want: '@test-data@' },
        { name: 'empty length', offset: 2, length: 0, want: '' },
        { name: 'offset at the end', offset: 11, length: 3, want: '' },
        { name: 'offset past the end', offset: 124141, length: 3, want: '' },
        { name: 'last byte', offset: 10, length: -1, want: '@' },
      ];
      for (const c of cases) {
        expect(dec(await b.getRange('id1/obj_1.some', c.offset, c.length)), c.name).toBe(c.want);
      }
      await expect(b.getRange('id1/obj_1.some', -1, 3)).rejects.toBeInstanceOf(RangeError);
      await expect(b.getRange('id1/obj_1.some', 0, -2)).rejects.toBeInstanceOf(RangeError);
    }),
  );

  it(
    'keeps every byte value and empty objects',
    withBucket(async (b) => {
      const all = new Uint8Array(256 * 4).map((_, i) => i % 256);
      await b.upload('bin/all', all);
      expect(await b.get('bin/all')).toEqual(all);
      await b.upload('bin/empty', new Uint8Array(0));
      expect((await b.get('bin/empty')).length).toBe(0);
      expect((await b.attributes('bin/empty')).size).toBe(0);
      expect((await b.getRange('bin/empty', 0, -1)).length).toBe(0);
    }),
  );
}

/** Uploads: bytes, streams, failures, ownership. */
function writeCases(withBucket: WithBucket): void {
  it(
    'replaces an object on a second upload',
    withBucket(async (b) => {
      await b.upload('a/x', enc('first version'));
      await b.upload('a/x', enc('second'));
      expect(dec(await b.get('a/x'))).toBe('second');
      expect((await b.attributes('a/x')).size).toBe(6);
      expect(await list(b, 'a/')).toEqual(['a/x']);
    }),
  );

  it(
    'uploads streams, in any chunking',
    withBucket(async (b) => {
      const chunks = ['ab', '', 'cdefg', 'h'].map((s) => Buffer.from(s));
      await b.upload('s/chunks', Readable.from(chunks));
      expect(dec(await b.get('s/chunks'))).toBe('abcdefgh');
      await b.upload('s/empty', Readable.from([]));
      expect((await b.get('s/empty')).length).toBe(0);
      const big = new Uint8Array(3 * 1024 * 1024 + 17).map((_, i) => (i * 7) % 251);
      const pieces = [big.subarray(0, 1_000_000), big.subarray(1_000_000)];
      await b.upload('s/big', Readable.from(pieces));
      expect(sameBytes(await b.get('s/big'), big)).toBe(true);
      expect(await b.getRange('s/big', 2_999_990, 20)).toEqual(big.slice(2_999_990, 3_000_010));
    }),
  );

  it(
    'rejects an upload whose stream fails and keeps the old object',
    withBucket(async (b) => {
      await b.upload('f/obj', enc('old'));
      const failing = new Readable({
        read() {
          this.push(Buffer.from('partial'));
          this.destroy(new Error('source broke'));
        },
      });
      await expect(b.upload('f/obj', failing)).rejects.toThrow();
      expect(dec(await b.get('f/obj'))).toBe('old');
      expect(await list(b, '', true)).toEqual(['f/obj']);
    }),
  );

  it(
    'owns its data: neither the caller’s source nor its result alias the stored bytes',
    withBucket(async (b) => {
      const src = enc('abc');
      await b.upload('o/x', src);
      src[0] = 0x7a;
      const got = await b.get('o/x');
      got[1] = 0x7a;
      expect(dec(await b.get('o/x'))).toBe('abc');
    }),
  );
}

/** Listing and deletion. */
function listCases(withBucket: WithBucket): void {
  it(
    'lists like Thanos objstore: directories non-recursively, objects recursively',
    withBucket(async (b) => {
      for (const n of [
        'id1/obj_1.some',
        'id1/obj_2.some',
        'id1/obj_3.some',
        'id1/sub/subobj_1.some',
        'id1/sub/subobj_2.some',
        'id2/obj_4.some',
        'obj_5.some',
      ]) {
        await b.upload(n, enc(`@${n}@`));
      }
      const id1 = ['id1/obj_1.some', 'id1/obj_2.some', 'id1/obj_3.some', 'id1/sub/'];
      const id1Rec = [
        'id1/obj_1.some',
        'id1/obj_2.some',
        'id1/obj_3.some',
        'id1/sub/subobj_1.some',
        'id1/sub/subobj_2.some',
      ];
      const cases: { name: string; dir: string; recursive: boolean; want: string[] }[] = [
        { name: 'root', dir: '', recursive: false, want: ['id1/', 'id2/', 'obj_5.some'] },
        {
          name: 'root recursive',
          dir: '',
          recursive: true,
          want: [...id1Rec, 'id2/obj_4.some', 'obj_5.some'],
        },
        { name: 'dir with slash', dir: 'id1/', recursive: false, want: id1 },
        { name: 'dir without slash', dir: 'id1', recursive: false, want: id1 },
        { name: 'dir recursive', dir: 'id1/', recursive: true, want: id1Rec },
        { name: 'dir recursive without slash', dir: 'id1', recursive: true, want: id1Rec },
        {
          name: 'nested dir',
          dir: 'id1/sub',
          recursive: false,
          want: ['id1/sub/subobj_1.some', 'id1/sub/subobj_2.some'],
        },
        { name: 'missing dir', dir: 'id0', recursive: false, want: [] },
        { name: 'missing dir recursive', dir: 'id0', recursive: true, want: [] },
        { name: 'an object is not a dir', dir: 'obj_5.some', recursive: false, want: [] },
      ];
      for (const c of cases) expect(await list(b, c.dir, c.recursive), c.name).toEqual(c.want);

      await b.delete('id1/obj_2.some');
      expect(await list(b, 'id1/')).toEqual(['id1/obj_1.some', 'id1/obj_3.some', 'id1/sub/']);
      await b.delete('id2/obj_4.some');
      expect(await list(b, '')).toEqual(['id1/', 'obj_5.some']);
      expect(await list(b, 'id2', true)).toEqual([]);
    }),
  );

  it(
    'lists in ascending order, also where a name sorts before its directory',
    withBucket(async (b) => {
      for (const n of ['a/x', 'a-b', 'a.c/y', 'a0', 'B/z']) await b.upload(n, enc(n));
      expect(await list(b, '', true)).toEqual(['B/z', 'a-b', 'a.c/y', 'a/x', 'a0']);
      expect(await list(b, '')).toEqual(['B/', 'a-b', 'a.c/', 'a/', 'a0']);
    }),
  );

  it(
    'deletes idempotently and only the named object',
    withBucket(async (b) => {
      await b.upload('d/one', enc('1'));
      await b.upload('d/two', enc('2'));
      await b.delete('d/one');
      await b.delete('d/one');
      await b.delete('never/was');
      await b.delete('d'); // A directory is not an object: nothing below it goes.
      expect(await b.exists('d/one')).toBe(false);
      expect(dec(await b.get('d/two'))).toBe('2');
      expect(await list(b, '', true)).toEqual(['d/two']);
    }),
  );
}

/** Names, directories and concurrency. */
function nameCases(withBucket: WithBucket): void {
  it(
    'treats a directory as no object',
    withBucket(async (b) => {
      await b.upload('dir/obj', enc('x'));
      expect(await b.exists('dir')).toBe(false);
      expect(b.isObjNotFoundErr(await rejection(b.get('dir')))).toBe(true);
      expect(b.isObjNotFoundErr(await rejection(b.attributes('dir')))).toBe(true);
    }),
  );

  it(
    'rejects malformed names',
    withBucket(async (b) => {
      for (const bad of ['', '/abs', 'a//b', 'a/../b', './a', 'dir/']) {
        const err = await rejection(b.upload(bad, enc('x')));
        expect(err, bad).toBeInstanceOf(Error);
        expect(b.isObjNotFoundErr(err), bad).toBe(false);
      }
      expect(await list(b, '', true)).toEqual([]);
    }),
  );

  it(
    'keeps concurrent uploads of one name whole',
    withBucket(async (b) => {
      const versions = Array.from({ length: 6 }, (_, i) => new Uint8Array(64 * 1024).fill(i + 1));
      await Promise.all(versions.map((v) => b.upload('c/obj', v)));
      const got = await b.get('c/obj');
      expect(got.length).toBe(64 * 1024);
      expect(got.every((x) => x === got[0])).toBe(true);
      expect(await list(b, 'c')).toEqual(['c/obj']);
    }),
  );
}

export function bucketContract(name: string, factory: BucketFactory): void {
  const withBucket = (fn: (b: Bucket) => Promise<void>) => async () => {
    const { bucket, cleanup } = await factory();
    try {
      await fn(bucket);
    } finally {
      await cleanup();
    }
  };

  describe(`Bucket contract: ${name}`, () => {
    readCases(withBucket);
    writeCases(withBucket);
    listCases(withBucket);
    nameCases(withBucket);
  });
}
