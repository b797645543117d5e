/**
 * `show crypto ikev2 sa [detailed]`, in the IOS-XE column layout
 * (corpus: genieparser ShowCryptoIkev2SaDetail golden_output2).
 */
import type { RouterModel } from '../router/model.js';
import type { IkeSaRuntime } from '../router/runtime.js';
import { IKE_LIFETIME_SEC, dpdTiming } from '../router/ike-sa.js';
import { pad } from './format.js';
import { IKE_PROPOSAL, cidrToAddressMask, elapsedSec, sortedSas } from './view.js';

const HEADER = 'Tunnel-id Local                 Remote                fvrf/ivrf            Status ';

export function renderIkev2Sa(m: RouterModel, detailed: boolean): string {
  const out: string[] = [' IPv4 Crypto IKEv2  SA', ''];
  for (const sa of sortedSas(m)) {
    out.push(HEADER);
    out.push(
      `${pad(sa.tunnelId, 10)}${pad(`${sa.localAddress}/${sa.port}`, 22)}${pad(`${sa.peerAddress}/${sa.port}`, 22)}${pad('none/none', 21)}READY  `,
    );
    out.push(`      ${IKE_PROPOSAL}`);
    out.push(`      Life/Active Time: ${IKE_LIFETIME_SEC}/${elapsedSec(m, sa.createdAt)} sec`);
    out.push(`      CE id: ${sa.connId}, Session-id: ${sa.sessionId}`);
    if (detailed) out.push('      Status Description: Negotiation done');
    out.push(`      Local spi: ${sa.localSpi}       Remote spi: ${sa.remoteSpi}`);
    if (detailed) out.push(...detail(m, sa));
    out.push('');
  }
  out.push(' IPv6 Crypto IKEv2  SA', '');
  return out.join('\n');
}

function detail(m: RouterModel, sa: IkeSaRuntime): string[] {
  const dpd = m.config.dpd;
  const hub = m.world.hubByAddress(sa.peerAddress);
  const msg = sa.messageId;
  const lines = [
    `      Local id: ${sa.localAddress}`,
    `      Remote id: ${sa.peerAddress}`,
    `      Local req msg id:  ${pad(msg, 15)}Remote req msg id:  ${msg - 2}`,
    `      Local next msg id: ${pad(msg, 15)}Remote next msg id: ${msg - 2}`,
    `      Local req queued:  ${pad(msg, 15)}Remote req queued:  ${msg - 2}`,
    `      Local window:      ${pad(5, 15)}Remote window:      5`,
    dpd
      ? `      DPD configured for ${dpdTiming(m).intervalSec} seconds, retry ${dpd.retryIntervalSec}`
      : '      DPD configured for 0 seconds, retry 0',
    '      Fragmentation not  configured.',
    '      Dynamic Route Update: enabled',
    '      Extended Authentication not configured.',
    sa.natInside ? '      NAT-T is detected inside' : '      NAT-T is not detected',
    '      Cisco Trust Security SGT is disabled',
    '      Initiator of SA : Yes',
    `      Pushed IP address: ${sa.pushedAddress}`,
  ];
  const subnets = hub?.pushedRoutes ?? [];
  if (subnets.length > 0) lines.push('      Remote subnets:', ...subnets.map((p) => `      ${cidrToAddressMask(p)}`));
  return lines;
}
