import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type PolicyConfig } from '../../../../agent/core/policy/config.js';
import { step } from '../../../../agent/core/policy/step.js';
import { INITIAL_STATE, type Observation, type PolicyState } from '../../../../agent/core/policy/types.js';
import { CANDIDATES, H1, H2 } from './fixture.js';

/** A dual-cloud spoke's policy: a hub whose latest probes all breach is bad at once (policyOf sets this). */
const cfg: PolicyConfig = { ...DEFAULT_POLICY, client: '', candidates: CANDIDATES, clearStaleSa: false, failOnSustainedBreach: true };
/** One read of the probes: hub 1's (operation 41) as given, hub 2's (42) clean. */
const hub1Probe = (rttMs: number | undefined, packets?: { sent: number; lost: number }): Observation => ({
  kind: 'sla-samples',
  samples: [
    { operation: 41, answered: rttMs !== undefined, ...(rttMs !== undefined ? { rttMs } : {}), ...(packets ? { packets } : {}) },
    { operation: 42, answered: true, rttMs: 25 },
  ],
});
const clean = hub1Probe(20);
/** Hub 1's probe as a jitter run of 50 packets, `lost` of them lost. */
const hub1Run = (lost: number) => hub1Probe(lost < 50 ? 20 : undefined, { sent: 50, lost });
const onHub1: Observation = { kind: 'flexvpn', activePeer: H1, activeSource: 'Tunnel1', peersActiveElsewhere: [] };
const toHub2 = { kind: 'steer', candidate: 'hub2', peer: H2, source: 'Tunnel2' };

/** Eight clean reads, the router on hub 1, then `reads` fed one by one: the verdict and actions after each. */
function play(reads: Observation[], policy: PolicyConfig = cfg) {
  let s: PolicyState = INITIAL_STATE;
  let now = 0;
  for (let i = 0; i < 8; i++) s = step(s, hub1Run(0), policy, (now += 3000)).state;
  s = step(s, onHub1, policy, (now += 1000)).state;
  return reads.map((o) => {
    const r = step(s, o, policy, (now += 3000));
    s = r.state;
    return { verdict: s.health.hub1!.verdict, cause: s.health.hub1!.cause, actions: r.actions };
  });
}

describe('a dual-cloud hub whose latest probes all breach is bad at once, with no router track', () => {
  it('two slow echoes in a row: bad at the second, a sustained quality breach, and the steer away', () => {
    const after = play([hub1Probe(400), hub1Probe(380)]);
    expect(after[0]).toMatchObject({ verdict: 'good', actions: [] });
    expect(after[1]).toMatchObject({
      verdict: 'bad',
      cause: { kind: 'quality', sustained: true, breaches: [{ metric: 'rttMs', value: 380, threshold: DEFAULT_POLICY.fail.rttMs }] },
      actions: [toHub2],
    });
  });

  it('without failOnSustainedBreach (the failover design) the window decides: two slow probes of ten move nothing', () => {
    const after = play([hub1Probe(400), hub1Probe(380)], { ...cfg, failOnSustainedBreach: false });
    expect(after.map((a) => a.verdict)).toEqual(['good', 'good']);
  });

  it('a slow echo between fast ones is a spike, not a breach', () => {
    expect(play([hub1Probe(400), hub1Probe(20), hub1Probe(400)]).map((a) => a.verdict)).toEqual(['good', 'good', 'good']);
  });

  it('loss: four lossy runs in a row are not enough alone, the fifth is', () => {
    const after = play([hub1Run(15), hub1Run(16), hub1Run(15), hub1Run(14), hub1Run(15)]);
    expect(after.map((a) => a.verdict)).toEqual(['good', 'good', 'good', 'good', 'bad']);
    expect(after[4]!.cause).toEqual({
      kind: 'quality',
      sustained: true,
      breaches: [{ metric: 'lossPct', value: 30, threshold: DEFAULT_POLICY.fail.lossPct }],
    });
  });

  it('a run of 50 that lost every packet: bad at once', () => {
    const after = play([hub1Run(50)]);
    expect(after[0]).toMatchObject({ verdict: 'bad', cause: { kind: 'quality', sustained: true }, actions: [toHub2] });
  });

  it('a hub it condemned is judged on probes since: the clean ones from before do not bring it back while it stays slow', () => {
    const slow = Array.from({ length: 10 }, (_, i) => hub1Probe(380 + i));
    const after = play([...slow, ...Array.from({ length: 8 }, () => clean)]);
    // Eight clean probes before the fault: the whole window's median would have called it recovered by the fifth slow one.
    expect(after.slice(1, 10).every((a) => a.verdict === 'bad')).toBe(true);
    expect(after.at(-1)!.verdict).toBe('good');
  });
});
