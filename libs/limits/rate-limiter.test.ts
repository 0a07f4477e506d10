import { describe, expect, it } from 'vitest';
import { RateLimiter } from './index.js';

describe('RateLimiter', () => {
  it('allows a burst, then refills at the rate', () => {
    let now = 0;
    const rl = new RateLimiter(() => now);
    expect(rl.allow('t', 100, 10, 100)).toBe(true);
    expect(rl.allow('t', 1, 10, 100)).toBe(false);
    now = 500; // half a second refills 5 tokens
    expect(rl.allow('t', 5, 10, 100)).toBe(true);
    expect(rl.allow('t', 1, 10, 100)).toBe(false);
  });
  it('keeps tenants apart and treats rate 0 as unlimited', () => {
    const rl = new RateLimiter(() => 0);
    expect(rl.allow('a', 10, 1, 10)).toBe(true);
    expect(rl.allow('b', 10, 1, 10)).toBe(true);
    expect(rl.allow('c', 1e9, 0, 0)).toBe(true);
  });
});
