import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../agent/parsers/registry.js';
import type { FlexVpnClient } from '../../proto/records/crypto.js';
import type { Track } from '../../proto/records/health.js';
import { startLabSpoke, type LabSpoke } from '../../lab/spoke.js';
import { ManualClock } from '../../lab/world/clock.js';
import type { SshRouterCli } from '../../agent/adapters/router/ssh-router-cli.js';
import { labSshCli } from '../../lab/harness/lab-ssh-cli.js';

/** Every command the parsers support that the lab models, as an agent would type it. */
const COMMANDS = [
  'show crypto ikev2 sa',
  'show crypto ikev2 sa detailed',
  'show crypto session',
  'show crypto session detail',
  'show crypto ipsec sa',
  'show crypto ipsec sa detail',
  'show ip sla statistics',
  'show ip sla summary',
  'show track',
  'show track brief',
  'show crypto ikev2 client flexvpn',
  'show ip route',
  'show ip interface brief',
  'show interfaces',
  'show interfaces Tunnel100',
  'show version',
  'show logging',
  'show ipv6 route',
  'show ip bgp summary',
  'show bgp ipv4 unicast summary',
];

/** Commands a FlexVPN spoke answers with no records (no NHRP), still with zero warnings. */
const EMPTY_COMMANDS = ['show ip nhrp', 'show dmvpn'];

describe('the lab over real SSH, read by the agent adapter and parsers', () => {
  const clock = new ManualClock();
  let spoke: LabSpoke;
  let cli: SshRouterCli;
  beforeAll(async () => {
    spoke = await startLabSpoke({ clock, seed: 7, bgp: { localAs: 65100 }, users: [{ username: 'agent', password: 'pw', privilege: 15 }] });
    cli = labSshCli(spoke.ssh, { username: 'agent', password: 'pw' });
    clock.advance(60_000);
  });
  afterAll(async () => {
    await cli.close();
    await spoke.stop();
  });

  it.each(COMMANDS)('%s parses with zero warnings', async (command) => {
    const text = await cli.show(command);
    const result = parseCommandOutput(command, text);
    expect(result.warnings).toEqual([]);
    expect(result.records.length).toBeGreaterThan(0);
  });

  it('reads a 20,000-route table whole: one flat text, every route parsed', async () => {
    spoke.router.world.pushRoutes(
      'hub1',
      Array.from({ length: 20_000 }, (_, i) => `10.${100 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}/32`),
    );
    clock.advance(5_000);
    const result = parseCommandOutput('show ip route', await cli.show('show ip route'));
    expect(result.warnings).toEqual([]);
    expect(result.records.filter((r) => (r as { prefix: string }).prefix.endsWith('/32')).length).toBeGreaterThanOrEqual(20_000);
  });

  it('answers --More-- when the terminal pages, and leaves the pager out of the output', async () => {
    const paged = labSshCli(spoke.ssh, { username: 'agent', password: 'pw' });
    try {
      const whole = await paged.show('show interfaces');
      await paged.exec('terminal length 24');
      const text = await paged.show('show interfaces');
      expect(text).not.toContain('--More--');
      expect(text).toBe(whole);
    } finally {
      await paged.close();
    }
  });

  it.each(EMPTY_COMMANDS)('%s parses with zero warnings (nothing to show on a FlexVPN spoke)', async (command) => {
    const result = parseCommandOutput(command, await cli.show(command));
    expect(result).toEqual({ records: [], warnings: [] });
  });

  it('shows the FlexVPN client the model runs', async () => {
    const [client] = parseCommandOutput('show crypto ikev2 client flexvpn', await cli.show('show crypto ikev2 client flexvpn'))
      .records as FlexVpnClient[];
    const model = spoke.router.state().clients[0]!;
    expect(client).toMatchObject({ profile: model.name, currentState: 'active', peer: model.peer, sourceInterface: model.source });
  });

  it('takes configuration: a stub track set down makes the client reselect within the modelled time', async () => {
    const before = spoke.router.state().clients[0]!;
    expect(before.peerSeq).toBe(1);
    await cli.configure(['track 101 stub-object', 'default-state down']);
    const tracks = parseCommandOutput('show track brief', await cli.show('show track brief')).records as Track[];
    expect(tracks.find((t) => t.id === 101)?.state).toBe('down');
    clock.advance(5_000);
    const after = spoke.router.state().clients[0]!;
    expect(after).toMatchObject({ phase: 'connected', peerSeq: 2 });
    const log = await cli.show('show logging');
    expect(log).toContain('%SYS-5-CONFIG_I: Configured from console by agent on vty0');
  });

  it('refuses an invalid line with IOS error text and changes nothing', async () => {
    const config = await cli.show('show running-config');
    await expect(cli.configure(['track 5000 stub-object'])).rejects.toMatchObject({ code: 'ROUTER_CLI_ERROR' });
    expect(await cli.show('show running-config')).toBe(config);
  });
});
