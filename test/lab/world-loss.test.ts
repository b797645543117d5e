/**
 * The world's impairment model, checked statistically with fixed seeds:
 * jitter as IP SLA defines it, Gilbert–Elliott bursts, one-way and
 * per-protocol loss, and exact replay for a seed.
 */
import { describe, expect, it } from 'vitest';
import { measure, type Sample } from '../../agent/core/policy/quality.js';
import { gilbertFor, minimumBurst, stationaryLoss } from '../../lab/world/loss-model.js';
import { SeededRandom } from '../../lab/world/random.js';
import { World, type TrafficKind } from '../../lab/world/world.js';
import { defaultWorldSpec } from '../../lab/world/default-world.js';

const FIBRE = 'GigabitEthernet0/0';
const HUB1 = '198.51.100.1';

function outcomes(w: World, n: number, seed: number, kind?: TrafficKind, address = HUB1): boolean[] {
  const rng = new SeededRandom(seed);
  return Array.from({ length: n }, () => (kind ? w.probe(FIBRE, address, rng, kind) : w.probe(FIBRE, address, rng)).delivered);
}

const lossShare = (delivered: boolean[]) => delivered.filter((d) => !d).length / delivered.length;

/** Mean length of runs of consecutive losses. */
function meanBurst(delivered: boolean[]): number {
  const runs: number[] = [];
  let run = 0;
  for (const d of delivered) {
    if (!d) run++;
    else if (run > 0) {
      runs.push(run);
      run = 0;
    }
  }
  if (run > 0) runs.push(run);
  return runs.reduce((a, b) => a + b, 0) / runs.length;
}

describe('jitter is IP SLA jitter: the mean |RTT(i) − RTT(i−1)|', () => {
  it.each([
    [20, 200],
    [5, 40],
    [80, 350],
  ])('jitter %i ms at %i ms latency, over 20,000 probes', (jitterMs, latencyMs) => {
    const w = new World(defaultWorldSpec());
    w.setPath(FIBRE, 'hub1', { latencyMs, jitterMs });
    const rng = new SeededRandom(11);
    const rtts = Array.from({ length: 20000 }, () => w.probe(FIBRE, HUB1, rng).rttMs);
    let sum = 0;
    for (let i = 1; i < rtts.length; i++) sum += Math.abs(rtts[i]! - rtts[i - 1]!);
    expect(sum / (rtts.length - 1)).toBeGreaterThan(jitterMs * 0.97);
    expect(sum / (rtts.length - 1)).toBeLessThan(jitterMs * 1.03);
    expect(rtts.reduce((a, b) => a + b, 0) / rtts.length).toBeCloseTo(latencyMs, 0);
  });

  it('is what the agent measures from a window of IP SLA results', () => {
    const w = new World(defaultWorldSpec());
    w.setPath(FIBRE, 'hub1', { latencyMs: 300, jitterMs: 60, lossPct: 10 });
    const rng = new SeededRandom(5);
    const window: Sample[] = Array.from({ length: 5000 }, (_, i) => {
      const p = w.probe(FIBRE, HUB1, rng);
      return p.delivered ? { atMs: i * 3000, answered: true, rttMs: p.rttMs } : { atMs: i * 3000, answered: false };
    });
    const m = measure(window);
    expect(m.jitterMs).toBeGreaterThan(57);
    expect(m.jitterMs).toBeLessThan(63);
    expect(m.lossPct).toBeGreaterThan(9);
    expect(m.lossPct).toBeLessThan(11);
  });
});

describe('Gilbert–Elliott loss from mean loss and mean burst length', () => {
  it('derives p and r so that the stationary loss and the mean burst are the ones asked for', () => {
    const ge = gilbertFor({ pct: 10, burst: 5 });
    expect(ge.r).toBeCloseTo(0.2, 10);
    expect(ge.p).toBeCloseTo(0.2 / 9, 10);
    expect(stationaryLoss(ge)).toBeCloseTo(0.1, 10);
    expect(minimumBurst(90)).toBeCloseTo(9, 10);
    expect(stationaryLoss(gilbertFor({ pct: 100, burst: 3 }))).toBe(1);
  });

  it.each([
    [10, 5],
    [2, 3],
    [30, 10],
    [50, 1],
  ])('%i %% loss in bursts of %i: measured over 200,000 packets', (pct, burst) => {
    const w = new World(defaultWorldSpec());
    w.setPath(FIBRE, 'hub1', { lossPct: pct, lossBurst: burst });
    const d = outcomes(w, 200000, 3);
    expect(lossShare(d)).toBeGreaterThan((pct / 100) * 0.93);
    expect(lossShare(d)).toBeLessThan((pct / 100) * 1.07);
    expect(meanBurst(d)).toBeGreaterThan(burst * 0.93);
    expect(meanBurst(d)).toBeLessThan(burst * 1.07);
  });

  it('keeps a chain per kind: ICMP and IKE interleaved on one path each see their own bursts', () => {
    const w = new World(defaultWorldSpec());
    w.setPath(FIBRE, 'hub1', { lossPct: 20, lossBurst: 8 });
    const rng = new SeededRandom(9);
    const icmp: boolean[] = [];
    const ike: boolean[] = [];
    for (let i = 0; i < 100000; i++) {
      icmp.push(w.probe(FIBRE, HUB1, rng, 'icmp').delivered);
      ike.push(w.probe(FIBRE, HUB1, rng, 'ike').delivered);
    }
    for (const d of [icmp, ike]) {
      expect(meanBurst(d)).toBeGreaterThan(8 * 0.9);
      expect(meanBurst(d)).toBeLessThan(8 * 1.1);
    }
  });

  it.each([
    // A 50 packet/s stream meets the bursts whole; probes 3 s apart sample them almost independently (1 / (1 − 0.1) ≈ 1.11).
    { spacingMs: 20, burstLow: 4 * 0.93, burstHigh: 4 * 1.07 },
    { spacingMs: 3000, burstLow: 1, burstHigh: 1.2 },
  ])('a burst lasts in time: 10 %% loss in bursts of 4, packets $spacingMs ms apart', ({ spacingMs, burstLow, burstHigh }) => {
    const w = new World(defaultWorldSpec());
    let now = 0;
    w.attachClock(() => now);
    w.setPath(FIBRE, 'hub1', { lossPct: 10, lossBurst: 4 });
    const rng = new SeededRandom(11);
    const d = Array.from({ length: 100000 }, () => {
      now += spacingMs;
      return w.probe(FIBRE, HUB1, rng).delivered;
    });
    expect(lossShare(d)).toBeGreaterThan(0.1 * 0.93);
    expect(lossShare(d)).toBeLessThan(0.1 * 1.07);
    expect(meanBurst(d)).toBeGreaterThan(burstLow);
    expect(meanBurst(d)).toBeLessThan(burstHigh);
  });

  it('bursts are burstier than independent loss of the same mean', () => {
    const plain = new World(defaultWorldSpec());
    plain.setPath(FIBRE, 'hub1', { lossPct: 20 });
    expect(meanBurst(outcomes(plain, 50000, 4))).toBeLessThan(1.3); // 1 / (1 − 0.2) = 1.25
  });
});

describe('loss per direction and per kind of traffic', () => {
  it('loses a round trip when either leg loses it', () => {
    const w = new World(defaultWorldSpec());
    w.setPath(FIBRE, 'hub1', { upstreamLoss: { pct: 20 }, downstreamLoss: { pct: 10 } });
    const share = lossShare(outcomes(w, 50000, 6));
    expect(share).toBeGreaterThan(0.28 * 0.95); // 1 − 0.8 × 0.9
    expect(share).toBeLessThan(0.28 * 1.05);
    expect(w.meanLossPct(FIBRE, HUB1, 'icmp')).toBeCloseTo(28, 6);
  });

  it('says which leg lost a packet, so IP SLA can count loss source-to-destination and back', () => {
    const w = new World(defaultWorldSpec());
    w.setPath(FIBRE, 'hub1', { lossPct: 5, upstreamLoss: { pct: 20 }, downstreamLoss: { pct: 10 } });
    const rng = new SeededRandom(12);
    const lost = Array.from({ length: 50000 }, () => w.probe(FIBRE, HUB1, rng)).filter((p) => !p.delivered);
    const share = (on: string | undefined) => lost.filter((p) => p.lostOn === on).length / 50000;
    expect(share('upstream')).toBeCloseTo(0.2, 2);
    expect(share(undefined)).toBeCloseTo(0.8 * 0.05, 2); // past the upstream leg, lost by the round trip
    expect(share('downstream')).toBeCloseTo(0.8 * 0.95 * 0.1, 2);
  });

  it('ICMP deprioritised at the far end while data and IKE pass', () => {
    const w = new World(defaultWorldSpec());
    w.setPath(FIBRE, 'hub1', { byKind: { icmp: { downstream: { pct: 40 } } } });
    expect(lossShare(outcomes(w, 20000, 7, 'icmp'))).toBeGreaterThan(0.37);
    expect(lossShare(outcomes(w, 20000, 7, 'icmp'))).toBeLessThan(0.43);
    expect(lossShare(outcomes(w, 2000, 7, 'data'))).toBe(0);
    expect(lossShare(outcomes(w, 2000, 7, 'ike'))).toBe(0);
    expect(w.meanLossPct(FIBRE, HUB1, 'data')).toBe(0);
  });

  it('data black-holed while DPD (IKE) is answered; an override of null drops back to the path', () => {
    const w = new World(defaultWorldSpec());
    w.setPath(FIBRE, '*', { lossPct: 1, byKind: { data: { roundTrip: { pct: 100 } } } });
    expect(lossShare(outcomes(w, 1000, 8, 'data'))).toBe(1);
    expect(lossShare(outcomes(w, 5000, 8, 'ike'))).toBeLessThan(0.03);
    expect(w.meanLossPct(FIBRE, HUB1, 'data')).toBe(100);
    w.setPath(FIBRE, '*', { byKind: { data: null } });
    expect(w.meanLossPct(FIBRE, HUB1, 'data')).toBe(1);
  });

  it('the plain loss applies to every kind unless overridden, as before', () => {
    const w = new World(defaultWorldSpec());
    w.setPath(FIBRE, 'hub1', { lossPct: 30 });
    for (const kind of ['icmp', 'ike', 'data'] as const) expect(w.meanLossPct(FIBRE, HUB1, kind)).toBe(30);
    expect(lossShare(outcomes(w, 20000, 2, 'data'))).toBeCloseTo(0.3, 1);
  });

  it('a black-holed WAN stays up but nothing passes, of any kind, until it is cleared', () => {
    const w = new World(defaultWorldSpec());
    w.setWanBlackholed('Cellular0/1/0', true);
    expect(w.wan('Cellular0/1/0')?.up).toBe(true);
    expect(w.reachable('Cellular0/1/0', HUB1)).toBe(false);
    for (const kind of ['icmp', 'ike', 'data'] as const) {
      expect(w.probe('Cellular0/1/0', HUB1, new SeededRandom(1), kind).delivered).toBe(false);
      expect(w.meanLossPct('Cellular0/1/0', HUB1, kind)).toBe(100);
    }
    w.setWanBlackholed('Cellular0/1/0', false);
    expect(w.probe('Cellular0/1/0', HUB1, new SeededRandom(1)).delivered).toBe(true);
  });
});

describe('hubs slow at IKE or draining', () => {
  it('answers by hub name or address, and refuses unknown hubs for changes', () => {
    const w = new World(defaultWorldSpec());
    expect(w.ikeDelayMs('hub2')).toBe(0);
    expect(w.hubAcceptsNewSessions(HUB1)).toBe(true);
    w.setIkeDelay('hub2', 8000);
    w.setHubDraining('hub1', true);
    expect(w.ikeDelayMs('203.0.113.1')).toBe(8000);
    expect(w.hubAcceptsNewSessions('hub1')).toBe(false);
    expect(w.hubAcceptsNewSessions(HUB1)).toBe(false);
    expect(w.hubAcceptsNewSessions('hub2')).toBe(true);
    expect(w.ikeDelayMs('192.0.2.200')).toBe(0);
    expect(() => w.setIkeDelay('hub9', 1)).toThrow(/unknown hub/);
    expect(() => w.setHubDraining('hub9', true)).toThrow(/unknown hub/);
  });

  it("an operator clearing a hub's sessions moves its session generation on, by name or address", () => {
    const w = new World(defaultWorldSpec());
    expect(w.hubSessionEpoch(HUB1)).toBe(0);
    w.clearHubSessions('hub1');
    expect([w.hubSessionEpoch('hub1'), w.hubSessionEpoch(HUB1), w.hubSessionEpoch('hub2')]).toEqual([1, 1, 0]);
    expect(() => w.clearHubSessions('hub9')).toThrow(/unknown hub/);
  });
});

describe('determinism', () => {
  it('the same seed replays bursty, one-way and per-kind loss exactly; another seed does not', () => {
    const run = (seed: number) => {
      const w = new World(defaultWorldSpec());
      w.setPath(FIBRE, '*', {
        jitterMs: 10,
        lossPct: 5,
        lossBurst: 4,
        upstreamLoss: { pct: 3, burst: 2 },
        byKind: { data: { downstream: { pct: 10, burst: 6 } } },
      });
      const rng = new SeededRandom(seed);
      return Array.from({ length: 3000 }, (_, i) => w.probe(FIBRE, HUB1, rng, (['icmp', 'ike', 'data'] as const)[i % 3]));
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });
});
