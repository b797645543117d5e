/** DPD as a pure function of the traffic: on-demand vs periodic, retransmissions, death. */
import { describe, expect, it } from 'vitest';
import { dpdDue, heardPeer, newDpd, nextTimerAfter, recordDpdProbe, type DpdMode, type DpdTiming } from '../../lab/router/dynamics/dpd.js';

const timing = (mode: DpdMode): DpdTiming => ({ mode, intervalSec: 10, retryIntervalSec: 2, retries: 5 });

/**
 * Steps an SA created at 0 through whole seconds 1..until. The peer dies at
 * `deadFrom` (nothing comes back from then on); the LAN sends while `sending(t)`.
 * Returns when R-U-THEREs went out and when the peer was declared dead.
 */
function run(mode: DpdMode, deadFrom: number, sending: (s: number) => boolean, until = 120): { probes: number[]; deadAt?: number } {
  const tm = timing(mode);
  let st = newDpd(0, tm);
  const probes: number[] = [];
  for (let s = 1; s <= until; s++) {
    const now = s * 1000;
    const alive = s < deadFrom;
    const sent = sending(s);
    // The hub answers traffic with traffic: inbound ESP only while the LAN talks and the hub lives.
    if (alive && sent) st = heardPeer(st, now);
    if (!dpdDue(st, tm, { now, sentData: sent })) continue;
    probes.push(s);
    const r = recordDpdProbe(st, tm, alive, now);
    st = r.state;
    if (r.dead) return { probes, deadAt: s };
  }
  return { probes };
}

const always = (): boolean => true;
const never = (): boolean => false;

describe('DPD on-demand vs periodic (crypto ikev2 dpd 10 2 MODE)', () => {
  it.each([
    // mode, peer dies at, LAN sends, R-U-THEREs sent, declared dead at
    ['on-demand, steady traffic, hub alive: never probes', 'on-demand', Infinity, always, [], undefined],
    [
      'on-demand, steady traffic, hub dies at 30: first probe 10 s after the last packet from it, then 5 retransmissions 2 s apart',
      'on-demand',
      30,
      always,
      [39, 41, 43, 45, 47, 49],
      49,
    ],
    ['on-demand, no outbound traffic, hub dies at 30: never probes, never finds out', 'on-demand', 30, never, [], undefined],
    [
      'on-demand, traffic resumes at 80 after the hub died at 30: probes at once (idle > 10 s), dead 10 s later',
      'on-demand',
      30,
      (s: number) => s < 20 || s >= 80,
      [80, 82, 84, 86, 88, 90],
      90,
    ],
    [
      "periodic, hub alive: a probe every 10 s from the SA's start, whatever the traffic",
      'periodic',
      Infinity,
      always,
      [10, 20, 30, 40, 50, 60, 70, 80, 90],
      undefined,
    ],
    [
      'periodic, hub dies at 31: the next timer (40), then the retransmissions',
      'periodic',
      31,
      always,
      [10, 20, 30, 40, 42, 44, 46, 48, 50],
      50,
    ],
    ['periodic, no outbound traffic, hub dies at 31: found all the same', 'periodic', 31, never, [10, 20, 30, 40, 42, 44, 46, 48, 50], 50],
    ['no dpd configured: never probes', 'off', 30, always, [], undefined],
  ] as const)('%s', (_name, mode, deadFrom, sending, probes, deadAt) => {
    const r = run(mode, deadFrom, sending, 95);
    expect(r.probes).toEqual(probes);
    expect(r.deadAt).toEqual(deadAt);
  });

  it('an answer ends the retransmissions and resets the misses; the periodic timer keeps its phase', () => {
    const tm = timing('periodic');
    const missed = recordDpdProbe(newDpd(0, tm), tm, false, 10_000).state;
    expect(missed).toMatchObject({ misses: 1, retryAt: 12_000, nextPeriodicAt: 20_000 });
    const answered = recordDpdProbe(missed, tm, true, 12_000);
    expect(answered).toEqual({ state: { lastHeardAt: 12_000, nextPeriodicAt: 20_000, misses: 0 }, dead: false });
  });

  it('inbound data does not answer an outstanding R-U-THERE (IKE waits for its reply)', () => {
    const tm = timing('on-demand');
    const outstanding = heardPeer(recordDpdProbe(newDpd(0, tm), tm, false, 10_000).state, 11_000);
    expect(dpdDue(outstanding, tm, { now: 12_000, sentData: false })).toBe(true);
  });

  it('the periodic timer fires on its phase after a gap', () => {
    expect(nextTimerAfter(10_000, 10_000, 5_000)).toBe(10_000);
    expect(nextTimerAfter(10_000, 10_000, 10_000)).toBe(20_000);
    expect(nextTimerAfter(10_000, 10_000, 37_000)).toBe(40_000);
  });
});
