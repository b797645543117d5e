import { describe, expect, it } from 'vitest';
import { parseInterfaces } from '../../../agent/parsers/health/interfaces.js';

/**
 * Issue 18, grammar first: `show interfaces` line kinds Cisco documents that the parser did not
 * read, one row per kind, each built from the documented grammar (values invented). Sources: Cisco
 * IOS Interface and Hardware Component Command Reference (show interfaces, show interfaces ethernet /
 * serial / atm / tunnel, field descriptions and sample displays), the Dial Technologies configuration
 * guide (dial backup, multilink PPP), and the 12.2SX configuration guide (Layer 3 switching statistics).
 */
const under = (header: string, ...lines: string[]) => parseInterfaces([header, ...lines.map((l) => `  ${l}`)].join('\n'));

function readsClean(header: string, lines: string[], expected: object): void {
  const { records, warnings } = under(header, ...lines);
  expect(warnings).toEqual([]);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject(expected);
}

describe('show interfaces: IOS 10-12.0 Ethernet lines (show interfaces ethernet, sample display)', () => {
  const eth = 'Ethernet0 is up, line protocol is up';
  it.each([
    ['the mask in words', ['Internet address is 10.108.28.8, subnet mask is 255.255.255.0'], { ipAddress: '10.108.28.8/24' }],
    [
      'the keepalive closing the encapsulation line',
      ['Encapsulation ARPA, loopback not set, keepalive set (10 sec)'],
      { encapsulation: 'ARPA', loopbackSet: false, keepalive: 'set', keepaliveSec: 10 },
    ],
    ['no keepalive on the encapsulation line', ['Encapsulation HDLC, loopback not set, keepalive not set'], { keepalive: 'not-set' }],
    [
      'both queues on one line',
      ['Output queue 0/40, 3 drops; input queue 1/75, 2 drops'],
      { queues: { outputSize: 0, outputMax: 40, outputDrops: 3, inputSize: 1, inputMax: 75, inputDrops: 2 } },
    ],
    [
      'the interval spelled out',
      ['Five minute input rate 1000 bits/sec, 2 packets/sec', 'Five minute output rate 2000 bits/sec, 4 packets/sec'],
      { rates: { intervalSec: 300, inputBitsPerSec: 1000, inputPacketsPerSec: 2, outputBitsPerSec: 2000, outputPacketsPerSec: 4 } },
    ],
    [
      'the restarts closing the output errors line',
      ['0 output errors, 432 collisions, 0 interface resets, 7 restarts'],
      { counters: { outputErrors: 0, collisions: 432, interfaceResets: 0, restarts: 7 } },
    ],
  ])('%s', (_kind, lines, expected) => readsClean(eth, lines, expected));
});

describe('show interfaces: the state of a backup interface (Dial Technologies, dial backup)', () => {
  it('reads `is standby mode` as down, keeping the words', () => {
    readsClean('Serial1 is standby mode, line protocol is down', ['Hardware is HD64570'], {
      name: 'Serial1',
      adminState: 'up',
      operState: 'down',
      operStateRaw: 'standby mode',
      lineProtocol: 'down',
    });
  });
});

describe('show interfaces: the output queue of every queueing strategy', () => {
  const serial = 'Serial0/0/0 is up, line protocol is up';
  it.each([
    [
      'class-based queueing',
      ['Queueing strategy: Class-based queueing', 'Output queue: 0/1000/12 (size/max total/drops)'],
      { outputSize: 0, outputMax: 1000, outputDrops: 12 },
    ],
    [
      'weighted fair queueing on an interleaving multilink bundle',
      ['Output queue: 2/1000/64/5/9 (size/max total/threshold/drops/interleaves)'],
      { outputSize: 2, outputMax: 1000, outputThreshold: 64, outputDrops: 5 },
    ],
    [
      'weighted fair queueing',
      ['Output queue: 0/1000/64/3 (size/max total/threshold/drops)'],
      { outputMax: 1000, outputThreshold: 64, outputDrops: 3 },
    ],
    [
      'dual fifo, the high queue first',
      ['Queueing strategy: dual fifo', 'Output queue: high size/max/dropped 0/256/4', 'Output queue: 0/128 (size/max)'],
      { strategy: 'dual fifo', outputSize: 0, outputMax: 128, outputDrops: 4 },
    ],
  ])('%s', (_kind, lines, expected) => readsClean(serial, lines, { queues: expected }));
});

describe('show interfaces serial: channel groups, PPP states, modem leads', () => {
  const serial = 'Serial0/0/0:15 is up, line protocol is up';
  it.each([
    ['timeslots without SCC', ['Timeslot(s) Used:16, Transmitter delay is 0 flags'], {}],
    ['timeslots with a subrate', ['Timeslot(s) Used:1-24, subrate: 64Kb/s, transmit delay is 0 flags'], {}],
    ['the transmit delay alone', ['transmit delay is 0 flags'], {}],
    ['LCP on its own line with the loopback', ['LCP Closed, loopback not set'], { lcpState: 'Closed', loopbackSet: false }],
    // Before, a protocol name with a digit was dropped: `IPV6CP` was never in ncpOpen.
    ['an NCP name with a digit', ['Open: IPCP, IPV6CP, CDPCP'], { ncpOpen: ['IPCP', 'IPV6CP', 'CDPCP'] }],
    ['NCPs in two states on one line', ['Open: IPCP, Closed: CDPCP, IPV6CP'], { ncpOpen: ['IPCP'] }],
    ['the NCP line closing with the loopback', ['Open: IPCP, CDPCP, loopback not set'], { ncpOpen: ['IPCP', 'CDPCP'], loopbackSet: false }],
    ['a TERMsent protocol', ['TERMsent: CDPCP'], {}],
    [
      'the modem leads after the carrier transitions',
      ['2 carrier transitions     DCD=up  DSR=up  DTR=down  RTS=up  CTS=up'],
      { counters: { carrierTransitions: 2 }, modemSignals: { DCD: 'up', DSR: 'up', DTR: 'down', RTS: 'up', CTS: 'up' } },
    ],
  ])('%s', (_kind, lines, expected) => readsClean(serial, lines, expected));

  it('keeps an earlier open list when a later NCP line names no open protocol', () => {
    readsClean(serial, ['Open: IPCP', 'Listen: CDPCP'], { ncpOpen: ['IPCP'] });
  });
});

describe('show interfaces: virtual access of a multilink bundle (Dial Technologies, multilink PPP)', () => {
  it('reads `MLP Bundle vaccess, cloned from`', () => {
    readsClean('Virtual-Access3 is up, line protocol is up', ['MLP Bundle vaccess, cloned from Virtual-Template1'], {
      clonedFrom: 'Virtual-Template1',
    });
  });
});

describe('show interfaces tunnel: 12.x and other modes', () => {
  const tu = 'Tunnel0 is up, line protocol is up';
  it.each([
    [
      'key and sequencing on the protocol line (12.x)',
      ['Tunnel protocol/transport GRE/IP, key disabled, sequencing disabled'],
      { tunnel: { protocolTransport: 'GRE/IP' } },
    ],
    [
      'an MPLS TE tunnel, with a key',
      ['Tunnel protocol/transport Label Switching, key 0x3E8, sequencing disabled'],
      { tunnel: { protocolTransport: 'Label Switching' } },
    ],
    ['a two-word mode', ['Tunnel protocol/transport IPv6 6to4'], { tunnel: { protocolTransport: 'IPv6 6to4' } }],
    ['checksumming and fast tunneling on one line (12.x)', ['Checksumming of packets disabled,  fast tunneling enabled'], {}],
    [
      'an attribute after the protection profile',
      ['Tunnel protection via IPSec (profile "DMVPN", shared)'],
      { tunnel: { protectionProfile: 'DMVPN' } },
    ],
  ])('%s', (_kind, lines, expected) => readsClean(tu, lines, expected));

  // Before, `UNKNOWN` was kept as the destination address.
  it('reads `destination UNKNOWN` as no destination', () => {
    const { records, warnings } = under(tu, 'Tunnel source UNKNOWN, destination UNKNOWN');
    expect(warnings).toEqual([]);
    expect(records[0]?.tunnel).toEqual({});
  });
});

describe('show interfaces atm', () => {
  it.each([
    ['the AAL encapsulations', 'Encapsulation(s): AAL5  AAL2, PVC mode'],
    ['the buffers', '256 TX buffers, 256 RX buffers,'],
    ['the VC limits with VCs per VP', '23 maximum active VCs, 256 VCs per VP, 1 current VCCs'],
    ['the VC limits', '2048 maximum active VCs, 1 current VCCs'],
    ['VC auto creation', 'VC Auto Creation Disabled.'],
    ['the idle disconnect time', 'VC idle disconnect time: 300 seconds'],
    ['the signalling VC', 'Signalling vc = 1, vpi = 0, vci = 5'],
    ['the UNI version', 'UNI Version = 4.0, Link Side = user'],
    ['a subinterface AAL line', 'AAL enabled:  AAL5 , Maximum VCs: 11, Current VCCs: 1'],
  ])('%s', (_kind, line) => readsClean('ATM0 is up, line protocol is up', [line], {}));

  it('keeps the OAM cell counters', () => {
    readsClean('ATM0.1 is up, line protocol is up', ['3 OAM cells input, 4 OAM cells output'], {
      counters: { oamCellsInput: 3, oamCellsOutput: 4 },
    });
  });
});

describe('show interfaces: Layer 3 switching statistics (12.2SX configuration guide)', () => {
  it.each([
    'L2 Switched: ucast: 0 pkt, 0 bytes - mcast: 0 pkt, 0 bytes',
    'L3 in Switched: ucast: 10 pkt, 640 bytes - mcast: 0 pkt, 0 bytes mcast',
    'L3 out Switched: ucast: 10 pkt, 640 bytes mcast: 0 pkt, 0 bytes',
  ])('%s', (line) => readsClean('Vlan10 is up, line protocol is up', [line], {}));
});

describe('show interfaces serial / hssi: the leads in each layout, the applique errors', () => {
  it.each([
    [
      "an HSSI's leads",
      ['2 carrier transitions', 'LC=down  CA=up  TM=down  LB=down  TA=up  LA=down'],
      { modemSignals: { LC: 'down', CA: 'up', TM: 'down', LB: 'down', TA: 'up', LA: 'down' } },
    ],
    [
      'the leads as words, comma separated (7200 serial port adapters)',
      ['RTS up, CTS up, DTR up, DCD down, DSR up'],
      { modemSignals: { RTS: 'up', CTS: 'up', DTR: 'up', DCD: 'down', DSR: 'up' } },
    ],
    [
      'the applique errors',
      ['0 output errors, 3 applique, 4 interface resets'],
      { counters: { outputErrors: 0, applique: 3, interfaceResets: 4 } },
    ],
  ])('%s', (_kind, lines, expected) => readsClean('Hssi0/0 is up, line protocol is up', lines, expected));
});

describe('show interfaces tunnel: the source-tracking set in any state', () => {
  it('reads any state word in angle brackets', () => {
    readsClean(
      'Tunnel2 is up, line protocol is up',
      ['Set of tunnels with source GigabitEthernet1, 2 members (includes iterators), on interface <NOT-OK>'],
      {},
    );
  });
});
