/**
 * `show crypto ipsec sa [peer IP] [detail]`, indented as IOS prints a
 * tunnel-protection interface (corpus: ntc-templates
 * cisco_ios_show_crypto_ipsec_sa_detail_2). GRE over IPsec in transport mode;
 * LTE behind carrier NAT floats to UDP encapsulation.
 */
import type { RouterModel } from '../router/model.js';
import type { IkeSaRuntime } from '../router/runtime.js';
import { IPSEC_LIFETIME_KB, IPSEC_LIFETIME_SEC } from '../router/ike-sa.js';
import { elapsedSec, sortedSas, spiWithDecimal } from './view.js';

const DETAIL_ERRORS = [
  '    #pkts no sa (send) 0, #pkts invalid sa (rcv) 0',
  '    #pkts encaps failed (send) 0, #pkts decaps failed (rcv) 0',
  '    #pkts invalid prot (recv) 0, #pkts verify failed: 0',
  '    #pkts invalid identity (recv) 0, #pkts invalid len (rcv) 0',
  '    #pkts replay rollover (send): 0, #pkts replay rollover (rcv) 0',
  '    ##pkts replay failed (rcv): 0',
  '    #pkts tagged (send): 0, #pkts untagged (rcv): 0',
  '    #pkts not tagged (send): 0, #pkts not untagged (rcv): 0',
  '    #pkts internal err (send): 0, #pkts internal err (recv) 0',
];

export function renderIpsecSa(m: RouterModel, detail: boolean, peer?: string): string {
  const out: string[] = [];
  for (const sa of sortedSas(m)) {
    if (peer !== undefined && sa.peerAddress !== peer) continue;
    out.push(...block(m, sa, detail));
  }
  return out.join('\n');
}

function block(m: RouterModel, sa: IkeSaRuntime, detail: boolean): string[] {
  const map = `${sa.tunnelInterface}-head-0`;
  const { encaps, decaps } = sa.ipsec;
  const settings = sa.natInside ? 'Transport UDP-Encaps' : 'Transport';
  const lifeSec = Math.max(0, IPSEC_LIFETIME_SEC - elapsedSec(m, sa.ipsec.createdAt));
  const lifeKb = Math.max(0, IPSEC_LIFETIME_KB - Math.floor(sa.ipsec.kbUsed));
  const esp = (spi: string, connId: number): string[] => [
    `      spi: ${spiWithDecimal(spi)}`,
    '        transform: esp-256-aes esp-sha256-hmac ,',
    `        in use settings ={${settings}, }`,
    `        conn id: ${connId}, flow_id: Onboard VPN:${connId}, sibling_flags 80000040, crypto map: ${map}`,
    `        sa timing: remaining key lifetime (k/sec): (${lifeKb}/${lifeSec})`,
    '        IV size: 16 bytes',
    '        replay detection support: Y',
    '        Status: ACTIVE(ACTIVE)',
    '',
  ];
  return [
    `interface: ${sa.tunnelInterface}`,
    `    Crypto map tag: ${map}, local addr ${sa.localAddress}`,
    '',
    '   protected vrf: (none)',
    `   local  ident (addr/mask/prot/port): (${sa.localAddress}/255.255.255.255/47/0)`,
    `   remote ident (addr/mask/prot/port): (${sa.peerAddress}/255.255.255.255/47/0)`,
    `   current_peer ${sa.peerAddress} port ${sa.port}`,
    '     PERMIT, flags={origin_is_acl,}',
    `    #pkts encaps: ${encaps}, #pkts encrypt: ${encaps}, #pkts digest: ${encaps}`,
    `    #pkts decaps: ${decaps}, #pkts decrypt: ${decaps}, #pkts verify: ${decaps}`,
    '    #pkts compressed: 0, #pkts decompressed: 0',
    '    #pkts not compressed: 0, #pkts compr. failed: 0',
    '    #pkts not decompressed: 0, #pkts decompress failed: 0',
    ...(detail ? DETAIL_ERRORS : ['    #send errors 0, #recv errors 0']),
    '',
    `     local crypto endpt.: ${sa.localAddress}, remote crypto endpt.: ${sa.peerAddress}`,
    `     plaintext mtu ${sa.natInside ? 1430 : 1438}, path mtu 1500, ip mtu 1500, ip mtu idb ${sa.sourceInterface}`,
    `     current outbound spi: ${spiWithDecimal(sa.ipsec.outboundSpi)}`,
    '     PFS (Y/N): N, DH group: none',
    '',
    '     inbound esp sas:',
    ...esp(sa.ipsec.inboundSpi, sa.ipsec.inboundConnId),
    '     inbound ah sas:',
    '',
    '     inbound pcp sas:',
    '',
    '     outbound esp sas:',
    ...esp(sa.ipsec.outboundSpi, sa.ipsec.outboundConnId),
    '     outbound ah sas:',
    '',
    '     outbound pcp sas:',
    '',
  ];
}
