import type { ParseResult } from '../../../proto/records/common.js';
import type { SyslogRecord, SyslogSeverityName } from '../../../proto/records/system.js';
import { splitLines, Warnings } from '../lines.js';
import { syslogDetail } from './syslog-details.js';
import { readRelayHeader } from './syslog-relay.js';
import { readTimestamp } from './syslog-timestamp.js';

export const SEVERITY_NAMES: readonly SyslogSeverityName[] = [
  'emergency',
  'alert',
  'critical',
  'error',
  'warning',
  'notice',
  'informational',
  'debugging',
];

const PRI = /<(\d{1,3})>/y;
/**
 * The UDP message counter (`logging message-counter syslog`, on by default) and
 * `service sequence-numbers` both print `NNN: `; a counter IOS left empty prints `: `.
 */
const SEQUENCE = /(\d*): /y;
/**
 * `logging host ADDR session-id {hostname|ipv4|ipv6|string}` puts an RFC 5424
 * structured-data element after the counter: `<189>38: [syslog@9 s_id="sw1:666"]: `,
 * which IOS has been seen to print with a space before `=` (a switch's packet capture in
 * leodido/go-syslog #22); a service sequence number may follow it. Read past, not kept.
 */
const STRUCTURED_DATA = /\[[A-Za-z][\w.-]*@\d+(?: [^\]]*)?\]: /y;
/**
 * `logging origin-id hostname|ip|ipv6|string`: `spoke1: `, `10.0.0.1: `,
 * `2001:db8::1: `; a string is the operator's text and may begin with a digit
 * (`1234_service_my-city_ext01a: `, a SIEM's test message, held-out round 6): any word with a letter
 * or `_` in it, as all digits is a counter (read before). A name is never a month followed by a
 * day; an uptime stamp (`1w2d: `) is read before this is tried.
 */
const ORIGIN = /((?=[\w.-]*[A-Za-z_])\w[\w.-]*|\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}): /y;
/**
 * Distributed platforms (7500/12000 VIPs, uBR10k and 7600 line cards) name the
 * processor that raised the message after the counter: `SLOT 6: `, `CLC 6/0: `,
 * `DFC4: ` (syslog-ng's cisco-parser tests). Kept as the message's `location`.
 */
const PROCESSOR_ORIGIN = /((?:SLOT|CLC|VIP|LC|DFC|SP|RP)(?: ?\d+(?:\/\d+)*)?): /y;
/** `logging origin-id string` on some releases goes after the timestamp, before the mnemonic: `*Oct 07 03:10:04: mydevice.com %CRYPTO-...`. */
const TRAILING_ORIGIN = /([A-Za-z0-9][\w.-]*) (?=%[A-Z])/y;
/**
 * `%FACILITY[-UNIT]-SEVERITY-MNEMONIC`: a stack member, supervisor or line card
 * that raised the message names itself between facility and severity
 * (`%PFREDUN-SW1_SP-6-ACTIVE`, `%SYS-DFC4-1-...`, `%FAC-SW1-6-...`).
 */
const MNEMONIC_BODY = '%([A-Z][A-Z0-9_]*)(?:-([A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z][A-Za-z0-9_]*)*))?-([0-7])-([A-Z0-9_]+):?\\s?';
const MNEMONIC = new RegExp(MNEMONIC_BODY, 'y');
/** Anywhere in a line; only used on the buffer's wrapped first line. */
const MNEMONIC_ANYWHERE = new RegExp(MNEMONIC_BODY);

/**
 * IOS-XE messages raised outside IOSd name where and by which process before
 * their text: `F0: cpp_cp: QFP:0.0 ...`, `R0/0: kernel: ...`,
 * `Switch 1 R0/0: stack_mgr: Stack port 1 on Switch 1 is down`, `Chassis 1 R0/0: ...`.
 */
const PLATFORM_ORIGIN = /^((?:(?:Switch|Chassis) \d+ )?(?:[RFSPC]\d+(?:\/\d+)?|SIP\d+|ESP\d+|RP\d+)): ([a-z][\w.-]*): /;

function match(re: RegExp, line: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(line);
}

/**
 * One IOS syslog message, as received over UDP (`<189>123: spoke1: 000045:
 * *Mar  1 00:01:23.456 UTC: %LINK-3-UPDOWN: ...`) or as printed in `show
 * logging`, possibly behind a relay's RFC 3164 / RFC 3339 / RFC 5424 header (the <PRI> before
 * or after it).
 * The IOS header is `[counter: ][[structured data]: ][origin: ][sequence: ][timestamp: ]%MNEMONIC: `,
 * every part optional, but a message needs a timestamp, a mnemonic, or a `<PRI>`
 * or relay header framing it; anything else is not a syslog message and gives `undefined`.
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
  const relay = readRelayHeader(s, pos, rec.priority !== undefined);
  if (relay) {
    if (relay.hostname !== undefined) rec.hostname = relay.hostname;
    pos = relay.end;
    // A relay that files each datagram as received puts its own header before the sender's
    // <PRI> (`Aug 31 08:04:13 172.25.0.1 <190>1807987: ...`, a syslog-ng file in syslog-ng #4125).
    m = rec.priority === undefined ? match(PRI, s, pos) : null;
    if (m && Number(m[1]) <= 191) {
      rec.priority = Number(m[1]);
      pos = PRI.lastIndex;
    }
  }

  const numbers: number[] = [];
  pos = readSequence(s, pos, numbers, rec.priority !== undefined || relay !== undefined);
  m = match(STRUCTURED_DATA, s, pos);
  if (m) pos = readSequence(s, STRUCTURED_DATA.lastIndex, numbers);
  m = match(PROCESSOR_ORIGIN, s, pos);
  if (m && (readTimestamp(s, PROCESSOR_ORIGIN.lastIndex) || match(MNEMONIC, s, PROCESSOR_ORIGIN.lastIndex))) {
    rec.location = m[1]!;
    pos = PROCESSOR_ORIGIN.lastIndex;
  }
  let ts = readTimestamp(s, pos);
  if (!ts) {
    m = match(ORIGIN, s, pos);
    if (m) {
      const after = readSequence(s, ORIGIN.lastIndex, numbers.slice());
      const stamp = readTimestamp(s, after);
      if (stamp || match(MNEMONIC, s, after) || BARE_MNEMONIC.test(s.slice(after))) {
        rec.hostname = m[1]!;
        pos = readSequence(s, ORIGIN.lastIndex, numbers);
        ts = stamp;
      }
    }
  }
  // With both printed, the counter comes first and the service sequence number second.
  if (numbers.length > 0) rec.sequence = numbers[numbers.length - 1];
  if (numbers.length > 1) rec.messageCounter = numbers[0];
  if (ts) {
    rec.timestamp = ts.timestamp;
    pos = ts.end;
  }
  // Only a relay's header dated the message (`no service timestamps log`).
  else if (relay?.timestamp) rec.timestamp = relay.timestamp;

  m = match(MNEMONIC, s, pos);
  if (!m && ts !== undefined && rec.hostname === undefined) {
    const origin = match(TRAILING_ORIGIN, s, pos);
    if (origin && match(MNEMONIC, s, TRAILING_ORIGIN.lastIndex)) {
      rec.hostname = origin[1]!;
      pos = TRAILING_ORIGIN.lastIndex;
      m = match(MNEMONIC, s, pos);
    }
  }
  const text = s.slice(m ? MNEMONIC.lastIndex : pos).trim();
  // Undated and without a mnemonic, a line is a message only when a <PRI> or a relay framed it
  // (RFC 3164 §4.3.3): IOS sends each further line of a multi-line message (`-Traceback= ...`)
  // and mnemonic-less messages (`SSH2 0: Unexpected message received`) as datagrams of their own.
  // A counter alone (`<189>93:`, its space trimmed) frames nothing.
  const framed = (rec.priority !== undefined || relay !== undefined) && !/^(?:\d*:)?$/.test(text);
  if (!m && ts === undefined && !framed) return undefined;
  return withBody(rec, m, text);
}

/**
 * Reads up to two `NNN: ` counters at `pos` into `out`; returns where they end.
 * `: ` alone is an empty counter, but only first thing after the frame: `<189>: *Mar  1 ...`,
 * or a relay's `Mar  1 00:01:24 spoke1 : *Mar  1 ...`.
 */
function readSequence(s: string, pos: number, out: number[], afterFrame = false): number {
  let at = pos;
  for (let i = 0; i < 2; i++) {
    const m = match(SEQUENCE, s, at);
    if (!m) break;
    if (m[1] === '' && !(afterFrame && at === pos)) break;
    if (m[1] !== '') out.push(Number(m[1]));
    at = SEQUENCE.lastIndex;
  }
  return at;
}

/**
 * Some subsystems print `FACILITY-MNEMONIC: text`, without `%` or a severity
 * (`CEF-HWIDB: EDSP0 LES switching vector set to Null` in a 2901's buffer,
 * ntc-templates cisco_ios_show_logging_3). Both parts are upper case; a name with
 * more after it (`IP-EIGRP(0) 100:`) is text.
 */
const BARE_MNEMONIC = /^([A-Z][A-Z0-9_]+)-([A-Z][A-Z0-9_]+): /;

/** Completes a record with its `%FACILITY-SEVERITY-MNEMONIC` (when there is one), text and typed detail. */
function withBody(head: Partial<SyslogRecord>, m: RegExpExecArray | null, body: string): SyslogRecord {
  const rec = { ...head } as SyslogRecord;
  if (rec.timestamp === undefined) delete rec.timestamp;
  let text = body;
  if (m) {
    rec.facility = m[1]!;
    if (m[2] !== undefined) rec.unit = m[2];
    rec.severity = Number(m[3]);
    rec.severityName = SEVERITY_NAMES[rec.severity];
    rec.mnemonic = m[4]!;
  } else {
    const bare = BARE_MNEMONIC.exec(text);
    if (bare) {
      rec.facility = bare[1]!;
      rec.mnemonic = bare[2]!;
      text = text.slice(bare[0].length);
    }
  }
  rec.text = text;
  const origin = PLATFORM_ORIGIN.exec(text);
  if (origin) {
    rec.location = origin[1]!;
    rec.process = origin[2]!;
  }
  const detail = m ? syslogDetail(m[1]!, m[4]!, text) : undefined;
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

/**
 * A line that carries on the message before it rather than starting one: IOS
 * indents a message's wrapped text (`        connection id=29, sequence
 * number=219`, ntc-templates cisco_ios_show_logging_5) and prints the process
 * and traceback of an error on lines of their own (` -Process= "Exec", ipl= 0,
 * pid= 3`, `-Traceback= 6014F8B8 60151A18`).
 */
export function isContinuationLine(text: string): boolean {
  return /^\s+\S/.test(text) || /^-[A-Za-z]+=/.test(text) || MEMORY_POOL.test(text);
}

/**
 * `%SYS-2-MALLOCFAIL` names the pools it tried on lines of their own, unindented:
 * `Pool: Processor  Free: 19548  Cause: Memory fragmentation`, `Alternate Pool: None  Free: 0  Cause: No Alternate pool`.
 */
const MEMORY_POOL = /^(?:Alternate )?Pool: \S+ +Free: \d+ +Cause: /;

/**
 * IOS ends a message's first line with ` --` when its text goes on over the lines
 * that follow, unindented: `%SYS-5-RESTART: System restarted --`, then the software
 * banner (`Cisco IOS Software, ...`, `Technical Support: ...`, `Copyright ...`,
 * `Compiled ... by ...`). Those lines belong to it up to the next message.
 */
export function isOpenEnded(rec: SyslogRecord): boolean {
  return /(?:^|\s)--$/.test(rec.text);
}

/** Many messages, one per line (a capture of received syslog, `spokepilot parse syslog FILE`). */
export function parseSyslogLines(text: string): ParseResult<SyslogRecord> {
  const warnings = new Warnings('[<PRI>][counter: ][host: ][sequence: ][timestamp: ]%FACILITY[-UNIT]-SEVERITY-MNEMONIC: text');
  const records: SyslogRecord[] = [];
  let openEnded = false;
  for (const line of splitLines(text)) {
    if (line.text.trim() === '') continue;
    const rec = parseSyslogLine(line.text);
    const last = records[records.length - 1];
    if (rec) {
      records.push(rec);
      openEnded = isOpenEnded(rec);
    } else if (last && (openEnded || isContinuationLine(line.text))) last.text = `${last.text} ${line.text.trim()}`;
    else warnings.add(line, 'not a syslog message');
  }
  return { records, warnings: warnings.list };
}
