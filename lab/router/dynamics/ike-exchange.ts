/**
 * One IKEv2 request/response exchange (IKE_SA_INIT or IKE_AUTH) as the
 * initiator lives it, pure.
 *
 * - The initiator retransmits an unanswered request on a timer that doubles
 *   each time, and gives up when the timer after its last retransmission runs
 *   out (RFC 7296 §2.1: retransmit with exponential backoff; the responder
 *   never retransmits on its own). Any copy's answer completes the exchange.
 * - IOS's timer: first retransmission 2 s after the request, each wait twice
 *   the one before, at most 5 retransmissions (at 2, 6, 14, 30 and 62 s), and
 *   the initiator gives up when the wait after the last one (64 s) runs out:
 *   an exchange with a silent peer fails 126 s after it began. `unverified`:
 *   IOS documents no IKEv2 retransmission knob; these are the intervals
 *   `debug crypto ikev2` is remembered to show ("Retransmitting packet" ...
 *   "Maximum number of retransmissions reached"), not checked against a
 *   capture. The lab used to fail a negotiation after a flat 20 s.
 * - The hub answers `delayMs` after the first copy reaches it (overload, call
 *   admission). A copy that arrives while it is still working is absorbed; one
 *   that arrives after it answered gets the same answer again at once (RFC
 *   7296 §2.1: a responder answers a retransmitted request with its cached
 *   response). A slow hub therefore costs time, and fails the exchange only
 *   when its answer comes after the initiator gave up.
 * - A hub that refuses the request (draining) answers with an error notify
 *   after the same delay; the exchange fails when that answer arrives.
 *   `unverified`: a hub at its call-admission limit may drop IKE_SA_INIT
 *   silently instead, which costs the initiator its full retransmission time.
 */

export interface RetransmitTiming {
  /** Seconds from a request to its first retransmission; each later wait doubles. */
  firstSec: number;
  retransmissions: number;
}

/** IOS's IKEv2 request retransmission (`unverified`, see above). */
export const IOS_IKE_RETRANSMIT: RetransmitTiming = { firstSec: 2, retransmissions: 5 };

/** What became of one copy of the request: whether the hub got it, whether its answer would come back, and the path's round trip. */
export interface CopyFate {
  reachedHub: boolean;
  answerDelivered: boolean;
  rttMs: number;
}

/** How the hub treats this request: how long it takes to answer, and whether the answer is a refusal. */
export interface HubAnswer {
  delayMs: number;
  refuses: boolean;
}

export interface IkeExchange {
  sentAt: number;
  /** Copies sent: the request and its retransmissions. */
  copies: number;
  /** When the next retransmission goes, or, after the last one, when the initiator gives up. */
  nextTimerAt: number;
  /** When the hub's answer is ready (the first copy's arrival plus its delay). */
  hubReadyAt?: number;
  refuses?: boolean;
  /** The earliest moment an answer reaches the initiator. */
  answerAt?: number;
}

export type ExchangeStatus =
  { kind: 'answered'; at: number } | { kind: 'refused'; at: number } | { kind: 'waiting' } | { kind: 'retransmit' } | { kind: 'gave-up' };

/** The request goes out at `at`. */
export function sendRequest(at: number, fate: CopyFate, hub: HubAnswer, timing: RetransmitTiming): IkeExchange {
  return withCopy({ sentAt: at, copies: 0, nextTimerAt: at }, at, fate, hub, timing);
}

/** A retransmission goes out at `at` (the hub's answer to it was fixed by the first copy that reached it). */
export function retransmit(x: IkeExchange, at: number, fate: CopyFate, hub: HubAnswer, timing: RetransmitTiming): IkeExchange {
  return withCopy(x, at, fate, hub, timing);
}

function withCopy(x: IkeExchange, at: number, fate: CopyFate, hub: HubAnswer, timing: RetransmitTiming): IkeExchange {
  const copies = x.copies + 1;
  const next: IkeExchange = { ...x, copies, nextTimerAt: at + timing.firstSec * 1000 * 2 ** (copies - 1) };
  if (!fate.reachedHub) return next;
  const oneWay = fate.rttMs / 2;
  const arrives = at + oneWay;
  let answerLeaves: number | undefined;
  if (next.hubReadyAt === undefined) {
    next.hubReadyAt = arrives + hub.delayMs;
    next.refuses = hub.refuses;
    answerLeaves = next.hubReadyAt;
  } else if (arrives >= next.hubReadyAt) {
    answerLeaves = arrives;
  }
  if (answerLeaves !== undefined && fate.answerDelivered) next.answerAt = Math.min(next.answerAt ?? Infinity, answerLeaves + oneWay);
  return next;
}

/** Where the exchange stands at `now`: answered (or refused) once an answer has arrived, else by its timer. */
export function exchangeStatus(x: IkeExchange, now: number, timing: RetransmitTiming): ExchangeStatus {
  if (x.answerAt !== undefined && x.answerAt <= now)
    return x.refuses ? { kind: 'refused', at: x.answerAt } : { kind: 'answered', at: x.answerAt };
  if (now < x.nextTimerAt) return { kind: 'waiting' };
  return x.copies > timing.retransmissions ? { kind: 'gave-up' } : { kind: 'retransmit' };
}

/** Seconds from the request until the initiator gives up on a silent peer. */
export function giveUpAfterSec(timing: RetransmitTiming): number {
  return timing.firstSec * (2 ** (timing.retransmissions + 1) - 1);
}
