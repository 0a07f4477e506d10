import { describe, expect, it } from 'vitest';
import { Matcher, formatLabels, getLabel, labelsFrom, type MatchType } from '../../model/index.js';
import { Head, intersect, literalAlternatives, subtract, union } from './index.js';

const SERIES: Record<string, string>[] = [
  { __name__: 'up', job: 'api', instance: 'a:9100' },
  { __name__: 'up', job: 'api', instance: 'b:9100', env: 'prod' },
  { __name__: 'up', job: 'db', instance: '10.0.0.1:9100', env: 'dev' },
  { __name__: 'http_requests_total', job: 'api', code: '200', env: 'prod' },
  { __name__: 'http_requests_total', job: 'api', code: '500', env: 'prod' },
  { __name__: 'http_requests_total', job: 'web', code: '404' },
  { __name__: 'node_load1', instance: 'a:9100' },
];

function headWithSeries(): Head {
  const head = new Head();
  SERIES.forEach((s, i) => {
    const { ref } = head.getOrCreateSeries(labelsFrom(s));
    expect(head.append(ref, 1000 + i, i)).toBe('ok');
  });
  return head;
}

const m = (type: MatchType, name: string, value: string): Matcher => new Matcher(type, name, value);

/** Brute force: what Prometheus semantics say each series should do. */
function oracle(ms: Matcher[]): string[] {
  return SERIES.map((s) => labelsFrom(s))
    .filter((ls) => ms.every((x) => x.matches(getLabel(ls, x.name))))
    .map(formatLabels)
    .sort();
}

describe('postingsForMatchers via Head.series', () => {
  const rows: { name: string; matchers: Matcher[]; count: number }[] = [
    { name: 'equal', matchers: [m('=', '__name__', 'up')], count: 3 },
    { name: 'equal, no such value', matchers: [m('=', '__name__', 'nope')], count: 0 },
    { name: 'equal, no such name', matchers: [m('=', 'nope', 'x')], count: 0 },
    { name: 'two equals intersect', matchers: [m('=', '__name__', 'up'), m('=', 'job', 'api')], count: 2 },
    {
      name: 'not equal keeps series without the label',
      matchers: [m('=', '__name__', 'up'), m('!=', 'env', 'prod')],
      count: 2,
    },
    { name: 'equal empty selects series without the label', matchers: [m('=', 'env', '')], count: 3 },
    { name: 'not equal empty selects series with the label', matchers: [m('!=', 'env', '')], count: 4 },
    { name: 'equal empty on unknown label selects everything', matchers: [m('=', 'nope', '')], count: 7 },
    { name: 'not equal on unknown label selects everything', matchers: [m('!=', 'nope', 'x')], count: 7 },
    { name: 'regex literal alternation', matchers: [m('=~', 'job', 'api|db')], count: 5 },
    { name: 'regex with escaped dots', matchers: [m('=~', 'instance', '10\\.0\\.0\\.1:9100')], count: 1 },
    { name: 'regex is anchored', matchers: [m('=~', 'job', 'ap')], count: 0 },
    { name: 'regex prefix', matchers: [m('=~', '__name__', 'http_.*')], count: 3 },
    { name: 'regex matching empty includes absent label', matchers: [m('=~', 'env', 'dev|')], count: 4 },
    { name: 'regex .* matches everything', matchers: [m('=~', 'env', '.*')], count: 7 },
    { name: 'regex .+ needs the label', matchers: [m('=~', 'env', '.+')], count: 4 },
    {
      name: 'not regex',
      matchers: [m('=', '__name__', 'http_requests_total'), m('!~', 'code', '5..')],
      count: 2,
    },
    { name: 'not regex literal set', matchers: [m('!~', 'job', 'api|web')], count: 2 },
    { name: 'not regex matching empty requires the label', matchers: [m('!~', 'env', '|dev')], count: 3 },
    { name: 'not regex .* selects nothing', matchers: [m('!~', 'job', '.*')], count: 0 },
    {
      name: 'only negative matchers',
      matchers: [m('!=', 'job', 'api'), m('!~', 'instance', 'a:.*')],
      count: 2,
    },
    { name: 'character class', matchers: [m('=~', 'code', '[45]\\d\\d')], count: 2 },
    { name: 'no matchers selects all', matchers: [], count: 7 },
    { name: 'contradictory', matchers: [m('=', 'job', 'api'), m('=', 'job', 'db')], count: 0 },
  ];

  for (const row of rows) {
    it(row.name, () => {
      const got = headWithSeries().series(row.matchers).map(formatLabels);
      expect(got).toEqual(oracle(row.matchers));
      expect(got.length).toBe(row.count);
    });
  }
});

describe('literalAlternatives', () => {
  const rows: { name: string; re: string; want: string[] | undefined }[] = [
    { name: 'single literal', re: 'abc', want: ['abc'] },
    { name: 'alternation', re: 'a|b|c', want: ['a', 'b', 'c'] },
    { name: 'escaped punctuation', re: 'a\\.b', want: ['a.b'] },
    { name: 'empty alternative', re: 'a|', want: ['a', ''] },
    { name: 'class escape is not literal', re: 'a\\d', want: undefined },
    { name: 'wildcard', re: 'a.*', want: undefined },
    { name: 'group', re: '(a|b)', want: undefined },
  ];
  for (const row of rows) it(row.name, () => expect(literalAlternatives(row.re)).toEqual(row.want));
});

describe('postings set operations', () => {
  const u = (...xs: number[]) => Uint32Array.from(xs);
  it('intersects by merge and by search', () => {
    expect(Array.from(intersect(u(1, 3, 5, 7), u(3, 4, 5)))).toEqual([3, 5]);
    const big = Uint32Array.from({ length: 1000 }, (_, i) => i * 2);
    expect(Array.from(intersect(u(4, 5, 1998), big))).toEqual([4, 1998]);
  });
  it('subtracts', () => {
    expect(Array.from(subtract(u(1, 2, 3, 4), u(2, 4, 9)))).toEqual([1, 3]);
  });
  it('unions with duplicates removed', () => {
    expect(Array.from(union([u(1, 5), u(2, 5, 9), u(1)]))).toEqual([1, 2, 5, 9]);
  });
});
