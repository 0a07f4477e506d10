import { CounterResetHint, METRIC_NAME, sortLabels, STALE_NAN } from '../model/index.js';
import type { FloatHistogram, Label, Labels } from '../model/index.js';
import { combineHistograms, scaleHistogram } from './histogram-math.js';
import { parseNumberToken, unquoteString } from './lex.js';

/** One value of a series description: omitted, a float, or a histogram. */
export interface SequenceValue {
  omitted: boolean;
  value: number;
  histogram: FloatHistogram | undefined;
  /** Whether the histogram literal spelled out `counter_reset_hint`. */
  hintSet: boolean;
}

const OMIT: SequenceValue = { omitted: true, value: 0, histogram: undefined, hintSet: false };

function fv(v: number): SequenceValue {
  return { omitted: false, value: v, histogram: undefined, hintSet: false };
}

/** Splits `metric{labels} values...` at the first top-level whitespace. */
function splitMetric(line: string): [string, string] {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if ((c === ' ' || c === '\t') && depth === 0) return [line.slice(0, i), line.slice(i + 1).trim()];
  }
  return [line, ''];
}

/** Parses `name{a="b", "c"="d"}` (either part optional) into sorted labels. */
export function parseMetric(text: string): Labels {
  const t = text.trim();
  const brace = t.indexOf('{');
  const name = brace < 0 ? t : t.slice(0, brace).trim();
  const labels: Label[] = [];
  if (name) labels.push({ name: METRIC_NAME, value: name });
  if (brace >= 0) {
    if (!t.endsWith('}')) throw new Error(`unterminated label set in ${JSON.stringify(text)}`);
    const body = t.slice(brace + 1, -1);
    const re = /\s*(?:([A-Za-z_][A-Za-z0-9_]*)|("(?:[^"\\]|\\.)*"))\s*(?:=\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`))?\s*(?:,|$)/y;
    let pos = 0;
    while (pos < body.length) {
      re.lastIndex = pos;
      const m = re.exec(body);
      if (!m || m[0] === '') throw new Error(`bad label set ${JSON.stringify(text)}`);
      pos = re.lastIndex;
      const lname = m[1] ?? unquoteString(m[2]!);
      if (m[3] === undefined) labels.push({ name: METRIC_NAME, value: lname });
      else labels.push({ name: lname, value: unquoteString(m[3]) });
    }
  }
  return sortLabels(labels);
}

/** Parses `{{schema:0 sum:5 count:4 buckets:[1 2 1]}}`. */
export function parseHistogram(text: string): { h: FloatHistogram; hintSet: boolean } {
  const body = text.replace(/^\{\{/, '').replace(/\}\}$/, '').trim();
  const h: FloatHistogram = {
    counterResetHint: CounterResetHint.Unknown,
    schema: 0,
    zeroThreshold: 0,
    zeroCount: 0,
    count: 0,
    sum: 0,
    positiveSpans: [],
    negativeSpans: [],
    positiveBuckets: [],
    negativeBuckets: [],
  };
  let hintSet = false;
  let offset = 0;
  let nOffset = 0;
  let buckets: number[] = [];
  let nBuckets: number[] = [];
  const re = /([a-z_]+):(\[[^\]]*\]|\S+)/g;
  let m: RegExpExecArray | null;
  const num = (s: string): number => {
    const v = parseNumberToken(s);
    if (v === undefined) throw new Error(`bad number ${s} in histogram`);
    return v;
  };
  const list = (s: string): number[] => s.slice(1, -1).trim().split(/\s+/).filter(Boolean).map(num);
  while ((m = re.exec(body))) {
    const [, key, val] = m as unknown as [string, string, string];
    switch (key) {
      case 'schema':
        h.schema = num(val);
        break;
      case 'sum':
        h.sum = num(val);
        break;
      case 'count':
        h.count = num(val);
        break;
      case 'z_bucket':
        h.zeroCount = num(val);
        break;
      case 'z_bucket_w':
        h.zeroThreshold = num(val);
        break;
      case 'buckets':
        buckets = list(val);
        break;
      case 'n_buckets':
        nBuckets = list(val);
        break;
      case 'offset':
        offset = num(val);
        break;
      case 'n_offset':
        nOffset = num(val);
        break;
      case 'custom_values':
        h.customValues = list(val);
        break;
      case 'counter_reset_hint':
        hintSet = true;
        h.counterResetHint =
          val === 'reset'
            ? CounterResetHint.CounterReset
            : val === 'not_reset'
              ? CounterResetHint.NotCounterReset
              : val === 'gauge'
                ? CounterResetHint.Gauge
                : CounterResetHint.Unknown;
        break;
      default:
        throw new Error(`unknown histogram field ${key}`);
    }
  }
  if (buckets.length) {
    h.positiveSpans = [{ offset, length: buckets.length }];
    h.positiveBuckets = buckets;
  }
  if (nBuckets.length) {
    h.negativeSpans = [{ offset: nOffset, length: nBuckets.length }];
    h.negativeBuckets = nBuckets;
  }
  return { h, hintSet };
}

/** Splits the values part into tokens, keeping `{{...}}` literals (with their suffixes) whole. */
function tokenize(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (i >= s.length) break;
    let j = i;
    while (j < s.length && !/\s/.test(s[j]!)) {
      if (s.startsWith('{{', j)) {
        const close = s.indexOf('}}', j);
        j = close < 0 ? s.length : close + 2;
      } else j++;
    }
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

function addHist(a: FloatHistogram, b: FloatHistogram, sign: 1 | -1): FloatHistogram {
  const r = combineHistograms(a, b, sign).h;
  r.counterResetHint = a.counterResetHint;
  return r;
}

function parseItem(tok: string): SequenceValue[] {
  if (tok === '_') return [OMIT];
  let m = /^_x(\d+)$/.exec(tok);
  if (m) return new Array<SequenceValue>(Number(m[1])).fill(OMIT);
  if (tok === 'stale') return [fv(STALE_NAN)];
  if (tok.startsWith('{{')) {
    const close = tok.indexOf('}}');
    const base = parseHistogram(tok.slice(0, close + 2));
    const rest = tok.slice(close + 2);
    if (rest === '') return [{ omitted: false, value: 0, histogram: base.h, hintSet: base.hintSet }];
    m = /^x(\d+)$/.exec(rest);
    if (m) {
      return Array.from({ length: Number(m[1]) + 1 }, () => ({ omitted: false, value: 0, histogram: scaleKeep(base.h), hintSet: base.hintSet }));
    }
    const sign = rest[0] === '-' ? -1 : 1;
    const close2 = rest.indexOf('}}');
    const delta = parseHistogram(rest.slice(1, close2 + 2)).h;
    const times = Number(/^x(\d+)$/.exec(rest.slice(close2 + 2))?.[1] ?? '0');
    const out: SequenceValue[] = [{ omitted: false, value: 0, histogram: base.h, hintSet: base.hintSet }];
    let cur = base.h;
    for (let k = 0; k < times; k++) {
      cur = addHist(cur, delta, sign as 1 | -1);
      out.push({ omitted: false, value: 0, histogram: cur, hintSet: false });
    }
    return out;
  }
  m = /^(.*)x(\d+)$/.exec(tok);
  if (m) {
    const head = m[1]!;
    let opAt = -1;
    for (let k = 1; k < head.length; k++) {
      const c = head[k]!;
      if ((c === '+' || c === '-') && !/[eE]/.test(head[k - 1]!)) {
        opAt = k;
        break;
      }
    }
    const start = parseNumberToken(opAt < 0 ? head : head.slice(0, opAt));
    const stepAbs = opAt < 0 ? 0 : parseNumberToken(head.slice(opAt + 1));
    if (start === undefined || stepAbs === undefined) throw new Error(`bad sequence ${tok}`);
    const step = opAt >= 0 && head[opAt] === '-' ? -stepAbs : stepAbs;
    const n = Number(m[2]);
    const out: SequenceValue[] = [];
    let cur = start;
    for (let k = 0; k <= n; k++) {
      out.push(fv(cur));
      cur += step;
    }
    return out;
  }
  const v = parseNumberToken(tok);
  if (v === undefined) throw new Error(`bad value ${tok}`);
  return [fv(v)];
}

function scaleKeep(h: FloatHistogram): FloatHistogram {
  const r = scaleHistogram(h, 1);
  r.counterResetHint = h.counterResetHint;
  return r;
}

/** Parses a series description line: `metric{labels} 1+2x3 _ stale {{...}}`. */
export function parseSeriesDesc(line: string): { labels: Labels; values: SequenceValue[] } {
  const [metric, rest] = splitMetric(line.trim());
  const labels = parseMetric(metric);
  const values: SequenceValue[] = [];
  for (const tok of tokenize(rest)) values.push(...parseItem(tok));
  return { labels, values };
}
