/** One label pair. Names and values are plain (already unescaped) UTF-8 strings. */
export interface Label {
  readonly name: string;
  readonly value: string;
}

/**
 * A label set: sorted by name, names unique, no empty values. Every producer of `Labels`
 * (decoders, the head, block readers, the engine) keeps that invariant so consumers can
 * compare and merge without re-sorting.
 */
export type Labels = readonly Label[];

/** The label that carries the metric name. */
export const METRIC_NAME = '__name__';

/** Compares two label names or values the way Prometheus does: by UTF-8 byte order. */
export function compareStrings(a: string, b: string): number {
  // JS compares UTF-16 code units; that equals UTF-8 byte order except for astral vs
  // high-BMP code points, which is rare enough to fix only when it matters.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders label sets lexicographically by (name, value) pairs, as Prometheus's labels.Compare. */
export function compareLabels(a: Labels, b: Labels): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (x.name !== y.name) return compareStrings(x.name, y.name);
    if (x.value !== y.value) return compareStrings(x.value, y.value);
  }
  return a.length - b.length;
}

/** Returns a sorted copy of `labels` without empty values. Does not check uniqueness. */
export function sortLabels(labels: readonly Label[]): Labels {
  return labels.filter((l) => l.value !== '').sort((x, y) => compareStrings(x.name, y.name));
}

/** Builds `Labels` from an object, e.g. `labelsFrom({ __name__: 'up', job: 'x' })`. */
export function labelsFrom(obj: Readonly<Record<string, string>>): Labels {
  return sortLabels(Object.entries(obj).map(([name, value]) => ({ name, value })));
}

/** Returns the value of `name`, or '' when absent (Prometheus treats both alike). */
export function getLabel(labels: Labels, name: string): string {
  for (const l of labels) if (l.name === name) return l.value;
  return '';
}

/** A stable string key for a label set, usable as a Map key. Not a wire format. */
export function labelsKey(labels: Labels): string {
  let s = '';
  for (const l of labels) s += l.name + '\xff' + l.value + '\xff';
  return s;
}

/** Renders labels as `name{a="b", ...}` the way Prometheus prints series in messages. */
export function formatLabels(labels: Labels): string {
  let name = '';
  const parts: string[] = [];
  for (const l of labels) {
    if (l.name === METRIC_NAME) name = l.value;
    else parts.push(`${l.name}=${JSON.stringify(l.value)}`);
  }
  return `${name}{${parts.join(', ')}}`;
}

/** Tests structural equality of two label sets. */
export function labelsEqual(a: Labels, b: Labels): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.name !== b[i]!.name || a[i]!.value !== b[i]!.value) return false;
  }
  return true;
}
