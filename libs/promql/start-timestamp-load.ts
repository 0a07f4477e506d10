import type { Labels } from '../model/index.js';
import { parseDurationMs } from './lex.js';
import { parseSeriesDesc } from './series-desc.js';

/**
 * A promqltest `metric{labels}@st <offsets>` line: the start timestamps of the samples on
 * the series line that follows, as offsets (ms) from each sample's own timestamp;
 * `undefined` where the line has `_` (no start timestamp).
 */
export interface StartTimestampLine {
  labels: Labels;
  offsets: (number | undefined)[];
}

/**
 * Parses `line` when it is a start-timestamp line (its first word ends in `@st`); returns
 * undefined for any other line.
 * @throws Error naming the bad item when the offsets do not parse.
 */
export function parseStartTimestampLine(line: string): StartTimestampLine | undefined {
  const text = line.trim();
  const space = text.search(/[ \t]/);
  if (space < 0 || !text.slice(0, space).endsWith('@st')) return undefined;
  const labels = parseSeriesDesc(`${text.slice(0, space - 3)} _`).labels;
  const offsets: (number | undefined)[] = [];
  for (const item of text
    .slice(space + 1)
    .trim()
    .split(/\s+/)) {
    try {
      offsets.push(...parseItem(item));
    } catch (e) {
      throw new Error(
        `invalid @st sequence: invalid ST item ${JSON.stringify(item)}: ${(e as Error).message}`,
        { cause: e },
      );
    }
  }
  return { labels, offsets };
}

/**
 * One item: `_`, `_xN` (N omitted), `<dur>`, `<dur>xN` (N+1 equal offsets), or
 * `<dur>+<dur>xN` / `<dur>-<dur>xN` (N+1 offsets stepping by the second duration).
 */
function parseItem(item: string): (number | undefined)[] {
  if (item === '_') return [undefined];
  if (item.startsWith('_x')) {
    const n = count(item.slice(2));
    if (n === 0) throw new Error('invalid repeat count');
    return new Array<undefined>(n).fill(undefined);
  }
  const [base, rest] = durationPrefix(item);
  if (rest === '') return [base];
  if (rest[0] === 'x') return new Array<number>(count(rest.slice(1)) + 1).fill(base);
  if (rest[0] !== '+' && rest[0] !== '-')
    throw new Error(`unexpected character ${JSON.stringify(rest[0])} after duration`);
  const [delta, tail] = durationPrefix(rest.slice(1));
  if (!tail.startsWith('x')) throw new Error("expected 'x<count>' after step duration");
  const step = rest[0] === '-' ? -delta : delta;
  return Array.from({ length: count(tail.slice(1)) + 1 }, (_, i) => base + i * step);
}

function count(s: string): number {
  if (!/^\d+$/.test(s)) throw new Error('invalid repeat count');
  return Number(s);
}

/** A signed duration at the start of `s` (ms) and what follows it; `x` ends the unit. */
function durationPrefix(s: string): [number, string] {
  const m = /^([+-]?)(\d+)([a-wyzA-Z]*)/.exec(s);
  if (!m) throw new Error(`expected digits in duration ${JSON.stringify(s)}`);
  const text = m[2]! + m[3]!;
  const ms = parseDurationMs(text);
  if (ms === undefined) throw new Error(`invalid duration ${JSON.stringify(text)}`);
  return [m[1] === '-' ? -ms : ms, s.slice(m[0].length)];
}
