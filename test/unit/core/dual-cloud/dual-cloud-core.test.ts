import { describe, expect, it } from 'vitest';
import type { DualCloudConfig } from '../../../../agent/core/dual-cloud/config.js';
import { dualCloudIos } from '../../../../agent/core/dual-cloud/ios-config.js';
import { bgpObservations } from '../../../../agent/core/dual-cloud/observe.js';
import { planBgpRelease, planBgpSteer, routeMapIntents } from '../../../../agent/core/dual-cloud/plan.js';
import { dualCloudPreflight } from '../../../../agent/core/dual-cloud/preflight.js';
import { shortcutChanges, shortcutsOf, shortcutViolations } from '../../../../agent/core/dual-cloud/shortcuts.js';
import { prefixesNotVia, routeMapDifferences } from '../../../../agent/core/dual-cloud/verify.js';
import { DEFAULT_POLICY, type PolicyConfig } from '../../../../agent/core/policy/config.js';
import { step } from '../../../../agent/core/policy/step.js';
import { INITIAL_STATE, type PolicyState } from '../../../../agent/core/policy/types.js';
import type { BgpNeighborSummary, BgpPathEntry, NhrpEntry, RouteMapEntry } from '../../../../proto/records/routing.js';
import { CANDIDATES, DC as FIXTURE, H1, H2 } from './fixture.js';

const DC: DualCloudConfig = { ...FIXTURE, protectedPrefixes: ['10.0.0.0/16'] };

const path = (nextHop: string, best: boolean, localPref = 100): BgpPathEntry => ({
  network: '10.0.0.0/8',
  nextHop,
  status: best ? '*>i' : '*i',
  valid: true,
  best,
  internal: true,
  metric: 0,
  localPref,
  weight: 0,
  asPath: [],
  origin: 'igp',
});
const neighbor = (address: string, established: boolean): BgpNeighborSummary => ({
  addressFamily: 'ipv4 unicast',
  neighbor: address,
  version: 4,
  remoteAs: 65000,
  msgRcvd: 1,
  msgSent: 1,
  tblVer: 1,
  inQ: 0,
  outQ: 0,
  state: established ? 'established' : 'idle',
  stateRaw: established ? '1' : 'Idle',
  ...(established ? { prefixesReceived: 1 } : {}),
});
const entry = (name: string, set: Partial<RouteMapEntry> = {}): RouteMapEntry => ({
  name,
  action: 'permit',
  sequence: 10,
  match: [],
  set: [],
  ...set,
});

describe('dual-cloud steering plans', () => {
  it('steer to hub 2: its routes preferred inbound, the LAN tagged toward hub 1, every other set clause removed, soft clears only', () => {
    const plan = planBgpSteer(DC, H2);
    expect(plan.configLines).toEqual([
      'route-map SP-IN-1 permit 10',
      'no set local-preference',
      'no set community',
      'no set metric',
      'route-map SP-OUT-1 permit 10',
      'no set local-preference',
      'set community 65000:110 additive',
      'no set metric',
      'route-map SP-IN-2 permit 10',
      'set local-preference 200',
      'no set community',
      'no set metric',
      'route-map SP-OUT-2 permit 10',
      'no set local-preference',
      'no set community',
      'no set metric',
    ]);
    // Traffic moves on the first commands: the chosen hub's routes refreshed, then the avoided hub re-advertised to.
    expect(plan.execCommands).toEqual([
      `clear ip bgp ${H2} soft in`,
      `clear ip bgp ${H1} soft out`,
      `clear ip bgp ${H1} soft in`,
      `clear ip bgp ${H2} soft out`,
    ]);
    expect(plan.execCommands.every((c) => c.endsWith(' soft in') || c.endsWith(' soft out'))).toBe(true);
    expect(planBgpRelease(DC).execCommands).toEqual([
      `clear ip bgp ${H1} soft out`,
      `clear ip bgp ${H2} soft out`,
      `clear ip bgp ${H1} soft in`,
      `clear ip bgp ${H2} soft in`,
    ]);
  });

  it('a MED return path sets the metric toward the avoided hub; release leaves no set clause anywhere', () => {
    expect(planBgpSteer({ ...DC, returnPath: { med: 500 } }, H1).configLines.slice(8, 12)).toEqual([
      'route-map SP-IN-2 permit 10',
      'no set local-preference',
      'no set community',
      'no set metric',
    ]);
    expect(planBgpSteer({ ...DC, returnPath: { med: 500 } }, H1).configLines).toContain('set metric 500');
    expect(planBgpRelease(DC).configLines.filter((l) => l.startsWith('set '))).toEqual([]);
    expect(routeMapIntents(DC, undefined).every((i) => Object.keys(i).length === 1)).toBe(true);
  });

  it('refuses a neighbour that is not configured (nothing read from the router is written back)', () => {
    expect(() => planBgpSteer(DC, '172.31.9.9')).toThrow(/not one of dualCloud.hubs/);
  });
});

describe('reading a dual-cloud router', () => {
  it('the best path names the hub in use; sessions down are a separate observation; only changes are observed', () => {
    const first = bgpObservations(undefined, DC, [neighbor(H1, true), neighbor(H2, true)], [path(H1, true), path(H2, false)]);
    expect(first.observations).toEqual([
      { kind: 'bgp-sessions', down: [] },
      { kind: 'flexvpn', activePeer: H1, activeSource: 'Tunnel1', peersActiveElsewhere: [] },
    ]);
    expect(
      bgpObservations(first.seen, DC, [neighbor(H1, true), neighbor(H2, true)], [path(H1, true), path(H2, false)]).observations,
    ).toEqual([]);
    const down = bgpObservations(first.seen, DC, [neighbor(H1, false), neighbor(H2, true)], [path(H2, true)]);
    expect(down.observations).toEqual([
      { kind: 'bgp-sessions', down: [H1] },
      { kind: 'flexvpn', activePeer: H2, activeSource: 'Tunnel2', peersActiveElsewhere: [] },
    ]);
    // A neighbour missing from the summary is down; no best path: on no candidate.
    expect(bgpObservations(undefined, DC, [], []).observations).toEqual([
      { kind: 'bgp-sessions', down: [H1, H2] },
      { kind: 'flexvpn', peersActiveElsewhere: [] },
    ]);
  });

  it('verification: the chosen hub best wherever it offers a path, route-maps exactly as intended', () => {
    expect(prefixesNotVia(DC, [path(H1, true), path(H2, false, 100)], H2)).toEqual(['10.0.0.0/8']);
    expect(prefixesNotVia(DC, [path(H1, false), path(H2, true, 200)], H2)).toEqual([]);
    const intents = routeMapIntents(DC, H2);
    const asIntended = [
      entry('SP-IN-1'),
      entry('SP-OUT-1', { setCommunities: ['65000:110'] }),
      entry('SP-IN-2', { setLocalPreference: 200 }),
      entry('SP-OUT-2'),
    ];
    expect(routeMapDifferences(intents, asIntended)).toEqual([]);
    expect(routeMapDifferences(intents, [entry('SP-IN-1'), entry('SP-OUT-1'), entry('SP-IN-2', { setLocalPreference: 200 })])).toEqual([
      'route-map SP-OUT-1 sets community none, intended 65000:110',
      'route-map SP-OUT-2 permit 10 is missing',
    ]);
  });
});

describe('the policy on BGP sessions', () => {
  const cfg: PolicyConfig = { ...DEFAULT_POLICY, client: '', candidates: CANDIDATES, clearStaleSa: false, minSamples: 3, windowSamples: 5 };
  it("hub 1's session down makes it bad at once (bgp-down) and the agent steers to hub 2 with no SA to clear", () => {
    let s: PolicyState = INITIAL_STATE;
    let now = 0;
    for (let i = 0; i < 3; i++)
      s = step(
        s,
        {
          kind: 'sla-samples',
          samples: [
            { operation: 41, answered: true, rttMs: 20 },
            { operation: 42, answered: true, rttMs: 25 },
          ],
        },
        cfg,
        (now += 3000),
      ).state;
    s = step(s, { kind: 'flexvpn', activePeer: H1, activeSource: 'Tunnel1', peersActiveElsewhere: [] }, cfg, (now += 1000)).state;
    expect(s.selected).toBe('hub1');
    const r = step(s, { kind: 'bgp-sessions', down: [H1] }, cfg, (now += 20_000));
    expect(r.state.health.hub1).toMatchObject({ verdict: 'bad', cause: { kind: 'bgp-down', neighbor: H1 } });
    expect(r.actions).toEqual([{ kind: 'steer', candidate: 'hub2', peer: H2, source: 'Tunnel2' }]);
    // The session back: its probes decide when it is good again, as any path's.
    const back = step(r.state, { kind: 'bgp-sessions', down: [] }, cfg, (now += 1000));
    expect(back.state.bgpDown).toEqual([]);
  });
});

describe('NHRP shortcuts', () => {
  const nhrp = (target: string, via: string, flags: string[], iface = 'Virtual-Access1'): NhrpEntry => ({
    target,
    via,
    interface: iface,
    type: 'dynamic',
    typeRaw: 'dynamic',
    flags,
    expireSec: 7000,
    nbmaAddress: '192.0.2.50',
  });
  it("shortcuts are the Virtual-Access entries less the next hop's own mapping; changes by prefix", () => {
    const entries = [
      nhrp('10.20.13.0/24', '172.31.1.13', ['router', 'rib', 'nho']),
      nhrp('172.31.1.13/32', '172.31.1.13', ['router', 'nhop', 'rib']),
      nhrp('172.31.1.1/32', '172.31.1.1', [], 'Tunnel1'),
    ];
    const now = shortcutsOf(entries);
    expect(now).toEqual([
      { prefix: '10.20.13.0/24', via: '172.31.1.13', interface: 'Virtual-Access1', nbmaAddress: '192.0.2.50', expireSec: 7000 },
    ]);
    expect(shortcutChanges([], now)).toEqual([{ action: 'appeared', shortcut: now[0] }]);
    expect(shortcutChanges(now, [{ ...now[0]!, expireSec: 10 }])).toEqual([]);
    expect(shortcutChanges(now, [{ ...now[0]!, via: '172.31.2.13' }])).toMatchObject([{ action: 'moved', was: { via: '172.31.1.13' } }]);
    expect(shortcutChanges(now, [])).toEqual([{ action: 'gone', shortcut: now[0] }]);
  });

  it("a shortcut covering or inside a protected prefix is a violation; another spoke's LAN is not", () => {
    const lan = { prefix: '10.20.13.0/24', via: '172.31.1.13', interface: 'Virtual-Access1' };
    const dc = { prefix: '10.0.1.0/24', via: '172.31.1.13', interface: 'Virtual-Access1' };
    const wide = { prefix: '10.0.0.0/8', via: '172.31.1.13', interface: 'Virtual-Access1' };
    expect(shortcutViolations([lan, dc, wide], ['10.0.0.0/16'])).toEqual([
      { shortcut: dc, protectedPrefix: '10.0.0.0/16' },
      { shortcut: wide, protectedPrefix: '10.0.0.0/16' },
    ]);
    expect(shortcutViolations([lan], [])).toEqual([]);
  });
});

describe('the spoke side: config ios and the preflight', () => {
  it("what config ios prints passes the preflight (with the operator's BGP around it); without it, each missing piece is named", () => {
    const operators = [
      'interface Tunnel1',
      'interface Tunnel2',
      'router bgp 65000',
      ` neighbor ${H1} remote-as 65000`,
      ` neighbor ${H2} remote-as 65000`,
    ].join('\n');
    const generated = dualCloudIos({ dualCloud: DC, candidates: CANDIDATES, probeFrequencySec: 3, serviceLevelRttMs: 250 });
    expect(generated).toContain(`ip sla 41\n icmp-echo ${H1} source-interface Tunnel1`);
    // Every measurement over the level, an echo's or a run's average, is logged as it lands: the line wakes the agent's read of the probes.
    for (const op of CANDIDATES.flatMap((c) => c.slaOperations))
      expect(generated).toContain(
        `ip sla reaction-configuration ${op} react rtt threshold-value 250 250 threshold-type immediate action-type trapOnly`,
      );
    expect(generated).toContain('\nip sla logging traps\n');
    // As show running-config prints it: IOS merges the generated neighbour lines into the operator's router bgp block.
    const lines = generated.split('\n');
    const neighbourLines = lines.filter((l) => l.startsWith(' neighbor'));
    const merged = [operators, ...neighbourLines, ...lines.filter((l) => !l.startsWith(' neighbor') && l !== 'router bgp 65000')].join(
      '\n',
    );
    expect(dualCloudPreflight(DC, CANDIDATES, merged)).toEqual([]);
    expect(dualCloudPreflight(DC, CANDIDATES, operators).map((p) => p.code)).toEqual([
      'ROUTE_MAP_NOT_APPLIED',
      'ROUTE_MAP_MISSING',
      'ROUTE_MAP_NOT_APPLIED',
      'ROUTE_MAP_MISSING',
      'COMMUNITY_NOT_SENT',
      'ROUTE_MAP_NOT_APPLIED',
      'ROUTE_MAP_MISSING',
      'ROUTE_MAP_NOT_APPLIED',
      'ROUTE_MAP_MISSING',
      'COMMUNITY_NOT_SENT',
      'SLA_MISSING',
      'SLA_MISSING',
    ]);
    expect(dualCloudPreflight(DC, CANDIDATES, 'router bgp 65001')[0]).toMatchObject({
      code: 'BGP_MISSING',
      message: expect.stringContaining('65001'),
    });
  });

  it('a second operation per hub is an icmp-jitter run to the hub (by the route to it: its tunnel); the preflight accepts it and names one that goes elsewhere', () => {
    const withRuns = [
      { id: 'hub1', peer: H1, source: 'Tunnel1', slaOperations: [41, 51] },
      { id: 'hub2', peer: H2, source: 'Tunnel2', slaOperations: [42, 52] },
    ];
    const generated = dualCloudIos({ dualCloud: DC, candidates: withRuns, probeFrequencySec: 3, serviceLevelRttMs: 250 });
    expect(generated).toContain(`ip sla 51\n icmp-jitter ${H1} interval 40 num-packets 50\n threshold 250\n timeout 1000\n frequency 3`);
    expect(generated).toContain(`ip sla 52\n icmp-jitter ${H2} interval 40 num-packets 50`);
    const operators = [
      'interface Tunnel1',
      'interface Tunnel2',
      'router bgp 65000',
      ` neighbor ${H1} remote-as 65000`,
      ` neighbor ${H2} remote-as 65000`,
    ];
    const lines = generated.split('\n');
    const neighbourLines = lines.filter((l) => l.startsWith(' neighbor'));
    const merged = [...operators, ...neighbourLines, ...lines.filter((l) => !l.startsWith(' neighbor') && l !== 'router bgp 65000')].join(
      '\n',
    );
    expect(dualCloudPreflight(DC, withRuns, merged)).toEqual([]);
    const elsewhere = merged.replace(`icmp-jitter ${H2} `, 'icmp-jitter 10.0.0.1 ');
    expect(dualCloudPreflight(DC, withRuns, elsewhere)).toEqual([
      expect.objectContaining({
        code: 'SLA_WRONG_SOURCE',
        message: expect.stringContaining('52 probes 10.0.0.1 with no source interface'),
      }),
    ]);
  });
});
