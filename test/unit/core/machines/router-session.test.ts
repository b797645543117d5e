/**
 * The SSH session's lifecycle, pure: (state, event) -> (state, effects). The
 * adapter's tests (test/integration/ssh-router-cli.test.ts, the lab over SSH,
 * the SSH-drop fault suite) drive the same machine over real SSH.
 */
import { describe, expect, it } from 'vitest';
import {
  backoffCeilingMs,
  INITIAL_ROUTER_SESSION,
  jitteredDelayMs,
  stepRouterSession,
  type RouterSessionEffect,
  type RouterSessionEvent,
  type RouterSessionState,
  type SessionTiming,
} from '../../../../agent/core/machines/router-session.js';

const T: SessionTiming = { backoffBaseMs: 100, backoffCapMs: 1_000, commandTimeoutMs: 5_000 };
const UP: RouterSessionState = { phase: 'up', session: 3, lastSession: 3, failures: 0, waitingFor: undefined };
const WAITING: RouterSessionState = { ...UP, waitingFor: 'show version' };
const DROPPED = { code: 'ROUTER_DISCONNECTED', message: 'SSH session to the router dropped' } as const;

const rows: {
  name: string;
  state: RouterSessionState;
  event: RouterSessionEvent;
  next: Partial<RouterSessionState>;
  effects: RouterSessionEffect[];
}[] = [
  {
    name: 'need, none yet: connect at once',
    state: INITIAL_ROUTER_SESSION,
    event: { kind: 'need' },
    next: { phase: 'connecting' },
    effects: [{ kind: 'back-off', ceilingMs: 0 }],
  },
  {
    name: 'need after 3 failures: back off below 400 ms',
    state: { ...INITIAL_ROUTER_SESSION, failures: 3 },
    event: { kind: 'need' },
    next: { phase: 'connecting' },
    effects: [{ kind: 'back-off', ceilingMs: 400 }],
  },
  { name: 'need, up: use it', state: UP, event: { kind: 'need' }, next: UP, effects: [{ kind: 'use' }] },
  {
    name: 'need, closed: refused',
    state: { ...INITIAL_ROUTER_SESSION, phase: 'closed' },
    event: { kind: 'need' },
    next: { phase: 'closed' },
    effects: [{ kind: 'refuse', failure: { code: 'ROUTER_CLOSED', message: 'router session closed' } }],
  },
  {
    name: 'dial: a new session number',
    state: { ...INITIAL_ROUTER_SESSION, phase: 'connecting', lastSession: 3 },
    event: { kind: 'dial' },
    next: { lastSession: 4 },
    effects: [{ kind: 'connect', session: 4 }],
  },
  {
    name: 'dial after a close during the backoff: refused',
    state: { ...INITIAL_ROUTER_SESSION, phase: 'closed' },
    event: { kind: 'dial' },
    next: { phase: 'closed' },
    effects: [{ kind: 'refuse', failure: { code: 'ROUTER_CLOSED', message: 'router session closed' } }],
  },
  {
    name: 'transport up: the session is current',
    state: { ...INITIAL_ROUTER_SESSION, phase: 'connecting', lastSession: 4 },
    event: { kind: 'transport-up' },
    next: { phase: 'up', session: 4 },
    effects: [],
  },
  {
    name: 'prepared: the backoff resets, connected reported',
    state: { ...UP, failures: 4 },
    event: { kind: 'prepared' },
    next: { failures: 0 },
    effects: [{ kind: 'report', report: { kind: 'connected' } }],
  },
  {
    name: 'connect failed before the transport: counted, reported',
    state: { ...INITIAL_ROUTER_SESSION, phase: 'connecting', failures: 1 },
    event: { kind: 'connect-failed', code: 'ROUTER_AUTH_FAILED', message: 'refused' },
    next: { phase: 'down', failures: 2 },
    effects: [{ kind: 'report', report: { kind: 'connect-failed', code: 'ROUTER_AUTH_FAILED', message: 'refused' } }],
  },
  {
    name: 'connect failed during login: the transport ended too',
    state: { ...UP, failures: 0 },
    event: { kind: 'connect-failed', code: 'ROUTER_AUTH_FAILED', message: 'no enable' },
    next: { phase: 'down', session: undefined, failures: 1 },
    effects: [
      { kind: 'hang-up', now: false },
      { kind: 'report', report: { kind: 'connect-failed', code: 'ROUTER_AUTH_FAILED', message: 'no enable' } },
    ],
  },
  {
    name: 'failures stop counting at 30',
    state: { ...INITIAL_ROUTER_SESSION, failures: 30 },
    event: { kind: 'connect-failed', code: 'ROUTER_CONNECT_FAILED', message: 'x' },
    next: { failures: 30 },
    effects: [{ kind: 'report', report: { kind: 'connect-failed', code: 'ROUTER_CONNECT_FAILED', message: 'x' } }],
  },
  {
    name: 'a line written: wait for its prompt',
    state: UP,
    event: { kind: 'wait', what: 'show version' },
    next: { waitingFor: 'show version' },
    effects: [],
  },
  {
    name: 'output with a prompt: the wait resolved',
    state: WAITING,
    event: { kind: 'output', more: false, overflow: false, prompt: true },
    next: { waitingFor: undefined, phase: 'up' },
    effects: [{ kind: 'resolve-wait' }],
  },
  {
    name: 'output ending in --More--: paged',
    state: WAITING,
    event: { kind: 'output', more: true, overflow: false, prompt: false },
    next: { waitingFor: 'show version' },
    effects: [{ kind: 'page' }],
  },
  {
    name: 'output still coming: nothing',
    state: WAITING,
    event: { kind: 'output', more: false, overflow: false, prompt: false },
    next: WAITING,
    effects: [],
  },
  {
    name: 'output over its limit: destroyed at once, the wait failed with the limit',
    state: WAITING,
    event: { kind: 'output', more: false, overflow: true, prompt: false },
    next: { phase: 'down', session: undefined, waitingFor: undefined },
    effects: [
      { kind: 'hang-up', now: true },
      { kind: 'fail-wait', failure: { code: 'ROUTER_OUTPUT_TOO_LARGE' } },
    ],
  },
  {
    name: 'output with no wait under way: ignored',
    state: UP,
    event: { kind: 'output', more: false, overflow: true, prompt: false },
    next: UP,
    effects: [],
  },
  {
    name: 'timeout: reported as a timeout, not as the drop it causes',
    state: WAITING,
    event: { kind: 'timeout' },
    next: { phase: 'down', session: undefined, waitingFor: undefined },
    effects: [
      { kind: 'report', report: { kind: 'timeout', message: 'show version' } },
      { kind: 'hang-up', now: false },
      { kind: 'fail-wait', failure: { code: 'ROUTER_TIMEOUT', message: 'no prompt within 5000 ms after "show version"' } },
    ],
  },
  { name: 'a timeout after the prompt came: nothing', state: UP, event: { kind: 'timeout' }, next: UP, effects: [] },
  {
    name: 'the channel closed: disconnected, the wait failed',
    state: WAITING,
    event: { kind: 'peer-closed', session: 3 },
    next: { phase: 'down', session: undefined, waitingFor: undefined },
    effects: [
      { kind: 'report', report: { kind: 'disconnected' } },
      { kind: 'fail-wait', failure: { code: 'ROUTER_DISCONNECTED', message: 'SSH session to the router closed' } },
    ],
  },
  {
    name: "an older session's close: stale, nothing",
    state: WAITING,
    event: { kind: 'peer-closed', session: 2 },
    next: WAITING,
    effects: [],
  },
  {
    name: 'disconnect(): hung up, the wait failed as dropped',
    state: WAITING,
    event: { kind: 'drop' },
    next: { phase: 'down', session: undefined },
    effects: [
      { kind: 'hang-up', now: false },
      { kind: 'fail-wait', failure: DROPPED },
    ],
  },
  {
    name: 'disconnect() with no session: nothing',
    state: INITIAL_ROUTER_SESSION,
    event: { kind: 'drop' },
    next: { phase: 'down' },
    effects: [],
  },
  {
    name: 'close: hung up for good',
    state: UP,
    event: { kind: 'close' },
    next: { phase: 'closed', session: undefined },
    effects: [{ kind: 'hang-up', now: false }],
  },
];

describe('stepRouterSession', () => {
  it.each(rows)('$name', ({ state, event, next, effects }) => {
    const step = stepRouterSession(state, event, T);
    expect(step.state).toMatchObject(next);
    expect(step.effects).toEqual(effects);
  });

  // Moved from test/integration/exec-router-cli.test.ts with the Backoff class it tested.
  it('backs off with full jitter: a doubling, capped range, reset on success', () => {
    const high = (failures: number) => jitteredDelayMs(backoffCeilingMs(failures, T), 0.999);
    expect(high(0)).toBe(0);
    let s = INITIAL_ROUTER_SESSION;
    const delays = [];
    for (let i = 0; i < 6; i++) {
      s = stepRouterSession(s, { kind: 'connect-failed', code: 'ROUTER_CONNECT_FAILED', message: 'x' }, T).state;
      delays.push(high(s.failures));
    }
    expect(delays).toEqual([99, 199, 399, 799, 999, 999]);
    s = stepRouterSession({ ...s, phase: 'up' }, { kind: 'prepared' }, T).state;
    expect(high(s.failures)).toBe(0);
    expect(jitteredDelayMs(backoffCeilingMs(1, T), 0)).toBe(0); // full jitter reaches down to zero
  });
});
