import type { BinaryExpr, Expr, ValueType } from './ast.js';
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
 * Checks types and modifiers the way Prometheus's parser does after building the tree.
 * @throws ParseError on the first problem.
 */
export function checkAst(root: Expr, q: string): void {
  const fail = (pos: number, msg: string): never => {
    throw new ParseError(q, pos, msg);
  };
  const expect = (e: Expr, want: ValueType, ctx: string): void => {
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
        const t = exprType(e.expr);
        if (t !== 'vector') fail(e.pos.start, `subquery is only allowed on instant vector, got ${documentedType(t)} instead`);
        return visit(e.expr);
      }
      case 'UnaryExpr': {
        const t = exprType(e.expr);
        if (t !== 'scalar' && t !== 'vector') {
          fail(e.pos.start, `unary expression only allowed on expressions of type scalar or instant vector, got "${documentedType(t)}"`);
        }
        return visit(e.expr);
      }
      case 'AggregateExpr':
        if (exprType(e.expr) !== 'vector') {
          fail(e.pos.start, `expected type instant vector in aggregation expression, got ${documentedType(exprType(e.expr))}`);
        }
        if (e.param) {
          expect(e.param, e.op === 'count_values' ? 'string' : 'scalar', 'aggregation parameter');
          visit(e.param);
        }
        return visit(e.expr);
      case 'BinaryExpr':
        checkBinary(e, fail);
        visit(e.lhs);
        return visit(e.rhs);
      case 'Call': {
        const sig = functionSignature(e.func);
        if (!sig) return fail(e.pos.start, `unknown function with name "${e.func}"`);
        const n = e.args.length;
        if (sig.variadic === 0 && n !== sig.args.length) {
          fail(e.pos.end, `expected ${sig.args.length} argument(s) in call to "${e.func}", got ${n}`);
        } else if (sig.variadic > 0) {
          const min = sig.args.length - sig.variadic;
          if (n < min) fail(e.pos.end, `expected at least ${min} argument(s) in call to "${e.func}", got ${n}`);
          if (n > sig.args.length) fail(e.pos.end, `expected at most ${sig.args.length} argument(s) in call to "${e.func}", got ${n}`);
        } else if (sig.variadic < 0 && n < sig.args.length - 1) {
          fail(e.pos.end, `expected at least ${sig.args.length - 1} argument(s) in call to "${e.func}", got ${n}`);
        }
        e.args.forEach((a, i) => {
          const want = sig.args[Math.min(i, sig.args.length - 1)]!;
          expect(a, want, `call to function "${e.func}"`);
          // info()'s label selector may match everything, e.g. {data=~".*"}.
          if (e.func === 'info' && i === 1 && a.type === 'VectorSelector') return;
          visit(a);
        });
        return;
      }
    }
  };
  visit(root);
}

function checkBinary(e: BinaryExpr, fail: (pos: number, msg: string) => never): void {
  const lt = exprType(e.lhs);
  const rt = exprType(e.rhs);
  const pos = e.pos.start;
  if (e.returnBool && !isComparison(e.op)) fail(pos, 'bool modifier can only be used on comparison operators');
  if (isComparison(e.op) && lt === 'scalar' && rt === 'scalar' && !e.returnBool) {
    fail(pos, 'comparisons between scalars must use BOOL modifier');
  }
  if ((lt !== 'scalar' && lt !== 'vector') || (rt !== 'scalar' && rt !== 'vector')) {
    fail(pos, 'binary expression must contain only scalar and instant vector types');
  }
  const bothVectors = lt === 'vector' && rt === 'vector';
  if (e.matching && !bothVectors) fail(pos, 'vector matching only allowed between instant vectors');
  if (isSetOp(e.op)) {
    if (lt === 'scalar' || rt === 'scalar') fail(pos, `set operator "${e.op}" not allowed in binary scalar expression`);
    if (e.matching && e.matching.card !== 'one-to-one') fail(pos, `no grouping allowed for "${e.op}" operation`);
    if (!e.matching) e.matching = { card: 'many-to-many', labels: [], on: false, include: [] };
    else e.matching.card = 'many-to-many';
  }
  if (bothVectors && !e.matching) e.matching = { card: 'one-to-one', labels: [], on: false, include: [] };
  if (e.matching?.on) {
    for (const l of e.matching.include) {
      if (e.matching.labels.includes(l)) fail(pos, `label "${l}" must not occur in ON and GROUP clause at once`);
    }
  }
}
