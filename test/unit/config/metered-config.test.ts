import { describe, expect, it } from 'vitest';
import { formatBytes, parseByteSize } from '../../../agent/config/byte-size.js';
import { loadConfigText } from '../../../agent/config/load.js';
import { MINIMAL } from './minimal-config.js';

const withMetered = (metered: string) =>
  MINIMAL.replace(
    'sources: [{ interface: Gi0/0, stubTrack: 111 }]',
    `sources: [{ interface: Gi0/0, stubTrack: 111 }, { interface: Cellular0/1/0, stubTrack: 112, metered: ${metered} }]`,
  );

describe('byte sizes', () => {
  it.each([
    ['2GB', 2e9],
    ['500 MB', 5e8],
    ['1.5GiB', 1.5 * 2 ** 30],
    ['750kb', 750_000],
    ['42', 42],
    [1024, 1024],
    ['3G', 3e9],
  ] as const)('reads %s as %d bytes', (text, bytes) => expect(parseByteSize(text)).toBe(bytes));

  it.each(['', 'GB', '2 GBs', '-1GB', '1e9', 2.5, -3, null, '99999999999TB'])('refuses %s', (v) =>
    expect(parseByteSize(v)).toBeUndefined(),
  );

  it('prints budgets in decimal units', () => {
    expect(formatBytes(2e9)).toBe('2 GB');
    expect(formatBytes(52_430_000)).toBe('52.43 MB');
    expect(formatBytes(12)).toBe('12 B');
  });
});

describe('metered WAN configuration', () => {
  it('normalises the budget to bytes and fills the defaults', () => {
    const r = loadConfigText(withMetered('{ budget: 2GB }'));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.config.flexvpn?.sources[1]!.metered).toEqual({
      budget: 2e9,
      billingDay: 1,
      thresholdsPct: [50, 80, 100],
      whenSpent: 'hard-failure-only',
      fullRateOperations: [],
    });
    expect(r.config.flexvpn?.sources[0]!.metered).toBeUndefined();
  });

  it('sorts thresholds and keeps every setting given', () => {
    const r = loadConfigText(withMetered('{ budget: 5000000, billingDay: 17, thresholdsPct: [100, 25, 90], whenSpent: ignore }'));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.config.flexvpn?.sources[1]!.metered).toEqual({
      budget: 5e6,
      billingDay: 17,
      thresholdsPct: [25, 90, 100],
      whenSpent: 'ignore',
      fullRateOperations: [],
    });
  });

  it('reports each bad setting with its path', () => {
    const r = loadConfigText(withMetered('{ budget: lots, billingDay: 31, thresholdsPct: [50, 50], whenSpent: pay-more, cap: 1 }'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const at = (p: string) =>
      r.issues
        .filter((i) => i.path === `flexvpn.sources[1].metered.${p}`)
        .map((i) => i.message)
        .join('; ');
    expect(at('budget')).toContain('"lots" is not a valid data size (2GB, 500MB');
    expect(at('billingDay')).toMatch(/<= 28/);
    expect(at('thresholdsPct')).toMatch(/duplicate/);
    expect(at('whenSpent')).toContain('must be one of: hard-failure-only, ignore');
    expect(at('cap')).toBe('unknown key');
  });

  it('requires a budget, and one of at least a byte', () => {
    for (const [metered, message] of [
      ['{ billingDay: 3 }', 'is required'],
      ['{ budget: 0 }', '>= 1'],
      ['{ budget: 0MB }', 'not a budget of at least one byte'],
    ]) {
      const r = loadConfigText(withMetered(metered!));
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.issues.find((i) => i.path === 'flexvpn.sources[1].metered.budget')?.message).toContain(message);
    }
  });
});

describe('full-rate operations of a metered WAN', () => {
  const base = (ops: string) =>
    MINIMAL.replace(
      'sources: [{ interface: Gi0/0, stubTrack: 111 }]',
      `sources: [{ interface: Gi0/0, stubTrack: 111 }, { interface: Cellular0/1/0, stubTrack: 112, metered: { budget: 2GB, fullRateOperations: ${ops} } }]`,
    ).replace(
      'candidates: [{ id: a, peer: 192.0.2.1, source: GigabitEthernet0/0, slaOperations: [1] }]',
      'candidates: [{ id: a, peer: 192.0.2.1, source: GigabitEthernet0/0, slaOperations: [1] }, { id: b, peer: 192.0.2.1, source: Cellular0/1/0, slaOperations: [21, 23] }]',
    );

  it('are accepted when a candidate on the WAN lists them', () => {
    const r = loadConfigText(base('[23]'));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.config.flexvpn?.sources[1]!.metered!.fullRateOperations).toEqual([23]);
  });

  it('are refused when no candidate on the WAN judges with them', () => {
    const r = loadConfigText(base('[23, 1]'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      {
        path: 'flexvpn.sources[1].metered.fullRateOperations',
        message: expect.stringContaining('operation 1 is in no slaOperations of a candidate on Cellular0/1/0'),
      },
    ]);
  });
});
