import type { Labels } from '../../libs/model/index.js';

/** Renders a label set as the API's `{"name":"value"}` object. */
export function labelsToObject(labels: Labels): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of labels) out[l.name] = l.value;
  return out;
}
