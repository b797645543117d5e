import { describe, expect, it } from 'vitest';
import { parseInterfaces } from '../../../agent/parsers/health/interfaces.js';
import { parseIpInterfaceBrief } from '../../../agent/parsers/health/ip-interface-brief.js';

// A FlexVPN spoke: the IPsec tunnel and its WAN interface.
const SPOKE = [
  'spoke1#show interfaces',
  'Tunnel0 is up, line protocol is up ',
  '  Hardware is Tunnel',
  '  Description: FlexVPN to hub1',
  '  Interface is unnumbered. Using address of Loopback0 (10.255.0.11)',
  '  MTU 17878 bytes, BW 100 Kbit/sec, DLY 50000 usec, ',
  '     reliability 255/255, txload 1/255, rxload 1/255',
  '  Encapsulation TUNNEL, loopback not set',
  '  Keepalive not set',
  '  Tunnel linestate evaluation up',
  '  Tunnel source 192.0.2.10 (GigabitEthernet0/0/0), destination 198.51.100.1',
  '   Tunnel Subblocks:',
  '      src-track:',
  '         Tunnel0 source tracking subblock associated with GigabitEthernet0/0/0',
  '          Set of tunnels with source GigabitEthernet0/0/0, 1 member (includes iterators), on interface <OK>',
  '  Tunnel protocol/transport IPSEC/IP',
  '  Tunnel TTL 255',
  '  Tunnel transport MTU 1438 bytes',
  '  Tunnel transmit bandwidth 8000 (kbps)',
  '  Tunnel receive bandwidth 8000 (kbps)',
  '  Tunnel protection via IPSec (profile "FLEX-IPSEC")',
  '  Last input 00:00:03, output never, output hang never',
  '  Last clearing of "show interface" counters 1d02h',
  '  Input queue: 0/375/0/0 (size/max/drops/flushes); Total output drops: 12',
  '  Queueing strategy: fifo',
  '  Output queue: 0/0 (size/max)',
  '  5 minute input rate 2000 bits/sec, 3 packets/sec',
  '  5 minute output rate 1000 bits/sec, 2 packets/sec',
  '     48211 packets input, 5120034 bytes, 0 no buffer',
  '     Received 0 broadcasts (0 IP multicasts)',
  '     0 runts, 0 giants, 0 throttles',
  '     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored, 0 abort',
  '     47990 packets output, 6022110 bytes, 0 underruns',
  '     Output 0 broadcasts (0 IP multicasts)',
  '     3 output errors, 0 collisions, 0 interface resets',
  '     0 unknown protocol drops',
  '     0 output buffer failures, 0 output buffers swapped out',
  'GigabitEthernet0/0/0 is up, line protocol is up ',
  '  Hardware is ISR4321-2x1GE, address is 00b7.71e7.0200 (bia 00b7.71e7.0200)',
  '  Internet address is 192.0.2.10/24',
  '  MTU 1500 bytes, BW 100000 Kbit/sec, DLY 100 usec, ',
  '     reliability 255/255, txload 3/255, rxload 5/255',
  '  Encapsulation ARPA, loopback not set',
  '  Keepalive not supported ',
  '  Full Duplex, 100Mbps, link type is auto, media type is RJ45',
  '  output flow-control is off, input flow-control is off',
  '  ARP type: ARPA, ARP Timeout 04:00:00',
  '  Last input 00:00:00, output 00:00:00, output hang never',
  '  5 minute input rate 1953000 bits/sec, 412 packets/sec',
  '     0 input errors, 2 CRC, 0 frame, 0 overrun, 0 ignored',
  '     0 watchdog, 1822 multicast, 0 pause input',
  'spoke1#',
].join('\n');

describe('show interfaces', () => {
  const { records, warnings } = parseInterfaces(SPOKE);

  it('understands every line of a spoke tunnel and its WAN interface', () => {
    expect(warnings).toEqual([]);
    expect(records.map((r) => r.name)).toEqual(['Tunnel0', 'GigabitEthernet0/0/0']);
  });

  it('reads the tunnel: endpoints, transport, protection profile, counters', () => {
    const [tu] = records;
    expect(tu).toMatchObject({
      adminState: 'up', operState: 'up', lineProtocol: 'up', hardware: 'Tunnel', description: 'FlexVPN to hub1',
      unnumberedInterface: 'Loopback0', unnumberedAddress: '10.255.0.11', mtu: 17878, bandwidthKbps: 100,
      delayUsec: 50000, reliability: 255, txLoad: 1, encapsulation: 'TUNNEL', loopbackSet: false, keepalive: 'not-set',
      lastInputSec: 3, lastOutputSec: 'never', countersClearedSec: 93600,
      tunnel: {
        linestate: 'up', sourceAddress: '192.0.2.10', sourceInterface: 'GigabitEthernet0/0/0',
        destinationAddress: '198.51.100.1', protocolTransport: 'IPSEC/IP', ttl: 255, transportMtu: 1438,
        transmitBandwidthKbps: 8000, receiveBandwidthKbps: 8000, protectionProfile: 'FLEX-IPSEC',
      },
      queues: { inputSize: 0, inputMax: 375, inputDrops: 0, inputFlushes: 0, totalOutputDrops: 12, strategy: 'fifo', outputSize: 0, outputMax: 0 },
      rates: { intervalSec: 300, inputBitsPerSec: 2000, inputPacketsPerSec: 3, outputBitsPerSec: 1000, outputPacketsPerSec: 2 },
    });
    expect(tu?.counters).toMatchObject({ packetsInput: 48211, bytesInput: 5120034, bytesOutput: 6022110, outputErrors: 3, abort: 0 });
  });

  it('reads the WAN interface: address, MAC, duplex and speed, flow control, errors', () => {
    expect(records[1]).toMatchObject({
      ipAddress: '192.0.2.10/24', macAddress: '00b7.71e7.0200', burnedInAddress: '00b7.71e7.0200',
      keepalive: 'not-supported', duplex: 'full', duplexRaw: 'Full Duplex', speed: '100Mbps', speedMbps: 100,
      linkType: 'auto', mediaType: 'RJ45', inputFlowControl: 'off', outputFlowControl: 'off', arpType: 'ARPA',
      arpTimeoutSec: 14400, lastInputSec: 0, outputHangSec: 'never',
      counters: { inputErrors: 0, crc: 2, watchdog: 0, multicast: 1822, pauseInput: 0 },
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
      ['down', 'administratively-down', 'down'], ['down', 'deleted', 'down'], ['up', 'down', 'down'], ['up', 'up', 'down'],
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
    const { records: [member, channel] } = parseInterfaces(text);
    expect(channel).toMatchObject({ members: ['GigabitEthernet1/0/2'], outerVlanId: 10, innerVlanId: 20 });
    expect(member?.memberOf).toBe('Port-channel12');
  });

  it('warns on garbage with its line number and keeps the interfaces', () => {
    const text = ['Tunnel1 is up, line protocol is up', '  Hardware is Tunnel', '  17 frobs, 3 widgets', 'Loopback0 is up, line protocol is up'].join('\n');
    const { records: r, warnings: w } = parseInterfaces(text);
    expect(r.map((i) => i.name)).toEqual(['Tunnel1', 'Loopback0']);
    expect(r[0]?.counters).toBeUndefined();
    expect(w.map((x) => x.line)).toEqual([3]);
  });
});

describe('show ip interface brief', () => {
  it('reads rows, two-word status and unassigned addresses', () => {
    const text = [
      'spoke1#show ip interface brief',
      'Interface              IP-Address      OK? Method Status                Protocol',
      'GigabitEthernet0/0/0   192.0.2.10      YES DHCP   up                    up      ',
      'GigabitEthernet0/0/1   unassigned      YES unset  administratively down down    ',
      'Tu0                    10.255.0.11     YES TFTP   up                    up      ',
      'Cellular0/2/0          unassigned      NO  unset  down                  down    ',
      'this is not a row',
    ].join('\n');
    const { records, warnings } = parseIpInterfaceBrief(text);
    expect(records[0]).toEqual({
      name: 'GigabitEthernet0/0/0', ipAddress: '192.0.2.10', ok: true, method: 'DHCP',
      status: 'up', statusRaw: 'up', protocol: 'up', protocolRaw: 'up',
    });
    expect(records[1]).toMatchObject({ status: 'administratively-down', statusRaw: 'administratively down', protocol: 'down' });
    expect(records[1]?.ipAddress).toBeUndefined();
    expect(records[2]?.name).toBe('Tunnel0');
    expect(records[3]?.ok).toBe(false);
    expect(warnings.map((w) => w.line)).toEqual([7]);
  });
});
