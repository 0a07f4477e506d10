import { EpimetheusError } from '../../errors/index.js';
import { compareStrings, fmix32, type Label, type Labels } from '../../model/index.js';
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
  return fmix32(h);
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

/**
 * A series' label symbol ids (name, value, name, value, ...) packed two UTF-16 code units per
 * id into one string: about half the memory of a number array, one object per series.
 */
export type PackedSyms = string;

/** Packs symbol ids (each < 2^32). */
export function packSyms(ids: readonly number[]): PackedSyms {
  const codes = new Array<number>(ids.length * 2);
  for (let i = 0; i < ids.length; i++) {
    codes[2 * i] = ids[i]! >>> 16;
    codes[2 * i + 1] = ids[i]! & 0xffff;
  }
  return String.fromCharCode(...codes);
}

/** Number of ids in a packed string. */
export function symCount(p: PackedSyms): number {
  return p.length >>> 1;
}

/** Id number `k` of a packed string. */
export function symAt(p: PackedSyms, k: number): number {
  return ((p.charCodeAt(2 * k) << 16) | p.charCodeAt(2 * k + 1)) >>> 0;
}

/** Orders two series by label set (as `compareLabels`), given their packed symbol ids. */
export function seriesCompare(symbols: SymbolTable, a: PackedSyms, b: PackedSyms): number {
  const na = symCount(a);
  const nb = symCount(b);
  const n = Math.min(na, nb);
  for (let i = 0; i < n; i++) {
    const x = symAt(a, i);
    const y = symAt(b, i);
    if (x !== y) return compareStrings(symbols.str(x), symbols.str(y));
  }
  return na - nb;
}
