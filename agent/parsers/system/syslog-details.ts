import type {
  BgpAdjacencyDetail,
  CryptoSessionDetail,
  Ikev2SaDetail,
  LinkState,
  SlaThresholdDetail,
  SyslogDetail,
  UpDown,
} from '../../../proto/records/system.js';
import { isIpv4 } from '../address.js';
import { canonicalInterface } from '../interface-name.js';

/**
 * Typed details for the messages the agent reacts to (DESIGN §4: hints that
 * trigger an immediate re-read). Keyed by `FACILITY-MNEMONIC`; severity is not
 * part of the key because IOS trains differ on it (`%LINK-3-UPDOWN` vs `-5-`).
 */
export function syslogDetail(facility: string, mnemonic: string, text: string): SyslogDetail | undefined {
  switch (`${facility}-${mnemonic}`) {
    case 'TRACK-STATE':
      return trackState(text);
    case 'LINEPROTO-UPDOWN':
      return interfaceState('line-protocol', /^Line protocol on Interface (\S+), changed state to (.+)$/, text);
    case 'LINK-UPDOWN':
    case 'LINK-CHANGED':
      return interfaceState('link', /^Interface (\S+), changed state to (.+)$/, text);
    case 'BGP-ADJCHANGE':
      return bgpAdjacency(text);
    case 'CRYPTO-IKEV2_SESSION_STATUS':
      return cryptoSession('ikev2', text);
    case 'CRYPTO-SESSION_STATUS':
      return cryptoSession('crypto', text);
    case 'IKEV2-SA_UP':
      return ikev2Sa('up', text);
    case 'IKEV2-SA_DOWN':
      return ikev2Sa('down', text);
    case 'RTT-IPSLATHRESHOLD':
      return slaThreshold(text);
    default:
      return undefined;
  }
}

function upDown(word: string): UpDown | undefined {
  const w = word.toLowerCase();
  return w === 'up' || w === 'down' ? w : undefined;
}

/** `1 ip sla 1 reachability Up -> Down`, `10 interface Gi0/0 line-protocol Down -> Up` */
function trackState(text: string): SyslogDetail | undefined {
  const m = /^(\d+) (.+?) (Up|Down) -> (Up|Down)$/i.exec(text.trim());
  if (!m) return undefined;
  return { kind: 'track-state', trackId: Number(m[1]), object: m[2]!, from: upDown(m[3]!)!, to: upDown(m[4]!)! };
}

/** `IP SLAs(41): Threshold Occurred for rtt`, `IP SLAs(51): Threshold Cleared for packetLossSD`. */
function slaThreshold(text: string): SlaThresholdDetail | undefined {
  const m = /^IP SLAs\((\d+)\): Threshold (Occurred|Cleared) for (\S+)$/i.exec(text.trim());
  if (!m) return undefined;
  return { kind: 'sla-threshold', operation: Number(m[1]), event: m[2]!.toLowerCase() as 'occurred' | 'cleared', element: m[3]! };
}

const LINK_STATES: Record<string, LinkState> = {
  up: 'up',
  down: 'down',
  'administratively down': 'administratively-down',
  deleted: 'deleted',
};

function interfaceState(kind: 'line-protocol' | 'link', re: RegExp, text: string): SyslogDetail | undefined {
  const m = re.exec(text.trim());
  if (!m) return undefined;
  const stateRaw = m[2]!.trim();
  return { kind, interface: canonicalInterface(m[1]!), state: LINK_STATES[stateRaw.toLowerCase()] ?? 'unknown', stateRaw };
}

/**
 * `neighbor 10.0.0.254 Down BGP Notification sent`, `neighbor 10.0.0.254 Up`,
 * `neighbor 10.1.1.1 vpn vrf CUST Up`. Dynamic (listen-range) neighbours print a
 * leading `*`.
 */
function bgpAdjacency(text: string): BgpAdjacencyDetail | undefined {
  const m = /^neighbor \*?(\S+)(?: vpn vrf (\S+))? (Up|Down)\b\s*(.*)$/i.exec(text.trim());
  if (!m) return undefined;
  const d = { kind: 'bgp-adjacency', neighbor: m[1]! } as BgpAdjacencyDetail;
  if (m[2] !== undefined) d.vrf = m[2];
  d.state = upDown(m[3]!)!;
  if (m[4] !== '') d.reason = m[4]!;
  return d;
}

/** `Peer 198.51.100.1:500` -> address and port. IPv6 peers print no separable port, so they stay whole. */
function splitEndpoint(token: string): { address: string; port?: number } {
  const m = /^(.+):(\d+)$/.exec(token);
  if (m && isIpv4(m[1]!)) return { address: m[1]!, port: Number(m[2]) };
  return { address: token };
}

const vrfValue = (v: string | undefined) => (v === undefined || /^\(?none\)?$/i.test(v) ? undefined : v);

/**
 * `Crypto tunnel v2 is UP.  Peer 198.51.100.1:500       Id: 198.51.100.1`,
 * `Crypto tunnel is DOWN. Peer 10.1.1.2:500 fvrf=(none) ivrf=(none) Id: 10.1.1.2`.
 * The spacing around the dot varies between trains (`is UP  .  Peer`).
 */
function cryptoSession(session: 'ikev2' | 'crypto', text: string): CryptoSessionDetail | undefined {
  const m = /^Crypto tunnel (?:v2 )?is (UP|DOWN)\s*\.?\s*(.*)$/i.exec(text.trim());
  if (!m) return undefined;
  const d: CryptoSessionDetail = { kind: 'crypto-session', session, state: upDown(m[1]!)! };
  const rest = m[2]!;
  const peer = /\bPeer (\S+)/.exec(rest);
  if (peer) {
    const ep = splitEndpoint(peer[1]!);
    d.peerAddress = ep.address;
    if (ep.port !== undefined) d.peerPort = ep.port;
  }
  const fvrf = vrfValue(/\bfvrf(?:[=:]\s*|\s+)(\S+)/i.exec(rest)?.[1]);
  if (fvrf) d.fvrf = fvrf;
  const ivrf = vrfValue(/\bivrf(?:[=:]\s*|\s+)(\S+)/i.exec(rest)?.[1]);
  if (ivrf) d.ivrf = ivrf;
  // EzVPN appends `Username: ... Group: ...` after the identity.
  const id = /\bId: (.+?)(?:\s+(?:Username|User|Group):.*)?$/.exec(rest);
  if (id) d.peerId = id[1]!.trim();
  return d;
}

/**
 * `%IKEV2-5-SA_UP` / `SA_DOWN`. No device capture of these was at hand, so the
 * fields are picked by keyword (`Local`, `Remote`, `fvrf`, `ivrf`, `Reason`)
 * from whatever the train prints; the state comes from the mnemonic itself.
 */
function ikev2Sa(state: UpDown, text: string): Ikev2SaDetail {
  const d: Ikev2SaDetail = { kind: 'ikev2-sa', state };
  const local = /\bLocal:?\s+([0-9A-Fa-f.:]+)/i.exec(text);
  if (local) {
    const ep = splitEndpoint(local[1]!);
    d.localAddress = ep.address;
    if (ep.port !== undefined) d.localPort = ep.port;
  }
  const remote = /\bRemote:?\s+([0-9A-Fa-f.:]+)/i.exec(text);
  if (remote) {
    const ep = splitEndpoint(remote[1]!);
    d.remoteAddress = ep.address;
    if (ep.port !== undefined) d.remotePort = ep.port;
  }
  const fvrf = vrfValue(/\bfvrf(?:[=:]\s*|\s+)(\S+)/i.exec(text)?.[1]);
  if (fvrf) d.fvrf = fvrf;
  const ivrf = vrfValue(/\bivrf(?:[=:]\s*|\s+)(\S+)/i.exec(text)?.[1]);
  if (ivrf) d.ivrf = ivrf;
  const reason = /\bReason:\s*(.+?)\s*$/i.exec(text);
  if (reason) d.reason = reason[1]!;
  return d;
}
