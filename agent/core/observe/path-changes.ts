/**
 * Path-change news from successive FlexVPN reads. A switch is a bounce on the
 * router (the tunnel goes down on one path and comes up on the next, a poll or
 * two later), and an operator wants one event for it, from where it was to
 * where it is, not two with an empty end. The tunnel going down counts as news
 * of its own only when it stays down for a second read (an outage). Pure.
 */

export interface PathSeen {
  peer?: string;
  source?: string;
}

export interface PathChange {
  from: PathSeen;
  to: PathSeen;
  /** The tunnel was down between the two paths for this long (ms); absent when it moved without going down. */
  downForMs?: number;
}

export interface PathChangeState {
  /** The last path the tunnel was up on. */
  lastUp?: PathSeen;
  /** When the tunnel was first read down, while it is down. */
  downSinceMs?: number;
  /** Reads in a row that found it down. */
  downReads: number;
}

export const INITIAL_PATH_CHANGES: PathChangeState = { downReads: 0 };

/** Reads in a row the tunnel must be down before the outage is news (one read down is a switch in progress). */
export const OUTAGE_READS = 2;

const isUp = (p: PathSeen) => p.peer !== undefined;
/** The outage was reported (a `to: {}` change): the next arrival reports from nowhere. */
const outageReported = (s: PathChangeState) => s.lastUp !== undefined && s.downReads >= OUTAGE_READS;
const same = (a: PathSeen | undefined, b: PathSeen) => a?.peer === b.peer && a?.source === b.source;

/** One read: the next state, and the change to report, if any. The first read only says where the tunnel is. */
export function nextPathChange(
  s: PathChangeState,
  seen: PathSeen,
  nowMs: number,
  first: boolean,
): { state: PathChangeState; change?: PathChange } {
  if (!isUp(seen)) {
    const down: PathChangeState = { ...s, downReads: s.downReads + 1, downSinceMs: s.downSinceMs ?? nowMs };
    if (first || s.lastUp === undefined || down.downReads !== OUTAGE_READS) return { state: down };
    return { state: down, change: { from: { ...s.lastUp }, to: {} } };
  }
  const state: PathChangeState = { lastUp: { ...seen }, downReads: 0 };
  if (first) return { state };
  const wasDown = s.downReads > 0;
  // Back where it was after a bounce nobody was told of, or still where it was: nothing happened.
  const reported = outageReported(s);
  if (same(s.lastUp, seen) && !reported) return { state };
  const from = reported || s.lastUp === undefined ? {} : { ...s.lastUp };
  return {
    state,
    change: { from, to: { ...seen }, ...(wasDown && s.downSinceMs !== undefined ? { downForMs: nowMs - s.downSinceMs } : {}) },
  };
}
