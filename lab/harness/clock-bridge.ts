import type { Clock as AgentClock } from '../../agent/ports/clock.js';
import type { Clock as LabClock } from '../world/clock.js';

/**
 * The agent running on the lab's clock, so a scaled scenario runs both in step.
 * The lab and the agent share one Clock shape now (agent/ports/clock.ts), so
 * this is the clock itself; kept so callers need no change.
 */
export function agentClockFrom(lab: LabClock): AgentClock {
  return lab;
}
