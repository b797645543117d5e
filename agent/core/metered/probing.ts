import type { CandidateConfig, PolicyConfig } from '../policy/config.js';
import { INITIAL_HEALTH } from '../policy/health.js';
import type { PolicyState } from '../policy/types.js';

/**
 * Adaptive probing of metered WANs. In standby a metered WAN is probed by its
 * own slow operations only (configured on the router, tracked by the router's
 * own judgement, enough to know within a stated time that the SIM and the far
 * end are alive). Its full-rate operations run only while it is needed: the
 * tunnel is on it (or is selected to go there), or the path in use degrades,
 * so that the decision to fail over, and the judgement of the path failed
 * over to, are made on full-rate probes. Held `holdMs` after the need ends, so
 * a wobbling primary does not start and stop them on every read.
 */
export type ProbingMode = 'standby' | 'full-rate';

export interface ProbingState {
  /** Per metered source: its mode, and until when full rate is held. */
  modes: Readonly<Record<string, { mode: ProbingMode; holdUntilMs?: number }>>;
}

export const INITIAL_PROBING: ProbingState = { modes: {} };

export interface ProbingChange {
  source: string;
  mode: ProbingMode;
  why: 'carries-tunnel' | 'path-degrading' | 'standby';
}

/** Why a metered source needs full-rate probes now, or undefined when it does not. */
function need(s: PolicyState, cfg: PolicyConfig, source: string): ProbingChange['why'] | undefined {
  const byId = (id: string | undefined) => cfg.candidates.find((c) => c.id === id);
  if (s.routerActive?.source === source || byId(s.selected)?.source === source) return 'carries-tunnel';
  // The path in use is failing, or failed: the next move may be onto this WAN.
  const inUse: CandidateConfig | undefined = byId(s.selected);
  if (!inUse) return 'path-degrading'; // nothing adopted yet, or released: be ready
  const h = s.health[inUse.id] ?? INITIAL_HEALTH;
  return h.verdict === 'bad' || h.failStreak > 0 ? 'path-degrading' : undefined;
}

/**
 * The mode each metered source with full-rate operations should be in, and the
 * changes from the previous state. Pure; the shell schedules or stops the operations.
 */
export function nextProbing(
  prev: ProbingState,
  s: PolicyState,
  cfg: PolicyConfig,
  sources: readonly string[],
  nowMs: number,
  holdMs: number,
): { state: ProbingState; changes: ProbingChange[] } {
  const modes = { ...prev.modes };
  const changes: ProbingChange[] = [];
  for (const source of sources) {
    const was = modes[source];
    const why = need(s, cfg, source);
    if (why) {
      modes[source] = { mode: 'full-rate', holdUntilMs: nowMs + holdMs };
      if (was?.mode !== 'full-rate') changes.push({ source, mode: 'full-rate', why });
    } else if (was === undefined || (was.mode === 'full-rate' && (was.holdUntilMs ?? 0) <= nowMs)) {
      modes[source] = { mode: 'standby' };
      changes.push({ source, mode: 'standby', why: 'standby' });
    }
  }
  return { state: { modes }, changes };
}

/**
 * The IOS lines that put operations in a mode: `ip sla schedule N life forever
 * start-time now` starts one; `no ip sla schedule N` stops it (IOS keeps its
 * configuration; a running operation cannot be modified, only stopped and
 * started). Numbers only: nothing from outside the validated configuration.
 */
export function scheduleLines(operations: readonly number[], mode: ProbingMode): string[] {
  return operations.map((op) => (mode === 'full-rate' ? `ip sla schedule ${op} life forever start-time now` : `no ip sla schedule ${op}`));
}

/**
 * Stops every full-rate operation of metered WANs: part of leaving the router on its
 * own configuration (SIGTERM), where they are not scheduled. Stopping one that is not
 * running changes nothing.
 */
export function fullRateStopLines(sources: readonly { metered?: { fullRateOperations: readonly number[] } }[]): string[] {
  return sources.flatMap((s) => scheduleLines(s.metered?.fullRateOperations ?? [], 'standby'));
}
