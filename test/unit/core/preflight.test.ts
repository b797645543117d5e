import { describe, expect, it } from 'vitest';
import { preflight, type PreflightTargets } from '../../../agent/core/preflight.js';

const RUNNING = `!
hostname spoke1
!
track 1 ip sla 1 reachability
 delay up 10 down 5
!
track 101 stub-object
 default-state up
!
track 102 stub-object
 default-state up
!
track 111 stub-object
 default-state up
!
track 201 list boolean and
 object 1
 object 111
!
crypto ikev2 client flexvpn SPOKE
  peer 1 192.0.2.1 track 101
  peer 2 203.0.113.1 track 102
  source 1 GigabitEthernet0/0 track 201
  client connect Tunnel100
!
ip sla 11
 icmp-echo 192.0.2.1 source-interface GigabitEthernet0/0
 frequency 3
ip sla 12
 icmp-echo 203.0.113.1 source-interface GigabitEthernet0/0
!
`;

const TARGETS: PreflightTargets = {
  client: 'SPOKE',
  strategy: 'stub-tracks',
  peers: [
    { address: '192.0.2.1', stubTrack: 101 },
    { address: '203.0.113.1', stubTrack: 102 },
  ],
  sources: [{ interface: 'GigabitEthernet0/0', stubTrack: 111 }],
  candidates: [
    { id: 'fibre-hub1', peer: '192.0.2.1', source: 'GigabitEthernet0/0', slaOperations: [11] },
    { id: 'fibre-hub2', peer: '203.0.113.1', source: 'GigabitEthernet0/0', slaOperations: [12] },
  ],
};

const codes = (t: PreflightTargets, text = RUNNING) => preflight(t, text).map((p) => p.code);

describe("preflight: the configuration against the router's running configuration", () => {
  it('passes a router configured as the file expects (the source through a list track)', () => {
    expect(preflight(TARGETS, RUNNING)).toEqual([]);
  });

  it.each([
    ['a wrong client name', { ...TARGETS, client: 'FLEX' }, RUNNING, ['CLIENT_MISSING']],
    [
      'a peer the client does not have',
      { ...TARGETS, peers: [...TARGETS.peers, { address: '198.51.100.9', stubTrack: 103 }] },
      RUNNING,
      ['PEER_NOT_IN_CLIENT', 'STUB_MISSING'],
    ],
    [
      'a peer tracked by something else',
      TARGETS,
      RUNNING.replace('peer 2 203.0.113.1 track 102', 'peer 2 203.0.113.1 track 1'),
      ['PEER_TRACK_NOT_AGENTS'],
    ],
    ['a source whose list lacks the stub', TARGETS, RUNNING.replace(' object 111\n', ''), ['SOURCE_TRACK_NOT_AGENTS']],
    [
      'a stub track that is not a stub',
      { ...TARGETS, peers: [TARGETS.peers[0]!, { address: '203.0.113.1', stubTrack: 1 }] },
      RUNNING.replace('peer 2 203.0.113.1 track 102', 'peer 2 203.0.113.1 track 1'),
      ['STUB_NOT_STUB'],
    ],
    [
      'an SLA operation that does not exist',
      { ...TARGETS, candidates: [{ ...TARGETS.candidates[0]!, slaOperations: [11, 99] }, TARGETS.candidates[1]!] },
      RUNNING,
      ['SLA_MISSING'],
    ],
    [
      'an SLA operation probing from another WAN',
      { ...TARGETS, candidates: [TARGETS.candidates[0]!, { ...TARGETS.candidates[1]!, source: 'Cellular0/1/0' }] },
      RUNNING,
      ['SLA_WRONG_SOURCE'],
    ],
    [
      "an SLA operation probing another of the file's hubs (numbers swapped)",
      {
        ...TARGETS,
        candidates: [
          { ...TARGETS.candidates[0]!, slaOperations: [12] },
          { ...TARGETS.candidates[1]!, slaOperations: [11] },
        ],
      },
      RUNNING,
      ['SLA_WRONG_PEER', 'SLA_WRONG_PEER'],
    ],
    [
      "a hub's probe listed by a candidate on the other hub only",
      {
        ...TARGETS,
        candidates: [
          { ...TARGETS.candidates[0]!, slaOperations: [11, 12] },
          { ...TARGETS.candidates[1]!, slaOperations: [11] },
        ],
      },
      RUNNING,
      ['SLA_WRONG_PEER'],
    ],
    [
      'a WAN probe shared by candidates on both hubs (config ios makes one): not a problem',
      { ...TARGETS, candidates: [TARGETS.candidates[0]!, { ...TARGETS.candidates[1]!, slaOperations: [12, 11] }] },
      RUNNING,
      [],
    ],
    [
      'a probe of an address that is no hub of the file (an anchor, a loopback behind the hub): not a problem',
      TARGETS,
      RUNNING.replace('icmp-echo 192.0.2.1 source-interface', 'icmp-echo 10.255.0.1 source-interface'),
      [],
    ],
    [
      'an in-tunnel probe that does not exist',
      { ...TARGETS, tunnelProbes: { tunnel: 'Tunnel100', operations: [31] } },
      RUNNING,
      ['SLA_MISSING'],
    ],
    [
      'an in-tunnel probe sent over a WAN',
      { ...TARGETS, tunnelProbes: { tunnel: 'Tunnel100', operations: [11] } },
      RUNNING,
      ['SLA_WRONG_SOURCE'],
    ],
  ] as const)('finds %s', (_what, targets, text, expected) => {
    expect(codes(targets, text)).toEqual(expected);
  });

  it('takes an in-tunnel jitter operation routed to its target (it has no source interface), not one sent over a WAN', () => {
    const jitter = (head: string) => RUNNING + `ip sla 31\n ${head}\n frequency 3\n`;
    const targets = { ...TARGETS, tunnelProbes: { tunnel: 'Tunnel100', operations: [31] } };
    expect(codes(targets, jitter('icmp-jitter 10.0.0.1 num-packets 10 interval 20'))).toEqual([]);
    expect(codes(targets, jitter('icmp-jitter 10.0.0.1 source-ip 10.255.0.7'))).toEqual([]);
    expect(codes({ ...targets, tunnelProbes: { tunnel: 'Tunnel100', operations: [11] } })).toEqual(['SLA_WRONG_SOURCE']);
  });

  it("finds the stub through a list inside a list (the stub gated by the agent's presence)", () => {
    const gated =
      RUNNING.replace('peer 2 203.0.113.1 track 102', 'peer 2 203.0.113.1 track 902') +
      'track 901 list boolean or\n object 102\n object 190 not\ntrack 902 list boolean and\n object 92\n object 901\n';
    expect(codes(TARGETS, gated)).toEqual([]);
  });

  it('every problem says what to configure', () => {
    for (const p of preflight({ ...TARGETS, client: 'FLEX' }, RUNNING)) expect(p.fix.length).toBeGreaterThan(10);
    expect(preflight({ ...TARGETS, client: 'FLEX' }, RUNNING)[0]!.fix).toContain('SPOKE'); // names the clients there are
  });
});

describe('preflight with EEM applets setting the stub tracks', () => {
  const applets = (tracks: number[]) =>
    tracks
      .flatMap((t) =>
        ['up', 'down'].flatMap((s) => [
          `event manager applet SP-${t}-${s.toUpperCase()}`,
          ' event none',
          ` action 1 track set ${t} state ${s}`,
          '!',
        ]),
      )
      .join('\n');
  const eem: PreflightTargets = { ...TARGETS, eemAppletPrefix: 'SP' };

  it('passes when every stub track has its UP and DOWN applet, registered with event none', () => {
    expect(preflight(eem, RUNNING + applets([101, 102, 111]))).toEqual([]);
  });

  it('names a missing applet, one not registered with event none, and one that sets the wrong track or state', () => {
    const text =
      RUNNING +
      applets([101, 102]).replace(' event none', ' event timer watchdog time 60') +
      '\nevent manager applet SP-111-UP\n event none\n action 1 track set 111 state down\n!\n';
    const problems = preflight(eem, text);
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      ['APPLET_WRONG', 'EEM applet SP-101-UP is not registered with event none, so the agent cannot run it'],
      ['APPLET_WRONG', 'EEM applet SP-111-UP does not set track 111 up'],
      ['APPLET_MISSING', 'EEM applet SP-111-DOWN (sets track 111 down) does not exist'],
    ]);
    expect(problems[2]!.fix).toBe('event manager applet SP-111-DOWN / event none / action 1 track set 111 state down');
  });

  it('does not look for applets when the tracks are set by configuration', () => {
    expect(preflight(TARGETS, RUNNING)).toEqual([]);
  });
});
