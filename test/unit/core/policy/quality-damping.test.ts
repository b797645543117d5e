import { describe, expect, it } from 'vitest';
import { decay, flap, NO_DAMPING, reuseAtMs } from '../../../../agent/core/policy/damping.js';
import { breaches, lossLowerBoundPct, measure, pushSample, worstOf, type Sample } from '../../../../agent/core/policy/quality.js';

const cfg = { penalty: 1000, halfLifeSec: 900, suppressAt: 2000, reuseBelow: 750, maxPenalty: 6000 };
const s = (rttMs?: number): Sample => ({ atMs: 0, answered: rttMs !== undefined, ...(rttMs !== undefined ? { rttMs } : {}) });

describe('quality window', () => {
  it.each([
    { window: [s(10), s(20), s(30), s(40), s(50), s(60)], expected: { samples: 6, lossPct: 0, rttMs: 35, jitterMs: 10 } },
    // Jitter only between successive probes both measured (IP SLA's pairs): a loss, or a probe a slow poll credited without its RTT, breaks the pair.
    { window: [s(10), s(), s(30), s()], expected: { samples: 4, lossPct: 50, rttMs: 20 } },
    { window: [s(10), { atMs: 0, answered: true }, s(30), s(34), s(30), s(34), s(30), s(34)], expected: { samples: 8, lossPct: 0, rttMs: 30, jitterMs: 4 } },
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

  it('judges a path by its worst probe, metric by metric', () => {
    expect(worstOf([{ samples: 5, lossPct: 0, rttMs: 300 }, { samples: 4, lossPct: 25, rttMs: 20, jitterMs: 3 }])).toEqual({ samples: 4, lossPct: 25, rttMs: 300, jitterMs: 3 });
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
