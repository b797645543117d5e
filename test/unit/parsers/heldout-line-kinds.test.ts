import { describe, expect, it } from 'vitest';
import { parseAs, parseCommandOutput, resolveCommand } from '../../../agent/parsers/registry.js';

// Line kinds and command spellings the held-out captures of issue 18 met (suzieq, pyATS examples, textfsm).
describe('show ip route vrf *', () => {
  const text = [
    'Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP',
    '',
    'Gateway of last resort is not set',
    '',
    '      40.0.0.0/32 is subnetted, 1 subnets',
    'C        40.40.40.40 is directly connected, Loopback0',
    '',
    'Routing Table: cust1',
    'Gateway of last resort is 192.168.33.13 to network 0.0.0.0',
    '',
    'S*    0.0.0.0/0 [1/0] via 192.168.33.13',
  ].join('\n');

  it('resolves `vrf *` for IPv4 and IPv6', () => {
    expect(resolveCommand('show ip route vrf *')?.args).toEqual({ vrf: '*' });
    expect(resolveCommand('show ipv6 route vrf *')?.spec.id).toBe('show ipv6 route');
  });

  it('puts the unheaded first table in the global table and the rest in their VRFs', () => {
    const { records, warnings } = parseAs('show ip route', text, 'show ip route vrf *');
    expect(warnings).toEqual([]);
    expect(records.map((r) => [r.vrf, r.prefix])).toEqual([
      [undefined, '40.40.40.40/32'],
      ['cust1', '0.0.0.0/0'],
    ]);
  });

  it('understands the notice of an IPv6 table that does not exist', () => {
    expect(parseCommandOutput('show ipv6 route vrf *', '% IPv6 routing table * does not exist').warnings).toEqual([]);
  });
});

describe('show route-map all', () => {
  it('takes all, dynamic and static as keywords, not names', () => {
    expect(resolveCommand('show route-map all')?.args).toEqual({ scope: 'all' });
    expect(resolveCommand('show route-map dynamic')?.args).toEqual({ scope: 'dynamic' });
    expect(resolveCommand('show route-map TO-HUB')?.args).toEqual({ name: 'TO-HUB' });
  });

  it('reads entries under the STATIC heading and the dynamic count', () => {
    const text = [
      'STATIC routemaps',
      'route-map TO-HUB, permit, sequence 10',
      '  Match clauses:',
      '    ip address prefix-lists: LAN',
      '  Set clauses:',
      '  Policy routing matches: 0 packets, 0 bytes',
      'DYNAMIC routemaps',
      'Current active dynamic routemaps = 0',
    ].join('\n');
    const { records, warnings } = parseCommandOutput('show route-map all', text);
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ name: 'TO-HUB', sequence: 10 });
  });

  it("reads an entry's description (IOS-XE) above its match clauses, not as a clause", () => {
    const text = [
      'route-map test, permit, sequence 10',
      '  description hello!',
      '  Match clauses:',
      '    interface GigabitEthernet1 ',
      '  Set clauses:',
      '    tag 10 ',
      '  Policy routing matches: 0 packets, 0 bytes',
    ].join('\n');
    const { records, warnings } = parseAs('show route-map', text);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ description: 'hello!', match: ['interface GigabitEthernet1'], set: ['tag 10'] });
  });
});

describe('show bgp all', () => {
  it('resolves `show bgp all` and `show bgp all neighbors`', () => {
    expect(resolveCommand('show bgp all')?.spec.id).toBe('show ip bgp');
    expect(resolveCommand('show bgp all neighbors')?.spec.id).toBe('show ip bgp neighbors');
    expect(resolveCommand('show bgp all summary')?.spec.id).toBe('show ip bgp summary');
  });

  it('reads the table under its family line, and empty families after it', () => {
    const text = [
      'For address family: IPv4 Unicast',
      '',
      'BGP table version is 3, local router ID is 10.1.1.1',
      'Origin codes: i - IGP, e - EGP, ? - incomplete',
      '',
      '     Network          Next Hop            Metric LocPrf Weight Path',
      ' *>   10.11.11.11/32   0.0.0.0                  0         32768 i',
      '',
      'For address family: L2VPN E-VPN',
      '',
    ].join('\n');
    const { records, warnings } = parseCommandOutput('show bgp all', text);
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ network: '10.11.11.11/32', weight: 32768 });
  });

  it('reads a neighbour block after the family line, graceful-restart capability lines included', () => {
    const text = [
      'For address family: IPv4 Unicast',
      'BGP neighbor is 10.2.2.2,  remote AS 65000, internal link',
      '  BGP version 4, remote router ID 10.2.2.2',
      '  BGP state = Established, up for 6d22h',
      '    Graceful Restart Capability: received',
      '      Remote Restart timer is 120 seconds',
      '      Address families advertised by peer:',
      '        IPv4 Unicast (was not preserved',
      '        VPNv4 Unicast (was preserved)',
    ].join('\n');
    const { records, warnings } = parseCommandOutput('show bgp all neighbors', text);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ neighbor: '10.2.2.2', remoteAs: 65000, state: 'established' });
  });

  it('reads an empty family list under the graceful-restart capability as `none`, and only there', () => {
    const block = (tail: string[]) =>
      [
        'BGP neighbor is 192.0.2.9,  remote AS 64510, external link',
        '  BGP version 4, remote router ID 192.0.2.9',
        '  BGP state = Established, up for 01:02:03',
        '    Graceful Restart Capability: received',
        '      Remote Restart timer is 120 seconds',
        ...tail,
      ].join('\n');
    const empty = parseCommandOutput('show ip bgp neighbors', block(['      Address families advertised by peer:', '        none']));
    expect(empty.warnings).toEqual([]);
    expect(empty.records[0]).toMatchObject({ neighbor: '192.0.2.9', state: 'established' });
    expect(parseCommandOutput('show ip bgp neighbors', block(['        none'])).warnings).toHaveLength(1);
  });

  it('still warns on a stray line before the first neighbour', () => {
    expect(parseCommandOutput('show bgp all neighbors', 'Something else\n').warnings).toHaveLength(1);
  });
});

describe('show version export notice on one line (12.2)', () => {
  it('understands the last sentence unwrapped', () => {
    const text = [
      'router.abc uptime is 3 days, 13 hours, 53 minutes',
      'If you require further assistance please contact us by sending email to export@cisco.com.',
    ].join('\n');
    expect(parseCommandOutput('show version', text).warnings).toEqual([]);
  });
});

describe('show version of a special (experimental) build', () => {
  it('reads the build label as the IOS-XE version and the experimental version with its build path', () => {
    const text = [
      'Cisco IOS XE Software, Version BLD_V1610_THROTTLE_LATEST_20180903_070602_V16_10_0_101_2',
      'Cisco IOS Software [Fuji], Catalyst L3 Switch Software (CAT9K_IOSXE), Experimental Version 16.10.20180903:072347 [v1610_throttle-/nobackup/mcpre/BLD-BLD_V1610_THROTTLE_LATEST_20180903_070602 183]',
      'C9300 uptime is 1 week, 3 days, 5 hours, 2 minutes',
    ].join('\n');
    const { records, warnings } = parseAs('show version', text);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({
      xeVersion: 'BLD_V1610_THROTTLE_LATEST_20180903_070602_V16_10_0_101_2',
      version: '16.10.20180903:072347',
      experimental: true,
      imageId: 'CAT9K_IOSXE',
      hostname: 'C9300',
    });
  });
});

// Round 4 of issue 18's held-out estimate: output pasted in forum questions and blog posts.
describe('a command typed after `do` from a configuration mode', () => {
  it('drops the echoed line as it drops an exec-mode echo', () => {
    const text = [
      'branch-9(config-if)#do sh ip int brief',
      'Interface              IP-Address      OK? Method Status                Protocol',
      'GigabitEthernet0/1     198.51.100.9    YES manual up                    up',
    ].join('\n');
    const { records, warnings } = parseAs('show ip interface brief', text);
    expect(warnings).toEqual([]);
    expect(records.map((r) => r.name)).toEqual(['GigabitEthernet0/1']);
  });
});

describe('show interfaces of a 12.x GRE tunnel', () => {
  const text = [
    'Tunnel7 is up, line protocol is up',
    '  Hardware is Tunnel',
    '  Keepalive set (5 sec), retries 4',
    '  Tunnel protocol/transport GRE/IP',
    '  Tunnel TTL 64',
    '  Fast tunneling disabled',
    '  Tunnel transmit bandwidth 8000 (kbps)',
  ].join('\n');

  it('reads the keepalive retries and understands the fast-tunneling line of its own', () => {
    const { records, warnings } = parseAs('show interfaces', text);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({
      name: 'Tunnel7',
      keepalive: 'set',
      keepaliveSec: 5,
      keepaliveRetries: 4,
      tunnel: { protocolTransport: 'GRE/IP', ttl: 64, transmitBandwidthKbps: 8000 },
    });
  });
});

describe('show version of a 2500 whose flash cannot be written', () => {
  it('understands the flash line with its "Device not programmable" state', () => {
    const text = [
      'lab-2501 uptime is 12 minutes',
      '32K bytes of non-volatile configuration memory.',
      '8192K bytes of processor board System flash (Device not programmable)',
      '',
      'Configuration register is 0x2102',
    ].join('\n');
    const { records, warnings } = parseAs('show version', text);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ hostname: 'lab-2501', nvramKb: 32, configRegister: '0x2102' });
  });
});
