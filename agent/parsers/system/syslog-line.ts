import type { ParseResult } from '../../../proto/records/common.js';
import type { SyslogRecord, SyslogSeverityName } from '../../../proto/records/system.js';
import { splitLines, Warnings } from '../lines.js';
import { syslogDetail } from './syslog-details.js';
import { readTimestamp } from './syslog-timestamp.js';

export const SEVERITY_NAMES: readonly SyslogSeverityName[] = [
  'emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'informational', 'debugging',
];

const PRI = /<(\d{1,3})>/y;
/** A relay's RFC 3164 header (`Mar  1 00:01:23 spoke1 `): time then a space, where IOS puts `: `. */
const RFC3164_HEADER = /([A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2}) ([\w.:-]*[\w.-]) /y;
/** `service sequence-numbers`: `000123: `. */
const SEQUENCE = /(\d+): /y;
/** `logging origin-id hostname`: `spoke1: ` (a name, never a month followed by a day). */
const ORIGIN = /([A-Za-z][\w.-]*): /y;
const MNEMONIC = /%([A-Z0-9_]+)-([0-7])-([A-Z0-9_]+):?\s?/y;
/** Anywhere in a line; only used on the buffer's wrapped first line. */
const MNEMONIC_ANYWHERE = /%([A-Z0-9_]+)-([0-7])-([A-Z0-9_]+):?\s?/;

function match(re: RegExp, line: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(line);
}

/**
 * One IOS syslog message, as received over UDP (`<189>123: spoke1: *Mar  1
 * 00:01:23.456 UTC: %LINK-3-UPDOWN: ...`) or as printed in `show logging`.
 * Every header part is optional, but a message needs a timestamp or a
 * `%FACILITY-SEVERITY-MNEMONIC`; anything else is not a syslog message and
 * gives `undefined`.
 */
export function parseSyslogLine(line: string): SyslogRecord | undefined {
  const s = line.trim();
  const rec: Partial<SyslogRecord> = {};
  let pos = 0;
  let m = match(PRI, s, pos);
  if (m) {
    const pri = Number(m[1]);
    if (pri > 191) return undefined; // RFC 5424 §6.2.1: facility 0-23, severity 0-7
    rec.priority = pri;
    pos = PRI.lastIndex;
  }
  const relay = match(RFC3164_HEADER, s, pos);
  if (relay) { rec.hostname = relay[2]!; pos = RFC3164_HEADER.lastIndex; }
  m = match(SEQUENCE, s, pos);
  if (m) { rec.sequence = Number(m[1]); pos = SEQUENCE.lastIndex; }

  let ts = readTimestamp(s, pos);
  if (!ts) {
    m = match(ORIGIN, s, pos);
    if (m) {
      const after = readTimestamp(s, ORIGIN.lastIndex);
      if (after || match(MNEMONIC, s, ORIGIN.lastIndex)) { rec.hostname = m[1]!; pos = ORIGIN.lastIndex; ts = after; }
    }
  }
  if (ts) { rec.timestamp = ts.timestamp; pos = ts.end; }
  // Only a relay's header dated the message (`no service timestamps log`).
  else if (relay) rec.timestamp = readTimestamp(`${relay[1]}: `, 0)?.timestamp;

  m = match(MNEMONIC, s, pos);
  if (!m && ts === undefined) return undefined;
  const text = s.slice(m ? MNEMONIC.lastIndex : pos).trim();
  return withBody(rec, m, text);
}

/** Completes a record with its `%FACILITY-SEVERITY-MNEMONIC` (when there is one), text and typed detail. */
function withBody(head: Partial<SyslogRecord>, m: RegExpExecArray | null, text: string): SyslogRecord {
  const rec = { ...head } as SyslogRecord;
  if (rec.timestamp === undefined) delete rec.timestamp;
  if (m) {
    rec.facility = m[1]!;
    rec.severity = Number(m[2]);
    rec.severityName = SEVERITY_NAMES[rec.severity];
    rec.mnemonic = m[3]!;
  }
  rec.text = text;
  const detail = m ? syslogDetail(m[1]!, m[3]!, text) : undefined;
  if (detail) rec.detail = detail;
  return rec;
}

/**
 * The oldest line of a wrapped log buffer may have lost its head
 * (`7:04: %LINEPROTO-5-UPDOWN: ...`, ntc-templates cisco_ios_show_logging_1).
 * When a mnemonic survives, the message is kept, flagged `truncated`, with what
 * is left of the header as the timestamp text; otherwise there is nothing to keep.
 */
export function parseTruncatedSyslogLine(line: string): SyslogRecord | undefined {
  const s = line.trim();
  const m = MNEMONIC_ANYWHERE.exec(s);
  if (!m) return undefined;
  const head = s.slice(0, m.index).replace(/:\s*$/, '').trim();
  const rec = withBody(head === '' ? {} : { timestamp: { text: head } }, m, s.slice(m.index + m[0].length).trim());
  rec.truncated = true;
  return rec;
}

/** Many messages, one per line (a capture of received syslog, `spokepilot parse syslog FILE`). */
export function parseSyslogLines(text: string): ParseResult<SyslogRecord> {
  const warnings = new Warnings();
  const records: SyslogRecord[] = [];
  for (const line of splitLines(text)) {
    if (line.text.trim() === '') continue;
    const rec = parseSyslogLine(line.text);
    if (rec) records.push(rec);
    else warnings.add(line, 'not a syslog message');
  }
  return { records, warnings: warnings.list };
}
