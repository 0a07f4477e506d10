import type { SyntaxNode } from '@lezer/common';
import { parseDurationMs } from './lex.js';

/** What a duration expression may refer to: the query's step and range, in ms. */
export interface DurationContext {
  stepMs: number;
  rangeMs: number;
}

/** A compiled duration expression; `dynamic` when it uses step() or range(). */
export interface CompiledDuration {
  fn: (c: DurationContext) => number;
  dynamic: boolean;
}

/**
 * Compiles a duration node of the lezer tree (a range, subquery step or offset) into a
 * function of the query context returning ms. Plain numbers are seconds; arithmetic,
 * step(), range(), min_of() and max_of() are the experimental duration expressions.
 * @throws Error with a Prometheus-style message when the duration is malformed.
 */
export function compileDurationExpr(q: string, node: SyntaxNode): CompiledDuration {
  let dynamic = false;
  const build = (n: SyntaxNode): ((c: DurationContext) => number) => {
    const kids: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) kids.push(c);
    const text = (k: SyntaxNode): string => q.slice(k.from, k.to);
    const first = kids[0];
    if (!first) throw new Error(`unexpected duration expression "${text(n)}"`);
    if (first.name === 'DurationStep' || first.name === 'DurationRange') {
      dynamic = true;
      return first.name === 'DurationStep' ? (c) => c.stepMs : (c) => c.rangeMs;
    }
    if (first.name === 'DurationMinOf' || first.name === 'DurationMaxOf') {
      const [a, b] = kids.filter((k) => k.name === 'DurationExpr').map(build) as [(c: DurationContext) => number, (c: DurationContext) => number];
      return first.name === 'DurationMinOf' ? (c) => Math.min(a(c), b(c)) : (c) => Math.max(a(c), b(c));
    }
    if (kids.length === 1 && first.name === 'NumberDurationLiteralInDurationContext') {
      const v = literalMs(text(first));
      return () => v;
    }
    if (first.name === 'UnaryOp') {
      const inner = build(kids[1]!);
      return text(first) === '-' ? (c) => -inner(c) : inner;
    }
    const exprs = kids.filter((k) => k.name === 'DurationExpr' || k.name === 'OffsetDurationExpr');
    const op = kids.find((k) => ['Add', 'Sub', 'Mul', 'Div', 'Mod', 'Pow'].includes(k.name));
    if (exprs.length === 1 && !op) return build(exprs[0]!);
    if (exprs.length === 2 && op) {
      const a = build(exprs[0]!);
      const b = build(exprs[1]!);
      switch (op.name) {
        case 'Add':
          return (c) => a(c) + b(c);
        case 'Sub':
          return (c) => a(c) - b(c);
        case 'Mul':
          return (c) => (a(c) * b(c)) / 1000;
        case 'Div':
          return (c) => {
            const d = b(c);
            if (d === 0) throw new Error('division by zero');
            return (a(c) / d) * 1000;
          };
        case 'Mod':
          return (c) => {
            const d = b(c);
            if (d === 0) throw new Error('modulo by zero');
            return a(c) % d;
          };
        default:
          return (c) => Math.pow(a(c) / 1000, b(c) / 1000) * 1000;
      }
    }
    throw new Error(`unexpected duration expression "${text(n)}"`);
  };
  const fn = build(node);
  return { fn, dynamic };
}

/**
 * Where Prometheus's parser reports "experimental duration expression is not enabled" for a
 * duration node (a range, subquery step or offset), or undefined when the node is a plain,
 * possibly signed, number or duration. Prometheus reduces bottom-up and reports its first
 * error, so inner expressions are searched before the node itself.
 */
export function experimentalDurationPos(node: SyntaxNode): number | undefined {
  const kids = childNodes(node);
  const first = kids[0];
  if (!first) return undefined;
  switch (first.name) {
    case 'NumberDurationLiteralInDurationContext':
      return undefined;
    case 'DurationStep':
    case 'DurationRange':
      return first.from;
    case 'DurationMinOf':
    case 'DurationMaxOf':
      return firstPos(kids.slice(1)) ?? first.from;
    case 'UnaryOp': {
      const inner = kids[1];
      if (!inner) return undefined;
      return node.name === 'OffsetDurationExpr' ? signedOffsetPos(first, inner) : experimentalDurationPos(inner);
    }
    default:
      break;
  }
  const operands = kids.filter((k) => k.name === 'DurationExpr');
  // A single operand is a parenthesised expression; Prometheus points at its content.
  if (operands.length === 1) return experimentalDurationPos(first) ?? first.from;
  return firstPos(operands) ?? first.from;
}

/**
 * A signed offset (`offset -step()`): Prometheus has dedicated rules for these that report
 * at the sign, and none for `-(...)`, which only reports what is inside the parentheses.
 */
function signedOffsetPos(sign: SyntaxNode, inner: SyntaxNode): number | undefined {
  const head = inner.firstChild;
  switch (head?.name) {
    case 'DurationStep':
    case 'DurationRange':
      return sign.from;
    case 'DurationMinOf':
    case 'DurationMaxOf':
      return firstPos(childNodes(inner).slice(1)) ?? sign.from;
    case 'DurationExpr':
      return experimentalDurationPos(head);
    default:
      return experimentalDurationPos(inner);
  }
}

function firstPos(nodes: readonly SyntaxNode[]): number | undefined {
  for (const n of nodes) {
    const p = experimentalDurationPos(n);
    if (p !== undefined) return p;
  }
  return undefined;
}

function childNodes(n: SyntaxNode): SyntaxNode[] {
  const kids: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) kids.push(c);
  return kids;
}

/** Evaluates a static duration node to ms (step() and range() count as 0). */
export function evalDurationExpr(q: string, node: SyntaxNode): number {
  return compileDurationExpr(q, node).fn({ stepMs: 0, rangeMs: 0 });
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
