import type { Duplex, FlowControl, InterfaceDetail } from '../../../proto/records/health.js';
import { cidrOf } from '../address.js';
import { canonicalInterface } from '../interface-name.js';
import { fields } from '../lines.js';
import { durationOrNever } from './common.js';

/** What a line matcher may touch: the interface, and the pseudowire RX/TX block it is in. */
export interface InterfaceContext {
  iface: InterfaceDetail;
  pseudowireDirection?: 'input' | 'output';
}

/** One kind of line: an anchored pattern and what it sets. */
export type LineRule = readonly [RegExp, (ctx: InterfaceContext, m: RegExpExecArray) => void];

const MAC = '([0-9a-fA-F]{4}\\.[0-9a-fA-F]{4}\\.[0-9a-fA-F]{4})';

function setTime(
  iface: InterfaceDetail,
  key: 'lastInputSec' | 'lastOutputSec' | 'outputHangSec' | 'countersClearedSec',
  raw: string,
): void {
  const v = durationOrNever(raw);
  if (v !== undefined) iface[key] = v;
}

function flowControl(raw: string): FlowControl {
  const t = raw.toLowerCase();
  return t === 'on' || t === 'off' || t === 'unsupported' ? t : 'unknown';
}

/** One item after the encapsulation: VLAN ids, loopback, PPP state, CRC width; others are kept out. */
function encapsulationItem(iface: InterfaceDetail, item: string): void {
  let m = /^Vlan ID\s+(\d+)\.?$/.exec(item);
  if (m) {
    iface.vlanId = Number(m[1]);
    return;
  }
  m = /^(outer|inner) ID\s+(\d+)$/.exec(item);
  if (m) {
    if (m[1] === 'outer') iface.outerVlanId = Number(m[2]);
    else iface.innerVlanId = Number(m[2]);
    return;
  }
  m = /^loopback (not set|set)$/.exec(item);
  if (m) {
    iface.loopbackSet = m[1] === 'set';
    return;
  }
  m = /^LCP (\w+)$/.exec(item);
  if (m) {
    iface.lcpState = m[1]!;
    return;
  }
  // IOS 10-12.0 close the line with the keepalive: `Encapsulation ARPA, loopback not set, keepalive set
  // (10 sec)` (Cisco IOS Interface Command Reference, show interfaces ethernet / serial).
  m = /^keepalive (?:set \((\d+) sec\)|(not set))$/i.exec(item);
  if (m) {
    iface.keepalive = m[2] !== undefined ? 'not-set' : 'set';
    if (m[1] !== undefined) iface.keepaliveSec = Number(m[1]);
  }
}

function duplex(raw: string): Duplex {
  const m = /^(full|half|auto)/i.exec(raw);
  return m ? (m[1]!.toLowerCase() as Duplex) : 'unknown';
}

/** `1000Mb/s`, `10Gb/s`, `100Mbps`; undefined for `Auto-speed`, `Unknown`. */
function speedMbps(raw: string): number | undefined {
  const m = /^(\d+)(M|G)b(?:\/s|ps)$/i.exec(raw);
  if (!m) return undefined;
  return Number(m[1]) * (m[2]!.toUpperCase() === 'G' ? 1000 : 1);
}

/** Lines about identity, addressing, link and timers. */
export const GENERAL_RULES: readonly LineRule[] = [
  [
    /^Hardware is not present$/,
    ({ iface }) => {
      iface.hardwarePresent = false;
    },
  ],
  // `Hardware is BDI, address is 0c00.12ff.fbc4(bia ...)`: the space before `(bia` is optional.
  [
    new RegExp(`^Hardware is (.+?)(?:, address is ${MAC} ?\\(bia ${MAC}\\))?$`),
    ({ iface }, m) => {
      iface.hardware = m[1]!;
      if (m[2] !== undefined) {
        iface.macAddress = m[2];
        iface.burnedInAddress = m[3]!;
      }
    },
  ],
  [
    /^Description: (.*)$/,
    ({ iface }, m) => {
      iface.description = m[1]!;
    },
  ],
  // The mask in whichever `ip netmask-format` the session uses: `10.0.0.1/24`, `10.0.0.1 255.255.255.0`
  // (decimal: an ISR's serial interface on ipspace.net's blog), `10.0.0.1 0xFFFFFF00`; kept as CIDR.
  [
    /^Internet address is (\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2}| \d{1,3}(?:\.\d{1,3}){3}| 0x[0-9A-Fa-f]{8}))$/,
    ({ iface }, m) => {
      const cidr = cidrOf(m[1]!);
      if (cidr !== undefined) iface.ipAddress = cidr;
    },
  ],
  // IOS 10-11 name the mask in words: `Internet address is 10.108.28.8, subnet mask is 255.255.255.0`
  // (Cisco IOS Interface Command Reference, show interfaces ethernet, sample display).
  [
    /^Internet address is (\d{1,3}(?:\.\d{1,3}){3}), subnet mask is (\d{1,3}(?:\.\d{1,3}){3})$/,
    ({ iface }, m) => {
      const cidr = cidrOf(`${m[1]!} ${m[2]!}`);
      if (cidr !== undefined) iface.ipAddress = cidr;
    },
  ],
  // `using IPCP` (dialer, cellular), `using DHCP`, `using IKEv2 Modeconfig` (a FlexVPN client's
  // tunnel: ansible-network/cisco_ios #55, an ASR 1001-X); the method may be more than one word.
  [/^Internet address will be negotiated(?: using .+)?$/, () => undefined],
  [
    /^Interface is unnumbered\. Using address of (\S+) \((\S+)\)$/,
    ({ iface }, m) => {
      iface.unnumberedInterface = canonicalInterface(m[1]!);
      iface.unnumberedAddress = m[2]!;
    },
  ],
  // `BW 768 Kbit/sec`, `BW 100 Kbit` (IOS 15), `BW not configured` (pseudowire). 12.0 ends the
  // line with `rely 255/255, load 1/255` (no line of loads follows; one load, no direction, so
  // neither txLoad nor rxLoad: corpus exscript iosemu_show_interface, a 12000's FastEthernet).
  [
    /^MTU (\d+) bytes,(?: sub MTU \d+,)? (?:BW (\d+) Kbit(?:\/sec)?|BW not configured)(?:, DLY (\d+) usec,?)?(?: rely (\d+)\/255, load \d+\/255)?$/,
    ({ iface }, m) => {
      iface.mtu = Number(m[1]);
      if (m[2] !== undefined) iface.bandwidthKbps = Number(m[2]);
      if (m[3] !== undefined) iface.delayUsec = Number(m[3]);
      if (m[4] !== undefined) iface.reliability = Number(m[4]);
    },
  ],
  [
    /^reliability (\d+)\/255, txload (\d+)\/255, rxload (\d+)\/255$/,
    ({ iface }, m) => {
      iface.reliability = Number(m[1]);
      iface.txLoad = Number(m[2]);
      iface.rxLoad = Number(m[3]);
    },
  ],
  // `Encapsulation 802.1Q Virtual LAN, Vlan ID  1., loopback not set` (corpus: genieparser
  // golden_interface_output_1), `... QinQ Virtual LAN, outer ID  10, inner ID 20`, `Encapsulation mpls`,
  // `Encapsulation PPP, LCP Open, multilink Closed`, `Encapsulation HDLC, crc 16, loopback not set`.
  [
    /^Encapsulation ([^,]+)((?:, [^,]+)*)$/,
    ({ iface }, m) => {
      iface.encapsulation = m[1]!;
      for (const item of m[2]!
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''))
        encapsulationItem(iface, item);
    },
  ],
  // GRE tunnel keepalives add the retries before the tunnel is declared down: `Keepalive set (10 sec), retries 3`.
  [
    /^Keepalive set \((\d+) sec\)(?:, retries (\d+))?$/,
    ({ iface }, m) => {
      iface.keepalive = 'set';
      iface.keepaliveSec = Number(m[1]);
      if (m[2] !== undefined) iface.keepaliveRetries = Number(m[2]);
    },
  ],
  [
    /^Keepalive not set$/,
    ({ iface }) => {
      iface.keepalive = 'not-set';
    },
  ],
  [
    /^Keepalive not supported$/,
    ({ iface }) => {
      iface.keepalive = 'not-supported';
    },
  ],
  // `Full-duplex, 1000Mb/s, media type is 10/100/1000BaseTX`, `Full Duplex, 1000Mbps, link type
  // is auto, media type is RJ45`, `Half-duplex, 10Mb/s, 100BaseTX/FX` (corpus: golden_interface_output_5).
  [
    /^((?:Full|Half|Auto)[- ]Duplex|Unknown), ([^,]+)(?:, link type is ([^,]+))?(?:, media type is ?(.*)|, ([^,]+))?$/i,
    ({ iface }, m) => {
      iface.duplexRaw = m[1]!;
      iface.duplex = duplex(m[1]!);
      iface.speed = m[2]!;
      const mbps = speedMbps(m[2]!);
      if (mbps !== undefined) iface.speedMbps = mbps;
      if (m[3] !== undefined) iface.linkType = m[3];
      const media = m[4] ?? m[5];
      if (media !== undefined && media !== '') iface.mediaType = media;
    },
  ],
  // Either direction first, one or both printed (`input flow-control is off, output flow-control is unsupported`).
  [
    /^(input|output) flow-control is ([\w-]+)(?:, (input|output) flow-control is ([\w-]+))?$/i,
    ({ iface }, m) => {
      for (const [dir, value] of [
        [m[1], m[2]],
        [m[3], m[4]],
      ]) {
        if (dir === undefined || value === undefined) continue;
        if (dir.toLowerCase() === 'input') iface.inputFlowControl = flowControl(value);
        else iface.outputFlowControl = flowControl(value);
      }
    },
  ],
  [
    /^ARP type: (\S+), ARP Timeout (.+)$/,
    ({ iface }, m) => {
      iface.arpType = m[1]!;
      const timeout = durationOrNever(m[2]!);
      if (typeof timeout === 'number') iface.arpTimeoutSec = timeout;
    },
  ],
  [
    /^Last input ([^,]+), output ([^,]+), output hang ([^,]+)$/,
    ({ iface }, m) => {
      setTime(iface, 'lastInputSec', m[1]!);
      setTime(iface, 'lastOutputSec', m[2]!);
      setTime(iface, 'outputHangSec', m[3]!);
    },
  ],
  [/^Last clearing of "show interface" counters (.+)$/, ({ iface }, m) => setTime(iface, 'countersClearedSec', m[1]!)],
  [
    /^Members in this channel: (.+)$/,
    ({ iface }, m) => {
      iface.members = fields(m[1]!).map(canonicalInterface);
    },
  ],
  [
    /^No\. of active members in this channel: (\d+)$/,
    ({ iface }, m) => {
      iface.activeMemberCount = Number(m[1]);
    },
  ],
  // `Member 0 : GigabitEthernet0/0/0 , Full-duplex, 1000Mb/s` (corpus: golden_interface_output_1).
  [
    /^Member \d+ : (\S+) ,.*$/,
    ({ iface }, m) => {
      (iface.members ??= []).push(canonicalInterface(m[1]!));
    },
  ],
  [
    /^No\. of PF_JUMBO supported members in this channel : (\d+)$/,
    ({ iface }, m) => {
      iface.jumboCapableMemberCount = Number(m[1]);
    },
  ],
  [
    /^Asymmetric Carrier-Delay (Up|Down) Timer is (\d+) sec$/,
    ({ iface }, m) => {
      if (m[1] === 'Up') iface.carrierDelayUpSec = Number(m[2]);
      else iface.carrierDelayDownSec = Number(m[2]);
    },
  ],
  [
    /^DTR is pulsed for (\d+) seconds on reset$/,
    ({ iface }, m) => {
      iface.dtrPulseSec = Number(m[1]);
    },
  ],
  // Forward error correction mode of optics: understood, not recorded.
  [/^Fec is \S+$/, () => undefined],
  // Pseudowire (corpus: genieparser ShowInterfaces golden_output_3).
  [
    /^Peer IP (\S+), VC ID (\d+)$/,
    ({ iface }, m) => {
      iface.peerAddress = m[1]!;
      iface.vcId = Number(m[2]);
    },
  ],
  [
    /^(RX|TX)$/,
    (ctx, m) => {
      ctx.pseudowireDirection = m[1] === 'RX' ? 'input' : 'output';
    },
  ],
];
