import type { CandidateConfig, PolicyConfig } from './config.js';
import { INITIAL_HEALTH } from './health.js';
import type { PolicyState } from './types.js';

/**
 * Cost in the policy (README: Metered WANs). A candidate on a metered WAN
 * whose budget is spent, with `whenSpent: hard-failure-only`, is kept for a
 * hard failure of everything else: every unmetered candidate down (its
 * interface, or its probes unanswered), not merely lossy or slow. Until then
 * a degraded unmetered path is better value than a bill.
 */

export const isMetered = (cfg: PolicyConfig, c: CandidateConfig): boolean => cfg.metered?.[c.source] !== undefined;

/** Down, not degraded: the link is gone or nothing answers on it. */
export function hardDown(s: PolicyState, c: CandidateConfig): boolean {
  const h = s.health[c.id] ?? INITIAL_HEALTH;
  return h.verdict === 'bad' && (h.cause?.kind === 'interface-down' || h.cause?.kind === 'unreachable');
}

/** The candidate's WAN has spent its budget and may carry the tunnel only for a hard failure. */
export function spentForSoftFaults(s: PolicyState, cfg: PolicyConfig, c: CandidateConfig): boolean {
  return cfg.metered?.[c.source] === 'hard-failure-only' && (s.meteredSpent ?? []).includes(c.source);
}

/** The router's own tracks forbid the candidate's hub or WAN: the tunnel cannot go there, whatever the agent allows. */
const routerForbidden = (s: PolicyState, c: CandidateConfig): boolean =>
  (s.routerForbids?.peers.includes(c.peer) ?? false) || (s.routerForbids?.sources.includes(c.source) ?? false);

/**
 * A spent metered candidate that may not be chosen now: some unmetered path is still alive and
 * open (one the router's own tracks forbid is no alternative: refusing the metered path then
 * would leave the tunnel nowhere; budget-spent-fibre-degrades found it).
 */
export function refusedForBudget(s: PolicyState, cfg: PolicyConfig, c: CandidateConfig): boolean {
  if (!spentForSoftFaults(s, cfg, c)) return false;
  return cfg.candidates.some((o) => !isMetered(cfg, o) && !hardDown(s, o) && !routerForbidden(s, o));
}

/**
 * Where to go from a spent metered path while an unmetered one is alive: the
 * most preferred unmetered candidate judged good, else not yet judged, else
 * degraded (alive all the same), never one down hard or suppressed.
 */
export function unmeteredRefuge(s: PolicyState, cfg: PolicyConfig, usable: (c: CandidateConfig) => boolean): CandidateConfig | undefined {
  const alive = cfg.candidates.filter((c) => !isMetered(cfg, c) && !hardDown(s, c) && !routerForbidden(s, c) && usable(c));
  const verdict = (c: CandidateConfig) => (s.health[c.id] ?? INITIAL_HEALTH).verdict;
  return alive.find((c) => verdict(c) === 'good') ?? alive.find((c) => verdict(c) === 'unknown') ?? alive[0];
}
