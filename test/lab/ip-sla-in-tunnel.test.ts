/**
 * An IP SLA probe through the tunnel (`icmp-echo 10.0.0.1 source-interface
 * Tunnel100`, an address in the data centre behind both hubs): it is ESP on
 * the wire, so it meets the data loss of the path the tunnel uses, not the
 * ICMP loss, follows every pivot of the tunnel, and times out while no SA
 * carries it. The agent's parsers read what the lab prints for it.
 */
import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../agent/parsers/registry.js';
import type { IpSlaStatistics, IpSlaSummary } from '../../proto/records/health.js';
import { baselineConfig } from '../../lab/harness/arms.js';
import { defaultLabConfig } from '../../lab/router/default-config.js';
import { computeRoutes, egressInterface } from '../../lab/router/dynamics/routes.js';
import type { LabRouter } from '../../lab/router/index.js';
import { DEFAULT_SERVICE_LEVEL } from '../../lab/scenario/schema.js';
import { defaultWorldSpec } from '../../lab/world/default-world.js';
import { activePeer, exec, labRouter, seconds } from './lab-helpers.js';

const FIBRE = 'GigabitEthernet0/0';
const LTE = 'Cellular0/1/0';
const HUB2 = '203.0.113.1';
/** Inside 10.0.0.0/8, which both hubs push by IKEv2 routing (lab/world/default-world.ts). */
const DC_HOST = '10.0.0.1';

const IN_TUNNEL = [
  'ip sla 31',
  ` icmp-echo ${DC_HOST} source-interface Tunnel100`,
  ' threshold 250',
  ' timeout 1000',
  ' frequency 3',
  'ip sla schedule 31 life forever start-time now',
].join('\n');

function withInTunnelProbe(): ReturnType<typeof labRouter> {
  const made = labRouter();
  made.router.configure(IN_TUNNEL);
  return made;
}

const code = (r: LabRouter, op: number) => r.model.rt.slas.get(op)?.code;
const rtt = (r: LabRouter, op: number) => r.model.rt.slas.get(op)?.rttMs;
const source = (r: LabRouter) => r.state().clients.find((c) => c.phase === 'connected')?.source;

describe('a probe through the tunnel', () => {
  it('is answered through the tunnel only: the same address probed out of a WAN in the clear times out', () => {
    const { router, clock } = withInTunnelProbe();
    router.configure(
      [
        'ip sla 32',
        ` icmp-echo ${DC_HOST} source-interface ${FIBRE}`,
        ' timeout 1000',
        ' frequency 3',
        'ip sla schedule 32 life forever start-time now',
      ].join('\n'),
    );
    seconds(clock, 4);
    expect(code(router, 31)).toBe('ok');
    expect(code(router, 32)).toBe('timeout');
  });

  it('meets data loss and not ICMP loss; the underlay probe of the same path the other way round', () => {
    const { router, clock } = withInTunnelProbe();
    router.world.setPath(FIBRE, 'hub1', { byKind: { data: { roundTrip: { pct: 100 } } } });
    seconds(clock, 7);
    expect([code(router, 31), code(router, 11)]).toEqual(['timeout', 'ok']);
    expect(activePeer(router)).toBe('198.51.100.1'); // DPD (IKE) still passes: the tunnel stays and carries nothing
    router.world.setPath(FIBRE, 'hub1', { byKind: { data: null, icmp: { roundTrip: { pct: 100 } } } });
    seconds(clock, 7);
    expect([code(router, 31), code(router, 11)]).toEqual(['ok', 'timeout']);
  });

  it('has the latency of the path the tunnel uses, and follows its pivots to another WAN and hub', () => {
    const { router, clock } = withInTunnelProbe();
    router.world.setPath(FIBRE, 'hub1', { latencyMs: 20, jitterMs: 0 });
    router.world.setPath(LTE, 'hub1', { latencyMs: 150, jitterMs: 0 });
    router.world.setPath(LTE, 'hub2', { latencyMs: 300, jitterMs: 0 });
    seconds(clock, 4);
    expect(rtt(router, 31)).toBe(20);
    const lteBytes = router.model.rt.interfaces.get(LTE)!.counters.bytesOut;
    router.configure('track 111 stub-object\n default-state down'); // forbid the fibre as a source: the tunnel pivots to LTE
    seconds(clock, 8);
    expect(source(router)).toBe(LTE);
    expect(rtt(router, 31)).toBe(150);
    expect(router.model.rt.interfaces.get(LTE)!.counters.bytesOut).toBeGreaterThan(lteBytes);
    router.configure('track 101 stub-object\n default-state down'); // forbid hub 1: the client moves to hub 2
    seconds(clock, 8);
    expect(activePeer(router)).toBe(HUB2);
    expect(rtt(router, 31)).toBe(300);
  });

  it('times out while the tunnel is down and while it is being re-established, and is answered once it is up', () => {
    const { router, clock } = withInTunnelProbe();
    seconds(clock, 4);
    expect(code(router, 31)).toBe('ok');
    router.configure('track 111 stub-object\n default-state down\ntrack 112 stub-object\n default-state down'); // no source may carry the tunnel
    seconds(clock, 8);
    expect(router.state().clients[0]?.phase).toBe('idle');
    expect(code(router, 31)).toBe('timeout');
    expect(exec(router, 'show ip sla statistics 31')).toContain('        Latest RTT: NoConnection/Busy/Timeout\n');
    const upAt: number[] = [];
    const timeouts: number[] = [];
    router.subscribe((e) => {
      if (e.kind === 'ike-session' && e.state === 'up') upAt.push(e.at);
    });
    router.configure('track 111 stub-object\n default-state up\ntrack 112 stub-object\n default-state up');
    for (let i = 0; i < 12; i++) {
      seconds(clock, 1);
      const rt = router.model.rt.slas.get(31)!;
      if (rt.code === 'timeout') timeouts.push(rt.lastStartAt!);
    }
    expect(upAt).toHaveLength(1);
    // Every run started before the SA came up timed out; the tunnel's first full run after it is answered.
    expect(timeouts.every((start) => start < upAt[0]!)).toBe(true);
    expect(code(router, 31)).toBe('ok');
  });

  it('a warm-started router has answered its in-tunnel probe already', () => {
    const { router } = labRouter({ config: `${defaultLabConfig(defaultWorldSpec())}\n${IN_TUNNEL}` });
    expect(code(router, 31)).toBe('ok');
  });
});

describe('the agent reads the in-tunnel operation', () => {
  it('show ip sla statistics 31 and the summary parse without warnings into what the model holds', () => {
    const { router, clock } = withInTunnelProbe();
    seconds(clock, 10);
    const text = exec(router, 'show ip sla statistics 31');
    const stats = parseCommandOutput('show ip sla statistics 31', text);
    expect(stats.warnings, text).toEqual([]);
    const rt = router.model.rt.slas.get(31)!;
    expect(stats.records).toEqual([
      expect.objectContaining({ operationId: 31, returnCode: 'ok', rttMs: rt.rttMs, successes: rt.successes, failures: rt.failures }),
    ] as IpSlaStatistics[]);
    const summary = parseCommandOutput('show ip sla summary', exec(router, 'show ip sla summary'));
    expect(summary.warnings).toEqual([]);
    expect((summary.records as IpSlaSummary[]).find((s) => s.operationId === 31)).toMatchObject({
      type: 'icmp-echo',
      destination: DC_HOST,
      state: 'active',
    });
  });
});

describe('the interface a destination leaves by (longest match, next hop resolved recursively)', () => {
  const routes = computeRoutes({
    connected: [
      { interface: FIBRE, address: '192.0.2.10', prefixLength: 29 },
      { interface: 'Vlan1', address: '10.20.12.1', prefixLength: 24 },
      { interface: 'Tunnel100', address: '10.255.1.12', prefixLength: 32 },
    ],
    statics: [
      { prefix: '0.0.0.0/0', distance: 1, via: '192.0.2.9' },
      { prefix: '10.0.0.0/8', distance: 1, interface: 'Tunnel100' },
    ],
    bgp: [{ prefix: '10.100.0.0/24', via: '10.255.0.1', installedAt: 0 }],
  });
  it.each([
    ['a data-centre host: the pushed summary, into the tunnel', DC_HOST, 'Tunnel100'],
    ['the LAN: its connected /24 beats the /8', '10.20.12.7', 'Vlan1'],
    ['a BGP prefix via the hub tunnel address, resolved through the /8', '10.100.0.9', 'Tunnel100'],
    ['the internet: the default route via the fibre gateway, resolved to its connected subnet', '8.8.8.8', FIBRE],
  ])('%s', (_name, address, egress) => {
    expect(egressInterface(routes, address)).toBe(egress);
  });
  it('no route at all: nowhere', () => {
    expect(egressInterface(computeRoutes({ connected: [], statics: [], bgp: [] }), DC_HOST)).toBeUndefined();
  });
});

describe('the tuned baselines carry the in-tunnel probe', () => {
  it.each(['ios-tuned.ios', 'agent-on-ios-tuned.ios', 'ios-tuned-combined.ios', 'agent-on-ios-tuned-combined.ios'])(
    '%s: ip sla 31, an icmp-jitter routed through Tunnel100, is answered, and no track follows it',
    (file) => {
      const config = baselineConfig(file, DEFAULT_SERVICE_LEVEL);
      expect(config).toContain(
        `ip sla 31\n icmp-jitter ${DC_HOST} interval 20 num-packets 10\n threshold ${DEFAULT_SERVICE_LEVEL.latencyMs}\n timeout 1000\n frequency 3\n`,
      );
      expect(config).not.toMatch(/^track \d+ ip sla 31 /m);
      const { router, clock } = labRouter({ config });
      seconds(clock, 4);
      expect(code(router, 31)).toBe('ok');
      const stats = exec(router, 'show ip sla statistics 31');
      expect(stats).toMatch(/Type of operation: icmp-jitter/);
      expect(stats).toMatch(/Number Of RTT: 10\b/);
      // ESP on the wire: the run crossed the tunnel, not a WAN directly.
      expect(exec(router, 'show interfaces Tunnel100')).toMatch(/[1-9]\d* packets output/);
    },
  );
});
