import { describe, expect, it } from 'vitest';
import type { MeteredConfig } from '../../../agent/core/metered/config.js';
import type { Clock } from '../../../agent/ports/clock.js';
import { silentLogger } from '../../../agent/ports/logger.js';
import { MeteredAccounting } from '../../../agent/shell/report/metered-accounting.js';
import type { InterfaceDetail } from '../../../proto/records/health.js';

const LTE = 'Cellular0/1/0';
const settings = (budget: number): MeteredConfig => ({
  budget,
  billingDay: 1,
  thresholdsPct: [100],
  whenSpent: 'hard-failure-only',
  fullRateOperations: [],
});

describe('metered accounting reconfigured (SIGHUP)', () => {
  it('keeps what it counted and tells the policy at once when the new budget is spent, or no longer', async () => {
    let now = Date.UTC(2026, 11, 6, 12);
    let bytes = 1_000;
    const clock = { now: () => now } as unknown as Clock;
    const told: [string, boolean][] = [];
    const acc = new MeteredAccounting({
      wans: [{ interface: LTE, metered: settings(1e9) }],
      clock,
      log: silentLogger,
      onEvent: () => undefined,
      onSpent: (i, s) => told.push([i, s]),
      readInterface: async () => ({ name: LTE, counters: { bytesInput: bytes, bytesOutput: bytes } }) as unknown as InterfaceDetail,
    });
    await acc.read();
    now += 60_000;
    bytes += 50_000;
    await acc.read();
    const counted = acc.telemetry()[0]!.periodBytes;
    expect(counted).toBe(100_000);
    expect(told).toEqual([[LTE, false]]);
    acc.reconfigure([{ interface: LTE, metered: settings(80_000) }]);
    expect(told.at(-1)).toEqual([LTE, true]);
    expect(acc.telemetry()[0]).toMatchObject({ periodBytes: counted, budgetBytes: 80_000, spent: true });
    acc.reconfigure([{ interface: LTE, metered: settings(1e9) }]);
    expect(told.at(-1)).toEqual([LTE, false]);
  });
});
