import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../agent/parsers/registry.js';
import type { BgpNeighborDetail, BgpNeighborSummary, BgpPathEntry, Route, RouteMapEntry } from '../../proto/records/routing.js';
import { startLabSpoke, type LabSpoke } from '../../lab/spoke.js';
import { ManualClock } from '../../lab/world/clock.js';
import type { SshRouterCli } from '../../agent/adapters/router/ssh-router-cli.js';
import { labSshCli } from '../../lab/harness/lab-ssh-cli.js';

const HUB1 = '172.31.1.1';
const HUB2 = '172.31.2.1';

describe('the dual-cloud lab over real SSH', () => {
  const clock = new ManualClock();
  let spoke: LabSpoke;
  let cli: SshRouterCli;
  beforeAll(async () => {
    spoke = await startLabSpoke({ clock, seed: 11, topology: 'dual-cloud', users: [{ username: 'agent', password: 'pw', privilege: 15 }] });
    cli = labSshCli(spoke.ssh, { username: 'agent', password: 'pw' });
    clock.advance(5_000);
  });
  afterAll(async () => {
    await cli.close();
    await spoke.stop();
  });

  const summary = async (): Promise<BgpNeighborSummary[]> => {
    const result = parseCommandOutput('show ip bgp summary', await cli.show('show ip bgp summary'));
    expect(result.warnings).toEqual([]);
    return result.records as BgpNeighborSummary[];
  };

  it('show ip bgp summary: both hubs established with one prefix each', async () => {
    const rows = await summary();
    expect(rows.map((r) => [r.neighbor, r.remoteAs, r.state, r.prefixesReceived])).toEqual([
      [HUB1, 65000, 'established', 1],
      [HUB2, 65000, 'established', 1],
    ]);
    expect(rows[0]).toMatchObject({ routerId: '10.20.12.1', localAs: 65000 });
  });

  it('show ip route and show ip route bgp: the summary as an iBGP route via hub1, parsed with no warnings', async () => {
    for (const command of ['show ip route', 'show ip route bgp']) {
      const result = parseCommandOutput('show ip route', await cli.show(command));
      expect(result.warnings).toEqual([]);
      const bgp = (result.records as Route[]).filter((r) => r.prefix === '10.0.0.0/8');
      expect(bgp).toHaveLength(1);
      expect(bgp[0]).toMatchObject({ distance: 200 });
      expect(JSON.stringify(bgp[0])).toContain(HUB1);
    }
  });

  it('show ip bgp neighbors X: fall-over, negotiated timers, the tunnel it rides', async () => {
    const text = await cli.show(`show ip bgp neighbors ${HUB1}`);
    expect(text).toMatch(/^BGP neighbor is 172\.31\.1\.1, {2}remote AS 65000, internal link\n Fall over configured for session\n/);
    expect(text).toContain('hold time is 30, keepalive interval is 10 seconds');
    expect(text).toContain('Interface associated: Tunnel1 (peering address NOT in same link)');
  });

  it('a route-map typed over SSH moves the best path to hub2 after clear ip bgp soft in, read back in show bgp ipv4 unicast', async () => {
    await cli.configure([
      'route-map PREFER-HUB2 permit 10',
      'set local-preference 200',
      'router bgp 65000',
      `neighbor ${HUB2} route-map PREFER-HUB2 in`,
    ]);
    await cli.exec(`clear ip bgp ${HUB2} soft in`);
    clock.advance(1_000);
    const table = await cli.show('show bgp ipv4 unicast');
    expect(table).toMatch(new RegExp(`^ \\*>i  10\\.0\\.0\\.0/8 +${HUB2.replace(/\./g, '\\.')} +0 +200 +0 i$`, 'm'));
    expect(await cli.show('show route-map PREFER-HUB2')).toContain('    local-preference 200');
    expect((await summary()).every((r) => r.state === 'established')).toBe(true);
  });

  it('a flow to spoke2 gets an NHRP shortcut: show ip nhrp, show dmvpn and show ip route nhrp over SSH', async () => {
    spoke.router.setFlow('10.20.13.9', true);
    for (let s = 0; s < 3; s++) clock.advance(1_000);
    for (const command of ['show ip nhrp', 'show dmvpn']) {
      const result = parseCommandOutput(command, await cli.show(command));
      expect(result.warnings).toEqual([]);
      expect(result.records).toHaveLength(2);
    }
    const routes = parseCommandOutput('show ip route', await cli.show('show ip route nhrp')).records as Route[];
    // The route-map above made hub2 the best path to 10/8: the resolution went through cloud 2.
    expect(routes.filter((r) => r.protocol === 'nhrp').map((r) => r.prefix)).toEqual(['10.20.13.0/24', '172.31.2.13/32']);
  });

  it('the agent parsers read show bgp ipv4 unicast, show ip bgp neighbors and show route-map back as the model holds them', async () => {
    const read = async <T>(command: string): Promise<T[]> => {
      const result = parseCommandOutput(command, await cli.show(command));
      expect(result.warnings, command).toEqual([]);
      return result.records as T[];
    };
    const paths = await read<BgpPathEntry>('show bgp ipv4 unicast');
    expect(paths.filter((p) => p.network === '10.0.0.0/8').map((p) => [p.nextHop, p.best, p.internal, p.localPref])).toEqual([
      [HUB2, true, true, 200],
      [HUB1, false, true, 100],
    ]);
    expect(paths.find((p) => p.network === '10.20.12.0/24')).toMatchObject({
      nextHop: '0.0.0.0',
      weight: 32768,
      best: true,
      internal: false,
    });
    const neighbors = await read<BgpNeighborDetail>('show ip bgp neighbors');
    expect(
      neighbors.map((n) => [n.neighbor, n.state, n.fallOver, n.holdTimeSec, n.keepaliveSec, n.routeMapIn, n.interface, n.prefixesReceived]),
    ).toEqual([
      [HUB1, 'established', true, 30, 10, undefined, 'Tunnel1', 1],
      [HUB2, 'established', true, 30, 10, 'PREFER-HUB2', 'Tunnel2', 1],
    ]);
    const maps = await read<RouteMapEntry>('show route-map');
    expect(maps).toEqual([
      {
        name: 'PREFER-HUB2',
        action: 'permit',
        sequence: 10,
        match: [],
        set: ['local-preference 200'],
        setLocalPreference: 200,
        policyMatchPackets: 0,
        policyMatchBytes: 0,
      },
    ]);
  });

  it('takes IOS abbreviations and clear ip bgp * soft through the terminal; a bad neighbour line is refused whole', async () => {
    expect(await cli.exec('clear ip bgp * soft')).toBe('');
    const [n] = parseCommandOutput('show ip bgp neighbors', await cli.show(`sh ip bg nei ${HUB1}`)).records as BgpNeighborDetail[];
    expect(n).toMatchObject({ neighbor: HUB1, state: 'established' });
    expect((await summary()).every((r) => r.state === 'established')).toBe(true);
    // The router prints `% Specify remote-as or peer-group commands first` and changes nothing: the adapter reports the refusal.
    await expect(cli.configure(['router bgp 65000', 'neighbor 172.31.9.9 fall-over'])).rejects.toMatchObject({
      code: 'ROUTER_CLI_ERROR',
      line: 'neighbor 172.31.9.9 fall-over',
      message: expect.stringContaining('% Specify remote-as or peer-group commands first'),
    });
    await expect(cli.configure(['router bgp 65001'])).rejects.toMatchObject({
      code: 'ROUTER_CLI_ERROR',
      message: expect.stringContaining('BGP is already running; AS is 65000'),
    });
    await expect(cli.exec('clear ip bgp 172.31.9.9 soft in')).rejects.toMatchObject({ code: 'ROUTER_CLI_ERROR' });
    expect(spoke.router.model.config.bgp!.neighbors.has('172.31.9.9')).toBe(false);
    await expect(cli.configure(['route-map X permit 10', 'set community 65000:70000'])).rejects.toMatchObject({ code: 'ROUTER_CLI_ERROR' });
    expect(spoke.router.model.config.policy.routeMaps.get('X')?.[0]?.set).toEqual({});
  });

  it('hub2 dies: fall-over drops its session within DPD time and the route returns to hub1', async () => {
    spoke.router.world.setHubUp('hub2', false);
    for (let s = 0; s < 30; s++) clock.advance(1_000);
    const rows = await summary();
    expect(rows.find((r) => r.neighbor === HUB2)?.state).not.toBe('established');
    expect(rows.find((r) => r.neighbor === HUB1)?.state).toBe('established');
    const [hub2] = parseCommandOutput('show ip bgp neighbors', await cli.show(`show ip bgp neighbors ${HUB2}`))
      .records as BgpNeighborDetail[];
    expect(hub2).toMatchObject({
      state: 'idle',
      lastResetReason: 'Route to peer lost',
      ribHasRouteToPeer: false,
      connectionsEstablished: 1,
      connectionsDropped: 1,
    });
    const routes = parseCommandOutput('show ip route', await cli.show('show ip route bgp')).records as Route[];
    expect(JSON.stringify(routes.find((r) => r.prefix === '10.0.0.0/8'))).toContain(HUB1);
  });
});
