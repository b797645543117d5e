import { readFileSync } from 'node:fs';
import { labDataPath } from '../lab-data.js';
import type { ClassLevel, ServiceLevel } from '../scenario/schema.js';

/** Who steers the tunnel in a failover run, and on which router configuration. */
export interface Arm {
  name: string;
  /** The router configuration file under lab/baselines/. */
  baseline: string;
  /** The agent runs on top of the configuration. */
  agent: boolean;
  /** The LTE is metered (issue 19): the agent is told so (`flexvpn.sources[].metered`). */
  metered?: boolean;
  /** The metered LTE's budget the agent is given (`2GB` unless said): a tiny one is spent before the scenario starts. */
  meteredBudget?: string;
  /** The agent is given the scenario's classes and the router's operations marked for them (issue 19). */
  classes?: boolean;
}

/** The three arms of the failover bench; variants of ios-tuned run on request. */
export const ARMS: readonly Arm[] = [
  { name: 'ios-minimal', baseline: 'ios-minimal.ios', agent: false },
  { name: 'ios-tuned', baseline: 'ios-tuned.ios', agent: false },
  { name: 'agent', baseline: 'agent-on-ios-tuned.ios', agent: true },
];

/**
 * A metered LTE (issue 19, bench/support/metered-bench.ts): ios-tuned with the
 * LTE's probes slowed as an engineer would for a monthly cap, and the agent
 * layered on it, told the LTE is metered.
 */
export const METERED_ARMS: readonly Arm[] = [
  { name: 'ios-tuned-metered', baseline: 'ios-tuned-metered.ios', agent: false, metered: true },
  { name: 'agent-on-metered', baseline: 'agent-on-ios-tuned-metered.ios', agent: true, metered: true },
];

/**
 * Service-level classes (issue 19, bench/support/classes-bench.ts): the failover bench's three
 * arms for a voice class. ios-tuned-classes is ios-tuned with what an engineer adds for voice:
 * per-path udp-jitter operations marked EF (`tos 184`) judged by proactive threshold monitoring
 * against the voice level, EEM stubs in the path tracks; the agent is layered on it, given the classes.
 */
export const CLASS_ARMS: readonly Arm[] = [
  { name: 'ios-minimal', baseline: 'ios-minimal.ios', agent: false },
  { name: 'ios-tuned-classes', baseline: 'ios-tuned-classes.ios', agent: false },
  { name: 'agent-on-classes', baseline: 'agent-on-ios-tuned-classes.ios', agent: true, classes: true },
  // The agent alone judges voice: the EF operations are on the router, its tracks ignore them.
  { name: 'agent-on-class-probes', baseline: 'agent-on-class-probes.ios', agent: true, classes: true },
];

/**
 * The LTE's budget spent when the fibre degrades (issue 19): ios-tuned-metered, which knows
 * nothing of budgets, the agent layered on it with budget to spare, and with a budget the
 * warm-up already spent: 2 kB, which the LTE's standby probes (about 45 B/s) use up some 45 s
 * after the agent starts, counted at its interface reads. 10 kB, as it was, lasted until
 * 100 s into the scenario, after the fault: an agent judging the fibre faster took the LTE
 * while the budget was not yet spent.
 */
export const SPENT_BUDGET_ARMS: readonly Arm[] = [
  ...METERED_ARMS,
  { name: 'agent-budget-spent', baseline: 'agent-on-ios-tuned-metered.ios', agent: true, metered: true, meteredBudget: '2kB' },
];

/**
 * Other configurations tried for ios-tuned (`SPOKEPILOT_BENCH_ARMS` runs
 * them): the bench publishes their figures too, so that nobody can say the
 * baseline was weakened. What each one changes, and its figures, are in
 * lab/baselines/VARIANTS.md.
 */
export const TUNED_VARIANTS: readonly Arm[] = [
  ...['reaction', 'anchors', 'eem-clear', 'dampening', 'combined'].map((what) => ({
    name: `ios-tuned-${what}`,
    baseline: `ios-tuned-${what}.ios`,
    agent: false,
  })),
  // The agent layered on the strongest variant, as `agent` is on ios-tuned.
  { name: 'agent-on-combined', baseline: 'agent-on-ios-tuned-combined.ios', agent: true },
];

/**
 * The arm's router configuration for a scenario's service level: the file's
 * `{{latency}}`, `{{loss}}` and `{{jitter}}` filled in, so IOS judges paths
 * against the same level the agent is given and the meter measures.
 */
export function baselineConfig(file: string, level: ServiceLevel, classes: readonly ClassLevel[] = []): string {
  return fillServiceLevel(readFileSync(labDataPath(`baselines/${file}`), 'utf8'), level, file, classes);
}

/** Also `{{voice_loss}}`, `{{voice_latency}}`, `{{voice_jitter}}` for each class of the scenario. */
export function fillServiceLevel(text: string, level: ServiceLevel, file: string, classes: readonly ClassLevel[] = []): string {
  // loss_in_50: the level's loss as packets of a 50-packet jitter run (IP SLA's loss thresholds count packets).
  const values: Record<string, number> = {
    latency: level.latencyMs,
    loss: level.lossPct,
    jitter: level.jitterMs,
    loss_in_50: (level.lossPct * 50) / 100,
  };
  for (const k of classes)
    Object.assign(values, { [`${k.name}_loss`]: k.lossPct, [`${k.name}_latency`]: k.latencyMs, [`${k.name}_jitter`]: k.jitterMs });
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`${file}: unknown placeholder ${whole} (known: ${Object.keys(values).join(', ')})`);
    return String(Math.round(v));
  });
}

export function armByName(name: string, extra: readonly Arm[] = []): Arm {
  const arm = [...ARMS, ...extra].find((a) => a.name === name);
  if (!arm) throw new Error(`unknown arm "${name}" (known: ${[...ARMS, ...extra].map((a) => a.name).join(', ')})`);
  return arm;
}
