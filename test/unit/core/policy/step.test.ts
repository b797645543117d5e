import { describe, expect, it } from 'vitest';
import { stepMany } from '../../../../agent/core/policy/step.js';
import { adoptedOnFibreHub1, CONFIG, FIBRE, HUB1, HUB2, LTE, Run } from './fixture.js';

describe('policy step: adoption', () => {
  it('takes over what the router uses, without steering it', () => {
    const run = adoptedOnFibreHub1();
    expect(run.steers()).toEqual([]);
    expect(run.decisions()).toEqual([
      { atMs: 30_000, action: 'adopt', to: 'fibre-hub1', reason: { code: 'adopted', candidate: 'fibre-hub1' }, dryRun: false },
    ]);
    expect(run.state.selected).toBe('fibre-hub1');
  });

  it('decides nothing before it has seen the router, whatever the probes say', () => {
    const run = new Run();
    run.rounds(5, 10_000, { 11: undefined });
    expect(run.decisions()).toEqual([]);
  });

  it('adopts a non-preferred path and leaves it alone while it is good (no preemption yet)', () => {
    const run = new Run();
    run.rounds(3, 10_000);
    run.see({ kind: 'flexvpn', activePeer: HUB1, activeSource: LTE, peersActiveElsewhere: [] });
    expect(run.steers()).toEqual([]);
    run.rounds(5, 10_000); // fibre has been good for 80 s < 300 s preemption delay
    expect(run.steers()).toEqual([]);
  });
});

describe('policy step: fail fast', () => {
  it('leaves a lossy path after failAfter evaluations confident of the loss, naming the metric and threshold', () => {
    const run = adoptedOnFibreHub1({ ...CONFIG, windowSamples: 10 });
    // Two probes of three lost on fibre to hub 1, never three in a row (that would be `unreachable`).
    const pattern = [undefined, undefined, 20, undefined, undefined, 20, undefined];
    for (const rtt of pattern) run.rounds(1, 10_000, { 11: rtt });
    expect(run.steers()).toEqual([]); // 5 of 10 lost: sure it is above 20 % once, not twice
    run.rounds(1, 10_000, { 11: undefined });
    const steer = run.effects.find((e) => e.effect.kind === 'steer')!;
    expect(steer.effect).toEqual({ kind: 'steer', candidate: 'fibre-hub2', peer: HUB2, source: FIBRE, clearSaOf: HUB1 });
    const decision = run.decisions().at(-1)!;
    expect(decision.reason).toMatchObject({
      code: 'current-bad',
      candidate: 'fibre-hub1',
      cause: { kind: 'quality', breaches: [{ metric: 'lossPct', value: 60, threshold: 20 }] },
    });
  });

  it('does not leave a path for a few unlucky probes: 40 % seen in 5 is not yet evidence of more than 20 %', () => {
    const run = adoptedOnFibreHub1();
    for (let i = 0; i < 10; i++) run.rounds(1, 10_000, { 11: i % 5 < 2 ? undefined : 20 });
    expect(run.steers()).toEqual([]);
    expect(run.state.health['fibre-hub1']!.verdict).toBe('good');
  });

  it('leaves at once when the WAN interface goes down, without a quality streak', () => {
    const run = adoptedOnFibreHub1();
    run.at(40_000);
    const effects = run.see({ kind: 'interface', name: FIBRE, up: false });
    expect(effects.filter((e) => e.kind === 'steer')).toEqual([{ kind: 'steer', candidate: 'lte-hub1', peer: HUB1, source: LTE }]);
    expect(run.decisions().at(-1)!.reason).toEqual({
      code: 'current-bad',
      candidate: 'fibre-hub1',
      cause: { kind: 'interface-down', interface: FIBRE },
      sinceMs: 40_000,
    });
  });

  it('leaves after three probes lost in a row, before the window says so', () => {
    const run = adoptedOnFibreHub1({ ...CONFIG, windowSamples: 20, failAfter: 5 });
    run.rounds(3, 10_000, { 11: undefined, 12: undefined });
    expect(run.steers()).toEqual(['lte-hub1']);
    expect(run.decisions().at(-1)!.reason).toMatchObject({ cause: { kind: 'unreachable', consecutiveTimeouts: 3 } });
  });
});

describe('policy step: fail back slowly', () => {
  it('returns to the preferred path only after it has been good for the preemption delay', () => {
    const run = adoptedOnFibreHub1();
    run.at(40_000).see({ kind: 'interface', name: FIBRE, up: false });
    run.at(100_000).see({ kind: 'interface', name: FIBRE, up: true });
    run.rounds(5, 10_000); // recovers after recoverAfter=3 clean evaluations, at 180 s
    expect(run.state.health['fibre-hub1']!.verdict).toBe('good');
    const goodSince = run.state.health['fibre-hub1']!.cleanSinceMs!;
    run.rounds(20, 10_000); // until 350 s: still < goodSince + 300 s
    expect(run.steers()).toEqual(['lte-hub1']);
    run.rounds(20, 10_000);
    expect(run.steers()).toEqual(['lte-hub1', 'fibre-hub1']);
    const preempt = run.decisions().at(-1)!;
    expect(preempt.reason).toEqual({
      code: 'preempt',
      candidate: 'fibre-hub1',
      over: 'lte-hub1',
      goodSinceMs: goodSince,
      preemptDelaySec: 300,
    });
    expect(preempt.atMs).toBeGreaterThanOrEqual(goodSince + 300_000);
  });

  it('never fails back to a path that is merely not failed yet: it must have been clean for the delay', () => {
    const run = new Run({ ...CONFIG, preemptDelaySec: 60 });
    run.rounds(3, 10_000);
    run.see({ kind: 'flexvpn', activePeer: HUB1, activeSource: LTE, peersActiveElsewhere: [] }); // on lte-hub1
    // Fibre to hub 1 is dead; fibre to hub 2 loses one probe in five (20 %: not failed, not clean either).
    for (let i = 0; i < 20; i++) run.rounds(1, 10_000, { 11: undefined, 12: i % 5 === 0 ? undefined : 25 });
    expect(run.state.health['fibre-hub2']!.verdict).toBe('good');
    expect(run.steers()).toEqual([]);
    // Clean from now on: the agent moves back once 60 s of clean probes have passed, not before.
    run.rounds(5, 10_000, { 11: undefined });
    const cleanSince = run.state.health['fibre-hub2']!.cleanSinceMs!;
    run.rounds(10, 10_000, { 11: undefined });
    const move = run.effects.find((e) => e.effect.kind === 'steer');
    expect(move?.effect).toMatchObject({ candidate: 'fibre-hub2' });
    expect(move!.atMs - cleanSince).toBeGreaterThanOrEqual(60_000);
  });

  it('needs the stricter recover thresholds to call a path good again', () => {
    const run = adoptedOnFibreHub1();
    run.rounds(4, 10_000, { 11: 400 }); // RTT 400 > fail 300 in most of the window, twice
    expect(run.state.health['fibre-hub1']!.verdict).toBe('bad');
    run.rounds(10, 10_000, { 11: 250 }); // 250 is below fail (300) but above recover (200)
    expect(run.state.health['fibre-hub1']!.verdict).toBe('bad');
    run.rounds(10, 10_000, { 11: 30 });
    expect(run.state.health['fibre-hub1']!.verdict).toBe('good');
  });
});

describe('policy step: damping', () => {
  it('suppresses a flapping path, then reuses it once the penalty decays', () => {
    const run = adoptedOnFibreHub1({ ...CONFIG, preemptDelaySec: 0 });
    for (let flap = 0; flap < 4; flap++) {
      run.at(run.nowMs + 10_000).see({ kind: 'interface', name: FIBRE, up: false });
      run.at(run.nowMs + 10_000).see({ kind: 'interface', name: FIBRE, up: true });
      run.rounds(3, 10_000);
    }
    const fibre = run.state.health['fibre-hub1']!;
    expect(fibre.verdict).toBe('good');
    expect(fibre.damping.suppressed).toBe(true);
    expect(run.state.selected).toBe('lte-hub1');
    const changesWhileSuppressed = run.steers().length;
    run.rounds(30, 10_000); // 5 minutes: penalty ~3000 still above reuse 750
    expect(run.steers().length).toBe(changesWhileSuppressed);
    run.at(run.nowMs + 3 * 900_000).see({ kind: 'tick' }); // three half-lives later
    expect(run.state.health['fibre-hub1']!.damping.suppressed).toBe(false);
    expect(run.state.selected).toBe('fibre-hub1');
  });
});

describe('policy step: operator, limits and modes', () => {
  it('follows an override until it expires, then the policy again', () => {
    const run = adoptedOnFibreHub1({ ...CONFIG, preemptDelaySec: 0 });
    run.at(40_000).see({ kind: 'override', source: LTE, untilMs: 100_000, by: 'noc' });
    expect(run.steers()).toEqual(['lte-hub1']);
    expect(run.decisions().at(-1)!.reason).toEqual({ code: 'override', by: 'noc', untilMs: 100_000, source: LTE });
    run.at(100_000).see({ kind: 'tick' });
    expect(run.steers()).toEqual(['lte-hub1', 'fibre-hub1']);
    expect(run.decisions().at(-1)).toMatchObject({
      action: 'switch',
      from: 'lte-hub1',
      to: 'fibre-hub1',
      reason: { code: 'override-ended', by: 'noc' },
    });
  });

  it('returns at once when the override is cleared, even inside the change rate limit, saying who cleared it', () => {
    const run = adoptedOnFibreHub1({ ...CONFIG, preemptDelaySec: 0, minChangeIntervalSec: 600 });
    run.at(40_000).see({ kind: 'override', source: LTE, untilMs: 1_000_000, by: 'noc' });
    run.at(50_000).see({ kind: 'clear-override', by: 'ops-2' });
    expect(run.steers()).toEqual(['lte-hub1', 'fibre-hub1']);
    expect(run.decisions().at(-1)!.reason).toEqual({ code: 'override-ended', by: 'ops-2' });
  });

  it('after an override, does not return to a path that has not been clean for the preemption delay', () => {
    const run = adoptedOnFibreHub1({ ...CONFIG, preemptDelaySec: 60 });
    run.at(40_000).see({ kind: 'override', source: LTE, untilMs: 70_000, by: 'noc' });
    run.at(41_000).see({ kind: 'interface', name: FIBRE, up: false });
    run.at(60_000).see({ kind: 'interface', name: FIBRE, up: true });
    run.at(70_000).see({ kind: 'tick' });
    expect(run.steers()).toEqual(['lte-hub1']);
    expect(run.decisions().some((d) => d.reason.code === 'override-ended')).toBe(false);
  });

  it('in dry-run, decides and reports but never steers', () => {
    const run = adoptedOnFibreHub1({ ...CONFIG, mode: 'dry-run' });
    run.at(40_000).see({ kind: 'interface', name: FIBRE, up: false });
    expect(run.steers()).toEqual([]);
    expect(run.decisions().at(-1)).toMatchObject({ action: 'switch', to: 'lte-hub1', dryRun: true });
  });

  it('rate-limits changes: a due change is reported once as deferred, then made', () => {
    const run = adoptedOnFibreHub1({ ...CONFIG, minChangeIntervalSec: 60, allDown: 'hold' });
    run.at(40_000).see({ kind: 'interface', name: FIBRE, up: false }); // -> lte-hub1 at 40 s
    run.at(45_000).see({ kind: 'interface', name: LTE, up: false }); // lte dead too: hub... no fibre
    expect(run.steers()).toEqual(['lte-hub1']);
    run.at(50_000).see({ kind: 'interface', name: FIBRE, up: true });
    run.rounds(3, 5_000);
    const deferred = run.decisions().filter((d) => d.deferredUntilMs !== undefined);
    expect(deferred).toHaveLength(1);
    expect(deferred[0]!.deferredUntilMs).toBe(100_000);
    run.at(100_000).see({ kind: 'tick' });
    expect(run.steers()).toEqual(['lte-hub1', 'fibre-hub1']);
  });

  it('releases to native behaviour once when every path is down', () => {
    const run = adoptedOnFibreHub1();
    run.at(40_000).see({ kind: 'interface', name: FIBRE, up: false });
    run.at(41_000).see({ kind: 'interface', name: LTE, up: false });
    run.at(42_000).see({ kind: 'tick' });
    const releases = run.effects.filter((e) => e.effect.kind === 'release');
    expect(releases).toHaveLength(1);
    expect(run.decisions().at(-1)).toMatchObject({ action: 'release', reason: { code: 'all-down', behaviour: 'release' } });
  });

  it('holds, reporting once, when configured to hold', () => {
    const run = adoptedOnFibreHub1({ ...CONFIG, allDown: 'hold' });
    run.at(40_000).see({ kind: 'interface', name: FIBRE, up: false });
    run.at(41_000).see({ kind: 'interface', name: LTE, up: false });
    run.at(42_000).see({ kind: 'tick' });
    expect(run.decisions().filter((d) => d.action === 'hold')).toHaveLength(1);
    expect(run.effects.filter((e) => e.effect.kind === 'release')).toEqual([]);
  });

  it('never picks a peer another client of its backup group is using', () => {
    const run = adoptedOnFibreHub1();
    run.see({ kind: 'flexvpn', activePeer: HUB1, activeSource: FIBRE, peersActiveElsewhere: [HUB2] });
    run.at(40_000).see({ kind: 'interface', name: FIBRE, up: false });
    expect(run.steers()).toEqual(['lte-hub1']);
    run.at(50_000).see({ kind: 'interface', name: LTE, up: false });
    expect(run.steers()).toEqual(['lte-hub1']); // lte-hub2 and fibre-hub2 use HUB2, busy elsewhere
  });

  it('after a failed steer, leaves that candidate out for a while and tries the next', () => {
    const run = adoptedOnFibreHub1();
    run.at(40_000).see({ kind: 'interface', name: FIBRE, up: false });
    run.at(41_000).see({ kind: 'steer-failed', candidate: 'lte-hub1', code: 'ACTUATE_VERIFY_FAILED' });
    expect(run.steers()).toEqual(['lte-hub1']); // rate limit: the next change waits 10 s
    run.at(51_000).see({ kind: 'tick' });
    expect(run.steers()).toEqual(['lte-hub1', 'lte-hub2']);
  });
});

describe('policy step: no evidence is not bad evidence', () => {
  it('neither releases nor moves at start, before any candidate has been judged', () => {
    const run = new Run();
    run.see({ kind: 'flexvpn', activePeer: HUB1, activeSource: FIBRE, peersActiveElsewhere: [] });
    run.at(5_000).see({ kind: 'tick' });
    expect(run.decisions().map((d) => d.action)).toEqual(['adopt']);
    expect(run.effects.filter((e) => e.effect.kind === 'release' || e.effect.kind === 'steer')).toEqual([]);
  });

  it('waits for the others to be judged before declaring every path down', () => {
    const run = new Run();
    run.see({ kind: 'flexvpn', activePeer: HUB1, activeSource: FIBRE, peersActiveElsewhere: [] });
    run.at(1_000).see({ kind: 'interface', name: FIBRE, up: false }); // fibre candidates bad, LTE not yet judged
    expect(run.decisions().map((d) => d.action)).toEqual(['adopt']);
    run.rounds(3, 5_000, { 21: undefined, 22: undefined }); // LTE probes all lost: now everything is bad
    expect(run.decisions().at(-1)).toMatchObject({ action: 'release', reason: { code: 'all-down' } });
  });
});

describe('policy step: where to go when leaving', () => {
  it('prefers a path that is clean now over one that merely has not failed yet (same lossy WAN)', () => {
    const run = adoptedOnFibreHub1();
    // The fibre loses packets towards both hubs; hub 2's window is not over the fail threshold yet.
    run.rounds(2, 10_000, { 11: undefined, 12: undefined }).rounds(1, 10_000, { 11: 20 }).rounds(3, 10_000, { 11: undefined });
    expect(run.state.health['fibre-hub2']!.verdict).toBe('good');
    expect(run.steers()).toEqual(['lte-hub1']);
  });
});

describe('policy step: a fault upstream of every path', () => {
  it('does not move to a path whose newest probe shows the same fault; releases once every path is judged', () => {
    const run = adoptedOnFibreHub1();
    // Every path's RTT goes over the 300 ms threshold; fibre to hub 1 is judged first (its
    // window fills first), the others' newest probes already show it.
    run.rounds(3, 10_000, { 11: 400 });
    run.rounds(1, 10_000, { 11: 400, 12: 410, 21: 450, 22: 460 });
    expect(run.state.health['fibre-hub1']!.verdict).toBe('bad');
    expect(run.state.health['fibre-hub2']!.verdict).toBe('good');
    expect(run.steers()).toEqual([]);
    run.rounds(4, 10_000, { 11: 400, 12: 410, 21: 450, 22: 460 });
    expect(run.steers()).toEqual([]);
    expect(run.effects.filter((e) => e.effect.kind === 'release')).toHaveLength(1);
  });

  it('released, the router back on a bad path: once a path recovers, the agent steers there (it does not stay released)', () => {
    const run = adoptedOnFibreHub1();
    run.rounds(4, 10_000, { 11: 400 });
    expect(run.steers()).toEqual(['fibre-hub2']);
    // Then every path degrades: released, and the router, deciding alone, goes back to fibre to hub 1.
    run.rounds(6, 10_000, { 11: 400, 12: 410, 21: 450, 22: 460 });
    expect(run.effects.filter((e) => e.effect.kind === 'release')).toHaveLength(1);
    run.see({ kind: 'flexvpn', activePeer: HUB1, activeSource: FIBRE, peersActiveElsewhere: [] });
    run.rounds(2, 10_000, { 11: 400, 12: 410, 21: 450, 22: 460 });
    expect(run.steers()).toEqual(['fibre-hub2']);
    // Fibre to hub 2 recovers; fibre to hub 1, which carries the traffic, stays bad.
    run.rounds(10, 10_000, { 11: 400, 21: 450, 22: 460 });
    expect(run.steers()).toEqual(['fibre-hub2', 'fibre-hub2']);
    expect(run.decisions().at(-1)).toMatchObject({
      action: 'switch',
      from: 'fibre-hub1',
      to: 'fibre-hub2',
      reason: { code: 'current-bad', candidate: 'fibre-hub1' },
    });
    expect(run.state.released).toBe(false);
  });

  it('moves as before when the other path answers its newest probe within the level', () => {
    const run = adoptedOnFibreHub1();
    run.rounds(4, 10_000, { 11: 400 });
    expect(run.steers()).toEqual(['fibre-hub2']);
  });
});

describe('policy step: one read, one decision', () => {
  it('judges both WANs down together: releases once, no switch to a path that is also down', () => {
    let run = adoptedOnFibreHub1();
    const r = stepMany(
      run.state,
      [
        { kind: 'interface', name: FIBRE, up: false },
        { kind: 'interface', name: LTE, up: false },
      ],
      CONFIG,
      40_000,
    );
    expect(r.actions.filter((e) => e.kind === 'steer')).toEqual([]);
    expect(r.actions.filter((e) => e.kind === 'release')).toHaveLength(1);
    // The WANs return and the router reconnects on its own: the agent adopts that, without steering.
    run = new Run();
    run.state = r.state;
    run.at(100_000).see({ kind: 'interface', name: FIBRE, up: true });
    run.see({ kind: 'interface', name: LTE, up: true });
    run.see({ kind: 'flexvpn', activePeer: HUB1, activeSource: FIBRE, peersActiveElsewhere: [] });
    run.rounds(5, 5_000);
    expect(run.steers()).toEqual([]);
    expect(run.state.selected).toBe('fibre-hub1');
  });
});

describe("policy step: the router's own judgement", () => {
  it('follows the router off a WAN its own tracks forbid, says so, and never steers back while they do', () => {
    const run = adoptedOnFibreHub1();
    run.at(run.nowMs + 1_000).see({ kind: 'router-judgement', peersForbidden: [], sourcesForbidden: [FIBRE] });
    expect(run.steers()).toEqual(['lte-hub1']);
    expect(run.decisions().at(-1)!.reason).toEqual({ code: 'router-forbids', candidate: 'fibre-hub1', source: FIBRE });
    run.see({ kind: 'flexvpn', activePeer: HUB1, activeSource: LTE, peersActiveElsewhere: [] });
    run.rounds(60, 10_000); // fibre clean for 10 minutes, past the preemption delay
    expect(run.steers()).toEqual(['lte-hub1']);
    run.see({ kind: 'router-judgement', peersForbidden: [], sourcesForbidden: [] });
    run.rounds(1, 10_000);
    expect(run.steers()).toEqual(['lte-hub1', 'fibre-hub1']);
    expect(run.decisions().at(-1)!.reason).toMatchObject({ code: 'preempt', candidate: 'fibre-hub1' });
  });
});

describe('policy step: evidence through the tunnel', () => {
  const TUNNEL = { ...CONFIG, windowSamples: 10, tunnelSlaOperations: [31] };

  it('is not fooled by ICMP lost on the WAN while the tunnel carries everything', () => {
    const run = adoptedOnFibreHub1(TUNNEL);
    // Two WAN probes of three lost towards both hubs (never three in a row); every in-tunnel probe answered.
    for (let i = 0; i < 30; i++) run.rounds(1, 3_000, { 11: i % 3 < 2 ? undefined : 20, 12: i % 3 < 2 ? undefined : 25, 31: 22 });
    expect(run.steers()).toEqual([]);
    expect(run.state.health['fibre-hub1']!.verdict).toBe('good');
  });

  it('the same WAN probes without a tunnel probe do fail the path (the control)', () => {
    const run = adoptedOnFibreHub1({ ...TUNNEL, tunnelSlaOperations: [] });
    for (let i = 0; i < 30; i++) run.rounds(1, 3_000, { 11: i % 3 < 2 ? undefined : 20, 12: i % 3 < 2 ? undefined : 25, 31: 22 });
    expect(run.steers().length).toBeGreaterThan(0);
  });

  it('leaves a path whose data dies while its WAN probes all answer, saying it was seen through the tunnel', () => {
    const run = adoptedOnFibreHub1(TUNNEL);
    run.rounds(5, 3_000, { 31: 22 });
    run.rounds(3, 3_000, { 31: undefined });
    expect(run.steers()).toEqual(['fibre-hub2']);
    expect(run.decisions().at(-1)!.reason).toMatchObject({
      code: 'current-bad',
      candidate: 'fibre-hub1',
      cause: { kind: 'unreachable', consecutiveTimeouts: 3, via: 'tunnel' },
    });
  });

  it("keeps a path failed on the tunnel's evidence out until the preemption delay has passed: its WAN probes were clean all along", () => {
    const run = adoptedOnFibreHub1({ ...TUNNEL, preemptDelaySec: 120 });
    run.rounds(5, 3_000, { 31: 22 });
    run.rounds(3, 3_000, { 31: undefined });
    expect(run.steers()).toEqual(['fibre-hub2']);
    run.see({ kind: 'flexvpn', activePeer: HUB2, activeSource: FIBRE, peersActiveElsewhere: [] });
    run.rounds(30, 3_000); // 90 s of clean WAN probes: still bad
    expect(run.state.health['fibre-hub1']!.verdict).toBe('bad');
    run.rounds(15, 3_000); // past 120 s since it failed: it may be tried again
    expect(run.state.health['fibre-hub1']!.verdict).toBe('good');
  });

  it('starts the tunnel evidence afresh when the router moves: the old path keeps no verdict from the new one', () => {
    const run = adoptedOnFibreHub1(TUNNEL);
    run.rounds(5, 3_000, { 31: 22 });
    run.see({ kind: 'flexvpn', activePeer: HUB2, activeSource: FIBRE, peersActiveElsewhere: [] });
    expect(run.state.tunnelWindow).toBeUndefined();
    // The first read after the move only primes the window: its probes may be from while the tunnel was down.
    run.rounds(1, 3_000, { 31: undefined });
    expect(run.state.tunnelWindow).toEqual({ candidate: 'fibre-hub2', samples: [], primed: true });
    run.rounds(3, 3_000, { 31: undefined });
    expect(run.state.health['fibre-hub2']!.verdict).toBe('bad');
    expect(run.state.health['fibre-hub1']!.verdict).toBe('good');
  });
});

describe('policy step: one fail back, not two', () => {
  it('waits a moment for a more preferred path about to be clean long enough, rather than moving twice', () => {
    const run = new Run({ ...CONFIG, preemptDelaySec: 300 });
    run.rounds(3, 10_000, { 11: undefined, 12: undefined });
    run.see({ kind: 'flexvpn', activePeer: HUB1, activeSource: LTE, peersActiveElsewhere: [] }); // on lte-hub1, both fibre paths bad
    run.rounds(1, 10_000, { 11: undefined }); // fibre to hub 2 clean from here, fibre to hub 1 from the next round
    run.rounds(40, 10_000);
    expect(run.steers()).toEqual(['fibre-hub1']);
    expect(run.decisions().at(-1)!.reason).toMatchObject({ code: 'preempt', candidate: 'fibre-hub1', over: 'lte-hub1' });
  });
});
