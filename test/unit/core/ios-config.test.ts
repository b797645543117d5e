import { describe, expect, it } from 'vitest';
import { iosConfig, type IosConfigInput } from '../../../agent/core/ios-config.js';
import { preflight } from '../../../agent/core/preflight.js';
import { routerJudgement } from '../../../agent/core/router-judgement.js';

const FIBRE = 'GigabitEthernet0/0';
const LTE = 'Cellular0/1/0';
const HUB1 = '192.0.2.1';
const HUB2 = '192.0.2.2';

const INPUT: IosConfigInput = {
  site: 'paris',
  node: 'spoke-17',
  client: 'FLEX',
  tunnel: 'Tunnel100',
  probeFrequencySec: 10,
  serviceLevelRttMs: 250,
  peers: [
    { address: HUB1, stubTrack: 101 },
    { address: HUB2, stubTrack: 102 },
  ],
  sources: [{ interface: FIBRE, stubTrack: 111 }],
  candidates: [
    { id: 'fibre-hub1', peer: HUB1, source: FIBRE, slaOperations: [11, 1] },
    { id: 'fibre-hub2', peer: HUB2, source: FIBRE, slaOperations: [12, 1] },
  ],
  syslogListen: '0.0.0.0:5514',
  username: 'spokepilot',
};

const TWO_BY_TWO: IosConfigInput = {
  ...INPUT,
  sources: [
    { interface: FIBRE, stubTrack: 111 },
    { interface: LTE, stubTrack: 112 },
  ],
  candidates: [
    { id: 'fibre-hub1', peer: HUB1, source: FIBRE, slaOperations: [11] },
    { id: 'fibre-hub2', peer: HUB2, source: FIBRE, slaOperations: [12] },
    { id: 'lte-hub1', peer: HUB1, source: LTE, slaOperations: [21] },
    { id: 'lte-hub2', peer: HUB2, source: LTE, slaOperations: [22] },
  ],
};

const THREE_HUBS_ONE_MISSING_PATH: IosConfigInput = {
  ...TWO_BY_TWO,
  peers: [...TWO_BY_TWO.peers, { address: '192.0.2.3', stubTrack: 103 }],
  candidates: [...TWO_BY_TWO.candidates, { id: 'fibre-hub3', peer: '192.0.2.3', source: FIBRE, slaOperations: [13] }],
};

/** The LTE metered, with full-rate probes 23 and 24 the agent runs only while needed. */
const METERED_LTE: IosConfigInput = {
  ...TWO_BY_TWO,
  sources: [
    { interface: FIBRE, stubTrack: 111 },
    { interface: LTE, stubTrack: 112, metered: { fullRateOperations: [23, 24] } },
  ],
  candidates: TWO_BY_TWO.candidates.map((c) =>
    c.source === LTE ? { ...c, slaOperations: [...c.slaOperations, c.slaOperations[0]! + 2] } : c,
  ),
};

const text = (i: IosConfigInput) => {
  const r = iosConfig(i);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.text;
};
const targets = (i: IosConfigInput) => ({ client: i.client, peers: i.peers, sources: i.sources });

describe('config ios: service classes', () => {
  it("generates each class probe per path, marked with the class's DSCP, as a template for the WAN's address", () => {
    const t = text({
      ...TWO_BY_TWO,
      classes: [{ name: 'voice', dscp: 46, critical: true, lossPct: 1, rttMs: 150, jitterMs: 30 }],
      candidates: TWO_BY_TWO.candidates.map((c, i) => ({ ...c, classOperations: { voice: [131 + i] } })),
    });
    expect(t).toContain(
      [
        '! ip sla 131',
        `!  udp-jitter ${HUB1} 16384 source-ip <address of ${FIBRE}> num-packets 100 interval 20`,
        '!  tos 184',
        '!  threshold 150',
        '!  timeout 1000',
        '!  frequency 5',
        '! ip sla schedule 131 life forever start-time now',
      ].join('\n'),
    );
    expect(t).toContain(`! ip sla 134\n!  udp-jitter ${HUB2} 16384 source-ip <address of ${LTE}>`);
    expect(text(TWO_BY_TWO)).not.toContain('udp-jitter');
  });
});

describe('config ios: a metered WAN', () => {
  it('probes it slowly in standby and generates its full-rate probes unscheduled, for the agent to start', () => {
    const t = text(METERED_LTE);
    const block = (op: number) =>
      t.slice(t.indexOf(`\nip sla ${op}\n`), t.indexOf('\n', t.indexOf(' frequency', t.indexOf(`\nip sla ${op}\n`)) + 1));
    expect(block(21)).toContain(' frequency 30');
    expect(block(23)).toContain(' frequency 10');
    expect(block(11)).toContain(' frequency 10');
    expect(t).toContain('ip sla schedule 21 life forever start-time now');
    expect(t).not.toContain('ip sla schedule 23');
    expect(t).not.toContain('ip sla schedule 24');
    expect(t).toContain('! ip sla 23: full-rate probe of metered Cellular0/1/0, not scheduled');
  });
});

describe('config ios: the layered configuration a file expects', () => {
  it.each([
    ['one WAN, two hubs, a shared WAN probe', INPUT],
    ['two WANs, two hubs', TWO_BY_TWO],
    ['three hubs, one reached over the fibre only', THREE_HUBS_ONE_MISSING_PATH],
    ['a metered LTE with full-rate probes', METERED_LTE],
  ])('%s: passes the preflight, and each line is judged by exactly its IOS judgement track', (_name, input) => {
    const t = text(input);
    expect(preflight({ ...targets(input), candidates: input.candidates, strategy: 'stub-tracks' }, t)).toEqual([]);
    const j = routerJudgement(targets(input), t);
    // Base 500: peer judgement 731.., source judgement 721.. (agent/core/ios-config-layout.ts).
    expect(j.peers).toEqual(input.peers.map((p, k) => ({ address: p.address, terms: [{ track: 731 + k, negated: false }] })));
    expect(j.sources).toEqual(input.sources.map((s, k) => ({ interface: s.interface, terms: [{ track: 721 + k, negated: false }] })));
  });

  it.each([
    // what, expected lines in order (a block's head and its objects)
    ['path state, held against flaps', ['track 503 ip sla 21 state', ' delay up 60 down 4']],
    ['path reachability', ['track 603 ip sla 21 reachability']],
    ['the LTE routes IP', ['track 702 interface Cellular0/1/0 ip routing']],
    ['the LTE reaches a hub within the service level', ['track 712 list boolean or', '  object 503', '  object 504']],
    ["the LTE's judgement", ['track 722 list boolean and', '  object 702', '  object 712']],
    ['hub 2 answers over either WAN', ['track 732 list boolean or', '  object 602', '  object 604', ' delay up 30 down 4']],
    ["hub 2's line: IOS AND the agent", ['track 782 list boolean and', '  object 732', '  object 102']],
    ["the LTE's line", ['track 802 list boolean and', '  object 722', '  object 112']],
    ['periodic DPD', ['crypto ikev2 dpd 10 2 periodic']],
    [
      'the client',
      [
        'crypto ikev2 client flexvpn FLEX',
        '  peer 1 192.0.2.1 track 781',
        '  peer 2 192.0.2.2 track 782',
        '  peer reactivate',
        '  source 1 GigabitEthernet0/0 track 801',
        '  source 2 Cellular0/1/0 track 802',
        '  client connect Tunnel100',
        'interface Tunnel100',
        ' tunnel source dynamic',
      ],
    ],
    [
      'a path probe with the service level as threshold',
      [
        'ip sla 22',
        ' icmp-echo 192.0.2.2 source-interface Cellular0/1/0',
        ' threshold 250',
        ' timeout 1000',
        ' frequency 10',
        'ip sla schedule 22 life forever start-time now',
      ],
    ],
  ])('generalises ios-tuned: %s', (_what, lines) => {
    expect(text(TWO_BY_TWO)).toContain(lines.join('\n') + '\n');
  });

  it('says what it cannot know instead of inventing it', () => {
    const t = text({ ...INPUT, tunnelSlaOperations: [31] });
    expect(t).toMatch(/^! ip sla 1 is shared by fibre-hub1, fibre-hub2: a probe of WAN GigabitEthernet0\/0/m);
    expect(t).toMatch(/^! {3}logging host <app-address> transport udp port 5514$/m);
    expect(t).toMatch(/^! {3}username spokepilot privilege 15 secret </m);
    expect(t).toMatch(/^! ip sla 31\n! {2}icmp-jitter <an address behind the hubs> interval 20 num-packets 10$/m);
    expect(t).not.toMatch(/^(logging|username) /m); // never a command with a made-up value
    expect(t).not.toMatch(/^ip sla 31$/m);
    // Only the template is missing: the preflight names the in-tunnel operation, and nothing else.
    const problems = preflight(
      { ...targets(INPUT), candidates: INPUT.candidates, strategy: 'stub-tracks', tunnelProbes: { tunnel: 'Tunnel100', operations: [31] } },
      t,
    );
    expect(problems.map((p) => p.code)).toEqual(['SLA_MISSING']);
  });

  it('refuses to write one operation for two WANs', () => {
    const t = text({ ...INPUT, candidates: [...INPUT.candidates, { id: 'lte-hub1', peer: HUB1, source: LTE, slaOperations: [1] }] });
    expect(t).toMatch(/^! ip sla 1 is listed for candidates on GigabitEthernet0\/0 and Cellular0\/1\/0/m);
    expect(t).not.toMatch(/^ip sla 1$/m);
  });

  it('keeps a timeout IOS accepts, and probes no faster than it, when the service level is slower than a second', () => {
    expect(text({ ...TWO_BY_TWO, serviceLevelRttMs: 1500.4 })).toContain(' threshold 1500\n timeout 1500\n frequency 10\n');
    expect(text({ ...TWO_BY_TWO, serviceLevelRttMs: 1500, probeFrequencySec: 1 })).toContain(' timeout 1500\n frequency 2\n');
  });
});

describe('config ios with EEM applets setting the stub tracks', () => {
  const eem = { ...TWO_BY_TWO, eemAppletPrefix: 'SP' };

  it('adds an event-none applet per stub track and state, and passes the preflight that looks for them', () => {
    const t = text(eem);
    expect(t).toContain('event manager applet SP-111-DOWN\n event none\n action 1 track set 111 state down');
    expect(t.match(/^event manager applet /gm)).toHaveLength(2 * 4);
    expect(preflight({ ...targets(eem), candidates: eem.candidates, strategy: 'stub-tracks', eemAppletPrefix: 'SP' }, t)).toEqual([]);
    // Without the applets that same preflight fails: it does look.
    expect(
      preflight({ ...targets(eem), candidates: eem.candidates, strategy: 'stub-tracks', eemAppletPrefix: 'SP' }, text(TWO_BY_TWO)).map(
        (p) => p.code,
      ),
    ).toEqual(Array(8).fill('APPLET_MISSING'));
  });

  it("offers a CLI view of exec commands only for the agent's user, commented, instead of privilege 15", () => {
    const t = text(eem);
    expect(t).toContain('!   username spokepilot view SPOKEPILOT secret');
    expect(t).toContain('!    commands exec include event manager run');
    expect(t).not.toMatch(/commands configure|privilege 15 secret/);
    expect(t).not.toMatch(/^(aaa|parser|username) /m);
    expect(text(TWO_BY_TWO)).toContain('privilege 15 secret');
  });
});
