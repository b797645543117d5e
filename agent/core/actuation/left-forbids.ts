import { stubTrackStates, type ActuationTargets } from './plan.js';

/** The last of the agent's own journal entries that set or released its stub tracks (`action`, `mode`). */
export type LastSteering = { kind: 'action'; effect: { kind: string; peer?: unknown; source?: unknown } } | { kind: 'mode' } | undefined;

/**
 * The stub tracks an earlier run left forbidden: its last steer put them down,
 * nothing of the agent's released them since (a mode change into dry-run, a
 * release), and the router still holds them down. An agent killed while
 * steered leaves them so, and a start in dry-run (which decides and reports
 * only) would otherwise keep the router steered by nobody. A track down that
 * the last steer left up is someone else's, and stays as it is.
 */
export function leftForbids(t: ActuationTargets, last: LastSteering, seen: readonly { id: number; state: string }[]): number[] {
  if (last?.kind !== 'action') return [];
  const { kind, peer, source } = last.effect;
  if (kind !== 'steer' || typeof peer !== 'string' || typeof source !== 'string') return [];
  const forbidden = stubTrackStates(t, peer, source)
    .filter((s) => !s.up)
    .map((s) => s.track);
  return forbidden.filter((track) => seen.find((r) => r.id === track)?.state === 'down');
}
