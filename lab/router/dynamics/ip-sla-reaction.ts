/**
 * IP SLA proactive threshold monitoring (`ip sla reaction-configuration`),
 * pure: a reaction's state and one run's value in, the next state and an
 * event out.
 *
 * IOS semantics (IP SLAs configuration guide, "Proactive Threshold
 * Monitoring"): a value above the upper threshold is a violation, one below
 * the lower threshold a clearing. `immediate` reacts on the first violation;
 * `consecutive N` after N violations in a row; `xofy X Y` when X of the last
 * Y runs violated; `average N` when the average of the last N values is above
 * the upper threshold; `never` watches but never reacts. Once the condition
 * has occurred it is cleared by the same rule applied to the lower threshold
 * (the first value below it for `immediate`). Events (timeout,
 * connectionLoss, verifyError) violate when they happen and clear when a run
 * completes without them.
 */
import { EVENT_ELEMENTS, type ReactionConfig, type ReactionElement, type ThresholdType } from '../ip-sla-config.js';
import { jitterAvg, spreadAvg } from './ip-sla-jitter.js';
import type { RunOutcome } from './ip-sla.js';

export interface ReactionState {
  occurred: boolean;
  /** The latest values, newest last (at most 16, IOS's largest count). */
  samples: number[];
}

export type ReactionEvent = 'occurred' | 'cleared';

const MAX_SAMPLES = 16;

export function newReactionState(): ReactionState {
  return { occurred: false, samples: [] };
}

/** The element's value for one run; undefined when the run has none (no RTT after a Timeout). */
export function elementValue(element: ReactionElement, outcome: RunOutcome): number | undefined {
  const j = outcome.jitter;
  switch (element) {
    case 'timeout':
      return outcome.code === 'timeout' ? 1 : 0;
    case 'connectionLoss':
      return outcome.connectionLost ? 1 : 0;
    case 'verifyError':
      return 0;
    case 'rtt':
      return outcome.rttMs;
    case 'jitterAvg':
      return j && j.jitterSd.count + j.jitterDs.count > 0 ? jitterAvg(j) : undefined;
    case 'jitterSDAvg':
      return j && j.jitterSd.count > 0 ? spreadAvg(j.jitterSd) : undefined;
    case 'jitterDSAvg':
      return j && j.jitterDs.count > 0 ? spreadAvg(j.jitterDs) : undefined;
    case 'packetLossSD':
      return j?.lossSd;
    case 'packetLossDS':
      return j?.lossDs;
  }
}

/** Whether the rule of `type` holds over `samples` for `test`. */
function holds(type: ThresholdType, samples: readonly number[], test: (v: number) => boolean): boolean {
  const last = (n: number) => samples.slice(-n);
  switch (type.kind) {
    case 'never':
      return false;
    case 'immediate':
      return samples.length > 0 && test(samples[samples.length - 1]!);
    case 'consecutive':
      return samples.length >= type.occurrences && last(type.occurrences).every(test);
    case 'xofy':
      return last(type.y).filter(test).length >= type.x;
    case 'average': {
      if (samples.length < type.measurements) return false;
      const window = last(type.measurements);
      return test(window.reduce((a, b) => a + b, 0) / window.length);
    }
  }
}

/** One run's value through a reaction. */
export function stepReaction(
  cfg: ReactionConfig,
  state: ReactionState,
  value: number | undefined,
): { state: ReactionState; event?: ReactionEvent } {
  if (value === undefined) return { state };
  const samples = [...state.samples, value].slice(-MAX_SAMPLES);
  // An event element is 1 when it happened: it violates above 1/2 and clears below it.
  const event = EVENT_ELEMENTS.has(cfg.element);
  const over = (v: number) => v > (event ? 0.5 : cfg.upper);
  const under = (v: number) => v < (event ? 0.5 : cfg.lower);
  if (!state.occurred && holds(cfg.thresholdType, samples, over)) return { state: { occurred: true, samples }, event: 'occurred' };
  if (state.occurred && holds(cfg.thresholdType, samples, under)) return { state: { occurred: false, samples }, event: 'cleared' };
  return { state: { occurred: state.occurred, samples } };
}

export function sendsTrap(cfg: ReactionConfig): boolean {
  return cfg.action === 'trapOnly' || cfg.action === 'trapAndTrigger';
}

export function triggers(cfg: ReactionConfig): boolean {
  return cfg.action === 'triggerOnly' || cfg.action === 'trapAndTrigger';
}
