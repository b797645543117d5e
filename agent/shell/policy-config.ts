import type { AgentConfig } from '../config/types.js';
import type { PolicyConfig } from '../core/policy/config.js';

/** The policy's slice of the agent configuration: modules get only their slice. */
export function policyOf(c: AgentConfig): PolicyConfig {
  return { client: c.flexvpn.client, candidates: c.candidates, ...c.policy };
}
