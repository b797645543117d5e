import { actuationTargets } from '../../config/actuation-targets.js';
import type { AgentConfig } from '../../config/types.js';
import { leftForbids, type LastSteering } from '../../core/actuation/left-forbids.js';
import { planTrackStates } from '../../core/actuation/plan.js';
import { parseAs } from '../../parsers/registry.js';
import type { Logger } from '../../ports/logger.js';
import type { RouterCli } from '../../ports/router-cli.js';
import type { JournalReader, JournalRow } from '../../ports/store.js';
import { describeError } from '../../../proto/coded-error.js';
import { runPreflight } from '../decide/run-preflight.js';

/**
 * A start in dry-run gives back the forbids an earlier run of this agent left
 * on the router (killed while steered: no restore ran), as a change of mode
 * into dry-run does (decision-loop reconfigure): dry-run never leaves the
 * router steered. Only the tracks the journal's last steer put down, and only
 * when the file matches the router (a preflight failure writes nothing); a
 * forbid someone set by hand is reported by reconciliation, never undone.
 * Returns the tracks set up again; any failure is logged and left to the
 * reconciliation's report.
 */
export async function releaseLeftForbids(o: {
  config: AgentConfig;
  router: RouterCli;
  journal: JournalReader | undefined;
  record: (kind: string, subject: string, data: unknown) => void;
  log: Logger;
}): Promise<number[]> {
  const { config } = o;
  if (config.policy.mode !== 'dry-run' || config.actuation.strategy !== 'stub-tracks' || config.dualCloud || !o.journal) return [];
  const last = lastSteering(o.journal.query({ kinds: ['action', 'mode'], limit: 1, newest: true }).at(-1));
  if (last?.kind !== 'action' || last.effect.kind !== 'steer') return [];
  try {
    const preflight = await runPreflight(config, o.router);
    if (preflight.status !== 'passed') return [];
    const targets = actuationTargets(config);
    const seen = parseAs('show track brief', await o.router.show('show track brief')).records;
    const tracks = leftForbids(targets, last, seen);
    if (tracks.length === 0) return [];
    const plan = planTrackStates(
      targets,
      tracks.map((track) => ({ track, up: true })),
    );
    if (plan.configLines.length > 0) await o.router.configure(plan.configLines);
    for (const cmd of plan.execCommands) await o.router.exec(cmd);
    o.log.warn('left-forbids-released', { tracks, lastSteer: last.effect });
    o.record('mode', 'dry-run', { action: 'release-left-forbids', tracks });
    return tracks;
  } catch (err) {
    const { code, message } = describeError(err);
    o.log.warn('left-forbids-not-released', { code, error: message });
    return [];
  }
}

/** The journal row as the pure rule reads it; an `action` whose data is not an effect counts as none. */
function lastSteering(row: JournalRow | undefined): LastSteering {
  if (!row) return undefined;
  if (row.kind === 'mode') return { kind: 'mode' };
  const d = row.data;
  if (typeof d !== 'object' || d === null || !('kind' in d) || typeof d.kind !== 'string') return undefined;
  return {
    kind: 'action',
    effect: { kind: d.kind, ...('peer' in d ? { peer: d.peer } : {}), ...('source' in d ? { source: d.source } : {}) },
  };
}
