import type { AgentConfig } from '../config/types.js';
import { LIVE_KEYS } from '../config/schema.js';
import type { PolicyConfig } from '../core/policy/config.js';
import { policyOf } from './decide/policy-config.js';

/**
 * The one owner of the configuration in force (issue 14): SIGHUP and
 * set-policy change it here, and status, health, the MQTT reports, the
 * presence gate and the command target read it here. The keys that apply at
 * once are declared beside the schema (LIVE_KEYS); the others keep their
 * start-up values until a restart.
 */
export class CurrentConfig {
  private current: AgentConfig;
  private policyInForce: PolicyConfig;

  /**
   * `apply` hands a new policy to the decision loop (DecisionLoop.reconfigure); `applyMetered`
   * hands new metered settings to the accounting (budgets, billing days, thresholds, whenSpent).
   */
  constructor(
    initial: AgentConfig,
    private readonly apply: (policy: PolicyConfig) => void,
    private readonly applyMetered?: (sources: AgentConfig['flexvpn']['sources']) => void,
  ) {
    this.current = initial;
    this.policyInForce = policyOf(initial);
  }

  get value(): AgentConfig {
    return this.current;
  }

  /** The policy the decision loop runs (the file's policy section with the candidates and client it names). */
  get policy(): PolicyConfig {
    return this.policyInForce;
  }

  get mode(): PolicyConfig['mode'] {
    return this.policyInForce.mode;
  }

  /**
   * Takes the live keys of `next` at once; returns the other top-level keys
   * whose value differs from the one in force (they need a restart).
   */
  replace(next: AgentConfig): { needRestart: string[] } {
    const was = this.current;
    // A metered WAN's settings apply at once when nothing else of flexvpn changed; otherwise flexvpn
    // (whenSpent included) keeps its start-up value, for the policy too.
    const meteredLive = onlyMeteredSettingsDiffer(was.flexvpn, next.flexvpn);
    const flexvpn = meteredLive ? next.flexvpn : was.flexvpn;
    // The loop is told first: a policy it refuses (it throws) leaves the configuration as it was.
    const policy = policyOf({ ...next, flexvpn });
    this.apply(policy);
    this.policyInForce = policy;
    if (meteredLive && JSON.stringify(was.flexvpn) !== JSON.stringify(next.flexvpn)) this.applyMetered?.(next.flexvpn.sources);
    const live = Object.fromEntries(LIVE_KEYS.map((k) => [k, next[k]])) as Pick<AgentConfig, (typeof LIVE_KEYS)[number]>;
    this.current = { ...was, ...live, flexvpn };
    const needRestart = (Object.keys(next) as (keyof AgentConfig)[]).filter(
      (k) => !(LIVE_KEYS as readonly string[]).includes(k) && JSON.stringify(next[k]) !== JSON.stringify(this.current[k]),
    );
    return { needRestart };
  }
}

/**
 * The two flexvpn sections differ at most in settings of metered WANs that the accounting and the
 * policy take at once: budget, billing day, thresholds, whenSpent. Which WANs are metered and their
 * full-rate operations (the prober's, matched by the router's configuration) need a restart.
 */
export function onlyMeteredSettingsDiffer(a: AgentConfig['flexvpn'], b: AgentConfig['flexvpn']): boolean {
  const structure = (f: AgentConfig['flexvpn']) =>
    JSON.stringify({
      ...f,
      sources: f.sources.map((s) => ({ ...s, metered: s.metered ? { fullRateOperations: s.metered.fullRateOperations } : undefined })),
    });
  return structure(a) === structure(b);
}
