/**
 * IKEv2 dead peer detection as the lab models it: every `interval` seconds an
 * R-U-THERE goes to the peer; after a miss it is retried every
 * `retryInterval` seconds, and after `retries` further misses the peer is
 * declared dead and its SA deleted. Until then the SA lingers (DESIGN §4).
 */
export interface DpdTiming {
  intervalSec: number;
  retryIntervalSec: number;
  retries: number;
}

export interface DpdState {
  nextProbeAt: number;
  /** Consecutive unanswered probes. */
  misses: number;
}

export function newDpd(now: number, timing: DpdTiming): DpdState {
  return { nextProbeAt: now + timing.intervalSec * 1000, misses: 0 };
}

export function dpdDue(state: DpdState, now: number): boolean {
  return now >= state.nextProbeAt;
}

/** The state after a probe sent at `now` was answered or not; `dead` once the retries are spent. */
export function recordDpdProbe(state: DpdState, timing: DpdTiming, answered: boolean, now: number): { state: DpdState; dead: boolean } {
  if (answered) return { state: { nextProbeAt: now + timing.intervalSec * 1000, misses: 0 }, dead: false };
  const misses = state.misses + 1;
  if (misses > timing.retries) return { state: { ...state, misses }, dead: true };
  return { state: { nextProbeAt: now + timing.retryIntervalSec * 1000, misses }, dead: false };
}
