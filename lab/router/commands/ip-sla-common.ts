/** What the IP SLA command files share: the operation number, the operation sub-modes, IOS's refusals. */
import { CliError, type Mode } from '../../cli/grammar.js';
import type { IpSlaConfig } from '../config-model.js';

export const SLA_ID = { kind: 'number', name: 'operation', min: 1, max: 2147483647 } as const;

/** The sub-modes IOS enters per operation type (the prompt's `config-ip-sla-echo`, `-icmpjitter`, `-jitter`). */
export const OPERATION_MODES: readonly Mode[] = ['config-ip-sla-echo', 'config-ip-sla-icmpjitter', 'config-ip-sla-jitter'];

/**
 * IOS documents that the timeout must be at least the threshold. The lab
 * refuses to schedule an operation whose threshold is above its timeout; a
 * `threshold` line is not refused as it is typed, since IOS writes
 * `threshold` before `timeout` in the running configuration and that order
 * must load back, and a `timeout` below the threshold lowers the threshold
 * with it. The wording is the lab's (no IOS capture of this refusal was found).
 */
export const THRESHOLD_OVER_TIMEOUT = '%Threshold value must be less than or equal to the timeout value';

/** IOS: an operation's type and target are fixed once set; anything else is a new operation. */
export function refuseRetype(existing: IpSlaConfig | undefined, same: (cfg: IpSlaConfig) => boolean): void {
  const typed = existing && (existing.icmpEcho ?? existing.icmpJitter ?? existing.udpJitter);
  if (typed && !same(existing)) throw new CliError(['%Cannot change the type or target of an existing entry; delete it first']);
}

export function hasOperationType(cfg: IpSlaConfig | undefined): cfg is IpSlaConfig {
  return cfg !== undefined && (cfg.icmpEcho ?? cfg.icmpJitter ?? cfg.udpJitter) !== undefined;
}
