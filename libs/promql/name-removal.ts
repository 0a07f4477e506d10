import { EpimetheusError } from '../errors/index.js';
import { compareLabels, labelsKey, METRIC_NAME } from '../model/index.js';
import type { Label, Labels } from '../model/index.js';
import type { StepSeries, StepVector } from './values.js';

/** Labels removed with the name: `__name__` and the metadata labels `__type__`, `__unit__`. */
export function isMetadataName(name: string): boolean {
  return name === METRIC_NAME || name === '__type__' || name === '__unit__';
}

function isMetadataLabel(l: Label): boolean {
  return isMetadataName(l.name);
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
  const safety = nameDropSafety(v.series);
  if (safety === 'none') return v;
  const all = v.series.map((s) => (s.dropName ? withoutMetadata(s.labels) : s.labels));
  // Every series loses the same name and metadata: distinct label sets stay distinct.
  let distinct = safety === 'uniform';
  // Otherwise series usually arrive sorted and stay sorted without their name (one metric),
  // so a strictly increasing order proves there is nothing to merge, without a key per series.
  if (!distinct) {
    distinct = true;
    for (let k = 1; k < all.length && distinct; k++) distinct = compareLabels(all[k - 1]!, all[k]!) < 0;
  }
  if (distinct) {
    return { kind: 'vector', series: v.series.map((s, k) => ({ labels: all[k]!, vals: s.vals, present: s.present, hists: s.hists, dropName: false })) };
  }
  const byKey = new Map<string, StepSeries>();
  const out: StepSeries[] = [];
  for (let k = 0; k < v.series.length; k++) {
    const s = v.series[k]!;
    const labels = all[k]!;
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

/**
 * What eager name removal would do to `series`: `none` when no series is marked; `uniform`
 * when every series is marked and all carry the same `__name__`, `__type__` and `__unit__`
 * (removing them cannot make two label sets equal); `mixed` otherwise.
 */
export function nameDropSafety(series: readonly StepSeries[]): 'none' | 'uniform' | 'mixed' {
  let marked = 0;
  let name: Label | undefined;
  let type: Label | undefined;
  let unit: Label | undefined;
  for (const s of series) {
    if (!s.dropName) continue;
    let n: Label | undefined;
    let t: Label | undefined;
    let u: Label | undefined;
    for (const l of s.labels) {
      if (l.name === METRIC_NAME) n = l;
      else if (l.name === '__type__') t = l;
      else if (l.name === '__unit__') u = l;
    }
    if (marked++ === 0) {
      name = n;
      type = t;
      unit = u;
    } else if (!sameLabel(name, n) || !sameLabel(type, t) || !sameLabel(unit, u)) return 'mixed';
  }
  if (marked === 0) return 'none';
  return marked === series.length ? 'uniform' : 'mixed';
}

function sameLabel(a: Label | undefined, b: Label | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.value === b.value);
}

/** `labels` without the metadata labels; `labels` itself when it has none. */
export function withoutMetadata(labels: Labels): Labels {
  let n = 0;
  for (const l of labels) if (isMetadataLabel(l)) n++;
  if (n === 0) return labels;
  const out = new Array<Label>(labels.length - n);
  let j = 0;
  for (const l of labels) if (!isMetadataLabel(l)) out[j++] = l;
  return out;
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
