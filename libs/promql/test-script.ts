import { CounterResetHint, labelsKey, METRIC_NAME, sortLabels } from '../model/index.js';
import type { FloatHistogram, Labels } from '../model/index.js';
import type { AtModifier, Expr } from './ast.js';
import { Engine } from './engine.js';
import { ALL_PROMQL_FEATURES } from './features.js';
import { parseExpr } from './parser.js';
import { AT_UNSAFE } from './preprocess.js';
import { printExpr } from './printer.js';
import type { QueryResult } from './engine.js';
import { CUSTOM_SCHEMA } from './histogram-math.js';
import { almostEqual } from './histogram-functions.js';
import { compactHistogram, detectReset } from './histogram-math.js';
import { parseDurationMs, unquoteString } from './lex.js';
import { MemoryQueryable } from './memory-queryable.js';
import { parseSeriesDesc } from './series-desc.js';
import { parseStartTimestampLine } from './start-timestamp-load.js';
import type { StartTimestampLine } from './start-timestamp-load.js';
import type { SequenceValue } from './series-desc.js';

/** One `expect` line of an eval command. */
interface Expectation {
  type: 'ordered' | 'fail' | 'warn' | 'no_warn' | 'info' | 'no_info';
  msg: string | undefined;
  regex: RegExp | undefined;
}

/** A parsed `eval` command. */
interface EvalCmd {
  kind: 'eval';
  line: number;
  expr: string;
  isRange: boolean;
  start: number;
  end: number;
  step: number;
  fail: boolean;
  ordered: boolean;
  warn: boolean;
  info: boolean;
  expects: Expectation[];
  scalar: number | undefined;
  string: string | undefined;
  series: { labels: Labels; values: SequenceValue[]; pos: number }[];
  excludeFromRange: boolean;
  /** Evaluation time of an instant query (the end of an expected range vector). */
  evalAt: number;
}

type Command = { kind: 'clear' } | { kind: 'load'; step: number; nhcb: boolean; lines: string[]; line: number } | EvalCmd;

/** Outcome of one eval command. */
export interface CommandOutcome {
  line: number;
  expr: string;
  ok: boolean;
  error: string | undefined;
}

/** Outcome of a whole script. */
export interface ScriptOutcome {
  passed: number;
  failed: number;
  outcomes: CommandOutcome[];
}

const EVAL_INSTANT = /^eval(?:_(fail|warn|ordered|info))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/;
const EVAL_RANGE = /^eval(?:_(fail|warn|info))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$/;
const EXPECT = /^expect\s+(ordered|fail|warn|no_warn|info|no_info)(?:\s+(regex|msg):(.+))?$/;

function dur(s: string): number {
  const d = parseDurationMs(s.trim());
  if (d === undefined) {
    const n = Number(s);
    if (Number.isFinite(n)) return n * 1000;
    throw new Error(`bad duration ${s}`);
  }
  return d;
}

/** Parses a promqltest script into commands. */
function parseScript(text: string): Command[] {
  const lines = text.split('\n').map((l) => {
    const t = l.trim();
    return t.startsWith('#') ? '' : t;
  });
  const cmds: Command[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l === '') continue;
    const word = l.split(/\s+/)[0]!.toLowerCase();
    if (word === 'clear') {
      cmds.push({ kind: 'clear' });
      continue;
    }
    const body: string[] = [];
    const start = i;
    while (i + 1 < lines.length && lines[i + 1] !== '') body.push(lines[++i]!);
    if (word.startsWith('load')) {
      const m = /^load(?:_(with_nhcb))?\s+(.+?)$/.exec(l);
      if (!m) throw new Error(`line ${start + 1}: bad load`);
      cmds.push({ kind: 'load', step: dur(m[2]!), nhcb: m[1] === 'with_nhcb', lines: body, line: start + 1 });
    } else if (word.startsWith('eval')) {
      cmds.push(parseEval(l, body, start + 1));
    } else throw new Error(`line ${start + 1}: invalid command ${l}`);
  }
  return cmds;
}

function parseEval(l: string, body: string[], line: number): EvalCmd {
  const ri = EVAL_RANGE.exec(l);
  const ii = ri ? null : EVAL_INSTANT.exec(l);
  if (!ri && !ii) throw new Error(`line ${line}: bad eval ${l}`);
  const mod = (ri ? ri[1] : ii![1]) ?? '';
  const cmd: EvalCmd = {
    kind: 'eval',
    line,
    expr: ri ? ri[5]! : ii![3]!,
    isRange: !!ri,
    start: ri ? dur(ri[2]!) : dur(ii![2] ?? '0'),
    end: ri ? dur(ri[3]!) : dur(ii![2] ?? '0'),
    step: ri ? dur(ri[4]!) : 0,
    fail: mod === 'fail',
    ordered: mod === 'ordered',
    warn: mod === 'warn',
    info: mod === 'info',
    expects: [],
    scalar: undefined,
    string: undefined,
    series: [],
    excludeFromRange: false,
    evalAt: 0,
  };
  cmd.evalAt = cmd.start;
  let pos = 1;
  for (const d of body) {
    if (cmd.fail && /^expected_fail_(message|regexp)/.test(d)) {
      const msg = d.replace(/^expected_fail_(message|regexp)\s*/, '');
      const isRe = d.startsWith('expected_fail_regexp');
      cmd.expects.push({ type: 'fail', msg: isRe ? undefined : msg, regex: isRe ? new RegExp(msg) : undefined });
      continue;
    }
    const rv = /^expect range vector\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+)$/.exec(d);
    if (rv) {
      cmd.start = dur(rv[1]!);
      cmd.end = dur(rv[2]!);
      cmd.step = dur(rv[3]!);
      cmd.evalAt = cmd.end;
      cmd.excludeFromRange = true;
      continue;
    }
    if (d.startsWith('expect string')) {
      cmd.string = unquoteString(d.slice('expect string'.length).trim());
      cmd.excludeFromRange = true;
      continue;
    }
    if (d.split(' ')[0] === 'expect') {
      const m = EXPECT.exec(d);
      if (!m) throw new Error(`line ${line}: bad expect ${d}`);
      const kind = m[2];
      const text = m[3]?.trim();
      cmd.expects.push({
        type: m[1] as Expectation['type'],
        msg: kind === 'msg' ? text : undefined,
        regex: kind === 'regex' ? new RegExp(text!) : kind === undefined ? /^.*$/ : undefined,
      });
      continue;
    }
    if (/^[+-]?(\d|\.\d|inf|nan|0x)/i.test(d) && !d.includes('{') && d.split(/\s+/).length === 1) {
      const v = Number(d) ;
      cmd.scalar = Number.isNaN(v) ? parseScalar(d) : v;
      continue;
    }
    const { labels, values } = parseSeriesDesc(d);
    cmd.series.push({ labels, values, pos: pos++ });
  }
  return cmd;
}

function parseScalar(d: string): number {
  const l = d.toLowerCase().replace(/^\+/, '');
  if (l === 'inf') return Infinity;
  if (l === '-inf') return -Infinity;
  if (l === 'nan') return NaN;
  if (/^0x/.test(l)) return parseInt(l, 16);
  return Number(d);
}

/**
 * The reset hint a sample reads back with from a Prometheus TSDB chunk: gauges and explicit
 * resets stay; the first histogram of a chunk reads as unknown, and so does a detected reset
 * (it starts a new chunk; prometheus/prometheus#15346); later samples read as not-a-reset.
 */
function storedHint(prev: FloatHistogram | undefined, h: FloatHistogram): CounterResetHint {
  if (h.counterResetHint === CounterResetHint.Gauge || h.counterResetHint === CounterResetHint.CounterReset) return h.counterResetHint;
  if (h.counterResetHint === CounterResetHint.NotCounterReset) return prev ? CounterResetHint.NotCounterReset : CounterResetHint.Unknown;
  if (!prev || prev.counterResetHint === CounterResetHint.Gauge) return CounterResetHint.Unknown;
  return detectReset(prev, h) ? CounterResetHint.Unknown : CounterResetHint.NotCounterReset;
}

interface LoadDef {
  labels: Labels;
  values: SequenceValue[];
  /** Start-timestamp offsets from an `@st` line, when one preceded the series. */
  stOffsets?: (number | undefined)[];
}

/** The series lines of a load, each with the `@st` line just before it, if any. */
function loadDefs(lines: readonly string[]): LoadDef[] {
  const defs: LoadDef[] = [];
  let pending: StartTimestampLine | undefined;
  for (const line of lines) {
    const st = parseStartTimestampLine(line);
    if (st) {
      if (pending) throw new Error('@st line has no following sample line');
      pending = st;
      continue;
    }
    const d: LoadDef = parseSeriesDesc(line);
    if (pending) {
      if (labelsKey(sortLabels(pending.labels)) !== labelsKey(sortLabels(d.labels))) throw new Error('@st metric does not match the following sample line metric');
      if (pending.offsets.length !== d.values.length) throw new Error(`@st line has ${pending.offsets.length} values but sample line has ${d.values.length}`);
      d.stOffsets = pending.offsets;
      pending = undefined;
    }
    defs.push(d);
  }
  if (pending) throw new Error('@st line has no following sample line');
  return defs;
}

function applyLoad(store: MemoryQueryable, cmd: Extract<Command, { kind: 'load' }>): void {
  const defs = loadDefs(cmd.lines);
  for (const d of defs) {
    let prev: FloatHistogram | undefined;
    d.values.forEach((v, i) => {
      if (v.omitted) return;
      const t = i * cmd.step;
      const off = d.stOffsets?.[i];
      const st = off === undefined ? 0 : t + off;
      if (v.histogram) {
        const h = { ...v.histogram, counterResetHint: storedHint(prev, v.histogram) };
        store.addHistogram(d.labels, t, h, st);
        prev = v.histogram;
      } else {
        store.addFloat(d.labels, t, v.value, st);
        prev = undefined;
      }
    });
  }
  if (cmd.nhcb) loadNhcb(store, defs, cmd.step);
}

/** Converts classic histogram series (`_bucket`, `_count`, `_sum`) into custom-bucket histograms. */
function loadNhcb(store: MemoryQueryable, defs: { labels: Labels; values: SequenceValue[] }[], step: number): void {
  interface Acc {
    labels: Labels;
    byT: Map<number, { buckets: Map<number, number>; count?: number; sum?: number }>;
  }
  const groups = new Map<string, Acc>();
  for (const d of defs) {
    const name = d.labels.find((l) => l.name === METRIC_NAME)?.value ?? '';
    const m = /^(.*)_(bucket|count|sum)$/.exec(name);
    if (!m) continue;
    let le = NaN;
    if (m[2] === 'bucket') {
      const s = d.labels.find((l) => l.name === 'le')?.value;
      if (s === undefined) continue;
      le = s === '+Inf' ? Infinity : Number(s);
      if (Number.isNaN(le)) continue;
    }
    const base = sortLabels([...d.labels.filter((l) => l.name !== METRIC_NAME && l.name !== 'le'), { name: METRIC_NAME, value: m[1]! }]);
    const key = labelsKey(base);
    let g = groups.get(key);
    if (!g) {
      g = { labels: base, byT: new Map() };
      groups.set(key, g);
    }
    d.values.forEach((v, i) => {
      if (v.omitted || v.histogram) return;
      const t = i * step;
      let e = g.byT.get(t);
      if (!e) {
        e = { buckets: new Map() };
        g.byT.set(t, e);
      }
      if (m[2] === 'bucket') e.buckets.set(le, v.value);
      else if (m[2] === 'count') e.count = v.value;
      else e.sum = v.value;
    });
  }
  for (const g of groups.values()) {
    for (const [t, e] of [...g.byT.entries()].sort((a, b) => a[0] - b[0])) {
      const les = [...e.buckets.keys()].sort((a, b) => a - b);
      if (les.length === 0) continue;
      const bounds = les.filter((x) => x !== Infinity);
      const counts: number[] = [];
      let prev = 0;
      for (const le of les) {
        const c = e.buckets.get(le)!;
        counts.push(c - prev);
        prev = c;
      }
      const h: FloatHistogram = {
        counterResetHint: CounterResetHint.Unknown,
        schema: CUSTOM_SCHEMA,
        zeroThreshold: 0,
        zeroCount: 0,
        count: e.count ?? prev,
        sum: e.sum ?? 0,
        positiveSpans: [{ offset: 0, length: counts.length }],
        positiveBuckets: counts,
        negativeSpans: [],
        negativeBuckets: [],
        customValues: bounds,
      };
      store.addHistogram(g.labels, t, h);
    }
  }
}

function histEqual(exp: FloatHistogram, act: FloatHistogram, hintSet: boolean): boolean {
  const a = compactHistogram(exp);
  const b = compactHistogram(act);
  const eq = (x: number, y: number): boolean => almostEqual(x, y, 1e-6);
  if (a.schema !== b.schema || !eq(a.count, b.count) || !eq(a.sum, b.sum)) return false;
  if (a.schema === CUSTOM_SCHEMA && JSON.stringify(a.customValues ?? []) !== JSON.stringify(b.customValues ?? [])) return false;
  if (a.zeroThreshold !== b.zeroThreshold || !eq(a.zeroCount, b.zeroCount)) return false;
  if (JSON.stringify(a.positiveSpans) !== JSON.stringify(b.positiveSpans)) return false;
  if (JSON.stringify(a.negativeSpans) !== JSON.stringify(b.negativeSpans)) return false;
  const beq = (x: number[], y: number[]): boolean => x.length === y.length && x.every((v, i) => eq(v, y[i]!));
  if (!beq(a.positiveBuckets, b.positiveBuckets) || !beq(a.negativeBuckets, b.negativeBuckets)) return false;
  if (hintSet && a.counterResetHint !== b.counterResetHint) return false;
  return true;
}

function fmtLabels(ls: Labels): string {
  return '{' + ls.map((l) => `${l.name}=${JSON.stringify(l.value)}`).join(', ') + '}';
}

function checkAnnotations(cmd: EvalCmd, res: QueryResult): string | undefined {
  if (cmd.warn && res.warnings.length === 0) return 'expected warnings but got none';
  if (cmd.info && res.infos.length === 0) return 'expected info annotations but got none';
  const check = (type: 'warn' | 'info', actual: string[]): string | undefined => {
    const exp = cmd.expects.filter((e) => e.type === type);
    if (exp.length === 0) return undefined;
    if (actual.length === 0) return `expected ${type} annotations but none were found`;
    const match = (e: Expectation, s: string): boolean => (e.regex ? e.regex.test(s) : e.msg === s);
    for (const e of exp) if (!actual.some((a) => match(e, a))) return `expected ${type} ${e.msg ?? e.regex} not found in ${JSON.stringify(actual)}`;
    for (const a of actual) if (!exp.some((e) => match(e, a))) return `unexpected ${type} annotation ${a}`;
    return undefined;
  };
  const w = check('warn', res.warnings) ?? check('info', res.infos);
  if (w) return w;
  if (cmd.expects.some((e) => e.type === 'no_warn') && res.warnings.length) return `unexpected warnings ${JSON.stringify(res.warnings)}`;
  if (cmd.expects.some((e) => e.type === 'no_info') && res.infos.length) return `unexpected infos ${JSON.stringify(res.infos)}`;
  return undefined;
}

function compareResult(cmd: EvalCmd, res: QueryResult): string | undefined {
  const v = res.value;
  const ordered = cmd.ordered || cmd.expects.some((e) => e.type === 'ordered');
  if (v.resultType === 'string') return cmd.string === v.v ? undefined : `expected string ${JSON.stringify(cmd.string)} got ${JSON.stringify(v.v)}`;
  if (v.resultType === 'scalar') {
    if (cmd.scalar === undefined) return `expected vector or matrix result, but got scalar ${v.v}`;
    return almostEqual(cmd.scalar, v.v, 1e-6) ? undefined : `expected scalar ${cmd.scalar} but got ${v.v}`;
  }
  if (cmd.scalar !== undefined) return `expected scalar result, but got ${v.resultType}`;
  const expected = new Map(cmd.series.map((s) => [labelsKey(s.labels), s]));
  if (v.resultType === 'vector') {
    const seen = new Set<string>();
    for (let i = 0; i < v.samples.length; i++) {
      const s = v.samples[i]!;
      const key = labelsKey(s.metric);
      const exp = expected.get(key);
      if (!exp) return `unexpected metric ${fmtLabels(s.metric)} in result, has value ${s.h ? 'histogram' : s.f}`;
      if (ordered && exp.pos !== i + 1) return `expected metric ${fmtLabels(s.metric)} at position ${exp.pos} but was at ${i + 1}`;
      const e0 = exp.values[0]!;
      if (e0.histogram) {
        if (!s.h) return `expected histogram for ${fmtLabels(s.metric)} but got float ${s.f}`;
        if (!histEqual(e0.histogram, s.h, e0.hintSet)) return `expected ${JSON.stringify(e0.histogram)} for ${fmtLabels(s.metric)} but got ${JSON.stringify(s.h)}`;
      } else {
        if (s.h) return `expected float value ${e0.value} for ${fmtLabels(s.metric)} but got histogram ${JSON.stringify(s.h)}`;
        if (!almostEqual(e0.value, s.f, 1e-6)) return `expected ${e0.value} for ${fmtLabels(s.metric)} but got ${s.f}`;
      }
      seen.add(key);
    }
    for (const [k, e] of expected) if (!seen.has(k)) return `expected metric ${fmtLabels(e.labels)} not found`;
    return undefined;
  }
  if (ordered) return 'expected ordered result, but query returned a matrix';
  const seen = new Set<string>();
  for (const s of v.series) {
    const key = labelsKey(s.metric);
    const exp = expected.get(key);
    if (!exp) return `unexpected metric ${fmtLabels(s.metric)} in result`;
    seen.add(key);
    const ef: [number, number][] = [];
    const eh: [number, FloatHistogram, boolean][] = [];
    for (let i = 0; i < exp.values.length; i++) {
      const t = cmd.start + i * cmd.step;
      if (t > cmd.end) return `expected ${exp.values.length} points for ${fmtLabels(exp.labels)}, but query time range cannot return this many points`;
      const e = exp.values[i]!;
      if (e.histogram) eh.push([t, e.histogram, e.hintSet]);
      else if (!e.omitted) ef.push([t, e.value]);
    }
    if (ef.length !== s.timestamps.length || eh.length !== s.histograms.length) {
      return `expected ${ef.length} float points and ${eh.length} histogram points for ${fmtLabels(exp.labels)}, but got ${s.timestamps.length} floats [${Array.from(s.timestamps).join(',')}]=[${Array.from(s.values).join(',')}] and ${s.histograms.length} histograms`;
    }
    for (let i = 0; i < ef.length; i++) {
      if (ef[i]![0] !== s.timestamps[i]) return `expected float at index ${i} for ${fmtLabels(exp.labels)} to have timestamp ${ef[i]![0]}, got ${s.timestamps[i]}`;
      if (!almostEqual(ef[i]![1], s.values[i]!, 1e-6)) return `expected float value at index ${i} (t=${s.timestamps[i]}) for ${fmtLabels(exp.labels)} to be ${ef[i]![1]}, got ${s.values[i]}`;
    }
    for (let i = 0; i < eh.length; i++) {
      if (eh[i]![0] !== s.histogramTimestamps[i]) return `expected histogram at index ${i} to have timestamp ${eh[i]![0]}, got ${s.histogramTimestamps[i]}`;
      if (!histEqual(eh[i]![1], s.histograms[i]!, eh[i]![2])) return `expected histogram at index ${i} for ${fmtLabels(exp.labels)} to be ${JSON.stringify(eh[i]![1])}, got ${JSON.stringify(s.histograms[i])}`;
    }
  }
  for (const [k, e] of expected) if (!seen.has(k)) return `expected metric ${fmtLabels(e.labels)} not found`;
  return undefined;
}

function checkFailure(cmd: EvalCmd, err: unknown): string | undefined {
  const msg = err instanceof Error ? err.message : String(err);
  const exp = cmd.expects.find((e) => e.type === 'fail');
  if (!exp) return undefined;
  const ok = exp.regex ? exp.regex.test(msg) : exp.msg === msg;
  return ok ? undefined : `expected error ${exp.msg ?? exp.regex} but got: ${msg}`;
}

async function execEval(engine: Engine, store: MemoryQueryable, cmd: EvalCmd): Promise<string | undefined> {
  const first = await execOne(engine, store, cmd, cmd.expr, cmd.evalAt);
  if (first !== undefined || cmd.isRange) return first;
  const cases = atModifierCases(cmd.expr, cmd.evalAt);
  for (const c of cases ?? []) {
    const r = await execOne(engine, store, cmd, c.expr, c.at);
    if (r !== undefined) return `with @ pinned (${c.expr} at ${c.at}ms): ${r}`;
  }
  return undefined;
}

async function execOne(engine: Engine, store: MemoryQueryable, cmd: EvalCmd, expr: string, evalAt: number): Promise<string | undefined> {
  const isFail = cmd.fail || cmd.expects.some((e) => e.type === 'fail');
  let res: QueryResult;
  try {
    res = cmd.isRange ? await engine.rangeQuery(store, expr, cmd.start, cmd.end, cmd.step) : await engine.instantQuery(store, expr, evalAt);
  } catch (err) {
    if (isFail) return checkFailure(cmd, err);
    return `error evaluating query: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (isFail) return 'expected error evaluating query but got none';
  const a = checkAnnotations(cmd, res);
  if (a) return a;
  const c = compareResult(cmd, res);
  if (c) return c;
  if (cmd.isRange || cmd.excludeFromRange || /(start|end|range|step)\(\)/.test(expr)) return undefined;
  // Upstream also checks that the same instant query gives the same result as the middle
  // step of a short range query.
  let rr: QueryResult;
  try {
    rr = await engine.rangeQuery(store, expr, evalAt - 60_000, evalAt + 60_000, 60_000);
  } catch (err) {
    return `range-mode check failed: ${err instanceof Error ? err.message : String(err)}`;
  }
  return compareRangeMiddle(res, rr, evalAt);
}

/**
 * Upstream's extra instant evaluations: every selector (outside subqueries that already
 * carry `@`) pinned with `@ <eval time>`, evaluated at several other times, must give the
 * same result. Returns undefined when the expression uses time-dependent functions.
 */
function atModifierCases(expr: string, evalMs: number): { expr: string; at: number }[] | undefined {
  const root = parseExpr(expr, { features: ALL_PROMQL_FEATURES });
  let unsafe = false;
  const pin: AtModifier = { kind: 'time', ms: evalMs };
  const walk = (e: Expr): void => {
    switch (e.type) {
      case 'VectorSelector':
        if (!e.at) e.at = pin;
        return;
      case 'MatrixSelector':
        if (!e.vs.at) e.vs.at = pin;
        return;
      case 'SubqueryExpr':
        if (!e.at) e.at = pin;
        return;
      case 'Call':
        if (AT_UNSAFE.has(e.func)) unsafe = true;
        e.args.forEach(walk);
        return;
      case 'AggregateExpr':
        if (e.param) walk(e.param);
        return walk(e.expr);
      case 'BinaryExpr':
        walk(e.lhs);
        return walk(e.rhs);
      case 'ParenExpr':
      case 'UnaryExpr':
      case 'StepInvariantExpr':
        return walk(e.expr);
      default:
        return;
    }
  };
  walk(root);
  if (unsafe) return undefined;
  const text = printExpr(root);
  const times = evalMs === 0 ? [-1000, 0, 1000] : [-10 * evalMs, 0, Math.trunc(evalMs / 5), evalMs, 10 * evalMs];
  return times.map((at) => ({ expr: text, at }));
}

function compareRangeMiddle(inst: QueryResult, rr: QueryResult, t: number): string | undefined {
  if (rr.value.resultType !== 'matrix') return undefined;
  const mid = new Map<string, number | FloatHistogram>();
  for (const s of rr.value.series) {
    const i = Array.from(s.timestamps).indexOf(t);
    if (i >= 0) mid.set(labelsKey(s.metric), s.values[i]!);
    const j = Array.from(s.histogramTimestamps).indexOf(t);
    if (j >= 0) mid.set(labelsKey(s.metric), s.histograms[j]!);
  }
  if (inst.value.resultType === 'scalar') {
    const x = mid.get('');
    if (typeof x !== 'number' || !almostEqual(x, inst.value.v, 1e-6)) return `range-mode check: scalar ${inst.value.v} vs ${String(x)}`;
    return undefined;
  }
  if (inst.value.resultType !== 'vector') return undefined;
  if (mid.size !== inst.value.samples.length) return `range-mode check: ${inst.value.samples.length} samples vs ${mid.size} at the middle step`;
  for (const s of inst.value.samples) {
    const x = mid.get(labelsKey(s.metric));
    if (x === undefined) return `range-mode check: ${fmtLabels(s.metric)} missing in range result`;
    if (typeof x === 'number') {
      if (s.h || !almostEqual(x, s.f, 1e-6)) return `range-mode check: ${fmtLabels(s.metric)} ${s.f} vs ${x}`;
    } else if (!s.h || !histEqual(x, s.h, false)) return `range-mode check: ${fmtLabels(s.metric)} histogram differs`;
  }
  return undefined;
}

/**
 * Runs a promqltest script against a fresh in-memory store and `engine`, by default one with
 * every experimental feature on, as Prometheus's own harness runs these scripts.
 */
export async function runScript(text: string, engine?: Engine): Promise<ScriptOutcome> {
  const ng = engine ?? new Engine({ features: ALL_PROMQL_FEATURES, maxSamples: 50_000_000, timeoutMs: 100_000 });
  const store = new MemoryQueryable();
  const outcomes: CommandOutcome[] = [];
  let cmds: Command[];
  try {
    cmds = parseScript(text);
  } catch (err) {
    // Syntax this runner does not know (e.g. start-timestamp lines): every eval counts as failed.
    const evals = text.split('\n').filter((l) => /^\s*eval/.test(l)).length;
    const error = `script not understood: ${err instanceof Error ? err.message : String(err)}`;
    return { passed: 0, failed: evals, outcomes: Array.from({ length: evals }, () => ({ line: 0, expr: '', ok: false, error })) };
  }
  for (const cmd of cmds) {
    if (cmd.kind === 'clear') store.clear();
    else if (cmd.kind === 'load') {
      try {
        applyLoad(store, cmd);
      } catch (err) {
        outcomes.push({ line: cmd.line, expr: 'load', ok: false, error: `load failed: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
    else {
      let error: string | undefined;
      try {
        error = await execEval(ng, store, cmd);
      } catch (err) {
        error = `runner error: ${err instanceof Error ? err.stack : String(err)}`;
      }
      outcomes.push({ line: cmd.line, expr: cmd.expr, ok: error === undefined, error });
    }
  }
  const passed = outcomes.filter((o) => o.ok).length;
  return { passed, failed: outcomes.length - passed, outcomes };
}
