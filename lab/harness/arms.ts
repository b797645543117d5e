import { readFileSync } from 'node:fs';
import { labDataPath } from '../lab-data.js';
import type { ServiceLevel } from '../scenario/schema.js';

/** Who steers the tunnel in a failover run, and on which router configuration. */
export interface Arm {
  name: string;
  /** The router configuration file under lab/baselines/. */
  baseline: string;
  /** The agent runs on top of the configuration. */
  agent: boolean;
  /** The LTE is metered (issue 19): the agent is told so (`flexvpn.sources[].metered`). */
  metered?: boolean;
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
export function baselineConfig(file: string, level: ServiceLevel): string {
  return fillServiceLevel(readFileSync(labDataPath(`baselines/${file}`), 'utf8'), level, file);
}

export function fillServiceLevel(text: string, level: ServiceLevel, file: string): string {
  const values: Record<string, number> = { latency: level.latencyMs, loss: level.lossPct, jitter: level.jitterMs };
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
