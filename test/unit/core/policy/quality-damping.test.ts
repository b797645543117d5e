import { describe, expect, it } from 'vitest';
import { decay, flap, NO_DAMPING, reuseAtMs } from '../../../../agent/core/policy/damping.js';
import { breaches, lossLowerBoundPct, measure, pathQuality, pushSample, type Sample } from '../../../../agent/core/policy/quality.js';

const cfg = { penalty: 1000, halfLifeSec: 900, suppressAt: 2000, reuseBelow: 750, maxPenalty: 6000 };
const s = (rttMs?: number): Sample => ({ atMs: 0, answered: rttMs !== undefined, ...(rttMs !== undefined ? { rttMs } : {}) });

describe('quality window', () => {
  it.each([
    { window: [s(10), s(20), s(30), s(40), s(50), s(60)], expected: { samples: 6, lossPct: 0, rttMs: 35, jitterMs: 10 } },
    // Jitter only between successive probes both measured (IP SLA's pairs): a loss, or a probe a slow poll credited without its RTT, breaks the pair.
    { window: [s(10), s(), s(30), s()], expected: { samples: 4, lossPct: 50, rttMs: 20 } },
    {
      window: [s(10), { atMs: 0, answered: true }, s(30), s(34), s(30), s(34), s(30), s(34)],
      expected: { samples: 8, lossPct: 0, rttMs: 30, jitterMs: 4 },
    },
    // Too few pairs to tell a spike from jitter: none judged (here one spike would read as 285 ms).
    { window: [s(15), s(300), s(15), s(16)], expected: { samples: 4, lossPct: 0, rttMs: 15.5 } },
    { window: [s(), s()], expected: { samples: 2, lossPct: 100 } },
    { window: [], expected: { samples: 0, lossPct: 0 } },
  ])('measures $window.length samples', ({ window, expected }) => {
    expect(measure(window)).toEqual(expected);
  });

  it('reads one latency spike as a spike, not as jitter or a new RTT', () => {
    const steady = [12, 14, 11, 13, 12, 15, 13, 12, 14, 13];
    const spiked = [12, 14, 11, 13, 300, 15, 13, 12, 14, 13];
    const plain = measure(steady.map(s));
    const withSpike = measure(spiked.map(s));
    expect(withSpike.rttMs).toBe(13);
    expect(withSpike.jitterMs).toBeLessThan(plain.jitterMs! * 2);
    expect(withSpike.jitterMs).toBeLessThan(10);
  });

  it('keeps real jitter: differences of the same order all count', () => {
    expect(measure([100, 160, 90, 170, 80, 150].map(s)).jitterMs).toBeCloseTo((60 + 70 + 80 + 90 + 70) / 5, 5);
  });

  it.each([
    // [lost of 10, fail threshold %, fails?]: the confident lower bound of the loss, not the share seen.
    { lost: 1, threshold: 5, fails: false },
    { lost: 2, threshold: 5, fails: false },
    { lost: 3, threshold: 5, fails: true },
    { lost: 4, threshold: 20, fails: false },
    { lost: 5, threshold: 20, fails: true },
    { lost: 10, threshold: 20, fails: true },
  ])('fails a path on loss only on evidence: $lost of 10 lost against $threshold %', ({ lost, threshold, fails }) => {
    const m = { samples: 10, lossPct: lost * 10 };
    expect(breaches(m, { lossPct: threshold, rttMs: 1000, jitterMs: 1000 }, 'failing').length > 0).toBe(fails);
    // What was seen is always above the threshold here: a path recovers only when it looks clean.
    expect(breaches(m, { lossPct: threshold, rttMs: 1000, jitterMs: 1000 }).length).toBe(1);
  });

  it('needs fewer lost probes for the same confidence the more it has seen', () => {
    expect(lossLowerBoundPct({ samples: 100, lossPct: 10 })).toBeGreaterThan(lossLowerBoundPct({ samples: 10, lossPct: 10 }));
    expect(lossLowerBoundPct({ samples: 0, lossPct: 0 })).toBe(0);
    expect(lossLowerBoundPct({ samples: 5, lossPct: 100 })).toBeLessThan(100);
  });

  it('keeps at most `size` samples, dropping the oldest', () => {
    let w: Sample[] = [];
    for (let i = 1; i <= 5; i++) w = pushSample(w, s(i), 3);
    expect(w.map((x) => x.rttMs)).toEqual([3, 4, 5]);
  });

  it('pools the loss of every probe of a path, and takes RTT and jitter from its worst', () => {
    const slow = [s(300), s(300), s(300), s(300)];
    const lossy = [s(20), s(), s(23), s(20), s(23), s(20), s(23), s(20)];
    expect(pathQuality([slow, lossy])).toEqual({ samples: 12, lossPct: 8.33, rttMs: 300, jitterMs: 3 });
    expect(pathQuality([])).toEqual({ samples: 0, lossPct: 0 });
  });

  it('weighs a jitter run as its packets, and takes its jitter from what IP SLA measured', () => {
    const run = (lost: number, jitterMs: number, answered = true): Sample => ({
      atMs: 0,
      answered,
      ...(answered ? { rttMs: 40 } : {}),
      packets: { sent: 10, lost, jitterMs },
    });
    // Three runs of ten packets, 4 lost: 30 samples, as many as thirty probes; jitter weighted by
    // each run's pairs of packets that came back: (2·9 + 2·8 + 8·6) / 23.
    expect(measure([run(0, 2), run(1, 2), run(3, 8)])).toMatchObject({ samples: 30, lossPct: 13.33, rttMs: 40, jitterMs: 3.57 });
    // A run that lost every packet answered nothing: its jitter (none measured) is not averaged in.
    expect(measure([run(0, 3), run(10, 99, false)])).toMatchObject({ samples: 20, lossPct: 50, rttMs: 40, jitterMs: 3 });
    // One probe beside a run of 100 packets is one sample in 101, not a veto.
    const big: Sample = { atMs: 0, answered: true, rttMs: 20, packets: { sent: 100, lost: 2, jitterMs: 1 } };
    expect(pathQuality([[s()], [big]]).lossPct).toBeCloseTo(2.97, 2);
  });

  it('judges runs of packets run by run: a burst is one event, loss run after run is evidence', () => {
    const run = (lost: number): Sample => ({ atMs: 0, answered: lost < 10, packets: { sent: 10, lost } });
    const ok: Sample = { atMs: 0, answered: true };
    const fail5 = { lossPct: 5, rttMs: 1000, jitterMs: 1000 };
    // A healthy 2 % link with bursts of two: two runs of ten lost 8 each. 16 % seen, but two events in ten runs.
    const bursty = measure([...Array(8).fill(run(0)), run(8), run(8)]);
    expect(bursty).toMatchObject({ samples: 100, lossPct: 16, runLossLowerPct: 0 });
    expect(breaches(bursty, fail5, 'failing')).toEqual([]);
    // Read at a 10 s poll, runs every 3 s: the runs between reads are known only to have succeeded (seen in noisy-but-healthy).
    expect(breaches(measure([run(0), ok, ok, run(0), ok, ok, run(5), ok, ok, run(5)]), fail5, 'failing')).toEqual([]);
    // 30 % lost evenly, run after run: the path fails, from three runs read among the same ten.
    const even = measure(Array(10).fill(run(3)));
    expect(even.runLossLowerPct).toBe(30);
    expect(breaches(even, fail5, 'failing')).toEqual([{ metric: 'lossPct', value: 30, threshold: 5 }]);
    expect(breaches(measure([ok, run(3), ok, ok, run(3), ok, ok, run(3), ok, ok]), fail5, 'failing')).toHaveLength(1);
    // Everything lost: nothing to doubt. One run alone: one event.
    expect(measure(Array(3).fill(run(10))).runLossLowerPct).toBeUndefined();
    expect(measure([run(6)]).runLossLowerPct).toBe(0);
    // Single probes only: judged as independent probes (Wilson), as before.
    expect(measure([s(), s(), s(), s(10), s(10), s(10), s(10), s(10), s(10), s(10)]).runLossLowerPct).toBeUndefined();
  });

  it('lists the metrics above their thresholds', () => {
    expect(breaches({ samples: 5, lossPct: 30, rttMs: 100, jitterMs: 80 }, { lossPct: 20, rttMs: 300, jitterMs: 50 })).toEqual([
      { metric: 'lossPct', value: 30, threshold: 20 },
      { metric: 'jitterMs', value: 80, threshold: 50 },
    ]);
  });
});

describe('flap damping (RFC 2439 style)', () => {
  it('halves the penalty every half-life', () => {
    const d = flap(NO_DAMPING, 0, cfg);
    expect(d.penalty).toBe(1000);
    expect(decay(d, 900_000, cfg).penalty).toBeCloseTo(500, 5);
  });

  it('suppresses at the threshold and reuses below the reuse threshold', () => {
    let d = flap(NO_DAMPING, 0, cfg);
    d = flap(d, 0, cfg);
    expect(d).toMatchObject({ penalty: 2000, suppressed: true });
    const at = reuseAtMs(d, cfg)!;
    expect(decay(d, at - 1000, cfg).suppressed).toBe(true);
    expect(decay(d, at, cfg).suppressed).toBe(false);
  });

  it('caps the penalty', () => {
    let d = NO_DAMPING;
    for (let i = 0; i < 20; i++) d = flap(d, 0, cfg);
    expect(d.penalty).toBe(6000);
  });
});
