import { parser as lezer } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';
import { EpimetheusError } from '../errors/index.js';
import { Matcher, METRIC_NAME } from '../model/index.js';
import type { MatchType } from '../model/index.js';
import type {
  AggregateOp,
  AtModifier,
  BinaryExpr,
  BinaryOp,
  DurationFn,
  Expr,
  MatrixSelector,
  PosRange,
  VectorMatching,
  VectorSelector,
} from './ast.js';
import { checkAst } from './checker.js';
export { exprType } from './checker.js';
import { compileDurationExpr, evalDurationExpr, experimentalDurationPos } from './duration-expr.js';
import { resolveFeatures } from './features.js';
import type { PromqlFeatures } from './features.js';
import { functionSignature } from './function-signatures.js';
import { goQuote, isValidUtf8, parseNumberToken, unquoteString } from './lex.js';
import { prepareForLezer, translateRe2 } from './re2.js';

/** Options for `parseExpr`. */
export interface ParseOptions {
  /**
   * Allow functions Prometheus marks experimental; shorthand for
   * `features.experimentalFunctions`, which wins when both are set. @default false
   */
  enableExperimentalFunctions?: boolean;
  /** Experimental syntax to accept; unset fields take `DEFAULT_PROMQL_FEATURES`. */
  features?: Partial<PromqlFeatures>;
}

/** A parse failure carrying the byte position, rendered like Prometheus's `ParseErr`. */
export class ParseError extends EpimetheusError {
  constructor(
    readonly query: string,
    readonly pos: number,
    readonly detail: string,
  ) {
    super('bad_data', `${positionString(query, pos)} parse error: ${detail}`);
    this.name = 'ParseError';
  }
}

/** Renders a byte offset as Prometheus does: `line:col:`. */
export function positionString(query: string, pos: number): string {
  if (pos < 0 || pos > query.length) return 'invalid position:';
  let line = 1;
  let lastBreak = -1;
  for (let i = 0; i < pos; i++) {
    if (query[i] === '\n') {
      line++;
      lastBreak = i;
    }
  }
  return `${line}:${pos - lastBreak}:`;
}

const BIN_OPS: Record<string, BinaryOp> = {
  Pow: '^',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Atan2: 'atan2',
  TrimUpper: '</',
  TrimLower: '>/',
  Add: '+',
  Sub: '-',
  Eql: '==',
  Neq: '!=',
  Gte: '>=',
  Gtr: '>',
  Lte: '<=',
  Lss: '<',
  And: 'and',
  Or: 'or',
  Unless: 'unless',
};

const MATCH_OPS: Record<string, MatchType> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };

/** Returns the children of a node, skipping anonymous punctuation. */
function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

class Builder {
  constructor(
    readonly q: string,
    readonly features: PromqlFeatures,
  ) {}

  text(n: SyntaxNode): string {
    return this.q.slice(n.from, n.to);
  }

  fail(pos: number, msg: string): never {
    throw new ParseError(this.q, pos, msg);
  }

  pos(n: SyntaxNode): PosRange {
    return { start: n.from, end: n.to };
  }

  build(node: SyntaxNode): Expr {
    switch (node.name) {
      case 'NumberDurationLiteral': {
        const v = parseNumberToken(this.text(node));
        if (v === undefined) this.fail(node.from, `bad number or duration syntax: "${this.text(node)}"`);
        return { type: 'NumberLiteral', value: v, pos: this.pos(node) };
      }
      case 'StringLiteral':
        return { type: 'StringLiteral', value: this.str(node), pos: this.pos(node) };
      case 'ParenExpr':
        return { type: 'ParenExpr', expr: this.build(this.exprChild(node, 0)), pos: this.pos(node) };
      case 'UnaryExpr': {
        const op = this.text(node.firstChild!) as '-' | '+';
        return { type: 'UnaryExpr', op, expr: this.build(this.exprChild(node, 0)), pos: this.pos(node) };
      }
      case 'VectorSelector':
        return this.vectorSelector(node);
      case 'MatrixSelector':
        return this.matrixSelector(node);
      case 'SubqueryExpr':
        return this.subquery(node);
      case 'OffsetExpr':
        return this.offset(node);
      case 'StepInvariantExpr':
        return this.at(node);
      case 'AnchoredExpr':
      case 'SmoothedExpr':
        return this.extendedRange(node);
      case 'FunctionCall':
        return this.call(node);
      case 'AggregateExpr':
        return this.aggregate(node);
      case 'BinaryExpr':
        return this.binary(node);
      default:
        return this.fail(node.from, `unexpected ${node.name}`);
    }
  }

  /** The i-th child that is an expression (not a keyword or modifier node). */
  exprChild(node: SyntaxNode, i: number): SyntaxNode {
    let k = 0;
    for (const c of children(node)) {
      if (c.type.is('Expr')) {
        if (k === i) return c;
        k++;
      }
    }
    return this.fail(node.to, 'missing expression');
  }

  str(node: SyntaxNode): string {
    try {
      return unquoteString(this.text(node));
    } catch (e) {
      return this.fail(node.from, (e as Error).message);
    }
  }

  vectorSelector(node: SyntaxNode): VectorSelector {
    let name = '';
    const matchers: Matcher[] = [];
    for (const c of children(node)) {
      if (c.name === 'Identifier') name = this.text(c);
      else if (c.name === 'LabelMatchers') this.labelMatchers(c, matchers);
    }
    if (name !== '') {
      for (const m of matchers) {
        if (m.name === METRIC_NAME && m.type === '=') {
          this.fail(node.from, `metric name must not be set twice: ${goQuote(name)} or ${goQuote(m.value)}`);
        }
      }
      matchers.unshift(new Matcher('=', METRIC_NAME, name));
    }
    return { type: 'VectorSelector', name, matchers, offset: 0, at: undefined, pos: this.pos(node) };
  }

  labelMatchers(node: SyntaxNode, out: Matcher[]): void {
    let nameCount = 0;
    for (const c of children(node)) {
      if (c.name === 'QuotedLabelName') {
        // A bare quoted string inside braces is the metric name.
        nameCount++;
        out.push(new Matcher('=', METRIC_NAME, this.str(c.firstChild!)));
        continue;
      }
      if (c.name !== 'UnquotedLabelMatcher' && c.name !== 'QuotedLabelMatcher') continue;
      const parts = children(c);
      const nameNode = parts[0]!;
      const label = nameNode.name === 'QuotedLabelName' ? this.str(nameNode.firstChild!) : this.text(nameNode);
      const opNode = parts[1]?.firstChild;
      const valNode = parts[2];
      if (!opNode || !valNode || valNode.name !== 'StringLiteral') this.fail(c.from, 'unexpected end of label matcher');
      const op = MATCH_OPS[opNode.name];
      if (!op) this.fail(opNode.from, `unexpected ${this.text(opNode)} in label matching, expected label matching operator`);
      const value = this.str(valNode);
      try {
        out.push(new Matcher(op, label, op === '=~' || op === '!~' ? translateRe2(value) : value));
      } catch (e) {
        this.fail(valNode.from, `invalid regular expression ${goQuote(value)}: ${(e as Error).message}`);
      }
    }
    if (nameCount > 1) this.fail(node.from, 'metric name must not be set twice');
  }

  /** Refuses a duration expression when the feature is off, where Prometheus does. */
  checkDurationFeature(node: SyntaxNode): void {
    if (this.features.durationExpressions) return;
    const at = experimentalDurationPos(node);
    if (at !== undefined) this.fail(at, 'experimental duration expression is not enabled');
  }

  duration(node: SyntaxNode): number {
    this.checkDurationFeature(node);
    try {
      return evalDurationExpr(this.q, node);
    } catch (e) {
      return this.fail(node.from, (e as Error).message);
    }
  }

  /** The resolver of a duration using step() or range(), or undefined for a static one. */
  durationFn(node: SyntaxNode): DurationFn | undefined {
    try {
      const c = compileDurationExpr(this.q, node);
      return c.dynamic ? c.fn : undefined;
    } catch (e) {
      return this.fail(node.from, (e as Error).message);
    }
  }

  matrixSelector(node: SyntaxNode): Expr {
    const inner = this.build(this.exprChild(node, 0));
    const durNode = children(node).find((c) => c.name === 'DurationExpr');
    const range = durNode ? this.duration(durNode) : 0;
    const rangeFn = durNode ? this.durationFn(durNode) : undefined;
    return this.postfix(inner, node, (target) => {
      if (target.type !== 'VectorSelector') {
        this.fail(target.pos.start, 'ranges only allowed for vector selectors');
      }
      if (target.offset !== 0 || target.at) this.fail(node.from, 'no offset modifiers allowed before range');
      if (range <= 0 && !rangeFn) this.fail(durNode?.from ?? node.from, `range must be greater than 0`);
      const m: MatrixSelector = {
        type: 'MatrixSelector',
        vs: target,
        range,
        anchored: false,
        smoothed: false,
        pos: { start: target.pos.start, end: node.to },
      };
      if (rangeFn) m.rangeFn = rangeFn;
      return m;
    });
  }

  subquery(node: SyntaxNode): Expr {
    const inner = this.build(this.exprChild(node, 0));
    const durs = children(node).filter((c) => c.name === 'DurationExpr');
    const range = this.duration(durs[0]!);
    const step = durs[1] ? this.duration(durs[1]) : 0;
    const rangeFn = this.durationFn(durs[0]!);
    const stepFn = durs[1] ? this.durationFn(durs[1]) : undefined;
    if (range <= 0 && !rangeFn) this.fail(durs[0]!.from, 'range must be greater than 0');
    if (durs[1] && step <= 0 && !stepFn) this.fail(durs[1].from, 'step must be greater than 0');
    return this.postfix(inner, node, (target) => {
      const sq: Expr = { type: 'SubqueryExpr', expr: target, range, step, offset: 0, at: undefined, pos: { start: target.pos.start, end: node.to } };
      if (rangeFn) sq.rangeFn = rangeFn;
      if (stepFn) sq.stepFn = stepFn;
      return sq;
    });
  }

  offset(node: SyntaxNode): Expr {
    const inner = this.build(this.exprChild(node, 0));
    const durNode = children(node).find((c) => c.name === 'OffsetDurationExpr')!;
    const off = this.duration(durNode);
    const offFn = this.durationFn(durNode);
    return this.postfix(inner, node, (target) => {
      const sel = target.type === 'MatrixSelector' ? target.vs : target;
      if (sel.type !== 'VectorSelector' && sel.type !== 'SubqueryExpr') {
        this.fail(node.from, 'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery');
      }
      if (sel.offset !== 0) this.fail(node.from, 'offset may not be set multiple times');
      sel.offset = off;
      if (offFn) sel.offsetFn = offFn;
      target.pos = { start: target.pos.start, end: node.to };
      return target;
    });
  }

  at(node: SyntaxNode): Expr {
    const inner = this.build(this.exprChild(node, 0));
    let at: AtModifier;
    const lit = children(node).find((c) => c.name === 'NumberDurationLiteral');
    if (lit) {
      const v = parseNumberToken(this.text(lit));
      if (v === undefined || !Number.isFinite(v)) this.fail(lit.from, `timestamp out of bounds for @ modifier: ${this.text(lit)}`);
      at = { kind: 'time', ms: Math.round(v * 1000) };
    } else {
      const pre = children(node).find((c) => c.name === 'AtModifierPreprocessors');
      at = pre?.firstChild?.name === 'AtEnd' ? { kind: 'end' } : { kind: 'start' };
    }
    return this.postfix(inner, node, (target) => {
      const sel = target.type === 'MatrixSelector' ? target.vs : target;
      if (sel.type !== 'VectorSelector' && sel.type !== 'SubqueryExpr') {
        this.fail(node.from, '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery');
      }
      if (sel.at) this.fail(node.from, '@ <timestamp> may not be set multiple times');
      sel.at = at;
      target.pos = { start: target.pos.start, end: node.to };
      return target;
    });
  }

  extendedRange(node: SyntaxNode): Expr {
    const inner = this.build(this.exprChild(node, 0));
    const word = node.name === 'AnchoredExpr' ? 'anchored' : 'smoothed';
    return this.postfix(inner, node, (target) => {
      if (!this.features.extendedRangeSelectors) this.fail(target.pos.start, `${word} modifier is experimental and not enabled`);
      if (target.type === 'SubqueryExpr') this.fail(target.pos.start, `${word} modifier is not supported for subqueries`);
      if (target.type !== 'MatrixSelector' && target.type !== 'VectorSelector') this.fail(target.pos.start, `${word} modifier not implemented`);
      if (word === 'anchored') target.anchored = true;
      else target.smoothed = true;
      if (target.anchored && target.smoothed) this.fail(target.pos.start, 'anchored and smoothed modifiers cannot be used together');
      return target;
    });
  }

  /**
   * Applies a postfix modifier (`[..]`, `offset`, `@`) the way Prometheus binds it: to the
   * rightmost operand of an unparenthesised binary or unary expression. The lezer grammar
   * attaches it to the whole expression instead.
   */
  postfix(inner: Expr, node: SyntaxNode, apply: (target: Expr) => Expr): Expr {
    if (inner.type === 'BinaryExpr') {
      inner.rhs = this.postfix(inner.rhs, node, apply);
      inner.pos = { start: inner.pos.start, end: node.to };
      return inner;
    }
    if (inner.type === 'UnaryExpr') {
      inner.expr = this.postfix(inner.expr, node, apply);
      inner.pos = { start: inner.pos.start, end: node.to };
      return inner;
    }
    if (inner.type === 'NumberLiteral' && inner.value < 0 && this.q[inner.pos.start] === '-') {
      // `-1 offset 5m` and the like: the sign is a unary operator in Prometheus.
      const lit: Expr = { type: 'NumberLiteral', value: -inner.value, pos: { start: inner.pos.start + 1, end: inner.pos.end } };
      return { type: 'UnaryExpr', op: '-', expr: apply(lit), pos: { start: inner.pos.start, end: node.to } };
    }
    return apply(inner);
  }

  call(node: SyntaxNode): Expr {
    const idNode = children(node).find((c) => c.name === 'FunctionIdentifier')!;
    const func = this.text(idNode).replace(/^minute$/, (m) => m);
    const body = children(node).find((c) => c.name === 'FunctionCallBody');
    const args = body ? children(body).filter((c) => c.type.is('Expr')).map((c) => this.build(c)) : [];
    const sig = functionSignature(func);
    if (!sig) this.fail(idNode.from, `unknown function with name ${goQuote(func)}`);
    if (sig.experimental && !this.features.experimentalFunctions) this.fail(idNode.from, `function ${goQuote(func)} is not enabled`);
    return { type: 'Call', func, args, pos: this.pos(node) };
  }

  grouping(node: SyntaxNode): string[] {
    const out: string[] = [];
    for (const c of children(node)) {
      if (c.name === 'LabelName') out.push(this.text(c));
      else if (c.name === 'QuotedLabelName') out.push(this.str(c.firstChild!));
    }
    for (const l of out) if (!isValidUtf8(l)) this.fail(node.from, `invalid label name ${goQuote(l)}`);
    return out;
  }

  aggregate(node: SyntaxNode): Expr {
    const parts = children(node);
    const opNode = parts.find((c) => c.name === 'AggregateOp')!;
    const op = this.text(opNode).toLowerCase() as AggregateOp;
    const mod = parts.find((c) => c.name === 'AggregateModifier');
    const body = parts.find((c) => c.name === 'FunctionCallBody')!;
    const args = children(body).filter((c) => c.type.is('Expr'));
    let grouping: string[] = [];
    let without = false;
    if (mod) {
      without = mod.firstChild!.name === 'Without';
      const gl = children(mod).find((c) => c.name === 'GroupingLabels');
      grouping = gl ? this.grouping(gl) : [];
    }
    const hasParam = ['topk', 'bottomk', 'quantile', 'count_values', 'limitk', 'limit_ratio'].includes(op);
    const want = hasParam ? 2 : 1;
    if (args.length !== want) {
      if (args.length > want) this.fail(node.from, `wrong number of arguments for aggregate expression provided, expected ${want}, got ${args.length}`);
      this.fail(node.from, 'no arguments for aggregate expression provided');
    }
    const param = hasParam ? this.build(args[0]!) : undefined;
    const expr = this.build(args[hasParam ? 1 : 0]!);
    if ((op === 'limitk' || op === 'limit_ratio') && !this.features.experimentalFunctions) {
      this.fail(node.from, `${op}() is experimental and must be enabled with --enable-feature=promql-experimental-functions`);
    }
    return { type: 'AggregateExpr', op, expr, param, grouping, without, pos: this.pos(node) };
  }

  binary(node: SyntaxNode): Expr {
    const parts = children(node);
    const lhs = this.build(this.exprChild(node, 0));
    const rhs = this.build(this.exprChild(node, 1));
    const opNode = parts.find((c) => BIN_OPS[c.name] !== undefined && !c.type.is('Expr'))!;
    const op = BIN_OPS[opNode.name]!;
    const returnBool = parts.some((c) => c.name === 'BoolModifier');
    const fill = parts.find((c) => c.name === 'FillModifier');
    let fillLeft: number | undefined;
    let fillRight: number | undefined;
    for (const clause of fill ? children(fill) : []) {
      const lit = children(clause).find((c) => c.name === 'NumberDurationLiteral');
      const v = lit ? parseNumberToken(this.text(lit)) : undefined;
      if (v === undefined) this.fail(clause.from, 'invalid fill value');
      if (clause.name !== 'FillRightClause') fillLeft = v;
      if (clause.name !== 'FillLeftClause') fillRight = v;
    }
    const mm = parts.find((c) => c.name === 'MatchingModifierClause');
    let matching: VectorMatching | undefined;
    if (mm) {
      const mparts = children(mm);
      const groups = mparts.filter((c) => c.name === 'GroupingLabels');
      const side = mparts.find((c) => c.name === 'GroupLeft' || c.name === 'GroupRight');
      matching = {
        card: side ? (side.name === 'GroupLeft' ? 'many-to-one' : 'one-to-many') : 'one-to-one',
        labels: groups[0] ? this.grouping(groups[0]) : [],
        on: mparts[0]!.name === 'On',
        include: groups[1] ? this.grouping(groups[1]) : [],
      };
    }
    if (fill && !this.features.binopFillModifiers) this.fail(lhs.pos.start, 'binop fill modifiers are experimental and not enabled');
    const b: BinaryExpr = { type: 'BinaryExpr', op, lhs, rhs, returnBool, matching, pos: { start: lhs.pos.start, end: rhs.pos.end } };
    if (fillLeft !== undefined) b.fillLeft = fillLeft;
    if (fillRight !== undefined) b.fillRight = fillRight;
    return associate(b);
  }
}

function precedence(op: BinaryOp): number {
  switch (op) {
    case '^':
      return 6;
    case '*':
    case '/':
    case '%':
    case 'atan2':
      return 5;
    case '+':
    case '-':
      return 4;
    case 'and':
    case 'unless':
      return 2;
    case 'or':
      return 1;
    default:
      return 3;
  }
}

/**
 * Restores operator precedence where a postfix modifier made lezer group too early: in
 * `a + b offset 1m * 2` the grammar reduces `a + b` before it sees the offset, so the
 * multiplication ends up above the addition. An unparenthesised lower-precedence binary
 * expression on the left is rotated down to the right.
 */
function associate(e: BinaryExpr): BinaryExpr {
  const l = e.lhs;
  if (l.type !== 'BinaryExpr') return e;
  const pl = precedence(l.op);
  const p = precedence(e.op);
  if (pl > p || (pl === p && e.op !== '^')) return e;
  e.lhs = l.rhs;
  e.pos = { start: e.lhs.pos.start, end: e.rhs.pos.end };
  l.rhs = associate(e);
  l.pos = { start: l.lhs.pos.start, end: l.rhs.pos.end };
  return l;
}

/** Finds the first lezer error node, if any. */
function firstError(top: SyntaxNode): SyntaxNode | undefined {
  let found: SyntaxNode | undefined;
  top.cursor().iterate((n) => {
    if (found) return false;
    if (n.type.isError) {
      found = n.node;
      return false;
    }
    return true;
  });
  return found;
}

function describeError(q: string, err: SyntaxNode): string {
  const at = q.slice(err.from, Math.max(err.to, err.from + 1)).trim();
  if (err.from >= q.trimEnd().length) return 'unexpected end of input';
  const quote = /^["'`]/.test(at);
  if (quote) return 'unterminated quoted string';
  return `unexpected character: ${goQuote(at.slice(0, 1)).replace(/^"|"$/g, "'")}`;
}

/**
 * Parses a PromQL expression into the typed AST and checks its types.
 * @throws ParseError (an `EpimetheusError` with category `bad_data`) for malformed queries.
 */
export function parseExpr(query: string, opts: ParseOptions = {}): Expr {
  if (query.trim() === '') throw new ParseError(query, 0, 'no expression found in input');
  const tree = lezer.parse(prepareForLezer(query));
  const top = tree.topNode;
  const err = firstError(top);
  if (err) throw new ParseError(query, err.from, describeError(query, err));
  const exprNode = top.firstChild;
  if (!exprNode) throw new ParseError(query, 0, 'no expression found in input');
  const features = resolveFeatures({ experimentalFunctions: opts.enableExperimentalFunctions, ...opts.features });
  const expr = new Builder(query, features).build(exprNode);
  checkAst(expr, query);
  return expr;
}

