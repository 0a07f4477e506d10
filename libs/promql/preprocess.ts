import { EpimetheusError } from '../errors/index.js';
import type { AtModifier, Call, Expr, SubqueryExpr, VectorSelector } from './ast.js';
import { Matcher, METRIC_NAME } from '../model/index.js';
import type { SelectHints } from '../model/index.js';

/** Functions whose result depends on the evaluation time even with step-invariant input. Exported for the test runner. */
export const AT_UNSAFE = new Set([
  'days_in_month',
  'day_of_month',
  'day_of_week',
  'day_of_year',
  'hour',
  'minute',
  'month',
  'year',
  'predict_linear',
  'time',
  'timestamp',
  // Query-context functions: their value depends on the query, not on the data.
  'start',
  'end',
  'range',
  'step',
]);

function resolveAt(at: AtModifier | undefined, start: number, end: number): AtModifier | undefined {
  if (!at || at.kind === 'time') return at;
  return { kind: 'time', ms: at.kind === 'start' ? start : end };
}

function wrap(e: Expr): Expr {
  return { type: 'StepInvariantExpr', expr: e, pos: e.pos };
}

/**
 * Resolves `@ start()`/`@ end()` and wraps step-invariant subtrees so they are evaluated
 * once, as Prometheus's PreprocessExpr does. Returns the (possibly wrapped) root.
 */
export function preprocess(root: Expr, start: number, end: number, step = 0): Expr {
  const ctx = { stepMs: step, rangeMs: end - start };
  const helper = (e: Expr): boolean => {
    switch (e.type) {
      case 'VectorSelector':
        if (e.offsetFn) e.offset = e.offsetFn(ctx);
        e.at = resolveAt(e.at, start, end);
        return e.at !== undefined;
      case 'MatrixSelector':
        if (e.rangeFn) e.range = e.rangeFn(ctx);
        if (e.range <= 0) throw new EpimetheusError('bad_data', 'range must be greater than 0');
        return helper(e.vs);
      case 'SubqueryExpr': {
        if (e.rangeFn) e.range = e.rangeFn(ctx);
        if (e.stepFn) e.step = e.stepFn(ctx);
        if (e.offsetFn) e.offset = e.offsetFn(ctx);
        if (helper(e.expr)) e.expr = wrap(e.expr);
        e.at = resolveAt(e.at, start, end);
        return e.at !== undefined;
      }
      case 'AggregateExpr':
        if (e.param) helper(e.param);
        return helper(e.expr);
      case 'BinaryExpr': {
        const l = helper(e.lhs);
        const r = helper(e.rhs);
        if (l && r) return true;
        if (l) e.lhs = wrap(e.lhs);
        if (r) e.rhs = wrap(e.rhs);
        return false;
      }
      case 'Call': {
        const inv = e.args.map((a) => helper(a));
        if (!AT_UNSAFE.has(e.func) && inv.every((x) => x)) return true;
        e.args = e.args.map((a, i) => (inv[i] && a.type !== 'NumberLiteral' && a.type !== 'StringLiteral' ? wrap(a) : a));
        return false;
      }
      case 'ParenExpr':
      case 'UnaryExpr':
        return helper(e.expr);
      case 'StepInvariantExpr':
        return true;
      case 'NumberLiteral':
      case 'StringLiteral':
        return true;
    }
  };
  if (helper(root)) return wrap(root);
  return root;
}

/** A selector and the time range and hints to fetch it with. */
export interface SelectorFetch {
  vs: VectorSelector;
  mint: number;
  maxt: number;
  hints: SelectHints;
}

/**
 * Lists every selector with the time range its evaluation will read, as Prometheus's
 * getTimeRangesForSelector: `[start - offset - range(or lookback), end - offset]`, with `@`
 * pinning both ends and subqueries widening the range.
 */
export function selectorRanges(root: Expr, start: number, end: number, step: number, lookback: number, subStep: number): SelectorFetch[] {
  const out: SelectorFetch[] = [];
  const visit = (e: Expr, s: number, t: number, st: number, func: string | undefined): void => {
    switch (e.type) {
      case 'VectorSelector':
      case 'MatrixSelector': {
        const vs = e.type === 'VectorSelector' ? e : e.vs;
        const ext = e.type === 'MatrixSelector' && (e.anchored || e.smoothed) ? lookback : 0;
        const range = (e.type === 'MatrixSelector' ? e.range : lookback) + ext;
        const at = vs.at?.kind === 'time' ? vs.at.ms : undefined;
        const a = (at ?? s) - vs.offset - range;
        const b = (at ?? t) - vs.offset + ((e.type === 'MatrixSelector' && e.smoothed) || (e.type === 'VectorSelector' && e.smoothed) ? lookback : 0);
        out.push({
          vs,
          mint: a + 1,
          maxt: b,
          hints: {
            start: a + 1,
            end: b,
            step: st,
            range: e.type === 'MatrixSelector' ? e.range : 0,
            ...(func ? { func } : {}),
            unsorted: true,
          },
        });
        return;
      }
      case 'SubqueryExpr': {
        const at = e.at?.kind === 'time' ? e.at.ms : undefined;
        const ss = (at ?? s) - e.offset - e.range;
        const tt = (at ?? t) - e.offset;
        visit(e.expr, ss, tt, e.step || subStep, undefined);
        return;
      }
      case 'Call':
        for (const a of e.args) visit(a, s, t, st, e.func);
        if (e.func === 'info') {
          const vs = infoSelector(e);
          const at = vs.at?.kind === 'time' ? vs.at.ms : undefined;
          const a = (at ?? s) - vs.offset - lookback;
          const b = (at ?? t) - vs.offset;
          out.push({ vs, mint: a + 1, maxt: b, hints: { start: a + 1, end: b, step: st, func: 'info', unsorted: true } });
        }
        return;
      case 'AggregateExpr':
        if (e.param) visit(e.param, s, t, st, func);
        visit(e.expr, s, t, st, e.op);
        return;
      case 'BinaryExpr':
        visit(e.lhs, s, t, st, func);
        visit(e.rhs, s, t, st, func);
        return;
      case 'ParenExpr':
      case 'UnaryExpr':
      case 'StepInvariantExpr':
        visit(e.expr, s, t, st, func);
        return;
      default:
        return;
    }
  };
  visit(root, start, end, step, undefined);
  return out;
}

/**
 * Marks selectors read only through histogram_count/sum/avg, where Prometheus decodes
 * histogram statistics and re-detects counter resets on the fly.
 */
export function markStatsOnly(root: Expr): void {
  const walk = (e: Expr, mode: boolean | undefined): void => {
    switch (e.type) {
      case 'VectorSelector':
        e.statsOnly = mode === true;
        return;
      case 'MatrixSelector':
        return walk(e.vs, mode);
      case 'SubqueryExpr':
        return walk(e.expr, false);
      case 'Call': {
        let m = mode;
        if (m !== false) {
          if (['histogram_count', 'histogram_sum', 'histogram_avg'].includes(e.func)) m = true;
          else if (['histogram_quantile', 'histogram_quantiles', 'histogram_fraction'].includes(e.func)) m = false;
        }
        for (const a of e.args) walk(a, m);
        return;
      }
      case 'BinaryExpr': {
        const m = e.op === '</' || e.op === '>/' ? false : mode;
        walk(e.lhs, m);
        walk(e.rhs, m);
        return;
      }
      case 'AggregateExpr':
        if (e.param) walk(e.param, mode);
        return walk(e.expr, mode);
      case 'ParenExpr':
      case 'UnaryExpr':
      case 'StepInvariantExpr':
        return walk(e.expr, mode);
      default:
        return;
    }
  };
  walk(root, undefined);
}

const TARGET_INFO = 'target_info';

/** Prometheus's effectiveInfoNameMatchers: which info metrics `info()` reads. */
export function effectiveInfoNameMatchers(ms: Matcher[]): Matcher[] {
  if (ms.some((m) => m.type === '=' || m.type === '=~')) return ms;
  if (ms.length > 0) return [new Matcher('=~', METRIC_NAME, '.+_info'), ...ms];
  return [new Matcher('=', METRIC_NAME, TARGET_INFO)];
}

/** Builds (once) the selector of info series for an `info()` call, with the base selector's offset and @. */
function infoSelector(e: Call): VectorSelector {
  if (e.infoSelector) return e.infoSelector;
  const label = e.args[1];
  const given = label && label.type === 'VectorSelector' ? label.matchers : [];
  const nameMatchers = given.filter((m) => m.name === METRIC_NAME);
  const data = given.filter((m) => m.name !== METRIC_NAME);
  // As Prometheus's infoSelectTimestampAndOffset: the first selector's @ and offset, with the
  // offsets (and @) of enclosing subqueries when the selector has no @ of its own.
  let found: { offset: number; at: AtModifier | undefined } | undefined;
  const find = (x: Expr, path: SubqueryExpr[]): void => {
    if (found) return;
    if (x.type === 'VectorSelector' || x.type === 'MatrixSelector') {
      const vs = x.type === 'VectorSelector' ? x : x.vs;
      let offset = vs.offset;
      let at = vs.at;
      for (let i = path.length - 1; !at && i >= 0; i--) {
        offset += path[i]!.offset;
        at = path[i]!.at;
      }
      found = { offset, at };
    } else if (x.type === 'Call') x.args.forEach((a) => find(a, path));
    else if (x.type === 'AggregateExpr') find(x.expr, path);
    else if (x.type === 'BinaryExpr') {
      find(x.lhs, path);
      find(x.rhs, path);
    } else if (x.type === 'SubqueryExpr') find(x.expr, [...path, x]);
    else if (x.type === 'ParenExpr' || x.type === 'UnaryExpr' || x.type === 'StepInvariantExpr') find(x.expr, path);
  };
  find(e.args[0]!, []);
  e.infoSelector = {
    type: 'VectorSelector',
    name: '',
    matchers: [...data, ...effectiveInfoNameMatchers(nameMatchers)],
    offset: found?.offset ?? 0,
    at: found?.at,
    pos: e.pos,
  };
  return e.infoSelector;
}
