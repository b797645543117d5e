import { describe, expect, it } from 'vitest';
import type { MeteredConfig } from '../../../../agent/core/metered/config.js';
import { dayKey, nextPeriodStartMs, periodStartMs } from '../../../../agent/core/metered/period.js';
import { account, budgetSpent, emptyUsage, usedPct, type MeteredEvent, type MeteredUsage } from '../../../../agent/core/metered/usage.js';

const CFG: MeteredConfig = {
  budget: 1_000_000,
  billingDay: 5,
  thresholdsPct: [50, 80, 100],
  whenSpent: 'hard-failure-only',
  fullRateOperations: [],
};
const LTE = 50e6 / 8;
const T0 = Date.UTC(2026, 11, 6, 12, 0, 0);

/** Feeds cumulative byte counts (in + out split evenly) a minute apart, from T0. */
function feed(totals: number[], cfg = CFG, start = emptyUsage('Cellular0/1/0', cfg, T0), stepMs = 60_000) {
  let u: MeteredUsage = start;
  const events: MeteredEvent[] = [];
  totals.forEach((total, i) => {
    const r = account(
      u,
      {
        atMs: start.last ? start.last.atMs + (i + 1) * stepMs : T0 + i * stepMs,
        bytesIn: total / 2,
        bytesOut: total / 2,
        clearedAgoSec: 'never',
      },
      cfg,
      LTE,
    );
    u = r.usage;
    events.push(...r.events);
  });
  return { usage: u, events };
}

describe('billing periods', () => {
  it.each([
    [Date.UTC(2026, 11, 6, 12), 5, Date.UTC(2026, 11, 5)],
    [Date.UTC(2026, 11, 4, 23, 59), 5, Date.UTC(2026, 10, 5)],
    [Date.UTC(2026, 11, 5), 5, Date.UTC(2026, 11, 5)],
    [Date.UTC(2027, 0, 2), 28, Date.UTC(2026, 11, 28)],
    [Date.UTC(2026, 2, 1), 28, Date.UTC(2026, 1, 28)],
  ])('%s on billing day %d starts at %s', (now, day, start) => expect(periodStartMs(now, day)).toBe(start));

  it('the next period starts a month later, across the year', () => {
    expect(nextPeriodStartMs(Date.UTC(2026, 11, 28))).toBe(Date.UTC(2027, 0, 28));
  });
});

describe('metered usage', () => {
  it('counts from the second reading, per period and per day', () => {
    const { usage } = feed([10_000, 30_000, 45_000]);
    expect(usage.periodBytes).toBe(35_000);
    expect(usage.dayBytes).toBe(35_000);
    expect(usage.day).toBe('2026-12-06');
  });

  it('raises each threshold once per period, several at once if one reading crosses them', () => {
    const { usage, events } = feed([0, 600_000, 700_000, 1_100_000, 1_200_000]);
    expect(events.map((e) => (e.kind === 'threshold' ? e.pct : e.kind))).toEqual([50, 80, 100]);
    expect(usage.raisedPct).toEqual([50, 80, 100]);
    expect(budgetSpent(usage, CFG)).toBe(true);
    expect(usedPct(usage, CFG)).toBe(120);
  });

  it('starts a new day at midnight UTC and a new period on the billing day, raising again', () => {
    const lastOfPeriod = Date.UTC(2027, 0, 4, 23, 59, 30);
    let u = emptyUsage('Cellular0/1/0', CFG, lastOfPeriod);
    u = account(u, { atMs: lastOfPeriod, bytesIn: 0, bytesOut: 0 }, CFG, LTE).usage;
    u = account(u, { atMs: lastOfPeriod + 10_000, bytesIn: 600_000, bytesOut: 0 }, CFG, LTE).usage;
    expect(u.raisedPct).toEqual([50]);
    const r = account(u, { atMs: lastOfPeriod + 60_000, bytesIn: 1_200_000, bytesOut: 0 }, CFG, LTE);
    expect(r.events).toEqual([
      {
        kind: 'period-start',
        interface: 'Cellular0/1/0',
        periodStartMs: Date.UTC(2027, 0, 5),
        previousStartMs: Date.UTC(2026, 11, 5),
        previousBytes: 600_000,
      },
      {
        kind: 'threshold',
        interface: 'Cellular0/1/0',
        pct: 50,
        periodBytes: 600_000,
        budget: 1_000_000,
        periodStartMs: Date.UTC(2027, 0, 5),
      },
    ]);
    expect(r.usage).toMatchObject({ periodBytes: 600_000, day: '2027-01-05', dayBytes: 600_000 });
  });

  it('keeps counting across a reload of the router (counters from zero) and says so', () => {
    let u = feed([0, 400_000]).usage;
    const r = account(u, { atMs: u.last!.atMs + 60_000, bytesIn: 1000, bytesOut: 1000, clearedAgoSec: 'never' }, CFG, LTE);
    u = r.usage;
    expect(r.delta).toBe('reset');
    expect(r.events.map((e) => e.kind)).toEqual(['counters-reset']);
    expect(u.periodBytes).toBe(402_000);
  });

  it('a reading from before the baseline (the clock stepped back) counts nothing and becomes the baseline', () => {
    const u = feed([0, 1000]).usage;
    const r = account(u, { atMs: u.last!.atMs - 3_600_000, bytesIn: 800, bytesOut: 800 }, CFG, LTE);
    expect(r.bytes).toBe(0);
    expect(r.usage.last!.bytesIn).toBe(800);
  });
});

describe('calendar arithmetic without Date (pure core)', () => {
  it('agrees with Date on days and period starts over four years, every billing day', () => {
    for (let ms = Date.UTC(2026, 0, 1, 7); ms < Date.UTC(2030, 0, 1); ms += 86_400_000 * 3 + 3_600_000) {
      expect(dayKey(ms)).toBe(new Date(ms).toISOString().slice(0, 10));
      for (const day of [1, 15, 28]) {
        const d = new Date(ms);
        const mine = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), day);
        expect(periodStartMs(ms, day)).toBe(mine <= ms ? mine : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, day));
      }
    }
  });
});
