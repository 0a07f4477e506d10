/**
 * Versioned block fixtures (testdata/fixtures, only ever added): blocks written by Prometheus
 * 2.42 and by this package's first format version must keep reading to the same samples.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelsKey } from '../../model/index.js';
import { BlockReader } from './block-reader.js';
import { writeBlock } from './block-writer.js';
import { EPIMETHEUS_1_BLOCKS, epimetheus1Input, FIXTURE_SAMPLES } from './testdata/fixtures.js';

const FIXTURES = join(import.meta.dirname, 'testdata', 'fixtures');

async function readAll(dir: string): Promise<Map<string, [number, number][]>> {
  const out = new Map<string, [number, number][]>();
  for (const ulid of (await readdir(dir)).sort()) {
    const r = await BlockReader.openLocal(join(dir, ulid));
    expect(r.meta.ulid).toBe(ulid);
    for (const s of await (
      await r.querier(-Infinity, Infinity)
    ).select([], { start: -Infinity, end: Infinity })) {
      const list = out.get(labelsKey(s.labels)) ?? [];
      for (let i = 0; i < s.timestamps.length; i++) list.push([s.timestamps[i]!, s.values[i]!]);
      out.set(labelsKey(s.labels), list);
    }
    await r.close();
  }
  return out;
}

describe('block fixtures', () => {
  for (const name of ['prometheus-2.42', 'epimetheus-1']) {
    it(`reads ${name} blocks to the expected samples`, async () => {
      const got = await readAll(join(FIXTURES, name));
      expect(got).toEqual(new Map(FIXTURE_SAMPLES.map((s) => [labelsKey(s.labels), s.samples])));
    });
  }
});

describe('block writer output', () => {
  it('is byte for byte the epimetheus-1 fixture for the same input', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'block-golden-'));
    try {
      for (const b of EPIMETHEUS_1_BLOCKS) {
        const { series, options } = epimetheus1Input(b);
        await writeBlock(dir, series, options);
        for (const f of ['index', 'chunks/000001', 'meta.json', 'tombstones']) {
          const want = await readFile(join(FIXTURES, 'epimetheus-1', b.ulid, f));
          expect(await readFile(join(dir, b.ulid, f)), `${b.ulid}/${f}`).toEqual(want);
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
