import { describe, expect, it } from 'vitest';
import { EpimetheusError } from '../errors/index.js';
import { ALL_PROMQL_FEATURES, parseExpr } from './index.js';

describe('parseExpr', () => {
  const ok: [string, string, (e: ReturnType<typeof parseExpr>) => unknown, unknown][] = [
    ['hex literal', '0x1F', (e) => (e.type === 'NumberLiteral' ? e.value : undefined), 31],
    ['Inf', '-Inf', (e) => (e.type === 'NumberLiteral' ? e.value : undefined), -Infinity],
    ['duration as number', '1h30m', (e) => (e.type === 'NumberLiteral' ? e.value : undefined), 5400],
    ['trailing dot', '2.', (e) => (e.type === 'NumberLiteral' ? e.value : undefined), 2],
    ['string escapes', '"a\\tb\\u00e9"', (e) => (e.type === 'StringLiteral' ? e.value : undefined), 'a\tbé'],
    ['raw string', '`a\\n`', (e) => (e.type === 'StringLiteral' ? e.value : undefined), 'a\\n'],
    ['range in seconds', 'rate(x[300])', (e) => (e.type === 'Call' && e.args[0]!.type === 'MatrixSelector' ? e.args[0]!.range : undefined), 300_000],
    ['offset binds to the right operand', 'a + b offset 5m', (e) => (e.type === 'BinaryExpr' && e.rhs.type === 'VectorSelector' ? e.rhs.offset : undefined), 300_000],
    [
      'precedence after a postfix modifier',
      'a + b offset 5m * 2',
      (e) => (e.type === 'BinaryExpr' && e.rhs.type === 'BinaryExpr' ? [e.op, e.rhs.op] : undefined),
      ['+', '*'],
    ],
    ['negative offset', 'a offset -5m', (e) => (e.type === 'VectorSelector' ? e.offset : undefined), -300_000],
    ['@ start()', 'a @ start()', (e) => (e.type === 'VectorSelector' ? e.at?.kind : undefined), 'start'],
    ['@ timestamp', 'a @ 100.5', (e) => (e.type === 'VectorSelector' && e.at?.kind === 'time' ? e.at.ms : undefined), 100_500],
    ['subquery default step', 'x[5m:]', (e) => (e.type === 'SubqueryExpr' ? [e.range, e.step] : undefined), [300_000, 0]],
    ['subquery step', 'x[1h:1m]', (e) => (e.type === 'SubqueryExpr' ? [e.range, e.step] : undefined), [3_600_000, 60_000]],
    ['bool modifier', '1 > bool 2', (e) => (e.type === 'BinaryExpr' ? e.returnBool : undefined), true],
    [
      'group_left',
      'a * on(x) group_left(y) b',
      (e) => (e.type === 'BinaryExpr' ? e.matching : undefined),
      { card: 'many-to-one', labels: ['x'], on: true, include: ['y'] },
    ],
    ['aggregation modifier after args', 'sum(x) by (a, b)', (e) => (e.type === 'AggregateExpr' ? e.grouping : undefined), ['a', 'b']],
    ['aggregation without', 'sum without (a) (x)', (e) => (e.type === 'AggregateExpr' ? e.without : undefined), true],
    ['quoted metric name', '{"my.metric"}', (e) => (e.type === 'VectorSelector' ? e.matchers[0]!.value : undefined), 'my.metric'],
  ];
  for (const [name, q, pick, want] of ok) {
    it(`parses ${name}`, () => {
      expect(pick(parseExpr(q))).toEqual(want);
    });
  }

  const bad: [string, string, RegExp][] = [
    ['empty', '', /^1:1: parse error: no expression found in input$/],
    ['unterminated', 'foo{a=}', /^1:7: parse error: unexpected/],
    ['trailing operator', '1 +', /^1:\d+: parse error: unexpected end of input$/],
    ['unknown function', 'foo(bar)', /parse error/],
    ['wrong argument type', 'rate(x)', /expected type range vector in call to function "rate", got instant vector/],
    ['wrong argument count', 'abs(x, y)', /expected 1 argument\(s\) in call to "abs", got 2/],
    ['scalar comparison without bool', '1 > 2', /comparisons between scalars must use BOOL modifier/],
    ['empty selector', '{a=""}', /vector selector must contain at least one non-empty matcher/],
    ['range on a non-selector', 'rate((a+b)[5m])', /ranges only allowed for vector selectors/],
    ['offset twice', 'a offset 1m offset 2m', /offset may not be set multiple times/],
    ['set op with scalar', '1 and x', /set operator "and" not allowed in binary scalar expression/],
    ['bad regex', 'x{a=~"("}', /invalid regular expression/],
    ['experimental function disabled', 'mad_over_time(x[5m])', /function "mad_over_time" is not enabled/],
  ];
  for (const [name, q, re] of bad) {
    it(`rejects ${name}`, () => {
      let err: unknown;
      try {
        parseExpr(q);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(EpimetheusError);
      expect((err as EpimetheusError).category).toBe('bad_data');
      expect((err as Error).message).toMatch(re);
    });
  }
});

describe('parse errors at the positions Prometheus reports', () => {
  // Each message checked against Prometheus's own parser (all experimental features on).
  const rows: [string, string][] = [
    ['sum(foo[5m])', '1:5: parse error: expected type instant vector in aggregation expression, got range vector'],
    ['a + b[5m]', '1:5: parse error: binary expression must contain only scalar and instant vector types'],
    ['(1) == (2)', '1:5: parse error: comparisons between scalars must use BOOL modifier'],
    ['1 + bool 2', '1:3: parse error: bool modifier can only be used on comparison operators'],
    ['abs(x, y)', '1:1: parse error: expected 1 argument(s) in call to "abs", got 2'],
    ['foo[5m][5m:]', '1:1: parse error: subquery is only allowed on instant vector, got matrix instead'],
    ['abs(-foo[1m])', '1:5: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "range vector"'],
    ['info(foo, bar)', '1:11: parse error: expected label selectors only, got vector selector instead'],
    ['foo[5m:1m] anchored', '1:1: parse error: anchored modifier is not supported for subqueries'],
    ['foo[5m] anchored smoothed', '1:1: parse error: anchored and smoothed modifiers cannot be used together'],
  ];
  for (const [q, msg] of rows) {
    it(q, () => expect(() => parseExpr(q, { features: ALL_PROMQL_FEATURES })).toThrow(msg));
  }

  it('accepts anchored on an instant selector, as Prometheus does', () => {
    expect(parseExpr('foo offset 1m anchored', { features: ALL_PROMQL_FEATURES }).type).toBe('VectorSelector');
  });
});
