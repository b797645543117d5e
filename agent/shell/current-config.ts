import type { AgentConfig } from '../config/types.js';
import { LIVE_KEYS } from '../config/schema.js';
import type { PolicyConfig } from '../core/policy/config.js';
import { policyOf } from './policy-config.js';

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

  /** `apply` hands a new policy to the decision loop (DecisionLoop.reconfigure). */
  constructor(initial: AgentConfig, private readonly apply: (policy: PolicyConfig) => void) {
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
    // The loop is told first: a policy it refuses (it throws) leaves the configuration as it was.
    const policy = policyOf(next);
    this.apply(policy);
    this.policyInForce = policy;
    const was = this.current;
    const live = Object.fromEntries(LIVE_KEYS.map((k) => [k, next[k]])) as Pick<AgentConfig, (typeof LIVE_KEYS)[number]>;
    this.current = { ...was, ...live };
    const needRestart = (Object.keys(next) as (keyof AgentConfig)[])
      .filter((k) => !(LIVE_KEYS as readonly string[]).includes(k) && JSON.stringify(next[k]) !== JSON.stringify(was[k]));
    return { needRestart };
  }
}
