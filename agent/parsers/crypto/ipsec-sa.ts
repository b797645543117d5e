import type { IpsecSa, IpsecSaIdent } from '../../../proto/records/crypto.js';
import type { ParseResult } from '../../../proto/records/common.js';
import { canonicalInterface } from '../interface-name.js';
import { splitLines, Warnings } from '../lines.js';
import { identLine, parseIdent, saLine } from './ipsec-sa-lines.js';

const EMPTY = /^No SAs found$/i;

interface InterfaceBlock {
  interface: string;
  cryptoMapTag?: string;
  localAddress?: string;
}

/**
 * `show crypto ipsec sa` and `show crypto ipsec sa detail` (the detail form adds
 * counter lines). Layout: `interface:` blocks, each holding idents that start at
 * `protected vrf:` (or at `local ident` when IOS omits the vrf line), each ident
 * holding `inbound|outbound esp|ah|pcp sas:` sections of `spi:` entries. One record
 * per ident. Indentation varies between releases and captures (the corpus has it
 * flush left, indented, and double-spaced), so lines are read trimmed. 12.x prints
 * the same blocks with older spellings (`local addr.`, `current_peer: ADDR[:PORT]`,
 * `path mtu N, media mtu N`, a bare outbound SPI, `slot: 0, conn id: N`).
 */
export function parseIpsecSa(text: string): ParseResult<IpsecSaIdent> {
  const warnings = new Warnings(
    "'interface:', 'Crypto map tag:', ident, '#pkts ...' counter, endpoint, MTU, PFS or SA ('spi:', 'transform:', 'sa timing:') lines",
  );
  const records: IpsecSaIdent[] = [];
  let block: InterfaceBlock | undefined;
  let ident: IpsecSaIdent | undefined;
  let section: Pick<IpsecSa, 'direction' | 'protocol'> | undefined;
  let sa: IpsecSa | undefined;

  const startIdent = (b: InterfaceBlock): IpsecSaIdent => {
    const next: IpsecSaIdent = { ...b, counters: {}, sas: [] };
    records.push(next);
    section = undefined;
    sa = undefined;
    return next;
  };

  for (const line of splitLines(text)) {
    const t = line.text.trim();
    if (t === '') continue;
    let m = /^interface:\s*(\S+)$/.exec(t);
    if (m) {
      block = { interface: canonicalInterface(m[1]!) };
      ident = undefined;
      continue;
    }
    if (!block) {
      // IOS-XE's whole answer when the box holds no SA (a C9300 on 17.18 in Muninn#1171's tech-support capture).
      if (EMPTY.test(t)) continue;
      warnings.add(line, 'line outside any interface');
      continue;
    }

    // 12.x ends the label with a full stop: `local addr. 192.0.2.10`.
    m = /^Crypto map tag:\s*([^,]+),\s*local addr\.?\s+(\S+)$/.exec(t);
    if (m) {
      block.cryptoMapTag = m[1]!.trim();
      block.localAddress = m[2]!;
      continue;
    }
    // The IPv6 policy an interface's SAs come from (OSPFv3 authentication): understood, not recorded.
    if (/^IPsecv6 policy name:\s*\S+$/.test(t)) continue;
    m = /^protected vrf:\s*(\S+)$/.exec(t);
    if (m) {
      ident = startIdent(block);
      if (!/^\(?none\)?$/i.test(m[1]!)) ident.protectedVrf = m[1]!;
      continue;
    }
    // `local  ident (addr/mask/prot/port): (20.20.20.0/255.255.255.0/0/0)`
    m = /^(local|remote)\s+ident\s+\([^)]*\):\s*(\([^)]*\))$/.exec(t);
    if (m) {
      if (m[1] === 'local' && (!ident || ident.localIdent)) ident = startIdent(block);
      if (!ident) {
        warnings.add(line, 'remote ident before local ident');
        continue;
      }
      const value = parseIdent(m[2]!);
      if (!value) warnings.add(line, 'unrecognised ident');
      else if (m[1] === 'local') ident.localIdent = value;
      else ident.remoteIdent = value;
      continue;
    }
    if (!ident) {
      warnings.add(line, 'line outside any ident');
      continue;
    }

    m = /^(inbound|outbound) (esp|ah|pcp) sas:$/.exec(t);
    if (m) {
      section = { direction: m[1] as IpsecSa['direction'], protocol: m[2] as IpsecSa['protocol'] };
      sa = undefined;
      continue;
    }
    // IOS-XE hides the SPI of an SA whose keys the hardware holds: `spi: [Not Available]`
    // (genieparser ShowCryptoIpsecSaIpv6Detailed); the SA is kept, its SPI as printed.
    m = /^spi:\s*(0x[0-9A-Fa-f]+|\[Not Available\])(?:\s*\(\d+\))?$/.exec(t);
    if (m && section) {
      sa = { ...section, spi: m[1]! };
      ident.sas.push(sa);
      continue;
    }
    if (sa && saLine(sa, t)) continue;
    if (!identLine(ident, t)) warnings.add(line, 'unrecognised IPsec SA line');
  }
  return { records, warnings: warnings.list };
}
