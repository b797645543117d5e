import { describe, expect, it } from 'vitest';
import { editDistance, explainKey, nearestKeys } from '../../../agent/config/explain.js';

describe('config check --explain, the pure part', () => {
  it('measures edit distance by insertions, deletions and substitutions', () => {
    expect(editDistance('preemptDelay', 'preemptDelaySec')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests the nearest keys by whole path or by last name, none for gibberish', () => {
    expect(nearestKeys('polling.slasec')).toEqual(['polling.slaSec']);
    expect(nearestKeys('billingDay')[0]).toBe('flexvpn.sources[].metered.billingDay');
    expect(nearestKeys('qqqqqqqqqqqq')).toEqual([]);
  });

  it('explains a key inside a list inside a section', () => {
    const r = explainKey('routes.expectations.allowed.maxLength');
    expect(r).toEqual({ ok: true, text: expect.stringContaining('  type:     integer (0 to 128)') });
  });
});
