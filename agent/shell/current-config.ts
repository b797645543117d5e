import { wanSources, type AgentConfig, type WanSourceConfig } from '../config/types.js';
import { planReload } from '../config/reload-plan.js';
import type { PolicyConfig } from '../core/policy/config.js';
import { policyOf } from './decide/policy-config.js';

/**
 * The one owner of the configuration in force (issue 14): SIGHUP and
 * set-policy change it here, and status, health, the MQTT reports, the
 * presence gate and the command target read it here. Which keys apply at
 * once is declared in the schema (`x-reload`, agent/config/reload-plan.ts);
 * the others keep their start-up values until a restart.
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
    private readonly applyMetered?: (sources: readonly WanSourceConfig[]) => void,
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
   * Takes what the schema declares live from `next` at once; returns the other
   * top-level keys whose value differs from the one in force (they need a restart).
   */
  replace(next: AgentConfig): { needRestart: string[] } {
    // A metered WAN's settings are live inside flexvpn: flexvpn (whenSpent included, for the policy
    // too) is taken when nothing else of it changed, and otherwise keeps its start-up value.
    const plan = planReload(this.current, next);
    // The loop is told first: a policy it refuses (it throws) leaves the configuration as it was.
    const flexvpn = plan.value.flexvpn;
    const policy = policyOf(next.topology === 'failover' && flexvpn ? { ...next, flexvpn } : next);
    this.apply(policy);
    this.policyInForce = policy;
    if (plan.applied.includes('flexvpn')) this.applyMetered?.(wanSources(next));
    this.current = plan.value;
    return { needRestart: plan.needRestart };
  }
}
