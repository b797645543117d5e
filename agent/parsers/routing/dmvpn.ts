import type { ParseResult } from '../../../proto/records/common.js';
import type { DmvpnAttribute, DmvpnPeer, DmvpnPeerState, DmvpnRole } from '../../../proto/records/routing.js';
import { parseDuration } from '../duration.js';
import { canonicalInterface } from '../interface-name.js';
import { splitLines, Warnings } from '../lines.js';
import { isCaptureNoise } from './capture-noise.js';
import { ipv6PeerLine } from './dmvpn-ipv6.js';
import { compact, lookup } from './record-helpers.js';

const INTERFACE = /^Interface: ([^,\s]+), (IPv4|IPv6) NHRP Details$/;
const TYPE = /^Type:\s*([^,\s]+),\s*(?:NHRP Peers|Total NBMA Peers \(v4\/v6\)|Peers):\s*(\d+)(?:\/(\d+))?,?$/;
const COLUMNS = /^#?\s*Ent\s+Peer NBMA Addr\s+Peer Tunnel Add\s+State\s+UpDn Tm\s+Attrb$/;
// `1 172.29.0.1   172.30.90.1   IKE  3w5d  S`: # Ent, NBMA, tunnel address, state, up/down, attributes.
const ROW = /^(\d+)\s+(\S+)\s+([0-9A-Fa-f:.]*[.:][0-9A-Fa-f:.]*)\s+([A-Za-z]+)\s+(\S+)\s+([A-Z0-9]+)$/;
// Another tunnel address of the NBMA peer above (genieparser ShowDmvpn golden_output1).
const MORE = /^([0-9A-Fa-f:.]*[.:][0-9A-Fa-f:.]*)\s+([A-Za-z]+)\s+(\S+)\s+([A-Z0-9]+)$/;
// The legend IOS prints above the tables: understood, not recorded.
const LEGEND: readonly RegExp[] = [/^Legend: Attrb --> /, /^# Ent --> /, /^NHS Status: /, /^UpDn Time --> /, /^=+$/, /^-+(?:\s+-+)*$/];

const STATES: Record<string, DmvpnPeerState> = { UP: 'up', DOWN: 'down', NHRP: 'nhrp', IKE: 'ike' };
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
};

interface TunnelHeader {
  interface: string;
  family: DmvpnPeer['family'];
  roleRaw: string;
  interfacePeers?: number;
}

/** `show dmvpn`: one record per peer row, carrying its tunnel interface's header. */
export function parseDmvpn(text: string): ParseResult<DmvpnPeer> {
  const warnings = new Warnings(
    "an 'Interface: TunnelN, ... NHRP Details' line, then 'Type:', 'Peers:' and peer rows '# Ent Peer-NBMA Peer-Tunnel State UpDn Attrb'",
  );
  const records: DmvpnPeer[] = [];
  let tunnel: TunnelHeader | undefined;
  let last: DmvpnPeer | undefined;
  let block: { nbma: string; tunnelAddress?: string; target?: string } | undefined;

  for (const line of splitLines(text)) {
    const t = line.text.trim();
    if (t === '') continue;
    let m = INTERFACE.exec(t);
    if (m) {
      tunnel = { interface: canonicalInterface(m[1]!), family: m[2] === 'IPv6' ? 'ipv6' : 'ipv4', roleRaw: '' };
      last = undefined;
      block = undefined;
      continue;
    }
    m = TYPE.exec(t);
    if (m && tunnel) {
      tunnel.roleRaw = m[1]!;
      tunnel.interfacePeers = Number(m[2]);
      continue;
    }
    m = ROW.exec(t);
    if (m && tunnel) {
      last = peer(tunnel, Number(m[1]), m[2]!, m[3]!, m[4]!, m[5]!, m[6]!);
      records.push(last);
      continue;
    }
    const v6 = tunnel ? ipv6PeerLine(t) : undefined;
    if (v6 && tunnel) {
      if (v6.kind === 'peer') block = { nbma: v6.address! };
      else if (block && v6.kind === 'tunnel') block.tunnelAddress = v6.address!;
      else if (block && v6.kind === 'target') block.target = v6.address!;
      else if (block?.tunnelAddress !== undefined && v6.kind === 'entry') {
        last = peer(tunnel, v6.entries!, block.nbma, block.tunnelAddress, v6.stateRaw!, v6.upDown!, v6.attributesRaw!);
        if (block.target !== undefined) last.targetNetwork = block.target;
        records.push(last);
      } else warnings.add(line, 'peer detail outside a peer block', "'N.Peer NBMA Address:' first, then 'Tunnel IPv6 Address:'");
      continue;
    }
    m = MORE.exec(t);
    if (m && last && tunnel) {
      last = peer(tunnel, last.entries, last.nbmaAddress ?? 'UNKNOWN', m[1]!, m[2]!, m[3]!, m[4]!);
      records.push(last);
      continue;
    }
    if (COLUMNS.test(t) || LEGEND.some((re) => re.test(t)) || isLegendCodes(t) || isCaptureNoise(t)) continue;
    warnings.add(line, tunnel ? 'unrecognised line' : 'line outside any tunnel interface');
  }
  return { records, warnings: warnings.list };
}

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
