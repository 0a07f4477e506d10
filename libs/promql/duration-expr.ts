import type { SyntaxNode } from '@lezer/common';
import { parseDurationMs } from './lex.js';

/**
 * Evaluates a duration node of the lezer tree (a range, subquery step or offset) to ms.
 * Plain numbers are seconds. Arithmetic is the experimental duration-expression syntax.
 * @throws Error with a Prometheus-style message when the duration is malformed.
 */
export function evalDurationExpr(q: string, node: SyntaxNode): number {
  const kids: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) kids.push(c);
  const text = (n: SyntaxNode): string => q.slice(n.from, n.to);
  if (kids.length === 1 && kids[0]!.name === 'NumberDurationLiteralInDurationContext') {
    return literalMs(text(kids[0]!));
  }
  if (kids.length === 2 && kids[0]!.name === 'UnaryOp') {
    const v = evalDurationExpr(q, kids[1]!);
    return text(kids[0]!) === '-' ? -v : v;
  }
  if (kids.length === 1) return evalDurationExpr(q, kids[0]!);
  const first = kids[0]!;
  if (first.name === 'DurationMinOf' || first.name === 'DurationMaxOf') {
    const args = kids.filter((k) => k.name === 'DurationExpr').map((k) => evalDurationExpr(q, k));
    return first.name === 'DurationMinOf' ? Math.min(args[0]!, args[1]!) : Math.max(args[0]!, args[1]!);
  }
  if (first.name === 'DurationStep' || first.name === 'DurationRange') {
    throw new Error(`${text(first)}() in durations is not supported`);
  }
  const exprs = kids.filter((k) => k.name === 'DurationExpr');
  if (exprs.length === 1) return evalDurationExpr(q, exprs[0]!);
  const op = kids.find((k) => ['Add', 'Sub', 'Mul', 'Div', 'Mod', 'Pow'].includes(k.name));
  if (exprs.length === 2 && op) {
    const a = evalDurationExpr(q, exprs[0]!);
    const b = evalDurationExpr(q, exprs[1]!);
    switch (op.name) {
      case 'Add':
        return a + b;
      case 'Sub':
        return a - b;
      case 'Mul':
        return (a * b) / 1000;
      case 'Div':
        if (b === 0) throw new Error('division by zero');
        return (a / b) * 1000;
      case 'Mod':
        if (b === 0) throw new Error('modulo by zero');
        return a % b;
      case 'Pow':
        return Math.pow(a / 1000, b / 1000) * 1000;
    }
  }
  throw new Error(`unexpected duration expression "${text(node)}"`);
}

function literalMs(t: string): number {
  const d = parseDurationMs(t);
  if (d !== undefined) return d;
  const lower = t.toLowerCase();
  if (lower === 'inf' || lower === 'nan') throw new Error(`bad number or duration syntax: "${t}"`);
  const v = Number(t.replace(/_/g, ''));
  if (!Number.isFinite(v)) {
    if (/^0x/i.test(t)) return parseInt(t.slice(2), 16) * 1000;
    throw new Error(`bad number or duration syntax: "${t}"`);
  }
  return Math.round(v * 1000);
}
