import { absorb } from './absorb.js';
import type { PolicyConfig } from './config.js';
import { decide } from './decide.js';
import type { Effect, Observation, PolicyState, StepResult } from './types.js';

/**
 * The policy: a pure step from (state, observation, config, now) to a new
 * state and effects as data. No I/O, no clock; the shell runs the effects.
 */
export function step(state: PolicyState, obs: Observation, cfg: PolicyConfig, nowMs: number): StepResult {
  const effects: Effect[] = [];
  const absorbed = absorb(state, obs, cfg, nowMs, effects);
  const decided = decide(absorbed, cfg, nowMs, effects);
  return { state: decided, effects };
}
