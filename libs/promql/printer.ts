import type { AtModifier, Expr, VectorSelector } from './ast.js';
import { formatGoFloat } from './format.js';

function num(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Inf';
  if (v === -Infinity) return '-Inf';
  return formatGoFloat(v);
}

function dur(ms: number): string {
  return ms < 0 ? `-${-ms}ms` : `${ms}ms`;
}

function quote(s: string): string {
  return JSON.stringify(s);
}

function labelName(n: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(n) ? n : quote(n);
}

function at(a: AtModifier | undefined): string {
  if (!a) return '';
  if (a.kind === 'start') return ' @ start()';
  if (a.kind === 'end') return ' @ end()';
  return ` @ ${num(a.ms / 1000)}`;
}

function modifiers(offset: number, a: AtModifier | undefined): string {
  return (offset !== 0 ? ` offset ${dur(offset)}` : '') + at(a);
}

function selector(vs: VectorSelector): string {
  const ms = vs.matchers.filter((m) => !(m.name === '__name__' && m.type === '=' && m.value === vs.name && vs.name !== ''));
  const body = ms.map((m) => `${labelName(m.name)}${m.type}${quote(m.value)}`).join(', ');
  return `${vs.name}{${body}}`;
}

function grouping(ls: string[]): string {
  return `(${ls.map(labelName).join(', ')})`;
}

function wrapPostfix(e: Expr): string {
  const inner = e.type === 'StepInvariantExpr' ? e.expr : e;
  return inner.type === 'BinaryExpr' || inner.type === 'UnaryExpr' || (inner.type === 'NumberLiteral' && inner.value < 0) ? `(${printExpr(inner)})` : printExpr(inner);
}

/**
 * Renders an expression back to PromQL that `parseExpr` accepts and that means the same.
 * The tree already encodes precedence (parentheses are kept as ParenExpr nodes).
 */
export function printExpr(e: Expr): string {
  switch (e.type) {
    case 'NumberLiteral':
      return num(e.value);
    case 'StringLiteral':
      return quote(e.value);
    case 'VectorSelector':
      return selector(e) + modifiers(e.offset, e.at) + (e.anchored ? ' anchored' : '') + (e.smoothed ? ' smoothed' : '');
    case 'MatrixSelector':
      return `${selector(e.vs)}[${dur(e.range)}]${modifiers(e.vs.offset, e.vs.at)}${e.anchored ? ' anchored' : ''}${e.smoothed ? ' smoothed' : ''}`;
    case 'SubqueryExpr':
      return `${wrapPostfix(e.expr)}[${dur(e.range)}:${e.step ? dur(e.step) : ''}]${modifiers(e.offset, e.at)}`;
    case 'Call':
      return `${e.func}(${e.args.map(printExpr).join(', ')})`;
    case 'AggregateExpr': {
      const mod = e.grouping.length || e.without ? ` ${e.without ? 'without' : 'by'} ${grouping(e.grouping)}` : '';
      const args = e.param ? `${printExpr(e.param)}, ${printExpr(e.expr)}` : printExpr(e.expr);
      return `${e.op}${mod}(${args})`;
    }
    case 'BinaryExpr': {
      let mod = e.returnBool ? ' bool' : '';
      const m = e.matching;
      if (m && (m.on || m.labels.length > 0 || m.card === 'many-to-one' || m.card === 'one-to-many')) {
        mod += ` ${m.on ? 'on' : 'ignoring'}${grouping(m.labels)}`;
        if (m.card === 'many-to-one') mod += ` group_left${grouping(m.include)}`;
        if (m.card === 'one-to-many') mod += ` group_right${grouping(m.include)}`;
      }
      if (e.fillLeft !== undefined && e.fillLeft === e.fillRight) mod += ` fill(${num(e.fillLeft)})`;
      else {
        if (e.fillLeft !== undefined) mod += ` fill_left(${num(e.fillLeft)})`;
        if (e.fillRight !== undefined) mod += ` fill_right(${num(e.fillRight)})`;
      }
      return `${printExpr(e.lhs)} ${e.op}${mod} ${printExpr(e.rhs)}`;
    }
    case 'UnaryExpr':
      return e.expr.type === 'NumberLiteral' || e.expr.type === 'ParenExpr' ? `${e.op}${printExpr(e.expr)}` : `${e.op}(${printExpr(e.expr)})`;
    case 'ParenExpr':
      return `(${printExpr(e.expr)})`;
    case 'StepInvariantExpr':
      return printExpr(e.expr);
  }
}
