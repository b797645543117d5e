import type { CryptoSessionFlow, CryptoSessionIkeSa } from '../../../proto/records/crypto.js';
import type { AddressFamily, DmvpnCryptoSession, DmvpnNhs, DmvpnPeer, DmvpnTunnelDetail } from '../../../proto/records/routing.js';
import { ikeSaLine, saLine, sessionStatusOf } from '../crypto/crypto-session.js';
import { parseFlowSelector } from '../crypto/flow-selector.js';
import { canonicalInterface } from '../interface-name.js';

/**
 * `show dmvpn detail` (Cisco IOS Dynamic Multipoint VPN Command Reference, `show dmvpn`):
 * each tunnel interface opens with a block of its own instead of `Interface: TunnelN, IPv4
 * NHRP Details`,
 *
 *   Interface Tunnel0 is up/up, Addr. is 172.16.123.4, VRF ""
 *      Tunnel Src./Dest. addr: 4.4.4.4/MGRE, Tunnel VRF ""
 *      Protocol/Transport: "multi-GRE/IP", Protect "ipsecprof"
 *      Interface State Control: Disabled
 *      nhrp event-publisher : Disabled
 *   IPv4 NHS:
 *   172.16.123.1  RE priority = 0 cluster = 0
 *
 * then the `Type:` line and the peer table with a `Target Network` column, and after all
 * interfaces a `Crypto Session Details:` section of one block per peer's session and a
 * `Pending DMVPN Sessions:` section in the same layout.
 */
const HEADER = /^Interface (\S+) is ([^,]+?),\s*Addr\. is (\S+?),?\s+VRF "([^"]*)"$/;
const SOURCE = /^Tunnel Src\.\/Dest\. addr:\s*(\S+?)\/(\S+),\s*Tunnel VRF "([^"]*)"$/;
// 12.4T and 15.x end the line with a comma.
const PROTOCOL = /^Protocol\/Transport:\s*"([^"]*)",\s*Protect "([^"]*)",?$/;
const STATE_CONTROL = /^Interface State Control:\s*(\S+)$/;
const EVENT_PUBLISHER = /^nhrp event-publisher\s*:\s*(\S+)$/;
// `IPv4 NHS:` alone, its servers on the lines below, or `IPv4 NHS: 10.0.0.1 RE` on one line.
const NHS_HEAD = /^(IPv4|IPv6) NHS:\s*(.*)$/;
// `10.0.0.1  RE priority = 0 cluster = 0`; IOS-XE 17.x adds the server's NBMA address
// (`10.0.0.1  RE  NBMA Address: 192.0.2.1 priority = 0 cluster = 0`, as `show ip nhrp nhs detail` prints it).
const NHS_ENTRY =
  /^([0-9A-Fa-f]*[.:][0-9A-Fa-f:.]*)\s+([ERW]{1,3})(?:\s+NBMA Address:\s*(\S+))?(?:\s+priority\s*=\s*(\d+)\s+cluster\s*=\s*(\d+))?$/;

export interface DetailHeader {
  interface: string;
  family: AddressFamily;
  detail: DmvpnTunnelDetail;
}

/** `Interface Tunnel0 is up/up, Addr. is 10.0.0.1, VRF ""`: a tunnel interface's detail block begins. */
export function detailHeader(t: string): DetailHeader | undefined {
  const m = HEADER.exec(t);
  if (!m) return undefined;
  const detail: DmvpnTunnelDetail = { stateRaw: m[2]!, address: m[3]! };
  if (m[4] !== '') detail.vrf = m[4]!;
  return { interface: canonicalInterface(m[1]!), family: m[3]!.includes(':') ? 'ipv6' : 'ipv4', detail };
}

/**
 * The lines of the block after its header; `nhsFamily` is the family of an `IPvN NHS:` line
 * whose servers follow on their own lines. False when `t` is none of them.
 */
export function tunnelDetailLine(t: string, detail: DmvpnTunnelDetail, nhs: { family?: AddressFamily }): boolean {
  let m = SOURCE.exec(t);
  if (m) {
    detail.source = m[1]!;
    detail.destination = m[2]!;
    if (m[3] !== '') detail.tunnelVrf = m[3]!;
    return true;
  }
  m = PROTOCOL.exec(t);
  if (m) {
    detail.transport = m[1]!;
    if (m[2] !== '') detail.protection = m[2]!;
    return true;
  }
  m = STATE_CONTROL.exec(t);
  if (m) {
    detail.stateControl = m[1]!;
    return true;
  }
  m = EVENT_PUBLISHER.exec(t);
  if (m) {
    detail.eventPublisher = m[1]!;
    return true;
  }
  m = NHS_HEAD.exec(t);
  if (m) {
    nhs.family = m[1] === 'IPv6' ? 'ipv6' : 'ipv4';
    return m[2]!.trim() === '' || addNhs(detail, nhs.family, m[2]!.trim());
  }
  return nhs.family !== undefined && addNhs(detail, nhs.family, t);
}

function addNhs(detail: DmvpnTunnelDetail, family: AddressFamily, t: string): boolean {
  const m = NHS_ENTRY.exec(t);
  if (!m) return false;
  const status = m[2]!;
  const server: DmvpnNhs = {
    family,
    address: m[1]!,
    statusRaw: status,
    expectingReplies: status.includes('E'),
    responding: status.includes('R'),
    waiting: status.includes('W'),
  };
  if (m[3] !== undefined) server.nbmaAddress = m[3];
  if (m[4] !== undefined) server.priority = Number(m[4]);
  if (m[5] !== undefined) server.cluster = Number(m[5]);
  (detail.nhs ??= []).push(server);
  return true;
}

const FVRF = /^fvrf:\s*(\S+?),\s*(?:Phase1_id:\s*(\S+)|IPSEC FLOW:\s*(\S.*))$/;
// A session with no SA yet prints `Outbound SPI : 0x       0, transform : ` (nothing after it).
const OUTBOUND_SPI = /^Outbound SPI\s*:\s*(0x\s*[0-9A-Fa-f]+),\s*transform\s*:\s*(.*)$/;

interface SessionBlock {
  interface: string;
  session: DmvpnCryptoSession;
}

/**
 * The `Crypto Session Details:` and `Pending DMVPN Sessions:` sections: blocks of
 * `Interface:`, `Session: [0x...]`, the IKE SA and IPsec flow lines of `show crypto
 * session detail`, `Crypto Session Status:`, `fvrf: ..., Phase1_id: ...` (or, with no IKE
 * SA, `fvrf: ..., IPSEC FLOW: ...`), `Outbound SPI : ..., transform : ...` and
 * `Socket State:`. Each session is given to the peer of its interface whose NBMA address
 * is the session's remote end; pending sessions are read and not given to any peer.
 */
export class CryptoDetails {
  /** What a warning in these sections says was expected. */
  static readonly expected =
    "a session block: 'Interface:', 'Session: [0x...]', 'IKEv2 SA:', 'Crypto Session Status:', 'fvrf:', 'IPSEC FLOW:', " +
    "'Active SAs:', 'Inbound:' / 'Outbound:', 'Outbound SPI :', 'Socket State:'";

  private readonly sessions: SessionBlock[] = [];
  private current: SessionBlock | undefined;
  private interfaceName: string | undefined;
  private ikeSa: CryptoSessionIkeSa | undefined;
  private flow: CryptoSessionFlow | undefined;
  private sessionId: number | undefined;
  private pending = false;

  /** Reads one line of the sections; false when it is not one of their line kinds. */
  read(t: string): boolean {
    if (/^Pending DMVPN Sessions:$/i.test(t)) {
      this.pending = true;
      this.interfaceName = undefined;
      this.current = undefined;
      return true;
    }
    let m = /^Interface:\s*(\S+)$/.exec(t);
    if (m) {
      this.interfaceName = canonicalInterface(m[1]!);
      this.current = undefined;
      return true;
    }
    if (this.interfaceName === undefined) return false;
    m = /^Session:\s*\[(0x[0-9A-Fa-f]+)\]$/.exec(t);
    if (m) {
      this.open().session.handle = m[1]!;
      return true;
    }
    const ike = ikeSaLine(t);
    if (ike) {
      if (this.sessionId !== undefined) ike.sessionId = this.sessionId;
      this.sessionId = undefined;
      this.ikeSa = ike;
      this.block().session.ikeSas.push(ike);
      return true;
    }
    m = /^Crypto Session Status:\s*(\S+)$/i.exec(t);
    if (m) {
      const s = this.block().session;
      s.statusRaw = m[1]!;
      s.status = sessionStatusOf(m[1]!);
      return true;
    }
    m = FVRF.exec(t);
    if (m) {
      const s = this.block().session;
      if (!/^\(?none\)?$/i.test(m[1]!)) s.fvrf = m[1]!;
      if (m[2] !== undefined) s.phase1Id = m[2];
      return m[3] === undefined || this.addFlow(m[3]);
    }
    m = /^IPSEC FLOW:\s*(\S.*)$/i.exec(t);
    if (m) return this.addFlow(m[1]!);
    m = OUTBOUND_SPI.exec(t);
    if (m) {
      const s = this.block().session;
      s.outboundSpi = m[1]!.replace(/\s+/g, '');
      if (m[2]!.trim() !== '') s.transform = m[2]!.trim();
      return true;
    }
    m = /^Socket State:\s*(\S.*)$/i.exec(t);
    if (m) {
      this.block().session.socketState = m[1]!.trim();
      return true;
    }
    return saLine(t, this.ikeSa, this.flow, (id) => {
      this.sessionId = id;
    });
  }

  /** Gives each session to its peers: same interface, NBMA address = the session's remote end. */
  attach(records: DmvpnPeer[]): void {
    for (const { interface: name, session } of this.sessions) {
      const remote = session.ikeSas[0]?.remoteAddress ?? hostOf(session.flows[0]?.remotePrefix);
      if (remote === undefined) continue;
      for (const peer of records) {
        if (peer.interface === name && peer.nbmaAddress?.toLowerCase() === remote.toLowerCase()) peer.crypto = session;
      }
    }
  }

  private addFlow(acl: string): boolean {
    const selector = parseFlowSelector(acl);
    if (!selector) return false;
    this.flow = { acl: acl.trim(), ...selector };
    this.block().session.flows.push(this.flow);
    return true;
  }

  /** The session being read, or a new one when the block has no `Session:` line (older releases). */
  private block(): SessionBlock {
    return this.current ?? this.open();
  }

  private open(): SessionBlock {
    this.current = { interface: this.interfaceName!, session: { status: 'unknown', statusRaw: '', ikeSas: [], flows: [] } };
    this.ikeSa = undefined;
    this.flow = undefined;
    if (!this.pending) this.sessions.push(this.current);
    return this.current;
  }
}

/** `10.0.0.1/32` -> `10.0.0.1`; a wider prefix names no single peer. */
function hostOf(prefix: string | undefined): string | undefined {
  const m = prefix === undefined ? null : /^(.+)\/(32|128)$/.exec(prefix);
  return m ? m[1] : undefined;
}
