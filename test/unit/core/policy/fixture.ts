import { DEFAULT_POLICY, type PolicyConfig } from '../../../../agent/core/policy/config.js';
import { step } from '../../../../agent/core/policy/step.js';
import { INITIAL_STATE, type Effect, type Observation, type PolicyState } from '../../../../agent/core/policy/types.js';

export const HUB1 = '192.0.2.1';
export const HUB2 = '192.0.2.2';
export const FIBRE = 'GigabitEthernet0/0';
export const LTE = 'Cellular0/1/0';

/** A dual-WAN dual-hub spoke: fibre preferred over LTE, hub 1 over hub 2. One SLA operation per path. */
export const CONFIG: PolicyConfig = {
  ...DEFAULT_POLICY,
  client: 'FLEX',
  candidates: [
    { id: 'fibre-hub1', peer: HUB1, source: FIBRE, slaOperations: [11] },
    { id: 'fibre-hub2', peer: HUB2, source: FIBRE, slaOperations: [12] },
    { id: 'lte-hub1', peer: HUB1, source: LTE, slaOperations: [21] },
    { id: 'lte-hub2', peer: HUB2, source: LTE, slaOperations: [22] },
  ],
  windowSamples: 5,
  minSamples: 3,
  failAfter: 2,
  recoverAfter: 3,
  preemptDelaySec: 300,
  minChangeIntervalSec: 10,
};

/** Drives the step function through a timeline, collecting every effect with its time. */
export class Run {
  state: PolicyState = INITIAL_STATE;
  effects: { atMs: number; effect: Effect }[] = [];
  nowMs = 0;
  constructor(readonly cfg: PolicyConfig = CONFIG) {}

  at(ms: number): this {
    this.nowMs = ms;
    return this;
  }

  see(obs: Observation): Effect[] {
    const r = step(this.state, obs, this.cfg, this.nowMs);
    this.state = r.state;
    // A decision is reported before the action it takes.
    const produced: Effect[] = [...r.reports, ...r.actions];
    for (const effect of produced) this.effects.push({ atMs: this.nowMs, effect });
    return produced;
  }

  /** One probe on each listed operation, as one read (rtt undefined = timeout). */
  probe(results: Record<number, number | undefined>): Effect[] {
    const samples = Object.entries(results).map(([op, rtt]) => ({
      operation: Number(op),
      answered: rtt !== undefined,
      ...(rtt !== undefined ? { rttMs: rtt } : {}),
    }));
    return this.see({ kind: 'sla-samples', samples });
  }

  /** `rounds` probe rounds, one every `everyMs`, all paths good unless `results` says otherwise. */
  rounds(rounds: number, everyMs: number, results: Record<number, number | undefined> = {}): this {
    for (let i = 0; i < rounds; i++) {
      this.at(this.nowMs + everyMs);
      this.probe({ 11: 20, 12: 25, 21: 60, 22: 65, ...results });
    }
    return this;
  }

  steers(): string[] {
    return this.effects.filter((e) => e.effect.kind === 'steer').map((e) => (e.effect as { candidate: string }).candidate);
  }

  decisions() {
    return this.effects.flatMap((e) => (e.effect.kind === 'decision' ? [e.effect.decision] : []));
  }
}

/** A run that has adopted fibre-hub1 with every path good. */
export function adoptedOnFibreHub1(cfg: PolicyConfig = CONFIG): Run {
  const run = new Run(cfg);
  run.rounds(3, 10_000);
  run.see({ kind: 'flexvpn', activePeer: HUB1, activeSource: FIBRE, peersActiveElsewhere: [] });
  return run;
}
