import type { AgentConfig } from '../config/types.js';
import type { ConfigResult } from '../config/validate.js';
import type { PolicyConfig } from '../core/policy/config.js';
import type { Logger } from '../ports/logger.js';
import { policyOf } from '../shell/policy-config.js';

export interface ReloadOptions {
  /** Reads and validates the file again (loadConfigFile). */
  load: () => ConfigResult;
  /** The configuration the agent runs with: sections other than the policy apply only at restart. */
  running: AgentConfig;
  dryRun: boolean;
  reconfigure: (policy: PolicyConfig) => void;
  log: Logger;
}

/**
 * SIGHUP: the policy applies at once (state and evidence kept); other sections
 * need a restart and are reported as such. An invalid file, or any fault while
 * loading it, changes nothing: a typo must never stop a running agent (red
 * team 2026-12-06, finding 5: `site: *nope` plus SIGHUP killed it).
 */
export function reloadConfig(o: ReloadOptions): void {
  let next: AgentConfig;
  try {
    const loaded = o.load();
    if (!loaded.ok) return o.log.error('reload-refused', { issues: loaded.issues });
    next = loaded.config;
    if (o.dryRun) next.policy.mode = 'dry-run';
    o.reconfigure(policyOf(next));
  } catch (err) {
    return o.log.error('reload-refused', { issues: [{ path: '', code: 'CONFIG_INTERNAL', message: (err as Error)?.message ?? String(err) }] });
  }
  const { policy: _p, ...rest } = next;
  const { policy: _q, ...was } = o.running;
  const needRestart = Object.keys(rest).filter((k) => JSON.stringify(rest[k as keyof typeof rest]) !== JSON.stringify(was[k as keyof typeof was]));
  o.log.info('reloaded', { policy: 'applied', needRestart });
}
