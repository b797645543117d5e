import { describe, expect, it } from 'vitest';
import { iosConfig, type IosConfigInput } from '../../../agent/core/ios-config.js';
import { preflight } from '../../../agent/core/preflight.js';
import { routerJudgement } from '../../../agent/core/router-judgement.js';

const BASE: IosConfigInput = {
  site: 'paris',
  node: 'spoke-17',
  client: 'FLEX',
  tunnel: 'Tunnel100',
  probeFrequencySec: 10,
  serviceLevelRttMs: 250,
  peers: [
    { address: '192.0.2.1', stubTrack: 101 },
    { address: '192.0.2.2', stubTrack: 102 },
  ],
  sources: [{ interface: 'GigabitEthernet0/0', stubTrack: 111 }],
  candidates: [
    { id: 'fibre-hub1', peer: '192.0.2.1', source: 'GigabitEthernet0/0', slaOperations: [11] },
    { id: 'fibre-hub2', peer: '192.0.2.2', source: 'GigabitEthernet0/0', slaOperations: [12] },
  ],
  syslogListen: '0.0.0.0:5514',
};
const ON: IosConfigInput = { ...BASE, presenceListen: '0.0.0.0:8443', appAddress: '192.168.5.2' };

const text = (i: IosConfigInput) => {
  const r = iosConfig(i);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.text;
};

describe('config ios: presence gating', () => {
  it.each([
    ['neither presence.listen nor --app-address', BASE, /set presence\.listen in the file .* and give --app-address/],
    ['presence.listen without --app-address', { ...BASE, presenceListen: '0.0.0.0:8443' }, /give --app-address A\.B\.C\.D/],
    [
      '--app-address without presence.listen',
      { ...BASE, appAddress: '192.168.5.2' },
      /in control:\n! {3}set presence\.listen in the file \(a port the agent opens only while in control\)\.$/m,
    ],
  ])('%s: no presence lines, a comment saying what to add', (_name, input, comment) => {
    const t = text(input);
    expect(t).toMatch(/^! Presence gating is not generated/m);
    expect(t).toMatch(comment);
    expect(t).not.toMatch(/tcp-connect|^ {2}object \d+ not$/m);
    expect(t).toContain('track 781 list boolean and\n  object 731\n  object 101\n'); // the stub, ungated
  });

  it('with both: a tcp-connect probe of the presence port, and every stub counts only while it connects', () => {
    const t = text(ON);
    expect(t).toContain(
      [
        'ip sla 500',
        ' tcp-connect 192.168.5.2 8443 control disable',
        ' frequency 5',
        ' timeout 1000',
        'ip sla schedule 500 life forever start-time now',
        'track 500 ip sla 500 reachability',
        ' delay down 10 up 5',
      ].join('\n'),
    );
    for (const [allow, stub] of [
      [751, 101],
      [752, 102],
      [771, 111],
    ]) {
      expect(t).toContain(`track ${allow} list boolean or\n  object ${stub}\n  object 500 not\n`);
    }
    expect(t).toContain('track 781 list boolean and\n  object 731\n  object 751\n');
    expect(t).toContain('track 801 list boolean and\n  object 721\n  object 771\n');
    expect(t).toMatch(/^! {3}logging host 192\.168\.5\.2 transport udp port 5514$/m); // the address given, still for the operator to paste
    expect(t).not.toMatch(/^! Presence gating is not generated/m);
  });

  it("with both: the router's own judgement is still exactly the IOS track of each line", () => {
    const j = routerJudgement({ client: 'FLEX', peers: ON.peers, sources: ON.sources }, text(ON));
    expect(j.peers.map((p) => p.terms)).toEqual([[{ track: 731, negated: false }], [{ track: 732, negated: false }]]);
    expect(j.sources.map((s) => s.terms)).toEqual([[{ track: 721, negated: false }]]);
  });

  // The gated stub is two levels down (line AND -> allow OR -> stub): preflight follows lists.
  it('with both: passes the preflight', () => {
    expect(
      preflight({ client: 'FLEX', peers: ON.peers, sources: ON.sources, candidates: ON.candidates, strategy: 'stub-tracks' }, text(ON)),
    ).toEqual([]);
  });

  it.each([
    ['an app address that is not IPv4', { ...ON, appAddress: '192.168.5.2\nlogging host 6.6.6.6' }, 'BAD_APP_ADDRESS'],
    [
      'a presence probe that takes a probe of the file',
      { ...ON, candidates: [ON.candidates[0]!, { ...ON.candidates[1]!, slaOperations: [500] }] },
      'SLA_COLLISION',
    ],
  ])('refuses %s', (_name, input, code) => {
    const r = iosConfig(input);
    expect(r.ok ? [] : r.problems.map((p) => p.code)).toEqual([code]);
  });
});
