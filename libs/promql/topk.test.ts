import { describe, expect, it } from 'vitest';
import { compareLabels, labelsFrom, type Queryable } from '../model/index.js';
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

/** `q` handing its series over in reverse label order, as a store that does not sort may. */
function reversed(q: Queryable): Queryable {
  return {
    querier: async (mint, maxt) => {
      const inner = await q.querier(mint, maxt);
      return { ...inner, select: async (ms, hints) => (await inner.select(ms, hints)).slice().reverse() };
    },
  };
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
        for (const store of [q, reversed(q)]) {
          const r = await new Engine().instantQuery(store, `${op}(${k}, m)`, 0);
          if (r.value.resultType !== 'vector') throw new Error('expected a vector');
          const got = r.value.samples.map((s) => s.metric.find((l) => l.name === 'i')!.value).sort();
          expect(got).toEqual(expected(vals, k, op === 'topk'));
        }
      });
    }
  }
});

describe('limitk', () => {
  it('keeps the first series in label order whatever order the store uses', async () => {
    const q = new MemoryQueryable();
    for (let i = 0; i < 10; i++) q.addFloat(labelsFrom({ __name__: 'm', i: pad(i) }), 0, i % 3);
    const engine = new Engine({ enabledFeatures: ['promql-experimental-functions'] });
    for (const store of [q, reversed(q)]) {
      const r = await engine.instantQuery(store, 'limitk(3, m)', 0);
      if (r.value.resultType !== 'vector') throw new Error('expected a vector');
      expect(r.value.samples.map((s) => s.metric.find((l) => l.name === 'i')!.value).sort()).toEqual(['000', '001', '002']);
    }
  });
});
