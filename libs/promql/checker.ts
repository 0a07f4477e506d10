import type { BinaryExpr, Call, Expr, ValueType } from './ast.js';
import { functionSignature } from './function-signatures.js';
import { ParseError } from './parser.js';

/** The value type an expression evaluates to. */
export function exprType(e: Expr): ValueType {
  switch (e.type) {
    case 'NumberLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'VectorSelector':
    case 'AggregateExpr':
      return 'vector';
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return 'matrix';
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'StepInvariantExpr':
      return exprType(e.expr);
    case 'BinaryExpr':
      return exprType(e.lhs) === 'scalar' && exprType(e.rhs) === 'scalar' ? 'scalar' : 'vector';
    case 'Call':
      return functionSignature(e.func)?.returns ?? 'vector';
  }
}

/** Type names as Prometheus prints them in errors. */
export function documentedType(t: ValueType): string {
  return t === 'vector' ? 'instant vector' : t === 'matrix' ? 'range vector' : t;
}

const COMPARISON = new Set(['==', '!=', '>', '<', '>=', '<=']);
const SET_OPS = new Set(['and', 'or', 'unless']);

/** Whether `op` is a comparison operator. */
export function isComparison(op: string): boolean {
  return COMPARISON.has(op);
}

/** Whether `op` is a set operator (and, or, unless). */
export function isSetOp(op: string): boolean {
  return SET_OPS.has(op);
}

/**
 * Checks types and modifiers the way Prometheus's parser does after building the tree:
 * children before their parent, each error at the position Prometheus reports.
 * @throws ParseError on the first problem.
 */
export function checkAst(root: Expr, q: string): void {
  const fail = (pos: number, msg: string): never => {
    throw new ParseError(q, pos, msg);
  };
  const expect = (e: Expr, want: ValueType, ctx: string): void => {
    visit(e);
    const got = exprType(e);
    if (got !== want) fail(e.pos.start, `expected type ${documentedType(want)} in ${ctx}, got ${documentedType(got)}`);
  };
  const visit = (e: Expr): void => {
    switch (e.type) {
      case 'NumberLiteral':
      case 'StringLiteral':
        return;
      case 'VectorSelector':
        if (!e.matchers.some((m) => !m.matchesEmpty())) {
          fail(e.pos.start, 'vector selector must contain at least one non-empty matcher');
        }
        return;
      case 'MatrixSelector':
        return visit(e.vs);
      case 'ParenExpr':
      case 'StepInvariantExpr':
        return visit(e.expr);
      case 'SubqueryExpr': {
        visit(e.expr);
        const t = exprType(e.expr);
        if (t !== 'vector') fail(e.pos.start, `subquery is only allowed on instant vector, got ${t} instead`);
        return;
      }
      case 'UnaryExpr': {
        visit(e.expr);
        const t = exprType(e.expr);
        if (t !== 'scalar' && t !== 'vector') {
          fail(e.pos.start, `unary expression only allowed on expressions of type scalar or instant vector, got "${documentedType(t)}"`);
        }
        return;
      }
      case 'AggregateExpr':
        expect(e.expr, 'vector', 'aggregation expression');
        if (e.param) expect(e.param, e.op === 'count_values' ? 'string' : 'scalar', 'aggregation parameter');
        return;
      case 'BinaryExpr':
        visit(e.lhs);
        visit(e.rhs);
        return checkBinary(e, q, fail);
      case 'Call':
        return checkCall(e, visit, fail);
    }
  };
  visit(root);
}

type Fail = (pos: number, msg: string) => never;

/** Argument counts, info()'s selector, then each argument and its type. */
function checkCall(e: Call, visit: (e: Expr) => void, fail: Fail): void {
  const sig = functionSignature(e.func);
  if (!sig) return fail(e.pos.start, `unknown function with name "${e.func}"`);
  const n = e.args.length;
  const nargs = sig.args.length;
  const call = `call to "${e.func}", got ${n}`;
  if (sig.variadic === 0 && n !== nargs) fail(e.pos.start, `expected ${nargs} argument(s) in ${call}`);
  const min = sig.variadic > 0 ? nargs - sig.variadic : nargs - 1;
  if (sig.variadic !== 0 && n < min) fail(e.pos.start, `expected at least ${min} argument(s) in ${call}`);
  if (sig.variadic > 0 && n > nargs) fail(e.pos.start, `expected at most ${nargs} argument(s) in ${call}`);
  const infoSelector = e.func === 'info' && e.args[1] ? e.args[1] : undefined;
  if (infoSelector) {
    const t = exprType(infoSelector);
    if (t !== 'vector') fail(e.pos.start, `expected type instant vector in call to function "info", got ${documentedType(t)}`);
    if (infoSelector.type !== 'VectorSelector') fail(infoSelector.pos.start, 'expected label selectors only');
    else if (infoSelector.name !== '') fail(infoSelector.pos.start, 'expected label selectors only, got vector selector instead');
  }
  for (let i = 0; i < n; i++) {
    if (i >= nargs && sig.variadic === 0) break;
    const a = e.args[i]!;
    // info()'s label selector may match everything, e.g. {data=~".*"}.
    if (a !== infoSelector) visit(a);
    const want = sig.args[Math.min(i, nargs - 1)]!;
    const got = exprType(a);
    if (got !== want) fail(a.pos.start, `expected type ${documentedType(want)} in call to function "${e.func}", got ${documentedType(got)}`);
  }
}

/** Where Prometheus points for operator errors: the operator, after the left operand. */
function operatorPos(e: BinaryExpr, q: string): number {
  let p = e.lhs.pos.end;
  while (p < q.length && /\s/.test(q[p]!)) p++;
  return p;
}

function checkBinary(e: BinaryExpr, q: string, fail: Fail): void {
  const lt = exprType(e.lhs);
  const rt = exprType(e.rhs);
  const pos = e.pos.start;
  if (e.returnBool && !isComparison(e.op)) fail(operatorPos(e, q), 'bool modifier can only be used on comparison operators');
  if (isComparison(e.op) && lt === 'scalar' && rt === 'scalar' && !e.returnBool) {
    fail(operatorPos(e, q), 'comparisons between scalars must use BOOL modifier');
  }
  if (e.matching?.on) {
    for (const l of e.matching.include) {
      if (e.matching.labels.includes(l)) fail(operatorPos(e, q), `label "${l}" must not occur in ON and GROUP clause at once`);
    }
  }
  if (lt !== 'scalar' && lt !== 'vector') fail(e.lhs.pos.start, 'binary expression must contain only scalar and instant vector types');
  if (rt !== 'scalar' && rt !== 'vector') fail(e.rhs.pos.start, 'binary expression must contain only scalar and instant vector types');
  const bothVectors = lt === 'vector' && rt === 'vector';
  const fill = e.fillLeft !== undefined || e.fillRight !== undefined;
  if (!bothVectors) {
    if (e.matching && e.matching.labels.length > 0) fail(pos, 'vector matching only allowed between instant vectors');
    if (fill) fail(pos, 'filling in missing series only allowed between instant vectors');
    e.matching = undefined;
  } else if (isSetOp(e.op)) {
    if (e.matching && e.matching.card !== 'one-to-one') fail(pos, `no grouping allowed for "${e.op}" operation`);
    if (fill) fail(pos, 'filling in missing series not allowed for set operators');
  }
  if (isSetOp(e.op) && (lt === 'scalar' || rt === 'scalar')) fail(pos, `set operator "${e.op}" not allowed in binary scalar expression`);
  if (bothVectors) {
    e.matching ??= { card: 'one-to-one', labels: [], on: false, include: [] };
    if (isSetOp(e.op)) e.matching.card = 'many-to-many';
  }
}
