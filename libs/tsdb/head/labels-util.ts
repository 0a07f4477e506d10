import { EpimetheusError } from '../../errors/index.js';
import { compareStrings, type Label, type Labels } from '../../model/index.js';
import type { SymbolTable } from './symbols.js';

/**
 * A 32-bit hash of a label set for finding candidate series; equality is always checked after.
 * Only values are hashed character by character (names repeat across series and add little),
 * names contribute their length; FNV-1a then a murmur3 finaliser.
 */
export function hashLabels(labels: Labels): number {
  let h = 0x811c9dc5 ^ labels.length;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    h = Math.imul(h ^ l.name.length, 0x01000193);
    const v = l.value;
    for (let j = 0; j < v.length; j++) h = Math.imul(h ^ v.charCodeAt(j), 0x01000193);
    h = Math.imul(h ^ 0xffff, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * `labels` itself when already valid (sorted by name, names unique, no empty values),
 * otherwise a sorted copy without empty values.
 * @throws EpimetheusError (bad_data) when no label is left or a name repeats.
 */
export function normalizeLabels(labels: Labels): Labels {
  let ok = true;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (l.value === '' || (i > 0 && compareStrings(labels[i - 1]!.name, l.name) >= 0)) {
      ok = false;
      break;
    }
  }
  const out: Labels = ok
    ? labels
    : labels.filter((l: Label) => l.value !== '').sort((a, b) => compareStrings(a.name, b.name));
  if (out.length === 0) throw new EpimetheusError('bad_data', 'series has no labels');
  for (let i = 1; i < out.length; i++) {
    if (out[i - 1]!.name === out[i]!.name) {
      throw new EpimetheusError('bad_data', `duplicate label name "${out[i]!.name}"`);
    }
  }
  return out;
}

/** Orders two series by label set (as `compareLabels`), given their symbol ids. */
export function seriesCompare(symbols: SymbolTable, a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) continue;
    return compareStrings(symbols.str(a[i]!), symbols.str(b[i]!));
  }
  return a.length - b.length;
}
