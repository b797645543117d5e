import { wanSources, type AgentConfig } from '../../config/types.js';
import type { PolicyConfig } from '../../core/policy/config.js';

/** The policy's slice of the agent configuration: modules get only their slice. */
export function policyOf(c: AgentConfig): PolicyConfig {
  const metered = Object.fromEntries(wanSources(c).flatMap((s) => (s.metered ? [[s.interface, s.metered.whenSpent] as const] : [])));
  return {
    // A dual-cloud spoke has no client block and no probes through a client's tunnel.
    ...(c.flexvpn ? { client: c.flexvpn.client, tunnelSlaOperations: c.flexvpn.tunnelSlaOperations } : {}),
    candidates: c.candidates,
    ...c.policy,
    ...(Object.keys(metered).length > 0 ? { metered } : {}),
    // Dual-cloud: each hub keeps its tunnel and SA whatever BGP prefers; there is no stale SA to clear.
    // A hub whose latest probes all breach is bad at once, with or without a router track saying so.
    ...(c.topology === 'dual-cloud' ? { clearStaleSa: false, failOnSustainedBreach: true } : {}),
  };
}

/**
 * A `set-policy` document laid over the policy in force: what it names
 * changes, everything else stays (nested sections merge key by key). Laid over
 * nothing, a partial policy reset every other setting to its default.
 */
export function mergePolicy(inForce: AgentConfig['policy'], patch: Record<string, unknown>): Record<string, unknown> {
  return mergeObjects(inForce, patch);
}

function mergeObjects(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    const b = base[k];
    out[k] = isPlainObject(v) && isPlainObject(b) ? mergeObjects(b, v) : v;
  }
  return out;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
