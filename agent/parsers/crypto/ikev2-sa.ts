import type { IkeSaStatus, IkeV2Sa } from '../../../proto/records/crypto.js';
import type { ParseResult } from '../../../proto/records/common.js';
import { fields, splitLines, Warnings, type Line } from '../lines.js';
import { DetailedLines, genericDetailLine, otherAttribute } from './ikev2-sa-detail.js';

const STATUS: Record<string, IkeSaStatus> = {
  READY: 'ready',
  'IN-NEG': 'in-negotiation',
  DELETE: 'deleted',
  DELETED: 'deleted',
};

const ENDPOINT = /^(.+)\/(\d+)$/;

/**
 * `show crypto ikev2 sa` and `show crypto ikev2 sa detailed`: the detailed form
 * only adds lines under each SA, so one parser reads both. IPv4 SAs print local
 * and remote on the tunnel's row; IPv6 SAs print them on `Local`/`Remote` lines
 * below it (corpus: genieparser ShowCryptoIkev2Sa golden_output2).
 */
export function parseIkev2Sa(text: string): ParseResult<IkeV2Sa> {
  const warnings = new Warnings(
    "an SA row 'Tunnel-id Local Remote fvrf/ivrf Status', then indented 'Label: value', 'Label is value' or 'Label [not] configured.' lines",
  );
  const records: IkeV2Sa[] = [];
  let family: IkeV2Sa['family'] = 'ipv4';
  let current: IkeV2Sa | undefined;
  const detailed = new DetailedLines();

  for (const line of splitLines(text)) {
    const t = line.text.trim();
    if (t === '') continue;
    if (/^IPv4 Crypto IKEv2\s+SA$/i.test(t)) {
      family = 'ipv4';
      current = undefined;
      continue;
    }
    if (/^IPv6 Crypto IKEv2\s+SA$/i.test(t)) {
      family = 'ipv6';
      current = undefined;
      continue;
    }
    if (/^Tunnel-id\s/.test(t)) continue;

    const row = saRow(t, family);
    if (row) {
      current = row;
      records.push(row);
      continue;
    }
    if (!current) {
      warnings.add(line, 'line outside any SA');
      continue;
    }
    if (detailed.apply(current, t) || detailLine(current, t) || genericDetailLine(current, t)) continue;
    warnings.add(line, 'unrecognised SA detail');
  }
  for (const sa of records) {
    if (sa.localAddress === '' || sa.remoteAddress === '') {
      warnings.add({ n: 0, text: `tunnel ${sa.tunnelId}` } satisfies Line, 'SA without local or remote endpoint');
    }
  }
  return { records, warnings: warnings.list };
}

function saRow(t: string, family: IkeV2Sa['family']): IkeV2Sa | undefined {
  const f = fields(t);
  if (!/^\d+$/.test(f[0] ?? '')) return undefined;
  let local: RegExpExecArray | null = null;
  let remote: RegExpExecArray | null = null;
  let rest: string[];
  if (f.length === 5) {
    local = ENDPOINT.exec(f[1]!);
    remote = ENDPOINT.exec(f[2]!);
    if (!local || !remote) return undefined;
    rest = f.slice(3);
  } else if (f.length === 3) {
    rest = f.slice(1);
  } else {
    return undefined;
  }
  const vrfs = /^(\S+)\/(\S+)$/.exec(rest[0]!);
  if (!vrfs) return undefined;
  const statusRaw = rest[1]!;
  const sa: IkeV2Sa = {
    family,
    tunnelId: Number(f[0]),
    localAddress: local ? local[1]! : '',
    localPort: local ? Number(local[2]) : 0,
    remoteAddress: remote ? remote[1]! : '',
    remotePort: remote ? Number(remote[2]) : 0,
    status: STATUS[statusRaw.toUpperCase()] ?? 'unknown',
    statusRaw,
  };
  if (vrfs[1] !== 'none') sa.fvrf = vrfs[1]!;
  if (vrfs[2] !== 'none') sa.ivrf = vrfs[2]!;
  return sa;
}

/** Applies one indented detail line to the SA; false when the line is not understood. */
export function detailLine(sa: IkeV2Sa, t: string): boolean {
  let m = /^(Local|Remote)\s+(\S+)\/(\d+)$/.exec(t);
  if (m) {
    if (m[1] === 'Local') {
      sa.localAddress = m[2]!;
      sa.localPort = Number(m[3]);
    } else {
      sa.remoteAddress = m[2]!;
      sa.remotePort = Number(m[3]);
    }
    return true;
  }
  if (t.startsWith('Encr:')) {
    for (const part of t.split(',')) {
      // `..., Auth verify: PSK, QR`: a post-quantum preshared key is in use (golden_output3).
      if (part.trim() === 'QR') {
        sa.quantumSafePpk ??= 'enabled';
        continue;
      }
      const kv = /^\s*([^:]+):\s*(.*?)\s*$/.exec(part);
      if (!kv) return false;
      const [key, value] = [kv[1]!.trim(), kv[2]!];
      // Releases differ in case (`keysize`, `Keysize`); an item a later release adds is kept aside.
      switch (key.toLowerCase()) {
        case 'encr':
          sa.encryption = value;
          break;
        case 'keysize':
          sa.keySizeBits = Number(value);
          break;
        case 'prf':
          sa.prf = value;
          break;
        case 'hash':
          sa.hash = value;
          break;
        case 'dh grp':
          sa.dhGroup = Number(value);
          break;
        case 'auth sign':
          sa.authSign = value;
          break;
        case 'auth verify':
          sa.authVerify = value;
          break;
        default:
          otherAttribute(sa, key, value);
      }
    }
    return true;
  }
  m = /^PQC Key Exchange:\s*(\S+)$/i.exec(t);
  if (m) {
    sa.pqcKeyExchange = m[1]!;
    return true;
  }
  m = /^Life\/Active Time:\s*(\d+)\/(\d+) sec$/.exec(t);
  if (m) {
    sa.lifetimeSec = Number(m[1]);
    sa.activeTimeSec = Number(m[2]);
    return true;
  }
  m = /^CE id:\s*(\d+),\s*Session-id:\s*(\d+)$/.exec(t);
  if (m) {
    sa.ceId = Number(m[1]);
    sa.sessionId = Number(m[2]);
    return true;
  }
  m = /^Local spi:\s*([0-9A-Fa-f]+)\s+Remote spi:\s*([0-9A-Fa-f]+)$/.exec(t);
  if (m) {
    sa.localSpi = m[1]!;
    sa.remoteSpi = m[2]!;
    return true;
  }
  return false;
}
