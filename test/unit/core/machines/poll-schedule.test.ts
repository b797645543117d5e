/**
 * The poller's schedule, pure: (state, event, now) -> (state, effects), with a
 * minimum trigger interval of 30 s. The shell's own tests (test/unit/shell/poller.test.ts)
 * drive the same machine through timers and reads.
 */
import { describe, expect, it } from 'vitest';
import {
  drawsInterval,
  INITIAL_POLL,
  stepPoll,
  type PollEffect,
  type PollEvent,
  type PollState,
} from '../../../../agent/core/machines/poll-schedule.js';

const MIN = 30_000;
/** Running, idle, last read at 0, the next interval's read due at 300 s. */
const WAITING: PollState = { running: true, reading: false, again: false, lastReadStartMs: 0, nextReadAtMs: 300_000 };
const READING: PollState = { running: true, reading: true, again: false, lastReadStartMs: 0, nextReadAtMs: Infinity };

const rows: { name: string; state: PollState; event: PollEvent; nowMs: number; next: Partial<PollState>; effects: PollEffect[] }[] = [
  {
    name: 'start: the first read after the initial delay',
    state: INITIAL_POLL,
    event: { kind: 'start', delayMs: 5_000 },
    nowMs: 1_000,
    next: { running: true, nextReadAtMs: 6_000 },
    effects: [{ kind: 'set-timer', delayMs: 5_000 }],
  },
  { name: 'start twice: one timer', state: WAITING, event: { kind: 'start', delayMs: 0 }, nowMs: 1_000, next: WAITING, effects: [] },
  {
    name: 'start while a read from before a stop runs: its end schedules the next',
    state: { ...READING, running: false },
    event: { kind: 'start', delayMs: 0 },
    nowMs: 1_000,
    next: { running: true, reading: true },
    effects: [],
  },
  {
    name: 'due: read, remembering when it started',
    state: WAITING,
    event: { kind: 'due' },
    nowMs: 300_000,
    next: { reading: true, lastReadStartMs: 300_000, nextReadAtMs: Infinity },
    effects: [{ kind: 'read' }],
  },
  {
    name: 'due after stop: nothing',
    state: { ...WAITING, running: false },
    event: { kind: 'due' },
    nowMs: 300_000,
    next: { reading: false },
    effects: [],
  },
  {
    name: 'trigger past the minimum interval: read now, the interval timer cancelled',
    state: WAITING,
    event: { kind: 'trigger' },
    nowMs: 40_000,
    next: { reading: true, lastReadStartMs: 40_000 },
    effects: [{ kind: 'cancel-timer' }, { kind: 'read' }],
  },
  {
    name: 'trigger within the minimum interval: held back to it',
    state: WAITING,
    event: { kind: 'trigger' },
    nowMs: 10_000,
    next: { nextReadAtMs: 30_000 },
    effects: [{ kind: 'coalesced' }, { kind: 'set-timer', delayMs: 20_000 }],
  },
  {
    name: 'trigger held back never delays a sooner interval read',
    state: { ...WAITING, nextReadAtMs: 20_000 },
    event: { kind: 'trigger' },
    nowMs: 10_000,
    next: { nextReadAtMs: 20_000 },
    effects: [{ kind: 'coalesced' }],
  },
  {
    name: 'a second held-back trigger: coalesced into the first',
    state: { ...WAITING, nextReadAtMs: 30_000 },
    event: { kind: 'trigger' },
    nowMs: 12_000,
    next: { nextReadAtMs: 30_000 },
    effects: [{ kind: 'coalesced' }],
  },
  {
    name: 'trigger during a read: read again after it',
    state: READING,
    event: { kind: 'trigger' },
    nowMs: 1_000,
    next: { again: true },
    effects: [{ kind: 'coalesced' }],
  },
  {
    name: 'trigger after stop: ignored',
    state: { ...WAITING, running: false },
    event: { kind: 'trigger' },
    nowMs: 40_000,
    next: { reading: false },
    effects: [],
  },
  {
    name: 'read finished: the next interval',
    state: READING,
    event: { kind: 'read-finished', intervalMs: 299_000 },
    nowMs: 2_000,
    next: { reading: false, nextReadAtMs: 301_000 },
    effects: [{ kind: 'set-timer', delayMs: 299_000 }],
  },
  {
    name: 'read finished with a trigger waiting, inside the minimum interval: read again at its end',
    state: { ...READING, again: true },
    event: { kind: 'read-finished' },
    nowMs: 2_000,
    next: { reading: false, again: false, nextReadAtMs: 30_000 },
    effects: [{ kind: 'set-timer', delayMs: 28_000 }],
  },
  {
    name: 'read finished with a trigger waiting, the minimum interval over: read again now',
    state: { ...READING, again: true },
    event: { kind: 'read-finished' },
    nowMs: 31_000,
    next: { reading: true, again: false, lastReadStartMs: 31_000 },
    effects: [{ kind: 'read' }],
  },
  {
    name: 'read finished after stop: nothing more, the trigger waiting dropped',
    state: { ...READING, running: false, again: true },
    event: { kind: 'read-finished' },
    nowMs: 31_000,
    next: { reading: false, again: false },
    effects: [],
  },
  {
    name: 'start with no interval (a poller only triggers read): no timer',
    state: INITIAL_POLL,
    event: { kind: 'start', delayMs: Infinity },
    nowMs: 1_000,
    next: { running: true, nextReadAtMs: Infinity },
    effects: [],
  },
  {
    name: 'read finished with no interval: no timer, the next read is the next trigger',
    state: READING,
    event: { kind: 'read-finished', intervalMs: Infinity },
    nowMs: 2_000,
    next: { reading: false, nextReadAtMs: Infinity },
    effects: [],
  },
  {
    name: 'stop: the timer cancelled',
    state: WAITING,
    event: { kind: 'stop' },
    nowMs: 1_000,
    next: { running: false, nextReadAtMs: Infinity },
    effects: [{ kind: 'cancel-timer' }],
  },
];

describe('stepPoll', () => {
  it.each(rows)('$name', ({ state, event, nowMs, next, effects }) => {
    const step = stepPoll(state, event, nowMs, MIN);
    expect(step.state).toMatchObject(next);
    expect(step.effects).toEqual(effects);
  });

  it('draws the next interval only when no trigger waits (a seeded random stream is consumed as before)', () => {
    expect(drawsInterval(READING)).toBe(true);
    expect(drawsInterval({ ...READING, again: true })).toBe(false);
  });

  it('a flood of triggers within the minimum interval sets one timer and starts no read', () => {
    let s: PollState = WAITING;
    const all: PollEffect[] = [];
    for (let t = 1_000; t < 30_000; t += 20) {
      const step = stepPoll(s, { kind: 'trigger' }, t, MIN);
      s = step.state;
      all.push(...step.effects);
    }
    expect(all.filter((e) => e.kind === 'set-timer')).toEqual([{ kind: 'set-timer', delayMs: 29_000 }]);
    expect(all.some((e) => e.kind === 'read')).toBe(false);
  });
});
