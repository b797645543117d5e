import { describe, expect, it } from 'vitest';
import type { DualCloudConfig } from '../../../../agent/core/dual-cloud/config.js';
import { hubTracksDown } from '../../../../agent/core/dual-cloud/observe.js';
import { DEFAULT_POLICY, type PolicyConfig } from '../../../../agent/core/policy/config.js';
import { step } from '../../../../agent/core/policy/step.js';
import { INITIAL_STATE, type Observation, type PolicyState } from '../../../../agent/core/policy/types.js';
import { CANDIDATES, DC as FIXTURE, H1, H2 } from './fixture.js';

const DC: DualCloudConfig = { ...FIXTURE, hubs: [{ ...FIXTURE.hubs[0]!, qualityTrack: 141 }, FIXTURE.hubs[1]!] };
const TRUSTED: DualCloudConfig = { ...DC, hubs: [{ ...DC.hubs[0]!, qualityTrackDown: 'trust' }, DC.hubs[1]!] };
const cfg: PolicyConfig = {
  ...DEFAULT_POLICY,
  client: '',
  candidates: CANDIDATES,
  clearStaleSa: false,
};
/** One read of the probes: hub 1's probe (operation 41) as given, hub 2's (42) clean. */
const hub1Probe = (rttMs: number, packets?: { sent: number; lost: number }): Observation => ({
  kind: 'sla-samples',
  samples: [
    { operation: 41, answered: true, rttMs, ...(packets ? { packets } : {}) },
    { operation: 42, answered: true, rttMs: 25 },
  ],
});
const clean = hub1Probe(20);
/** Hub 1's probe as a jitter run of 50 packets, `lost` of them lost. */
const hub1Run = (lost: number) => hub1Probe(20, { sent: 50, lost });
const onHub = (peer: string, source: string): Observation => ({
  kind: 'flexvpn',
  activePeer: peer,
  activeSource: source,
  peersActiveElsewhere: [],
});

describe("the router's quality track per hub (dualCloud.hubs[].qualityTrack)", () => {
  it.each([
    { rows: [{ id: 141, state: 'down' as const }], down: [{ peer: H1, track: 141 }] },
    { rows: [{ id: 141, state: 'up' as const }], down: [] },
    // A track the read did not return says nothing; a track no hub names is not the agent's.
    { rows: [], down: [] },
    { rows: [{ id: 142, state: 'down' as const }], down: [] },
  ])('show track brief $rows -> hubs down $down', ({ rows, down }) => {
    expect(hubTracksDown(DC, rows)).toEqual(down);
  });

  it('a hub whose track is trusted (qualityTrackDown: trust) says so', () => {
    expect(hubTracksDown(TRUSTED, [{ id: 141, state: 'down' }])).toEqual([{ peer: H1, track: 141, trusted: true }]);
  });

  it('going Down with clean probes: not acted on, noted as unconfirmed; the runs that follow confirm it', () => {
    let s: PolicyState = INITIAL_STATE;
    let now = 0;
    const feed = (o: Observation, dtMs: number) => step(s, o, cfg, (now += dtMs));
    for (let i = 0; i < 8; i++) s = feed(hub1Run(0), 3000).state;
    s = feed(onHub(H1, 'Tunnel1'), 1000).state;

    const down = feed({ kind: 'hub-tracks', down: [{ peer: H1, track: 141 }] }, 1000);
    expect(down.state.health.hub1).toMatchObject({ verdict: 'good', trackUnconfirmed: 141 });
    expect(down.actions).toEqual([]);
    s = down.state;
    // A burst in one run, as trips IP SLA's `average 3`: the runs around it are clean, nothing moves.
    s = feed(hub1Run(25), 3000).state;
    s = feed(hub1Run(0), 3000).state;
    expect(s.health.hub1).toMatchObject({ verdict: 'good', trackUnconfirmed: 141 });
    // Loss in every run: the third lossy run in a row (above 20 % here) confirms the track.
    s = feed(hub1Run(15), 3000).state;
    s = feed(hub1Run(16), 3000).state;
    expect(s.health.hub1?.verdict).toBe('good');
    const confirmed = feed(hub1Run(15), 3000);
    expect(confirmed.state.health.hub1).toMatchObject({
      verdict: 'bad',
      cause: {
        kind: 'router-track-down',
        track: 141,
        confirmedBy: [{ metric: 'lossPct', value: 30.67, threshold: DEFAULT_POLICY.fail.lossPct }],
      },
    });
    expect(confirmed.state.health.hub1?.trackUnconfirmed).toBeUndefined();
    expect(confirmed.actions).toEqual([{ kind: 'steer', candidate: 'hub2', peer: H2, source: 'Tunnel2' }]);
  });

  it("a trusted track condemns its hub once: the agent's windows bring it back while the track is still Down", () => {
    let s: PolicyState = INITIAL_STATE;
    let now = 0;
    const feed = (o: Observation, dtMs: number) => step(s, o, cfg, (now += dtMs));
    for (let i = 0; i < 3; i++) s = feed(clean, 3000).state;
    s = feed({ kind: 'hub-tracks', down: [{ peer: H1, track: 141, trusted: true }] }, 1000).state;
    expect(s.health.hub1?.verdict).toBe('bad');
    const verdicts: string[] = [];
    for (let i = 0; i < 8; i++) {
      s = feed(clean, 3000).state;
      s = feed({ kind: 'hub-tracks', down: [{ peer: H1, track: 141, trusted: true }] }, 100).state;
      verdicts.push(s.health.hub1!.verdict);
    }
    // Good once three probes since the Down and three clean evaluations say so, and it stays good.
    expect(verdicts).toEqual(['bad', 'bad', 'bad', 'bad', 'good', 'good', 'good', 'good']);
  });

  it('an unconfirmed track that comes back Up leaves no note behind', () => {
    let s: PolicyState = INITIAL_STATE;
    let now = 0;
    const feed = (o: Observation, dtMs: number) => step(s, o, cfg, (now += dtMs));
    for (let i = 0; i < 3; i++) s = feed(clean, 3000).state;
    s = feed({ kind: 'hub-tracks', down: [{ peer: H1, track: 141 }] }, 1000).state;
    expect(s.health.hub1).toMatchObject({ verdict: 'good', trackUnconfirmed: 141 });
    s = feed({ kind: 'hub-tracks', down: [] }, 1000).state;
    expect(s.health.hub1).toMatchObject({ verdict: 'good' });
    expect(s.health.hub1).not.toHaveProperty('trackUnconfirmed');
  });

  it('going Down when the last two RTTs are over the level: bad at the read of the track', () => {
    let s: PolicyState = INITIAL_STATE;
    let now = 0;
    const feed = (o: Observation, dtMs: number) => step(s, o, cfg, (now += dtMs));
    const slow = hub1Probe(400);
    for (let i = 0; i < 8; i++) s = feed(clean, 3000).state;
    s = feed(onHub(H1, 'Tunnel1'), 1000).state;
    s = feed(slow, 3000).state;
    s = feed(slow, 3000).state;
    // Two slow probes among ten: the window's median is still clean, so the agent alone waits.
    expect(s.health.hub1?.verdict).toBe('good');
    const down = feed({ kind: 'hub-tracks', down: [{ peer: H1, track: 141 }] }, 1000);
    expect(down.state.health.hub1).toMatchObject({
      verdict: 'bad',
      cause: {
        kind: 'router-track-down',
        track: 141,
        confirmedBy: [{ metric: 'rttMs', value: 400, threshold: DEFAULT_POLICY.fail.rttMs }],
      },
    });
    expect(down.actions).toEqual([{ kind: 'steer', candidate: 'hub2', peer: H2, source: 'Tunnel2' }]);
  });

  it('a trusted track going Down: the hub is bad at once (router-track-down) while its probes are clean; back only after the preemption delay', () => {
    let s: PolicyState = INITIAL_STATE;
    let now = 0;
    const feed = (o: Observation, dtMs: number) => step(s, o, cfg, (now += dtMs));
    for (let i = 0; i < 3; i++) s = feed(clean, 3000).state;
    s = feed(onHub(H1, 'Tunnel1'), 1000).state;
    expect(s.selected).toBe('hub1');

    const down = feed({ kind: 'hub-tracks', down: [{ peer: H1, track: 141, trusted: true }] }, 1000);
    expect(down.state.health.hub1).toMatchObject({ verdict: 'bad', cause: { kind: 'router-track-down', track: 141 } });
    expect(down.state.health.hub1?.cause).not.toHaveProperty('confirmedBy');
    expect(down.actions).toEqual([{ kind: 'steer', candidate: 'hub2', peer: H2, source: 'Tunnel2' }]);
    s = down.state;
    s = feed(onHub(H2, 'Tunnel2'), 1000).state;
    // Still Down on the next read: nothing new (no second verdict, no action).
    const again = feed({ kind: 'hub-tracks', down: [{ peer: H1, track: 141, trusted: true }] }, 1000);
    expect(again.state).toBe(s);
    expect(again.actions).toEqual([]);
    const downAtMs = now;

    // The track's `delay up` is IOS's: the hub comes back on the agent's windows, and traffic only after the preemption delay.
    s = feed({ kind: 'hub-tracks', down: [] }, 1000).state;
    const steers: { atMs: number; candidate: string }[] = [];
    while (now - downAtMs < (cfg.preemptDelaySec + 30) * 1000) {
      const r = feed(clean, 3000);
      for (const a of r.actions) if (a.kind === 'steer') steers.push({ atMs: now - downAtMs, candidate: a.candidate });
      s = r.state;
      if (steers.length > 0) break;
    }
    expect(s.health.hub1?.verdict).toBe('good');
    expect(steers).toHaveLength(1);
    expect(steers[0]!.candidate).toBe('hub1');
    expect(steers[0]!.atMs).toBeGreaterThanOrEqual(cfg.preemptDelaySec * 1000 - 3000);
  });

  it('while Down, the hub is judged only on probes since: a window still mostly from before does not bring it back', () => {
    let s: PolicyState = INITIAL_STATE;
    let now = 0;
    const feed = (o: Observation, dtMs: number) => step(s, o, cfg, (now += dtMs));
    for (let i = 0; i < 8; i++) s = feed(clean, 3000).state;
    s = feed(onHub(H1, 'Tunnel1'), 1000).state;
    s = feed({ kind: 'hub-tracks', down: [{ peer: H1, track: 141, trusted: true }] }, 1000).state;
    expect(s.health.hub1?.verdict).toBe('bad');
    // Three slow probes beside eight clean ones from before: the whole window's median is clean.
    for (let i = 0; i < 3; i++) s = feed(hub1Probe(400), 3000).state;
    expect(s.health.hub1?.verdict).toBe('bad');
    // Clean probes after the track went Down do bring it back, track or no track.
    for (let i = 0; i < 8 && s.health.hub1?.verdict !== 'good'; i++) s = feed(clean, 3000).state;
    expect(s.health.hub1?.verdict).toBe('good');
  });
});
