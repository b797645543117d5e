/**
 * `show dmvpn` over IPv6 prints each peer as a block rather than a row
 * (DMVPN for IPv6 configuration guide):
 *
 *    1.Peer NBMA Address: 2001:DB8:0:ABCD::1
 *      Tunnel IPv6 Address: 2001:DB8:0:FFFF::1
 *      IPv6 Target Network: FE80::2/128
 *      # Ent: 2, Status: UP, UpDn Time: 00:01:33, Cache Attrib: S
 *
 * a target network and its `# Ent` line repeating for each network of the peer.
 */
export interface Ipv6PeerLine {
  kind: 'peer' | 'tunnel' | 'target' | 'entry';
  index?: number;
  address?: string;
  entries?: number;
  stateRaw?: string;
  upDown?: string;
  attributesRaw?: string;
}

const PEER = /^(\d+)\.\s*Peer NBMA Address:\s*(\S+)$/;
const TUNNEL = /^Tunnel IPv6 Address:\s*(\S+)$/;
const TARGET = /^IPv6 Target Network:\s*(\S+)$/;
const ENTRY = /^# Ent:\s*(\d+),\s*Status:\s*(\w+),\s*UpDn Time:\s*(\S+),\s*Cache Attrib:\s*(\S+)$/;

export function ipv6PeerLine(t: string): Ipv6PeerLine | undefined {
  let m = PEER.exec(t);
  if (m) return { kind: 'peer', index: Number(m[1]), address: m[2]! };
  m = TUNNEL.exec(t);
  if (m) return { kind: 'tunnel', address: m[1]! };
  m = TARGET.exec(t);
  if (m) return { kind: 'target', address: m[1]! };
  m = ENTRY.exec(t);
  if (m) return { kind: 'entry', entries: Number(m[1]), stateRaw: m[2]!, upDown: m[3]!, attributesRaw: m[4]! };
  return undefined;
}
