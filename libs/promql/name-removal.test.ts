import { describe, expect, it } from 'vitest';
import { labelsFrom } from '../model/index.js';
import { Engine, MemoryQueryable } from './index.js';
import type { Value } from './index.js';

/** Two metrics with the same other labels: `reads_total` at 0s only, `writes_total` at 60s and 120s. */
function store(overlap: boolean): MemoryQueryable {
  const q = new MemoryQueryable();
  q.addFloat(labelsFrom({ __name__: 'reads_total', disk: 'a' }), 0, 10);
  if (overlap) q.addFloat(labelsFrom({ __name__: 'reads_total', disk: 'a' }), 60_000, 11);
  q.addFloat(labelsFrom({ __name__: 'writes_total', disk: 'a' }), 60_000, 20);
  q.addFloat(labelsFrom({ __name__: 'writes_total', disk: 'a' }), 120_000, 30);
  return q;
}

function rows(v: Value): string[] {
  if (v.resultType === 'vector') return v.samples.map((s) => `${JSON.stringify(s.metric)} ${s.f}`);
  if (v.resultType === 'matrix')
    return v.series.map((s) => `${JSON.stringify(s.metric)} ${Array.from(s.values).join(',')}`);
  return [];
}

const selectBoth = '{__name__=~"reads_total|writes_total", disk="a"}';

describe('__name__ removal without promql-delayed-name-removal (the Prometheus default)', () => {
  const eager = new Engine({ lookbackDeltaMs: 30_000 });
  const delayed = new Engine({ lookbackDeltaMs: 30_000, enabledFeatures: ['promql-delayed-name-removal'] });

  it('merges series whose names are gone when they never share a step', async () => {
    const r = await eager.rangeQuery(store(false), `-${selectBoth}`, 0, 120_000, 60_000);
    expect(rows(r.value)).toEqual(['[{"name":"disk","value":"a"}] -10,-20,-30']);
  });

  it('fails when such series share a step', async () => {
    await expect(eager.rangeQuery(store(true), `-${selectBoth}`, 0, 120_000, 60_000)).rejects.toThrow(
      'vector cannot contain metrics with the same labelset',
    );
  });

  it('drops the name before label_replace can read it, unlike delayed removal', async () => {
    const q = 'label_replace(-writes_total, "was", "$1", "__name__", "(.+)")';
    expect(rows((await eager.instantQuery(store(false), q, 120_000)).value)).toEqual([
      '[{"name":"disk","value":"a"}] -30',
    ]);
    expect(rows((await delayed.instantQuery(store(false), q, 120_000)).value)).toEqual([
      '[{"name":"disk","value":"a"},{"name":"was","value":"writes_total"}] -30',
    ]);
  });

  it('keeps the name where Prometheus keeps it (comparisons, last_over_time)', async () => {
    const q = 'last_over_time(writes_total[1m]) > 0';
    expect(rows((await eager.instantQuery(store(false), q, 120_000)).value)).toEqual([
      '[{"name":"__name__","value":"writes_total"},{"name":"disk","value":"a"}] 30',
    ]);
  });

  it('aggregations by other labels see the same answer as after removal', async () => {
    expect(rows((await eager.rangeQuery(store(false), `sum by (disk) (${selectBoth})`, 0, 120_000, 60_000)).value)).toEqual([
      '[{"name":"disk","value":"a"}] 10,20,30',
    ]);
    expect(rows((await eager.rangeQuery(store(false), 'sum by (disk) (-writes_total)', 0, 120_000, 60_000)).value)).toEqual([
      '[{"name":"disk","value":"a"}] -20,-30',
    ]);
  });

  it('aggregations still fail when removal makes two series at a step equal', async () => {
    await expect(eager.rangeQuery(store(true), `sum by (disk) (-${selectBoth})`, 0, 120_000, 60_000)).rejects.toThrow(
      'vector cannot contain metrics with the same labelset',
    );
    await expect(eager.rangeQuery(store(true), `sum(-${selectBoth})`, 0, 120_000, 60_000)).rejects.toThrow(
      'vector cannot contain metrics with the same labelset',
    );
  });

  it('grouping by __name__ after a function sees no name', async () => {
    expect(rows((await eager.instantQuery(store(false), 'count by (__name__) (-writes_total)', 120_000)).value)).toEqual([
      '[] 1',
    ]);
  });
});
