/**
 * IKEv2 dead peer detection (`crypto ikev2 dpd INTERVAL RETRY on-demand|periodic`), pure.
 *
 * - on-demand (IOS's default mode): an R-U-THERE goes only when the router has
 *   traffic to send on the SA and nothing has come from the peer for INTERVAL
 *   seconds. With no outbound traffic it never probes: a dead peer is found
 *   only once traffic resumes (Cisco, "IPsec Dead Peer Detection Periodic
 *   Message Option": "If a router has no traffic to send, it never sends a
 *   DPD message").
 * - periodic: an R-U-THERE every INTERVAL seconds on a timer started when the
 *   SA came up, whatever the data traffic (same guide: "sends a hello message
 *   every 10 seconds (unless ... the router receives a hello message from the
 *   peer)" — the lab's hubs send no R-U-THERE of their own; blog.williampeters.com:
 *   periodic DPD "doesn't take into consideration traffic coming from peer").
 *   Its phase is therefore the SA's age, which the seed fixes.
 * - An unanswered R-U-THERE is retransmitted every RETRY seconds, `retries`
 *   times (IOS: "a maximum of five retransmissions", documented for
 *   `crypto isakmp keepalive`, blog.williampeters.com; not verified for IKEv2
 *   on IOS-XE, see options.dpdRetries); then the peer is declared dead and
 *   its SA deleted. Until then the SA lingers (DESIGN §4).
 */
export type DpdMode = 'on-demand' | 'periodic' | 'off';

export interface DpdTiming {
  mode: DpdMode;
  intervalSec: number;
  retryIntervalSec: number;
  retries: number;
}

export interface DpdState {
  /** Last time anything came from the peer (ESP, or an answer to R-U-THERE). */
  lastHeardAt: number;
  /** Periodic mode: when the timer next fires. */
  nextPeriodicAt: number;
  /** While an R-U-THERE is unanswered: when it is retransmitted. */
  retryAt?: number;
  /** Consecutive unanswered R-U-THEREs (the first one and its retransmissions). */
  misses: number;
}

/** DPD of an SA that came up at `createdAt`. */
export function newDpd(createdAt: number, timing: DpdTiming): DpdState {
  return { lastHeardAt: createdAt, nextPeriodicAt: createdAt + timing.intervalSec * 1000, misses: 0 };
}

/** One second of the SA's life: whether the router had data to send on it. */
export interface DpdSecond {
  now: number;
  sentData: boolean;
}

/** Whether an R-U-THERE (or its retransmission) goes out in this second. */
export function dpdDue(state: DpdState, timing: DpdTiming, s: DpdSecond): boolean {
  if (state.retryAt !== undefined) return s.now >= state.retryAt;
  switch (timing.mode) {
    case 'off':
      return false;
    case 'periodic':
      return s.now >= state.nextPeriodicAt;
    case 'on-demand':
      return s.sentData && s.now - state.lastHeardAt >= timing.intervalSec * 1000;
  }
}

/** Inbound traffic from the peer proves it alive (it does not answer an outstanding R-U-THERE, though). */
export function heardPeer(state: DpdState, now: number): DpdState {
  return { ...state, lastHeardAt: now };
}

/** The state after an R-U-THERE sent at `now` was answered or not; `dead` once the retransmissions are spent. */
export function recordDpdProbe(state: DpdState, timing: DpdTiming, answered: boolean, now: number): { state: DpdState; dead: boolean } {
  const nextPeriodicAt = nextTimerAfter(state.nextPeriodicAt, timing.intervalSec * 1000, now);
  if (answered) return { state: { lastHeardAt: now, nextPeriodicAt, misses: 0 }, dead: false };
  const misses = state.misses + 1;
  if (misses > timing.retries) return { state: { ...state, nextPeriodicAt, misses }, dead: true };
  return { state: { lastHeardAt: state.lastHeardAt, nextPeriodicAt, retryAt: now + timing.retryIntervalSec * 1000, misses }, dead: false };
}

/** The periodic timer keeps its phase: the first firing after `now`. */
export function nextTimerAfter(at: number, periodMs: number, now: number): number {
  if (at > now) return at;
  return at + (Math.floor((now - at) / periodMs) + 1) * periodMs;
}
