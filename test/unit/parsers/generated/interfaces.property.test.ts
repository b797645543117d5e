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
 * interfaces of every platform, read back exactly.
 */
const STATES = [
  ['up', 'up', 'up'],
  ['down', 'down', 'down'],
  ['administratively down', 'administratively-down', 'down'],
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
  const hw = g.pick(['iGbE', 'CN Gigabit Ethernet', 'Tunnel', 'Cellular modem', 'Loopback', 'EtherSVI', 'IBM2692']);
  want.hardware = hw;
  if (hw === 'Tunnel' || hw === 'Loopback' || hw === 'Cellular modem') lines.push(`  Hardware is ${hw}`);
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
    lines.push(`  Internet address is ${withMask(address, length, g.pick(NETMASK_FORMATS))}`);
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
  if (g.chance(0.6)) {
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
    lines.push('  Tunnel protocol/transport GRE/IP');
    // The fast-switching state closes the TTL line, or (12.x) stands on a line of its own.
    if (g.chance(0.5)) lines.push(`  Tunnel TTL ${ttl}, Fast tunneling ${g.pick(['enabled', 'disabled'])}`);
    else lines.push(`  Tunnel TTL ${ttl}`, `  Fast tunneling ${g.pick(['enabled', 'disabled'])}`);
    want.tunnel = expect.objectContaining({ protocolTransport: 'GRE/IP', ttl }) as never;
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
  const q = { inputSize: g.int(75), inputMax: 75, inputDrops: g.int(1000), inputFlushes: g.int(10), totalOutputDrops: g.int(100000) };
  lines.push(
    `  Input queue: ${q.inputSize}/${q.inputMax}/${q.inputDrops}/${q.inputFlushes} (size/max/drops/flushes); Total output drops: ${q.totalOutputDrops}`,
  );
  // The output queue as each queueing strategy prints it: FIFO's size/max (12.0 without the colon, 12.2 with a
  // space before it), priority queueing's four queues, custom queueing's numbered queues (drops summed).
  const queueing = g.pick(['fifo', 'fifo', 'priority', 'custom'] as const);
  if (queueing === 'fifo') {
    const max = g.pick([40, 0, 1000]);
    Object.assign(q, { outputSize: 0, outputMax: max });
    lines.push('  Queueing strategy: fifo', `  ${g.pick(['Output queue: ', 'Output queue ', 'Output queue :'])}0/${max} (size/max)`);
  } else if (queueing === 'priority') {
    const drops = [g.int(10), g.int(10), g.int(10), g.int(10)];
    Object.assign(q, { outputDrops: drops[0]! + drops[1]! + drops[2]! + drops[3]! });
    lines.push(
      `  Queueing strategy: priority-list ${g.between(1, 16)}`,
      '  Output queue (queue priority: size/max/drops):',
      `     high: 0/20/${drops[0]}, medium: 0/40/${drops[1]}, normal: 0/60/${drops[2]}, low: 0/80/${drops[3]}`,
    );
  } else {
    const drops = Array.from({ length: 17 }, () => g.int(5));
    Object.assign(q, { outputDrops: drops.reduce((a, b) => a + b, 0) });
    const cells = drops.map((d, i) => `${i}: 0/20/${d}`);
    lines.push(
      `  Queueing strategy: custom-list ${g.between(1, 16)}`,
      '  Output queues: (queue #: size/max/drops)',
      ...[0, 5, 10, 15].map((i) => `     ${cells.slice(i, i + 5).join(' ')}`),
    );
  }
  const interval = g.pick([30, 60, 300]);
  const intervalText = interval === 300 ? '5 minute' : interval === 60 ? '1 minute' : '30 second';
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
  if (hw === 'IBM2692') {
    c.carrierTransitions = g.int(100);
    lines.push(`     ${c.carrierTransitions} transitions`);
  }
  // Dialer profiles: the physical side names its profile and LCP state, or a dialer ends
  // with `Bound to:` and the bound interface's block one step deeper (not a record of its own).
  const binding = g.pick(['none', 'none', 'line', 'block', 'circuit'] as const);
  if (binding === 'circuit') {
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
