/**
 * `show ip interface brief` (corpus: ntc-templates
 * cisco_ios_show_ip_interface_brief) and `show interfaces [NAME]` (IOS 15
 * router layout, corpus: genieparser ios ShowInterfaces golden_output; the
 * tunnel lines from iosxe golden_output_1).
 */
import type { RouterModel } from '../router/model.js';
import { interfaceAddress } from '../router/model.js';
import type { InterfaceRuntime } from '../router/runtime.js';
import { iosElapsed, pad } from './format.js';
import { elapsedSec } from './view.js';

interface InterfaceView {
  name: string;
  status: 'up' | 'down' | 'administratively down';
  protocol: 'up' | 'down';
  address?: { address: string; prefixLength: number };
  rt?: InterfaceRuntime;
}

function views(m: RouterModel): InterfaceView[] {
  return [...m.config.interfaces.values()].map((cfg) => {
    const rt = m.rt.interfaces.get(cfg.name);
    const view: InterfaceView = {
      name: cfg.name,
      status: cfg.shutdown ? 'administratively down' : rt?.linkUp ? 'up' : 'down',
      protocol: rt?.protocolUp ? 'up' : 'down',
    };
    const addr = interfaceAddress(m, cfg.name);
    if (addr) view.address = addr;
    if (rt) view.rt = rt;
    return view;
  });
}

export function renderIpInterfaceBrief(m: RouterModel): string {
  const out = ['Interface                  IP-Address      OK? Method Status                Protocol'];
  for (const v of views(m)) {
    const cfg = m.config.interfaces.get(v.name)!;
    const method = cfg.address === 'negotiated' ? (v.name.startsWith('Cellular') ? 'IPCP' : 'NVRAM') : v.address ? 'NVRAM' : 'unset';
    out.push(`${pad(v.name, 27)}${pad(v.address?.address ?? 'unassigned', 16)}YES ${pad(method, 7)}${pad(v.status, 22)}${v.protocol}`);
  }
  return out.join('\n');
}

export function renderInterfaces(m: RouterModel, only?: string): string {
  const selected = views(m).filter((v) => only === undefined || v.name === only);
  if (only !== undefined && selected.length === 0) return "% Invalid input detected at '^' marker.";
  return selected.flatMap((v) => block(m, v)).join('\n');
}

const MACS: Record<string, string> = { GigabitEthernet: '00f6.63d2.1a4', Vlan: '00f6.63d2.1b4' };

function hardwareLines(name: string, index: number): string[] {
  if (name.startsWith('Tunnel')) return ['  Hardware is Tunnel'];
  if (name.startsWith('Cellular')) return ['  Hardware is 4G WWAN Modem - Global Multimode LTE/DC-HSPA+/HSPA+/HSPA/UMTS/EDGE/GPRS'];
  const base = name.startsWith('Vlan') ? MACS.Vlan! : MACS.GigabitEthernet!;
  const mac = `${base}${index.toString(16)}`;
  return [`  Hardware is ${name.startsWith('Vlan') ? 'EtherSVI' : 'PQ3_TSEC'}, address is ${mac} (bia ${mac})`];
}

function block(m: RouterModel, v: InterfaceView): string[] {
  const cfg = m.config.interfaces.get(v.name)!;
  const tunnel = v.name.startsWith('Tunnel');
  const cellular = v.name.startsWith('Cellular');
  const index = [...m.config.interfaces.keys()].indexOf(v.name);
  const c = v.rt?.counters ?? {
    packetsIn: 0,
    bytesIn: 0,
    packetsOut: 0,
    bytesOut: 0,
    broadcastsIn: 0,
    interfaceResets: 0,
    carrierTransitions: 0,
  };
  const out = [`${v.name} is ${v.status}, line protocol is ${v.protocol} `, ...hardwareLines(v.name, index)];
  if (cfg.description) out.push(`  Description: ${cfg.description}`);
  if (v.address) out.push(`  Internet address is ${v.address.address}/${v.address.prefixLength}`);
  const mtu = tunnel ? 17916 : 1500;
  const bw = tunnel ? 100 : cellular ? 50000 : 1000000;
  const dly = tunnel ? 50000 : cellular ? 0 : 10;
  out.push(`  MTU ${mtu} bytes, BW ${bw} Kbit/sec, DLY ${dly} usec, `, '     reliability 255/255, txload 1/255, rxload 1/255');
  if (tunnel) out.push(...tunnelLines(m, v.name));
  else if (cellular) out.push('  Encapsulation SLIP, loopback not set', '  Keepalive not supported ');
  else {
    out.push('  Encapsulation ARPA, loopback not set', '  Keepalive set (10 sec)');
    if (v.name.startsWith('GigabitEthernet')) {
      out.push('  Full Duplex, 1Gbps, media type is RJ45', '  output flow-control is unsupported, input flow-control is unsupported');
    }
    out.push('  ARP type: ARPA, ARP Timeout 04:00:00');
  }
  const ago = (t: number | undefined) => (t === undefined ? 'never' : iosElapsed(elapsedSec(m, t)));
  out.push(
    `  Last input ${ago(v.rt?.lastInputAt)}, output ${ago(v.rt?.lastOutputAt)}, output hang never`,
    `  Last clearing of "show interface" counters ${ago(v.rt?.countersClearedAt)}`,
    `  Input queue: 0/75/0/0 (size/max/drops/flushes); Total output drops: 0`,
    '  Queueing strategy: fifo',
    '  Output queue: 0/40 (size/max)',
    ...rates(m, v),
    `     ${c.packetsIn} packets input, ${c.bytesIn} bytes, 0 no buffer`,
    `     Received ${c.broadcastsIn} broadcasts (0 IP multicasts)`,
    '     0 runts, 0 giants, 0 throttles ',
    '     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored, 0 abort',
    `     ${c.packetsOut} packets output, ${c.bytesOut} bytes, 0 underruns`,
    `     0 output errors, 0 collisions, ${c.interfaceResets} interface resets`,
    '     0 unknown protocol drops',
    '     0 output buffer failures, 0 output buffers swapped out',
  );
  if (!tunnel) out.push(`     ${c.carrierTransitions} carrier transitions`);
  return out;
}

/** 5-minute rates from the traffic the interface carries now (the lab's load is steady). */
function rates(m: RouterModel, v: InterfaceView): string[] {
  const carrying = m.rt.sas.filter((s) => s.tunnelInterface === v.name || s.sourceInterface === v.name).length;
  const { outPps, inPps, packetBytes } = m.opts.traffic;
  const pin = v.protocol === 'up' ? carrying * inPps : 0;
  const pout = v.protocol === 'up' ? carrying * outPps : 0;
  return [
    `  5 minute input rate ${pin * packetBytes * 8} bits/sec, ${pin} packets/sec`,
    `  5 minute output rate ${pout * packetBytes * 8} bits/sec, ${pout} packets/sec`,
  ];
}

function tunnelLines(m: RouterModel, name: string): string[] {
  const sa = m.rt.sas.find((s) => s.tunnelInterface === name);
  const cfg = m.config.interfaces.get(name)!;
  const source = sa ? `${sa.localAddress} (${sa.sourceInterface})` : 'UNKNOWN';
  const out = [
    '  Encapsulation TUNNEL, loopback not set',
    '  Keepalive not set',
    sa ? '  Tunnel linestate evaluation up' : '  Tunnel linestate evaluation down - no output interface',
    `  Tunnel source ${source}${sa ? `, destination ${sa.peerAddress}` : ''}`,
    '  Tunnel protocol/transport GRE/IP',
    '      Key disabled, sequencing disabled',
    '      Checksumming of packets disabled',
    '  Tunnel TTL 255, Fast tunneling enabled',
    '  Tunnel transport MTU 1438 bytes',
    '  Tunnel transmit bandwidth 8000 (kbps)',
    '  Tunnel receive bandwidth 8000 (kbps)',
  ];
  if (cfg.tunnel?.protectionProfile) out.push(`  Tunnel protection via IPSec (profile "${cfg.tunnel.protectionProfile}")`);
  return out;
}
