/** IP SLA's pure steps as tables: jitter runs, result timing, proactive threshold reactions. */
import { describe, expect, it } from 'vitest';
import { completeRun, judgeJitter, newSlaRuntime, slaDue, startRun } from '../../lab/router/dynamics/ip-sla.js';
import { jitterAvg, jitterRunMs, measureJitter, type PacketOutcome } from '../../lab/router/dynamics/ip-sla-jitter.js';
import { elementValue, newReactionState, stepReaction, type ReactionState } from '../../lab/router/dynamics/ip-sla-reaction.js';
import { defaultReaction, type ReactionConfig, type ThresholdType } from '../../lab/router/ip-sla-config.js';

const back = (rttMs: number, sdMs?: number): PacketOutcome => ({
  sent: true,
  rttMs,
  ...(sdMs !== undefined ? { sdMs, dsMs: rttMs - sdMs } : {}),
});
const lost = (lostOn: 'sd' | 'ds'): PacketOutcome => ({ sent: true, rttMs: 20, lostOn });

describe('a jitter run (IP SLA jitter: |change of one-way delay| between consecutive packets)', () => {
  it('ten packets back: N-1 jitter samples each way, RTT min/avg/max over all ten', () => {
    const s = measureJitter(
      [20, 24, 20, 22, 22, 30, 20, 20, 26, 26].map((r) => back(r)),
      1000,
      5000,
    );
    expect(s.rtt).toEqual({ count: 10, min: 20, max: 30, sum: 230 });
    expect([s.jitterSd.count, s.jitterDs.count]).toEqual([9, 9]);
    // One-way delays are half the RTT when the world does not split them: |Δ| 2,2,1,0,4,5,0,3,0.
    expect(s.jitterSd).toMatchObject({ min: 0, max: 5, sum: 17 });
    expect(jitterAvg(s)).toBe(2);
    expect([s.lossSd, s.lossDs, s.lateArrival, s.skipped]).toEqual([0, 0, 0, 0]);
  });

  it('uses the one-way delays the world gives: SD and DS jitter differ', () => {
    const s = measureJitter([back(20, 10), back(20, 14), back(20, 10)], 1000, 5000);
    expect(s.jitterSd).toMatchObject({ count: 2, sum: 8 });
    expect(s.jitterDs).toMatchObject({ count: 2, sum: 8 });
    expect(measureJitter([back(20, 10), back(30, 10)], 1000, 5000).jitterSd.sum).toBe(0);
  });

  type Row = [
    string,
    PacketOutcome[],
    Partial<Record<'lossSd' | 'lossDs' | 'lateArrival' | 'skipped' | 'overThreshold' | 'lossPeriodMax', number>>,
    number,
    number,
  ];
  it.each<Row>([
    ['a packet lost on the way out breaks SD and DS pairs', [back(20), lost('sd'), back(20)], { lossSd: 1 }, 0, 0],
    ['a packet lost on the way back still pairs SD', [back(20), lost('ds'), back(20)], { lossDs: 1 }, 2, 0],
    ['a reply after the timeout is late, not lost, and not an RTT', [back(20), back(1500), back(20)], { lateArrival: 1 }, 2, 0],
    ['a packet the router could not send is skipped', [back(20), { sent: false, rttMs: 0 }, back(20)], { skipped: 1 }, 0, 0],
    ['RTTs above the threshold are counted', [back(20), back(300), back(20)], { overThreshold: 1 }, 2, 2],
    ['the longest run of losses', [lost('sd'), lost('ds'), back(20), lost('sd')], { lossPeriodMax: 2 }, 1, 0],
  ])('%s', (_name, packets, counts, sdPairs, dsPairs) => {
    const s = measureJitter(packets, 1000, 250);
    expect(s).toMatchObject(counts);
    expect([s.jitterSd.count, s.jitterDs.count]).toEqual([sdPairs, dsPairs]);
  });

  it.each([
    ['some packets back: OK on the average RTT', [back(20), lost('sd'), back(40)], 'ok', 30],
    ['average above the threshold: Over threshold', [back(200), back(400)], 'over-threshold', 300],
    ['nothing back: Timeout, no RTT', [lost('sd'), lost('ds')], 'timeout', undefined],
  ] as const)('%s', (_name, packets, code, rttMs) => {
    const outcome = judgeJitter({ thresholdMs: 250 }, measureJitter([...packets], 1000, 250));
    expect(outcome.code).toBe(code);
    expect(outcome.rttMs).toBe(rttMs);
  });

  it('is over when the last reply is in, or a timeout after the last packet that never came back', () => {
    expect(jitterRunMs([back(30), back(40), back(35)], 20, 1000)).toBe(2 * 20 + 35);
    expect(jitterRunMs([back(30), back(40), lost('ds')], 20, 1000)).toBe(2 * 20 + 1000);
  });
});

describe('when a result becomes visible (IOS knows it when the reply arrives or the timeout expires)', () => {
  const cfg = { frequencySec: 10 };
  it.each([
    ['a 12 ms echo: the next step', 12, 1000],
    ['a reply after 1.2 s: two steps later', 1200, 2000],
    ['a 5000 ms timeout: five steps later', 5000, 5000],
  ])('%s', (_name, durationMs, visibleAfter) => {
    const rt = startRun(newSlaRuntime(0), cfg, { code: 'timeout' }, 0, durationMs);
    expect(rt.inFlight?.visibleAt).toBe(visibleAfter);
    expect(completeRun(rt, visibleAfter - 1000)).toMatchObject({ applied: false, rt: { successes: 0, failures: 0 } });
    expect(completeRun(rt, visibleAfter)).toMatchObject({ applied: true, rt: { code: 'timeout', failures: 1, lastStartAt: 0 } });
  });

  it('keeps showing the previous result until then, and starts no run while one is in flight', () => {
    let rt = startRun(newSlaRuntime(0), cfg, { code: 'ok', rttMs: 20 }, 0, 20);
    rt = completeRun(rt, 1000).rt;
    rt = startRun(rt, cfg, { code: 'timeout' }, 10_000, 15_000);
    expect(rt).toMatchObject({ code: 'ok', rttMs: 20, nextRunAt: 20_000 });
    expect(slaDue(rt, 20_000)).toBe(false);
    rt = completeRun(rt, 25_000).rt;
    expect(rt.rttMs).toBeUndefined();
    expect(slaDue(rt, 25_000)).toBe(true);
  });
});

describe('proactive threshold monitoring (ip sla reaction-configuration)', () => {
  const rtt = (thresholdType: ThresholdType, upper = 100, lower = 50): ReactionConfig => ({
    ...defaultReaction('rtt'),
    thresholdType,
    upper,
    lower,
    action: 'trapOnly',
  });
  const run = (cfg: ReactionConfig, values: Array<number | undefined>): string[] => {
    let state: ReactionState = newReactionState();
    return values.map((v) => {
      const r = stepReaction(cfg, state, v);
      state = r.state;
      return r.event ?? '-';
    });
  };
  type Row = [string, ReactionConfig, Array<number | undefined>, string[]];
  it.each<Row>([
    ['never: watches, never reacts', rtt({ kind: 'never' }), [500, 500, 10], ['-', '-', '-']],
    [
      'immediate: above upper occurs, below lower clears, between holds',
      rtt({ kind: 'immediate' }),
      [120, 130, 70, 40, 120],
      ['occurred', '-', '-', 'cleared', 'occurred'],
    ],
    ['immediate: exactly the upper threshold is no violation', rtt({ kind: 'immediate' }), [100, 101], ['-', 'occurred']],
    [
      'consecutive 3: three in a row',
      rtt({ kind: 'consecutive', occurrences: 3 }),
      [120, 120, 40, 120, 120, 120, 40, 40, 40],
      ['-', '-', '-', '-', '-', 'occurred', '-', '-', 'cleared'],
    ],
    ['xofy 2 3: two of the last three', rtt({ kind: 'xofy', x: 2, y: 3 }), [120, 40, 120, 40, 40], ['-', '-', 'occurred', 'cleared', '-']],
    [
      'average 3: the mean of the last three',
      rtt({ kind: 'average', measurements: 3 }),
      [90, 90, 150, 10, 10, 10],
      ['-', '-', 'occurred', '-', '-', 'cleared'],
    ],
    [
      'a run without a value (Timeout: no RTT) changes nothing',
      rtt({ kind: 'immediate' }),
      [120, undefined, 40],
      ['occurred', '-', 'cleared'],
    ],
  ])('%s', (_name, cfg, values, events) => {
    expect(run(cfg, values)).toEqual(events);
  });

  it('timeout is an event: occurs on a Timeout, clears on the next completion', () => {
    const cfg: ReactionConfig = { ...defaultReaction('timeout'), thresholdType: { kind: 'consecutive', occurrences: 2 } };
    const values = (['ok', 'timeout', 'timeout', 'timeout', 'ok', 'ok'] as const).map((code) => elementValue('timeout', { code }));
    expect(run(cfg, values)).toEqual(['-', '-', 'occurred', '-', '-', 'cleared']);
  });

  it('reads each element from a run: RTT, jitter average, loss by direction', () => {
    const outcome = judgeJitter({ thresholdMs: 5000 }, measureJitter([back(20), back(24), lost('sd'), lost('ds')], 1000, 5000));
    expect(elementValue('rtt', outcome)).toBe(22);
    expect(elementValue('jitterAvg', outcome)).toBe(2);
    expect([elementValue('packetLossSD', outcome), elementValue('packetLossDS', outcome)]).toEqual([1, 1]);
    expect(elementValue('rtt', { code: 'timeout' })).toBeUndefined();
    expect(elementValue('packetLossSD', { code: 'ok', rttMs: 5 })).toBeUndefined();
  });

  it('IOS defaults: threshold-type never, action none, rtt 5000/3000, jitter 100/100', () => {
    expect(defaultReaction('rtt')).toEqual({ element: 'rtt', thresholdType: { kind: 'never' }, upper: 5000, lower: 3000, action: 'none' });
    expect(defaultReaction('jitterAvg')).toMatchObject({ upper: 100, lower: 100 });
  });
});
