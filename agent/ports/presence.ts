/**
 * The agent's presence as the router sees it: the router's layered
 * configuration probes a TCP port of the agent (IP SLA `tcp-connect`) and
 * gives the agent's stub tracks effect only while that probe connects. The
 * agent accepts connections only while it is in control (enforcing, seeing
 * the router, its tracks as it meant them), so a dead, blind or dry-run agent
 * leaves IOS deciding alone, as ios-tuned would.
 */
export interface PresencePort {
  /** Accepts connections (true) or refuses them (false). Idempotent; never throws (failures are logged by the adapter). */
  set(present: boolean): Promise<void>;
  close(): Promise<void>;
}
