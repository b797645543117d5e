/**
 * `show ip nhrp` and `show dmvpn` (layouts: corpus genieparser ShowIpNhrp and
 * ShowDmvpn). A FlexVPN spoke has NHRP entries only for shortcuts to other
 * spokes (lab/router/nhrp/engine.ts): `show ip nhrp` is empty and `show
 * dmvpn` prints only its legend until one is built. An interface with no
 * NHRP peer is left out of `show dmvpn` (unverified against a capture).
 */
import type { RouterModel } from '../router/model.js';
import type { NhrpInterfaceConfig } from '../router/nhrp/config.js';
import { iosElapsed, pad, padLeft } from './format.js';
import { elapsedSec } from './view.js';

export function renderIpNhrp(m: RouterModel): string {
  const t = m.opts.clock.now();
  return m.rt.nhrp.entries
    .flatMap((e) => [
      `${e.target} via ${e.via}`,
      `   ${e.interface} created ${iosElapsed(elapsedSec(m, e.createdAt))}, expire ${iosElapsed(Math.max(0, Math.ceil((e.expiresAt - t) / 1000)))}`,
      `   Type: dynamic, Flags: ${e.flags.join(' ')}`,
      `   NBMA address: ${e.nbma}`,
    ])
    .join('\n');
}

const LEGEND = [
  '',
  'Legend: Attrb --> S - Static, D - Dynamic, I - Incomplete',
  '        N - NATed, L - Local, X - No Socket',
  '        T1 - Route Installed, T2 - Nexthop-override',
  '        C - CTS Capable',
  '        # Ent --> Number of NHRP entries with same NBMA peer',
  '        NHS Status: E --> Expecting Replies, R --> Responding, W --> Waiting',
  '        UpDn Time --> Up or Down Time for a Tunnel',
  '==========================================================================',
  '',
];

export function renderDmvpn(m: RouterModel): string {
  const out = [...LEGEND];
  const byInterface = new Map<string, typeof m.rt.nhrp.entries>();
  for (const e of m.rt.nhrp.entries) byInterface.set(e.interface, [...(byInterface.get(e.interface) ?? []), e]);
  for (const [name, entries] of byInterface) {
    const peers = new Map<string, typeof entries>();
    for (const e of entries) peers.set(e.nbma, [...(peers.get(e.nbma) ?? []), e]);
    out.push(
      `Interface: ${name}, IPv4 NHRP Details `,
      `Type:Spoke, NHRP Peers:${peers.size},`,
      '',
      ' # Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb',
      ' ----- --------------- --------------- ----- -------- -----',
    );
    for (const [nbma, list] of peers) {
      list.forEach((e, i) => {
        const lead = i === 0 ? `${padLeft(list.length, 6)} ${pad(nbma, 15)}` : ' '.repeat(22);
        out.push(
          `${lead}${padLeft(e.via, 16)}${padLeft('UP', 6)} ${padLeft(iosElapsed(elapsedSec(m, e.createdAt)), 8)} ${padLeft(e.attributes, 5)}`,
        );
      });
    }
    out.push('');
  }
  return out.join('\n');
}

/** A tunnel's NHRP lines in `show running-config`. */
export function nhrpConfigLines(n: NhrpInterfaceConfig): string[] {
  const out: string[] = [];
  if (n.networkId !== undefined) out.push(` ip nhrp network-id ${n.networkId}`);
  if (n.holdtimeSec !== undefined) out.push(` ip nhrp holdtime ${n.holdtimeSec}`);
  if (n.redirect) out.push(' ip nhrp redirect');
  if (n.shortcutTemplate !== undefined) out.push(` ip nhrp shortcut virtual-template ${n.shortcutTemplate}`);
  return out;
}
