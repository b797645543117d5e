import { describe, expect, it } from 'vitest';
import { parseInterfaces } from '../../../agent/parsers/health/interfaces.js';

// Less common lines of `show interfaces`, one test per kind (issue 18).
const under = (header: string, ...lines: string[]) => parseInterfaces([header, ...lines.map((l) => `  ${l}`)].join('\n'));

describe('show interfaces, serial and PPP lines', () => {
  it.each([
    ['Encapsulation PPP, LCP Open', { encapsulation: 'PPP', lcpState: 'Open' }],
    ['Encapsulation HDLC, crc 16, loopback not set', { encapsulation: 'HDLC', loopbackSet: false }],
    ['LCP Closed', { lcpState: 'Closed' }],
    ['Open: IPCP, CDPCP, crc 16, loopback not set', { ncpOpen: ['IPCP', 'CDPCP'] }],
    ['Listen: CDPCP', {}],
    ['DCD=up  DSR=up  DTR=up  RTS=up  CTS=up', { modemSignals: { DCD: 'up', DSR: 'up', DTR: 'up', RTS: 'up', CTS: 'up' } }],
    ['Clock mode is auto', { clockSource: 'auto' }],
    ['Clock source is internal', { clockSource: 'internal' }],
    ['Timeslot(s) Used:1-24, SCC: 0, Transmitter delay is 0 flags', {}],
    ['Transmitter delay is 0 flags', {}],
    ['Restart-Delay is 0 secs', {}],
    ['LMI enq sent  10, LMI stat recvd 10, LMI upd recvd 0, DTE LMI up', {}],
    ['LMI DLCI 1023  LMI type is CISCO  frame relay DTE', {}],
    ['Broadcast queue 0/64, broadcasts sent/dropped 0/0, interface broadcasts 0', {}],
  ])('%s', (line, expected) => {
    const { records, warnings } = under('Serial0/1/0 is up, line protocol is up', line);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject(expected);
  });
});

describe('show interfaces, cellular, dialer and virtual-access lines', () => {
  it.each([
    ['Cellular0/1/0 is up, line protocol is up', 'Dialer state is data link layer up', { dialerState: 'data link layer up' }],
    ['Dialer1 is up (spoofing), line protocol is up (spoofing)', 'Bound to: Virtual-Access3', { boundTo: 'Virtual-Access3' }],
    ['Virtual-Access2 is up, line protocol is up', 'Tunnel vaccess, cloned from Virtual-Template1', { clonedFrom: 'Virtual-Template1' }],
    ['Virtual-Access3 is up, line protocol is up', 'PPPoE vaccess, cloned from Dialer1', { clonedFrom: 'Dialer1' }],
    ['Virtual-Access2 is up, line protocol is up', 'Vaccess status 0x4, loopback not set', { loopbackSet: false }],
    // PPP over Frame Relay and over ATM: the circuit and the template on one line (ZipTie's 2610, held-out round 7).
    [
      'Virtual-Access1 is down, line protocol is down',
      'Bound to Serial0/0.20 DLCI 20, Cloned from Virtual-Template1',
      { boundTo: 'Serial0/0.20', clonedFrom: 'Virtual-Template1' },
    ],
    [
      'Virtual-Access2 is up, line protocol is up',
      'Bound to ATM0/0.1 VCD: 1, VPI: 0, VCI: 35, Cloned from Virtual-Template2',
      { boundTo: 'ATM0/0.1', clonedFrom: 'Virtual-Template2' },
    ],
  ])('%s / %s', (header, line, expected) => {
    const { records, warnings } = under(header, line);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject(expected);
  });
});

describe('show interfaces, rarer Ethernet lines', () => {
  it.each([
    ['input flow-control is off, output flow-control is unsupported', { inputFlowControl: 'off', outputFlowControl: 'unsupported' }],
    ['output flow-control is on', { outputFlowControl: 'on' }],
    ['Carrier delay is 10 sec', {}],
    ['Media-type configured as RJ45 connector', { mediaType: 'RJ45' }],
    ['Interface state transitions: 3', { stateTransitions: 3 }],
    ['Secondary address 10.1.2.1/24', {}],
    ['Secondary address 10.1.2.1 255.255.255.0', {}],
    // `ip netmask-format decimal | hexadecimal`: the mask as the session prints it, the address kept as CIDR
    // (decimal: an ISR's serial interface on ipspace.net's blog, held-out round 6).
    ['Internet address is 172.16.1.129 255.255.255.252', { ipAddress: '172.16.1.129/30' }],
    ['Internet address is 10.1.2.1 0xFFFFFF00', { ipAddress: '10.1.2.1/24' }],
    ['Internet address is 10.1.2.1/24', { ipAddress: '10.1.2.1/24' }],
    // 12.0: reliability and one load (no direction) close the MTU line.
    [
      'MTU 1500 bytes, BW 100000 Kbit, DLY 100 usec, rely 255/255, load 1/255',
      { mtu: 1500, bandwidthKbps: 100000, delayUsec: 100, reliability: 255 },
    ],
  ])('%s', (line, expected) => {
    const { records, warnings } = under('GigabitEthernet0/0/1 is up, line protocol is up', line);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject(expected);
  });
});

describe('show interfaces, a notice under the header', () => {
  // Catalyst stack management port (corpus: DNAC-pyATS-Genie CAMPUS-Access1).
  const header = 'GigabitEthernet0/0 is down, line protocol is down';
  const notice = ['NOTE: Packet counters for management port are meaningful ', '      only when it is physically located at stack master'];

  it('reads the notice and its continuation aligned under its text, then the detail lines', () => {
    const { records, warnings } = under(
      header,
      ...notice,
      'Hardware is RP management port, address is f029.295c.3080 (bia f029.295c.3080)',
    );
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ name: 'GigabitEthernet0/0', hardware: 'RP management port' });
  });

  it('still checks a line that is not aligned under the notice', () => {
    const { warnings } = under(header, notice[0]!, 'only when it is physically located at stack master');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.text).toContain('only when it is physically located');
  });
});

// A FlexVPN client's tunnel prints `using IKEv2 Modeconfig` (a pasted ASR 1001-X block, issue 18's third held-out round).
describe('show interfaces, an address still to be negotiated', () => {
  it.each(['IPCP', 'DHCP', 'IKEv2 Modeconfig'])('names its method, any number of words: using %s', (method) => {
    const { records, warnings } = under(
      'Tunnel20 is up, line protocol is up',
      'Hardware is Tunnel',
      `Internet address will be negotiated using ${method}`,
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ name: 'Tunnel20', hardware: 'Tunnel' });
    expect(records[0]?.ipAddress).toBeUndefined();
  });
});

describe('show interfaces, output queue of each queueing strategy', () => {
  // 12.0 prints no colon, 12.2 one after a space (ZipTie's 3620 and 2610 test captures, held-out round 7).
  it.each([
    [['Output queue: 0/40 (size/max)'], { outputSize: 0, outputMax: 40 }],
    [['Output queue 0/40 (size/max)'], { outputSize: 0, outputMax: 40 }],
    [['Output queue :0/40 (size/max)'], { outputSize: 0, outputMax: 40 }],
    [
      ['Output queue :0/1000/64/0 (size/max total/threshold/drops)'],
      { outputSize: 0, outputMax: 1000, outputThreshold: 64, outputDrops: 0 },
    ],
    // Priority queueing: four queues, drops summed.
    [
      ['Output queue (queue priority: size/max/drops):', '   high: 0/20/1, medium: 0/40/0, normal: 0/60/2, low: 0/80/3'],
      { outputDrops: 6 },
    ],
    // Custom queueing: numbered queues over several lines, drops summed.
    [
      ['Output queues: (queue #: size/max/drops)', '   0: 0/20/0 1: 0/20/4 2: 0/20/0 3: 0/20/0 4: 0/20/0', '   5: 0/20/1 6: 0/20/0'],
      { outputDrops: 5 },
    ],
  ])('%j', (lines, expected) => {
    const { records, warnings } = under('Ethernet0/0 is up, line protocol is up', ...lines);
    expect(warnings).toEqual([]);
    expect(records[0]!.queues).toMatchObject(expected);
  });
});

describe('show interfaces, Token Ring lines', () => {
  // IOS show interfaces tokenring (ZipTie's 3620 test capture, held-out round 7).
  it.each([
    ['Ring speed: 16 Mbps', { speedMbps: 16 }],
    ['Duplex: half', { duplex: 'half' }],
    ['Mode: Classic token ring station', {}],
    ['Ethernet Transit OUI: 0x000000', {}],
    ['Group Address: 0x00000000, Functional Address: 0x08000000', {}],
    ['Last Ring Status 00:00:00 <Soft Error> (0x2000)', {}],
  ])('%s', (line, expected) => {
    const { records, warnings } = under('TokenRing0/0 is up, line protocol is up', line);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject(expected);
  });

  it('reads the ring transitions counter as the carrier transitions', () => {
    const { records, warnings } = under('TokenRing0/0 is down, line protocol is down', '   58 transitions');
    expect(warnings).toEqual([]);
    expect(records[0]!.counters).toMatchObject({ carrierTransitions: 58 });
  });
});
