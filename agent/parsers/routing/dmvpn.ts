import type { ParseResult } from '../../../proto/records/common.js';
import type {
  AddressFamily,
  DmvpnAttribute,
  DmvpnPeer,
  DmvpnPeerState,
  DmvpnRole,
  DmvpnTunnelDetail,
} from '../../../proto/records/routing.js';
import { parseDuration } from '../duration.js';
import { canonicalInterface } from '../interface-name.js';
import { splitLines, Warnings } from '../lines.js';
import { isCaptureNoise } from './capture-noise.js';
import { CryptoDetails, detailHeader, tunnelDetailLine } from './dmvpn-detail.js';
import { ipv6PeerLine } from './dmvpn-ipv6.js';
import { compact, lookup } from './record-helpers.js';

const INTERFACE = /^Interface: ([^,\s]+), (IPv4|IPv6) NHRP Details$/;
const TYPE_BODY = String.raw`Type:\s*([^,\s]+),\s*(?:NHRP Peers|Total NBMA Peers \(v4\/v6\)|Peers):\s*(\d+)(?:\/(\d+))?,?$`;
const TYPE = new RegExp(`^${TYPE_BODY}`);
// 12.4T prints the interface and its role on one line, IPv4 only: `Tunnel0, Type:Spoke, NHRP Peers:1,`.
const INTERFACE_AND_TYPE = new RegExp(String.raw`^([A-Za-z][A-Za-z-]*\d[\d/.:]*),\s*${TYPE_BODY}`);
// `show dmvpn detail` adds a `Target Network` column.
const COLUMNS = /^#?\s*Ent\s+Peer NBMA Addr\s+Peer Tunnel Add\s+State\s+UpDn Tm\s+Attrb(?:\s+Target Network)?$/;
const ADDRESS = String.raw`[0-9A-Fa-f]*[.:][0-9A-Fa-f:.]*`;
// State, up/down time, attributes and, under `detail`, the target network.
const ENTRY = String.raw`([A-Za-z]+)\s+(\S+)\s+([A-Z0-9]+)(?:\s+(${ADDRESS}\/\d{1,3}))?$`;
// `1 172.29.0.1   172.30.90.1   IKE  3w5d  S`: # Ent, NBMA, tunnel address, state, up/down, attributes.
const ROW = new RegExp(String.raw`^(\d+)\s+(\S+)\s+(${ADDRESS})\s+${ENTRY}`);
// Another tunnel address of the NBMA peer above (genieparser ShowDmvpn golden_output1).
const MORE = new RegExp(String.raw`^(${ADDRESS})\s+${ENTRY}`);
// `show dmvpn detail` repeats the NBMA address on such a row: `1.1.1.1  172.16.123.4  UP 00:00:06  I2  172.16.123.4/32`.
const MORE_WITH_NBMA = new RegExp(String.raw`^(${ADDRESS})\s+(${ADDRESS})\s+${ENTRY}`);
// The legend IOS prints above the tables: understood, not recorded.
const LEGEND: readonly RegExp[] = [/^Legend: Attrb --> /, /^# Ent --> /, /^NHS Status: /, /^UpDn Time --> /, /^=+$/, /^-+(?:\s+-+)*$/];

const STATES: Record<string, DmvpnPeerState> = { UP: 'up', DOWN: 'down', NHRP: 'nhrp', IKE: 'ike', IPSEC: 'ipsec', INTF: 'intf' };
// A phase 3 hub that also registers to a higher hub prints `Type:Hub/Spoke`.
const ROLES: Record<string, DmvpnRole> = { hub: 'hub', spoke: 'spoke', 'hub/spoke': 'hub-spoke' };
const ATTRIBUTES: Record<string, DmvpnAttribute> = {
  S: 'static',
  D: 'dynamic',
  I: 'incomplete',
  N: 'nated',
  L: 'local',
  X: 'no-socket',
  T1: 'route-installed',
  T2: 'nexthop-override',
  C: 'cts-capable',
  // `I2 - Temporary` (IOS-XE 16.x and later legend): an entry NHRP keeps while it resolves.
  I2: 'temporary',
};

interface TunnelHeader {
  interface: string;
  family: AddressFamily;
  roleRaw: string;
  interfacePeers?: number;
  /** `show dmvpn detail`: the interface's own block. */
  detail?: DmvpnTunnelDetail;
  /** `show dmvpn detail`: the family of an `IPvN NHS:` line whose servers follow. */
  nhs: { family?: AddressFamily };
}

/**
 * `show dmvpn` and `show dmvpn detail`: one record per peer row, carrying its tunnel
 * interface's header; under `detail` also the interface's block and the peer's crypto session.
 */
export function parseDmvpn(text: string): ParseResult<DmvpnPeer> {
  const warnings = new Warnings(
    "an 'Interface: TunnelN, ... NHRP Details' line (12.4T: 'TunnelN, Type:..., NHRP Peers:N,'; under detail 'Interface TunnelN is up/up, Addr. is ...' and its " +
      "'Tunnel Src./Dest.', 'Protocol/Transport', 'IPv4 NHS:' lines), then 'Type:', 'Peers:' and peer rows " +
      "'# Ent Peer-NBMA Peer-Tunnel State UpDn Attrb [Target-Network]'",
  );
  const records: DmvpnPeer[] = [];
  let tunnel: TunnelHeader | undefined;
  let last: DmvpnPeer | undefined;
  let block: { nbma: string; tunnelAddress?: string; target?: string } | undefined;
  /** Set once `Crypto Session Details:` is read: the lines after it are session blocks. */
  let crypto: CryptoDetails | undefined;

  for (const line of splitLines(text)) {
    const t = line.text.trim();
    if (t === '') continue;
    if (crypto) {
      if (!crypto.read(t) && !isRule(t)) warnings.add(line, 'unrecognised line of the crypto session details', CryptoDetails.expected);
      continue;
    }
    if (/^Crypto Session Details:$/i.test(t)) {
      crypto = new CryptoDetails();
      continue;
    }
    let m = INTERFACE.exec(t);
    if (m) {
      tunnel = { interface: canonicalInterface(m[1]!), family: m[2] === 'IPv6' ? 'ipv6' : 'ipv4', roleRaw: '', nhs: {} };
      last = undefined;
      block = undefined;
      continue;
    }
    m = INTERFACE_AND_TYPE.exec(t);
    if (m) {
      tunnel = { interface: canonicalInterface(m[1]!), family: 'ipv4', roleRaw: m[2]!, interfacePeers: Number(m[3]), nhs: {} };
      last = undefined;
      block = undefined;
      continue;
    }
    const header = detailHeader(t);
    if (header) {
      tunnel = { interface: header.interface, family: header.family, roleRaw: '', detail: header.detail, nhs: {} };
      last = undefined;
      block = undefined;
      continue;
    }
    // The block's lines, and the NHS list, which some releases print after the `Type:` line.
    if (tunnel?.detail && last === undefined && tunnelDetailLine(t, tunnel.detail, tunnel.nhs)) continue;
    m = TYPE.exec(t);
    if (m && tunnel) {
      tunnel.roleRaw = m[1]!;
      tunnel.interfacePeers = Number(m[2]);
      continue;
    }
    m = ROW.exec(t);
    if (m && tunnel) {
      last = peer(tunnel, Number(m[1]), m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7]);
      records.push(last);
      continue;
    }
    m = MORE_WITH_NBMA.exec(t);
    if (m && last && tunnel) {
      last = peer(tunnel, last.entries, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]);
      records.push(last);
      continue;
    }
    const v6 = tunnel ? ipv6PeerLine(t) : undefined;
    if (v6 && tunnel) {
      if (v6.kind === 'peer') block = { nbma: v6.address! };
      else if (block && v6.kind === 'tunnel') block.tunnelAddress = v6.address!;
      else if (block && v6.kind === 'target') block.target = v6.address!;
      else if (block?.tunnelAddress !== undefined && v6.kind === 'entry') {
        // The block layout is IPv6 NHRP's own, whatever family the `detail` header's address suggested.
        const v6Tunnel = { ...tunnel, family: 'ipv6' as const };
        last = peer(v6Tunnel, v6.entries!, block.nbma, block.tunnelAddress, v6.stateRaw!, v6.upDown!, v6.attributesRaw!);
        if (block.target !== undefined) last.targetNetwork = block.target;
        records.push(last);
      } else warnings.add(line, 'peer detail outside a peer block', "'N.Peer NBMA Address:' first, then 'Tunnel IPv6 Address:'");
      continue;
    }
    m = MORE.exec(t);
    if (m && last && tunnel) {
      last = peer(tunnel, last.entries, last.nbmaAddress ?? 'UNKNOWN', m[1]!, m[2]!, m[3]!, m[4]!, m[5]);
      records.push(last);
      continue;
    }
    if (COLUMNS.test(t) || LEGEND.some((re) => re.test(t)) || isLegendCodes(t) || isCaptureNoise(t)) continue;
    warnings.add(line, tunnel ? 'unrecognised line' : 'line outside any tunnel interface');
  }
  crypto?.attach(records);
  return { records, warnings: warnings.list };
}

const isRule = (t: string): boolean => /^-+$/.test(t);

/** `N - NATed, L - Local, X - No Socket`, `T1 - Route Installed, T2 - Nexthop-override`. */
function isLegendCodes(t: string): boolean {
  return t.split(', ').every((part) => /^[A-Z][A-Z0-9]? - [A-Za-z][\w -]*$/.test(part));
}

function peer(
  tunnel: TunnelHeader,
  entries: number,
  nbma: string,
  tunnelAddress: string,
  stateRaw: string,
  upDown: string,
  attributesRaw: string,
  targetNetwork?: string,
): DmvpnPeer {
  const attributes = decodeAttributes(attributesRaw);
  return compact<DmvpnPeer>({
    interface: tunnel.interface,
    family: tunnel.family,
    role: lookup(ROLES, tunnel.roleRaw.toLowerCase()) ?? 'unknown',
    roleRaw: tunnel.roleRaw,
    interfacePeers: tunnel.interfacePeers,
    entries,
    // `UNKNOWN` (genieparser ShowDmvpn golden_output2): the NBMA address is not known.
    nbmaAddress: nbma === 'UNKNOWN' ? undefined : nbma,
    tunnelAddress,
    state: lookup(STATES, stateRaw.toUpperCase()) ?? 'unknown',
    stateRaw,
    upDownSec: parseDuration(upDown),
    type: attributes.includes('static') ? 'static' : attributes.includes('dynamic') ? 'dynamic' : undefined,
    attributes,
    attributesRaw,
    targetNetwork,
    tunnel: tunnel.detail,
  });
}

/** `DT2` -> dynamic, nexthop-override; `SC` -> static, cts-capable; `IX` -> incomplete, no-socket. */
function decodeAttributes(raw: string): DmvpnAttribute[] {
  const out: DmvpnAttribute[] = [];
  for (let i = 0; i < raw.length; i++) {
    const two = i + 1 < raw.length ? lookup(ATTRIBUTES, raw.slice(i, i + 2)) : undefined;
    if (two !== undefined) {
      out.push(two);
      i++;
      continue;
    }
    out.push(lookup(ATTRIBUTES, raw[i]!) ?? 'unknown');
  }
  return out;
}
