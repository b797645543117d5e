/**
 * Scenario actions for the impairments operators fear: bursty, one-way and
 * per-protocol loss, latency ramps, slow or draining hubs, a link that passes
 * nothing, DNS failure. Validation names each problem.
 */
import { describe, expect, it } from 'vitest';
import { checkNames } from '../../lab/scenario/actions.js';
import { parseScenarioText } from '../../lab/scenario/load.js';
import { playScenario, runScenarioNow } from '../../lab/scenario/runner.js';
import { ScenarioError } from '../../lab/scenario/validate.js';
import { createLabRouter } from '../../lab/router/index.js';
import { ManualClock } from '../../lab/world/clock.js';
import { World } from '../../lab/world/world.js';
import { SeededRandom } from '../../lab/world/random.js';
import { defaultWorldSpec } from '../../lab/world/default-world.js';

const scenario = (actions: string, duration = '2m') => parseScenarioText(`name: t\nduration: ${duration}\nactions:\n${actions}`, 't.yaml');

function problems(actions: string, duration = '2m'): string[] {
  try {
    scenario(actions, duration);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as ScenarioError).problems;
  }
  throw new Error('accepted');
}

describe('classes and per-DSCP impairments (issue 19)', () => {
  it('reads a class list and a set-path dscp block, and names what is wrong', () => {
    const s = parseScenarioText(
      `name: t
duration: 2m
classes:
  - { name: voice, dscp: 46, loss: 1, latency: 150, jitter: 30, critical: true }
  - { name: bulk, dscp: 0, loss: 5, latency: 400, jitter: 100 }
actions:
  - at: 10s
    set-path: { wan: GigabitEthernet0/0, to: hub1, dscp: { 46: { latency: 30, jitter: 80, loss: 3 } } }
  - at: 20s
    set-path: { wan: GigabitEthernet0/0, to: hub1, dscp: { 46: null } }
`,
      't.yaml',
    );
    expect(s.classes).toEqual([
      { name: 'voice', dscp: 46, lossPct: 1, latencyMs: 150, jitterMs: 30, critical: true },
      { name: 'bulk', dscp: 0, lossPct: 5, latencyMs: 400, jitterMs: 100, critical: false },
    ]);
    expect(s.actions[0]!.action).toEqual({
      kind: 'set-path',
      change: { wan: 'GigabitEthernet0/0', to: 'hub1', byDscp: { 46: { latencyMs: 30, jitterMs: 80, lossPct: 3 } } },
    });
    expect(s.actions[1]!.action).toEqual({ kind: 'set-path', change: { wan: 'GigabitEthernet0/0', to: 'hub1', byDscp: { 46: null } } });
    expect(
      problems(`
  - at: 1s
    set-path: { wan: GigabitEthernet0/0, dscp: { 64: { jitter: 5 }, 46: { jitter: -1, colour: 1 } } }
`),
    ).toEqual([
      'actions[0].set-path.dscp.46.jitter: a number from 0 to 60000',
      'actions[0].set-path.dscp.46: unknown key "colour" (latency, jitter, loss)',
      'actions[0].set-path.dscp.64: a DSCP from 0 to 63 (EF is 46)',
    ]);
  });
});

describe('set-path: delay spikes', () => {
  it('reads delay-spikes and null, and names what is wrong', () => {
    const s = scenario(`
  - at: 10s
    set-path: { wan: GigabitEthernet0/0, to: hub1, delay-spikes: { pct: 0.5, min: 100, max: 500 } }
  - at: 20s
    set-path: { wan: GigabitEthernet0/0, to: hub1, delay-spikes: null }
`);
    expect(s.actions.map((a) => a.action)).toEqual([
      { kind: 'set-path', change: { wan: 'GigabitEthernet0/0', to: 'hub1', delaySpikes: { pct: 0.5, minMs: 100, maxMs: 500 } } },
      { kind: 'set-path', change: { wan: 'GigabitEthernet0/0', to: 'hub1', delaySpikes: null } },
    ]);
    expect(
      problems(`
  - at: 1s
    set-path: { wan: GigabitEthernet0/0, delay-spikes: { pct: 101, min: 100, max: 500, size: 3 } }
  - at: 2s
    set-path: { wan: GigabitEthernet0/0, delay-spikes: { pct: 1, min: 500, max: 100 } }
  - at: 3s
    set-path: { wan: GigabitEthernet0/0, delay-spikes: 5 }
`),
    ).toEqual([
      'actions[0].set-path.delay-spikes: unknown key "size" (pct, min, max)',
      'actions[0].set-path.delay-spikes.pct: a number from 0 to 100',
      'actions[1].set-path.delay-spikes: min (500 ms) is above max (100 ms)',
      'actions[2].set-path.delay-spikes: a mapping of pct (% of packets), min and max (ms added), or null',
    ]);
  });

  it('plays on the world: about that share of packets delayed within the range, the rest as before', () => {
    const w = new World(defaultWorldSpec());
    w.setPath('GigabitEthernet0/0', 'hub1', { jitterMs: 2, delaySpikes: { pct: 5, minMs: 100, maxMs: 500 } });
    const r = new SeededRandom(3);
    const latency = w.path('GigabitEthernet0/0', 'hub1').latencyMs;
    let spiked = 0;
    for (let i = 0; i < 4000; i++) {
      const p = w.probe('GigabitEthernet0/0', '198.51.100.1', r);
      const extra = p.rttMs - latency;
      if (extra > 10) {
        spiked++;
        expect(extra).toBeGreaterThanOrEqual(100 - 3);
        expect(extra).toBeLessThanOrEqual(500 + 3);
      } else expect(Math.abs(extra)).toBeLessThanOrEqual(3);
    }
    expect(spiked / 4000).toBeGreaterThan(0.04);
    expect(spiked / 4000).toBeLessThan(0.06);
    w.setPath('GigabitEthernet0/0', 'hub1', { delaySpikes: null });
    expect(w.path('GigabitEthernet0/0', 'hub1').delaySpikes).toBeUndefined();
  });
});

describe('set-path: bursty, one-way and per-kind loss', () => {
  it('reads every new key, and the old form is unchanged', () => {
    const s = scenario(`
  - at: 10s
    set-path: { wan: GigabitEthernet0/0, to: hub1, latency: 40, jitter: 5, loss: 2 }
  - at: 20s
    set-path:
      wan: GigabitEthernet0/0
      to: hub1
      loss: 5
      burst: 4
      loss-up: 10
      loss-down: { loss: 3, burst: 2 }
      icmp: { loss-down: 40 }
      data: { loss: 100 }
      ike: null
`);
    expect(s.actions[0]!.action).toEqual({
      kind: 'set-path',
      change: { wan: 'GigabitEthernet0/0', to: 'hub1', latencyMs: 40, jitterMs: 5, lossPct: 2 },
    });
    expect(s.actions[1]!.action).toEqual({
      kind: 'set-path',
      change: {
        wan: 'GigabitEthernet0/0',
        to: 'hub1',
        lossPct: 5,
        lossBurst: 4,
        upstreamLoss: { pct: 10 },
        downstreamLoss: { pct: 3, burst: 2 },
        byKind: { icmp: { downstream: { pct: 40 } }, data: { roundTrip: { pct: 100 } }, ike: null },
      },
    });
  });

  it('names impossible bursts, bad percentages and unknown keys', () => {
    expect(
      problems(`
  - at: 1s
    set-path: { wan: GigabitEthernet0/0, loss: 90, burst: 2 }
  - at: 2s
    set-path: { wan: GigabitEthernet0/0, burst: 0.5, loss-up: 120 }
  - at: 3s
    set-path: { wan: GigabitEthernet0/0, icmp: { burst: 3, colour: red }, data: 5 }
  - at: 4s
    set-path: { wan: GigabitEthernet0/0, loss-down: { loss: 20, bursty: true } }
`),
    ).toEqual([
      'actions[0].set-path.burst: bursts of 2 packets on average cannot carry 90% loss (needs at least 9)',
      'actions[1].set-path.burst: a mean burst length in packets, at least 1',
      'actions[1].set-path.loss-up: a loss percentage from 0 to 100',
      'actions[2].set-path.icmp: unknown key "colour" (loss, burst, loss-up, loss-down)',
      'actions[2].set-path.icmp.burst: needs loss beside it',
      'actions[2].set-path.data: a mapping of loss, burst, loss-up, loss-down (or null to drop the override)',
      'actions[3].set-path.loss-down: unknown key "bursty" (loss, burst)',
    ]);
  });

  it('plays on the world: ICMP lost downstream while data passes', () => {
    const clock = new ManualClock();
    const router = createLabRouter({ clock, seed: 1 });
    const s = scenario(
      `
  - at: 1s
    set-path: { wan: GigabitEthernet0/0, to: '*', icmp: { loss-down: 40 }, data: { loss: 0 } }
`,
      '5s',
    );
    playScenario(router, clock, s);
    clock.advance(5000);
    router.stop();
    expect(router.world.meanLossPct('GigabitEthernet0/0', '198.51.100.1', 'icmp')).toBeCloseTo(40, 9);
    expect(router.world.meanLossPct('GigabitEthernet0/0', '198.51.100.1', 'data')).toBe(0);
  });
});

describe('ramp-latency', () => {
  it("moves latency linearly, a step each lab second, from each path's own latency when from-ms is absent", () => {
    const clock = new ManualClock();
    const router = createLabRouter({ clock, seed: 1 });
    const s = scenario(
      `
  - at: 5s
    ramp-latency: { wan: GigabitEthernet0/0, to: hub1, from-ms: 20, to-ms: 120, over: 10s }
  - at: 5s
    ramp-latency: { wan: Cellular0/1/0, to-ms: 245, over: 4s }
`,
      '30s',
    );
    const { done } = playScenario(router, clock, s);
    const hub1: number[] = [];
    const lte: number[] = [];
    for (let t = 0; t <= 20; t++) {
      hub1.push(router.world.path('GigabitEthernet0/0', 'hub1').latencyMs);
      lte.push(router.world.path('Cellular0/1/0', 'internet').latencyMs);
      clock.advance(1000);
    }
    clock.advance(10000);
    void done;
    router.stop();
    expect(hub1.slice(0, 5)).toEqual([12, 12, 12, 12, 12]);
    expect(hub1.slice(5, 16)).toEqual([20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
    expect(hub1.slice(16)).toEqual([120, 120, 120, 120, 120]);
    expect(lte.slice(4, 10)).toEqual([45, 45, 95, 145, 195, 245]);
    expect(router.world.path('GigabitEthernet0/0', 'hub2').latencyMs).toBe(24);
    expect(router.world.path('Cellular0/1/0', 'hub2').latencyMs).toBe(245);
  });

  it('names a missing end, a bad duration and a ramp that outlasts the scenario', () => {
    expect(
      problems(`
  - at: 1s
    ramp-latency: { wan: GigabitEthernet0/0, over: 0s }
  - at: 50s
    ramp-latency: { wan: GigabitEthernet0/0, to-ms: 300, over: 2m }
  - at: 1s
    ramp-latency: { wan: GigabitEthernet0/0, from: 3, to-ms: 300, over: 10 }
`),
    ).toEqual([
      'actions[0].ramp-latency.to-ms: required, a latency in milliseconds from 0 to 60000',
      'actions[0].ramp-latency.over: bad time "0s" (at least 1s, as 90, 90s, 2m)',
      "actions[1].ramp-latency.over: the ramp ends at 170s, after the scenario's end (120s)",
      'actions[2].ramp-latency: unknown key "from" (wan, to, from-ms, to-ms, over)',
    ]);
  });
});

describe('hubs, links and names', () => {
  const play = (actions: string) => {
    const clock = new ManualClock();
    const router = createLabRouter({ clock, seed: 1 });
    playScenario(router, clock, scenario(actions, '10s'));
    return { router, clock };
  };

  it('slow-ike, drain-hub and undrain-hub set what the FlexVPN code reads', () => {
    const { router, clock } = play(`
  - at: 1s
    slow-ike: { hub: hub2, delay: 8000 }
  - at: 1s
    drain-hub: hub1
  - at: 5s
    undrain-hub: hub1
`);
    clock.advance(2000);
    expect(router.world.ikeDelayMs('hub2')).toBe(8000);
    expect(router.world.hubAcceptsNewSessions('198.51.100.1')).toBe(false);
    clock.advance(4000);
    expect(router.world.hubAcceptsNewSessions('hub1')).toBe(true);
    router.stop();
  });

  it("clear-hub-sessions makes the hub forget its SAs: the spoke's SA to it goes at once", () => {
    const { router, clock } = play(`
  - at: 2s
    clear-hub-sessions: hub1
`);
    clock.advance(1000);
    expect(router.world.hubSessionEpoch('hub1')).toBe(0);
    clock.advance(1000);
    expect(router.world.hubSessionEpoch('hub1')).toBe(1);
    expect(router.state().sas.map((sa) => sa.peer)).not.toContain('198.51.100.1');
    router.stop();
  });

  it('blackhole-wan keeps the link up and passes nothing; restore-wan ends it', () => {
    const { router, clock } = play(`
  - at: 1s
    blackhole-wan: Cellular0/1/0
  - at: 5s
    restore-wan: Cellular0/1/0
`);
    clock.advance(2000);
    expect(router.world.wan('Cellular0/1/0')?.up).toBe(true);
    expect(router.world.reachable('Cellular0/1/0', '198.51.100.1')).toBe(false);
    expect(router.model.rt.interfaces.get('Cellular0/1/0')?.protocolUp).toBe(true);
    clock.advance(4000);
    expect(router.world.reachable('Cellular0/1/0', '198.51.100.1')).toBe(true);
    router.stop();
  });

  it('dns-fail and dns-restore switch name resolution', () => {
    const { router, clock } = play(`
  - at: 1s
    dns-fail: hub1.example.net
  - at: 2s
    dns-fail: '*'
  - at: 3s
    dns-restore: '*'
`);
    clock.advance(1500);
    expect(router.world.dns.resolve('hub1.example.net')).toBeUndefined();
    expect(router.world.dns.resolve('hub2.example.net')).toBe('203.0.113.1');
    clock.advance(1000);
    expect(router.world.dns.resolve('hub2.example.net')).toBeUndefined();
    clock.advance(1000);
    expect(router.world.dns.resolve('hub1.example.net')).toBeUndefined();
    expect(router.world.dns.resolve('hub2.example.net')).toBe('203.0.113.1');
    router.stop();
  });

  it('names bad delays and unknown hubs and WANs', () => {
    expect(
      problems(`
  - at: 1s
    slow-ike: { hub: hub2, delay: -5 }
  - at: 1s
    slow-ike: hub2
  - at: 1s
    drain-hub: { hub: hub1 }
  - at: 1s
    clear-hub-sessions: ''
`),
    ).toEqual([
      'actions[0].slow-ike.delay: milliseconds from 0 to 600000 (0 ends the delay)',
      'actions[1].slow-ike: needs hub and delay (milliseconds per IKE exchange)',
      'actions[2].drain-hub: the hub must be a name',
      'actions[3].clear-hub-sessions: the hub must be a name',
    ]);
    const s = scenario(`
  - at: 1s
    slow-ike: { hub: hub7, delay: 10 }
  - at: 1s
    blackhole-wan: Dialer1
  - at: 1s
    ramp-latency: { wan: GigabitEthernet0/0, to: hub9, to-ms: 10, over: 5s }
  - at: 1s
    clear-hub-sessions: hub8
`);
    expect(() => checkNames(s, new World(defaultWorldSpec()))).toThrow(
      /unknown hub "hub7"[^]*unknown WAN "Dialer1"[^]*unknown hub "hub9"[^]*unknown hub "hub8"/,
    );
  });

  it('writes each action on the timeline', () => {
    const run = runScenarioNow(
      scenario(
        `
  - at: 1s
    set-path: { wan: GigabitEthernet0/0, to: hub1, loss: 5, burst: 3, loss-up: 2, data: { loss: 100 } }
  - at: 2s
    ramp-latency: { wan: GigabitEthernet0/0, to-ms: 200, over: 3s }
  - at: 3s
    slow-ike: { hub: hub2, delay: 8000 }
  - at: 3s
    drain-hub: hub1
  - at: 3s
    clear-hub-sessions: hub1
  - at: 4s
    blackhole-wan: Cellular0/1/0
  - at: 4s
    dns-fail: '*'
`,
        '10s',
      ),
    );
    const said = run.lines.filter((l) => l.includes('>>')).map((l) => l.replace(/^.*>> /, ''));
    expect(said).toEqual([
      'path GigabitEthernet0/0 -> hub1: loss 5%, loss in bursts of 3, upstream loss 2%, data loss 100%',
      'path GigabitEthernet0/0 -> all: latency ramps to 200 ms over 3s',
      'hub hub2 answers IKE 8000 ms late',
      'hub hub1 drains (refuses new IKE sessions)',
      "hub hub1's operator clears its IKE sessions",
      'WAN Cellular0/1/0 passes nothing (link up)',
      'DNS fails for every name',
    ]);
  });
});
