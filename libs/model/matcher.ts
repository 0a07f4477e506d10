/** The four PromQL label matcher types. */
export type MatchType = '=' | '!=' | '=~' | '!~';

/**
 * A label matcher. Regular expressions are fully anchored, as in Prometheus (`=~"a.*"`
 * matches the whole value). Matching an absent label is matching the empty string.
 */
export class Matcher {
  readonly type: MatchType;
  readonly name: string;
  readonly value: string;
  private readonly re: RegExp | undefined;

  /** @throws SyntaxError when `type` is a regex type and `value` does not compile. */
  constructor(type: MatchType, name: string, value: string) {
    this.type = type;
    this.name = name;
    this.value = value;
    this.re = type === '=~' || type === '!~' ? compileAnchored(value) : undefined;
  }

  /** Whether the matcher accepts `value` ('' stands for an absent label). */
  matches(value: string): boolean {
    switch (this.type) {
      case '=':
        return value === this.value;
      case '!=':
        return value !== this.value;
      case '=~':
        return this.re!.test(value);
      case '!~':
        return !this.re!.test(value);
    }
  }

  /** Whether the matcher accepts the empty string, i.e. also series without the label. */
  matchesEmpty(): boolean {
    return this.matches('');
  }

  toString(): string {
    return `${this.name}${this.type}${JSON.stringify(this.value)}`;
  }
}

/**
 * Compiles an RE2-style pattern to a fully anchored JS RegExp with the `s` flag, since
 * Prometheus lets `.` match newlines. Translates the RE2-only constructs seen in practice.
 */
export function compileAnchored(pattern: string): RegExp {
  const src = pattern.replace(/\(\?P</g, '(?<');
  return new RegExp(`^(?:${src})$`, 'su');
}
