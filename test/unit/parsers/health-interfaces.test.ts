import { describe, expect, it } from 'vitest';
import { parseInterfaces } from '../../../agent/parsers/health/interfaces.js';

// A spoke's tunnel and WAN interface are a parser case now: test/unit/parsers/cases/show-interfaces/spoke-tunnel-and-wan.
describe('show interfaces', () => {
  it('reads the broadcasts opening the runts line (IOS 12.x, serial interfaces)', () => {
    const { records, warnings } = parseInterfaces(
      [
        'Serial0/0/0 is up, line protocol is up',
        '  Hardware is PowerQUICC Serial',
        '  MTU 1500 bytes, BW 2048 Kbit, DLY 20000 usec,',
        '     34433 packets input, 5766683 bytes, 0 no buffer',
        '     Received 1878 broadcasts, 0 runts, 11 giants, 0 throttles',
        '     332 input errors, 52 CRC, 81 frame, 0 overrun, 0 ignored, 193 abort',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]?.counters).toMatchObject({ broadcastsReceived: 1878, runts: 0, giants: 11, throttles: 0, abort: 193 });
    // Only as the first item: a broadcasts count elsewhere on a line is no known counter.
    expect(parseInterfaces('Serial0 is up, line protocol is up\n     0 runts, Received 5 broadcasts\n').warnings).toHaveLength(1);
  });

  it('reads a FlexVPN virtual-access tunnel: cloned from its template, its own source-tracking line', () => {
    const { records, warnings } = parseInterfaces(
      [
        'Virtual-Access2 is up, line protocol is up ',
        '  Hardware is Virtual Access interface',
        '  Tunnel vaccess, cloned from Virtual-Template1',
        '  Tunnel source 192.0.2.1, destination 198.51.100.7',
        '   Tunnel Subblocks:',
        '      src-track:',
        '         Virtual-Access2 source tracking subblock associated with GigabitEthernet0/0/0',
        '          Set of tunnels with source GigabitEthernet0/0/0, 1 member (includes iterators), on interface <OK>',
        '  Tunnel protocol/transport GRE/IP',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({
      name: 'Virtual-Access2',
      tunnel: { sourceAddress: '192.0.2.1', destinationAddress: '198.51.100.7', protocolTransport: 'GRE/IP' },
    });
  });

  it('reads shut, deleted and err-disabled interfaces', () => {
    const text = [
      'GigabitEthernet0/0/2 is administratively down, line protocol is down',
      'GigabitEthernet0/0/0.100 is deleted, line protocol is down',
      'GigabitEthernet1/0/3 is down, line protocol is down (err-disabled)',
      'Vlan10 is up, line protocol is down , Autostate Enabled',
    ].join('\n');
    const { records: r, warnings: w } = parseInterfaces(text);
    expect(w).toEqual([]);
    expect(r.map((i) => [i.adminState, i.operState, i.lineProtocol])).toEqual([
      ['down', 'administratively-down', 'down'],
      ['down', 'deleted', 'down'],
      ['up', 'down', 'down'],
      ['up', 'up', 'down'],
    ]);
    expect(r[2]?.lineProtocolDetail).toBe('err-disabled');
    expect(r[3]?.autostate).toBe('enabled');
  });

  it('links Port-channel members listed by the channel', () => {
    const text = [
      'GigabitEthernet1/0/2 is up, line protocol is up (connected)',
      'Port-channel12 is up, line protocol is up (connected)',
      '  Encapsulation QinQ Virtual LAN, outer ID  10, inner ID 20',
      '  Members in this channel: Gi1/0/2',
    ].join('\n');
    const {
      records: [member, channel],
    } = parseInterfaces(text);
    expect(channel).toMatchObject({ members: ['GigabitEthernet1/0/2'], outerVlanId: 10, innerVlanId: 20 });
    expect(member?.memberOf).toBe('Port-channel12');
  });

  it('warns on garbage with its line number and keeps the interfaces', () => {
    const text = [
      'Tunnel1 is up, line protocol is up',
      '  Hardware is Tunnel',
      '  17 frobs, 3 widgets',
      'Loopback0 is up, line protocol is up',
    ].join('\n');
    const { records: r, warnings: w } = parseInterfaces(text);
    expect(r.map((i) => i.name)).toEqual(['Tunnel1', 'Loopback0']);
    expect(r[0]?.counters).toBeUndefined();
    expect(w.map((x) => x.line)).toEqual([3]);
  });
});

// show ip interface brief: parser case show-ip-interface-brief/two-word-status-unassigned.
