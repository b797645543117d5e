import { describe, expect, it } from 'vitest';
import { NonceCache } from '../../../agent/shell/commands/nonce-cache.js';

describe('nonce cache', () => {
  it('forgets a nonce only after its command expired (plus skew)', () => {
    const c = new NonceCache(10, 1000);
    expect(c.remember('a', 5000, 0)).toBe(true);
    expect(c.has('a')).toBe(true);
    for (let i = 0; i < 9; i++) c.remember(`b${i}`, 100_000, 0);
    // Full: 'a' can go only once 5000 + 1000 has passed.
    expect(c.remember('z', 100_000, 5999)).toBe(false);
    expect(c.remember('z', 100_000, 6001)).toBe(true);
    expect(c.has('a')).toBe(false);
  });

  it('loads remembered nonces, dropping those already expired (plus skew)', () => {
    const c = new NonceCache(10, 1000);
    c.load(
      [
        { nonce: 'n1', expMs: 10_000 },
        { nonce: 'n3', expMs: 3000 },
      ],
      5000,
    );
    expect(c.has('n1')).toBe(true);
    expect(c.has('n3')).toBe(false);
  });
});
