import type { IpsecCounters, IpsecIdent, IpsecSa, IpsecSaIdent } from '../../../proto/records/crypto.js';
import { canonicalInterface } from '../interface-name.js';
import { slashPrefix } from './flow-selector.js';

/** Counter labels as IOS prints them (after `#`, without a trailing colon). */
const COUNTER_KEYS: Record<string, keyof IpsecCounters> = {
  'pkts encaps': 'pktsEncaps',
  'pkts encrypt': 'pktsEncrypt',
  'pkts digest': 'pktsDigest',
  'pkts decaps': 'pktsDecaps',
  'pkts decrypt': 'pktsDecrypt',
  'pkts verify': 'pktsVerify',
  'pkts compressed': 'pktsCompressed',
  'pkts decompressed': 'pktsDecompressed',
  'pkts not compressed': 'pktsNotCompressed',
  'pkts compr. failed': 'pktsCompressFailed',
  'pkts not decompressed': 'pktsNotDecompressed',
  'pkts decompress failed': 'pktsDecompressFailed',
  'send errors': 'sendErrors',
  'recv errors': 'recvErrors',
  // detail only (corpus: genieparser ShowCryptoIpsecSaDetail, ntc-templates cisco_ios_show_crypto_ipsec_sa_detail)
  'pkts no sa (send)': 'pktsNoSaSend',
  'pkts invalid sa (rcv)': 'pktsInvalidSaRecv',
  'pkts encaps failed (send)': 'pktsEncapsFailedSend',
  'pkts decaps failed (rcv)': 'pktsDecapsFailedRecv',
  'pkts invalid prot (recv)': 'pktsInvalidProtRecv',
  'pkts verify failed': 'pktsVerifyFailed',
  'pkts invalid identity (recv)': 'pktsInvalidIdentityRecv',
  'pkts invalid len (rcv)': 'pktsInvalidLenRecv',
  'pkts replay rollover (send)': 'pktsReplayRolloverSend',
  'pkts replay rollover (rcv)': 'pktsReplayRolloverRecv',
  'pkts replay failed (rcv)': 'pktsReplayFailedRecv',
  'pkts tagged (send)': 'pktsTaggedSend',
  'pkts untagged (rcv)': 'pktsUntaggedRecv',
  'pkts not tagged (send)': 'pktsNotTaggedSend',
  'pkts not untagged (rcv)': 'pktsNotUntaggedRecv',
  'pkts internal err (send)': 'pktsInternalErrSend',
  'pkts internal err (recv)': 'pktsInternalErrRecv',
};

/**
 * A `#pkts encaps: 4, #pkts encrypt: 4, #pkts digest: 4` line. Labels end with
 * or without a colon and IOS doubles the `#` once (`##pkts replay failed (rcv): 0`),
 * so each segment is split at its last space rather than matched as a whole.
 * Returns false when any segment is not a known counter (the known ones are kept).
 */
export function counterLine(counters: IpsecCounters, t: string): boolean {
  let allKnown = true;
  for (const segment of t.split(',')) {
    const s = segment.trim();
    const space = s.lastIndexOf(' ');
    const value = s.slice(space + 1);
    const label = s.slice(0, Math.max(space, 0)).replace(/^#+/, '').replace(/:$/, '').trim().toLowerCase();
    const key = COUNTER_KEYS[label];
    if (space < 0 || key === undefined || !/^\d+$/.test(value)) {
      allKnown = false;
      continue;
    }
    counters[key] = Number(value);
  }
  return allKnown;
}

/** `(20.20.20.0/255.255.255.0/0/0)` or, for IPv6, `(2001:db8::/64/0/0)`. */
export function parseIdent(value: string): IpsecIdent | undefined {
  const parts = value.replace(/^\(|\)$/g, '').split('/');
  const port = parts.pop();
  const protocol = parts.pop();
  const prefix = slashPrefix(parts.join('/'));
  if (prefix === undefined || !/^\d+$/.test(port ?? '') || !/^\d+$/.test(protocol ?? '')) return undefined;
  return { prefix, protocol: Number(protocol), port: Number(port) };
}

/** Lines about the ident as a whole (peer, endpoints, MTU, PFS); false when not one of them. */
export function identLine(ident: IpsecSaIdent, t: string): boolean {
  if (t.startsWith('#')) return counterLine(ident.counters, t);
  let m = /^current_peer\s+(\S+)\s+port\s+(\d+)$/.exec(t);
  if (m) {
    ident.peerAddress = m[1]!;
    ident.peerPort = Number(m[2]);
    return true;
  }
  // 12.x: `current_peer: 198.51.100.7`, and from 12.3 with the port after a colon (`198.51.100.7:500`).
  m = /^current_peer:\s*(\S+)$/.exec(t);
  if (m) {
    const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d+))?$/.exec(m[1]!);
    ident.peerAddress = v4 ? v4[1]! : m[1]!;
    if (v4?.[2] !== undefined) ident.peerPort = Number(v4[2]);
    return true;
  }
  m = /^(PERMIT|DENY), flags=\{([^}]*)\}$/i.exec(t);
  if (m) {
    ident.action = m[1]!.toLowerCase();
    ident.flags = list(m[2]!);
    return true;
  }
  m = /^local crypto endpt\.:\s*(\S+),\s*remote crypto endpt\.:\s*(\S+)$/.exec(t);
  if (m) {
    ident.localEndpoint = m[1]!;
    ident.remoteEndpoint = m[2]!;
    return true;
  }
  // IPv6 endpoints are too long for one line: IOS breaks after the comma
  // (genieparser ShowCryptoIpsecSaInterface golden_output, OSPFv3 SAs on a Catalyst 9000).
  m = /^(local|remote) crypto endpt\.:\s*([^\s,]+),?$/.exec(t);
  if (m) {
    if (m[1] === 'local') ident.localEndpoint = m[2]!;
    else ident.remoteEndpoint = m[2]!;
    return true;
  }
  if (/^(?:plaintext|path) mtu \d/.test(t)) return mtuLine(ident, t);
  // 12.x prints the SPI bare (`current outbound spi: 20890A6F`), later releases with `0x` and in decimal.
  m = /^current outbound spi:\s*(?:0x)?([0-9A-Fa-f]+)(?:\s*\(\d+\))?$/.exec(t);
  if (m) {
    ident.currentOutboundSpi = `0x${m[1]!}`;
    return true;
  }
  if (/^PFS \(Y\/N\):/i.test(t)) return pfsLine(ident, t);
  return false;
}

/**
 * The MTU line, a list of `KIND mtu N` items and the interface the IP MTU is
 * taken from: `plaintext mtu 1438, path mtu 1500, ip mtu 1500, ip mtu idb Gi1`
 * (IOS 15.x and IOS-XE; `ipv6 mtu` for IPv6 SAs), `path mtu 1500, ip mtu 1500,
 * ip mtu idb Gi0/0` (12.4T and early 15.x), `path mtu 1500, media mtu 1500` (12.x).
 */
function mtuLine(ident: IpsecSaIdent, t: string): boolean {
  let ok = true;
  for (const item of t.split(',')) {
    const m = /^(plaintext|path|ip|ipv6|media) mtu (?:(\d+)|idb (\S+))$/.exec(item.trim());
    if (!m || (m[3] !== undefined && m[1] !== 'ip' && m[1] !== 'ipv6')) {
      ok = false;
      continue;
    }
    if (m[3] !== undefined) ident.ipMtuInterface = canonicalInterface(m[3]);
    else if (m[1] === 'plaintext') ident.plaintextMtu = Number(m[2]);
    else if (m[1] === 'path') ident.pathMtu = Number(m[2]);
    else if (m[1] === 'media') ident.mediaMtu = Number(m[2]);
    else ident.ipMtu = Number(m[2]);
  }
  return ok;
}

/**
 * `PFS (Y/N): Y, DH group: group14`: the first item says whether a rekey runs
 * a fresh exchange, the rest are `label: value` items. IOS prints `none`, a
 * name (`group19`) or the number spaced (`group 14`); newer IOS-XE appends
 * further key exchanges (RFC 9370, post-quantum) as more items, kept as printed.
 */
function pfsLine(ident: IpsecSaIdent, t: string): boolean {
  const items = t
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const pfs = /^PFS \(Y\/N\):\s*([YN])$/i.exec(items[0] ?? '');
  if (!pfs) return false;
  ident.pfs = pfs[1]!.toUpperCase() === 'Y';
  let ok = true;
  for (const item of items.slice(1)) {
    const kv = /^([A-Za-z][\w ()-]*?)\s*:\s*(\S.*)$/.exec(item);
    if (!kv) {
      ok = false;
      continue;
    }
    if (/^DH group$/i.test(kv[1]!)) {
      const group = kv[2]!.replace(/^group\s+(\d+)$/i, 'group$1');
      if (group.toLowerCase() !== 'none') ident.dhGroup = group;
    } else {
      (ident.additionalKeyExchanges ??= []).push(`${kv[1]}: ${kv[2]}`);
    }
  }
  return ok;
}

const UNIT_SECONDS: Record<string, number> = { day: 86_400, hour: 3600, min: 60, sec: 1 };

/** `4 hours, 2 mins` -> 14520. */
function wordsToSeconds(text: string): number {
  let total = 0;
  for (const m of text.matchAll(/(\d+) (day|hour|min|sec)s?/g)) total += Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  return total;
}

/** Lines under one `spi:` of an SA section; false when not one of them. */
export function saLine(sa: IpsecSa, t: string): boolean {
  if (t.startsWith('transform:')) {
    // `transform: esp-256-aes esp-sha256-hmac ,`
    sa.transform = t.slice('transform:'.length).replace(/,\s*$/, '').trim();
    return true;
  }
  let m = /^in use settings\s*=\s*\{([^}]*)\}$/.exec(t);
  if (m) {
    sa.settings = list(m[1]!);
    return true;
  }
  if (t.startsWith('conn id:') || t.startsWith('slot:')) return connLine(sa, t);
  m = /^sa timing: remaining key lifetime \(k\/sec\):\s*\((\d+)\/(\d+)\)$/.exec(t);
  if (m) {
    sa.remainingLifetimeKb = Number(m[1]);
    sa.remainingLifetimeSec = Number(m[2]);
    return true;
  }
  // Volume-based rekey disabled: only seconds are printed.
  m = /^sa timing: remaining key lifetime \(sec\):\s*\(?(\d+)\)?$/.exec(t);
  if (m) {
    sa.remainingLifetimeSec = Number(m[1]);
    return true;
  }
  // IOS-XE 17 on a Catalyst 9000 prints the time left in words: `remaining key lifetime 4 hours, 2 mins`
  // (genieparser ShowCryptoIpsecSaInterface golden_output_2, ShowCryptoIpsecSaPeer).
  m = /^sa timing: remaining key lifetime ((?:\d+ (?:days?|hours?|mins?|secs?)(?:, )?)+)$/.exec(t);
  if (m) {
    sa.remainingLifetimeSec = wordsToSeconds(m[1]!);
    return true;
  }
  // ... and IOS-XE says so on the next line (`set security-association lifetime kilobytes disable`);
  // with no key lifetime kept at all (a hardware-held key), `ekey has been disabled` (same capture).
  if (/^(?:Kilobyte Volume Rekey|ekey) has been disabled$/i.test(t)) return true;
  // An SA with no lifetime of its own (same capture as `spi: [Not Available]`).
  if (/^sa timing: remaining key lifetime is not applicable$/.test(t)) return true;
  m = /^IV size:\s*(\d+) bytes$/.exec(t);
  if (m) {
    sa.ivSizeBytes = Number(m[1]);
    return true;
  }
  // `replay detection support: Y  replay window size: 1024` (ntc-templates cisco_ios_show_crypto_ipsec_sa_detail)
  m = /^replay detection support:\s*([YN])(?:\s+replay window size:\s*(\d+))?$/.exec(t);
  if (m) {
    sa.replayDetection = m[1] === 'Y';
    if (m[2] !== undefined) sa.replayWindowSize = Number(m[2]);
    return true;
  }
  // IOS-XE 16 and later, after the replay line: ECN propagation between the inner and outer
  // header (`crypto ipsec ecn`), supported or not, and whether it is on.
  m = /^ecn bit support:\s*([YN])(?:\s+status:\s*(\S+))?$/i.exec(t);
  if (m) {
    sa.ecnSupport = m[1]!.toUpperCase() === 'Y';
    if (m[2] !== undefined) sa.ecnStatus = m[2].toLowerCase();
    return true;
  }
  m = /^Status:\s*(\S+)$/.exec(t);
  if (m) {
    sa.statusRaw = m[1]!;
    const word = sa.statusRaw.split('(')[0]!.toUpperCase();
    sa.status = word === 'ACTIVE' ? 'active' : word === 'STANDBY' ? 'standby' : 'unknown';
    return true;
  }
  return false;
}

/**
 * `conn id: 2076, flow_id: CSR:76, sibling_flags FFFFFFFF80000048, crypto map: vpn-crypto-map`,
 * with `, initiator : True` on newer IOS-XE (genieparser ShowCryptoIpsecSaDetail golden_output_1);
 * 12.x leads with the engine's slot: `slot: 0, conn id: 2000, flow_id: 1, crypto map: test`.
 */
function connLine(sa: IpsecSa, t: string): boolean {
  let ok = true;
  for (const part of t.split(',')) {
    const p = part.trim();
    let m: RegExpExecArray | null;
    if ((m = /^conn id:\s*(\d+)$/.exec(p))) sa.connId = Number(m[1]);
    else if ((m = /^slot:\s*(\d+)$/.exec(p))) sa.slot = Number(m[1]);
    else if ((m = /^flow_id:\s*(\S.*)$/.exec(p))) sa.flowId = m[1]!;
    else if ((m = /^sibling_flags\s+(\S+)$/.exec(p))) sa.siblingFlags = m[1]!;
    else if ((m = /^crypto map:\s*(\S+)$/.exec(p))) sa.cryptoMap = m[1]!;
    else if ((m = /^initiator\s*:\s*(True|False)$/i.exec(p))) sa.initiator = m[1]!.toLowerCase() === 'true';
    else ok = false;
  }
  return ok;
}

/** `origin_is_acl,` or `Tunnel, esn` -> non-empty trimmed items. */
function list(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
