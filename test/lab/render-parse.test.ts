/**
 * Every show command the lab prints parses with the agent's parsers with zero
 * warnings, in calm and in troubled states, and the records say what the
 * model holds.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../agent/parsers/registry.js';
import type { CryptoSession, FlexVpnClient, IkeV2Sa, IpsecSaIdent } from '../../proto/records/crypto.js';
import type { InterfaceDetail, IpInterfaceBrief, IpSlaStatistics, IpSlaSummary, Track } from '../../proto/records/health.js';
import type { BgpNeighborSummary, Route } from '../../proto/records/routing.js';
import type { LoggingReport, SystemVersion } from '../../proto/records/system.js';
import type { LabRouter } from '../../lab/router/index.js';
import { exec, labRouter, seconds } from './lab-helpers.js';

const COMMANDS = [
  'show crypto ikev2 sa',
  'show crypto ikev2 sa detailed',
  'show crypto session',
  'show crypto session detail',
  'show crypto ipsec sa',
  'show crypto ipsec sa detail',
  'show ip sla statistics',
  'show ip sla statistics details',
  'show ip sla statistics 11 details',
  'show ip sla summary',
  'show track',
  'show track brief',
  'show crypto ikev2 client flexvpn',
  'show ip route',
  'show ipv6 route',
  'show ip interface brief',
  'show interfaces',
  'show interfaces Tunnel100',
  'show ip bgp summary',
  'show version',
  'show logging',
];

function parsed<T>(router: LabRouter, command: string): T[] {
  const out = parseCommandOutput(command, exec(router, command));
  expect(out.warnings, `${command}:\n${exec(router, command)}`).toEqual([]);
  return out.records as T[];
}

const STATES: Array<[string, (r: LabRouter, advance: (s: number) => void) => void]> = [
  ['steady', (_r, advance) => advance(20)],
  [
    'hub 1 dead, SA lingering',
    (r, advance) => {
      r.world.setHubUp('hub1', false);
      advance(3);
    },
  ],
  [
    'after DPD moved to hub 2',
    (r, advance) => {
      r.world.setHubUp('hub1', false);
      advance(40);
    },
  ],
  [
    'fibre lost, on LTE behind NAT',
    (r, advance) => {
      r.world.setPath('GigabitEthernet0/0', '*', { lossPct: 100 });
      advance(30);
    },
  ],
  [
    'both WANs down',
    (r, advance) => {
      r.world.setWanUp('GigabitEthernet0/0', false);
      r.world.setWanUp('Cellular0/1/0', false);
      advance(30);
    },
  ],
  [
    'brownout',
    (r, advance) => {
      r.world.setPath('GigabitEthernet0/0', '*', { latencyMs: 400, jitterMs: 150 });
      advance(30);
    },
  ],
];

describe.each(STATES)('renderers parse with zero warnings: %s', (_name, setup) => {
  const { router, clock } = labRouter({ bgp: { localAs: 65012 }, syslog: { host: '127.0.0.1', port: 9 } });
  setup(router, (s) => seconds(clock, s));
  it.each(COMMANDS)('%s', (command) => {
    parsed(router, command);
  });
});

describe('records match the model', () => {
  it('crypto records carry the active SA, its peer, source, counters and pushed routes', () => {
    const { router, clock } = labRouter();
    seconds(clock, 5);
    const sa = router.model.rt.sas[0]!;
    const [ike] = parsed<IkeV2Sa>(router, 'show crypto ikev2 sa detailed');
    expect(ike).toMatchObject({
      tunnelId: sa.tunnelId,
      localAddress: '192.0.2.10',
      remoteAddress: '198.51.100.1',
      status: 'ready',
      lifetimeSec: 86400,
      dpdIntervalSec: 10,
      pushedAddress: '10.255.1.12',
      remoteSubnets: ['10.0.0.0/8', '172.16.0.0/12'],
    });
    expect(ike!.activeTimeSec).toBe(Math.floor((clock.now() - sa.createdAt) / 1000));
    const [session] = parsed<CryptoSession>(router, 'show crypto session detail');
    expect(session).toMatchObject({ interface: 'Tunnel100', status: 'up-active', peerAddress: '198.51.100.1' });
    expect(session!.flows[0]).toMatchObject({ inboundPktsDecrypted: sa.ipsec.decaps, outboundPktsEncrypted: sa.ipsec.encaps });
    const [ident] = parsed<IpsecSaIdent>(router, 'show crypto ipsec sa');
    expect(ident).toMatchObject({
      interface: 'Tunnel100',
      peerAddress: '198.51.100.1',
      counters: { pktsEncaps: sa.ipsec.encaps, pktsDecaps: sa.ipsec.decaps },
    });
    const [client] = parsed<FlexVpnClient>(router, 'show crypto ikev2 client flexvpn');
    expect(client).toMatchObject({
      profile: 'SPOKE',
      currentState: 'active',
      peer: '198.51.100.1',
      sourceInterface: 'GigabitEthernet0/0',
      tunnelInterface: 'Tunnel100',
    });
  });

  it('IP SLA and track records follow the probes', () => {
    const { router, clock } = labRouter();
    router.world.setPath('GigabitEthernet0/0', 'hub1', { latencyMs: 400, jitterMs: 0 });
    seconds(clock, 10);
    const stats = parsed<IpSlaStatistics>(router, 'show ip sla statistics');
    expect(stats.find((s) => s.operationId === 11)).toMatchObject({ rttMs: 400, returnCode: 'over-threshold' });
    const details = parsed<IpSlaStatistics>(router, 'show ip sla statistics 11 details');
    expect(details).toEqual([
      expect.objectContaining({
        operationId: 11,
        rttMs: 400,
        overThresholdOccurred: true,
        entryState: 'active',
        lastReset: 'never',
        operationTimeToLiveSec: 'forever',
      }),
    ]);
    expect(parsed<IpSlaStatistics>(router, 'show ip sla statistics 1 details')[0]).toMatchObject({
      overThresholdOccurred: false,
      successes: router.model.rt.slas.get(1)!.successes,
    });
    const summary = parsed<IpSlaSummary>(router, 'show ip sla summary');
    expect(summary.map((s) => s.operationId)).toEqual([1, 2, 11, 12, 21, 22]);
    expect(summary.find((s) => s.operationId === 11)).toMatchObject({ destination: '198.51.100.1', rttMs: 400, state: 'active' });
    const tracks = parsed<Track>(router, 'show track');
    expect(tracks.find((t) => t.id === 11)).toMatchObject({ type: 'ip-sla', parameter: 'reachability', state: 'up', latestRttMs: 400 });
    expect(tracks.find((t) => t.id === 1)).toMatchObject({ delayUpSec: 10, delayDownSec: 5 });
    expect(tracks.find((t) => t.id === 101)).toMatchObject({ type: 'stub-object', state: 'up' });
    router.world.setWanUp('Cellular0/1/0', false);
    // A Timeout is known only when the timeout (1000 ms) has run out, a step after the run started.
    seconds(clock, 6);
    const held = parsed<Track>(router, 'show track 2');
    expect(held[0]).toMatchObject({ state: 'up', delayedState: 'down' });
    const brief = parsed<Track>(router, 'show track brief');
    expect(brief.map((t) => [t.id, t.state])).toEqual(
      [...router.model.rt.tracks].sort((a, b) => a[0] - b[0]).map(([id, t]) => [id, t.state]),
    );
  });

  it('routes, interfaces and BGP match the model', () => {
    const { router, clock } = labRouter({ bgp: { localAs: 65012 } });
    seconds(clock, 5);
    const routes = parsed<Route>(router, 'show ip route');
    expect(routes.map((r) => `${r.protocol} ${r.prefix}`)).toEqual(
      router.model.rt.routes.map((r) => `${{ C: 'connected', L: 'local', S: 'static', B: 'bgp', H: 'nhrp' }[r.code]} ${r.prefix}`),
    );
    expect(routes.find((r) => r.prefix === '0.0.0.0/0')).toMatchObject({
      candidateDefault: true,
      distance: 1,
      nextHops: [{ address: '192.0.2.9' }],
    });
    const brief = parsed<IpInterfaceBrief>(router, 'show ip interface brief');
    expect(brief.find((i) => i.name === 'Tunnel100')).toMatchObject({ ipAddress: '10.255.1.12', status: 'up', protocol: 'up' });
    const [tunnel] = parsed<InterfaceDetail>(router, 'show interfaces Tunnel100');
    expect(tunnel).toMatchObject({
      name: 'Tunnel100',
      operState: 'up',
      tunnel: { sourceAddress: '192.0.2.10', sourceInterface: 'GigabitEthernet0/0', destinationAddress: '198.51.100.1' },
    });
    expect(tunnel!.counters?.packetsOutput).toBe(router.model.rt.interfaces.get('Tunnel100')!.counters.packetsOut);
    const bgp = parsed<BgpNeighborSummary>(router, 'show ip bgp summary');
    expect(bgp.find((n) => n.neighbor === '10.255.0.1')).toMatchObject({ state: 'established', prefixesReceived: 6, localAs: 65012 });
  });

  it('show version names the host and the IR829; show logging holds the buffered messages', () => {
    const { router, clock } = labRouter({ syslog: { host: '127.0.0.1', port: 9 } });
    router.world.setWanUp('Cellular0/1/0', false);
    seconds(clock, 2);
    const [version] = parsed<SystemVersion>(router, 'show version');
    expect(version).toMatchObject({ hostname: 'spoke1', version: '15.9(3)M4', chassis: 'IR829GW-LTE-GA-EK9' });
    const [report] = parsed<LoggingReport>(router, 'show logging');
    expect(report!.messages.map((m) => m.mnemonic)).toEqual(['UPDOWN', 'UPDOWN']);
    expect(report!.settings.hosts).toEqual([expect.objectContaining({ address: '127.0.0.1', port: 9 })]);
  });
});

describe('layout follows the corpus', () => {
  const corpus = (path: string) =>
    readFileSync(new URL(`../corpus/${path}`, import.meta.url), 'utf8')
      .split('\n')
      .map((l) => l.replace(/\r$/, ''));
  it('show ip route legend is the spoke sample line for line (bar IOS 15 trailing space variants)', () => {
    const { router } = labRouter();
    const sample = corpus('samples/show_ip_route_spoke_tunnels.txt')
      .slice(0, 9)
      .map((l) => l.trimEnd());
    expect(
      exec(router, 'show ip route')
        .split('\n')
        .slice(0, 9)
        .map((l) => l.trimEnd()),
    ).toEqual(sample);
  });
  it('show track brief header and show crypto ikev2 sa column header are the corpus ones', () => {
    const { router } = labRouter();
    expect(exec(router, 'show track brief').split('\n')[0]).toBe(corpus('samples/show_track_brief_1.txt')[0]);
    const header = corpus('genieparser/show_crypto_ikev2_sa_detailed/iosxe/ShowCryptoIkev2SaDetail/golden_output2_output.txt')[0]!;
    expect(exec(router, 'show crypto ikev2 sa').split('\n')[2]!.trimEnd()).toBe(header.trimEnd());
  });
});
