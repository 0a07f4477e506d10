import { EpimetheusError } from '../errors/index.js';
import { formatLabels, getLabel, labelsKey, METRIC_NAME } from '../model/index.js';
import type { Label, Labels, Matcher, SeriesData } from '../model/index.js';
import type { Call } from './ast.js';
import type { Evaluator, Steps } from './evaluator.js';
import { effectiveInfoNameMatchers } from './preprocess.js';
import { newStepSeries, setFloat, setHist } from './values.js';
import type { StepSeries, StepVector } from './values.js';

const IDENTIFYING = ['instance', 'job'];

function infoSig(name: string, ls: Labels): string {
  let s = name + '\xff';
  for (const n of IDENTIFYING) s += getLabel(ls, n) + '\xff';
  return s;
}

/**
 * The experimental `info(v, {data label selector})`: adds the data labels of matching info
 * series (by default `target_info`, matched on `instance` and `job`) to each series of `v`.
 */
export function evalInfo(ev: Evaluator, e: Call, steps: Steps): StepVector {
  const base = ev.evalVector(e.args[0]!, steps);
  const label = e.args[1];
  const given = label && label.type === 'VectorSelector' ? label.matchers : [];
  const dataMatchers = new Map<string, Matcher[]>();
  for (const m of given) if (m.name !== METRIC_NAME) dataMatchers.set(m.name, [...(dataMatchers.get(m.name) ?? []), m]);
  const effective = effectiveInfoNameMatchers(given.filter((m) => m.name === METRIC_NAME));
  const ignored = base.series.map((s) => effective.every((m) => m.matches(getLabel(s.labels, METRIC_NAME))));
  const idValues = new Map<string, Set<string>>();
  base.series.forEach((s, k) => {
    if (ignored[k]) return;
    for (const n of IDENTIFYING) {
      const v = getLabel(s.labels, n);
      if (v === '') continue;
      if (!idValues.has(n)) idValues.set(n, new Set());
      idValues.get(n)!.add(v);
    }
  });
  const sel = e.infoSelector!;
  const all = ev.st.data.get(sel) ?? [];
  const fetched: SeriesData[] = idValues.size === 0 ? [] : all.filter((s) => [...idValues].every(([n, vals]) => vals.has(getLabel(s.labels, n))));
  if (fetched.some((s) => (s.histograms?.length ?? 0) > 0)) throw new EpimetheusError('execution', 'info sample should be float');
  ev.st.data.set(sel, fetched);
  const info = ev.evalVectorSelectorTimestamps(sel, steps);
  ev.st.data.set(sel, all);
  const infoNames = [...new Set(info.series.map((s) => getLabel(s.labels, METRIC_NAME)))];
  const infoSigs = info.series.map((s) => infoSig(getLabel(s.labels, METRIC_NAME), s.labels));
  const baseSigs = base.series.map((s) => infoNames.map((n) => [n, infoSig(n, s.labels)] as const));
  const allMatchEmpty = [...dataMatchers.values()].every((ms) => ms.every((m) => m.matches('')));
  const out = new Map<string, StepSeries>();
  for (let i = 0; i < steps.n; i++) {
    const right = new Map<string, number>();
    info.series.forEach((s, k) => {
      if (s.present[i] === 0) return;
      const sig = infoSigs[k]!;
      const prev = right.get(sig);
      if (prev === undefined || info.series[prev]!.vals[i]! < s.vals[i]!) right.set(sig, k);
      else if (info.series[prev]!.vals[i] === s.vals[i]) {
        throw new EpimetheusError('execution', `found duplicate series for info metric: existing ${formatLabels(info.series[prev]!.labels)} @ ${info.series[prev]!.vals[i]! * 1000}, new ${formatLabels(s.labels)} @ ${s.vals[i]! * 1000}`);
      }
    });
    base.series.forEach((s, k) => {
      if (s.present[i] === 0) return;
      let labels: Labels = s.labels;
      if (!ignored[k]) {
        const added = new Map<string, string>();
        const baseNames = new Set(s.labels.map((l) => l.name));
        let seen = 0;
        for (const [, sig] of baseSigs[k]!) {
          const ik = right.get(sig);
          if (ik === undefined) continue;
          seen++;
          for (const l of info.series[ik]!.labels) {
            if (l.name === METRIC_NAME) continue;
            if (dataMatchers.size > 0 && !dataMatchers.has(l.name)) continue;
            const v = added.get(l.name);
            if (v !== undefined && v !== l.value) throw new EpimetheusError('execution', `conflicting label: ${l.name}`);
            if (baseNames.has(l.name)) continue;
            added.set(l.name, l.value);
          }
        }
        if (seen === 0 && !allMatchEmpty) return;
        const merged: Label[] = [...s.labels, ...[...added].map(([name, value]) => ({ name, value }))];
        labels = merged.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      }
      const key = labelsKey(labels) + (s.dropName ? '\x00' : '');
      let o = out.get(key);
      if (!o) {
        o = newStepSeries(labels, steps.n, s.dropName);
        out.set(key, o);
      }
      if (o.present[i] !== 0) throw new EpimetheusError('execution', 'vector cannot contain metrics with the same labelset');
      if (s.present[i] === 2) setHist(o, i, s.hists![i]!);
      else setFloat(o, i, s.vals[i]!);
    });
  }
  return { kind: 'vector', series: [...out.values()] };
}
