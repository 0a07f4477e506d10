import { describe, expect, it } from 'vitest';
import { SeriesTable } from './series-table.js';

describe('SeriesTable', () => {
  it('hands out increasing refs from 1 and finds items by ref', () => {
    const t = new SeriesTable<string>();
    expect([t.add('a'), t.add('b')]).toEqual([1, 2]);
    expect([t.get(1), t.get(2), t.get(3), t.get(0)]).toEqual(['a', 'b', undefined, undefined]);
    t.delete(1);
    expect(t.get(1)).toBeUndefined();
    expect(t.add('c')).toBe(3);
  });

  it('drops pages whose series are all gone, so churn does not grow it forever', () => {
    const t = new SeriesTable<number>();
    const live: number[] = [];
    for (let round = 0; round < 20; round++) {
      for (const ref of live.splice(0)) t.delete(ref);
      for (let i = 0; i < 5000; i++) live.push(t.add(i));
    }
    // 5000 live refs span at most 3 pages of 4096.
    expect(t.pageCount).toBeLessThanOrEqual(3);
    expect(t.get(live[0]!)).toBe(0);
  });
});
