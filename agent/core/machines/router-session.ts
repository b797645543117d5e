/**
 * The lifecycle of the one SSH session to IOS (issue 14 item 5): connecting
 * after a backoff, up, waiting for a prompt, lost, dropped, closed. A pure
 * transition function: the adapter (agent/adapters/router/ssh-router-cli.ts)
 * dials, writes lines, classifies what IOS prints and runs the timer; this
 * decides what each happening means for the session and for the caller waiting.
 *
 * Whatever ends a session fails the prompt wait under way, once, with the
 * reason that ended it (a timeout is reported as a timeout, not as the drop it
 * causes). A close from an older session is stale and changes nothing.
 */

export interface RouterSessionState {
  readonly phase: 'down' | 'connecting' | 'up' | 'closed';
  /** The current session's number; a session that ended has none. */
  readonly session: number | undefined;
  readonly lastSession: number;
  /** Connect failures in a row (the backoff's exponent). */
  readonly failures: number;
  /** What the one prompt wait under way is for (a line, or `login`). */
  readonly waitingFor: string | undefined;
}

export const INITIAL_ROUTER_SESSION: RouterSessionState = {
  phase: 'down',
  session: undefined,
  lastSession: 0,
  failures: 0,
  waitingFor: undefined,
};

export interface SessionTiming {
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
  readonly commandTimeoutMs: number;
}

/** Exponential, capped; the adapter draws the delay uniformly below it (full jitter). 0 after a success. */
export function backoffCeilingMs(failures: number, t: SessionTiming): number {
  return failures === 0 ? 0 : Math.min(t.backoffCapMs, t.backoffBaseMs * 2 ** (failures - 1));
}

/** Full jitter: a uniform draw in [0, ceiling) from `r` in [0, 1). */
export function jitteredDelayMs(ceilingMs: number, r: number): number {
  return Math.floor(r * ceilingMs);
}

/** Failures counted at most: 2^30 is far past any cap. */
const MAX_FAILURES = 30;

export type RouterSessionEvent =
  /** A command needs the session. */
  | { readonly kind: 'need' }
  /** The backoff wait is over. */
  | { readonly kind: 'dial' }
  /** The transport and its shell channel are open; login follows. */
  | { readonly kind: 'transport-up' }
  /** Logged in, privileged, paging off. */
  | { readonly kind: 'prepared' }
  | { readonly kind: 'connect-failed'; readonly code: string; readonly message: string }
  /** A line was written (or the login banner is awaited): wait for the prompt. */
  | { readonly kind: 'wait'; readonly what: string }
  /** IOS printed something: what the adapter saw at the end of it. */
  | { readonly kind: 'output'; readonly more: boolean; readonly overflow: boolean; readonly prompt: boolean }
  | { readonly kind: 'timeout' }
  /** The channel closed under us. */
  | { readonly kind: 'peer-closed'; readonly session: number }
  /** disconnect(): the next command reconnects. */
  | { readonly kind: 'drop' }
  | { readonly kind: 'close' };

export type SessionFailure =
  | { readonly code: 'ROUTER_TIMEOUT' | 'ROUTER_DISCONNECTED' | 'ROUTER_CLOSED'; readonly message: string }
  /** The adapter's meter holds the error that names the command and its limit. */
  | { readonly code: 'ROUTER_OUTPUT_TOO_LARGE' };

export type SessionReport =
  | { readonly kind: 'connected' | 'disconnected' }
  | { readonly kind: 'timeout'; readonly message: string }
  | { readonly kind: 'connect-failed'; readonly code: string; readonly message: string };

export type RouterSessionEffect =
  /** The session is up: run the command on it. */
  | { readonly kind: 'use' }
  /** Wait a uniform draw below this (none when 0), then `dial`. */
  | { readonly kind: 'back-off'; readonly ceilingMs: number }
  | { readonly kind: 'connect'; readonly session: number }
  /** Fail the caller that needed the session. */
  | { readonly kind: 'refuse'; readonly failure: SessionFailure }
  /** Answer --More-- with a space (paging should be off; it is answered anyway). */
  | { readonly kind: 'page' }
  | { readonly kind: 'resolve-wait' }
  | { readonly kind: 'fail-wait'; readonly failure: SessionFailure }
  /** End the transport; `now`: destroy it rather than say goodbye (a router still flooding the channel). */
  | { readonly kind: 'hang-up'; readonly now: boolean }
  | { readonly kind: 'report'; readonly report: SessionReport };

export interface RouterSessionStep {
  readonly state: RouterSessionState;
  readonly effects: readonly RouterSessionEffect[];
}

const CLOSED: SessionFailure = { code: 'ROUTER_CLOSED', message: 'router session closed' };

export function stepRouterSession(s: RouterSessionState, e: RouterSessionEvent, t: SessionTiming): RouterSessionStep {
  switch (e.kind) {
    case 'need':
      if (s.phase === 'closed') return { state: s, effects: [{ kind: 'refuse', failure: CLOSED }] };
      if (s.phase === 'up') return { state: s, effects: [{ kind: 'use' }] };
      return { state: { ...s, phase: 'connecting' }, effects: [{ kind: 'back-off', ceilingMs: backoffCeilingMs(s.failures, t) }] };
    case 'dial':
      // Closed while backing off: no new session.
      if (s.phase === 'closed') return { state: s, effects: [{ kind: 'refuse', failure: CLOSED }] };
      return { state: { ...s, lastSession: s.lastSession + 1 }, effects: [{ kind: 'connect', session: s.lastSession + 1 }] };
    case 'transport-up':
      return { state: { ...s, phase: s.phase === 'closed' ? 'closed' : 'up', session: s.lastSession }, effects: [] };
    case 'prepared':
      return { state: { ...s, failures: 0 }, effects: [{ kind: 'report', report: { kind: 'connected' } }] };
    case 'connect-failed': {
      const ended = end(s, { code: 'ROUTER_DISCONNECTED', message: 'SSH session to the router dropped' }, false);
      return {
        state: { ...ended.state, failures: Math.min(s.failures + 1, MAX_FAILURES) },
        effects: [...ended.effects, { kind: 'report', report: { kind: 'connect-failed', code: e.code, message: e.message } }],
      };
    }
    case 'wait':
      return { state: { ...s, waitingFor: e.what }, effects: [] };
    case 'output':
      if (s.waitingFor === undefined) return { state: s, effects: [] };
      if (e.overflow) return end(s, { code: 'ROUTER_OUTPUT_TOO_LARGE' }, true); // the next command reconnects
      if (e.more) return { state: s, effects: [{ kind: 'page' }] };
      if (e.prompt) return { state: { ...s, waitingFor: undefined }, effects: [{ kind: 'resolve-wait' }] };
      return { state: s, effects: [] };
    case 'timeout': {
      if (s.waitingFor === undefined) return { state: s, effects: [] };
      // The session's state is unknown after a command that never returned: drop it.
      const message = `no prompt within ${t.commandTimeoutMs} ms after "${s.waitingFor}"`;
      const ended = end(s, { code: 'ROUTER_TIMEOUT', message }, false);
      return { state: ended.state, effects: [{ kind: 'report', report: { kind: 'timeout', message: s.waitingFor } }, ...ended.effects] };
    }
    case 'peer-closed': {
      if (e.session !== s.session) return { state: s, effects: [] };
      const waiting = s.waitingFor !== undefined;
      return {
        state: { ...s, phase: s.phase === 'closed' ? 'closed' : 'down', session: undefined, waitingFor: undefined },
        effects: [
          { kind: 'report', report: { kind: 'disconnected' } },
          ...(waiting
            ? [{ kind: 'fail-wait', failure: { code: 'ROUTER_DISCONNECTED', message: 'SSH session to the router closed' } } as const]
            : []),
        ],
      };
    }
    case 'drop':
      return end(s, { code: 'ROUTER_DISCONNECTED', message: 'SSH session to the router dropped' }, false);
    case 'close': {
      const ended = end(s, { code: 'ROUTER_DISCONNECTED', message: 'SSH session to the router dropped' }, false);
      return { state: { ...ended.state, phase: 'closed' }, effects: ended.effects };
    }
  }
}

/** Ends the current session, if any, failing the wait under way with `failure`. */
function end(s: RouterSessionState, failure: SessionFailure, now: boolean): RouterSessionStep {
  const effects: RouterSessionEffect[] = [];
  if (s.session !== undefined) effects.push({ kind: 'hang-up', now });
  if (s.waitingFor !== undefined) effects.push({ kind: 'fail-wait', failure });
  return { state: { ...s, phase: s.phase === 'closed' ? 'closed' : 'down', session: undefined, waitingFor: undefined }, effects };
}
