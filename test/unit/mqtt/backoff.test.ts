import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, firstWindowMs, fullJitterDelay, type BackoffOptions } from '../../../agent/adapters/mqtt/backoff.js';
import { seededRandom } from '../../support/random.js';

describe('firstWindowMs: the first window from the CONNECT rate a fleet may cost', () => {
  it.each([
    // clients, connects/s, window ms
    [1000, 200, 10_000],
    [10_000, 2_000, 10_000],
    [100, 200, 1_000],
    [1, 1, 2_000],
    [333, 200, 3_330],
  ])('%i clients at %i/s -> %i ms', (clients, rate, window) => {
    expect(firstWindowMs(clients, rate)).toBe(window);
  });

  it.each([
    [0, 200],
    [1000, 0],
    [-1, 5],
    [Number.NaN, 5],
  ])('refuses %s clients at %s/s with a code', (clients, rate) => {
    expect(() => firstWindowMs(clients, rate)).toThrow(expect.objectContaining({ code: 'MQTT_BACKOFF_INVALID' }));
  });

  it('the default is sized for 1,000 clients at 200 CONNECTs a second, capped at a minute', () => {
    expect(DEFAULT_BACKOFF).toEqual({ baseMs: 10_000, capMs: 60_000 });
  });
});

describe('fullJitterDelay', () => {
  const fixed = (r: number) => () => r;
  it.each([
    // attempt, random draw, options, delay ms
    [0, 0, DEFAULT_BACKOFF, 0],
    [0, 0.5, DEFAULT_BACKOFF, 5_000],
    [0, 0.99999, DEFAULT_BACKOFF, 9_999],
    [1, 0.5, DEFAULT_BACKOFF, 10_000],
    [2, 0.5, DEFAULT_BACKOFF, 20_000],
    [3, 0.5, DEFAULT_BACKOFF, 30_000], // 80 s window, capped at 60 s
    [60, 0.5, DEFAULT_BACKOFF, 30_000], // no overflow however long the outage
    [0, 0.5, { baseMs: 500, capMs: 60_000 }, 250],
    [4, 0.5, { baseMs: 500, capMs: 60_000 }, 4_000],
    [2, 0.99999, { baseMs: 5_000, capMs: 8_000 }, 7_999], // a cap below the window bounds it
  ] as [number, number, BackoffOptions, number][])('attempt %i, draw %f, %o -> %i ms', (attempt, r, options, delay) => {
    expect(fullJitterDelay(attempt, options, fixed(r))).toBe(delay);
  });
});

/**
 * The reconnect wave the backoff makes, modelled: `clients` cut at once, the
 * broker taking connections again `downSec` later (0: at once, as a surviving
 * cluster node does after a node kill), each client trying at its own jittered
 * times and connecting on its first try after that.
 */
function wave(options: BackoffOptions, clients: number, downSec: number, seed = 16): { peakPerSec: number; p95Sec: number } {
  const random = seededRandom(seed);
  const perSecond = new Map<number, number>();
  const backAt: number[] = [];
  for (let c = 0; c < clients; c++) {
    let t = 0;
    for (let attempt = 0; ; attempt++) {
      t += fullJitterDelay(attempt, options, random);
      if (t >= downSec * 1000) break;
    }
    backAt.push(t / 1000);
    perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
  }
  backAt.sort((a, b) => a - b);
  return { peakPerSec: Math.max(...perSecond.values()), p95Sec: backAt[Math.ceil(0.95 * clients) - 1]! };
}

describe('the reconnect wave of 1,000 clients (issue 16: at most 200 CONNECTs a second, back within the cap + 10 s)', () => {
  // 8 and 9: the broker back just before the first window ends, the worst case (backoff.ts's arithmetic).
  it.each([0, 2, 5, 8, 9, 10, 20, 35, 60, 120])('broker back %i s after the cut', (downSec) => {
    const w = wave(DEFAULT_BACKOFF, 1000, downSec);
    expect(w.peakPerSec).toBeLessThanOrEqual(200);
    expect(w.p95Sec).toBeLessThanOrEqual(downSec + DEFAULT_BACKOFF.capMs / 1000 + 10);
  });

  it.each([0, 3, 6, 9])('broker back %i s after the cut: the peak is the arithmetic of backoff.ts', (downSec) => {
    // (1 + D/2W + D²/16W²) · N/W a second from D to W; 100,000 clients so chance adds under 1 %.
    const clients = 100_000;
    const windowSec = DEFAULT_BACKOFF.baseMs / 1000;
    const x = downSec / windowSec;
    const expected = (1 + x / 2 + (x * x) / 16) * (clients / windowSec);
    const { peakPerSec } = wave(DEFAULT_BACKOFF, clients, downSec);
    expect(peakPerSec / expected).toBeGreaterThan(0.97);
    expect(peakPerSec / expected).toBeLessThan(1.03);
  });

  it('a cut client is back within the first window when a node is there to take it (a node kill)', () => {
    expect(wave(DEFAULT_BACKOFF, 1000, 0).p95Sec).toBeLessThanOrEqual(DEFAULT_BACKOFF.baseMs / 1000);
  });

  it('the 0.5 s first window it replaces sends a cut fleet back in a burst', () => {
    expect(wave({ baseMs: 500, capMs: 60_000 }, 1000, 0).peakPerSec).toBeGreaterThan(900);
    expect(wave({ baseMs: 500, capMs: 60_000 }, 1000, 5).peakPerSec).toBeGreaterThan(200);
  });
});
