import { describe, expect, it } from 'vitest';
import { compareLabels, labelsFrom } from '../model/index.js';
import { Engine, MemoryQueryable } from './index.js';

const VALUES = [1, 2, 2, 3, NaN, Infinity, -Infinity];

/** What a stable sort of the label-ordered series by value picks (NaN last either way). */
function expected(vals: number[], k: number, desc: boolean): string[] {
  const order = vals.map((_, i) => i).sort((a, b) => compareLabels(labelsFrom({ i: pad(a) }), labelsFrom({ i: pad(b) })));
  const cmp = (a: number, b: number): number => {
    const x = vals[a]!;
    const y = vals[b]!;
    if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
    if (Number.isNaN(y)) return -1;
    return desc ? y - x : x - y;
  };
  return order.sort(cmp).slice(0, k).map(pad).sort();
}

function pad(i: number): string {
  return String(i).padStart(3, '0');
}

describe('topk and bottomk', () => {
  // A seeded spread of series counts, k and ties (many equal values, NaN, infinities).
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let round = 0; round < 40; round++) {
    const n = 1 + rnd(40);
    const k = 1 + rnd(8);
    const vals = Array.from({ length: n }, () => VALUES[rnd(VALUES.length)]!);
    for (const op of ['topk', 'bottomk'] as const) {
      it(`${op}(${k}) over ${n} series, round ${round}, picks the stable-sort choice on ties`, async () => {
        const q = new MemoryQueryable();
        vals.forEach((v, i) => q.addFloat(labelsFrom({ __name__: 'm', i: pad(i) }), 0, v));
        const r = await new Engine().instantQuery(q, `${op}(${k}, m)`, 0);
        if (r.value.resultType !== 'vector') throw new Error('expected a vector');
        const got = r.value.samples.map((s) => s.metric.find((l) => l.name === 'i')!.value).sort();
        expect(got).toEqual(expected(vals, k, op === 'topk'));
      });
    }
  }
});
