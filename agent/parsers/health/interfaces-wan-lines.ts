import type { InterfaceDetail } from '../../../proto/records/health.js';
import { canonicalInterface } from '../interface-name.js';
import type { LineRule } from './interfaces-lines.js';

/**
 * The serial port's modem control leads, `DCD=up  DSR=up  DTR=up  RTS=up  CTS=up` (an HSSI's are
 * `LC=down  CA=up  TM=down ...`), or as the 7200's serial port adapters print them, `RTS up, CTS up,
 * DTR up, DCD up, DSR up` (show interfaces serial / hssi).
 */
const MODEM_SIGNALS = String.raw`[A-Z]{2,4}=(?:up|down)(?:\s+[A-Z]{2,4}=(?:up|down))*|[A-Z]{2,4} (?:up|down)(?:, [A-Z]{2,4} (?:up|down))*`;

function setModemSignals(iface: InterfaceDetail, text: string): void {
  const signals: Record<string, 'up' | 'down'> = {};
  for (const s of text.matchAll(/([A-Z]{2,4})[= ](up|down)/g)) signals[s[1]!] = s[2] as 'up' | 'down';
  iface.modemSignals = signals;
}

/**
 * The items after the PPP states: `multilink Closed`, `loopback not set`, `crc 16` (Cisco IOS
 * Interface and Hardware Component Command Reference, show interfaces serial, PPP encapsulation).
 */
function pppItems(iface: InterfaceDetail, items: readonly string[]): void {
  for (const item of items) {
    const m = /^loopback (not set|set)$/.exec(item);
    if (m) iface.loopbackSet = m[1] === 'set';
  }
}

// A PPP control protocol as IOS names it in its state lines: IPCP, CDPCP, IPV6CP, MPLSCP, BACP, CCP, ...
const NCP = /^[A-Z][A-Z0-9]*CP$/;
// A state of the PPP option negotiation automaton (RFC 1661) as IOS prints it, opening a group of protocols.
const NCP_GROUP = /^(Open|Closed|Listen|Stopped|Starting|Stopping|Closing|Initial|REQsent|ACKsent|ACKrcvd|TERMsent): ([A-Z][A-Z0-9]*CP)$/;

/**
 * Lines of serial, PPP, dialer, cellular and virtual-access interfaces, and the
 * rarer lines of Ethernet ones (IOS interface command reference, `show
 * interfaces` field descriptions). Read where the agent can use them, otherwise
 * recognised so that they are not warned about.
 */
export const WAN_RULES: readonly LineRule[] = [
  // PPP link control and network control protocols: `LCP Open`, `Open: IPCP, CDPCP`, `Listen: CDPCP`.
  // `LCP Open, multilink Closed` on a B channel or serial link that may join a multilink bundle.
  // `LCP Closed, loopback not set` when the encapsulation stands on a line of its own.
  [
    /^LCP (\w+)((?:, [a-z][\w ]*)*)$/,
    ({ iface }, m) => {
      iface.lcpState = m[1]!;
      pppItems(iface, m[2]!.split(', ').slice(1));
    },
  ],
  // The network control protocols by state, each state opening a group: `Open: IPCP, IPV6CP, CDPCP`,
  // `Listen: CDPCP`, `Open: IPCP, Closed: IPV6CP`, then the line's other items (`crc 16, loopback not set`).
  // Only names ending in CP are protocols (IPV6CP, MPLSCP included: before, a name with a digit was
  // dropped from the open list).
  [
    /^(?:Open|Closed|Listen|Stopped|Starting|Stopping|Closing|Initial|REQsent|ACKsent|ACKrcvd|TERMsent): [A-Z][A-Z0-9]*CP(?:, [\w: ]+)*$/,
    ({ iface }, m) => {
      let state = '';
      const open: string[] = [];
      const rest: string[] = [];
      for (const item of m[0].split(', ')) {
        const group = NCP_GROUP.exec(item);
        if (group) state = group[1]!;
        const name = group ? group[2]! : item;
        if (NCP.test(name)) {
          if (state === 'Open') open.push(name);
        } else rest.push(item);
      }
      if (open.length > 0 || /^Open:/.test(m[0])) iface.ncpOpen = open;
      pppItems(iface, rest);
    },
  ],
  // Modem control leads of a serial port: `DCD=up  DSR=up  DTR=up  RTS=up  CTS=up`.
  [new RegExp(`^(?:${MODEM_SIGNALS})$`), ({ iface }, m) => setModemSignals(iface, m[0])],
  // Some serial drivers print the leads after the carrier transitions, on one line:
  // `2 carrier transitions     DCD=up  DSR=up  DTR=up  RTS=up  CTS=up` (show interfaces serial).
  [
    new RegExp(`^(\\d+) carrier transitions\\s+(${MODEM_SIGNALS})$`),
    ({ iface }, m) => {
      (iface.counters ??= {}).carrierTransitions = Number(m[1]);
      setModemSignals(iface, m[2]!);
    },
  ],
  // Clocking of serial and channelized ports.
  [
    /^Clock (?:mode|source) is (\S+)\.?$/i,
    ({ iface }, m) => {
      iface.clockSource = m[1]!;
    },
  ],
  // A channel group of a T1/E1 or PRI (`Serial0/0/0:15`) names its timeslots, then any of its SCC,
  // subrate and transmitter delay: `Timeslot(s) Used:1-24, SCC: 0, Transmitter delay is 0 flags`,
  // `Timeslot(s) Used:16, Transmitter delay is 0 flags`, `Timeslot(s) Used:1-24, subrate: 64Kb/s,
  // transmit delay is 0 flags` (show interfaces serial, channelized T1/E1); the delay may stand alone.
  [/^Timeslot\(s\) Used: ?[\d,-]+(?:, (?:SCC: \d+|subrate: \d+[KM]b\/s|[Tt]ransmit(?:ter)? delay is \d+ flags))*$/, () => undefined],
  [/^[Tt]ransmit(?:ter)? delay is \d+ flags$/, () => undefined],
  [/^Restart-Delay is \d+ secs?$/, () => undefined],
  [/^CRC checking (?:enabled|disabled)$/i, () => undefined],
  // Frame Relay LMI and broadcast queue.
  [/^LMI (?:enq sent|enq recvd|DLCI) .+$/, () => undefined],
  [/^FR SVC (?:enabled|disabled).*$/, () => undefined],
  [/^Broadcast queue \d+\/\d+, broadcasts sent\/dropped \d+\/\d+, interface broadcasts \d+$/, () => undefined],
  // Virtual-Access interfaces say what they were cloned from (FlexVPN virtual templates, PPPoE dialers).
  // The kind before `vaccess` is the session's: `PPPoE`, `Tunnel`, `PPP`, and a multilink bundle's
  // `MLP Bundle vaccess, cloned from Virtual-Template1` (Dial Technologies, multilink PPP).
  [
    /^(?:[\w-]+ ){0,3}vaccess, cloned from (\S+)$/i,
    ({ iface }, m) => {
      iface.clonedFrom = canonicalInterface(m[1]!);
    },
  ],
  // A virtual-access interface of PPP over Frame Relay or over ATM names the circuit it is bound to and
  // its template on one line: `Bound to Serial0/0.20 DLCI 20, Cloned from Virtual-Template1`,
  // `Bound to ATM0/0.1 VCD: 1, VPI: 0, VCI: 35, Cloned from Virtual-Template1` (ZipTie's 2610, held-out round 7).
  [
    /^Bound to (\S+?)(?: DLCI \d+| VCD: \d+, VPI: \d+, VCI: \d+)?, [Cc]loned from (\S+)$/,
    ({ iface }, m) => {
      iface.boundTo = canonicalInterface(m[1]!);
      iface.clonedFrom = canonicalInterface(m[2]!);
    },
  ],
  [
    /^Vaccess status 0x[0-9A-Fa-f]+(?:, loopback (not set|set))?$/,
    ({ iface }, m) => {
      if (m[1] !== undefined) iface.loopbackSet = m[1] === 'set';
    },
  ],
  // Dialer (cellular and PPPoE): state and binding.
  [
    /^Dialer state is (.+)$/,
    ({ iface }, m) => {
      iface.dialerState = m[1]!;
    },
  ],
  // `Dial reason: ip (s=10.1.1.1, d=10.1.1.2)` takes a colon; the others do not.
  [/^(?:Dial reason:?|Time to disconnect|Connected to|Current callback) .+$/, () => undefined],
  // `Interface is bound to Dialer1 (Encapsulation PPP)`: the physical side of a dialer profile names
  // its profile and the encapsulation the call runs (IOS Dial Technologies, dialer profiles).
  [
    /^(?:Interface is )?[Bb]ound to:? (\S+)(?: \(Encapsulation [^)]+\))?$/,
    ({ iface }, m) => {
      iface.boundTo = canonicalInterface(m[1]!);
    },
  ],
  // Rarer Ethernet lines.
  // Catalyst 6500 / 7600 (12.2SX) SVIs and routed ports count the hardware-switched traffic on three
  // lines: `L2 Switched: ucast: 0 pkt, 0 bytes - mcast: 0 pkt, 0 bytes`, `L3 in Switched: ... mcast`,
  // `L3 out Switched: ...` (Cisco IOS 12.2SX configuration guide, Configuring IP Unicast Layer 3
  // Switching, Displaying Hardware Layer 3 Switching Statistics). Understood, not kept.
  [/^L(?:2|3 in|3 out) Switched: ucast: \d+ pkt, \d+ bytes(?: -)? mcast: \d+ pkt, \d+ bytes(?: mcast)?$/, () => undefined],
  [/^Carrier delay is \d+ m?secs?$/, () => undefined],
  [
    /^Media-type configured as (.+?) connector$/,
    ({ iface }, m) => {
      iface.mediaType ??= m[1]!;
    },
  ],
  [
    /^Interface state transitions: (\d+)$/,
    ({ iface }, m) => {
      iface.stateTransitions = Number(m[1]);
    },
  ],
  // Token Ring (IOS show interfaces tokenring): ring speed, duplex, station mode, the OUI used to
  // translate Ethernet frames, group and functional addresses, the last ring status (ZipTie's 3620, held-out round 7).
  [
    /^Ring speed: (\d+) Mbps$/,
    ({ iface }, m) => {
      iface.speedMbps = Number(m[1]);
    },
  ],
  [
    /^Duplex: (half|full)$/,
    ({ iface }, m) => {
      iface.duplex = m[1] as 'half' | 'full';
    },
  ],
  [/^Mode: .*(?:token ring|station|concentrator).*$/i, () => undefined],
  [/^Ethernet Transit OUI: 0x[0-9A-Fa-f]+$/, () => undefined],
  [/^Group Address: 0x[0-9A-Fa-f]+, Functional Address: 0x[0-9A-Fa-f]+$/, () => undefined],
  [/^Last Ring Status .+$/, () => undefined],
  // ATM interfaces (Cisco IOS Interface and Hardware Component Command Reference, show interfaces atm):
  // the AAL encapsulations, buffers, VC limits and counts, auto creation, idle disconnect, signalling
  // VC and UNI version of the main interface, `AAL enabled:` on a subinterface. Understood, not kept.
  [/^Encapsulation\(s\):\s*\S.*$/, () => undefined],
  [/^\d+ TX buffers, \d+ RX buffers,?$/, () => undefined],
  [/^\d+ maximum active VCs(?:, \d+ VCs per VP)?, \d+ current VCCs$/, () => undefined],
  [/^VC Auto Creation (?:Enabled|Disabled)\.?$/i, () => undefined],
  [/^VC idle disconnect time: \d+ seconds$/, () => undefined],
  [/^Signalling vc = \d+, vpi = \d+, vci = \d+$/, () => undefined],
  [/^UNI Version = [\d.]+, Link Side = \w+$/, () => undefined],
  [/^AAL enabled:\s+[\w/]+(?:\s+[\w/]+)*\s*, Maximum VCs: \d+, Current VCCs: \d+$/, () => undefined],
  // In any `ip netmask-format`, as the primary address line.
  [/^Secondary address \d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2}| \d{1,3}(?:\.\d{1,3}){3}| 0x[0-9A-Fa-f]{8})$/, () => undefined],
];
