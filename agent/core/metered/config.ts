/** A metered WAN's settings (agent/config validates them; `flexvpn.sources[].metered`). */

/**
 * When the period's budget is spent: `hard-failure-only` moves the tunnel to
 * the metered WAN only when every other path has failed hard (link down or
 * unreachable), never for mere loss or latency; `ignore` goes on as if it were
 * not metered (the budget is still counted and reported).
 */
export type WhenSpent = 'hard-failure-only' | 'ignore';

export interface MeteredConfig {
  /** Bytes allowed per billing period, both directions (normalised from `2GB`). */
  budget: number;
  /** Day of the month (1-28, so every month has it) a billing period starts, at 00:00 UTC. */
  billingDay: number;
  /** Percentages of the budget at which an event is raised, once per period each, ascending. */
  thresholdsPct: readonly number[];
  whenSpent: WhenSpent;
  /**
   * IP SLA operations on this WAN that probe at full rate, configured on the router but not
   * scheduled: the agent schedules them only while the WAN carries the tunnel or the path in
   * use degrades, and stops them in standby (agent/core/metered/probing.ts). Empty: no
   * adaptive probing (the WAN's own slow operations run as configured).
   */
  fullRateOperations: readonly number[];
}

export const DEFAULT_THRESHOLDS_PCT: readonly number[] = [50, 80, 100];
