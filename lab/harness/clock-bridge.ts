import type { Clock as AgentClock } from '../../agent/ports/clock.js';
import type { Clock as LabClock } from '../world/clock.js';

/** The agent running on the lab's clock, so a scaled scenario runs both in step. */
export function agentClockFrom(lab: LabClock): AgentClock {
  return {
    now: () => lab.now(),
    setTimer(fn, ms) {
      const handle = lab.setTimer(ms, fn);
      return () => lab.clearTimer(handle);
    },
    sleep: (ms) => new Promise((resolve) => lab.setTimer(ms, resolve)),
  };
}
