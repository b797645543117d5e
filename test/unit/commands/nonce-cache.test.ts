import { describe, expect, it } from 'vitest';
import { NonceCache, noncesFromJournal } from '../../../agent/shell/commands/nonce-cache.js';

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

  it('reloads accepted nonces from journal rows, ignoring refusals and expired ones', () => {
    const rows = [
      { data: { outcome: 'accepted', nonce: 'n1', exp: 10_000 } },
      { data: { outcome: 'refused', nonce: 'n2', exp: 10_000 } },
      { data: { outcome: 'accepted', nonce: 'n3', exp: 100 } },
      { data: null },
    ];
    const source = noncesFromJournal(() => rows, 60_000);
    const c = new NonceCache(10, 0);
    c.load(source(5000) as { nonce: string; expMs: number }[], 5000);
    expect(c.has('n1')).toBe(true);
    expect(c.has('n2')).toBe(false);
    expect(c.has('n3')).toBe(false);
  });
});
