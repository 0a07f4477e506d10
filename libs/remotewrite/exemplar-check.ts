import type { Exemplar } from './types.js';

/** OpenMetrics' limit on an exemplar's label set: runes of all names and values together. */
export const MAX_EXEMPLAR_LABEL_RUNES = 128;

/**
 * Checks an exemplar as the TSDB's exemplar storage will: it must carry a timestamp
 * (0 means unset in remote write), and its label names and values together must stay
 * within 128 characters (code points). Label names must be valid like series label names.
 * Returns what is wrong, or undefined.
 */
export function exemplarProblem(e: Exemplar, validName: (name: string) => boolean): string | undefined {
  if (e.timestamp === 0) return 'it has no timestamp';
  let units = 0;
  for (const l of e.labels) {
    if (!validName(l.name)) return `label name ${JSON.stringify(l.name)} is invalid`;
    units += l.name.length + l.value.length;
  }
  if (units > MAX_EXEMPLAR_LABEL_RUNES) {
    // UTF-16 units over-count astral characters: count code points only when it matters.
    let runes = 0;
    for (const l of e.labels) runes += codePoints(l.name) + codePoints(l.value);
    if (runes > MAX_EXEMPLAR_LABEL_RUNES) {
      return `its labels are ${runes} characters long, over the OpenMetrics limit of ${MAX_EXEMPLAR_LABEL_RUNES}`;
    }
  }
  return undefined;
}

function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++; // count everything but low surrogates
  }
  return n;
}
