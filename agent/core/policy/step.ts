import { absorb } from './absorb.js';
import type { PolicyConfig } from './config.js';
import { decide } from './decide.js';
import type { Observation, PolicyState, StepOutput, StepResult } from './types.js';

/**
 * The policy: a pure step from (state, observation, config, now) to a new
 * state, the actions for the router and the reports to tell, as data. No
 * I/O, no clock; the shell runs the actions and tells the reports.
 */
export function step(state: PolicyState, obs: Observation, cfg: PolicyConfig, nowMs: number): StepResult {
  const out: StepOutput = { actions: [], reports: [] };
  const absorbed = absorb(state, obs, cfg, nowMs, out);
  const decided = decide(absorbed, cfg, nowMs, out);
  return { state: decided, ...out };
}

/**
 * Several observations from one read (both WANs seen down in one `show ip
 * interface brief`) absorbed together, then one decision: deciding after each
 * would act on half of what the read said.
 */
export function stepMany(state: PolicyState, observations: readonly Observation[], cfg: PolicyConfig, nowMs: number): StepResult {
  const out: StepOutput = { actions: [], reports: [] };
  let s = state;
  for (const obs of observations) s = absorb(s, obs, cfg, nowMs, out);
  return { state: decide(s, cfg, nowMs, out), ...out };
}
