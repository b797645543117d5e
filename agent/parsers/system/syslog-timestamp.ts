import type { SyslogTimestamp } from '../../../proto/records/system.js';
import { parseDuration } from '../duration.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * `service timestamps log datetime [msec] [localtime] [show-timezone] [year]`:
 * `Mar  1 00:01:23.456 UTC`, `Nov 23 10:00:01`, `Mar  1 2024 00:01:23 CET`.
 * The year follows the day (IOS prints it there when `year` is configured).
 * The zone is the name given to `clock timezone` / `clock summer-time` (any
 * word: `CET`, `AEST`, `PST8PDT`), or, without one, UTC with the offset
 * (`UTC+2`, `UTC+07:30`, `GMT-5`).
 */
const DATETIME = /([A-Z][a-z]{2}) {1,2}(\d{1,2})(?: (\d{4}))? (\d{1,2}:\d{2}:\d{2}(?:\.\d{1,6})?)(?: ([A-Za-z][\w/+-]*(?::\d{2})?))?: /y;

/** `service timestamps log uptime`: `1d02h`, `2w3d`, `1y2w`, or `00:01:23` in the first day. */
const UPTIME = /(\d+[ywdhms](?:\d+[ywdhms])*|\d{1,3}:\d{2}:\d{2}(?:\.\d{1,6})?): /y;

export interface TimestampMatch {
  timestamp: SyslogTimestamp;
  /** Index just after the timestamp's `: `. */
  end: number;
}

/**
 * Reads an IOS timestamp (with its optional `*`/`.` clock marker and the `: `
 * that ends it) at `pos`; `undefined` when there is none there.
 */
export function readTimestamp(line: string, pos: number): TimestampMatch | undefined {
  let at = pos;
  let clock: SyslogTimestamp['clock'];
  // `*`: the software clock is not authoritative; `.`: it was, but NTP sync was lost (IOS docs, `service timestamps`).
  if (line[at] === '*') {
    clock = 'unsynchronised';
    at++;
  } else if (line[at] === '.') {
    clock = 'sync-lost';
    at++;
  }

  DATETIME.lastIndex = at;
  const d = DATETIME.exec(line);
  if (d) {
    const month = MONTHS.indexOf(d[1]!) + 1;
    const day = Number(d[2]);
    if (month === 0 || day < 1 || day > 31 || Number(d[4]!.split(':')[0]) > 23 || !validClock(d[4]!)) return undefined;
    const ts: SyslogTimestamp = { text: line.slice(at, DATETIME.lastIndex - 2) };
    if (clock) ts.clock = clock;
    ts.month = month;
    ts.day = day;
    if (d[3] !== undefined) ts.year = Number(d[3]);
    ts.time = d[4]!;
    if (d[5] !== undefined) ts.timezone = d[5];
    return { timestamp: ts, end: DATETIME.lastIndex };
  }

  UPTIME.lastIndex = at;
  const u = UPTIME.exec(line);
  if (u) {
    if (u[1]!.includes(':') && !validClock(u[1]!)) return undefined;
    const ts: SyslogTimestamp = { text: u[1]! };
    if (clock) ts.clock = clock;
    const sec = parseDuration(u[1]!);
    if (sec !== undefined) ts.uptimeSec = sec;
    return { timestamp: ts, end: UPTIME.lastIndex };
  }
  return undefined;
}

/** `hh:mm:ss[.fff]` with minutes and seconds below 60 (hours may exceed 23 in uptime stamps). */
function validClock(t: string): boolean {
  const parts = t.split(':');
  return Number(parts[1]) < 60 && Number(parts[2]!.split('.')[0]) < 60;
}
