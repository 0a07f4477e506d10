import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareLabels, labelsFrom } from '../../model/index.js';
import { encodeXorChunk, EncXOR } from '../chunkenc/index.js';
import { BlockReader } from './block-reader.js';
import { writeBlock } from './block-writer.js';
import { compareUtf8 } from './utf8-order.js';

// 150 values of one label: several 32-entry samples, lookups landing on and between them.
const VALUES = Array.from({ length: 150 }, (_, i) => `v${String(i * 2).padStart(3, '0')}`);

describe('postings table lookups', () => {
  let dir: string;
  let r: BlockReader;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'postings-table-'));
    const series = VALUES.map((v, i) => ({
      labels: labelsFrom({ __name__: 'm', id: v, parity: String(i % 2) }),
      chunks: [{ minTime: i, maxTime: i, encoding: EncXOR, data: encodeXorChunk([i], [i]) }],
    })).sort((a, b) => compareLabels(a.labels, b.labels));
    r = await BlockReader.openLocal((await writeBlock(dir, series)).dir);
  });
  afterAll(async () => {
    await r.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists every value of a name in order', () => {
    expect(r.index.labelValues('id')).toEqual([...VALUES].sort(compareUtf8));
    expect(r.index.labelValues('parity')).toEqual(['0', '1']);
    expect(r.index.labelValues('nope')).toEqual([]);
    expect(r.index.labelNames()).toEqual(['__name__', 'id', 'parity']);
  });

  it('finds each present value and its one series', async () => {
    const lists = await r.index.postings(VALUES.map((v) => ['id', v] as const));
    const entries = await r.index.series(lists.map((l) => l[0]!));
    entries.forEach((e, i) => {
      expect(lists[i]).toHaveLength(1);
      expect(e.labels.find((l) => l.name === 'id')!.value).toBe(VALUES[i]);
    });
  });

  it('finds nothing for values before, between and after the present ones', () => {
    for (const v of ['', 'a', 'v', 'v001', 'v063', 'v064x', 'v299', 'v300', 'w']) {
      expect(r.index.hasLabelValue('id', v), v).toBe(false);
    }
    expect(r.index.hasLabelValue('id', 'v064')).toBe(true);
    expect(r.index.hasLabelValue('nope', 'v064')).toBe(false);
  });

  it('reads large postings lists whole', async () => {
    const [even] = await r.index.postings([['parity', '0']]);
    expect(even).toHaveLength(75);
    expect(await r.index.allPostings()).toHaveLength(150);
  });
});
