import type { SyslogTimestamp } from '../../../proto/records/system.js';

/**
 * Headers a relay (rsyslog, syslog-ng, a collector) or IOS-XE's own RFC 5424
 * mode puts in front of the IOS message. Only the host and the time are kept:
 * the IOS message that follows carries everything else.
 */
export interface RelayHeader {
  hostname?: string;
  timestamp?: SyslogTimestamp;
  /** Index where the IOS message starts. */
  end: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 3164 §4.1.2: `Mmm dd hh:mm:ss HOST ` (the day space-padded); IOS ends its own stamps with `: `, never a space. */
const RFC3164 = /(([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}:\d{2}:\d{2})) ([\w.:-]*[\w.-]) /y;
/** RFC 3339 §5.6 full-date `T` full-time, `Z` or a numeric offset. */
const RFC3339 = /(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)(Z|[+-]\d{2}:\d{2})/y;
/** RFC 5424 §6: `VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP SD`; `-` is NILVALUE. */
const RFC5424_FIELDS = /([1-9]\d{0,2}) (-|\S+) (\S{1,255}) (\S{1,48}) (\S{1,128}) (\S{1,32}) /y;
/** A relay's RFC 3339 header without the RFC 5424 fields: `TIMESTAMP HOST `. */
const RFC3339_HOST = / ([\w.:-]*[\w.-]) /y;

function at(re: RegExp, s: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(s);
}

/** RFC 5424 headers always start with `<PRI>`, so they are only looked for after one. */
export function readRelayHeader(s: string, pos: number, afterPri: boolean): RelayHeader | undefined {
  return (afterPri ? read5424(s, pos) : undefined) ?? read3339(s, pos) ?? read3164(s, pos);
}

function read3164(s: string, pos: number): RelayHeader | undefined {
  const m = at(RFC3164, s, pos);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2]!) + 1;
  const day = Number(m[3]);
  if (month === 0 || day < 1 || day > 31) return undefined;
  return { hostname: m[5]!, timestamp: { text: m[1]!, month, day, time: m[4]! }, end: RFC3164.lastIndex };
}

function read3339(s: string, pos: number): RelayHeader | undefined {
  const ts = rfc3339(s, pos);
  if (!ts) return undefined;
  const host = at(RFC3339_HOST, s, RFC3339.lastIndex);
  if (!host) return undefined;
  return { hostname: host[1]!, timestamp: ts, end: RFC3339_HOST.lastIndex };
}

function read5424(s: string, pos: number): RelayHeader | undefined {
  const m = at(RFC5424_FIELDS, s, pos);
  if (!m) return undefined;
  const stamp = m[2]!;
  const ts = stamp === '-' ? undefined : rfc3339(stamp, 0);
  if (stamp !== '-' && (!ts || RFC3339.lastIndex !== stamp.length)) return undefined;
  const sdEnd = structuredDataEnd(s, RFC5424_FIELDS.lastIndex);
  if (sdEnd === undefined) return undefined;
  let end = sdEnd;
  if (s[end] === ' ') end++;
  if (s.startsWith('\uFEFF', end)) end++; // RFC 5424 §6.4: a UTF-8 MSG may start with a BOM
  const header: RelayHeader = { end };
  if (m[3] !== '-') header.hostname = m[3]!;
  if (ts) header.timestamp = ts;
  return header;
}

/** `-` or one or more `[id param="value"...]` elements, `\]` escaped inside values (RFC 5424 §6.3). */
function structuredDataEnd(s: string, pos: number): number | undefined {
  if (s[pos] === '-') return pos + 1;
  let i = pos;
  while (s[i] === '[') {
    let quoted = false;
    for (i++; i < s.length; i++) {
      const c = s[i];
      if (c === '\\') {
        i++;
        continue;
      }
      if (c === '"') quoted = !quoted;
      else if (c === ']' && !quoted) break;
    }
    if (i >= s.length) return undefined;
    i++;
  }
  return i === pos ? undefined : i;
}

function rfc3339(s: string, pos: number): SyslogTimestamp | undefined {
  const m = at(RFC3339, s, pos);
  if (!m) return undefined;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return { text: m[0], year: Number(m[1]), month, day, time: m[4]!, timezone: m[5]! };
}
