import { describe, expect, it } from 'vitest';
import { Fleet, METRICS, SERIES_PER_POD } from './fleet.js';

function key(f: Fleet, i: number): string {
  return f
    .labels(i)
    .map((l) => `${l.name}=${l.value}`)
    .join(',');
}

describe('Fleet', () => {
  it('has exactly the requested number of distinct series', () => {
    for (const size of [1, SERIES_PER_POD - 1, SERIES_PER_POD, 5000]) {
      const f = new Fleet(size, 3);
      expect(() => f.labels(size)).toThrow(/out of range/);
      expect(new Set(Array.from({ length: size }, (_, i) => key(f, i))).size).toBe(size);
    }
  });

  it('gives every series 10 to 30 sorted, unique labels with a metric name', () => {
    const f = new Fleet(5000, 11);
    const counts = new Set<number>();
    const bad: string[] = [];
    for (let i = 0; i < f.size; i++) {
      const ls = f.labels(i);
      counts.add(ls.length);
      if (ls[0]!.name !== '__name__') bad.push(`${i}: no __name__ first`);
      for (let j = 1; j < ls.length; j++)
        if (!(ls[j - 1]!.name < ls[j]!.name)) bad.push(`${i}: ${ls[j]!.name} out of order`);
    }
    expect(bad).toEqual([]);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...counts)).toBeLessThanOrEqual(30);
    expect(counts.size).toBeGreaterThan(5); // label counts vary across services
  });

  it('repeats labels and values for the same seed and differs for another', () => {
    const a = new Fleet(3000, 5);
    const b = new Fleet(3000, 5);
    const c = new Fleet(3000, 6);
    expect(key(a, 2999)).toBe(key(b, 2999));
    for (let r = 0; r < 3; r++) expect(Array.from(a.advance())).toEqual(Array.from(b.advance()));
    expect(key(a, 2999)).not.toBe(key(c, 2999));
  });

  it('keeps counters non-decreasing and histogram buckets cumulative', () => {
    const f = new Fleet(SERIES_PER_POD * 3, 9);
    let prev = Array.from(f.advance());
    for (let r = 0; r < 5; r++) {
      const cur = Array.from(f.advance());
      const decreased = Array.from({ length: f.size }, (_, i) => i).filter((i) => {
        const name = f.labels(i)[0]!.value;
        const monotonic = name.endsWith('_total') || name.endsWith('_bucket') || name.endsWith('_count');
        return monotonic && cur[i]! < prev[i]!;
      });
      expect(decreased).toEqual([]);
      prev = cur;
    }
    // Within one pod and route, bucket values grow with le and +Inf equals _count.
    const idx = (pred: (n: string, le: string | undefined, route: string | undefined) => boolean): number[] =>
      Array.from({ length: SERIES_PER_POD }, (_, i) => i).filter((i) => {
        const ls = f.labels(i);
        const get = (n: string): string | undefined => ls.find((l) => l.name === n)?.value;
        return pred(get('__name__')!, get('le'), get('route'));
      });
    const route = '/v1/completions';
    const buckets = idx((n, le, r) => n === `${METRICS.latency}_bucket` && r === route && le !== undefined);
    const count = idx((n, _le, r) => n === `${METRICS.latency}_count` && r === route);
    const vals = buckets.map((i) => prev[i]!);
    expect(vals).toEqual([...vals].sort((x, y) => x - y));
    expect(f.labels(buckets.at(-1)!).find((l) => l.name === 'le')?.value).toBe('+Inf');
    expect(vals.at(-1)).toBe(prev[count[0]!]);
    expect(vals.at(-1)).toBeGreaterThan(0);
  });
});
