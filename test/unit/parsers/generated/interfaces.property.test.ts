import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../../../agent/parsers/registry.js';
import type { InterfaceDetail } from '../../../../proto/records/health.js';
import { Gen, NETMASK_FORMATS, fieldsOf, withMask } from './grammar-gen.js';

/**
 * Issue 18 item 3 for `show interfaces`: random blocks from the documented line
 * kinds (state line with every state and a protocol detail, hardware with and
 * without a MAC, description, address (in any netmask format), unnumbered or to be negotiated, MTU/BW/DLY (with 12.0's reliability
 * and load on the same line, or loads on their own),
 * encapsulation with VLAN, keepalive, duplex/speed/media, flow control, ARP,
 * last input/output, queues (FIFO in each release's spelling, priority and custom queueing), rates over
 * any interval, counters, Token Ring's ring lines, a virtual access bound to a DLCI or VC, dialer
 * bindings as a line or as a nested `Bound to:` block, a notice wrapped under
 * its `NOTE:` text), for
 * interfaces of every platform, read back exactly. Issue 18's grammar audit added the kinds Cisco's
 * command references document beyond those: IOS 10-12.0 lines (the mask in words, the keepalive on the
 * encapsulation line, both queues on one line, `Five minute` rates, restarts), a backup interface in
 * standby, class-based, multilink WFQ and dual FIFO output queues, channel-group timeslots, PPP states
 * with IPV6CP, modem leads after the carrier transitions, 12.x tunnel lines, ATM lines and Catalyst
 * 6500 switching statistics.
 */
const STATES = [
  ['up', 'up', 'up'],
  ['down', 'down', 'down'],
  ['administratively down', 'administratively-down', 'down'],
  // A backup interface waiting for its primary (Dial Technologies, dial backup).
  ['standby mode', 'down', 'down'],
] as const;

function block(g: Gen): { lines: string[]; want: Partial<InterfaceDetail> } {
  const name = g.interfaceName();
  const [operStateRaw, operState, proto] = g.pick(STATES);
  const detail = proto === 'up' && g.chance(0.2) ? ' (connected)' : '';
  const want: Partial<InterfaceDetail> = {
    name,
    operStateRaw,
    operState,
    adminState: operState === 'administratively-down' ? 'down' : 'up',
    lineProtocol: proto,
  };
  const lines = [`${name} is ${operStateRaw}, line protocol is ${proto}${detail}`];
  // A Catalyst stack's management port: a notice, its continuation aligned under its text.
  if (g.chance(0.15)) {
    const gap = ' '.repeat(g.between(1, 2));
    const notice = g.pick([
      ['Packet counters for management port are meaningful', 'only when it is physically located at stack master'],
      ['Packet counters for management port are meaningful only when it is physically located at stack master'],
    ]);
    lines.push(`  NOTE:${gap}${notice[0]}`, ...notice.slice(1).map((l) => `${' '.repeat(7 + gap.length)}${l}`));
  }
  const hw = g.pick(['iGbE', 'CN Gigabit Ethernet', 'Tunnel', 'Cellular modem', 'Loopback', 'EtherSVI', 'IBM2692', 'DSX1', 'MPC ATMSAR']);
  want.hardware = hw;
  if (hw === 'Tunnel' || hw === 'Loopback' || hw === 'Cellular modem' || hw === 'DSX1') lines.push(`  Hardware is ${hw}`);
  else {
    const mac = () => Array.from({ length: 3 }, () => g.int(0x10000).toString(16).padStart(4, '0')).join('.');
    want.macAddress = mac();
    want.burnedInAddress = g.chance(0.7) ? want.macAddress : mac();
    lines.push(`  Hardware is ${hw}, address is ${want.macAddress} (bia ${want.burnedInAddress})`);
  }
  if (g.chance(0.5)) {
    want.description = g.pick(['WAN to ISP-A', 'uplink: core-1 Gi1/0/1', 'FlexVPN tunnel (primary)']);
    lines.push(`  Description: ${want.description}`);
  }
  if (g.chance(0.6)) {
    const address = `10.${g.int(256)}.${g.int(256)}.${g.between(1, 254)}`;
    const length = g.between(8, 32);
    want.ipAddress = `${address}/${length}`;
    // The mask in any `ip netmask-format` (decimal: ipspace.net's ISR serial interface, held-out round 6).
    // IOS 10-11 name the mask in words: `Internet address is A.B.C.D, subnet mask is M.M.M.M`.
    if (g.chance(0.15)) lines.push(`  Internet address is ${withMask(address, length, 'decimal').replace(' ', ', subnet mask is ')}`);
    else lines.push(`  Internet address is ${withMask(address, length, g.pick(NETMASK_FORMATS))}`);
  } else if (g.chance(0.3)) {
    want.unnumberedInterface = `Loopback${g.int(10)}`;
    want.unnumberedAddress = g.ipv4();
    lines.push(`  Interface is unnumbered. Using address of ${want.unnumberedInterface} (${want.unnumberedAddress})`);
  } else if (g.chance(0.4)) {
    // No address yet: a dialer or cellular (IPCP), a DHCP client, a FlexVPN client's tunnel (IKEv2 mode config).
    lines.push(`  Internet address will be negotiated using ${g.pick(['IPCP', 'DHCP', 'IKEv2 Modeconfig'])}`);
  }
  want.mtu = g.pick([1500, 1400, 9216, 17912]);
  want.bandwidthKbps = g.pick([1000000, 100000, 8000, 50000]);
  want.delayUsec = g.pick([10, 100, 50000]);
  want.reliability = g.int(256);
  if (g.chance(0.15)) {
    // 12.0: reliability and one undirected load close the MTU line.
    lines.push(
      `  MTU ${want.mtu} bytes, BW ${want.bandwidthKbps} Kbit, DLY ${want.delayUsec} usec, rely ${want.reliability}/255, load ${g.between(1, 255)}/255`,
    );
  } else {
    lines.push(`  MTU ${want.mtu} bytes, BW ${want.bandwidthKbps} Kbit/sec, DLY ${want.delayUsec} usec,`);
    want.txLoad = g.between(1, 255);
    want.rxLoad = g.between(1, 255);
    lines.push(`     reliability ${want.reliability}/255, txload ${want.txLoad}/255, rxload ${want.rxLoad}/255`);
  }
  if (g.chance(0.3)) {
    want.vlanId = g.between(2, 4094);
    want.encapsulation = '802.1Q Virtual LAN';
    lines.push(`  Encapsulation 802.1Q Virtual LAN, Vlan ID  ${want.vlanId}.`);
  } else {
    want.encapsulation = g.pick(['ARPA', 'TUNNEL', 'LOOPBACK']);
    want.loopbackSet = false;
    lines.push(`  Encapsulation ${want.encapsulation}, loopback not set`);
  }
  if (want.encapsulation !== '802.1Q Virtual LAN' && g.chance(0.15)) {
    // IOS 10-12.0: the keepalive closes the encapsulation line.
    want.keepalive = g.pick(['set', 'not-set'] as const);
    if (want.keepalive === 'set') want.keepaliveSec = g.pick([10, 5, 30]);
    lines[lines.length - 1] += want.keepalive === 'set' ? `, keepalive set (${want.keepaliveSec} sec)` : ', keepalive not set';
  } else if (g.chance(0.6)) {
    want.keepalive = 'set';
    want.keepaliveSec = g.pick([10, 5, 30]);
    // A GRE tunnel's keepalive adds the retries before the tunnel goes down.
    if (hw === 'Tunnel' && g.chance(0.5)) {
      want.keepaliveRetries = g.between(1, 10);
      lines.push(`  Keepalive set (${want.keepaliveSec} sec), retries ${want.keepaliveRetries}`);
    } else lines.push(`  Keepalive set (${want.keepaliveSec} sec)`);
  } else {
    want.keepalive = 'not-set';
    lines.push('  Keepalive not set');
  }
  if (hw === 'Tunnel' && g.chance(0.7)) {
    const ttl = g.pick([255, 64]);
    const protocolTransport = g.pick(['GRE/IP', 'multi-GRE/IP', 'IPSEC/IP', 'IPv6 6to4', 'Label Switching']);
    const tunnel: Record<string, unknown> = { protocolTransport, ttl };
    // No destination configured: `destination UNKNOWN` (12.x), no address kept.
    if (g.chance(0.3)) lines.push(`  Tunnel source ${g.pick(['UNKNOWN', g.ipv4()])}, destination UNKNOWN`);
    if (g.chance(0.4)) {
      // 12.x: key and sequencing close the protocol line, fast tunneling the checksumming line.
      lines.push(
        `  Tunnel protocol/transport ${protocolTransport}, key ${g.pick(['disabled', '0x3E8'])}, sequencing disabled`,
        `  Checksumming of packets disabled,${g.pick([' ', '  '])}fast tunneling enabled`,
        `  Tunnel TTL ${ttl}`,
      );
    } else {
      lines.push(`  Tunnel protocol/transport ${protocolTransport}`);
      // The fast-switching state closes the TTL line, or (12.x) stands on a line of its own.
      if (g.chance(0.5)) lines.push(`  Tunnel TTL ${ttl}, Fast tunneling ${g.pick(['enabled', 'disabled'])}`);
      else lines.push(`  Tunnel TTL ${ttl}`, `  Fast tunneling ${g.pick(['enabled', 'disabled'])}`);
    }
    if (g.chance(0.5)) {
      tunnel.protectionProfile = g.pick(['default', 'DMVPN-PROFILE', 'flex vpn']);
      lines.push(`  Tunnel protection via IPSec (profile "${tunnel.protectionProfile as string}"${g.pick(['', ', shared'])})`);
    }
    want.tunnel = expect.objectContaining(tunnel) as never;
  }
  if (hw === 'IBM2692') {
    // Token Ring: ring speed, duplex and station mode on lines of their own (ZipTie's 3620, held-out round 7).
    want.speedMbps = g.pick([4, 16]);
    want.duplex = g.pick(['half', 'full'] as const);
    lines.push(
      `  Ring speed: ${want.speedMbps} Mbps`,
      `  Duplex: ${want.duplex}`,
      '  Mode: Classic token ring station',
      '  Group Address: 0x00000000, Functional Address: 0x08000000',
      '  Ethernet Transit OUI: 0x000000',
    );
  } else if (g.chance(0.5)) {
    const [duplexRaw, duplex] = g.pick([
      ['Full-duplex', 'full'],
      ['Half-duplex', 'half'],
      ['Auto-duplex', 'auto'],
    ] as const);
    const speed = g.pick(['1000Mb/s', '100Mb/s', '10Gb/s']);
    want.duplex = duplex;
    want.duplexRaw = duplexRaw;
    want.speed = speed;
    want.mediaType = g.pick(['RJ45', 'SX', 'T', '10GBase-SR']);
    lines.push(`  ${duplexRaw}, ${speed}, link type is auto, media type is ${want.mediaType}`);
    want.linkType = 'auto';
    const [inFc, outFc] = [g.pick(['on', 'off'] as const), g.pick(['on', 'off', 'unsupported'] as const)];
    want.inputFlowControl = inFc;
    want.outputFlowControl = outFc;
    lines.push(`  output flow-control is ${outFc}, input flow-control is ${inFc}`);
  }
  if (hw === 'MPC ATMSAR') {
    // ATM: AAL encapsulations, buffers, VC limits, auto creation, idle disconnect, signalling (show interfaces atm).
    lines.push(
      `  Encapsulation(s): ${g.pick(['AAL5', 'AAL5  AAL2', 'AAL5 AAL3/4'])}, PVC mode`,
      ...(g.chance(0.5) ? [`  ${g.pick([10, 256])} TX buffers, ${g.pick([10, 256])} RX buffers,`] : []),
      `  ${g.pick([10, 23, 2048])} maximum active VCs,${g.chance(0.5) ? ` ${g.pick([256, 1024])} VCs per VP,` : ''} ${g.int(5)} current VCCs`,
      `  VC Auto Creation ${g.pick(['Disabled.', 'Enabled.'])}`,
      '  VC idle disconnect time: 300 seconds',
      ...(g.chance(0.5) ? ['  Signalling vc = 1, vpi = 0, vci = 5', '  UNI Version = 4.0, Link Side = user'] : []),
    );
  }
  if (hw === 'DSX1') {
    // A channel group of a T1/E1 or PRI: its timeslots and transmitter delay, spelled per release.
    lines.push(
      `  ${g.pick(['Timeslot(s) Used:1-24, SCC: 0, Transmitter delay is 0 flags', 'Timeslot(s) Used:16, Transmitter delay is 0 flags', 'Timeslot(s) Used:1-24, subrate: 64Kb/s, transmit delay is 0 flags'])}`,
    );
  }
  if (hw === 'EtherSVI' && g.chance(0.4)) {
    // Catalyst 6500 / 7600: hardware-switched traffic (12.2SX configuration guide).
    lines.push(
      `  L2 Switched: ucast: ${g.int(1e6)} pkt, ${g.int(1e9)} bytes - mcast: ${g.int(1e4)} pkt, ${g.int(1e6)} bytes`,
      `  L3 in Switched: ucast: ${g.int(1e6)} pkt, ${g.int(1e9)} bytes - mcast: 0 pkt, 0 bytes mcast`,
      `  L3 out Switched: ucast: ${g.int(1e6)} pkt, ${g.int(1e9)} bytes mcast: 0 pkt, 0 bytes`,
    );
  }
  if (g.chance(0.6)) {
    want.arpType = 'ARPA';
    want.arpTimeoutSec = 4 * 3600;
    lines.push('  ARP type: ARPA, ARP Timeout 04:00:00');
  }
  const last = g.age();
  want.lastInputSec = last.sec;
  want.lastOutputSec = 'never';
  want.outputHangSec = 'never';
  lines.push(`  Last input ${last.text}, output never, output hang never`);
  want.countersClearedSec = 'never';
  lines.push('  Last clearing of "show interface" counters never');
  const { lines: queueLines, q } = queues(g);
  lines.push(...queueLines);
  const interval = g.pick([30, 60, 300]);
  // IOS 10-12.0 spell the five minutes out.
  const intervalText = interval === 300 ? g.pick(['5 minute', 'Five minute']) : interval === 60 ? '1 minute' : '30 second';
  const rates = {
    intervalSec: interval,
    inputBitsPerSec: g.int(1e9),
    inputPacketsPerSec: g.int(1e5),
    outputBitsPerSec: g.int(1e9),
    outputPacketsPerSec: g.int(1e5),
  };
  lines.push(
    `  ${intervalText} input rate ${rates.inputBitsPerSec} bits/sec, ${rates.inputPacketsPerSec} packets/sec`,
    `  ${intervalText} output rate ${rates.outputBitsPerSec} bits/sec, ${rates.outputPacketsPerSec} packets/sec`,
  );
  const c: Record<string, number> = {
    packetsInput: g.int(1e10),
    bytesInput: g.int(1e12),
    noBuffer: g.int(10),
    packetsOutput: g.int(1e10),
    bytesOutput: g.int(1e12),
    underruns: 0,
    inputErrors: g.int(100),
    crc: g.int(100),
    frame: 0,
    overrun: 0,
    ignored: 0,
    outputErrors: g.int(10),
    collisions: 0,
    interfaceResets: g.int(10),
  };
  const broadcasts = { broadcastsReceived: g.int(1e6), runts: g.int(10), giants: g.int(10), throttles: 0 };
  Object.assign(c, g.chance(0.5) ? { broadcastsReceived: broadcasts.broadcastsReceived } : broadcasts);
  lines.push(
    `     ${c.packetsInput} packets input, ${c.bytesInput} bytes, ${c.noBuffer} no buffer`,
    // The broadcasts on a line of their own (12.4 and later), or opening the runts line (12.x, serial).
    'runts' in c
      ? `     Received ${broadcasts.broadcastsReceived} broadcasts, ${broadcasts.runts} runts, ${broadcasts.giants} giants, ${broadcasts.throttles} throttles`
      : `     Received ${broadcasts.broadcastsReceived} broadcasts (0 IP multicasts)`,
    `     ${c.inputErrors} input errors, ${c.crc} CRC, ${c.frame} frame, ${c.overrun} overrun, ${c.ignored} ignored`,
    `     ${c.packetsOutput} packets output, ${c.bytesOutput} bytes, ${c.underruns} underruns`,
    `     ${c.outputErrors} output errors, ${c.collisions} collisions, ${c.interfaceResets} interface resets`,
  );
  // IOS 10-12.0 Ethernet close the line with the controller's restarts.
  if (g.chance(0.2)) {
    c.restarts = g.int(10);
    lines[lines.length - 1] += `, ${c.restarts} restarts`;
  } else if (hw === 'DSX1' && g.chance(0.3)) {
    // HSSI and older serial: the applique's errors in place of the collisions.
    c.applique = g.int(10);
    delete c.collisions;
    lines[lines.length - 1] = `     ${c.outputErrors} output errors, ${c.applique} applique, ${c.interfaceResets} interface resets`;
  }
  if (hw === 'MPC ATMSAR' && g.chance(0.5)) {
    [c.oamCellsInput, c.oamCellsOutput] = [g.int(1000), g.int(1000)];
    lines.push(`     ${c.oamCellsInput} OAM cells input, ${c.oamCellsOutput} OAM cells output`);
  }
  if (hw === 'DSX1') {
    // Serial modem leads on their own line, or after the carrier transitions on theirs.
    c.carrierTransitions = g.int(100);
    want.modemSignals = { DCD: g.pick(['up', 'down'] as const), DSR: 'up', DTR: 'up', RTS: 'up', CTS: g.pick(['up', 'down'] as const) };
    const leads = Object.entries(want.modemSignals)
      .map(([k, v]) => `${k}=${v}`)
      .join('  ');
    // As words, comma separated, on a 7200's serial port adapters.
    const words = Object.entries(want.modemSignals)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    if (g.chance(0.4)) lines.push(`     ${c.carrierTransitions} carrier transitions     ${leads}`);
    else lines.push(`     ${c.carrierTransitions} carrier transitions`, `     ${g.pick([leads, words])}`);
  }
  if (hw === 'IBM2692') {
    c.carrierTransitions = g.int(100);
    lines.push(`     ${c.carrierTransitions} transitions`);
  }
  // Dialer profiles: the physical side names its profile and LCP state, or a dialer ends
  // with `Bound to:` and the bound interface's block one step deeper (not a record of its own).
  const binding = g.pick(['none', 'none', 'line', 'block', 'circuit', 'bundle', 'ppp'] as const);
  if (binding === 'bundle') {
    // A multilink bundle's virtual access (Dial Technologies, multilink PPP).
    want.clonedFrom = `Virtual-Template${g.between(1, 9)}`;
    lines.push(`  MLP Bundle vaccess, cloned from ${want.clonedFrom}`);
  } else if (binding === 'ppp') {
    // PPP states: LCP with its items, then the NCPs by state (IPV6CP has a digit).
    want.lcpState = g.pick(['Open', 'Closed', 'Listen', 'REQsent']);
    const open = g.pick([['IPCP'], ['IPCP', 'CDPCP'], ['IPCP', 'IPV6CP', 'CDPCP'], ['IPV6CP']]);
    want.ncpOpen = open;
    lines.push(`  LCP ${want.lcpState}${g.pick(['', ', multilink Closed', ', loopback not set'])}`, `  Open: ${open.join(', ')}`);
    if (g.chance(0.5)) lines.push(`  ${g.pick(['Closed', 'Listen', 'TERMsent'])}: ${g.pick(['CDPCP', 'MPLSCP', 'IPV6CP, CDPCP'])}`);
  } else if (binding === 'circuit') {
    // A virtual-access interface of PPP over Frame Relay or ATM: the circuit and the template on one line.
    want.boundTo = `Serial0/${g.int(4)}.${g.between(1, 99)}`;
    want.clonedFrom = `Virtual-Template${g.between(1, 9)}`;
    const circuit = g.pick([` DLCI ${g.between(16, 1007)}`, ` VCD: ${g.between(1, 99)}, VPI: 0, VCI: ${g.between(32, 999)}`]);
    lines.push(`  Bound to ${want.boundTo}${circuit}, Cloned from ${want.clonedFrom}`);
  } else if (binding === 'line') {
    want.boundTo = `Dialer${g.between(1, 9)}`;
    want.lcpState = g.pick(['Open', 'Closed', 'Listen']);
    lines.push(`  Interface is bound to ${want.boundTo} (Encapsulation PPP)`, `  LCP ${want.lcpState}, multilink Closed`);
  } else if (binding === 'block') {
    want.boundTo = g.interfaceName();
    lines.push(
      '  Bound to:',
      `  ${want.boundTo} is up, line protocol is up`,
      '    Hardware is BRI with U interface and POTS',
      '    Encapsulation PPP, loopback not set',
      `    Dial reason: ip (s=${g.ipv4()}, d=${g.ipv4()})`,
      '    LCP Open, multilink Closed',
    );
  }
  want.queues = expect.objectContaining(q) as never;
  want.rates = rates;
  want.counters = expect.objectContaining(c) as never;
  return { lines, want };
}

/** The input and output queue lines of one queueing strategy, and the queue figures they carry. */
function queues(g: Gen): { lines: string[]; q: Record<string, number> } {
  const out: string[] = [];
  const q: Record<string, number> = {
    inputSize: g.int(75),
    inputMax: 75,
    inputDrops: g.int(1000),
    inputFlushes: g.int(10),
    totalOutputDrops: g.int(100000),
  };
  // The output queue as each queueing strategy prints it: FIFO's size/max (12.0 without the colon, 12.2 with a
  // space before it), priority queueing's four queues, custom queueing's numbered queues (drops summed),
  // class-based and (multilink, interleaving) weighted fair queueing, dual FIFO's high queue first, and
  // IOS 10-12.0's one line for both queues (no input queue line then).
  const queueing = g.pick(['fifo', 'fifo', 'priority', 'custom', 'cbwfq', 'wfq', 'dual', 'both'] as const);
  if (queueing === 'both') {
    for (const k of ['inputFlushes', 'totalOutputDrops']) delete q[k];
    Object.assign(q, { outputSize: g.int(40), outputMax: 40, outputDrops: g.int(100) });
    out.push(
      `  Output queue ${q.outputSize}/${q.outputMax}, ${q.outputDrops} drops; input queue ${q.inputSize}/${q.inputMax}, ${q.inputDrops} drops`,
    );
  } else
    out.push(
      `  Input queue: ${q.inputSize}/${q.inputMax}/${q.inputDrops}/${q.inputFlushes} (size/max/drops/flushes); Total output drops: ${q.totalOutputDrops}`,
    );
  if (queueing === 'both') {
    // Both queues are on the one line above.
  } else if (queueing === 'cbwfq') {
    Object.assign(q, { outputSize: g.int(10), outputMax: 1000, outputDrops: g.int(100) });
    out.push(
      '  Queueing strategy: Class-based queueing',
      `  Output queue: ${q.outputSize}/${q.outputMax}/${q.outputDrops} (size/max total/drops)`,
    );
  } else if (queueing === 'wfq') {
    Object.assign(q, { outputSize: g.int(10), outputMax: 1000, outputThreshold: 64, outputDrops: g.int(100) });
    const interleaves = g.chance(0.5) ? [`/${g.int(50)}`, '/interleaves'] : ['', ''];
    out.push(
      '  Queueing strategy: weighted fair',
      `  Output queue: ${q.outputSize}/${q.outputMax}/${q.outputThreshold}/${q.outputDrops}${interleaves[0]} (size/max total/threshold/drops${interleaves[1]})`,
      '     Conversations  0/1/256 (active/max active/max total)',
      '     Reserved Conversations 0/0 (allocated/max allocated)',
    );
  } else if (queueing === 'dual') {
    Object.assign(q, { outputSize: 0, outputMax: 128, outputDrops: g.int(100) });
    out.push(
      '  Queueing strategy: dual fifo',
      `  Output queue: high size/max/dropped 0/256/${q.outputDrops}`,
      '  Output queue: 0/128 (size/max)',
    );
  } else if (queueing === 'fifo') {
    const max = g.pick([40, 0, 1000]);
    Object.assign(q, { outputSize: 0, outputMax: max });
    out.push('  Queueing strategy: fifo', `  ${g.pick(['Output queue: ', 'Output queue ', 'Output queue :'])}0/${max} (size/max)`);
  } else if (queueing === 'priority') {
    const drops = [g.int(10), g.int(10), g.int(10), g.int(10)];
    Object.assign(q, { outputDrops: drops[0]! + drops[1]! + drops[2]! + drops[3]! });
    out.push(
      `  Queueing strategy: priority-list ${g.between(1, 16)}`,
      '  Output queue (queue priority: size/max/drops):',
      `     high: 0/20/${drops[0]}, medium: 0/40/${drops[1]}, normal: 0/60/${drops[2]}, low: 0/80/${drops[3]}`,
    );
  } else {
    const drops = Array.from({ length: 17 }, () => g.int(5));
    Object.assign(q, { outputDrops: drops.reduce((a, b) => a + b, 0) });
    const cells = drops.map((d, i) => `${i}: 0/20/${d}`);
    out.push(
      `  Queueing strategy: custom-list ${g.between(1, 16)}`,
      '  Output queues: (queue #: size/max/drops)',
      ...[0, 5, 10, 15].map((i) => `     ${cells.slice(i, i + 5).join(' ')}`),
    );
  }
  return { lines: out, q };
}

describe('show interfaces property: generated blocks read back', () => {
  it('holds for 300 generated outputs of 1-6 interfaces', () => {
    const g = new Gen(18_407);
    for (let n = 0; n < 300; n++) {
      const blocks = Array.from({ length: g.between(1, 6) }, () => block(g));
      const text = blocks.flatMap((b) => b.lines).join('\n');
      const { records, warnings } = parseCommandOutput('show interfaces', text);
      expect(warnings, text).toEqual([]);
      expect(records.length, text).toBe(blocks.length);
      (records as InterfaceDetail[]).forEach((r, i) => {
        const w = blocks[i]!.want;
        const got = fieldsOf(r, w);
        expect(got, text).toEqual(w);
      });
    }
  });
});
