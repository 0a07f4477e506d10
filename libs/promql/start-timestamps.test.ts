import { describe, expect, it } from 'vitest';
import { labelsFrom } from '../model/index.js';
import { Engine, MemoryQueryable } from './index.js';
import type { Value } from './index.js';
import { parseStartTimestampLine } from './start-timestamp-load.js';
import { isStartTimestampReset } from './start-timestamps.js';

describe('isStartTimestampReset', () => {
  // [name, prevSt, prevT, curSt, curT, reset]
  const rows: [string, number, number, number, number, boolean][] = [
    ['unknown start', 0, 1000, 0, 2000, false],
    ['start after the previous sample', 500, 1000, 1500, 2000, true],
    ['cumulative: start before the previous sample', 500, 1000, 500, 2000, false],
    ['delta: start at the previous sample, which had a start', 1, 1000, 1000, 2000, true],
    ['cumulative with unknown start: previous start unknown', 0, 1000, 1000, 2000, false],
    ['previous start equal to its timestamp (OTel unknown start)', 1000, 1000, 1000, 2000, false],
    ['previous start invalid (after its sample)', 1500, 1000, 1000, 2000, false],
    ['start at the sample itself', 500, 1000, 2000, 2000, false],
  ];
  for (const [name, prevSt, prevT, curSt, curT, want] of rows) {
    it(name, () => expect(isStartTimestampReset(prevSt, prevT, curSt, curT)).toBe(want));
  }
});

describe('promqltest @st lines', () => {
  it('expands repeats and steps into offsets from each sample', () => {
    expect(parseStartTimestampLine('m{a="b"}@st _ -30s-1mx2 0 _x2 1msx1')).toEqual({
      labels: labelsFrom({ __name__: 'm', a: 'b' }),
      offsets: [undefined, -30_000, -90_000, -150_000, 0, undefined, undefined, 1, 1],
    });
  });

  it('leaves other lines alone', () => {
    expect(parseStartTimestampLine('m{a="b"} 1 2 3')).toBeUndefined();
  });

  it('names a bad item', () => {
    expect(() => parseStartTimestampLine('m@st 1m*2')).toThrow(/invalid ST item "1m\*2"/);
  });
});

/** A delta counter: every sample counts 60 since the previous one, one a minute. */
function deltaStore(): MemoryQueryable {
  const q = new MemoryQueryable();
  const ls = labelsFrom({ __name__: 'd_total' });
  for (let t = 60_000; t <= 600_000; t += 60_000) q.addFloat(ls, t, 60, t - 60_000);
  return q;
}

function floats(v: Value): number[] {
  return v.resultType === 'vector' ? v.samples.map((s) => s.f) : [];
}

describe('use-start-timestamps', () => {
  const off = new Engine();
  const on = new Engine({ enabledFeatures: ['use-start-timestamps'] });

  it('sees a delta counter as flat without the feature', async () => {
    expect(floats((await off.instantQuery(deltaStore(), 'increase(d_total[5m])', 600_000)).value)).toEqual([
      0,
    ]);
  });

  it('counts every delta sample as a reset with the feature', async () => {
    expect(floats((await on.instantQuery(deltaStore(), 'increase(d_total[5m])', 600_000)).value)).toEqual([
      300,
    ]);
  });

  it('does not carry start timestamps through a subquery', async () => {
    expect(floats((await on.instantQuery(deltaStore(), 'increase(d_total[5m:1m])', 600_000)).value)).toEqual([
      0,
    ]);
  });

  it('returns start timestamps from start_timestamp() only with the feature', async () => {
    const withFns = { enableExperimentalFunctions: true };
    const q = 'start_timestamp(d_total)';
    expect(floats((await new Engine(withFns).instantQuery(deltaStore(), q, 600_000)).value)).toEqual([]);
    const r = await new Engine({ ...withFns, features: { startTimestamps: true } }).instantQuery(
      deltaStore(),
      q,
      600_000,
    );
    expect(floats(r.value)).toEqual([540]);
  });
});

describe('start-time overlap warnings', () => {
  // Each sample claims to start 2m before itself although samples come every minute.
  const store = (): MemoryQueryable => {
    const q = new MemoryQueryable();
    for (const t of [120_000, 180_000, 240_000])
      q.addFloat(labelsFrom({ __name__: 'o_total' }), t, t / 2000, t - 120_000);
    return q;
  };
  const ng = new Engine({ features: { startTimestamps: true } });
  const msg =
    'PromQL warning: sample has start time that overlaps with previous sample timestamp for metric "o_total"';

  it('warns once for one series at one step', async () => {
    expect((await ng.instantQuery(store(), 'rate(o_total[3m])', 240_000)).warnings).toEqual([`${msg} (1:6)`]);
  });

  it('counts the steps that overlap, as Prometheus merges the warning', async () => {
    // Windows ending at 4m and 5m each hold an overlapping pair; the one ending at 6m does not.
    const r = await ng.rangeQuery(store(), 'rate(o_total[3m])', 240_000, 360_000, 60_000);
    expect(r.warnings).toEqual([`${msg} (2 occurrences) (1:6)`]);
  });
});
