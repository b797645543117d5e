import type { ParseResult } from '../../../proto/records/common.js';
import type { NhrpEntry, NhrpEntryType } from '../../../proto/records/routing.js';
import { maskToLength } from '../address.js';
import { parseDuration } from '../duration.js';
import { canonicalInterface } from '../interface-name.js';
import { splitLines, Warnings } from '../lines.js';
import { isCaptureNoise } from './capture-noise.js';
import { compact, lookup } from './record-helpers.js';

// The target (Cisco IOS IP Addressing Services Command Reference, `show ip nhrp`): `100.0.0.2/32 via 100.0.0.2`
// (IOS-XE, genieparser ShowIpNhrp golden_output), the one-line `10.0.0.2/32 via 10.0.0.2, Tunnel0 created
// 00:17:20, expire 01:42:39`, the same without the comma (`10.1.1.1/24 via 1.1.1.22 Tunnel0 created ...`),
// an incomplete `10.0.0.3/32` or `10.1.1.4, Tunnel1 created ...` (no length: a host), and 12.x's address and
// mask (`10.0.0.2 255.255.255.255, tunnel 100 created 0:00:43 expire 1:59:16`).
const IPV4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}`;
const TARGET = new RegExp(String.raw`^(${IPV4})(?:\/(\d{1,2})| (${IPV4}))?(?:\s+via\s+(${IPV4}))?(?:,?\s+(\S.*\bcreated\b.*))?,?$`);
// `Tunnel0 created 00:17:49, expire 00:01:30`; 12.x: `tunnel 100 created 0:00:43 expire 1:59:16`.
const CREATED = /^(\S+(?: \d[\d/.:]*)?) created (\S+?),? (?:expire (\S+)|never expire)$/;
// `Type: dynamic, Flags: unique registered used`; 12.x: `Type: dynamic Flags: authoritative`.
const TYPE = /^Type: ([^,\s]+(?: [^,\s]+)*?),?\s+Flags:\s*(.*)$/;
const NBMA = /^NBMA address: (\S+)(?:\s+\(Claimed NBMA address: (\S+)\))?(?:\s+\(no-socket\))?$/;
const CLAIMED = /^\(Claimed NBMA address: (\S+)\)$/;
// Per-entry details IOS adds in some releases: understood, not recorded. `Group:` is the NHRP
// group a spoke registered with (`ip nhrp group`; genieparser ShowIpNhrpVrf, IOS-XE).
const DETAIL = [/^Requester: .+$/, /^Preference: \d+$/, /^Cache hits: \d+$/, /^Interface: \S+$/, /^Group: \S+$/];

const TYPES: Record<string, NhrpEntryType> = { static: 'static', dynamic: 'dynamic', incomplete: 'incomplete', local: 'local' };

/** `show ip nhrp`: one record per NHRP cache entry. */
export function parseNhrp(text: string): ParseResult<NhrpEntry> {
  const warnings = new Warnings("'<address>/<len> via <address>' entries, then their Tunnel/Type/NBMA address lines");
  const records: NhrpEntry[] = [];
  let current: NhrpEntry | undefined;

  for (const line of splitLines(text)) {
    const t = line.text.trim();
    if (t === '') continue;
    const target = TARGET.exec(t);
    const prefix = target ? targetPrefix(target[1]!, target[2], target[3]) : undefined;
    if (target && prefix) {
      current = compact<NhrpEntry>({ target: prefix, via: target[4], type: 'unknown', typeRaw: '', flags: [] });
      records.push(current);
      if (target[5] !== undefined && !created(current, target[5])) warnings.add(line, 'unrecognised entry line');
      continue;
    }
    if (current === undefined) {
      if (!isCaptureNoise(t)) warnings.add(line, 'line outside any entry');
      continue;
    }
    if (!detail(current, t) && !isCaptureNoise(t)) warnings.add(line, 'unrecognised entry detail');
  }
  return { records, warnings: warnings.list };
}

/**
 * The target as CIDR: `/len` as printed, a mask converted, and a bare address (an incomplete entry
 * for a host) as /32, the command reference's "the mask is always 255.255.255.255" for hosts.
 */
function targetPrefix(address: string, length: string | undefined, mask: string | undefined): string | undefined {
  if (length !== undefined) return `${address}/${length}`;
  if (mask === undefined) return `${address}/32`;
  const fromMask = maskToLength(mask);
  return fromMask === undefined ? undefined : `${address}/${fromMask}`;
}

/** `Tunnel100 created 00:00:32, expire 00:02:27` / `Tunnel100 created 10w2d, never expire`. */
function created(entry: NhrpEntry, t: string): boolean {
  const m = CREATED.exec(t);
  if (!m) return false;
  entry.interface = canonicalInterface(m[1]!);
  const createdSec = parseDuration(m[2]!);
  if (createdSec !== undefined) entry.createdSec = createdSec;
  const expireSec = m[3] !== undefined ? parseDuration(m[3]) : undefined;
  if (expireSec !== undefined) entry.expireSec = expireSec;
  return true;
}

/** Applies one indented line of an entry; false when not understood. */
function detail(entry: NhrpEntry, t: string): boolean {
  if (created(entry, t)) return true;
  let m = TYPE.exec(t);
  if (m) {
    entry.typeRaw = m[1]!.trim();
    entry.type = lookup(TYPES, entry.typeRaw.toLowerCase()) ?? 'unknown';
    entry.flags = m[2]!.trim() === '' ? [] : m[2]!.trim().toLowerCase().split(/\s+/);
    return true;
  }
  m = NBMA.exec(t);
  if (m) {
    entry.nbmaAddress = m[1]!;
    if (m[2] !== undefined) entry.claimedNbmaAddress = m[2];
    if (t.endsWith('(no-socket)')) entry.noSocket = true;
    return true;
  }
  m = CLAIMED.exec(t);
  if (m) {
    entry.claimedNbmaAddress = m[1]!;
    return true;
  }
  // `(no-socket)` on its own line below the NBMA address (genieparser ShowIpNhrp golden_output).
  if (t === '(no-socket)') {
    entry.noSocket = true;
    return true;
  }
  return DETAIL.some((re) => re.test(t));
}
