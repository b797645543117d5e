import type { AgentConfig } from '../../config/types.js';
import { routeMapIntents } from '../../core/dual-cloud/plan.js';
import { routeMapDifferences } from '../../core/dual-cloud/verify.js';
import { parseAs } from '../../parsers/registry.js';
import type { Logger } from '../../ports/logger.js';
import type { RouterCli } from '../../ports/router-cli.js';
import { describeError } from '../../../proto/coded-error.js';
import { runPreflight } from '../decide/run-preflight.js';
import { restoreDualCloud } from './native-restore.js';

/** How long the release may take: a configuration session, soft clears and one read back. */
const RELEASE_BUDGET_MS = 20_000;

/**
 * A dual-cloud start in dry-run gives BGP back the choice an earlier run left
 * steered (killed while steered: no restore ran), as going to dry-run does:
 * dry-run never leaves the router steered. The route-maps are the agent's
 * own, so any set clause in them is a steer of the agent's; only when the
 * file matches the router (a preflight failure writes nothing). Returns
 * whether it released; a failure is logged and left to reconciliation.
 */
export async function releaseLeftRouteMaps(o: {
  config: AgentConfig;
  router: RouterCli;
  record: (kind: string, subject: string, data: unknown) => void;
  log: Logger;
}): Promise<boolean> {
  const dc = o.config.dualCloud;
  if (o.config.policy.mode !== 'dry-run' || !dc) return false;
  try {
    const preflight = await runPreflight(o.config, o.router);
    if (preflight.status !== 'passed') return false;
    const entries = parseAs('show route-map', await o.router.show('show route-map')).records;
    const left = routeMapDifferences(routeMapIntents(dc, undefined), entries);
    if (left.length === 0) return false;
    const outcome = await restoreDualCloud(o.router, dc, RELEASE_BUDGET_MS);
    o.log.warn(outcome.outcome === 'verified' ? 'left-steer-released' : 'left-steer-not-released', { left, ...outcome });
    o.record('mode', 'dry-run', { action: 'release-left-steer', left, outcome: outcome.outcome });
    return outcome.outcome === 'verified';
  } catch (err) {
    const { code, message } = describeError(err);
    o.log.warn('left-steer-not-released', { code, error: message });
    return false;
  }
}
