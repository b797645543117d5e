/**
 * Packet loss on one component of a path (the round trip, or one leg):
 * independent (Bernoulli) or bursty (Gilbert–Elliott).
 *
 * Gilbert–Elliott is a two-state Markov chain advanced once per packet of
 * that kind on that path: in the Good state a packet is lost with
 * probability `lossGood`, in the Bad state with `lossBad`; after each packet
 * the chain moves Good -> Bad with probability `p` and Bad -> Good with `r`.
 * Operators think in "mean loss" and "mean burst length" instead, so a
 * LossSpec `{ pct, burst }` is turned into the Gilbert special case
 * (lossGood 0, lossBad 1): losses are exactly the Bad sojourns, whose length
 * is geometric with mean 1/r, and the stationary share of Bad is p/(p+r):
 *
 *     r = 1 / burst,   p = r · L / (1 − L)     (L = pct / 100)
 *
 * p must not exceed 1, so a burst needs at least L/(1−L) packets (90 % loss
 * cannot come in bursts shorter than 9); shorter bursts are clamped to that.
 * Independent loss of L has mean runs of 1/(1−L): a burst longer than that is
 * burstier than Bernoulli.
 *
 * A burst is a stretch of time, not of one kind's packets: the chain steps
 * once per PACKET_SPACING_MS (a 50 packet/s stream, a voice call's rate), and
 * a packet that comes later than that finds the chain moved on by the steps
 * in between (`advanceChain`). Probes seconds apart therefore sample the loss
 * almost independently, as on a real link, while an icmp-jitter train 20 ms
 * apart meets the bursts whole.
 */
import type { SeededRandom } from './random.js';

/** The chain's time step: one packet of a 50 packet/s stream. */
export const PACKET_SPACING_MS = 20;

export interface LossSpec {
  /** Long-run share of packets lost, percent. */
  pct: number;
  /** Mean number of consecutive losses, in packets of that kind on that path; absent: independent losses. */
  burst?: number;
}

export interface GilbertElliott {
  /** Good -> Bad per packet. */
  p: number;
  /** Bad -> Good per packet. */
  r: number;
  lossGood: number;
  lossBad: number;
}

export type ChainState = 'good' | 'bad';

/** The Gilbert chain (loss only in Bad) with a spec's mean loss and mean burst length. */
export function gilbertFor(spec: LossSpec): GilbertElliott {
  const l = spec.pct / 100;
  const r = 1 / Math.max(1, spec.burst ?? 1);
  return { p: l >= 1 ? 1 : Math.min(1, (r * l) / (1 - l)), r: l >= 1 ? 0 : r, lossGood: 0, lossBad: 1 };
}

/** The shortest mean burst that can carry `pct` percent loss (see the header). */
export function minimumBurst(pct: number): number {
  return pct >= 100 ? 1 : Math.max(1, pct / (100 - pct));
}

/** Long-run loss share (0-1) of a chain: the stationary share of each state times its loss. */
export function stationaryLoss(ge: GilbertElliott): number {
  if (ge.p + ge.r === 0) return ge.lossGood;
  const bad = ge.p / (ge.p + ge.r);
  return bad * ge.lossBad + (1 - bad) * ge.lossGood;
}

/** Mean loss share (0-1) of a spec, bursty or not. */
export function meanLoss(spec: LossSpec | undefined): number {
  if (!spec || spec.pct <= 0) return 0;
  return spec.burst === undefined ? Math.min(1, spec.pct / 100) : stationaryLoss(gilbertFor(spec));
}

/**
 * One packet through a chain in `state`: whether it is lost, and the state
 * for the next packet. Draws only what is uncertain, so a loss-free chain
 * consumes no randomness.
 */
export function stepChain(ge: GilbertElliott, state: ChainState, rng: SeededRandom): { lost: boolean; next: ChainState } {
  const lossP = state === 'bad' ? ge.lossBad : ge.lossGood;
  const lost = lossP >= 1 ? true : rng.chance(lossP * 100);
  const move = state === 'bad' ? ge.r : ge.p;
  const flip = move >= 1 ? true : rng.chance(move * 100);
  return { lost, next: flip ? (state === 'bad' ? 'good' : 'bad') : state };
}

/**
 * The chain's state `steps` steps on, drawn from the closed-form m-step
 * transition of a two-state chain (λ = 1 − p − r, π = p / (p + r)):
 * P(Bad after m | Bad) = π + (1 − π)·λ^m, P(Bad after m | Good) = π·(1 − λ^m).
 * Draws nothing when the chain cannot move.
 */
export function advanceChain(ge: GilbertElliott, state: ChainState, steps: number, rng: SeededRandom): ChainState {
  if (steps <= 0 || ge.p + ge.r === 0) return state;
  const pi = ge.p / (ge.p + ge.r);
  const decay = Math.pow(1 - ge.p - ge.r, steps);
  const badP = state === 'bad' ? pi + (1 - pi) * decay : pi * (1 - decay);
  if (badP >= 1) return 'bad';
  if (badP <= 0) return 'good';
  return rng.chance(badP * 100) ? 'bad' : 'good';
}
