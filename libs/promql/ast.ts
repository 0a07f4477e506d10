import type { Matcher } from '../model/index.js';

/** The four PromQL value types, as Prometheus names them in messages. */
export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

/** A duration that depends on the query's step and range (both ms). */
export type DurationFn = (c: { stepMs: number; rangeMs: number }) => number;

/** Byte offsets of a node in the query text, `[start, end)`. */
export interface PosRange {
  start: number;
  end: number;
}

/** `@` modifier: a fixed Unix-ms time, or the query's start or end (resolved at evaluation). */
export type AtModifier = { kind: 'time'; ms: number } | { kind: 'start' } | { kind: 'end' };

/** A float literal. */
export interface NumberLiteral {
  type: 'NumberLiteral';
  value: number;
  pos: PosRange;
}

/** A string literal, already unescaped. */
export interface StringLiteral {
  type: 'StringLiteral';
  value: string;
  pos: PosRange;
}

/** An instant vector selector such as `foo{a="b"} offset 5m @ 100`. */
export interface VectorSelector {
  type: 'VectorSelector';
  /** The metric name written before the braces, '' if none. */
  name: string;
  /** All matchers, including the one for the name. */
  matchers: Matcher[];
  /** Offset in ms (negative allowed). */
  offset: number;
  /** Offset written with step()/range(), resolved per query. */
  offsetFn?: DurationFn;
  at: AtModifier | undefined;
  /** Experimental `smoothed`: values interpolated between the neighbouring samples. */
  smoothed?: boolean;
  /** Experimental `anchored`: accepted on an instant selector, as Prometheus does, without effect. */
  anchored?: boolean;
  /** Set by the engine when only count/sum of histograms are read (Prometheus's stats decoding). */
  statsOnly?: boolean;
  pos: PosRange;
}

/** A range vector selector `sel[range]`; offset and `@` live on the inner selector. */
export interface MatrixSelector {
  type: 'MatrixSelector';
  vs: VectorSelector;
  /** Range in ms. */
  range: number;
  /** Range written with step()/range(), resolved per query. */
  rangeFn?: DurationFn;
  /** Experimental `anchored` / `smoothed` modifiers. */
  anchored: boolean;
  smoothed: boolean;
  pos: PosRange;
}

/** A subquery `expr[range:step]`. */
export interface SubqueryExpr {
  type: 'SubqueryExpr';
  expr: Expr;
  range: number;
  /** Step in ms, 0 for the default (the engine's default subquery step). */
  step: number;
  offset: number;
  /** Durations written with step()/range(), resolved per query. */
  rangeFn?: DurationFn;
  stepFn?: DurationFn;
  offsetFn?: DurationFn;
  at: AtModifier | undefined;
  pos: PosRange;
}

/** A function call. */
export interface Call {
  type: 'Call';
  func: string;
  args: Expr[];
  /** For `info()`: the selector the engine fetches info series with. */
  infoSelector?: VectorSelector;
  pos: PosRange;
}

/** Aggregation operators. */
export type AggregateOp =
  | 'sum'
  | 'avg'
  | 'min'
  | 'max'
  | 'count'
  | 'group'
  | 'stddev'
  | 'stdvar'
  | 'topk'
  | 'bottomk'
  | 'quantile'
  | 'count_values'
  | 'limitk'
  | 'limit_ratio';

/** An aggregation such as `sum by (job) (x)`. */
export interface AggregateExpr {
  type: 'AggregateExpr';
  op: AggregateOp;
  expr: Expr;
  /** The parameter of topk, bottomk, quantile, count_values, limitk, limit_ratio. */
  param: Expr | undefined;
  grouping: string[];
  without: boolean;
  pos: PosRange;
}

/** Binary operators. */
export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '^'
  | 'atan2'
  | '</'
  | '>/'
  | '=='
  | '!='
  | '>'
  | '<'
  | '>='
  | '<='
  | 'and'
  | 'or'
  | 'unless';

/** Vector matching of a binary operation. */
export interface VectorMatching {
  card: 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';
  /** Labels of `on(...)` or `ignoring(...)`. */
  labels: string[];
  on: boolean;
  /** Labels of `group_left(...)` / `group_right(...)`. */
  include: string[];
}

/** A binary operation. */
export interface BinaryExpr {
  type: 'BinaryExpr';
  op: BinaryOp;
  lhs: Expr;
  rhs: Expr;
  returnBool: boolean;
  /** Set when both sides are vectors. */
  matching: VectorMatching | undefined;
  /** Experimental fill modifiers: values used for a missing left or right operand. */
  fillLeft?: number;
  fillRight?: number;
  pos: PosRange;
}

/** Unary minus or plus. */
export interface UnaryExpr {
  type: 'UnaryExpr';
  op: '-' | '+';
  expr: Expr;
  pos: PosRange;
}

/** Parentheses, kept so that postfix modifiers bind as in Prometheus. */
export interface ParenExpr {
  type: 'ParenExpr';
  expr: Expr;
  pos: PosRange;
}

/**
 * Marks a subtree whose value is the same at every step (all selectors pinned by `@`). The
 * engine inserts it before evaluation; the parser never produces it.
 */
export interface StepInvariantExpr {
  type: 'StepInvariantExpr';
  expr: Expr;
  pos: PosRange;
}

/** Any PromQL expression. */
export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | SubqueryExpr
  | Call
  | AggregateExpr
  | BinaryExpr
  | UnaryExpr
  | ParenExpr
  | StepInvariantExpr;
