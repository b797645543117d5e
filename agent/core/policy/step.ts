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

/**
 * Several observations from one read (both WANs seen down in one `show ip
 * interface brief`) absorbed together, then one decision: deciding after each
 * would act on half of what the read said.
 */
export function stepMany(state: PolicyState, observations: readonly Observation[], cfg: PolicyConfig, nowMs: number): StepResult {
  const effects: Effect[] = [];
  let s = state;
  for (const obs of observations) s = absorb(s, obs, cfg, nowMs, effects);
  return { state: decide(s, cfg, nowMs, effects), effects };
}
