/**
 * A token bucket per key (tenant): `rate` tokens a second up to `burst`. Used for the
 * ingestion rate limit, where one token is one sample, exemplar or metadata entry.
 * Not shared between processes: each distributor enforces `rate / distributors` in a
 * cluster (the caller divides).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; last: number }>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /**
   * Takes `n` tokens for `key` if available. Returns false (and takes nothing) when the
   * bucket holds fewer than `n`. A request larger than `burst` is never allowed.
   */
  allow(key: string, n: number, rate: number, burst: number): boolean {
    if (rate <= 0) return true; // 0 disables the limit
    const t = this.now();
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: burst, last: t };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(burst, b.tokens + ((t - b.last) / 1000) * rate);
    b.last = t;
    if (b.tokens < n) return false;
    b.tokens -= n;
    return true;
  }
}
