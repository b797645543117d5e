import { describe, expect, it } from 'vitest';
import type { Sample } from '../../../../agent/core/policy/quality.js';
import { agreeingBreaches, sustainedBreaches } from '../../../../agent/core/policy/latest-breaches.js';

const LEVEL = { lossPct: 5, rttMs: 250, jitterMs: 50 };
/** A jitter run of `sent` packets, `lost` of them lost, with its average RTT and jitter. */
const run = (lost: number, rttMs = 20, jitterMs = 2, sent = 50): Sample => ({
  atMs: 0,
  answered: lost < sent,
  ...(lost < sent ? { rttMs } : {}),
  packets: { sent, lost, ...(lost < sent ? { jitterMs } : {}) },
});
/** An echo: its RTT, or a timeout. */
const echo = (rttMs?: number): Sample => ({ atMs: 0, answered: rttMs !== undefined, ...(rttMs !== undefined ? { rttMs } : {}) });
/** An answered probe a slow read credited without its RTT (only the latest of a read carries one). */
const credited: Sample = { atMs: 0, answered: true };
const clean = (n: number) => Array.from({ length: n }, () => run(0));
/** The same sample, credited at `atMs`. */
const at = (atMs: number, s: Sample): Sample => ({ ...s, atMs });

describe('agreeingBreaches: whether the probes show the fault a router track went Down for', () => {
  it.each([
    // Loss: each of the last three runs above the level, and the three together above it at 99 %.
    { what: 'three runs of 12 %', windows: [[...clean(7), run(6), run(6), run(7)]], breaches: [['lossPct', 12.67]] },
    { what: 'two lossy runs are not enough', windows: [[...clean(8), run(6), run(7)]], breaches: [] },
    { what: 'one burst (what trips average 3)', windows: [[...clean(7), run(25), run(0), run(0)]], breaches: [] },
    { what: 'a burst among lossy runs: each of the three must lose', windows: [[...clean(7), run(6), run(0), run(25)]], breaches: [] },
    { what: 'each run just over 5 % (3 of 50): not above it at 99 %', windows: [[...clean(7), run(3), run(3), run(3)]], breaches: [] },
    { what: 'lossy runs that are not the last three', windows: [[run(9), run(9), run(9), run(0)]], breaches: [] },
    { what: 'lost echoes are no runs: three timeouts are its own unreachable', windows: [[echo(), echo(), echo()]], breaches: [] },
    // A dead path: the latest run of ten or more packets lost every one.
    { what: 'the latest run of 50 lost everything (2 s of nothing)', windows: [[run(0), run(0), run(50)]], breaches: [['lossPct', 100]] },
    { what: 'a run of 5 that lost everything is a burst', windows: [[run(0), run(0), run(5, 20, 2, 5)]], breaches: [] },
    { what: 'an outage that is over', windows: [[run(0), run(50), run(0)]], breaches: [] },
    // RTT: the last two measurements over the level.
    { what: 'the last two echoes over 250 ms', windows: [[echo(20), echo(300), echo(400)]], breaches: [['rttMs', 300]] },
    // A timed-out echo is no measurement: lost is not slow (one delayed echo beside a lost one is noise).
    { what: 'a slow echo, then one that timed out', windows: [[echo(20), echo(300), echo()]], breaches: [] },
    { what: 'a timeout, then a slow echo', windows: [[echo(20), echo(), echo(400)]], breaches: [] },
    { what: 'two slow echoes around a timeout', windows: [[echo(20), echo(300), echo(), echo(400)]], breaches: [['rttMs', 300]] },
    { what: 'a timeout beside a fast echo', windows: [[echo(300), echo(20), echo()]], breaches: [] },
    { what: 'two timeouts alone are loss, not latency', windows: [[echo(20), echo(), echo()]], breaches: [] },
    { what: 'a run that lost everything is no slow measurement', windows: [[run(0, 300), run(50)]], breaches: [['lossPct', 100]] },
    { what: 'one credited without an RTT between two slow ones', windows: [[echo(300), credited, echo(400)]], breaches: [['rttMs', 300]] },
    { what: 'only the latest over', windows: [[echo(300), echo(20), echo(400)]], breaches: [] },
    { what: 'a single measurement', windows: [[echo(400)]], breaches: [] },
    { what: 'two runs averaging over 250 ms', windows: [[run(0, 20), run(0, 351), run(0, 360)]], breaches: [['rttMs', 351]] },
    // Jitter: the last two runs'; single probes have none of their own.
    { what: 'two runs jittering 80 ms', windows: [[run(0, 20, 2), run(0, 20, 80), run(0, 20, 90)]], breaches: [['jitterMs', 80]] },
    { what: 'one jittery run', windows: [[run(0, 20, 80), run(0, 20, 2), run(0, 20, 90)]], breaches: [] },
    // Across operations: each metric from the first operation that shows it; the others do not veto.
    {
      what: 'the echo clean, the jitter runs lossy and slow',
      windows: [
        [echo(20), echo(20), echo(20)],
        [...clean(5), run(10, 300), run(10, 320), run(12, 310)],
      ],
      breaches: [
        ['lossPct', 21.33],
        ['rttMs', 310],
      ],
    },
    // RTT across operations: the latest of each, all over the level (two witnesses of one path).
    {
      what: 'the latest echo and the latest run both over 250 ms',
      windows: [
        [echo(20), echo(300)],
        [run(0, 20), run(0, 351)],
      ],
      breaches: [['rttMs', 300]],
    },
    {
      what: 'a slow echo beside a fast run: one delayed echo',
      windows: [
        [echo(20), echo(400)],
        [run(0, 20), run(0, 30)],
      ],
      breaches: [],
    },
    {
      what: 'a slow run beside a fast latest echo',
      windows: [
        [echo(400), echo(20)],
        [run(0, 20), run(0, 351)],
      ],
      breaches: [],
    },
    {
      what: 'a slow echo beside a run that lost everything',
      windows: [
        [echo(20), echo(400)],
        [run(0, 300), run(50)],
      ],
      breaches: [['lossPct', 100]],
    },
    {
      what: 'a slow run beside an echo that timed out',
      windows: [
        [echo(300), echo()],
        [run(0, 20), run(0, 351)],
      ],
      breaches: [],
    },
    { what: 'one operation alone is no corroboration', windows: [[echo(20), echo(400)], []], breaches: [] },
    {
      what: 'a slow run older than the echo before the slow one does not second it',
      windows: [
        [at(0, echo(20)), at(50_000, echo(20)), at(53_000, echo(400))],
        [at(0, run(0, 20)), at(3_000, run(0, 351))],
      ],
      breaches: [],
    },
    {
      what: 'a slow run since the echo before the slow one seconds it',
      windows: [
        [at(50_000, echo(20)), at(53_000, echo(400))],
        [at(48_000, run(0, 20)), at(51_000, run(0, 351))],
      ],
      breaches: [['rttMs', 351]],
    },
    { what: 'empty windows', windows: [[], []], breaches: [] },
    { what: 'no windows', windows: [], breaches: [] },
  ])('$what', ({ windows, breaches }) => {
    const found = agreeingBreaches(windows, LEVEL);
    expect(found.map((b) => [b.metric, b.value])).toEqual(breaches);
    for (const b of found) expect(b.threshold).toBe(LEVEL[b.metric]);
  });
});

describe('sustainedBreaches: the same, with no router track as a second witness', () => {
  it.each([
    { what: 'three lossy runs confirm a track, but are not enough alone', windows: [[...clean(7), run(6), run(6), run(7)]], breaches: [] },
    { what: 'four are not either', windows: [[...clean(6), run(6), run(6), run(7), run(6)]], breaches: [] },
    { what: 'five are', windows: [[...clean(5), run(6), run(6), run(7), run(6), run(6)]], breaches: [['lossPct', 12.4]] },
    { what: 'five with a clean one among them are not', windows: [[...clean(5), run(6), run(6), run(0), run(6), run(6)]], breaches: [] },
    { what: 'a run that lost everything, as for a track', windows: [[run(0), run(0), run(50)]], breaches: [['lossPct', 100]] },
    { what: 'two slow echoes, as for a track', windows: [[echo(20), echo(300), echo(400)]], breaches: [['rttMs', 300]] },
  ])('$what', ({ windows, breaches }) => {
    expect(sustainedBreaches(windows, LEVEL).map((b) => [b.metric, b.value])).toEqual(breaches);
  });
});
