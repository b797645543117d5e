/**
 * When a poller reads (issue 14 item 5): one command family read on an
 * interval, woken early by syslog triggers, which coalesce into one read and
 * are held back to a minimum interval (syslog is unauthenticated UDP: a flood
 * of hints must not become a flood of `show` commands). A pure transition
 * function: the shell (agent/shell/observe/poller.ts) sets the one timer, runs the read
 * and feeds back what happened.
 */

export interface PollState {
  /** Between start and stop. */
  readonly running: boolean;
  /** A read is under way (it may outlive a stop). */
  readonly reading: boolean;
  /** A trigger arrived during the read: read again once it ends. */
  readonly again: boolean;
  readonly lastReadStartMs: number;
  /** When the pending timer falls due (Infinity: none), for coalescing triggers. */
  readonly nextReadAtMs: number;
}

export const INITIAL_POLL: PollState = { running: false, reading: false, again: false, lastReadStartMs: -Infinity, nextReadAtMs: Infinity };

export type PollEvent =
  | { readonly kind: 'start'; readonly delayMs: number }
  | { readonly kind: 'stop' }
  /** Syslog asked for a read. */
  | { readonly kind: 'trigger' }
  /** The timer fell due. */
  | { readonly kind: 'due' }
  /**
   * The read ended (well or not). `intervalMs` is the next jittered interval,
   * drawn by the shell only when `drawsInterval` says it is used, so a seeded
   * random stream is consumed as before this was a machine.
   */
  | { readonly kind: 'read-finished'; readonly intervalMs?: number };

export type PollEffect =
  /** Replaces the pending timer, if any. */
  | { readonly kind: 'set-timer'; readonly delayMs: number }
  | { readonly kind: 'cancel-timer' }
  | { readonly kind: 'read' }
  /** A trigger that did not start a read of its own (coalesced or held back): counted. */
  | { readonly kind: 'coalesced' };

export interface PollStep {
  readonly state: PollState;
  readonly effects: readonly PollEffect[];
}

/** Whether a `read-finished` from this state uses the interval it carries. */
export function drawsInterval(s: PollState): boolean {
  return !s.again;
}

export function stepPoll(s: PollState, e: PollEvent, nowMs: number, minTriggerIntervalMs: number): PollStep {
  switch (e.kind) {
    case 'start':
      // A read still running from before a stop schedules the next one when it ends.
      if (s.running) return { state: s, effects: [] };
      return s.reading ? { state: { ...s, running: true }, effects: [] } : timer({ ...s, running: true }, nowMs, e.delayMs);
    case 'stop':
      return { state: { ...s, running: false, nextReadAtMs: Infinity }, effects: [{ kind: 'cancel-timer' }] };
    case 'trigger': {
      if (!s.running) return { state: s, effects: [] };
      if (s.reading) return { state: { ...s, again: true }, effects: [{ kind: 'coalesced' }] };
      const earliest = s.lastReadStartMs + minTriggerIntervalMs;
      if (earliest > nowMs) {
        // Held back; never later than a read the interval had already scheduled sooner.
        if (s.nextReadAtMs <= earliest) return { state: s, effects: [{ kind: 'coalesced' }] };
        const held = timer(s, nowMs, earliest - nowMs);
        return { state: held.state, effects: [{ kind: 'coalesced' }, ...held.effects] };
      }
      const read = startRead(s, nowMs);
      return { state: read.state, effects: [{ kind: 'cancel-timer' }, ...read.effects] };
    }
    case 'due':
      return s.running ? startRead(s, nowMs) : { state: s, effects: [] };
    case 'read-finished': {
      const ended: PollState = { ...s, reading: false, again: false };
      if (!s.running) return { state: ended, effects: [] };
      if (s.again) {
        const wait = s.lastReadStartMs + minTriggerIntervalMs - nowMs;
        return wait > 0 ? timer(ended, nowMs, wait) : startRead(ended, nowMs);
      }
      return timer(ended, nowMs, e.intervalMs ?? 0);
    }
  }
}

/** An infinite delay sets no timer: a poller with no interval reads only when a trigger asks. */
function timer(s: PollState, nowMs: number, delayMs: number): PollStep {
  if (!Number.isFinite(delayMs)) return { state: { ...s, nextReadAtMs: Infinity }, effects: [] };
  return { state: { ...s, nextReadAtMs: nowMs + delayMs }, effects: [{ kind: 'set-timer', delayMs }] };
}

function startRead(s: PollState, nowMs: number): PollStep {
  return { state: { ...s, reading: true, nextReadAtMs: Infinity, lastReadStartMs: nowMs }, effects: [{ kind: 'read' }] };
}
