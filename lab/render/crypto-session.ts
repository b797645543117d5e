/**
 * `show crypto session [detail]` (corpus: ntc-templates
 * cisco_ios_show_crypto_session_detail_ikev2, genieparser ShowCryptoSession).
 * FlexVPN's static tunnel carries GRE, so the flow is `permit 47 host A host B`.
 */
import type { RouterModel } from '../router/model.js';
import type { IkeSaRuntime } from '../router/runtime.js';
import { IKE_LIFETIME_SEC, IPSEC_LIFETIME_KB, IPSEC_LIFETIME_SEC } from '../router/ike-sa.js';
import { hms, iosElapsed } from './format.js';
import { elapsedSec, sortedSas } from './view.js';

const LEGEND = [
  'Code: C - IKE Configuration mode, D - Dead Peer Detection     ',
  'K - Keepalives, N - NAT-traversal, T - cTCP encapsulation     ',
  'X - IKE Extended Authentication, F - IKE Fragmentation',
  'R - IKE Auto Reconnect, U - IKE Dynamic Route Update',
  'S - SIP VPN',
  '',
];

export function renderCryptoSession(m: RouterModel, detail: boolean, remote?: string): string {
  const out: string[] = ['Crypto session current status', ''];
  if (detail) out.push(...LEGEND);
  for (const sa of sortedSas(m)) {
    if (remote !== undefined && sa.peerAddress !== remote) continue;
    out.push(...(detail ? detailBlock(m, sa) : plainBlock(sa)), '');
  }
  for (const [name, rt] of m.rt.clients) {
    const n = rt.negotiation;
    if (!n || (remote !== undefined && n.peerAddress !== remote)) continue;
    const tunnel = m.config.flexClients.get(name)?.connectInterface ?? 'Tunnel0';
    out.push(`Interface: ${tunnel}`, 'Session status: DOWN-NEGOTIATING', `Peer: ${n.peerAddress} port 500 `, '');
  }
  return out.join('\n');
}

function plainBlock(sa: IkeSaRuntime): string[] {
  return [
    `Interface: ${sa.tunnelInterface}`,
    'Profile: default',
    'Session status: UP-ACTIVE     ',
    `Peer: ${sa.peerAddress} port ${sa.port} `,
    `  Session ID: ${sa.sessionId}  `,
    `  IKEv2 SA: local ${sa.localAddress}/${sa.port} remote ${sa.peerAddress}/${sa.port} Active `,
    `  IPSEC FLOW: permit 47 host ${sa.localAddress} host ${sa.peerAddress} `,
    '        Active SAs: 2, origin: crypto map',
  ];
}

function detailBlock(m: RouterModel, sa: IkeSaRuntime): string[] {
  const capabilities = `${m.config.dpd ? 'D' : ''}${sa.natInside ? 'N' : ''}U`;
  const ipsecLeft = Math.max(0, IPSEC_LIFETIME_SEC - elapsedSec(m, sa.ipsec.createdAt));
  const kbLeft = Math.max(0, IPSEC_LIFETIME_KB - Math.floor(sa.ipsec.kbUsed));
  return [
    `Interface: ${sa.tunnelInterface}`,
    'Profile: default',
    `Uptime: ${iosElapsed(elapsedSec(m, sa.createdAt))}`,
    'Session status: UP-ACTIVE     ',
    `Peer: ${sa.peerAddress} port ${sa.port} fvrf: (none) ivrf: (none)`,
    `      Phase1_id: ${sa.peerAddress}`,
    '      Desc: (none)',
    `  Session ID: ${sa.sessionId}  `,
    `  IKEv2 SA: local ${sa.localAddress}/${sa.port} remote ${sa.peerAddress}/${sa.port} Active `,
    `          Capabilities:${capabilities} connid:${sa.connId} lifetime:${hms(IKE_LIFETIME_SEC - elapsedSec(m, sa.createdAt))}`,
    `  IPSEC FLOW: permit 47 host ${sa.localAddress} host ${sa.peerAddress} `,
    '        Active SAs: 2, origin: crypto map',
    `        Inbound:  #pkts dec'ed ${sa.ipsec.decaps} drop 0 life (KB/Sec) ${kbLeft}/${ipsecLeft}`,
    `        Outbound: #pkts enc'ed ${sa.ipsec.encaps} drop 0 life (KB/Sec) ${kbLeft}/${ipsecLeft}`,
  ];
}
