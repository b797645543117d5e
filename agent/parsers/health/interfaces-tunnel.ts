import type { InterfaceDetail, TunnelDetail } from '../../../proto/records/health.js';
import { canonicalInterface } from '../interface-name.js';
import { lineProtocolState } from './common.js';
import type { LineRule } from './interfaces-lines.js';

function tunnel(iface: InterfaceDetail): TunnelDetail {
  return (iface.tunnel ??= {});
}

/** Lines only Tunnel interfaces print. */
export const TUNNEL_RULES: readonly LineRule[] = [
  // `Tunnel linestate evaluation down - no output interface` (corpus: genieparser golden_interface_output_10).
  [
    /^Tunnel linestate evaluation (up|down)(?: - (.+))?$/,
    ({ iface }, m) => {
      const tu = tunnel(iface);
      tu.linestate = lineProtocolState(m[1]!);
      if (m[2] !== undefined) tu.linestateReason = m[2];
    },
  ],
  // `Tunnel source 172.16.121.201 (GigabitEthernet0/0/1.91), destination 172.16.64.36`;
  // `UNKNOWN` while the source has no address, `::` for an IPv6 tunnel without destination, and
  // `destination UNKNOWN` for one with none configured (12.x, a 6to4 or ISATAP tunnel): no address
  // either, where before `UNKNOWN` was kept as the destination address.
  [
    /^Tunnel source (\S+)(?: \((\S+)\))?(?:, destination (\S+))?$/,
    ({ iface }, m) => {
      const tu = tunnel(iface);
      if (m[1] !== 'UNKNOWN') tu.sourceAddress = m[1]!;
      if (m[2] !== undefined) tu.sourceInterface = canonicalInterface(m[2]);
      if (m[3] !== undefined && m[3] !== '::' && m[3] !== 'UNKNOWN') tu.destinationAddress = m[3];
    },
  ],
  [
    /^Tunnel vrf "?([^"\s]+)"?$/,
    ({ iface }, m) => {
      tunnel(iface).vrf = m[1]!;
    },
  ],
  // The source-tracking subblock lists other tunnels sharing the source: understood, not recorded.
  [/^Tunnel Subblocks:$/, () => undefined],
  [/^src-track:$/, () => undefined],
  // Named after the interface printing it: Tunnel0, or Virtual-Access2 cloned from a virtual template.
  [/^\S+ source tracking subblock associated with \S+$/, () => undefined],
  // The source interface's state in angle brackets (`<OK>`); any state word is read alike.
  [/^Set of tunnels with source \S+, \d+ members? \(includes iterators\), on interface <[\w-]+>$/, () => undefined],
  // `Tunnel protocol/transport GRE/IP`; the mode may be two words (`IPv6 6to4`, `IPv6 ISATAP`), and
  // 12.x and earlier add the key and sequencing to the line, `Tunnel protocol/transport GRE/IP, key
  // disabled, sequencing disabled` (Cisco IOS Interface and Hardware Component Command Reference,
  // show interfaces tunnel), where later releases give them a line of their own.
  [
    /^Tunnel protocol\/transport (\S+(?: \S+)?)(?:, key (?:disabled|\S+), sequencing (?:disabled|enabled))?$/,
    ({ iface }, m) => {
      tunnel(iface).protocolTransport = m[1]!;
    },
  ],
  [/^Key (?:disabled|\S+), sequencing (?:disabled|enabled)$/, () => undefined],
  // 12.x: `Checksumming of packets disabled,  fast tunneling enabled` on one line.
  [/^Checksumming of packets (?:disabled|enabled)(?:,\s+fast tunneling (?:enabled|disabled))?$/, () => undefined],
  [/^Path MTU Discovery, ager \d+ mins, min MTU \d+$/, () => undefined],
  // `Tunnel TTL 255, Fast tunneling enabled`; some releases lead with the TOS.
  [
    /^(?:Tunnel TOS\/Traffic Class \S+,\s+)?Tunnel TTL (\d+)(?:, Fast tunneling (?:enabled|disabled))?$/,
    ({ iface }, m) => {
      tunnel(iface).ttl = Number(m[1]);
    },
  ],
  // 12.x prints the fast-switching state on a line of its own after `Tunnel TTL 255`: understood, not recorded.
  [/^Fast tunneling (?:enabled|disabled)$/, () => undefined],
  [
    /^Tunnel transport MTU (\d+) bytes$/,
    ({ iface }, m) => {
      tunnel(iface).transportMtu = Number(m[1]);
    },
  ],
  [
    /^Tunnel transmit bandwidth (\d+) \(kbps\)$/,
    ({ iface }, m) => {
      tunnel(iface).transmitBandwidthKbps = Number(m[1]);
    },
  ],
  [
    /^Tunnel receive bandwidth (\d+) \(kbps\)$/,
    ({ iface }, m) => {
      tunnel(iface).receiveBandwidthKbps = Number(m[1]);
    },
  ],
  [
    /^Tunnel is transmit only$/,
    ({ iface }) => {
      tunnel(iface).transmitOnly = true;
    },
  ],
  // `(profile "NAME")`, and any attribute a release adds after the name (`(profile "DMVPN", shared)`).
  [
    /^Tunnel protection via IPSec \(profile "([^"]+)"(?:, [^)]+)?\)$/,
    ({ iface }, m) => {
      tunnel(iface).protectionProfile = m[1]!;
    },
  ],
];
