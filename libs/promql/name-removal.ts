import { EpimetheusError } from '../errors/index.js';
import { labelsKey, METRIC_NAME } from '../model/index.js';
import type { Label } from '../model/index.js';
import type { StepSeries, StepVector } from './values.js';

/** Labels removed with the name: `__name__` and the metadata labels `__type__`, `__unit__`. */
function isMetadataLabel(l: Label): boolean {
  return l.name === METRIC_NAME || l.name === '__type__' || l.name === '__unit__';
}

/**
 * Prometheus's default, eager `__name__` removal (without `promql-delayed-name-removal`):
 * series an expression marked to lose their name lose it, with the other metadata labels,
 * as soon as that expression is evaluated rather than when the query returns. Series left
 * with the same labels become one series when they never have a value at the same step.
 * Returns `v` itself when nothing is marked; otherwise a new vector (input series whose
 * arrays are reused must not be read afterwards).
 * @throws EpimetheusError (`execution`) when two such series have a value at the same step.
 */
export function dropNamesNow(v: StepVector): StepVector {
  if (!v.series.some((s) => s.dropName)) return v;
  const byKey = new Map<string, StepSeries>();
  const out: StepSeries[] = [];
  for (const s of v.series) {
    const labels = s.dropName ? s.labels.filter((l) => !isMetadataLabel(l)) : s.labels;
    const key = labelsKey(labels);
    const first = byKey.get(key);
    if (first) {
      mergeInto(first, s);
      continue;
    }
    const r: StepSeries = { ...s, labels, dropName: false };
    byKey.set(key, r);
    out.push(r);
  }
  return { kind: 'vector', series: out };
}

/** Copies `from`'s values into `into`, which owns fresh arrays afterwards. */
function mergeInto(into: StepSeries, from: StepSeries): void {
  into.vals = into.vals.slice();
  into.present = into.present.slice();
  into.hists = into.hists?.slice();
  for (let i = 0; i < from.present.length; i++) {
    const p = from.present[i]!;
    if (p === 0) continue;
    if (into.present[i] !== 0)
      throw new EpimetheusError('execution', 'vector cannot contain metrics with the same labelset');
    into.present[i] = p;
    if (p === 1) into.vals[i] = from.vals[i]!;
    else (into.hists ??= new Array<undefined>(from.present.length).fill(undefined))[i] = from.hists![i];
  }
}
