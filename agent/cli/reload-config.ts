import { errorMessage } from '../../proto/coded-error.js';
import type { AgentConfig } from '../config/types.js';
import type { ConfigResult } from '../config/validate.js';
import type { Logger } from '../ports/logger.js';

export interface ReloadOptions {
  /** Reads and validates the file again (loadConfigFile). */
  load: () => ConfigResult;
  dryRun: boolean;
  /** RunningAgent.reload: applies the live keys, returns those that need a restart. */
  reload: (next: AgentConfig) => { needRestart: string[] };
  log: Logger;
}

/**
 * SIGHUP: the policy applies at once (state and evidence kept); other sections
 * need a restart and are reported as such. An invalid file, or any fault while
 * loading it, changes nothing: a typo must never stop a running agent (red
 * team 2026-12-06, finding 5: `site: *nope` plus SIGHUP killed it).
 */
export function reloadConfig(o: ReloadOptions): void {
  let needRestart: string[];
  try {
    const loaded = o.load();
    if (!loaded.ok) return o.log.error('reload-refused', { issues: loaded.issues });
    const next = loaded.config;
    if (o.dryRun) next.policy.mode = 'dry-run';
    ({ needRestart } = o.reload(next));
  } catch (err) {
    return o.log.error('reload-refused', { issues: [{ path: '', code: 'CONFIG_INTERNAL', message: errorMessage(err) }] });
  }
  o.log.info('reloaded', { policy: 'applied', needRestart });
}
