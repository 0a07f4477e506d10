/**
 * Series selection by label matchers over the head's postings, with Prometheus semantics: a
 * series without a label has the empty value for it, so a matcher that accepts "" also selects
 * series lacking the label (`PostingsForMatchers` in Prometheus's tsdb/querier.go).
 */
import type { Matcher } from '../../model/index.js';
import { intersect, subtract, union, type MemPostings } from './postings.js';

const EMPTY = new Uint32Array(0);
const REGEX_META = /[.*+?()[\]{}^$|\\]/;

/**
 * The literal values of a regex made only of alternated literals (`a|b|c`, `10\.0\.0\.1`),
 * or undefined when the pattern uses any other regex construct.
 */
export function literalAlternatives(pattern: string): string[] | undefined {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1];
      // Only escaped punctuation is a literal; \d, \w and friends are classes.
      if (next === undefined || /[A-Za-z0-9]/.test(next)) return undefined;
      cur += next;
      i++;
    } else if (c === '|') {
      out.push(cur);
      cur = '';
    } else if (REGEX_META.test(c)) {
      return undefined;
    } else {
      cur += c;
    }
  }
  out.push(cur);
  return out;
}

/** Refs of series whose value of `m.name` is present and accepted by `accept`. */
function refsWhere(ix: MemPostings, m: Matcher, positive: boolean): Uint32Array {
  if (m.type === '=' || m.type === '!=') {
    // '=' selects value; '!=' excludes it, so the excluded set is the same list.
    return ix.get(m.name, m.value);
  }
  const lits = literalAlternatives(m.value);
  if (lits !== undefined) {
    // Literal set: `=~` accepts exactly these values, `!~` rejects exactly these values.
    const lists = [...new Set(lits)].filter((v) => v !== '').map((v) => ix.get(m.name, v));
    return union(lists);
  }
  return ix.matching(m.name, positive ? (v) => m.matches(v) : (v) => !m.matches(v));
}

/**
 * Sorted refs of the series that satisfy every matcher. With no matchers, every series.
 * Matchers that accept "" narrow by exclusion; the others by intersection.
 */
export function postingsForMatchers(ix: MemPostings, matchers: readonly Matcher[]): Uint32Array {
  const its: Uint32Array[] = [];
  const nots: Uint32Array[] = [];
  for (const m of matchers) {
    if (m.matchesEmpty()) {
      if ((m.type === '=~' || m.type === '!~') && m.value === '.*') continue;
      // The series to drop are those that have the label with a value the matcher rejects.
      // For '!=' and '!~' that is the inverse matcher's positive set.
      const negative = m.type === '!=' || m.type === '!~';
      if (m.type === '=' && m.value === '') {
        nots.push(ix.matching(m.name, () => true));
      } else {
        nots.push(negative ? refsWhere(ix, m, false) : ix.matching(m.name, (v) => !m.matches(v)));
      }
    } else {
      const negative = m.type === '!=' || m.type === '!~';
      const p = negative ? ix.matching(m.name, (v) => m.matches(v)) : refsWhere(ix, m, true);
      if (p.length === 0) return EMPTY;
      its.push(p);
    }
  }
  let result: Uint32Array;
  if (its.length === 0) {
    result = ix.all();
  } else {
    its.sort((a, b) => a.length - b.length);
    result = its[0]!;
    for (let i = 1; i < its.length && result.length > 0; i++) result = intersect(result, its[i]!);
  }
  if (nots.length > 0 && result.length > 0) result = subtract(result, union(nots));
  return result.slice();
}
