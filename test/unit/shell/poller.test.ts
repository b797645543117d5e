import { describe, expect, it } from 'vitest';
import { Poller } from '../../../agent/shell/observe/poller.js';
import { silentLogger } from '../../../agent/ports/logger.js';
import { agentClockFrom } from '../../../lab/harness/clock-bridge.js';
import { ManualClock } from '../../../lab/world/clock.js';

const flush = () => new Promise((r) => setImmediate(r));

function poller(minTriggerIntervalMs: number, intervalMs = 300_000) {
  const lab = new ManualClock(0);
  const starts: number[] = [];
  const p = new Poller({
    name: 'routes',
    intervalMs,
    jitter: 0,
    minTriggerIntervalMs,
    read: async () => {
      starts.push(lab.now());
    },
    clock: agentClockFrom(lab),
    log: silentLogger,
  });
  return { lab, starts, p };
}

describe('Poller triggered reads', () => {
  it('a flood of syslog triggers reads at most once per minimum interval (red-team finding 7: 73 table reads in 20 s)', async () => {
    const { lab, starts, p } = poller(30_000);
    p.start(0);
    lab.advance(0);
    await flush();
    expect(starts).toEqual([0]);
    // 50 hints a second for 20 s, as the spoofed-syslog attack sent.
    for (let ms = 0; ms < 20_000; ms += 20) {
      lab.advance(20);
      p.trigger();
      await flush();
    }
    expect(starts).toEqual([0]);
    lab.advance(10_000);
    await flush();
    expect(starts).toEqual([0, 30_000]);
    expect(p.triggersCoalesced).toBeGreaterThan(900);
  });

  it('with no interval it reads only when triggered, still no sooner than the minimum interval', async () => {
    const { lab, starts, p } = poller(2_000, Infinity);
    p.start(p.nextIntervalMs());
    lab.advance(600_000);
    await flush();
    expect(starts).toEqual([]);
    p.trigger();
    await flush();
    lab.advance(500);
    p.trigger();
    lab.advance(600_000);
    await flush();
    expect(starts).toEqual([600_000, 602_000]);
  });

  it('a trigger after the minimum interval reads at once', async () => {
    const { lab, starts, p } = poller(2_000);
    p.start(0);
    lab.advance(0);
    await flush();
    lab.advance(5_000);
    p.trigger();
    await flush();
    expect(starts).toEqual([0, 5_000]);
  });

  it('a held-back trigger never delays a read the interval had already scheduled sooner', async () => {
    const lab = new ManualClock(0);
    const starts: number[] = [];
    const p = new Poller({
      name: 'sla',
      intervalMs: 10_000,
      jitter: 0,
      minTriggerIntervalMs: 60_000,
      read: async () => {
        starts.push(lab.now());
      },
      clock: agentClockFrom(lab),
      log: silentLogger,
    });
    p.start(0);
    lab.advance(0);
    await flush();
    lab.advance(1_000);
    p.trigger();
    lab.advance(9_000);
    await flush();
    expect(starts).toEqual([0, 10_000]);
  });

  it('no read starts after stop, even one a trigger held back', async () => {
    const { lab, starts, p } = poller(30_000);
    p.start(0);
    lab.advance(0);
    await flush();
    lab.advance(1_000);
    p.trigger();
    p.stop();
    lab.advance(600_000);
    await flush();
    expect(starts).toEqual([0]);
  });
});
