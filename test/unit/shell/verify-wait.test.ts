/**
 * The steer's verification loop shared by the stub-track actuator and the BGP
 * steering (agent/shell/act/verify-wait.ts), on a clock that only moves when it sleeps.
 */
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../agent/ports/clock.js';
import { silentLogger } from '../../../agent/ports/logger.js';
import { Supersede } from '../../../agent/shell/act/actuator.js';
import { waitUntil } from '../../../agent/shell/act/verify-wait.js';

function steppingClock(): Clock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    setTimer: () => () => undefined,
  } as unknown as Clock & { slept: number[] };
}

describe('waitUntil', () => {
  it('passes on the first read that checks, reading every pollMs', async () => {
    const clock = steppingClock();
    let n = 0;
    const r = await waitUntil({
      clock,
      log: silentLogger,
      timeoutMs: 10_000,
      pollMs: 1000,
      token: new Supersede(),
      read: async () => ++n,
      check: (v) => v === 3,
    });
    expect(r).toEqual({ ok: true });
    expect(clock.slept).toEqual([1000, 1000]);
  });

  it('at the timeout, fails with what the last good read showed; a failed read is only "not yet"', async () => {
    const clock = steppingClock();
    let n = 0;
    const r = await waitUntil({
      clock,
      log: silentLogger,
      timeoutMs: 3000,
      pollMs: 1000,
      token: new Supersede(),
      read: async () => {
        n++;
        if (n === 3) throw new Error('timed out');
        return `read ${n}`;
      },
      check: () => false,
      describe: (v) => v,
    });
    expect(r).toEqual({ ok: false, seen: 'read 4' });
    expect(n).toBe(4);
  });

  it('a superseded steer stops at once', async () => {
    const token = new Supersede();
    token.supersede();
    let reads = 0;
    const r = await waitUntil({
      clock: steppingClock(),
      log: silentLogger,
      timeoutMs: 3000,
      pollMs: 1000,
      token,
      read: async () => ++reads,
      check: () => true,
    });
    expect(r).toEqual({ ok: false });
    expect(reads).toBe(0);
  });
});
