import type { ParseResult } from '../../../proto/records/common.js';
import type { NhrpEntry, NhrpEntryType } from '../../../proto/records/routing.js';
import { parseDuration } from '../duration.js';
import { canonicalInterface } from '../interface-name.js';
import { splitLines, Warnings } from '../lines.js';
import { isCaptureNoise } from './capture-noise.js';
import { compact, lookup } from './record-helpers.js';

// `100.0.0.2/32 via 100.0.0.2` (IOS-XE, genieparser ShowIpNhrp golden_output), the older one-line
// `10.0.0.2/32 via 10.0.0.2, Tunnel0 created 00:17:20, expire 01:42:39`, or an incomplete `10.0.0.3/32`.
const TARGET = /^(\d{1,3}(?:\.\d{1,3}){3}\/\d{1,2})(?:\s+via\s+([^\s,]+))?(?:,\s*(.*))?$/;
const CREATED = /^(\S+) created (\S+), (?:expire (\S+)|never expire)$/;
const TYPE = /^Type: ([^,]+), Flags:\s*(.*)$/;
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
    if (target) {
      current = compact<NhrpEntry>({ target: target[1]!, via: target[2], type: 'unknown', typeRaw: '', flags: [] });
      records.push(current);
      if (target[3] !== undefined && !created(current, target[3])) warnings.add(line, 'unrecognised entry line');
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
